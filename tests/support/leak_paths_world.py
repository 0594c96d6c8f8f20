# ruff: noqa: RUF001
"""The planted world of ``leak_paths``: seeded personal values and secrets, the project they are
planted in, the live platform that echoes them back, and a mail server for e-mail alerts."""

from __future__ import annotations

import base64
import json
import random
import socket
import string
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import phonenumbers
from faker import Faker

from tests.support.leak_paths_bare import answer, extra_seeds, plant
from tests.support.pii_dataset import card, resident_id

WIDE = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))


def _valid(region: str, rng: random.Random) -> phonenumbers.PhoneNumber:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    for _ in range(500):
        candidate = phonenumbers.parse(f"+{example.country_code}{national[:-4]}"
                                       f"{rng.randint(0, 9999):04d}")
        if phonenumbers.is_valid_number(candidate):
            return candidate
    return example


def make_seeds(seed: int) -> dict[str, str]:
    """Distinct personal values and secrets, each a different person's (Faker zh_CN, en_US)."""
    rng = random.Random(seed)
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed + 1)

    def mobile() -> str:
        while True:
            number = zh.phone_number()
            if len(number) == 11 and number.startswith("1"):
                return number

    def chars(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    def zh_name() -> str:
        return next(n for n in iter(zh.name, None) if len(n) == 3)

    s: dict[str, str] = {}
    for i in range(1, 7):
        s[f"zh-mobile-{i}"] = mobile()
    dash = mobile()
    s["zh-mobile-dash"] = f"{dash[:3]}-{dash[3:7]}-{dash[7:]}"
    s["zh-mobile-plus"] = "+86 " + mobile()
    s["zh-mobile-wide"] = mobile().translate(WIDE)
    for i in range(1, 3):
        us = _valid("US", rng)
        s[f"us-phone-{i}"] = phonenumbers.format_number(us,
                                                        phonenumbers.PhoneNumberFormat.NATIONAL)
    s["us-phone-intl"] = phonenumbers.format_number(
        _valid("US", rng), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    for i in range(1, 4):
        s[f"email-zh-{i}"] = f"{zh.user_name()}{rng.randint(100, 999)}@{zh.free_email_domain()}"
        s[f"email-en-{i}"] = f"{en.user_name()}{rng.randint(100, 999)}@{en.free_email_domain()}"
    for i in range(1, 4):
        s[f"ric-{i}"] = resident_id(rng, ["110101", "310104", "440106", "330102"],
                                    (1960, 2003))
    s["card-unionpay"] = card(rng, "621700", 19)
    s["card-visa"] = card(rng, "4", 16)
    s["card-master"] = card(rng, "51", 16)
    s["name-zh-1"] = zh_name()
    s["name-zh-2"] = zh_name()
    s["name-en-1"] = f"{en.first_name()} {en.last_name()}"
    s["name-en-2"] = f"{en.first_name()} {en.last_name()}"
    s["addr-zh"] = next(a for a in iter(zh.address, None) if "路" in a or "街" in a)
    s["addr-en"] = en.street_address()
    s["secret-stripe"] = "sk_live_" + chars(24)
    s["secret-github"] = "ghp_" + chars(36)
    s["secret-slack"] = f"xoxb-{rng.randint(10**11, 10**12 - 1)}-{chars(24)}"
    s["secret-aws"] = "AKIA" + chars(16, string.ascii_uppercase + "234567")
    s["secret-bearer"] = chars(40)
    payload = base64.urlsafe_b64encode(json.dumps({"sub": en.user_name()}).encode()).decode()
    s["secret-jwt"] = f"eyJhbGciOiJIUzI1NiJ9.{payload.rstrip('=')}.{chars(43)}"
    s["secret-password"] = "Pw" + chars(14) + "!9"
    s["secret-basic"] = base64.b64encode(
        f"{s['email-en-1']}:{s['secret-password']}".encode()).decode()
    s["secret-env"] = chars(32, string.ascii_lowercase + string.digits)
    s.update(extra_seeds(zh, en))
    return s


def platform_app(s: dict[str, str]) -> Any:
    """A live CRM that echoes personal data everywhere an answer can hold it."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, RedirectResponse, Response
    from starlette.routing import Route

    async def customer(request: Request) -> Response:
        body = {"id": 1, "status": s["email-zh-1"], "total": s["zh-mobile-1"],
                "phone": s["us-phone-1"], s["email-en-1"]: True, "idno": s["ric-1"],
                "card": s["card-visa"], "owner": s["name-zh-1"], "ship_to": s["addr-zh"],
                "api_key": s["secret-stripe"],
                "echo": dict(request.query_params),
                "seen": request.headers.get("authorization", ""), **answer(s)}
        response = JSONResponse(body, headers={
            "X-Customer-Phone": s["zh-mobile-2"], "X-Owner": quote(s["name-zh-2"]),
            "X-Reply-To": s["email-en-2"],
            "Link": f'<{request.url.replace(query="cursor=" + quote(s["email-zh-2"]))}>; '
                    'rel="next"'})
        response.set_cookie("session", s["secret-bearer"])
        response.set_cookie("who", quote(s["name-en-1"]))
        return response

    async def moved(request: Request) -> Response:
        return RedirectResponse(
            f"/v1/customers/2?email={quote(s['email-en-3'])}&tel={quote(s['zh-mobile-3'])}"
            f"&token={s['secret-github']}", status_code=302)

    async def broken(request: Request) -> Response:
        text = (f"upstream failed for {s['name-en-2']} ({s['us-phone-2']}), "
                f"ID {s['ric-2']}, card {s['card-master']}")
        return Response(text, status_code=500, media_type="text/plain")

    async def missing(request: Request) -> Response:
        return JSONResponse({"error": f"no customer with email {s['email-zh-3']}",
                             "hint": f"call {s['zh-mobile-dash']}"}, status_code=404)

    async def gbk(request: Request) -> Response:
        text = json.dumps({"id": 3, "status": "open", "total": "1.00",
                           "beizhu": f"联系人：{s['name-zh-2']} {s['zh-mobile-wide']}",
                           "dizhi": s["addr-zh"]}, ensure_ascii=False)
        return Response(text.encode("gbk"), media_type="application/json; charset=GBK")

    async def xml(request: Request) -> Response:
        text = (f"<?xml version='1.0' encoding='UTF-8'?><customer><id>4</id>"
                f"<status>open</status><total>2.00</total><phone>{s['zh-mobile-4']}</phone>"
                f"<email>{s['email-en-1']}</email><idcard>{s['ric-3']}</idcard></customer>")
        return Response(text, media_type="application/xml")

    async def form(request: Request) -> Response:
        text = (f"id=5&status=open&total=3.00&mobile={quote_plus(s['zh-mobile-5'])}"
                f"&name={quote_plus(s['name-zh-1'], encoding='gbk')}"
                f"&secret={s['secret-slack']}")
        return Response(text, media_type="application/x-www-form-urlencoded; charset=GBK")

    async def escaped(request: Request) -> Response:
        # JSON's own escapes: every non-ASCII character as a \\u escape, full-width digits too
        body = {"收货人": s["name-zh-2"], "手机": s["zh-mobile-wide"], "地址": s["addr-zh"],
                "说明": f"联系人：{s['name-zh-1']}，身份证：{s['ric-3']}"}
        return Response(json.dumps(body), status_code=400, media_type="application/json")

    async def away(request: Request) -> Response:
        return RedirectResponse(f"http://127.0.0.1:9/callback?session={s['secret-env']}"
                                f"&mail={quote(s['email-en-2'])}", status_code=302)

    async def packed(request: Request) -> Response:
        import gzip

        text = json.dumps({"id": 6, "status": "open", "total": "4.00",
                           "mobile": s["zh-mobile-3"], "email": s["email-zh-3"],
                           "idcard": s["ric-2"]})
        return Response(gzip.compress(text.encode()), media_type="application/json",
                        headers={"Content-Encoding": "gzip",
                                 "X-Debug-Query": f"SELECT * FROM c WHERE phone='"
                                                  f"{s['zh-mobile-4']}' AND mail='"
                                                  f"{s['email-en-3']}'"})

    async def page(request: Request) -> Response:
        html = (f"<html><body><h1>502</h1><p>Customer {s['email-en-2']} ({s['zh-mobile-1']})"
                f" &#x5BA2;&#x6237; card {s['card-unionpay']}</p></body></html>")
        return Response(html, status_code=502, media_type="text/html")

    async def openapi(request: Request) -> Response:
        return Response(published_contract(s), media_type="application/yaml")

    routes = [Route("/v1/customers/{id}", customer), Route("/v1/moved", moved),
              Route("/v1/broken", broken), Route("/v1/missing", missing),
              Route("/v1/gbk", gbk), Route("/v1/xml", xml), Route("/v1/form", form),
              Route("/v1/escaped", escaped), Route("/v1/packed", packed),
              Route("/v1/page", page), Route("/v1/away", away),
              Route("/openapi.yaml", openapi)]
    return Starlette(routes=routes)


def contract(s: dict[str, str]) -> str:
    """The CRM's contract, with personal values in its examples (diff and lint quote them)."""
    return textwrap.dedent(f"""\
        openapi: 3.1.0
        info: {{title: CRM, version: v1}}
        paths:
          /customers/{{id}}:
            get:
              operationId: getCustomer
              parameters:
                - {{name: id, in: path, required: true, schema: {{type: integer}}}}
                - {{name: email, in: query, schema: {{type: string, maxLength: 3}},
                    example: "{s['email-en-2']}"}}
                - {{name: tel, in: query, schema: {{type: string}}}}
              responses:
                "200":
                  description: One customer.
                  content:
                    application/json:
                      schema: {{$ref: "#/components/schemas/Customer"}}
          /moved: {{get: {{responses: {{"200": {{description: ok}}}}}}}}
          /broken: {{get: {{responses: {{"200": {{description: ok}}}}}}}}
          /missing: {{get: {{responses: {{"200": {{description: ok}}}}}}}}
          /escaped: {{get: {{responses: {{"200": {{description: ok}}}}}}}}
          /away: {{get: {{responses: {{"200": {{description: ok}}}}}}}}
          /packed: {{get: {{responses: {{"200": {{description: ok}}}}}}}}
          /page: {{get: {{responses: {{"200": {{description: ok}}}}}}}}
          /gbk:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/json: {{schema: {{$ref: "#/components/schemas/Customer"}}}}
          /xml:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/xml: {{schema: {{$ref: "#/components/schemas/Customer"}}}}
          /form:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/x-www-form-urlencoded:
                      schema: {{$ref: "#/components/schemas/Customer"}}
        components:
          schemas:
            Customer:
              type: object
              required: [id, status, total]
              additionalProperties: false
              properties:
                id: {{type: integer}}
                status: {{type: string, enum: [open, closed]}}
                total: {{type: string, pattern: "^[0-9]+[.][0-9]{{2}}$"}}
                phone: {{type: integer, example: "{s['us-phone-intl']}"}}
                owner: {{type: string, maxLength: 40, default: "{s['name-en-2']}"}}
        """)


def published_contract(s: dict[str, str]) -> str:
    """The upstream's newer document: an enum, a default and an example hold personal data."""
    text = contract(s).replace("enum: [open, closed]",
                               f'enum: [open, "{s["email-zh-2"]}"]')
    return text.replace(f'example: "{s["us-phone-intl"]}"',
                        f'example: "{s["zh-mobile-6"]}", maximum: {s["card-unionpay"]}')


def settings(s: dict[str, str], origin: str) -> str:
    query = {"email": s["email-zh-1"], "tel": s["zh-mobile-plus"], "card": s["card-visa"],
             "note": s["name-en-1"], "access_token": s["secret-jwt"]}
    params = ", ".join(f'{k} = "{v}"' for k, v in query.items())
    legacy = f"http://{quote(s['email-zh-3'])}:{s['secret-password']}@127.0.0.1:9"
    spec = f"{origin}/nope.yaml?access_key={s['secret-aws']}&mail={quote(s['email-en-1'])}"
    hook = f"https://hooks.example.cn/in?token={s['secret-slack']}&to={quote(s['email-zh-1'])}"
    return textwrap.dedent(f"""
        [tool.seamguard.alerts]
        urls_env = ["LEAK_ALERTS"]
        min_severity = "info"
        on = ["drift", "quality", "reconcile"]

        [tool.seamguard.platforms.crm]
        versions = ["v1"]
        base_url = "{origin}/{{version}}"
        auth = {{ header = "Authorization", scheme = "Bearer", env = "LEAK_CRM_TOKEN" }}
        published_spec = {{ url = "{origin}/openapi.yaml?owner={quote(s['email-en-3'])}" }}

        [[tool.seamguard.platforms.crm.live]]
        path = "/customers/1"
        params = {{ {params} }}

        [[tool.seamguard.platforms.crm.live]]
        path = "/customers/7?phone={quote(s['us-phone-2'])}&id={s['ric-1']}"

        [[tool.seamguard.platforms.crm.live]]
        path = "/moved"

        [[tool.seamguard.platforms.crm.live]]
        path = "/broken?who={quote(s['name-zh-1'])}"

        [[tool.seamguard.platforms.crm.live]]
        path = "/missing"

        [[tool.seamguard.platforms.crm.live]]
        path = "/gbk"

        [[tool.seamguard.platforms.crm.live]]
        path = "/xml"

        [[tool.seamguard.platforms.crm.live]]
        path = "/form"

        [[tool.seamguard.platforms.crm.live]]
        path = "/escaped"

        [[tool.seamguard.platforms.crm.live]]
        path = "/away"

        [[tool.seamguard.platforms.crm.live]]
        path = "/packed"

        [[tool.seamguard.platforms.crm.live]]
        path = "/page"

        [tool.seamguard.platforms.legacy]
        versions = ["v1"]
        base_url = "{legacy}/{{version}}"
        published_spec = {{ url = "{spec}" }}

        [[tool.seamguard.platforms.legacy.live]]
        path = "/customers/1?tel={s['zh-mobile-2']}"

        [tool.seamguard.platforms.legacy.webhook_urls]
        "{hook}" = "orderPaid"

        [tool.seamguard.datasets.leads]
        path = "data/leads.csv"
        key = ["id"]
        dtypes = {{ phone = "string", card = "string", note = "string", mail = "string" }}
        """)


def dataset(root: Path, s: dict[str, str]) -> None:
    """A dataset and a suite every planted row fails: quality samples and unexpected rows."""
    rows = [("1", s["zh-mobile-1"], s["card-visa"], f"备注：{s['name-zh-1']}", s["email-zh-1"]),
            ("2", s["us-phone-1"], s["card-unionpay"], s["addr-en"], s["email-en-1"]),
            ("3", s["zh-mobile-dash"], s["ric-1"], f"Contact {s['name-en-1']}", "ok"),
            ("4", s["zh-mobile-plus"], s["secret-aws"], s["addr-zh"], s["email-en-2"]),
            ("4", s["us-phone-intl"], s["secret-stripe"], "ok", s["email-zh-2"])]
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "leads.csv").write_text(
        "id,phone,card,note,mail\n" + "".join(",".join(f'"{c}"' for c in row) + "\n"
                                               for row in rows), "utf-8")
    suite = {"name": "leads", "expectations": [
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "phone", "regex": "^\\+86[0-9]{11}$"}},
        {"type": "expect_column_value_lengths_to_be_between",
         "kwargs": {"column": "card", "min_value": 1, "max_value": 4}},
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "note", "value_set": ["ok"]}},
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "mail", "value_set": ["ok"]}},
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "id"}}]}
    (root / "suites" / "leads.json").write_text(json.dumps(suite), "utf-8")


def plant_reconcile(root: Path, s: dict[str, str]) -> None:
    """A customer each side lacks and one the CRM holds differently: reconcile samples."""
    customers = root / "fixtures" / "datasets" / "shopify_customers.jsonl"
    extra = {"id": 7312459001, "email": s["email-zh-3"], "first_name": s["name-zh-2"][1:],
             "last_name": s["name-zh-2"][0], "phone": s["zh-mobile-3"], "state": "enabled",
             "default_address": {"phone": s["us-phone-2"], "province": "上海市",
                                 "city": "上海市", "address1": s["addr-zh"]},
             "updated_at": "2024-01-05T09:00:00Z"}
    with customers.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(extra, ensure_ascii=False) + "\n")
    contacts = root / "fixtures" / "datasets" / "hubspot_contacts.csv"
    lines = contacts.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    first = dict(zip(header, lines[1].split(","), strict=True))
    first["mobilephone"] = s["zh-mobile-4"]
    lines[1] = ",".join(first[h] for h in header)
    lines.append(",".join({"email": s["email-en-3"], "firstname": s["name-en-2"].split()[0],
                           "lastname": s["name-en-2"].split()[1],
                           "mobilephone": s["us-phone-intl"], "city": "北京市",
                           "shopify_customer_id": "7312459002",
                           "lifecyclestage": "customer"}.get(h, "") for h in header))
    contacts.write_text("\n".join(lines) + "\n", "utf-8")


def plant_mapping(root: Path, s: dict[str, str]) -> None:
    """A golden example whose expected output is wrong, with the seeds in it."""
    path = root / "contracts" / "mappings" / "shopify-customer-to-hubspot-contact.yaml"
    text = path.read_text("utf-8") + textwrap.indent(textwrap.dedent(f"""\
        - name: planted customer
          input: {{id: 7312459009, email: "{s['email-en-1']}", first_name: "{s['name-zh-1'][1:]}",
                  last_name: "{s['name-zh-1'][0]}", phone: "{s['zh-mobile-6']}", state: enabled,
                  note: "{s['addr-zh']}", default_address: {{phone: "{s['us-phone-1']}"}}}}
          output: {{email: "{s['email-zh-2']}", mobilephone: "{s['zh-mobile-5']}",
                   city: "{s['ric-2']}"}}
        """), "  ")
    path.write_text(text, "utf-8")


def plant_sync_regression(root: Path, s: dict[str, str]) -> None:
    """A saved failing script (replayed first by ``sync test``) whose customer is the seeds."""
    payload = {
        "admin_graphql_api_id": "gid://shopify/Customer/1", "id": 5829462287001,
        "created_at": "2024-07-10T02:00:00+00:00", "updated_at": "2024-07-10T10:00:00+08:00",
        "state": "disabled", "email": s["email-en-3"], "first_name": s["name-zh-1"][1:],
        "last_name": s["name-zh-1"][0], "phone": s["zh-mobile-plus"],
        "note": f"{s['addr-zh']} 身份证{s['ric-1']} {s['us-phone-1']}",
        "default_address": {"customer_id": 1001, "default": False, "id": 1001,
                            "phone": s["zh-mobile-dash"], "city": "上海市"},
        "last_order_id": None, "last_order_name": None, "multipass_identifier": None}
    script = {"meta": {"property": "normalisation", "variant": "phone_drops_country_code"},
              "events": [{"label": "e1", "event_id": "7c010b66-407b-5e76-be05-d134f98c1033",
                          "topic": "customers/create",
                          "mapping": "shopify-customer-to-hubspot-contact", "payload": payload}],
              "steps": [{"deliver": "e1"}]}
    folder = root / "tests" / "sync-regressions" / "shop_sync"
    folder.mkdir(parents=True)
    (folder / "normalisation-planted.json").write_text(
        json.dumps(script, ensure_ascii=False, indent=1), "utf-8")


def record_file(root: Path, s: dict[str, str]) -> Path:
    path = root / "records" / "customer.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({
        "id": 7312450007, "email": s["email-zh-2"], "first_name": s["name-zh-2"][1:],
        "last_name": s["name-zh-2"][0], "phone": s["zh-mobile-2"], "state": "bogus",
        "note": f"{s['ric-3']} {s['card-master']}",
        "default_address": {"phone": s["us-phone-2"], "city": s["addr-en"]}},
        ensure_ascii=False), "utf-8")
    return path


def cassette(root: Path, s: dict[str, str], origin: str) -> None:
    """A recorded answer that breaks its contract, quoting the seeds in every finding."""
    from tests.support.projects import write_cassette

    body = json.dumps({"id": 1, "status": s["email-en-2"], "total": s["zh-mobile-5"],
                       "phone": s["us-phone-intl"], s["email-zh-3"]: 1,
                       "owner": s["name-en-1"], "idno": s["ric-2"]}, ensure_ascii=False)
    write_cassette(root / "fixtures" / "cassettes" / "crm" / "v1.yaml", [{
        "request": {"method": "GET", "body": None, "headers": {},
                    "uri": f"{origin}/v1/customers/1?tel={quote(s['zh-mobile-6'])}"},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Content-Type": ["application/json"]},
                     "body": {"string": body}}}])


def build(root: Path, s: dict[str, str], origin: str) -> Path:
    from tests.support.projects import copy_example

    copy_example(root, sync_examples=2)
    text = (root / "pyproject.toml").read_text("utf-8")
    (root / "pyproject.toml").write_text(text + settings(s, origin), "utf-8")
    folder = root / "contracts" / "crm" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(contract(s), "utf-8")
    (root / "diff").mkdir()
    (root / "diff" / "openapi.yaml").write_text(published_contract(s), "utf-8")
    (root / "contracts" / "legacy" / "v1").mkdir(parents=True)
    (root / "contracts" / "legacy" / "v1" / "openapi.yaml").write_text(contract(s), "utf-8")
    dataset(root, s)
    plant_sync_regression(root, s)
    plant_reconcile(root, s)
    plant_mapping(root, s)
    record_file(root, s)
    cassette(root, s, origin)
    plant(root, s, origin)
    return root


class MailBox:
    """A minimal SMTP server on 127.0.0.1 that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(4)
        self.port = self._sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as reader:
            conn.sendall(b"220 localhost ESMTP\r\n")
            for raw in reader:
                verb = raw.strip().split(b" ")[0].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250-localhost\r\n250 8BITMIME\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    lines = []
                    for line in reader:
                        if line.rstrip(b"\r\n") == b".":
                            break
                        lines.append(line)
                    self.messages.append(b"".join(lines))
                    conn.sendall(b"250 kept\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")

    def close(self) -> None:
        self._sock.close()


@contextmanager
def mailbox() -> Iterator[MailBox]:
    box = MailBox()
    try:
        yield box
    finally:
        box.close()
