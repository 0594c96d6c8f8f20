"""A second hostile-input corpus, written as an adversary would — every file kind times every way
to be wrong — rather than around the code: settings with infinite, boolean, empty and path-like
values; contracts in UTF-16, with BOMs, tags, NaN, missing keys and 3,000-hop `allOf` chains;
cassettes with lone surrogates, overflowing numbers and nothing in them; gateway recordings of the
Taobao, JD, Pinduoduo and SF Fengqiao packs with every protocol part broken; mappings, suites and
datasets in wrong encodings and shapes; command lines naming devices and pipes.

Every case runs through the real CLI (worker processes with a time bound, see
tests/support/hostile.py) and must end with its documented exit code — never 3, never a
traceback, never a hang, never exit 0 where something is wrong — and its output must name the file
(and line or JSON pointer) and what was expected.
``pytest tests/integration/test_hostile_inputs_generated.py`` runs the corpus.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
import yaml

from tests.support.hostile import Outcome, assert_handled
from tests.support.hostile_cases import Case, Setup
from tests.support.projects import (
    MINI_CONTRACT,
    MINI_SETTINGS,
    copy_example,
    good_order,
    interaction,
    mini_project,
    write_cassette,
)

CONTRACT = "contracts/shop/v1/openapi.yaml"




def _mini(root: Path, *, contract: str = MINI_CONTRACT, settings: str = MINI_SETTINGS,
          interactions: list[dict[str, Any]] | None = None) -> Path:
    return mini_project(root / "p", contract=contract, settings=settings,
                        interactions=interactions if interactions is not None
                        else [interaction({"order": good_order()})])


def _args(command: str, project: Path, *, as_json: bool = True) -> list[str]:
    return [*command.split(), "--project", str(project), *(["-f", "json"] if as_json else [])]


# --- settings ---------------------------------------------------------------------------------

def settings(old: str, new: str, command: str = "check") -> Setup:
    def setup(root: Path) -> list[str]:
        text = MINI_SETTINGS.replace(old, new)
        assert text != MINI_SETTINGS
        return _args(command, _mini(root, settings=text))
    return setup


def extra(lines: str, command: str = "check") -> Setup:
    def setup(root: Path) -> list[str]:
        return _args(command, _mini(root, settings=MINI_SETTINGS + textwrap.dedent(lines)))
    return setup


TOP = "[tool.seamguard]\n"
BASE = "https://shop.example.com/api/{version}"
SETTINGS_CASES = [
    Case("max-body-infinite", settings(TOP, TOP + "max_body_mb = inf\n"),
         expect=("pyproject.toml:3", "max_body_mb", "finite")),
    Case("max-body-1e308", settings(TOP, TOP + "max_body_mb = 1e308\n"),
         expect=("pyproject.toml:3", "max_body_mb", "less than or equal")),
    Case("max-body-boolean", settings(TOP, TOP + "max_body_mb = true\n"),
         expect=("pyproject.toml:3", "max_body_mb", "boolean")),
    Case("max-depth-float", settings(TOP, TOP + "max_depth = 64.5\n"),
         expect=("pyproject.toml:3", "max_depth")),
    Case("deadline-infinite", extra("[tool.seamguard.network]\ndeadline = inf\n", "drift run"),
         expect=("tool.seamguard.network.deadline", "finite")),
    Case("timeout-a-week", extra("[tool.seamguard.network]\ntimeout = 604800\n", "drift run"),
         expect=("tool.seamguard.network.timeout",)),
    Case("reports-empty", settings(TOP, TOP + "reports = ''\n"),
         expect=("pyproject.toml:3", "tool.seamguard.reports")),
    Case("versions-duplicate", settings('versions = ["v1"]', 'versions = ["v1", "v1"]'),
         expect=("pyproject.toml:5", "listed twice")),
    Case("versions-climb-out", settings('versions = ["v1"]', 'versions = ["../../../etc"]'),
         expect=("pyproject.toml:5", "one folder")),
    Case("versions-empty-string", settings('versions = ["v1"]', 'versions = [""]'),
         expect=("pyproject.toml:5", "one folder")),
    Case("base-url-bad-ipv6", settings(BASE, "http://[::1/{version}"),
         expect=("pyproject.toml:6", "base_url", "IPv6")),
    Case("base-url-unknown-placeholder", settings(BASE, "https://x.example.com/{tenant}/v"),
         expect=("pyproject.toml:6", "{tenant}")),
    Case("base-url-unbalanced-brace", settings(BASE, "https://x.example.com/{version"),
         expect=("pyproject.toml:6", "unbalanced")),
    Case("base-url-port-out-of-range", settings(BASE, "https://x.example.com:99999/{version}"),
         expect=("pyproject.toml:6", "base_url")),
    Case("auth-env-empty", extra('auth = { header = "X-T", env = "" }\n'),
         expect=("pyproject.toml:7", "auth.env")),
    Case("auth-header-with-newline", extra('auth = { header = "X-T\\nX-Evil: 1", env = "T" }\n'),
         expect=("pyproject.toml:7", "auth.header")),
    Case("live-path-relative", extra('[[tool.seamguard.platforms.shop.live]]\n'
                                     'path = "orders/1.json"\n', "drift run"),
         expect=("pyproject.toml:7", "live.0.path", "starting with /")),
    Case("live-path-another-host", extra('[[tool.seamguard.platforms.shop.live]]\n'
                                         'path = "http://127.0.0.2/latest"\n', "drift run"),
         expect=("pyproject.toml:7", "live.0.path", "never leaves")),
    Case("dataset-contract-not-a-ref", extra(
        '[tool.seamguard.datasets.d]\npath = "d.csv"\ncontract = "@@@"\n', "quality"),
         expect=("datasets.d.contract", "platform@version#/pointer")),
    Case("wire-pattern-not-a-regex", extra(
        'protocol = "taobao-top"\n[tool.seamguard.platforms.shop.wire.operation]\n'
        'pattern = "("\n'), expect=("wire.operation.pattern", "regular expression")),
    Case("wire-time-zone-unknown", extra(
        'protocol = "taobao-top"\n[tool.seamguard.platforms.shop.wire]\n'
        'time.zone = "Mars/Olympus"\n'), expect=("wire.time.zone", "Mars/Olympus")),
    Case("live-operation-on-rest", extra('[[tool.seamguard.platforms.shop.live]]\n'
                                         'operation = "x.y"\n', "drift run"),
         expect=("pyproject.toml", "routed by path")),
    Case("privacy-region-unknown", extra('[tool.seamguard.privacy]\nregions = ["XX"]\n',
                                         "privacy scan"),
         expect=("tool.seamguard.privacy.regions", "XX")),
    Case("privacy-kind-unknown", extra('[tool.seamguard.privacy]\nkeys = { alien = ["x"] }\n',
                                       "privacy scan"),
         expect=("tool.seamguard.privacy.keys.alien",)),
    Case("pyproject-utf16", lambda root: _args("check", _raw_pyproject(
        root, MINI_SETTINGS.encode("utf-16"))), expect=("pyproject.toml:1", "UTF-8")),
    Case("pyproject-gbk-comment", lambda root: _args("check", _raw_pyproject(
        root, ("# 中文注释\n" + MINI_SETTINGS).encode("gbk"))), expect=("pyproject.toml:1",)),
    Case("pyproject-nul", lambda root: _args("check", _raw_pyproject(
        root, MINI_SETTINGS.encode() + b"\x00\x00")), expect=("pyproject.toml",)),
    Case("pyproject-table-twice", lambda root: _args("check", _raw_pyproject(
        root, (MINI_SETTINGS * 2).encode())), expect=("pyproject.toml:", "twice")),
]


def _raw_pyproject(root: Path, data: bytes) -> Path:
    project = _mini(root)
    (project / "pyproject.toml").write_bytes(data)
    return project


@pytest.mark.parametrize("case", SETTINGS_CASES, ids=[c.id for c in SETTINGS_CASES])
def test_hostile_settings(case: Case, outcome: Outcome) -> None:
    assert_handled(outcome, exits=set(case.exits), expect=list(case.expect))


# --- contracts --------------------------------------------------------------------------------

def contract_bytes(data: bytes, command: str = "check") -> Setup:
    def setup(root: Path) -> list[str]:
        project = _mini(root)
        (project / CONTRACT).write_bytes(data)
        return _args(command, project)
    return setup


def contract_text(change: Callable[[str], str], command: str = "check") -> Setup:
    def setup(root: Path) -> list[str]:
        text = change(MINI_CONTRACT)
        assert text != MINI_CONTRACT
        return _args(command, _mini(root, contract=text))
    return setup


def _sub(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


_CHAIN = "".join(f"    S{i}: {{allOf: [{{$ref: '#/components/schemas/S{i + 1}'}}]}}\n"
                 for i in range(3000)) + "    S3000: {type: object}\n"
TOTAL = '"^[0-9]+[.][0-9]{2}$"'
CONTRACT_CASES = [
    Case("utf16", contract_bytes(MINI_CONTRACT.encode("utf-16")),
         expect=(f"{CONTRACT}:1", "UTF-8")),
    Case("utf16-in-verify", contract_bytes(MINI_CONTRACT.encode("utf-16"), "verify"),
         expect=(f"{CONTRACT}:1", "UTF-8")),
    Case("nul-in-the-middle", contract_bytes(
        MINI_CONTRACT.encode()[:200] + b"\x00" + MINI_CONTRACT.encode()[200:]),
         expect=(CONTRACT, "control characters")),
    Case("python-tag", contract_text(lambda t: t + "\nx: !!python/name:os.system\n"),
         expect=(f"{CONTRACT}:42", "constructor")),
    Case("custom-tag", contract_text(_sub("{type: integer}", "!Ref {type: integer}")),
         expect=(f"{CONTRACT}:8", "!Ref")),
    Case("two-documents", contract_text(lambda t: t + "\n---\nopenapi: 3.1.0\n"),
         expect=(f"{CONTRACT}:42", "another document")),
    Case("tabs", contract_text(lambda t: t.replace("  ", "\t")), expect=(f"{CONTRACT}:5",)),
    Case("nan-in-json", lambda root: _json_contract(root, '"minimum": NaN'),
         expect=("openapi.json", "NaN is not a JSON value")),
    Case("infinity-in-json", lambda root: _json_contract(root, '"maximum": -Infinity'),
         expect=("openapi.json", "-Infinity is not a JSON value")),
    Case("swagger-2", contract_text(_sub("openapi: 3.1.0", "swagger: '2.0'")),
         expect=(f"{CONTRACT}:2", "Swagger 2.0")),
    Case("openapi-a-number", contract_text(_sub("openapi: 3.1.0", "openapi: 3.1")),
         expect=(f"{CONTRACT}:2", "3.0/3.1")),
    Case("info-missing", contract_text(_sub("info: {title: Shop, version: v1}\n", "")),
         expect=(CONTRACT, "info")),
    Case("null-path-key", contract_text(_sub("paths:\n", "paths:\n  null: {}\n")),
         expect=(f"{CONTRACT}:4", "/paths")),
    Case("parameter-without-name", contract_text(_sub("name: id, ", "")),
         expect=(CONTRACT, "lacks its required key 'name'")),
    Case("parameter-in-body", contract_text(_sub("in: path", "in: body")),
         expect=(CONTRACT, "/parameters/0/in")),
    Case("allof-chain-3000-hops", contract_text(lambda t: t.replace(
        "    Order:\n", _CHAIN + "    Order:\n").replace(
        'order: {$ref: "#/components/schemas/Order"}', "order: {$ref: '#/components/schemas/S0'}"
    )), expect=(CONTRACT, "deeper than can be followed")),
    Case("pattern-not-a-regex", contract_text(_sub(TOTAL, '"\\\\"')),
         expect=(f"{CONTRACT}:16", "/pattern")),
    Case("pattern-unicode-property", contract_text(_sub(TOTAL, '"^\\\\p{Han}+$"')),
         expect=(CONTRACT, "regex")),
    Case("min-length-negative", contract_text(_sub(
        'note: {type: [string, "null"]}', 'note: {type: [string, "null"], minLength: -1}')),
         expect=(CONTRACT, "minLength")),
    Case("multiple-of-zero", contract_text(_sub(
        "id: {type: integer}", "id: {type: integer, multipleOf: 0}")),
         expect=(CONTRACT, "multipleOf")),
    Case("exclusive-minimum-boolean-in-3.1", contract_text(_sub(
        "id: {type: integer}", "id: {type: integer, minimum: 0, exclusiveMinimum: true}")),
         expect=(CONTRACT, "exclusiveMinimum")),
    Case("type-misspelt-in-header", contract_text(_sub(
        "schema: {type: string}}", "schema: {type: strng}}")), expect=(f"{CONTRACT}:13",)),
    Case("ref-with-bad-escape", contract_text(_sub("#/components/schemas/Order\"",
                                                   "#/components/schemas/Or~2der\"")),
         expect=(f"{CONTRACT}:20", "did you mean 'Order'")),
    Case("ref-into-a-list", contract_text(_sub("#/components/schemas/Order\"", "#/paths/0\"")),
         expect=(f"{CONTRACT}:20", "points to nothing")),
    Case("content-a-list", contract_text(_sub(
        "            application/json:\n              schema:\n                type: object",
        "            - application/json:\n              schema:\n                type: object")),
         expect=(f"{CONTRACT}:14", "/content")),
    Case("unknown-method-key", contract_text(_sub("    get:\n", "    fetch:\n")),
         expect=(CONTRACT, "fetch")),
    Case("discriminator-maps-to-nothing", contract_text(_sub(
        "      type: object\n      required: [id,", "      type: object\n      discriminator: "
        "{propertyName: status, mapping: {paid: '#/components/schemas/Nope'}}\n"
        "      required: [id,"), "contract lint"),
         expect=(f"{CONTRACT}:30", "/discriminator/mapping/paid", "points to nothing")),
    Case("discriminator-maps-to-a-schema-name", contract_text(_sub(
        "      type: object\n      required: [id,", "      type: object\n      discriminator: "
        "{propertyName: status, mapping: {paid: Order}}\n      required: [id,"),
        "contract lint"), exits=frozenset({0})),
]


def _json_contract(root: Path, token: str) -> list[str]:
    project = _mini(root)
    (project / CONTRACT).unlink()
    document = json.dumps(yaml.safe_load(MINI_CONTRACT), indent=1)
    document = document.replace('"type": "integer"', f'"type": "integer", {token}', 1)
    (project / CONTRACT).with_suffix(".json").write_text(document, encoding="utf-8")
    return _args("contract lint", project)


@pytest.mark.parametrize("case", CONTRACT_CASES, ids=[c.id for c in CONTRACT_CASES])
def test_hostile_contracts(case: Case, outcome: Outcome) -> None:
    assert_handled(outcome, exits=set(case.exits), expect=list(case.expect))


# --- cassettes --------------------------------------------------------------------------------

def cassette(content: list[dict[str, Any]] | str | bytes, command: str = "verify") -> Setup:
    def setup(root: Path) -> list[str]:
        project = _mini(root)
        folder = project / "fixtures" / "cassettes"
        for old in folder.glob("*.yaml"):
            old.unlink()
        path = folder / "c.yaml"
        if isinstance(content, list):
            write_cassette(path, content)
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return _args(command, project)
    return setup


def _changed(**changes: Any) -> dict[str, Any]:
    item = interaction({"order": good_order()})
    for key, value in changes.items():
        part, _, name = key.partition("__")
        if name:
            item[part][name] = value
        else:
            item[part] = value
    return item


def _body(text: str) -> list[dict[str, Any]]:
    return [interaction(text)]


GOOD = yaml.safe_dump({"interactions": [interaction({"order": good_order()})], "version": 1})
ORDER = '{"order": {"id": 1, "status": %s, "total": "10.00", "created_at": "2024-07-01T10:00:00Z"}}'
CASSETTE_CASES = [
    Case("lone-surrogate", cassette(_body(ORDER % '"\\ud800"')), exits=frozenset({1}),
         expect=("c.yaml:2", "lone UTF-16 surrogate", "/order/status")),
    Case("lone-surrogate-in-check", cassette(_body(ORDER % '"\\udfff"'), "check"),
         exits=frozenset({1}), expect=("c.yaml:2", "lone UTF-16 surrogate")),
    Case("number-overflows-a-double", cassette(_body(ORDER.replace('"id": 1', '"id": 1e99999')
                                                     % '"paid"')),
         exits=frozenset({1}), expect=("c.yaml:2", "too large for a double", "/order/id")),
    # Nothing examined: the warning says why, the run fails like every one-pillar command.
    Case("no-interactions", cassette("interactions: []\nversion: 1\n"), exits=frozenset({1}),
         expect=("cassette.empty", "c.yaml:1", "run.nothing-examined")),
    Case("utf16", cassette(GOOD.encode("utf-16")), exits=frozenset({1}),
         expect=("c.yaml:1", "UTF-8")),
    Case("status-a-string", cassette([_changed(response__status={"code": "abc"})]),
         exits=frozenset({1}), expect=("c.yaml:2", "status.code must be an integer")),
    Case("status-a-number", cassette([_changed(response__status=200)]), exits=frozenset({1}),
         expect=("c.yaml:2", "status.code")),
    Case("request-null", cassette([_changed(request=None)]), exits=frozenset({1}),
         expect=("c.yaml:2", "missing `request` or `response`")),
    Case("uri-relative", cassette([_changed(request__uri="/orders/1.json")]),
         exits=frozenset({1}), expect=("c.yaml:2", "absolute http(s) URL")),
    Case("uri-a-number", cassette([_changed(request__uri=5)]), exits=frozenset({1}),
         expect=("c.yaml:2", "must be strings")),
    Case("body-a-list", cassette([_changed(response__body=["a"])]), exits=frozenset({1}),
         expect=("c.yaml:2",)),
    Case("binary-tag-not-base64", cassette(GOOD.replace(
        "string: '{", "string: !!binary |\n        @@@notbase64@@@\n      x: '{", 1)),
         exits=frozenset({1}), expect=("c.yaml:9", "base64")),
    Case("anchor-bomb", cassette("a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(6)) + "interactions: [*g]\nversion: 1\n"), exits=frozenset({1}),
         expect=("c.yaml", "aliases expand")),
    Case("scrub-anchor-bomb", lambda root: [*cassette("a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(6)) + "interactions: [*g]\nversion: 1\n", "privacy scrub")(root)[:-2],
        str(root / "p" / "fixtures" / "cassettes" / "c.yaml")],
         expect=("c.yaml", "aliases expand")),
]


@pytest.mark.parametrize("case", CASSETTE_CASES, ids=[c.id for c in CASSETTE_CASES])
def test_hostile_cassettes(case: Case, outcome: Outcome) -> None:
    assert_handled(outcome, exits=set(case.exits), expect=list(case.expect))


# --- gateway packs: the example's Taobao, JD, Pinduoduo and SF Fengqiao recordings ----------

_EXAMPLE: list[Path] = []


def _example(root: Path) -> Path:
    """A copy of the bundled example (copied once per session, then cloned per case)."""
    if not _EXAMPLE:
        _EXAMPLE.append(copy_example(root.parent / "_example"))
    project = root / "p"
    shutil.copytree(_EXAMPLE[0], project, symlinks=True)
    return project


def gateway(name: str, mutate: Callable[[dict[str, Any]], Any], command: str = "verify"
            ) -> Setup:
    """One interaction of a pack's cassette, mutated, as the project's only recording."""
    def setup(root: Path) -> list[str]:
        project = _example(root)
        source = project / "fixtures" / "cassettes" / name
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        item = data["interactions"][0]
        mutate(item)
        for path in (project / "fixtures" / "cassettes").rglob("*.yaml"):
            path.unlink()
        source.write_text(yaml.safe_dump({"interactions": [item], "version": 1},
                                         allow_unicode=True), encoding="utf-8")
        return _args(command, project)
    return setup


def in_uri(pattern: str, new: str) -> Callable[[dict[str, Any]], None]:
    def mutate(item: dict[str, Any]) -> None:
        item["request"]["uri"] = re.sub(pattern, new, item["request"]["uri"])
    return mutate


def in_form(pattern: str, new: str) -> Callable[[dict[str, Any]], None]:
    def mutate(item: dict[str, Any]) -> None:
        item["request"]["body"] = re.sub(pattern, new, item["request"]["body"])
    return mutate


def answer(text: str | bytes, content_type: str | None = None
           ) -> Callable[[dict[str, Any]], None]:
    def mutate(item: dict[str, Any]) -> None:
        item["response"]["body"]["string"] = text
        if content_type:
            item["response"]["headers"]["content-type"] = [content_type]
    return mutate


TOP, JD, PDD = "taobao/top-2.0.yaml", "jd/pop-orders-2.0.yaml", "pinduoduo/orders-V1.yaml"
SF, TMC = "sf-fengqiao/std-service.yaml", "taobao/tmc-relay.yaml"
DEEP = '{"a":' * 3000 + "1" + "}" * 3000
SIGNED = {"TAOBAO_APP_SECRET": "test-secret", "SF_FENGQIAO_CHECKWORD": "checkword"}
SF_OK = '{"apiResultCode":"A1000","apiErrorMsg":"","apiResponseID":"X","apiResultData":%s}'
ONE = frozenset({1})
XML = "text/xml;charset=UTF-8"
XML_BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 or "")) * 10}">'
                      for i in range(1, 10))
            + "]><trades_sold_increment_get_response>&lol9;</trades_sold_increment_get_response>")
XML_XXE = ('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           "<error_response><code>&x;</code></error_response>")
XML_ERROR = ("<error_response><code>27</code><msg>Invalid session</msg>"
             "<sub_code>invalid-sessionkey</sub_code></error_response>")
GATEWAY_CASES = [
    Case("top-method-missing", gateway(TOP, in_uri(r"&method=[^&]+", "")), ONE,
         ("top-2.0.yaml:2", "operation.name-missing", "'method'")),
    Case("top-method-misspelt", gateway(TOP, in_uri(
        r"method=[^&]+", "method=taobao.trades.sold.incremnt.get")), ONE,
         ("top-2.0.yaml:2", "did you mean 'taobao.trades.sold.increment.get'")),
    # %FF is a byte of no charset: the query cannot be read, so neither can its operation
    Case("top-method-undecodable", gateway(TOP, in_uri(r"method=[^&]+", "method=%ZZ%FF")), ONE,
         ("top-2.0.yaml:2", "body.undecodable", "URL is percent-encoded")),
    Case("top-envelope-neither", gateway(TOP, answer('{"foo": {"bar": 1}}')), ONE,
         ("top-2.0.yaml:2", "response.unknown-envelope")),
    Case("top-envelope-a-list", gateway(TOP, answer("[1, 2, 3]")), ONE,
         ("top-2.0.yaml:2", "response.unknown-envelope")),
    Case("top-error-code-an-object", gateway(TOP, answer(
        '{"error_response": {"code": {"a": 1}, "msg": ["x"]}}')), ONE,
         ("top-2.0.yaml:2", "response.in-band-error", "/error_response")),
    Case("top-html-error-page", gateway(TOP, answer("<html>502 Bad Gateway</html>")), ONE,
         ("top-2.0.yaml:2", "not valid JSON")),
    Case("top-gbk-body-declared-utf8", gateway(TOP, answer(
        '{"trades_sold_increment_get_response": {"x": "中文"}}'.encode("gbk"),
        "application/json;charset=UTF-8")), ONE, ("top-2.0.yaml:2", "not valid UTF-8")),
    Case("top-deep-payload", gateway(TOP, answer(
        '{"trades_sold_increment_get_response": ' + DEEP + "}")), ONE,
         ("top-2.0.yaml:2", "deeper than 128")),
    # format=xml answers (the operation declares text/xml): bombs refused, errors reported
    Case("top-xml-billion-laughs", gateway(TOP, answer(XML_BOMB, XML)), ONE,
         ("top-2.0.yaml:2", "body.unsafe-xml", "billion laughs")),
    Case("top-xml-external-entity", gateway(TOP, answer(XML_XXE, XML)), ONE,
         ("top-2.0.yaml:2", "body.unsafe-xml", "XXE")),
    Case("top-xml-cut-off", gateway(TOP, answer(
        "<trades_sold_increment_get_response><has_next>true", XML)), ONE,
         ("top-2.0.yaml:2", "body.not-xml", "no element found")),
    Case("top-xml-deep", gateway(TOP, answer("<a>" * 3000 + "</a>" * 3000, XML)), ONE,
         ("top-2.0.yaml:2", "deeper than 128")),
    Case("top-xml-error-response", gateway(TOP, answer(XML_ERROR, XML)), ONE,
         ("top-2.0.yaml:2", "response.in-band-error", "/error_response", "Invalid session")),
    Case("top-xml-error-undeclared-type", gateway(TOP, answer(XML_ERROR, "text/plain")), ONE,
         ("top-2.0.yaml:2", "content-type.undeclared", "response.in-band-error")),
    Case("top-sign-wrong", gateway(TOP, in_uri(r"sign=[0-9A-F]+", "sign=" + "0" * 32)), ONE,
         ("top-2.0.yaml:2", "signature.invalid", "request:/sign"), SIGNED),
    Case("top-sign-missing", gateway(TOP, in_uri(r"&sign=[0-9A-F]+", "")), ONE,
         ("top-2.0.yaml:2", "signature.missing"), SIGNED),
    Case("top-sign-method-unknown", gateway(TOP, in_uri("sign_method=md5", "sign_method=sha512")),
         ONE, ("top-2.0.yaml:2", "sha512"), SIGNED),
    Case("top-form-binary", gateway(TOP, lambda item: item["request"].__setitem__(
        "body", bytes(range(256)))), ONE, ("top-2.0.yaml:2", "not valid utf-8")),
    Case("top-form-gbk-declared-utf8", gateway(TOP, lambda item: item["request"].__setitem__(
        "body", ("fields=" + quote_plus("中文", encoding="gbk")).encode()
    )), ONE, ("top-2.0.yaml:2", "declared charset")),
    Case("sf-service-code-misspelt", gateway(SF, in_form(
        r"serviceCode=[^&]+", "serviceCode=EXP_RECE_CREATE_ORDR")), ONE,
         ("std-service.yaml:2", "did you mean 'EXP_RECE_CREATE_ORDER'")),
    Case("sf-service-code-missing", gateway(SF, in_form(r"serviceCode=[^&]+&", "")), ONE,
         ("std-service.yaml:2", "'serviceCode'")),
    Case("sf-msgdata-not-json", gateway(SF, in_form(r"msgData=[^&]+", "msgData=%7Bnot+json")),
         ONE, ("std-service.yaml:2", "request:/msgData", "not JSON")),
    Case("sf-msgdata-deep", gateway(SF, in_form(r"msgData=[^&]+", "msgData=" + quote_plus(DEEP))),
         ONE, ("std-service.yaml:2", "request:/msgData", "deeper than 128")),
    Case("sf-msgdigest-wrong", gateway(SF, in_form(r"msgDigest=[^&]+", "msgDigest=AAAA")), ONE,
         ("std-service.yaml:2", "signature.invalid", "request:/msgDigest"), SIGNED),
    Case("sf-result-data-not-json", gateway(SF, answer(SF_OK % '"{not json"')), ONE,
         ("std-service.yaml:2", "/apiResultData", "JSON document inside a string")),
    Case("sf-result-data-a-number", gateway(SF, answer(SF_OK % "5")), ONE,
         ("std-service.yaml:2", "/apiResultData", "not a string")),
    Case("sf-result-data-deep", gateway(SF, answer(SF_OK % json.dumps(
        '{"success":true,"msgData":' + DEEP + "}"))), ONE,
         ("std-service.yaml:2", "/apiResultData", "deeper than 128")),
    Case("sf-result-data-lone-surrogate", gateway(SF, answer(SF_OK % json.dumps(
        '{"success":true,"errorCode":"S0000","msgData":{"orderId":"\\ud800"}}'))), ONE,
         ("std-service.yaml:2", "lone UTF-16 surrogate")),
    Case("sf-inner-wrong-type", gateway(SF, answer(SF_OK % json.dumps(
        '{"success":true,"errorCode":"S0000","errorMsg":null,"msgData":{"orderId":12345}}'))),
         ONE, ("std-service.yaml:2", "/apiResultData⟨json⟩/msgData/orderId")),
    Case("sf-legacy-xml-answer", gateway(SF, answer(
        '<?xml version="1.0" encoding="GBK"?><Response><Head>OK</Head></Response>'.encode("gbk"),
        "text/xml;charset=GBK")), ONE, ("std-service.yaml:2", "content-type.undeclared")),
    Case("jd-param-json-broken", gateway(JD, in_uri(
        r"360buy_param_json=[^&]+", "360buy_param_json=%7Bbroken")), ONE,
         ("pop-orders-2.0.yaml:2", "request:/360buy_param_json")),
    Case("jd-param-json-deep", gateway(JD, in_uri(
        r"360buy_param_json=[^&]+", "360buy_param_json=" + quote(DEEP))), ONE,
         ("pop-orders-2.0.yaml:2", "deeper than 128")),
    Case("pdd-type-unknown", gateway(PDD, in_form(r"type=[^&]+", "type=pdd.order.nope")), ONE,
         ("orders-V1.yaml:2", "operation.undocumented", "did you mean")),
    Case("pdd-error-code-a-word", gateway(PDD, answer(
        '{"error_response": {"error_code": "abc", "error_msg": 5}}')), ONE,
         ("orders-V1.yaml:2", "response.in-band-error")),
    Case("tmc-topic-missing", gateway(TMC, lambda item: item["request"].__setitem__(
        "body", re.sub(r'"topic":"[^"]+",', "", item["request"]["body"]))), ONE,
         ("tmc-relay.yaml:2", "names no topic", "'topic'")),
    Case("tmc-content-not-json", gateway(TMC, lambda item: item["request"].__setitem__(
        "body", item["request"]["body"].replace('"content":"{', '"content":"{{', 1))), ONE,
         ("tmc-relay.yaml:2", "/content", "not JSON")),
    Case("top-method-misspelt-in-check", gateway(TOP, in_uri(
        r"method=[^&]+", "method=taobao.trades.sold.incremnt.get"), "check"), ONE,
         ("top-2.0.yaml:2", "operation.undocumented")),
]


@pytest.mark.parametrize("case", GATEWAY_CASES, ids=[c.id for c in GATEWAY_CASES])
def test_hostile_gateway_recordings(case: Case, outcome: Outcome) -> None:
    assert_handled(outcome, exits=set(case.exits), expect=list(case.expect))


# --- mappings, suites, datasets ----------------------------------------------------------------

MAPPING = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
BOMB = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
    for i in range(4)) + "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"


def example_with(change: Callable[[Path], Any], command: str) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        change(project)
        return _args(command, project)
    return setup


def rewrite(relative: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / relative
        path.write_bytes(change(path.read_bytes()))
    return apply


def expectation(kind: str, **kwargs: Any) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / "suites" / "hubspot_deals.json"
        suite = json.loads(path.read_text(encoding="utf-8"))
        suite["expectations"].append({"type": kind, "kwargs": kwargs})
        path.write_text(json.dumps(suite, indent=1), encoding="utf-8")
    return apply


def _loop(relative: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / relative
        path.unlink()
        path.symlink_to(path.name)
    return apply


CONTACTS = "fixtures/datasets/hubspot_contacts.csv"
ORDERS = "fixtures/datasets/shopify_orders.jsonl"
DATA_CASES = [
    Case("mapping-utf16-in-check", example_with(rewrite(
        MAPPING, lambda b: b.decode().encode("utf-16")), "check"),
         expect=(f"{MAPPING}:1", "UTF-8")),
    Case("mapping-anchor-bomb-in-reconcile", example_with(rewrite(
        MAPPING, lambda b: BOMB.encode() + b), "reconcile"), expect=(MAPPING, "aliases expand")),
    Case("mapping-python-tag", example_with(rewrite(
        MAPPING, lambda b: b + b"\nx: !!python/name:os.system\n"), "map lint"),
         expect=(MAPPING, "constructor")),
    Case("mapping-emptied", example_with(rewrite(MAPPING, lambda b: b""), "map test"),
         expect=(f"{MAPPING}:1", "holds nothing")),
    Case("suite-nan-bound", example_with(expectation(
        "expect_column_values_to_be_between", column="amount", min_value=float("nan")),
        "quality"), ONE, ("suites/hubspot_deals.json", "NaN is not a JSON value")),
    Case("suite-regex-lookbehind", example_with(expectation(
        "expect_column_values_to_match_regex", column="dealname", regex="(?<=a+)b"), "quality"),
         ONE, ("suites/hubspot_deals.json", "/kwargs/regex")),
    Case("suite-column-sql-injection", example_with(expectation(
        "expect_column_values_to_not_be_null", column='dealname"; DROP TABLE x; --'), "quality"),
         ONE, ("suites/hubspot_deals.json", "is not in dataset")),
    Case("suite-value-set-null", example_with(expectation(
        "expect_column_values_to_be_in_set", column="dealstage", value_set=None), "quality"),
         ONE, ("suites/hubspot_deals.json", "/kwargs/value_set")),
    Case("suite-a-link-loop", example_with(_loop("suites/hubspot_deals.json"), "quality"),
         ONE, ("suites/hubspot_deals.json", "symbolic link loop")),
    Case("csv-gbk", example_with(rewrite(CONTACTS, lambda b: b.decode().encode("gb18030")),
                                 "quality"), ONE, ("hubspot_contacts.csv",)),
    Case("csv-duplicate-column", example_with(rewrite(CONTACTS, lambda b: b.replace(
        b"\n", b",email\n", 1)), "reconcile"), ONE, ("hubspot_contacts.csv",)),
    Case("jsonl-deep-line", example_with(rewrite(ORDERS, lambda b: b + DEEP.encode() + b"\n"),
                                         "quality"), ONE, ("shopify_orders.jsonl",)),
    Case("parquet-truncated", example_with(rewrite(
        "fixtures/datasets/hubspot_deals.parquet", lambda b: b[:100]), "quality"), ONE,
         ("hubspot_deals.parquet",)),
]


@pytest.mark.parametrize("case", DATA_CASES, ids=[c.id for c in DATA_CASES])
def test_hostile_mappings_suites_datasets(case: Case, outcome: Outcome) -> None:
    assert_handled(outcome, exits=set(case.exits), expect=list(case.expect))


# --- command lines naming devices, pipes and loops ------------------------------------------

def command(*args: str) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _mini(root)
        return [arg.replace("{p}", str(project)) for arg in args] + ["--project", str(project)]
    return setup


def with_pipe(*args: str) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _mini(root)
        os.mkfifo(project / "fixtures" / "pipe.yaml")
        return [arg.replace("{p}", str(project)) for arg in args] + ["--project", str(project)]
    return setup


def _empty_folder(root: Path) -> list[str]:
    project = _mini(root)
    (project / "empty").mkdir()
    return ["privacy", "scrub", str(project / "empty"), "--project", str(project)]


def _gbk_fixture(root: Path) -> list[str]:
    project = _mini(root)
    (project / "fixtures" / "notes.json").write_bytes(
        '{"备注": "客户电话 13912345678"}'.encode("gbk"))
    return ["privacy", "scan", "--project", str(project), "-f", "json"]


def _broken_fixture(root: Path) -> list[str]:
    project = _mini(root)
    (project / "fixtures" / "broken.yaml").write_text(
        "customer: {phone: 13912345678\n  oops: [\n", encoding="utf-8")
    return ["privacy", "scan", "--project", str(project), "-f", "json"]


CLI_CASES = [
    Case("scan-a-device", command("privacy", "scan", "/dev/zero"),
         expect=("/dev/zero", "not a regular file")),
    Case("scrub-a-device", command("privacy", "scrub", "/dev/zero"),
         expect=("/dev/zero", "not a regular file")),
    Case("scrub-a-pipe", with_pipe("privacy", "scrub", "{p}/fixtures/pipe.yaml"),
         expect=("pipe.yaml", "not a regular file")),
    Case("scrub-a-folder-without-cassettes", _empty_folder, expect=("empty", "no cassettes")),
    Case("record-from-a-pipe", with_pipe("record", "shop", "--from", "{p}/fixtures/pipe.yaml"),
         expect=("pipe.yaml", "not a regular file")),
    Case("record-from-a-device", command("record", "shop", "--from", "/dev/zero"),
         expect=("/dev/zero", "not a regular file")),
    Case("scan-finds-a-phone-in-a-gbk-file", _gbk_fixture, ONE,
         ("fixtures/notes.json", "privacy.personal-data")),
    Case("scan-finds-a-phone-in-a-broken-file", _broken_fixture, ONE,
         ("fixtures/broken.yaml", "privacy.personal-data")),
]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_hostile_command_lines(case: Case, outcome: Outcome) -> None:
    assert_handled(outcome, exits=set(case.exits), expect=list(case.expect))
