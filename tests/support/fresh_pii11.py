# ruff: noqa: RUF001
"""An eleventh corpus: shapes and spellings the earlier corpora leave out (values in
:mod:`tests.support.fresh_pii11_values`).

* payloads as vendors document them: a Dynamics 365 contact set in OData v4 (``@odata.etag``,
  ``fullname``, ``mobilephone``, ``telephone1``, ``emailaddress1``, ``address1_line1``,
  ``governmentid``), a NetSuite customer's ``addressBook`` (``addressee``, ``addr1``,
  ``addrPhone`` with a ``转`` extension), a Weimob order's ``logisticsDeliveryDetail``, a Douyin
  Life certificate whose ``verify_info`` is free text, protobuf JSON with a
  ``google.type.PostalAddress`` (``recipients``, ``addressLines``) and a ``PhoneNumber``
  message split into ``countryCode`` and ``nationalNumber``, an RDAP ``vcardArray`` (jCard:
  arrays whose first item names the field);
* carriers: ``application/json-seq`` records after RS characters, a server-sent event whose
  JSON is split over two ``data:`` lines, URL-encoded JSON in a query parameter and twice
  encoded inside a redirect, GraphQL with the values written into the query text, a SOQL
  ``WHERE`` in a query string, SQL in a log line, a phone as the user and a password in a URL,
  an e-mail in Basic auth, a GBK CSV part in a multipart upload, a GBK form;
* spellings: a Hong Kong name in passport order beside a British IBAN grouped by four, Hong
  Kong and Macau travellers in traditional script (home-return permit, exit-entry permit,
  ``+852 … ext. 12``), a plate with its middle dot, a birth date beside an ID;
* ordinary values beside them: UUIDs, an etag, SHA-256 digests, an EAN-13, a SWIFT code, UPS,
  Cainiao and ZTO tracking numbers, amounts with a thousands comma, products named after a
  surname or a place.

Paths: as the tenth corpus (vcrpy hooks, ``mask_text``, a log line, ``mask_value``, a masked
finding, ``privacy scan``/``privacy scrub``) and end to end through the CLI
(:mod:`tests.support.fresh_pii11_cli`).

``python -m tests.support.fresh_pii11`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds. ``FRESH_PII11_CLI=0`` skips the CLI paths.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

from tests.support.fresh_pii import Value
from tests.support.fresh_pii4 import Measure, _interaction, lost_ordinary, traffic_outputs
from tests.support.fresh_pii8 import _finding8
from tests.support.fresh_pii10 import opened10
from tests.support.fresh_pii11_values import ORDINARY, leak_forms, make_values

SEEDS = (11001, 11002, 11003)
CHECK_SEEDS = (11011, 11012, 11013, 11014, 11015)

_BASE = "https://api.partner.example.cn"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def platform_payloads(v: dict[str, str], o: dict[str, str]) -> dict[str, Any]:
    """Answers shaped as vendors document them, by vendor."""
    rid = v["dyn/govid"]
    return {
        "dynamics": {"@odata.context": f"{_BASE}/api/data/v9.2/$metadata#contacts(fullname,"
                                       "mobilephone,telephone1,emailaddress1)",
                     "value": [{"@odata.etag": o["etag"], "contactid": o["contact_id"],
                                "fullname": v["dyn/fullname"], "mobilephone": v["dyn/mobile"],
                                "telephone1": v["dyn/telephone1"],
                                "emailaddress1": v["dyn/email"],
                                "address1_line1": v["dyn/line1"],
                                "address1_city": o["city"],
                                "birthdate": f"{rid[6:10]}-{rid[10:12]}-{rid[12:14]}",
                                "governmentid": rid, "revenue": float(o["cents"]) / 100,
                                "modifiedon": o["iso"]}]},
        "netsuite": {"links": [{"rel": "self", "href": f"{_BASE}/record/v1/customer/"
                                                       f"{o['ns_id']}"}],
                     "id": o["ns_id"], "entityId": o["ns_entity"],
                     "altPhone": v["ns/alt-phone"], "balance": o["amount"],
                     "addressBook": {"items": [{"addressBookAddress": {
                         "addressee": v["ns/addressee"], "addr1": v["ns/addr1"],
                         "addrPhone": f"{v['ns/addr-phone']} 转 806", "city": o["city"],
                         "zip": "518000", "country": {"id": "CN"}}}]}},
        "weimob": {"code": {"errcode": "0", "errmsg": "success"}, "data": {"orderInfo": {
            "orderNo": int(o["wm_order"]), "createTime": int(o["ts_ms"]),
            "deliveryDetail": {"logisticsDeliveryDetail": {
                "receiverName": v["wm/receiver"], "receiverMobile": v["wm/mobile"],
                "receiverAddress": {"province": "广东省", "city": o["city"],
                                    "address": v["wm/address"]},
                "logisticsOrderList": [{"companyName": "中通快递", "number": o["zto"]}]}},
            "remark": f"白天打 {v['wm/remark-phone']}，放门口",
            "items": [{"goodsTitle": o["duck"], "skuCode": o["sku"], "barcode": o["ean"]}]}}},
        "douyin_life": {"data": {"certificates": [{
            "certificate_id": o["dy_cert"],
            "sku": {"sku_id": o["dy_sku"], "title": o["beef"]},
            "amount": {"original_amount": int(o["cents"])},
            "verify_info": f"姓名：{v['dy/contact-name']} 电话：{v['dy/contact-phone']}"}]},
            "extra": {"error_code": 0, "logid": o["sha"][:32]}},
        "protobuf": {"@type": "type.googleapis.com/shop.logistics.v1.Shipment",
                     "shipmentId": o["uuid"], "weightGrams": "1250", "createTime": o["iso"],
                     "destination": {"regionCode": "HK", "languageCode": "zh-Hant",
                                     "administrativeArea": "九龍",
                                     "addressLines": [v["pb/line"]],
                                     "recipients": [v["pb/recipient"]]},
                     "contactPhone": {"countryCode": 853,
                                      "nationalNumber": v["pb/national"]},
                     "trackingNumber": o["ups"]},
        "rdap": {"objectClassName": "entity", "handle": o["ns_entity"], "entities": [{
            "roles": ["registrant"], "vcardArray": ["vcard", [
                ["version", {}, "text", "4.0"], ["fn", {}, "text", v["jc/fn"]],
                ["tel", {"type": ["cell", "voice"]}, "uri", f"tel:+86-{v['jc/tel']}"],
                ["email", {}, "text", v["jc/email"]],
                ["adr", {}, "text", ["", "", v["jc/adr"], o["city"], "广东省", "518000",
                                     "中国"]]]]}]},
    }


def _streams(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    records = [{"type": "contact", "seq": 1, "payload": {"who": v["seq/who"],
                                                         "reach": v["seq/reach"]}},
               {"type": "order", "seq": 2, "payload": {"no": o["wm_order"],
                                                       "total": o["amount"]}}]
    seq = "".join(f"\x1e{_json(record)}\n" for record in records)
    yield "json_seq", _interaction(seq, "application/json-seq", method="GET")
    event = _json({"order": o["wm_order"], "buyer": v["sse/buyer"], "tel": v["sse/tel"],
                   "sku": o["sku"]})
    cut = event.index(', "buyer"') + 1
    sse = (f"id: {o['ts_ms']}\nevent: order.paid\ndata: {event[:cut]}\n"
           f"data: {event[cut:]}\n\n: keep-alive\n\n")
    yield "sse_split", _interaction(sse, "text/event-stream; charset=utf-8", method="GET")


def _queries(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    flt = _json({"receiverMobile": v["qj/mobile"], "receiverName": v["qj/name"],
                 "status": "PAID"})
    yield "query_json", _interaction(_json({"total": 0}), method="GET", uri=(
        f"{_BASE}/v2/orders?{urlencode({'filter': flt, 'page': 1, 'ean': o['ean']})}"))
    callback = "https://m.shop.example.cn/cb?" + urlencode({"data": _json(
        {"email": v["qj2/email"], "phone": v["qj2/phone"], "ref": o["ref"]})})
    yield "query_redirect", _interaction("", "text/html", method="GET", status=302, uri=(
        f"{_BASE}/oauth/authorize?{urlencode({'redirect_uri': callback, 'state': o['uuid']})}"),
        response_headers={"Location": [callback]})
    mutation = ("mutation { customerUpdate(input: {id: \"gid://shop/Customer/" + o["ns_id"]
                + f"\", displayName: \"{v['gql/name']}\", phone: \"{v['gql/phone']}\", "
                f"email: \"{v['gql/email']}\"}}) {{ userErrors {{ field message }} }} }}")
    yield "graphql_literal", _interaction(_json({"data": {"customerUpdate": {
        "userErrors": []}}}), request=_json({"query": mutation}))
    soql = (f"SELECT Id, Name, MobilePhone FROM Contact WHERE MobilePhone = "
            f"'{v['soql/phone']}' OR Email = '{v['soql/email']}' LIMIT 5")
    yield "soql", _interaction(_json({"totalSize": 1, "done": True, "records": [{
        "attributes": {"type": "Contact", "url": f"/services/data/v60.0/sobjects/Contact/"
                                                 f"{o['sf_id']}"},
        "Id": o["sf_id"], "Name": v["soql/name"], "MobilePhone": v["soql/phone"]}]}),
        method="GET", uri=f"{_BASE}/services/data/v60.0/query?{urlencode({'q': soql})}")


def _texts(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    log = (f"{o['stamp']}.123 DEBUG [sync-worker-3] UPDATE crm_contact SET "
           f"contact_mobile='{v['sql/mobile']}', contact_name='{v['sql/name']}', "
           f"addr='{v['sql/addr']}', updated_at='{o['stamp']}' WHERE id={o['ns_id']}; "
           f"rows=1 sha={o['sha']}")
    yield "sql_log", _interaction(log, "text/plain; charset=utf-8", status=500)
    secret = v["ui/password"]
    basic = base64.b64encode(f"{v['basic/email']}:{secret}".encode()).decode()
    yield "credentials", _interaction(_json({"ok": True}), method="GET", uri=(
        f"https://{v['ui/phone-user']}:{secret}@sftp.partner.example.cn/outbox/"
        f"orders_{o['stamp'][:10]}.csv"), request_headers={"Authorization": [f"Basic {basic}"],
                                                          "X-Request-Id": [o["uuid"]]})
    payout = {"payout": {"beneficiary": v["iban/name"], "iban": v["iban/iban"],
                         "swift": o["swift"], "reference": o["ref"], "amount": o["amount"],
                         "currency": "GBP"}}
    yield "payout", _interaction(_json(payout))
    note = (f"旅客 {v['permit/name']}，回鄉證 {v['permit/home-return']}，港澳通行證 "
            f"{v['permit/eep']}，電話 {v['permit/hk-phone']} ext. 12，住址 "
            f"{v['permit/address']}。訂單 {o['wm_order']}，{o['fishball']}")
    yield "permit_note", _interaction(_json({"remark": note, "ts": int(o["ts_ms"])}))
    yield "plate", _interaction(_json({"parking": {"vehicle": {"no": v["plate/dot"],
                                                               "color": "blue"},
                                                   "bay": "B2-117", "fee": o["amount"]}}))


def _uploads(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    csv = (f"订单号,收件人,手机,地址,条码\r\n{o['wm_order']},{v['mp/name']},{v['mp/phone']},"
           f"{v['mp/address']},{o['ean']}\r\n").encode("gbk")
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"batch\"\r\n\r\n"
            f"{o['ref']}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"orders.csv\"\r\nContent-Type: text/csv; charset=GBK\r\n\r\n").encode()
    body += csv + f"\r\n--{boundary}--\r\n".encode()
    yield "multipart_gbk_csv", _interaction(_json({"accepted": 1}), request=body,
                                            request_type=f"multipart/form-data; "
                                                         f"boundary={boundary}")
    form = "&".join(f"{key}={quote(value, encoding='gbk')}" for key, value in (
        ("shr", v["gbkf/name"]), ("shdz", v["gbkf/address"]), ("ddh", o["wm_order"]),
        ("je", o["amount"]), ("spmc", o["ham"]))).encode()
    yield "gbk_form", _interaction(_json({"ok": True}), request=form,
                                   request_type="application/x-www-form-urlencoded; "
                                                "charset=GBK")


def carriers(values: list[Value]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    for vendor, body in platform_payloads(v, o).items():
        yield f"shape/{vendor}", _interaction(_json(body))
    yield from _streams(v, o)
    yield from _queries(v, o)
    yield from _texts(v, o)
    yield from _uploads(v, o)
    yield "near_misses", _interaction(_json(o), request=urlencode(o),
                                      request_type="application/x-www-form-urlencoded")


def opened11(data: Any) -> str:
    """``opened10`` of ``data``, and of it with percent-escapes opened twice and GBK bytes
    read."""
    from urllib.parse import unquote, unquote_to_bytes

    text = opened10(data)
    once = unquote(text)
    twice = unquote(once)
    gbk = unquote_to_bytes(text).decode("gbk", "ignore")
    return " ".join([text, once, twice, gbk])


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    values = make_values(seed)
    pairs = list(carriers(values))
    outputs, given = traffic_outputs(pairs, opened11, _finding8)
    if os.environ.get("FRESH_PII11_CLI", "1") != "0":
        from tests.support.fresh_pii11_cli import cli_outputs

        cli_out, cli_given = cli_outputs(values, seed)
        outputs.update(cli_out)
        given.update(cli_given)
    leaks = sorted({(path, carrier, value.name) for (path, carrier), text in outputs.items()
                    for value in values if any(form in text for form in leak_forms(value))})
    return Measure(leaks + _passed_over(pairs, values), lost_ordinary(outputs, given, ORDINARY))


def _passed_over(pairs: list[tuple[str, dict[str, Any]]], values: list[Value]
                 ) -> list[tuple[str, str, str]]:
    """The interactions holding a planted value that ``privacy scan`` of the raw cassette does
    not name, as leaks of the scan."""
    from tests.support.fresh_pii2 import _scan_hits
    from tests.support.seven_locale_pii import through_cli

    _, output = through_cli(pairs)
    named = _scan_hits(output)
    return [("privacy scan", name, "passed over") for index, (name, interaction)
            in enumerate(pairs) if index not in named and any(
                form in opened11([interaction["request"], interaction["response"]])
                for value in values for form in leak_forms(value))
            and name != "near_misses"]


def main(argv: list[str]) -> int:
    from tests.support.fresh_pii import report_seeds, seeds_chosen

    report_seeds(measure, seeds_chosen(argv, SEEDS, CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
