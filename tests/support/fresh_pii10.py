# ruff: noqa: RUF001
"""A tenth corpus: platforms, carriers and spellings the earlier corpora leave out (values in
:mod:`tests.support.fresh_pii10_values`).

* payloads as platforms document them: Ele.me orders (``consignee``, ``phoneList``,
  ``deliveryPoiAddress``), Vipshop JIT (``buyer``, ``buyer_mobile``), Suning (``customerName``,
  ``mobNum``, ``detailAddress``), Dewu (``receive_name``), TikTok Shop ``recipient_address``
  with ``district_info`` levels and a ``(+1)…`` phone, SAP Business One ``BusinessPartners``
  (``CardName``, ``Cellular``, ``ContactEmployees``), Yonyou ``linkman``/``linkmanMobile``;
* alerts as chat bots post them: a WeCom markdown message with ``<font>`` tags, a Feishu
  interactive card of ``lark_md`` fields;
* carriers: ``text/vcard`` and ``text/calendar`` bodies (``FN``, ``TEL``,
  ``ATTENDEE;CN=…:mailto:…``), forms with bracketed keys (``order[receiver][mobile]``), a
  Twilio SMS webhook, a Mailgun inbound e-mail form, JSON in CDATA in XML in a JSON string, a
  ``data:`` URI of base64 JSON, base64 JSON in an ``X-Userinfo`` header and a JWT payload in
  ``X-Jwt-Payload``, JSON in an HTML attribute (``&quot;``), a Python ``repr`` with ``\\u``
  escapes, a YAML body;
* spellings: pinyin names as ``ZHANG Wei``/``Wei ZHANG``/``ZHANG/WEI``, ``0086`` and
  ``(+86)`` prefixes, a resident ID grouped 6-8-4, phones as keycap emoji, circled digits and
  capital numerals, ``user[at]163[dot]com``, a phone as a float and in E notation, a CSV cell
  with a leading apostrophe;
* ordinary values beside them, products named after a place or a person's surname.

Paths: as the ninth corpus (vcrpy hooks, ``mask_text``, a log line, ``mask_value``, a masked
finding, ``privacy scan``/``privacy scrub``) and end to end through the CLI
(:mod:`tests.support.fresh_pii10_cli`). Outputs are also opened from HTML entities, ``\\u``
escapes, keycaps, circled digits and capital numerals.

``python -m tests.support.fresh_pii10`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds. ``FRESH_PII10_CLI=0`` skips the CLI paths.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from tests.support.fresh_pii import Value
from tests.support.fresh_pii4 import Measure, _interaction, lost_ordinary, traffic_outputs
from tests.support.fresh_pii8 import _finding8
from tests.support.fresh_pii9 import opened9
from tests.support.fresh_pii10_values import (
    ORDINARY,
    capital,
    circled,
    keycap,
    leak_forms,
    make_values,
)

SEEDS = (10001, 10002, 10003)
CHECK_SEEDS = (10011, 10012, 10013, 10014, 10015)

_BASE = "https://open.partner.example.cn"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _b64(data: Any) -> str:
    return base64.b64encode(json.dumps(data, ensure_ascii=False).encode()).decode()


def platform_payloads(v: dict[str, str], o: dict[str, str]) -> dict[str, Any]:
    """Answers shaped as platforms document them, by platform."""
    return {
        "eleme": {"id": o["eleme_order"], "createdAt": o["iso"], "totalPrice": float(o["amount"]),
                  "consignee": v["eleme/consignee"], "phoneList": [v["eleme/phone"]],
                  "deliveryPoiAddress": v["eleme/address"], "deliveryGeo": "120.1551,30.2741",
                  "description": f"不要辣，到了打{v['eleme/remark-phone']}",
                  "groups": [{"items": [{"name": o["duck"], "extendCode": o["sku"]}]}]},
        "vipshop": {"result": {"orders": [{"order_id": o["vip_order"], "po_no": o["vip_po"],
                                           "buyer": v["vip/buyer"],
                                           "buyer_mobile": v["vip/mobile"],
                                           "buyer_address": v["vip/address"],
                                           "state": "广东省", "city": "深圳市",
                                           "product_name": o["tea"], "amount": o["amount"]}]}},
        "suning": {"sn_responseContent": {"sn_body": {"orderGet": {
            "orderCode": o["suning_order"], "customerName": v["suning/customer"],
            "mobNum": v["suning/mob"], "provinceName": "江苏省", "cityName": "南京市",
            "districtName": "玄武区", "detailAddress": v["suning/detail"],
            "orderDetail": [{"productName": o["ticket"], "payAmount": o["amount"]}]}}}},
        "dewu": {"code": 200, "data": {"order_no": o["dewu_order"],
                                       "receive_name": v["dewu/receive-name"],
                                       "receive_mobile": v["dewu/receive-mobile"],
                                       "spu_title": o["shoes"], "pay_time": o["ts"]}},
        "tiktok": {"code": 0, "data": {"orders": [{
            "id": o["tts_order"], "create_time": int(o["ts"]),
            "recipient_address": {"name": v["tts/name"], "phone_number": v["tts/phone"],
                                  "address_line1": v["tts/line1"], "postal_code": "90012",
                                  "district_info": [
                                      {"address_level_name": "Country",
                                       "address_name": "United States"},
                                      {"address_level_name": "State",
                                       "address_name": "California"}]},
            "line_items": [{"product_name": o["gold"], "seller_sku": o["sku"]}]}]}},
        "sap": {"odata.metadata": "$metadata#BusinessPartners", "value": [{
            "CardCode": o["card_code"], "CardName": v["sap/card-name"], "CardType": "cCustomer",
            "Cellular": v["sap/cellular"], "EmailAddress": v["sap/email"],
            "ContactEmployees": [{"Name": v["sap/contact-name"],
                                  "MobilePhone": v["sap/contact-mobile"], "Active": "tYES"}],
            "CurrentAccountBalance": float(o["amount"])}]},
        "yonyou": {"code": "200", "data": {"code": o["card_code"],
                                           "linkman": v["yonyou/linkman"],
                                           "linkmanMobile": v["yonyou/linkman-mobile"],
                                           "version": o["version"],
                                           "details": [{"product": {"name": o["herbal"]},
                                                        "qty": 2}]}},
    }


def _bots(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    md = (f"**新订单** {o['eleme_order']}\n>收货人：<font color=\"info\">{v['bot/md-name']}"
          f"</font>\n>电话：<font color=\"warning\">{v['bot/md-phone']}</font>\n>地址："
          f"{v['bot/md-address']}\n>商品：{o['duck']} ¥{o['amount']}")
    yield "wecom_markdown", _interaction(_json({"errcode": 0}), request=_json(
        {"msgtype": "markdown", "markdown": {"content": md}}))
    card = {"msg_type": "interactive", "card": {"header": {"template": "red", "title": {
        "tag": "plain_text", "content": "异常订单"}}, "elements": [{"tag": "div", "fields": [
            {"is_short": True, "text": {"tag": "lark_md",
                                        "content": f"**客户：**\n{v['card/name']}"}},
            {"is_short": True, "text": {"tag": "lark_md",
                                        "content": f"**手机：**\n{v['card/phone']}"}},
            {"is_short": True, "text": {"tag": "lark_md",
                                        "content": f"**运单：**\n{o['sf']}"}}]}]}}
    yield "feishu_card", _interaction(_json({"code": 0, "msg": "success"}), request=_json(card))


def _documents(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    vcard = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{v['vcard/fn']}\r\nN:{v['vcard/fn'][0]};"
             f"{v['vcard/fn'][1:]};;;\r\nTEL;TYPE=CELL:{v['vcard/tel']}\r\n"
             f"EMAIL;TYPE=INTERNET:{v['vcard/email']}\r\nORG:{o['herbal']}\r\nEND:VCARD\r\n")
    yield "vcard", _interaction(vcard, "text/vcard; charset=utf-8", method="GET")
    ical = (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ops//{o['version']}//ZH\r\n"
            f"BEGIN:VEVENT\r\nUID:{o['ical_uid']}\r\nDTSTART:{o['dtstart']}\r\n"
            f"SUMMARY:上门安装 {o['shoes']}\r\nATTENDEE;CN={v['ical/attendee']};"
            f"ROLE=REQ-PARTICIPANT:mailto:{v['ical/email']}\r\nDESCRIPTION:联系电话 "
            f"{v['ical/phone']}，运单 {o['yt']}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    yield "ical", _interaction(ical, "text/calendar; charset=utf-8", method="GET")
    yaml = (f"order:\n  id: '{o['vip_order']}'\n  receiver:\n    name: {v['yaml/name']}\n"
            f"    mobile: '{v['yaml/mobile']}'\n    address: {v['yaml/address']}\n"
            f"  items:\n  - sku: {o['sku']}\n    title: {o['gold']}\n  amount: {o['amount']}\n")
    yield "yaml", _interaction(yaml, "application/yaml")


def _forms(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    bracket = urlencode({"order[id]": o["dewu_order"], "order[receiver][name]": v["bracket/name"],
                         "order[receiver][mobile]": v["bracket/mobile"],
                         "order[receiver][address]": v["bracket/address"],
                         "order[items][0][sku]": o["sku"], "order[items][0][title]": o["tea"]})
    yield "bracket_form", _interaction(_json({"ok": True}), request=bracket,
                                       request_type="application/x-www-form-urlencoded")
    yield "bracket_query", _interaction(_json({"ok": True}), method="GET",
                                        uri=f"{_BASE}/api/orders?{bracket}")
    sms = urlencode({"ToCountry": "US", "SmsMessageSid": o["message_sid"],
                     "MessageSid": o["message_sid"], "From": v["twilio/from"],
                     "To": "+14155550100", "Body": f"我是{v['twilio/body-name']}，运单{o['sf']}"
                     "改明天送", "NumMedia": "0", "ApiVersion": "2010-04-01"})
    yield "twilio_sms", _interaction("<Response/>", "text/xml", request=sms,
                                     request_type="application/x-www-form-urlencoded")
    mail = urlencode({"sender": v["mail/sender"],
                      "from": f"{v['mail/from-name']} <{v['mail/sender']}>",
                      "recipient": "orders@shop.example.cn", "subject": f"订单 {o['vip_order']}",
                      "body-plain": f"请改送货时间，电话 {v['mail/body-phone']}\n-- \n"
                                    f"{v['mail/from-name']}", "timestamp": o["ts"]})
    yield "mailgun_inbound", _interaction(_json({"message": "ok"}), request=mail,
                                          request_type="application/x-www-form-urlencoded")


def _wrapped(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    inner = _json({"recv": {"nm": v["nest/name"], "tel": v["nest/phone"]},
                   "order": o["suning_order"]})
    xml = f"<request><service>order.push</service><data><![CDATA[{inner}]]></data></request>"
    yield "json_xml_json", _interaction(_json({"code": 0, "payload": xml, "sign": "9f8e7d6c"}))
    uri = "data:application/json;base64," + _b64({"mobile": v["datauri/phone"],
                                                  "waybill": o["yt"]})
    yield "data_uri", _interaction(_json({"attachment": uri, "order": o["tts_order"]}))
    userinfo = _b64({"sub": "248289761001", "email": v["header/userinfo-email"],
                     "phone_number": v["header/userinfo-phone"], "iat": int(o["ts"])})
    payload = base64.urlsafe_b64encode(_json({"uid": 88, "mob": v["header/jwt-phone"],
                                              "exp": int(o["ts"])}).encode()).decode()
    yield "header_userinfo", _interaction(_json({"ok": True}), method="GET", request_headers={
        "X-Userinfo": [userinfo], "X-Jwt-Payload": [payload.rstrip("=")],
        "X-Request-Id": [o["ical_uid"]]})
    attr = html.escape(_json({"receiver": v["html/name"], "phone": v["html/phone"],
                              "sku": o["sku"]}), quote=True)
    page = (f"<html><body><div id=\"order\" data-order=\"{attr}\" style=\"color:{o['color']}\">"
            f"{html.escape(o['duck'])}</div></body></html>")
    yield "html_attr", _interaction(page, "text/html; charset=utf-8", method="GET")
    rep = ("ERROR push failed payload={'name': '" + v["repr/name"].encode(
        "unicode_escape").decode() + f"', 'mobile': '{v['repr/phone']}', 'order': "
        f"'{o['eleme_order']}'}} at {o['iso']}")
    yield "python_repr", _interaction(rep, "text/plain", status=500)


def _spellings(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    rid = v["pax/rid-grouped"]
    booking = {"pnr": "HX7K2M", "pax": [{"n": v["pax/name"], "doc": v["pax/passport"],
                                          "cert": f"{rid[:6]} {rid[6:14]} {rid[14:]}"}],
               "flight": "MU5101", "fare": o["amount"]}
    yield "booking", _interaction(_json(booking))
    chat = (f"亲，加我 {keycap(v['chat/keycap-phone'])} 或者 {circled(v['chat/circled-phone'])}，"
            f"备用 {capital(v['chat/capital-phone'])}，邮箱 "
            f"{v['chat/at-email'].replace('@', '[at]').replace('.com', '[dot]com')}，"
            f"{o['herbal']} 还有货吗？订单 {o['dewu_order']}")
    yield "chat", _interaction(_json({"messages": [{"from_role": "buyer", "content": chat,
                                                    "ts": int(o["ts"])}]}))
    yield "chat_plain", _interaction(chat, "text/plain; charset=utf-8")
    numbers = (f'{{"rows":[{{"contact":{v["num/float-phone"]}.0,"alt":'
               f'{v["num/e-phone"][0]}.{v["num/e-phone"][1:]}E10,"order":{o["vip_order"]},'
               f'"amount":"{o["amount"]}","ts":{o["ts"]}}}]}}')
    yield "numbers", _interaction(numbers)
    csv = (f"单号,联系方式,金额\n{o['suning_order']},'{v['num/apostrophe-phone']},"
           f"{o['amount']}\n")
    yield "csv_apostrophe", _interaction(csv, "text/csv; charset=utf-8")


def carriers(values: list[Value]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    for platform, body in platform_payloads(v, o).items():
        yield f"shape/{platform}", _interaction(_json(body))
    yield from _bots(v, o)
    yield from _documents(v, o)
    yield from _forms(v, o)
    yield from _wrapped(v, o)
    yield from _spellings(v, o)
    yield "near_misses", _interaction(_json(o), request=urlencode(o),
                                      request_type="application/x-www-form-urlencoded")


_KEYCAPS = re.compile("[\ufe0f\u20e3]")
_FOLD = str.maketrans("⓪①②③④⑤⑥⑦⑧⑨零壹贰叁肆伍陆柒捌玖", "01234567890123456789")
_UESC = re.compile(r"\\u([0-9a-fA-F]{4})")


def opened10(data: Any) -> str:
    """``opened9`` of ``data``, then HTML entities and ``\\u`` escapes opened, keycaps dropped
    and circled digits and capital numerals folded to ASCII digits."""
    return unfolded(opened9(data))


def unfolded(text: str) -> str:
    """``text``, and ``text`` with HTML entities and ``\\u`` escapes opened, keycaps dropped and
    circled digits and capital numerals folded to ASCII digits."""
    unescaped = _UESC.sub(lambda m: chr(int(m.group(1), 16)), html.unescape(text))
    folded = _KEYCAPS.sub("", unescaped).translate(_FOLD)
    return " ".join([text, unescaped, folded])


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    values = make_values(seed)
    pairs = list(carriers(values))
    outputs, given = traffic_outputs(pairs, opened10, _finding8)
    if os.environ.get("FRESH_PII10_CLI", "1") != "0":
        from tests.support.fresh_pii10_cli import cli_outputs

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
                form in opened10([interaction["request"], interaction["response"]])
                for value in values for form in leak_forms(value))
            and name != "near_misses"]


def main(argv: list[str]) -> int:
    from tests.support.fresh_pii import report_seeds, seeds_chosen

    report_seeds(measure, seeds_chosen(argv, SEEDS, CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
