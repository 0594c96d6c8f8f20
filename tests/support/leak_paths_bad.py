"""Bad input for ``leak_paths``: files that fail to load where the offending line, key or value
is a planted personal value, so the error message (and ``--debug``'s exception chain) would quote
it if nothing masked it. Each case is a small project of its own."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field

from tests.support.projects import MINI_CONTRACT, MINI_SETTINGS


@dataclass
class BadCase:
    """A project (file name -> text or bytes) and the command that must refuse it."""

    surface: str
    files: dict[str, str | bytes]
    argv: list[str]
    settings: str = field(default=MINI_SETTINGS)


DATASET = """
[tool.seamguard.datasets.leads]
path = "data/leads.{ext}"
key = ["id"]
"""

SUITE = {"name": "leads", "expectations": [
    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}


def cases(s: dict[str, str]) -> Iterator[BadCase]:
    contract = textwrap.dedent(MINI_CONTRACT)
    yield BadCase("bad:settings-toml", {}, ["check"], MINI_SETTINGS +
                  f'owner = {s["zh-mobile-1"]} "{s["email-en-1"]}"\n')
    yield BadCase("bad:settings-did-you-mean", {}, ["check"], MINI_SETTINGS +
                  f'"{s["name-en-1"]}" = "{s["email-zh-1"]}"\n'
                  f'"{s["email-en-2"]}" = 1\n')
    yield BadCase("bad:settings-key-typo", {}, ["check"],
                  MINI_SETTINGS.replace("[tool.seamguard]\n",
                                        f'[tool.seamguard]\nreprots = "{s["zh-mobile-2"]}"\n'))
    yield BadCase("bad:settings-wrong-type", {}, ["check"],
                  MINI_SETTINGS.replace("[tool.seamguard]\n",
                                        f'[tool.seamguard]\nfail_on = "{s["zh-mobile-3"]}"\n'
                                        f'max_body_mb = "{s["email-zh-2"]}"\n'))
    yield BadCase("bad:settings-auth", {}, ["check"], MINI_SETTINGS +
                  f'auth = {{ header = "Authorization", token = "{s["secret-github"]}" }}\n')
    yield BadCase("bad:contract-yaml", {"contracts/shop/v1/openapi.yaml": contract +
                  f"  bad: [{s['zh-mobile-4']}, {s['email-en-3']}\n"
                  f"    oops: \"{s['card-visa']}\n"}, ["contract", "lint"])
    yield BadCase("bad:contract-json", {
        "contracts/shop/v1/openapi.yaml": "",
        "contracts/shop/v1/openapi.json":
            '{"openapi": "3.1.0", "info": {"title": "x", "version": "v1"},\n'
            f'  "paths": {{}}, "x-owner": "{s["name-zh-1"]}" "{s["zh-mobile-5"]}"\n}}'},
        ["contract", "lint"])
    yield BadCase("bad:contract-value", {"contracts/shop/v1/openapi.yaml": contract.replace(
        "info: {title: Shop, version: v1}",
        f"info: {{title: Shop, version: v1, contact: {{email: {s['email-zh-3']}}}}}\n"
        f"servers: {s['us-phone-1']}")}, ["contract", "lint"])
    yield BadCase("bad:contract-default", {"contracts/shop/v1/openapi.yaml": contract.replace(
        "note: {type: [string, \"null\"]}",
        f"note: {{type: [string, \"null\"], maxLength: 2, default: \"{s['addr-en']}\"}}")},
        ["contract", "lint"])
    yield BadCase("bad:cassette-yaml", {
        "contracts/shop/v1/openapi.yaml": contract,
        "fixtures/cassettes/orders.yaml":
            "interactions:\n- request: {method: GET, uri: 'https://shop.example.com/api/v1/"
            f"orders/1.json', body: null, headers: {{}}}}\n  response:\n"
            f"    body: {{string: '{{\"phone\": \"{s['zh-mobile-6']}\"'}}\n"
            f"    status: {{code: 200, message: {s['name-en-2']}: {s['ric-1']}}}\n"
            "version: 1\n"}, ["verify"])
    yield BadCase("bad:cassette-shape", {
        "contracts/shop/v1/openapi.yaml": contract,
        "fixtures/cassettes/orders.yaml":
            "interactions:\n- request: {method: GET, uri: 'https://shop.example.com/api/v1/"
            "orders/1.json', body: null, headers: {}}\n"
            f"  response: {{status: {{code: '{s['us-phone-2']}', message: OK}}, headers: "
            f"{{X-Mail: {s['email-en-1']}}}, body: {{string: '{s['ric-2']}'}}}}\n"
            "version: 1\n"}, ["verify"])
    mapping_head = "source: shop@v1#/components/schemas/Order\ntarget: shop@v1#/components/" \
                   "schemas/Order\nidentity: {source: /id, target: /id}\n"
    yield BadCase("bad:mapping-yaml", {
        "contracts/shop/v1/openapi.yaml": contract,
        "contracts/mappings/a-to-b.yaml": mapping_head +
        f"fields:\n  - target: /note\n    source: [a, b\n  # owner {s['email-zh-1']}\n"
        f"    const: {s['name-zh-2']} {s['ric-3']}: : :\n"}, ["map", "lint"])
    yield BadCase("bad:mapping-did-you-mean", {
        "contracts/shop/v1/openapi.yaml": contract,
        "contracts/mappings/a-to-b.yaml": mapping_head +
        f"fields:\n  - target: /note\n    constant: \"{s['zh-mobile-1']}\"\n"
        f"    sourse: \"{s['email-en-2']}\"\n"
        f"  - {{target: /status, enum_map: {{\"{s['name-en-1']}\": paid}}, source: /status}}\n"},
        ["map", "lint"])
    yield BadCase("bad:mapping-wrong-type", {
        "contracts/shop/v1/openapi.yaml": contract,
        "contracts/mappings/a-to-b.yaml": mapping_head +
        f"fields:\n  - target: /note\n    source: /note\n    pii: \"{s['us-phone-1']}\"\n"
        f"    default: {{x: \"{s['card-master']}\"}}\n    required: \"{s['email-zh-3']}\"\n"},
        ["map", "lint"])
    for ext, body in (
        ("csv", f'id,phone,note\n1,"{s["zh-mobile-2"]}","ok"\n2,"{s["zh-mobile-3"]}",'
                f'"{s["name-zh-1"]}","{s["email-en-3"]}",x\n3,"{s["ric-1"]} oops\n'),
        ("jsonl", f'{{"id": 1, "phone": "{s["zh-mobile-4"]}"}}\n'
                  f'{{"id": 2, "phone": {s["us-phone-2"]}, "mail": "{s["email-zh-1"]}"}}\n'),
        ("parquet", b"PAR1" + f"{s['zh-mobile-5']} {s['email-en-1']}".encode() + b"PAR1")):
        yield BadCase(f"bad:dataset-{ext}", {
            f"data/leads.{ext}": body, "suites/leads.json": json.dumps(SUITE)}, ["quality"],
            MINI_SETTINGS + DATASET.format(ext=ext))
    yield BadCase("bad:dataset-dtype", {
        "data/leads.csv": f'id,phone\n"{s["zh-mobile-6"]}x",1\n"{s["email-zh-2"]}",2\n',
        "suites/leads.json": json.dumps(SUITE)}, ["quality"],
        MINI_SETTINGS + DATASET.format(ext="csv") + 'dtypes = { id = "int64" }\n')
    yield BadCase("bad:suite-json", {
        "data/leads.csv": "id\n1\n",
        "suites/leads.json": '{"name": "leads", "expectations": [\n'
                             f'  {{"type": "expect_column_values_to_be_in_set", '
                             f'"kwargs": {{"column": "id", "value_set": ["{s["zh-mobile-1"]}", '
                             f'{s["email-en-2"]}]}}}}\n]}}'},
        ["quality"], MINI_SETTINGS + DATASET.format(ext="csv"))
    yield BadCase("bad:suite-kwargs", {
        "data/leads.csv": "id\n1\n",
        "suites/leads.json": json.dumps({"name": "leads", "expectations": [
            {"type": "expect_column_values_to_be_in_sett",
             "kwargs": {"column": "id", "value_set": [s["zh-mobile-2"]]}},
            {"type": "expect_column_values_to_match_regex",
             "kwargs": {"column": s["name-en-2"], "regex": s["email-zh-3"],
                        "mostly": s["us-phone-1"]}}]})},
        ["quality"], MINI_SETTINGS + DATASET.format(ext="csv"))
    yield BadCase("bad:baseline", {
        "contracts/shop/v1/openapi.yaml": contract,
        "baseline.yaml": f"- code: x\n  owner: {s['email-en-3']}\n  reason: {s['zh-mobile-3']}"
                         f"\n  expires: {s['ric-2']}\n  extra: [\n"}, ["check"],
        MINI_SETTINGS.replace("[tool.seamguard]\n", '[tool.seamguard]\nbaseline = '
                                                    '"baseline.yaml"\n'))
    yield BadCase("bad:args", {"contracts/shop/v1/openapi.yaml": contract},
                  ["check", "--only", f"platform={s['email-zh-1']}", "--fail-on",
                   s["zh-mobile-4"]])
    # A secret pasted where the name of the variable that holds it belongs
    live = '\n[[tool.seamguard.platforms.shop.live]]\npath = "/orders/1.json"\n'
    yield BadCase("bad:secret-as-env-name", {"contracts/shop/v1/openapi.yaml": contract},
                  ["drift", "run"], MINI_SETTINGS +
                  f'auth = {{ header = "X-Api-Key", env = "{s["secret-stripe"]}" }}\n' + live)
    yield BadCase("bad:token-as-env-name", {"contracts/shop/v1/openapi.yaml": contract},
                  ["drift", "run"], MINI_SETTINGS +
                  f'auth = {{ header = "X-Api-Key", env = "{s["secret-bearer"]}" }}\n' + live)
    yield BadCase("bad:secret-as-env-record", {"contracts/shop/v1/openapi.yaml": contract},
                  ["record", "shop", "GET", "/orders/1.json", "--base-url",
                   "http://127.0.0.1:9/api/v1"], MINI_SETTINGS +
                  f'auth = {{ header = "Authorization", scheme = "Bearer", '
                  f'env = "{s["secret-jwt"]}" }}\n')
    yield BadCase("bad:alert-url-as-env-name", {"contracts/shop/v1/openapi.yaml": contract},
                  ["drift", "run"], MINI_SETTINGS.replace(
                      "[tool.seamguard]\n", "[tool.seamguard]\n\n[tool.seamguard.alerts]\n"
                      f'urls_env = ["https://hooks.slack.com/services/T0/B0/{s["secret-env"]}", '
                      f'"mailto://{s["email-zh-2"]}:{s["secret-password"]}@smtp.example.com"]\n'
                      "\n") + live)
    yield BadCase("bad:header-without-colon", {"contracts/shop/v1/openapi.yaml": contract},
                  ["record", "shop", "GET", "/orders/1.json", "-H",
                   f"Bearer {s['secret-github']}", "-p", f"{s['email-en-3']}", "--base-url",
                   "http://127.0.0.1:9/api/v1"])
    yield BadCase("bad:args-record", {"contracts/shop/v1/openapi.yaml": contract},
                  ["record", "shop", "GET", f"/orders/1.json?tel={s['zh-mobile-5']}",
                   "-H", f"Authorization: Bearer {s['secret-bearer']}",
                   "--base-url", "http://127.0.0.1:9/api/v1"])
