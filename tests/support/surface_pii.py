# ruff: noqa: RUF001
"""A seventh seeded corpus, by output surface: personal values and secrets (Faker ``zh_CN``,
``zh_TW``, ``en_US``, ``ja_JP``, ``de_DE``; python-stdnum; phonenumbers' example numbers)
planted where no key list looks — free-text notes, neutral dataset columns, odd keys, headers,
query strings, GBK bodies, mapping examples, contract ``example``s, file names, lines that
break a YAML or JSON parse, command-line arguments — and then provoked through every command
that prints or stores something: ``check``, ``verify``, ``drift run`` (live server and alert
webhook on 127.0.0.1), ``drift observe``, ``quality``, ``reconcile``, ``map explain`` /
``map lint`` / ``map test``, ``probe``, ``privacy scan``, and error paths with bad input.

Every produced file, stdout, stderr, log record and alert is searched for every seed in every
spelling (as written, digits only, full-width digits, JSON-escaped, percent-encoded, base64,
GBK). ``python -m tests.support.surface_pii`` prints the leak count per surface.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import random
import shutil
import string
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import phonenumbers
from faker import Faker

from tests.support.pii_dataset import card, resident_id

WIDE = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))


def _example(region: str, rng: random.Random) -> phonenumbers.PhoneNumber:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    for _ in range(200):
        candidate = phonenumbers.parse(f"+{example.country_code}{national[:-4]}"
                                       f"{rng.randint(0, 9999):04d}")
        if phonenumbers.is_valid_number(candidate):
            return candidate
    return example


def make_seeds(seed: int = 20261206) -> dict[str, str]:
    """Fresh personal values and secrets, each a different person's, in many spellings."""
    rng = random.Random(seed)
    zh, tw, en, ja, de = (Faker(loc) for loc in ("zh_CN", "zh_TW", "en_US", "ja_JP", "de_DE"))
    for faker in (zh, tw, en, ja, de):
        faker.seed_instance(seed)

    def mobile() -> str:
        return rng.choice(["138", "139", "152", "186", "177", "199", "166"]) + "".join(
            str(rng.randint(0, 9)) for _ in range(8))

    def chars(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    def zh_name() -> str:
        return next(n for n in iter(zh.name, None) if len(n) == 3)

    s: dict[str, str] = {}
    m = [mobile() for _ in range(8)]
    s["m-bare"] = m[0]
    s["m-dash"] = f"{m[1][:3]}-{m[1][3:7]}-{m[1][7:]}"
    s["m-space-plus"] = f"+86 {m[2][:3]} {m[2][3:7]} {m[2][7:]}"
    s["m-0086"] = f"0086{m[3]}"
    s["m-paren"] = f"(+86){m[4]}"
    s["m-wide"] = m[5].translate(WIDE)
    s["m-arg"] = m[6]  # a command-line argument
    s["m-file"] = m[7]  # a file name
    s["landline"] = f"021-{rng.randint(5000, 8999)}{rng.randint(1000, 9999)}"
    for region in ("HK", "GB", "DE", "JP"):
        number = _example(region, rng)
        s[f"intl-{region}"] = phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    us = _example("US", rng)
    s["us-paren"] = phonenumbers.format_number(us, phonenumbers.PhoneNumberFormat.NATIONAL)
    s["email-zh"] = zh.email()
    s["email-en"] = en.email()
    s["email-arg"] = f"{en.user_name()}{rng.randint(10, 99)}@gmail.com"
    s["email-yaml"] = f"{en.user_name()}.{rng.randint(10, 99)}@example.org"
    s["ric"] = resident_id(rng, ["110105", "310115", "440305"], (1955, 2004))
    s["ric-json"] = resident_id(rng, ["320102", "510104", "330106"], (1955, 2004))
    s["unionpay"] = card(rng, "622848", 19)
    s["visa"] = card(rng, "4", 16)
    s["name-zh"] = zh_name()
    s["name-zh2"] = zh_name()
    s["name-tw"] = next(n for n in iter(tw.name, None) if len(n) == 3)
    s["name-en"] = f"{en.first_name()} {en.last_name()}"
    # Where no key, label or neighbour says it is a name (a city field, a note, a text cell):
    # not looked for by design (docs/privacy.md), counted apart.
    s["name-en-bare"] = f"{en.first_name()} {en.last_name()}"
    s["address-zh"] = next(a for a in iter(zh.address, None) if "路" in a or "街" in a)
    s["address-en"] = en.street_address()
    s["sk-live"] = "sk_live_" + chars(24)
    s["ghp"] = "ghp_" + chars(36)
    s["aws"] = "AKIA" + chars(16, string.ascii_uppercase + "234567")
    payload = base64.urlsafe_b64encode(json.dumps({"sub": en.user_name()}).encode()).decode()
    s["jwt"] = f"eyJhbGciOiJIUzI1NiJ9.{payload.rstrip('=')}.{chars(43)}"
    del ja, de
    return s


SEEDS = make_seeds()


def spellings(value: str) -> set[bytes]:
    """Every way ``value`` could show up in an output, as bytes."""
    forms = {value, quote(value), quote_plus(value), json.dumps(value)[1:-1],
             json.dumps(value, ensure_ascii=False)[1:-1],
             base64.b64encode(value.encode()).decode().rstrip("=")}
    plain = value.translate({0xFF10 + d: str(d) for d in range(10)})
    digits = "".join(ch for ch in plain if ch.isdigit())
    if len(digits) >= 8 and len(digits) >= 0.55 * len(value):
        forms |= {digits, digits.translate(WIDE), digits[-9:]}
        if value.lstrip().startswith(("+", "00", "(+")):
            with contextlib.suppress(phonenumbers.NumberParseException):
                number = phonenumbers.parse(value if value.startswith("+") else
                                            "+" + digits.removeprefix("00"))
                forms.add(str(number.national_number))
    out = {form.encode() for form in forms if len(form) >= 4}
    if any(ord(ch) > 127 for ch in value):
        with contextlib.suppress(UnicodeEncodeError):
            out |= {value.encode("gb18030"), quote_plus(value, encoding="gb18030").encode()}
    return out


def leaked(data: bytes | str) -> list[str]:
    """The names of the seeds found in ``data`` in some spelling."""
    blob = data.encode("utf-8", "replace") if isinstance(data, str) else data
    return [name for name, value in SEEDS.items() if any(f in blob for f in spellings(value))]


# --- the project the seeds are planted in ---------------------------------------------------

S = SEEDS

CONTRACT = f"""
openapi: 3.1.0
info: {{title: CRM, version: v1}}
paths:
  /customers/{{id}}:
    get:
      operationId: getCustomer
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: integer, minimum: 1,
            maximum: 9}}}}
        - name: q
          in: query
          schema: {{type: string, maxLength: 3}}
          example: "{S['email-en']}"
      responses:
        "200":
          description: One customer.
          content:
            application/json:
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
        level: {{type: integer, example: "{S['m-dash']}"}}
        remark: {{type: string, maxLength: 4, examples: ["{S['name-zh2']} {S['landline']}"]}}
"""


def _customer() -> dict[str, Any]:
    """A reply that breaks its contract in ways findings quote: enum, pattern, extra keys."""
    return {
        "id": 1,
        "status": S["email-zh"],
        "total": S["m-space-plus"],
        S["email-en"]: "x",
        "k7": S["unionpay"],
        "remark": f"客户{S['name-zh']}要求开发票，身份证{S['ric']}，{S['address-zh']}",
        "zz": {"v": S["intl-HK"], "w": [S["intl-GB"], S["us-paren"]]},
        "blob": json.dumps({"x1": S["ric-json"], "x2": S["m-0086"]}),
        "tk": S["sk-live"],
        "memo": f"Ship to {S['name-en']}",
    }


def platform_app() -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    async def customer(request: Request) -> Response:
        if request.path_params["id"] == "3":
            return Response("upstream failed", status_code=502, media_type="text/plain")
        return JSONResponse(_customer(), headers={
            "X-Trace": f"{quote(S['name-tw'])} {S['intl-DE']}",
            "Content-Disposition": f'attachment; filename="{S["m-paren"]}.pdf"'})

    async def gbk(request: Request) -> Response:
        text = json.dumps({"id": 2, "status": "open", "total": "1.00",
                           "beizhu": f"联系人：{S['name-zh2']} {S['m-wide']}"},
                          ensure_ascii=False)
        return Response(text.encode("gbk"), media_type="application/json; charset=GBK")

    async def echo(request: Request) -> Response:
        body = await request.body()  # the request's form, given back as a GBK text
        text = body.decode("utf-8", "replace") + " " + request.headers.get("x-note", "")
        return Response(text.encode("gb18030"), media_type="text/plain; charset=GBK")

    return Starlette(routes=[Route("/v1/customers/{id}", customer),
                             Route("/v1/gbk", gbk), Route("/v1/echo", echo, methods=["POST"])])


def _settings(origin: str, hook: str) -> str:
    query = (f"q={quote(S['email-arg'])}&note={quote(S['name-en-bare'])}"
             f"&card={S['visa']}&tel={quote(S['intl-JP'])}")
    broken = f"id={S['ric-json']}"
    return textwrap.dedent(f"""
        [tool.seamguard.alerts]
        urls_env = ["SURFACE_ALERTS"]
        min_severity = "info"
        on = ["drift", "quality", "reconcile"]

        [tool.seamguard.platforms.crm]
        versions = ["v1"]
        base_url = "{origin}/{{version}}"
        auth = {{ header = "X-Api-Key", env = "SURFACE_CRM_KEY" }}

        [[tool.seamguard.platforms.crm.live]]
        path = "/customers/1?{query}"

        [[tool.seamguard.platforms.crm.live]]
        path = "/customers/2"

        [[tool.seamguard.platforms.crm.live]]
        path = "/customers/3?to={quote(S['email-yaml'])}&tel={quote(S['intl-JP'])}&{broken}"

        [tool.seamguard.datasets.leads]
        path = "data/leads.csv"
        key = ["id"]
        dtypes = {{ c1 = "string", c2 = "string", c3 = "string", c4 = "string" }}
        """)


def _dataset(root: Path) -> None:
    data = root / "data"
    data.mkdir(exist_ok=True)
    rows = [("1", S["m-bare"], S["visa"], f"备注：{S['name-zh']}，{S['email-zh']}", "ok"),
            ("2", S["landline"], S["unionpay"], f"{S['address-en']} {S['name-en-bare']}", "ok"),
            ("3", S["intl-GB"], S["ric"], f"Contact person: {S['name-en']}", S["m-dash"]),
            ("5", S["m-0086"], S["jwt"], "ok", "ok"),
            ("4", S["us-paren"], S["aws"], S["address-zh"], S["email-en"])]
    (data / "leads.csv").write_text(
        "id,c1,c2,c3,c4\n" + "".join(",".join(f'"{c}"' for c in row) + "\n" for row in rows),
        "utf-8")
    suite = {"name": "leads", "expectations": [
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "c1", "regex": "^\\+86[0-9]{11}$"}},
        {"type": "expect_column_value_lengths_to_be_between",
         "kwargs": {"column": "c2", "min_value": 1, "max_value": 4}},
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "c3", "value_set": ["ok"]}},
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "c4", "value_set": ["ok"]}},
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "c2"}}]}
    (root / "suites" / "leads.json").write_text(json.dumps(suite), "utf-8")


def _plant_reconcile(root: Path) -> None:
    """A customer the CRM holds differently, and one each side lacks: reconcile samples."""
    customers = root / "fixtures" / "datasets" / "shopify_customers.jsonl"
    extra = {"id": 7312459991, "email": S["email-yaml"], "first_name": S["name-zh2"][1:],
             "last_name": S["name-zh2"][0], "phone": S["m-dash"], "state": "enabled",
             "default_address": {"phone": S["intl-HK"], "province": "上海市",
                                 "city": S["address-zh"], "address1": S["address-zh"]},
             "updated_at": "2024-01-05T09:00:00Z"}
    with customers.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(extra, ensure_ascii=False) + "\n")
    contacts = root / "fixtures" / "datasets" / "hubspot_contacts.csv"
    lines = contacts.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    first = dict(zip(header, lines[1].split(","), strict=True))
    first["mobilephone"] = S["m-0086"]
    first["city"] = S["address-en"].replace(",", " ")
    lines[1] = ",".join(first[h] for h in header)
    lines.append(",".join({"email": S["email-en"], "firstname": S["name-en"].split()[0],
                           "lastname": S["name-en"].split()[1], "mobilephone": S["intl-DE"],
                           "city": S["name-tw"], "shopify_customer_id": "7312459992",
                           "lifecyclestage": "customer"}.get(h, "") for h in header))
    contacts.write_text("\n".join(lines) + "\n", "utf-8")


def _plant_mapping(root: Path) -> None:
    """A mapping example whose expected output is wrong, with the seeds under odd keys."""
    path = root / "contracts" / "mappings" / "shopify-customer-to-hubspot-contact.yaml"
    text = path.read_text("utf-8")
    text += textwrap.indent(textwrap.dedent(f"""\
        - name: customer {S['name-tw']} who wrote a note
          input: {{id: 7312450009, email: "{S['email-zh']}", first_name: "{S['name-zh'][1:]}",
                  last_name: "{S['name-zh'][0]}", phone: "{S['m-paren']}", state: enabled,
                  note: "{S['address-zh']}", default_address: {{phone: "{S['intl-JP']}",
                  city: "{S['name-en-bare']}"}}}}
          output: {{email: "{S['email-arg']}", mobilephone: "{S['m-space-plus']}",
                   city: "{S['ric']}"}}
        """), "  ")
    path.write_text(text, "utf-8")


def _plant_sync_regression(root: Path) -> None:
    """A saved failing script (replayed first by ``sync test``) whose customer is the seeds."""
    payload = {
        "admin_graphql_api_id": "gid://shopify/Customer/1", "id": 5829462287001,
        "created_at": "2024-07-10T02:00:00+00:00", "updated_at": "2024-07-10T10:00:00+08:00",
        "state": "disabled", "email": S["email-en"], "first_name": S["name-zh2"][1:],
        "last_name": S["name-zh2"][0], "phone": S["m-dash"],
        "note": f"{S['address-zh']} 身份证{S['ric']} {S['us-paren']}",
        "default_address": {"customer_id": 1001, "default": False, "id": 1001,
                            "phone": S["intl-GB"], "city": S["name-tw"]},
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


def _raw_interaction(origin: str) -> dict[str, Any]:
    """A hand-made interaction, never scrubbed: a GBK form request, a GBK text reply."""
    form = (f"beizhu={quote_plus('收件人：' + S['name-zh'] + ' ' + S['m-bare'], encoding='gbk')}"
            f"&yx={quote_plus(S['email-en'])}&sfz={S['ric']}")
    reply = f"已登记：{S['address-zh']}，卡号 {S['unionpay']}，{S['intl-HK']}"
    return {"request": {"method": "POST", "uri": f"{origin}/v1/echo?tel={quote(S['m-dash'])}",
                        "body": form, "headers": {
                            "Content-Type": ["application/x-www-form-urlencoded; charset=GBK"],
                            "Authorization": [f"Bearer {S['jwt']}"]}},
            "response": {"status": {"code": 200, "message": "OK"},
                         "headers": {"Content-Type": ["text/plain; charset=GBK"]},
                         "body": {"string": reply}}}


def build_project(root: Path, origin: str, hook: str) -> Path:
    from tests.support.projects import copy_example, write_cassette

    copy_example(root, sync_examples=2)
    settings = (root / "pyproject.toml").read_text("utf-8")
    (root / "pyproject.toml").write_text(settings + _settings(origin, hook), "utf-8")
    folder = root / "contracts" / "crm" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(CONTRACT, "utf-8")
    _dataset(root)
    _plant_reconcile(root)
    _plant_mapping(root)
    _plant_sync_regression(root)
    revision = CONTRACT.replace("enum: [open, closed]", f'enum: [open, "{S["email-zh"]}"]')
    revision = revision.replace("maxLength: 3}", f'maxLength: 3, default: "{S["m-bare"]}"}}')
    (root / "diff").mkdir()
    (root / "diff" / "openapi.yaml").write_text(revision, "utf-8")
    body = json.dumps(_customer(), ensure_ascii=False)
    write_cassette(root / "fixtures" / "cassettes" / "crm" / f"客户{S['m-file']}.yaml", [{
        "request": {"method": "GET", "uri": f"{origin}/v1/customers/1?q={quote(S['email-arg'])}",
                    "body": None, "headers": {}},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Content-Type": ["application/json"]},
                     "body": {"string": body}}}])
    raw = _raw_interaction(origin)
    write_cassette(root / "fixtures" / "cassettes" / "crm" / "raw.yaml", [raw])
    record = root / "records" / f"{S['name-zh']}.json"
    record.parent.mkdir()
    record.write_text(json.dumps({
        "id": 7312450007, "email": S["email-en"], "first_name": "x", "last_name": "y",
        "phone": S["landline"], "state": "enabled", "odd": S["ric"],
        "default_address": {"phone": S["intl-GB"], "city": S["address-en"]}},
        ensure_ascii=False), "utf-8")
    return root


# --- driving every command -------------------------------------------------------------------

@dataclass
class Outputs:
    """What one surface produced: texts and written files."""

    texts: dict[str, list[bytes]] = field(default_factory=dict)

    def add(self, surface: str, data: bytes | str) -> None:
        blob = data.encode("utf-8", "replace") if isinstance(data, str) else data
        self.texts.setdefault(surface, []).append(blob)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            self.messages.append(f"{record.name} {record.getMessage()}")


def _invoke(out: Outputs, surface: str, args: list[str], logs: _Records) -> int:
    from typer.testing import CliRunner

    from seamguard.cli import app

    before = len(logs.messages)
    result = CliRunner().invoke(app, args)
    if os.environ.get("SURFACE_PII_SHOW"):
        print(f"== {surface} {result.exit_code}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
              file=sys.stderr)
    out.add(surface, result.stdout)
    out.add(surface + ":stderr", result.stderr)
    for message in logs.messages[before:]:
        out.add(surface + ":log", message)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        out.add(surface + ":stderr", repr(result.exception))
    return result.exit_code


def _files(out: Outputs, surface: str, root: Path, since: dict[Path, float]) -> None:
    """Every file under ``root`` written or changed since ``since`` was taken."""
    from tests.support.pii_dataset import stored_rows

    for path in root.rglob("*"):
        if not path.is_file() or since.get(path) == path.stat().st_mtime_ns:
            continue
        if path.suffix in (".sqlite", ".db"):
            for _where, text in stored_rows(path):
                out.add(surface + ":file", text)
        elif path.suffix != ".parquet" and "__pycache__" not in path.parts:
            out.add(f"{surface}:file", path.read_bytes())
        out.add(f"{surface}:filename", str(path.relative_to(root)))


def _stamp(root: Path) -> dict[Path, float]:
    return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def _bad_inputs(root: Path) -> Iterator[tuple[str, list[str], Callable[[], None]]]:
    """(surface, command, set-up) for error paths whose message could quote a planted value."""
    mapping = root / "contracts" / "mappings" / "bad-mapping.yaml"
    contract = root / "contracts" / "crm" / "v1" / "openapi.yaml"
    original = contract.read_text("utf-8")

    def broken_mapping() -> None:
        mapping.write_text(f"source: shopify@2024-07\nfields:\n  - target: x\n"
                           f"    source: [a, b\n  # owner {S['email-yaml']} {S['m-dash']}\n"
                           f"    note: {S['name-zh']} {S['ric']}: : :\n", "utf-8")

    def unbroken_mapping() -> None:
        mapping.unlink(missing_ok=True)

    def broken_contract() -> None:
        unbroken_mapping()
        contract.write_text(original + f"\n  bad: [{S['intl-HK']}, {S['email-en']}\n"
                            f"    oops: \"{S['unionpay']}\n", "utf-8")

    def bad_record() -> None:
        contract.write_text(original, "utf-8")
        (root / "records" / "bad.json").write_text(
            f'{{"phone": "{S["m-bare"]}", "note": {S["name-tw"]} {S["ric-json"]}}}', "utf-8")

    def bad_toml() -> None:
        (root / "bad").mkdir(exist_ok=True)
        (root / "bad" / "pyproject.toml").write_text(
            f"[tool.seamguard]\nreports = \"r\"\nowner = {S['email-arg']} {S['m-arg']}\n",
            "utf-8")

    def bad_regression() -> None:
        folder = root / "tests" / "sync-regressions" / "shop_sync"
        (folder / "normalisation-planted.json").write_text(
            f'{{"events": [{{"label": "e1", "payload": {{"phone": "{S["m-space-plus"]}",\n'
            f'  "note": {S["name-zh"]} {S["email-zh"]}}}}}]}}', "utf-8")

    yield "error:sync-regression", ["sync", "test", "--project", str(root), "--target",
                                    "shop_sync", "-n", "1"], bad_regression
    yield "error:mapping-yaml", ["map", "lint", "--project", str(root)], broken_mapping
    yield "error:contract-yaml", ["contract", "lint", "--project", str(root)], broken_contract
    yield "error:record-json", ["map", "explain", "shopify-customer-to-hubspot-contact",
                                str(root / "records" / "bad.json"), "--project", str(root)], \
        bad_record
    yield "error:toml", ["check", "--project", str(root / "bad")], bad_toml
    nothing: Callable[[], None] = lambda: None  # noqa: E731
    yield "error:args", ["map", "explain", f"customer-{S['m-arg']}", "r.json",
                         "--project", str(root)], nothing
    yield "error:args", ["privacy", "scan", "--project", str(root),
                         str(root / f"{S['email-arg']}.csv")], nothing
    yield "error:args", ["check", "--project", str(root), "--fail-on", S["m-arg"]], nothing
    yield "error:args", ["check", "--project", str(root), "--only", S["email-arg"]], nothing
    yield "error:args", ["record", "crm", "GET", f"/customers/1?tel={S['m-arg']}",
                         "--project", str(root), "--header", f"X-Api-Key: {S['ghp']}",
                         "--base-url", "http://127.0.0.1:9/v1"], nothing
    yield "error:args", ["probe", f"crm{S['email-arg']}", "--project", str(root)], nothing
    yield "error:args", ["probe", "crm", "--project", str(root), "--header",
                         f"Authorization: Bearer {S['jwt']}", "--include-path",
                         f"/x/{S['m-arg']}", "-n", "1", "--base-url", "http://127.0.0.1:9/v1"],\
        nothing


def drive(work: Path) -> Outputs:
    """Build the planted project and run every command; what each surface produced."""
    from tests.support.servers import receiver, serve

    out = Outputs()
    logs = _Records()
    root_logger = logging.getLogger()
    root_logger.addHandler(logs)
    level = root_logger.level
    root_logger.setLevel(logging.DEBUG)
    received: list[dict[str, Any]] = []
    env = {"SURFACE_CRM_KEY": S["ghp"], "SEAMGUARD_PSEUDONYM_KEY": "surface-corpus-key"}
    saved = {k: os.environ.get(k) for k in [*env, "SURFACE_ALERTS", "GITHUB_ACTIONS"]}
    os.environ.update(env)
    try:
        with serve(platform_app()) as origin, serve(receiver(received)) as alerts:
            hook = f"json://{alerts[len('http://'):]}/hook"
            os.environ["SURFACE_ALERTS"] = hook
            root = build_project(work / "p", origin, hook)
            commands = [
                ("check", ["check", "--project", str(root), "-f", "json"]),
                ("check:text", ["check", "--project", str(root)]),
                ("check:markdown", ["check", "--project", str(root), "-f", "markdown"]),
                ("verify", ["verify", "--project", str(root)]),
                ("verify:annotations", ["verify", "--project", str(root)]),
                ("record", ["record", "crm", "GET", "/gbk", "--project", str(root),
                            "--undocumented", "-p", f"memo=收件人{S['name-zh']}",
                            "-p", f"k={S['m-0086']}", "-H", f"X-Note: {S['jwt']}",
                            "--base-url", f"{origin}/v1", "--cassette", "planted"]),
                ("record", ["record", "crm", "POST", "/echo", "--project", str(root),
                            "--undocumented", "--allow-unsafe",
                            "--form", f"beizhu=联系人：{S['name-tw']} {S['intl-DE']}",
                            "--form", f"yx={S['email-yaml']}", "-H",
                            f"X-Note: {quote(S['address-zh'])} {S['landline']}",
                            "--base-url", f"{origin}/v1", "--cassette", "planted"]),
                ("drift-run", ["drift", "run", "--project", str(root)]),
                ("drift-observe", ["drift", "observe", "--project", str(root), "-f", "json"]),
                ("quality", ["quality", "--project", str(root)]),
                ("reconcile", ["reconcile", "--project", str(root), "-f", "json"]),
                ("map-explain", ["map", "explain", "shopify-customer-to-hubspot-contact",
                                 str(next((root / "records").glob("*.json"))),
                                 "--project", str(root)]),
                ("map-explain:json", ["map", "explain", "shopify-customer-to-hubspot-contact",
                                      str(next((root / "records").glob("*.json"))),
                                      "--project", str(root), "-f", "json"]),
                ("map-lint", ["map", "lint", "--project", str(root)]),
                ("map-test", ["map", "test", "--project", str(root)]),
                ("contract-diff", ["contract", "diff", str(root / "contracts" / "crm" / "v1" /
                                                          "openapi.yaml"),
                                   str(root / "diff" / "openapi.yaml"), "--project", str(root)]),
                ("contract-diff:json", ["contract", "diff", "crm@v1",
                                        str(root / "diff" / "openapi.yaml"), "-f", "json",
                                        "--project", str(root)]),
                ("contract-lint", ["contract", "lint", "--project", str(root), "-f", "json"]),
                ("probe", ["probe", "crm", "--project", str(root), "--base-url",
                           f"{origin}/v1", "-n", "3"]),
                ("sync-test", ["sync", "test", "--project", str(root), "--target", "shop_sync",
                               "--variant", "phone_drops_country_code", "-n", "1"]),
                ("privacy-scan", ["privacy", "scan", "--project", str(root)]),
                ("privacy-scan:json", ["privacy", "scan", "--project", str(root),
                                       "-f", "json"]),
                ("privacy-scrub:dry-run", ["privacy", "scrub", "--project", str(root),
                                           "--dry-run", str(root / "fixtures" / "cassettes" /
                                                            "crm" / "raw.yaml")]),
                ("privacy-scrub", ["privacy", "scrub", "--project", str(root),
                                   str(root / "fixtures" / "cassettes" / "crm" / "raw.yaml")]),
                ("baseline-save", ["baseline", "save", "--project", str(root), "--reason",
                                   "accepted", "--owner", "ops"]),
            ]
            for surface, args in commands:
                since = _stamp(root)
                annotations = surface.endswith(":annotations")
                if annotations:  # GitHub's ::error lines beside the text
                    os.environ["GITHUB_ACTIONS"] = "true"
                try:
                    _invoke(out, surface, args, logs)
                finally:
                    if annotations:
                        os.environ.pop("GITHUB_ACTIONS", None)
                _files(out, surface, root, since)
                for message in received:
                    out.add(surface + ":alert", json.dumps(message, ensure_ascii=False))
                received.clear()
            for surface, args, setup in _bad_inputs(root):
                setup()
                _invoke(out, surface, args, logs)
    finally:
        root_logger.removeHandler(logs)
        root_logger.setLevel(level)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return out


# Seeds no detector is meant to find where they are planted (docs/privacy.md: a name that no
# key and no label announce is not looked for): reported apart, not counted as leaks.
KNOWN = frozenset({"name-en-bare"})


def leaks(out: Outputs) -> dict[str, set[str]]:
    """Surface -> the seeds it leaked."""
    found: dict[str, set[str]] = {}
    for surface, blobs in out.texts.items():
        names = {name for blob in blobs for name in leaked(blob)}
        if names:
            found[surface] = names
    return found


def contexts(out: Outputs, width: int = 80) -> Iterator[tuple[str, str, str]]:
    """(surface, seed, the text around it) for every leak: what to fix."""
    for surface, blobs in out.texts.items():
        for blob in blobs:
            for name, value in SEEDS.items():
                for form in spellings(value):
                    at = blob.find(form)
                    if at >= 0:
                        text = blob[max(0, at - width):at + len(form) + width]
                        yield surface, name, text.decode("utf-8", "replace")
                        break


def main(argv: list[str] | None = None) -> int:
    del argv
    with tempfile.TemporaryDirectory() as tmp:
        out = drive(Path(tmp))
        found = leaks(out)
        if os.environ.get("SURFACE_PII_CONTEXT"):
            for surface, name, text in contexts(out):
                print(f"{surface} {name}: {text!r}")
        keep = os.environ.get("SURFACE_PII_KEEP")
        if keep:
            shutil.copytree(tmp, keep, dirs_exist_ok=True)
    total = sum(len(names - KNOWN) for names in found.values())
    known = sum(len(names & KNOWN) for names in found.values())
    print(f"{total} leaks (surface, seed) over {len(out.texts)} surfaces and {len(SEEDS)} seeds"
          f" (+{known} of {', '.join(sorted(KNOWN))}, not looked for where planted)")
    for surface in sorted(out.texts):
        names = found.get(surface, set())
        print(f"  {surface:28} {len(names - KNOWN):3}  {', '.join(sorted(names - KNOWN))}")
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
