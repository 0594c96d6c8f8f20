"""A corpus of hostile inputs, one table per surface, each run through the real CLI with a time
bound (worker processes, see tests/support/hostile.py).

Every case must end with exit 1 (findings) or 2 (invalid project or command) — never 3, never a
traceback, never a hang — and its output must name the file and the line or JSON pointer of the
problem. ``pytest tests/integration/test_hostile_inputs.py`` runs the whole corpus.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import sqlite3
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.hostile import Outcome, assert_handled, run_seamguard
from tests.support.hostile_cases import Case, Setup
from tests.support.projects import (
    MINI_CONTRACT,
    MINI_SETTINGS,
    copy_example,
    good_order,
    interaction,
    mini_project,
)

CONTRACT = "contracts/shop/v1/openapi.yaml"



def run_case(case: Case, outcome: Outcome) -> None:
    assert_handled(outcome, exits=set(case.exits), expect=list(case.expect))


# --- contracts --------------------------------------------------------------------------------

def _project(root: Path, contract: str | None = MINI_CONTRACT) -> Path:
    project = mini_project(root / "p", contract=contract or "",
                           interactions=[interaction({"order": good_order()})])
    return project


def contract_text(text: str, command: str = "check") -> Setup:
    def setup(root: Path) -> list[str]:
        project = _project(root, textwrap.dedent(text))
        return [*command.split(), "--project", str(project), "-f", "json"]
    return setup


def contract_file(make: Callable[[Path], None], command: str = "check") -> Setup:
    """The contract path replaced by whatever ``make(path)`` puts there."""
    def setup(root: Path) -> list[str]:
        project = _project(root)
        path = project / CONTRACT
        path.unlink()
        make(path)
        return [*command.split(), "--project", str(project), "-f", "json"]
    return setup


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _deep_json(path: Path) -> None:
    path.with_suffix(".json").write_text("[" * 300_000 + "]" * 300_000, encoding="utf-8")


HEADER = "openapi: 3.1.0\ninfo: {title: Shop, version: v1}\n"
ONE_OP = HEADER + """paths:
  /orders/{id}.json:
    get:
      responses:
        "200":
          description: x
          content:
            application/json:
              schema: {$ref: "%s"}
"""

CONTRACT_CASES = [
    Case("empty", contract_text(""), expect=(f"{CONTRACT}:1", "holds nothing")),
    Case("top-level-list", contract_text("- openapi\n- paths\n"), expect=("holds a list",)),
    Case("top-level-scalar", contract_text("just text\n"), expect=("holds a string",)),
    Case("only-comments", contract_text("# nothing here\n"), expect=("holds nothing",)),
    Case("folder", contract_file(lambda p: p.mkdir()), expect=(CONTRACT, "is a folder")),
    Case("symlink-loop", contract_file(_loop), expect=(CONTRACT, "symbolic link loop")),
    Case("broken-symlink", contract_file(lambda p: p.symlink_to("missing.yaml")),
         expect=(CONTRACT, "does not exist")),
    Case("dev-zero", contract_file(lambda p: p.symlink_to("/dev/zero")),
         expect=(CONTRACT, "not a regular file")),
    Case("dev-urandom", contract_file(lambda p: p.symlink_to("/dev/urandom"), "verify"),
         expect=(CONTRACT, "not a regular file")),
    Case("fifo", contract_file(_fifo), expect=(CONTRACT, "not a regular file")),
    Case("deep-json", contract_file(_deep_json), expect=("openapi.json:1", "deeper than 128")),
    Case("deep-flow-yaml", contract_text("openapi: " + "[" * 200_000 + "]" * 200_000),
         expect=(f"{CONTRACT}:1", "deeper than 128")),
    Case("deep-block-yaml", contract_text("a:\n" + "".join(
        " " * i + "b:\n" for i in range(1, 400)) + " " * 400 + "c"), expect=(CONTRACT,)),
    Case("self-alias", contract_text("openapi: &a [*a]\n"), expect=(f"{CONTRACT}:1", "recursive")),
    Case("billion-laughs", contract_text(
        "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
            for i in range(9))), expect=(CONTRACT, "aliases expand")),
    Case("invalid-utf8", contract_file(lambda p: p.write_bytes(b"openapi: 3.1.0\ntitle: \xff\n")),
         expect=(f"{CONTRACT}:2", "invalid UTF-8")),
    Case("binary", contract_file(lambda p: p.write_bytes(bytes(range(256)) * 4)),
         expect=(CONTRACT,)),
    Case("not-openapi", contract_text("swaggerVersion: '1.2'\napiVersion: '1'\napis: []\n"),
         expect=(f"{CONTRACT}:1", "not an OpenAPI 3.0/3.1", "Swagger 1.2")),
    Case("swagger-2-unversioned", contract_text("swagger: '2.0'\ninfo: {title: x}\npaths: {}\n"),
         expect=(f"{CONTRACT}:2", "version")),
    Case("paths-null", contract_text(HEADER + "paths: null\n", "verify"),
         expect=(f"{CONTRACT}:3 (at /paths)", "expected a mapping")),
    Case("paths-null-check", contract_text(HEADER + "paths: null\n"),
         expect=(f"{CONTRACT}:3", "/paths")),
    Case("paths-list", contract_text(HEADER + "paths: [/a, /b]\n", "verify"),
         expect=(f"{CONTRACT}:3 (at /paths)",)),
    Case("paths-string", contract_text(HEADER + "paths: /orders\n", "verify"),
         expect=(f"{CONTRACT}:3 (at /paths)",)),
    Case("operation-list", contract_text(HEADER + "paths:\n  /a:\n    get: [x]\n", "verify"),
         expect=(f"{CONTRACT}:5 (at /paths/~1a/get)",)),
    Case("responses-list", contract_text(
        HEADER + "paths:\n  /a:\n    get:\n      responses: [200]\n", "verify"),
        expect=(f"{CONTRACT}:6 (at /paths/~1a/get/responses)",)),
    Case("response-string", contract_text(
        HEADER + "paths:\n  /a:\n    get:\n      responses: {'200': ok}\n", "verify"),
        expect=(f"{CONTRACT}:6", "/paths/~1a/get/responses/200")),
    Case("content-string", contract_text(
        HEADER + "paths:\n  /a:\n    get:\n      responses:\n        '200': "
                 "{description: x, content: application/json}\n", "verify"),
        expect=("/paths/~1a/get/responses/200/content",)),
    Case("headers-list", contract_text(
        HEADER + "paths:\n  /a:\n    get:\n      responses:\n        '200': "
                 "{description: x, headers: [X-A]}\n", "verify"),
        expect=("/paths/~1a/get/responses/200/headers",)),
    Case("duplicate-path", contract_text(MINI_CONTRACT.replace(
        "paths:\n",
        "paths:\n  /orders/{id}.json:\n    get: {responses: {'200': {description: x}}}\n", 1),
        "verify"), expect=(f"{CONTRACT}:7", "lines 5 and 7", "'/orders/{id}.json'")),
    Case("duplicate-status", contract_text(HEADER + textwrap.dedent("""\
        paths:
          /a:
            get:
              responses:
                '200': {description: a}
                '404': {description: b}
                '200': {description: c}
        """)), expect=(f"{CONTRACT}:9", "'200' appears twice")),
    Case("duplicate-json-key", contract_file(lambda p: p.with_suffix(".json").write_text(
        '{"openapi": "3.1.0",\n "info": {"title": "a", "version": "v1"},\n "paths": {},\n'
        ' "paths": {"/a": {}}}', encoding="utf-8")), expect=("openapi.json:4", "lines 3 and 4")),
    Case("ref-cycle", contract_text(ONE_OP % "#/components/schemas/A" + textwrap.dedent("""\
        components:
          schemas:
            A: {$ref: "#/components/schemas/B"}
            B: {$ref: "#/components/schemas/A"}
        """), "verify"), expect=(f"{CONTRACT}:14 (#/components/schemas/A) -> {CONTRACT}:15",
                                 "cycle")),
    Case("self-ref", contract_text(ONE_OP % "#/components/schemas/A" + textwrap.dedent("""\
        components:
          schemas:
            A: {$ref: "#/components/schemas/A"}
        """)), expect=(f"{CONTRACT}:14", "cycle")),
    Case("allof-cycle", contract_text(ONE_OP % "#/components/schemas/A" + textwrap.dedent("""\
        components:
          schemas:
            A: {allOf: [{$ref: "#/components/schemas/B"}]}
            B: {anyOf: [{type: object}, {$ref: "#/components/schemas/A"}]}
        """)), expect=(f"{CONTRACT}:14 (#/components/schemas/A) -> {CONTRACT}:15", "cycle")),
    Case("ref-escapes-project", contract_text(ONE_OP % "../../../../../../etc/passwd#/X",
                                              "verify"),
         expect=(f"{CONTRACT}:11", "points outside the project")),
    Case("ref-absolute-path", contract_text(ONE_OP % "/etc/passwd#/X"),
         expect=(f"{CONTRACT}:11", "outside the project")),
    Case("ref-file-uri", contract_text(ONE_OP % "file:///etc/hostname#/X"),
         expect=(f"{CONTRACT}:11", "outside the project")),
    Case("ref-remote", contract_text(ONE_OP % "https://example.com/s.yaml#/X"),
         expect=(f"{CONTRACT}:11", "offline")),
    Case("ref-missing-file", contract_text(ONE_OP % "schemas/nope.yaml#/X"),
         expect=(f"{CONTRACT}:11", "does not exist")),
    Case("ref-missing-pointer", contract_text(ONE_OP % "#/components/schemas/Nope"),
         expect=(f"{CONTRACT}:11", "points to nothing")),
    Case("ref-to-folder", contract_text(ONE_OP % "./#/X"),
         expect=(f"{CONTRACT}:11", "contracts/shop/v1: this is a folder")),
    Case("schema-not-a-schema", contract_text(HEADER + textwrap.dedent("""\
        paths:
          /orders/{id}.json:
            get:
              responses:
                '200':
                  description: x
                  content: {application/json: {schema: {type: 7}}}
        """), "verify"), exits=frozenset({1, 2}), expect=(CONTRACT,)),
    Case("over-size-limit", lambda root: [
        "verify", "--project", str(mini_project(
            root / "p", settings=MINI_SETTINGS.replace(
                "[tool.seamguard]\n", "[tool.seamguard]\nmax_document_mb = 0.001\n"),
            contract=MINI_CONTRACT + "#" * 2000 + "\n",
            interactions=[interaction({"order": good_order()})])), "-f", "json"],
        expect=(CONTRACT, "over the 1.0 KB limit")),
]


@pytest.mark.parametrize("case", CONTRACT_CASES, ids=[case.id for case in CONTRACT_CASES])
def test_hostile_contracts(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


# --- output folders and init ------------------------------------------------------------------

def pyproject(content: str | bytes | Callable[[Path], None], command: str = "check") -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p")
        path = project / "pyproject.toml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.unlink()
            content(path)
        return [*command.split(), "--project", str(project)]
    return setup


def with_settings(lines: str, command: str = "check") -> Setup:
    return pyproject(MINI_SETTINGS.replace("[tool.seamguard]\n", f"[tool.seamguard]\n{lines}\n"),
                     command)


def replaced(old: str, new: str, command: str = "check") -> Setup:
    assert old in MINI_SETTINGS
    return pyproject(MINI_SETTINGS.replace(old, new), command)


def _with_file(root: Path) -> Path:
    (root / "a-file").write_text("x", encoding="utf-8")
    return root / "a-file"


FOLDER_CASES = [
    Case("reports-is-a-file", lambda root: [
        "check", "--project", str(mini_project(root / "p")), "--reports", str(_with_file(root))],
        expect=("a-file, which is a file",)),
    Case("reports-below-a-file", lambda root: [
        "verify", "--project", str(mini_project(root / "p")),
        "--reports", str(_with_file(root) / "sub")], expect=("a-file/sub", "cannot create")),
    Case("reports-setting-is-a-file", with_settings('reports = "pyproject.toml"'),
         expect=("pyproject.toml:3", "which is a file")),
    Case("cassettes-setting-is-a-file", with_settings('cassettes = "pyproject.toml"'),
         expect=("pyproject.toml:3", "tool.seamguard.cassettes")),
    Case("contracts-setting-is-a-file", with_settings('contracts = "pyproject.toml"'),
         expect=("pyproject.toml:3", "tool.seamguard.contracts")),
    Case("suites-setting-is-a-file", with_settings('quality = {suites = "pyproject.toml"}'),
         expect=("pyproject.toml:3", "quality.suites")),
    Case("init-into-a-file", lambda root: ["init", str(_with_file(root))],
         expect=("a-file is a file",)),
    Case("init-below-a-file", lambda root: ["init", str(_with_file(root) / "new")],
         expect=("a-file is a file",)),
    Case("init-over-a-project", lambda root: ["init", str(mini_project(root / "p"))],
         expect=("already is a seamguard project ([tool.seamguard] in pyproject.toml)",)),
    Case("init-into-proc", lambda root: ["init", "/proc/version/new"], expect=("/proc/version",)),
]


@pytest.mark.parametrize("case", FOLDER_CASES, ids=[case.id for case in FOLDER_CASES])
def test_hostile_folders(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


def test_init_into_an_unwritable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        outcome = run_seamguard("init", str(folder / "new"))
    finally:
        folder.chmod(0o700)
    if os.geteuid() == 0:  # root writes anyway: then init must simply succeed
        assert outcome.code == 0, outcome.raw
    else:
        assert_handled(outcome, exits={2}, expect=["locked/new", "cannot create"])


# --- cassettes --------------------------------------------------------------------------------

CASSETTE = "fixtures/cassettes/orders.yaml"


def _interaction_with(body: object = None, **changes: object) -> dict[str, Any]:
    """A good recorded order, with ``a__b=value`` set at request/response places."""
    item = interaction(body if body is not None else {"order": good_order()})
    for dotted, value in changes.items():
        node: Any = item
        *parents, last = dotted.split("__")
        for key in parents:
            node = node[key]
        node[last] = value
    return item


def cassette(content: str | bytes | Callable[[Path], None] | list[dict[str, Any]],
             command: str = "verify", settings: str = MINI_SETTINGS) -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", settings=settings)
        path = project / CASSETTE
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, list):
            path.write_text(yaml.safe_dump({"interactions": content, "version": 1}),
                            encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            content(path)
        return [*command.split(), "--project", str(project), "-f", "json"]
    return setup


def _gzip_bomb() -> list[dict[str, Any]]:
    item = _interaction_with(headers=None)
    item["response"]["headers"] = {"Content-Type": ["application/json"],
                                   "Content-Encoding": ["gzip"], "X-Request-Id": ["r"]}
    item["response"]["body"]["string"] = gzip.compress(
        b'{"order": "' + b"0" * (64 << 20) + b'"}', compresslevel=9)
    return [item]


SMALL_BODIES = MINI_SETTINGS.replace("[tool.seamguard]\n",
                                     "[tool.seamguard]\nmax_body_mb = 0.001\n")

CASSETTE_CASES = [
    Case("folder-named-like-a-cassette", cassette(lambda p: p.mkdir()), exits=frozenset({1}),
         expect=(CASSETTE, "is a folder")),
    Case("broken-symlink", cassette(lambda p: p.symlink_to("gone.yaml")), exits=frozenset({1}),
         expect=(CASSETTE, "does not exist")),
    Case("symlink-loop", cassette(lambda p: p.symlink_to(p.name)), exits=frozenset({1}),
         expect=(CASSETTE, "symbolic link loop")),
    Case("device", cassette(lambda p: p.symlink_to("/dev/zero")), exits=frozenset({1}),
         expect=(CASSETTE, "not a regular file")),
    Case("empty", cassette(""), exits=frozenset({1}), expect=(f"{CASSETTE}:1",)),
    Case("top-level-list", cassette("- a\n- b\n"), exits=frozenset({1}),
         expect=(f"{CASSETTE}:1",)),
    Case("version-2", cassette("interactions: []\nversion: 2\n"), exits=frozenset({1}),
         expect=(f"{CASSETTE}:2", "version 2")),
    Case("interactions-mapping", cassette("interactions: {a: 1}\nversion: 1\n"),
         exits=frozenset({1}), expect=(f"{CASSETTE}:1", "must be a list")),
    Case("interaction-scalar", cassette("interactions: [x]\nversion: 1\n"), exits=frozenset({1}),
         expect=(f"{CASSETTE}:1", "interaction #0")),
    Case("duplicate-key", cassette("interactions: []\nversion: 1\ninteractions: []\n"),
         exits=frozenset({1}), expect=(f"{CASSETTE}:3", "lines 1 and 3")),
    Case("status-text", cassette([_interaction_with(response__status__code="200")]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "must be an integer")),
    Case("status-out-of-range", cassette([_interaction_with(response__status__code=99999)]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "status 99999")),
    Case("headers-list", cassette([_interaction_with(response__headers=["a"])]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "response.headers")),
    Case("uri-not-a-url", cassette([_interaction_with(request__uri=":::: nope")]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "not an absolute http(s) URL")),
    Case("uri-bad-port", cassette([_interaction_with(
        request__uri="https://shop.example.com:99999/api/v1/orders/1.json")]),
        exits=frozenset({1}), expect=(f"{CASSETTE}:2", "Port out of range")),
    Case("uri-bad-ipv6", cassette([_interaction_with(request__uri="http://[::1/api")]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "Invalid IPv6")),
    Case("method-number", cassette([_interaction_with(request__method=5)]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "must be strings")),
    Case("deep-body", cassette([_interaction_with("[" * 300_000 + "]" * 300_000)]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "body.too-deep")),
    Case("deep-body-within-json", cassette([_interaction_with(
        '{"order": ' + "[" * 600 + "]" * 600 + "}")]), exits=frozenset({1}),
        expect=(f"{CASSETTE}:2", "deeper than 128")),
    Case("gzip-bomb", cassette(_gzip_bomb()), exits=frozenset({1}),
         expect=(f"{CASSETTE}:2", "body.too-large", "inflates to over")),
    Case("body-over-limit", cassette([_interaction_with('{"order": "' + "a" * 3000 + '"}')],
                                     settings=SMALL_BODIES),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "over the 1.0 KB limit")),
    Case("nan-body", cassette([_interaction_with('{"order": NaN}')]), exits=frozenset({1}),
         expect=(f"{CASSETTE}:2", "NaN is not a JSON value")),
    Case("huge-integer", cassette([_interaction_with('{"order": {"id": 1' + "0" * 5000 + "}}")]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "body.not-json")),
    Case("truncated-json", cassette([_interaction_with('{"order": {"id": 1')]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "body.not-json")),
    Case("binary-garbage-body", cassette([_interaction_with(b"\xff\xfe\x00garbage")]),
         exits=frozenset({1}), expect=(f"{CASSETTE}:2", "not valid UTF-8")),
    Case("unreadable-in-drift-observe", cassette(lambda p: p.mkdir(), "drift observe"),
         exits=frozenset({1}), expect=(CASSETTE, "is a folder")),
    Case("unreadable-in-check", cassette("interactions: 5\nversion: 1\n", "check"),
         exits=frozenset({1}), expect=(f"{CASSETTE}:1",)),
]


@pytest.mark.parametrize("case", CASSETTE_CASES, ids=[case.id for case in CASSETTE_CASES])
def test_hostile_cassettes(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


# --- mappings ---------------------------------------------------------------------------------

MAPPING = "contracts/mappings/shopify-customer-to-hubspot-contact.yaml"


def mapping(change: Callable[[str], str] | Callable[[Path], None], command: str = "map lint",
            *, edit_file: bool = False) -> Setup:
    """The example project with its customer mapping changed (text, or the file itself)."""
    def setup(root: Path) -> list[str]:
        project = copy_example(root / "p")
        path = project / MAPPING
        if edit_file:
            change(path)  # type: ignore[arg-type]
        else:
            path.write_text(change(path.read_text(encoding="utf-8")),  # type: ignore[arg-type]
                            encoding="utf-8")
        return [*command.split(), "--project", str(project), "-f", "json"]
    return setup


def _replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"{old!r} is not in the example mapping any more"
        return text.replace(old, new, 1)
    return change


EXAMPLE_STEP = "transforms: [trim, lower]"

MAPPING_CASES = [
    Case("second-examples-key", mapping(lambda t: t + "\nexamples: []\n", "map test"),
         expect=(MAPPING, "'examples' appears twice")),
    Case("duplicate-rule-key", mapping(_replace("    source: email\n",
                                                "    source: email\n    source: phone\n")),
         expect=(MAPPING, "'source' appears twice")),
    Case("empty", mapping(lambda t: ""), expect=(f"{MAPPING}:1", "holds nothing")),
    Case("top-level-list", mapping(lambda t: "- a\n"), expect=(f"{MAPPING}:1", "holds a list")),
    Case("folder", mapping(lambda p: (p.unlink(), p.mkdir()), edit_file=True),  # type: ignore
         expect=(MAPPING, "is a folder")),
    Case("device", mapping(lambda p: (p.unlink(), p.symlink_to("/dev/zero")),  # type: ignore
                           "map test", edit_file=True), expect=(MAPPING, "not a regular file")),
    Case("fields-null", mapping(_replace("fields:\n", "fields: null\nunused:\n")),
         expect=(MAPPING,)),
    Case("unknown-key", mapping(_replace("identity:", "identiy: {}\nidentity:")),
         expect=(MAPPING, "unknown key 'identiy'")),
    Case("missing-identity", mapping(_replace(
        "identity: {source: id, target: shopify_customer_id}", "")),
        expect=(MAPPING, "(at /identity)", "required key 'identity' is missing")),
    Case("unknown-transform", mapping(_replace(EXAMPLE_STEP, "transforms: [trim, lowr]")),
         exits=frozenset({1}), expect=(MAPPING, "did you mean 'lower'")),
    Case("transform-param-type", mapping(_replace(
        "{phone_e164: {region: CN}}", "{phone_e164: {region: 5}}")), exits=frozenset({1}),
        expect=(MAPPING, "/transforms/", "must be str, got 5")),
    Case("transform-params-not-a-mapping", mapping(_replace(
        "{phone_e164: {region: CN}}", "{phone_e164: [CN]}")),
        expect=(MAPPING, "/transforms", "must be a transform name")),
    Case("transform-number", mapping(_replace(EXAMPLE_STEP, "transforms: [5]")),
         expect=(MAPPING, "step 0 must be a transform name")),
    Case("transform-bad-regex", mapping(_replace(
        EXAMPLE_STEP, "transforms: [{regex_replace: {pattern: '(', replacement: ''}}]")),
        exits=frozenset({1}), expect=(MAPPING, "invalid regular expression")),
    Case("lookup-outside-project", mapping(_replace(
        EXAMPLE_STEP, "transforms: [{lookup: {file: /etc/passwd}}]")), exits=frozenset({1}),
        expect=(MAPPING, "outside the project")),
    Case("lookup-climbs-out", mapping(_replace(
        EXAMPLE_STEP, "transforms: [{lookup: {file: ../../../../../etc/hostname}}]")),
        exits=frozenset({1}), expect=(MAPPING, "outside the project")),
    Case("lookup-missing", mapping(_replace(
        EXAMPLE_STEP, "transforms: [{lookup: {file: tables/none.csv}}]")),
        exits=frozenset({1}), expect=(MAPPING, "not found")),
    Case("source-malformed-path", mapping(_replace("    source: email\n", "    source: 'a..b'\n")),
         exits=frozenset({1}), expect=(f"{MAPPING}:22", "malformed path")),
    Case("source-malformed-path-in-map-test", mapping(
        _replace("    source: email\n", "    source: 'email[[['\n"), "map test"),
        exits=frozenset({1, 2}), expect=(f"{MAPPING}:22", "/fields/0/source", "malformed path")),
    Case("target-malformed-path-in-map-test", mapping(
        _replace("  - target: email\n", "  - target: 'email]'\n"), "map test"),
        exits=frozenset({1, 2}), expect=(MAPPING, "/fields/0/target", "malformed path")),
    Case("source-number", mapping(_replace("    source: email\n", "    source: 5\n")),
         expect=(f"{MAPPING}:22", "/fields/0/source", "found 5 (integer)")),
    Case("enum-map-list", mapping(_replace("  lifecycle:\n", "  lifecycle: [a]\n  unused:\n")),
         expect=(MAPPING, "/enums/lifecycle", "valid dictionary")),
    Case("enum-unknown", mapping(_replace("enum: lifecycle", "enum: lifecycl")),
         expect=(MAPPING, "did you mean 'lifecycle'")),
    Case("contract-unknown", mapping(_replace("contract: hubspot@v3", "contract: hubspt@v3")),
         expect=(MAPPING, "/target/contract", "did you mean 'hubspot@v3'")),
    Case("schema-missing", mapping(_replace(
        '"#/components/schemas/ContactPropertiesInput"', '"#/components/schemas/Nope"')),
        expect=(MAPPING, "/target/schema", "points to nothing")),
    Case("recorded-operation-unknown", mapping(_replace(
        'operation: "GET /customers.json"', 'operation: "GET /nope.json"')),
        exits=frozenset({1}), expect=(MAPPING, "/source/recorded/1/operation",
                                      "no operation 'GET /nope.json'")),
    Case("recorded-webhook-unknown", mapping(_replace(
        "webhook: customers/create", "webhook: customers/creat")),
        exits=frozenset({1}), expect=(MAPPING, "did you mean 'customers/create'")),
    Case("recorded-at-not-a-pointer", mapping(_replace('at: "/customers/*"', 'at: "customers"')),
         expect=(MAPPING, "/source/recorded/1/at", "must be a JSON pointer")),
    Case("invalid-mapping-in-map-test", mapping(_replace("identity:", "identiy: {}\nidentity:"),
                                                "map test"), expect=(MAPPING, "unknown key")),
    Case("invalid-mapping-in-map-explain", mapping(
        _replace("identity:", "identiy: {}\nidentity:"),
        "map explain shopify-customer-to-hubspot-contact fixtures/cassettes/shopify/"
        "customers-2024-07.yaml#1"), expect=(MAPPING, "unknown key")),
    Case("example-input-a-list", mapping(_replace(
        "examples:\n", "examples:\n  - {name: broken, input: [1], output: {}}\n"), "map test"),
        expect=(MAPPING, "/examples/0/input")),
    Case("deep-example", mapping(_replace(
        "examples:\n", "examples:\n  - {name: deep, input: " + "{a: " * 200 + "1" + "}" * 200
        + ", output: {}}\n"), "map test"), expect=(MAPPING, "deeper than 128")),
    Case("rules-in-a-circle", mapping(lambda text: _replace(
        "  - target: city\n    source: default_address.city",
        "  - target: city\n    source: $target.email")(_replace(
            "    source: email\n", "    source: $target.city\n")(text))),
        exits=frozenset({1, 2}), expect=(MAPPING, "in a circle")),
]


@pytest.mark.parametrize("case", MAPPING_CASES, ids=[case.id for case in MAPPING_CASES])
def test_hostile_mappings(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


# --- suites, datasets, reconciliations --------------------------------------------------------

SUITE = "suites/hubspot_deals.json"


def example_with(change: Callable[[Path], None], command: str = "quality") -> Setup:
    def setup(root: Path) -> list[str]:
        project = copy_example(root / "p")
        change(project)
        return [*command.split(), "--project", str(project), "-f", "json"]
    return setup


def expectation(kind: str, **kwargs: Any) -> Callable[[Path], None]:
    """Append one expectation to the deals suite (it becomes /expectations/11)."""
    def change(project: Path) -> None:
        path = project / SUITE
        data = json.loads(path.read_text(encoding="utf-8"))
        data["expectations"].append({"type": kind, "kwargs": kwargs})
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return change


def suite_meta(**seamguard: Any) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / SUITE
        data = json.loads(path.read_text(encoding="utf-8"))
        data.setdefault("meta", {}).setdefault("seamguard", {}).update(seamguard)
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return change


def setting(old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / "pyproject.toml"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in the example settings any more"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def _ragged(path: Path, line: int) -> None:
    """Two unquoted fields too many on ``line`` of a CSV file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n") + ",one,two\n"
    path.write_text("".join(lines), encoding="utf-8")


def _write(relative: str, content: str | bytes) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / relative
        path.unlink(missing_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return change


def _replace_with(relative: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / relative
        path.unlink()
        make(path)
    return change


NOT_NULL = "expect_column_values_to_not_be_null"
BETWEEN = "expect_column_values_to_be_between"
RECONCILE = 'mapping = "shopify-order-to-hubspot-deal"\nsource'

QUALITY_CASES = [
    Case("dataset-selected-that-no-suite-checks", example_with(
        lambda project: (project / "pyproject.toml").write_text(
            (project / "pyproject.toml").read_text(encoding="utf-8")
            + '\n[tool.seamguard.datasets.orphan]\npath = "fixtures/datasets/none.jsonl"\n'
              'key = ["id"]\n', encoding="utf-8"), "quality --only dataset=orphan"),
        exits=frozenset({1}), expect=("pyproject.toml:", "tool.seamguard.datasets.orphan",
                                      "no suite")),
    Case("expectation-without-column", example_with(expectation(NOT_NULL)), exits=frozenset({1}),
         expect=(SUITE, "/expectations/11/kwargs/column", "required, but missing")),
    Case("column-a-number", example_with(expectation(NOT_NULL, column=5)), exits=frozenset({1}),
         expect=(SUITE, "/expectations/11/kwargs/column")),
    Case("mostly-7", example_with(expectation(NOT_NULL, column="dealname", mostly=7)),
         exits=frozenset({1}), expect=(SUITE, "/expectations/11/kwargs/mostly", "found 7")),
    Case("mostly-text", example_with(expectation(NOT_NULL, column="dealname", mostly="most")),
         exits=frozenset({1}), expect=(SUITE, "/kwargs/mostly")),
    Case("mostly-7-compiled-engine", example_with(expectation(
        NOT_NULL, column="dealname", mostly=7), "quality --engine compiled"),
        exits=frozenset({1}), expect=(SUITE, "/kwargs/mostly")),
    Case("string-bounds", example_with(expectation(BETWEEN, column="amount", min_value="low",
                                                   max_value="high")),
         exits=frozenset({1}), expect=(SUITE, "/kwargs/min_value", "found 'low'")),
    Case("no-bounds", example_with(expectation(BETWEEN, column="amount")), exits=frozenset({1}),
         expect=(SUITE, "/expectations/11/kwargs", "cannot both be None")),
    Case("strict-min-a-number", example_with(expectation(BETWEEN, column="amount", min_value=1,
                                                         strict_min=5)),
         exits=frozenset({1}), expect=(SUITE, "/kwargs/strict_min")),
    Case("unknown-expectation-type", example_with(expectation(
        "expect_column_values_to_be_purple", column="dealname")), exits=frozenset({1}),
        expect=(SUITE, "/expectations/11/type", "not found")),
    Case("unknown-kwarg", example_with(expectation(NOT_NULL, column="dealname", colour="red")),
         exits=frozenset({1}), expect=(SUITE, "/kwargs/colour")),
    Case("regex-not-text", example_with(expectation(
        "expect_column_values_to_match_regex", column="dealname", regex=5)),
        exits=frozenset({1}), expect=(SUITE, "/kwargs/regex")),
    Case("regex-broken", example_with(expectation(
        "expect_column_values_to_match_regex", column="dealname", regex="(")),
        exits=frozenset({1}), expect=(SUITE, "/kwargs/regex", "not a valid regular expression")),
    Case("value-set-text", example_with(expectation(
        "expect_column_values_to_be_in_set", column="dealname", value_set="abc")),
        exits=frozenset({1}), expect=(SUITE, "/kwargs/value_set")),
    Case("row-count-text", example_with(expectation("expect_table_row_count_to_equal",
                                                    value="ten")),
         exits=frozenset({1}), expect=(SUITE, "/kwargs/value")),
    Case("duplicate-key-in-suite", example_with(_write(
        SUITE, '{"name": "hubspot_deals",\n "name": "x",\n "expectations": []}')),
        exits=frozenset({1}), expect=(f"{SUITE}:2", "lines 1 and 2")),
    Case("deep-suite", example_with(_write(
        "suites/deep.json", '{"name": "d", "expectations": [' + "[" * 5000 + "]" * 5000 + "]}")),
        exits=frozenset({1}), expect=("suites/deep.json:1", "deeper than 128")),
    Case("suite-is-a-folder", example_with(lambda p: (p / "suites" / "dir.json").mkdir()),
         exits=frozenset({1}), expect=("suites/dir.json", "is a folder")),
    Case("suite-is-a-device", example_with(
        lambda p: (p / "suites" / "zero.json").symlink_to("/dev/zero")),
        exits=frozenset({1}), expect=("suites/zero.json", "not a regular file")),
    Case("suite-top-level-list", example_with(_write("suites/list.json", "[1, 2]")),
         exits=frozenset({1}), expect=("suites/list.json", "must be a JSON object")),
    Case("references-not-a-list", example_with(suite_meta(references=5)), exits=frozenset({1}),
         expect=(SUITE, "/meta/seamguard/references")),
    Case("reference-incomplete", example_with(suite_meta(references=[{"column": "x"}])),
         exits=frozenset({1}), expect=(SUITE, "/meta/seamguard/references/0")),
    Case("suite-names-unknown-dataset", example_with(suite_meta(dataset="hubspot_deal")),
         exits=frozenset({1}), expect=("pyproject.toml", "did you mean 'hubspot_deals'")),
    Case("no-suites-folder", example_with(lambda p: shutil.rmtree(p / "suites")),
         exits=frozenset({1}), expect=("pyproject.toml", "quality.no-suites",
                                       "suites/ does not exist")),
    Case("dataset-path-a-folder", example_with(setting(
        'path = "fixtures/datasets/hubspot_deals.parquet"', 'path = "fixtures/datasets"')),
        exits=frozenset({1}), expect=("pyproject.toml:", "datasets.hubspot_deals.path",
                                      "is a folder")),
    # a row with more fields than the header: DuckDB reads one column and says "Binder Error"
    *(Case(f"dataset-ragged-row{name}", example_with(lambda p, change=change: (
        change(p), _ragged(p / "fixtures/datasets/hubspot_contacts.csv", 6)), "quality"),
        exits=frozenset({1}), expect=("fixtures/datasets/hubspot_contacts.csv:6",
                                      "the row has 9 fields, where the header has 7",
                                      "hint: quote a value"))
      for name, change in (("", lambda p: None), ("-without-dtypes", setting(
          'dtypes = { mobilephone = "string", shopify_customer_id = "string" }\n', "")))),
    Case("dataset-empty", example_with(_write("fixtures/datasets/hubspot_contacts.csv", "")),
         exits=frozenset({1}), expect=("pyproject.toml:", "hubspot_contacts.csv is empty")),
    Case("dataset-not-parquet", example_with(_write(
        "fixtures/datasets/hubspot_deals.parquet", b"PAR1 this is not parquet")),
        exits=frozenset({1}), expect=("hubspot_deals.parquet", "cannot read")),
    Case("dataset-broken-jsonl", example_with(_write(
        "fixtures/datasets/shopify_orders.jsonl", '{"id": 1}\n{broken\n')),
        exits=frozenset({1}), expect=("shopify_orders.jsonl", "cannot read")),
    Case("dataset-a-device", example_with(_replace_with(
        "fixtures/datasets/hubspot_contacts.csv", lambda p: p.symlink_to("/dev/zero"))),
        exits=frozenset({1}), expect=("hubspot_contacts.csv", "not a regular file")),
    Case("dataset-csv-with-other-columns", example_with(_write(
        "fixtures/datasets/hubspot_contacts.csv", "a,b\n1,2\n")),
        exits=frozenset({1}), expect=("hubspot_contacts",)),
    Case("reconcile-unknown-mapping", example_with(setting(
        RECONCILE, RECONCILE.replace("-deal", "-dea")), "reconcile"),
        expect=("pyproject.toml:", "reconcile.orders-to-deals.mapping",
                "did you mean 'shopify-order-to-hubspot-deal'")),
    Case("reconcile-unknown-target", example_with(setting(
        'target = "hubspot_deals"', 'target = "hubspot_deal"'), "reconcile"),
        expect=("pyproject.toml:", "reconcile.orders-to-deals.target",
                "[tool.seamguard.datasets]", "did you mean 'hubspot_deals'")),
    Case("reconcile-unknown-source", example_with(setting(
        'source = "shopify_orders"', 'source = "shopify_order"'), "check"),
        expect=("pyproject.toml:", "did you mean 'shopify_orders'")),
    Case("reconcile-unknown-status", example_with(setting(
        'status = "dealstage"', 'status = "dealstag"'), "reconcile"),
        expect=("pyproject.toml:", "did you mean 'dealstage'")),
    Case("reconcile-unknown-money-field", example_with(setting(
        'money = ["amount"]', 'money = ["amont"]'), "reconcile"),
        expect=("pyproject.toml:", "did you mean 'amount'")),
    Case("reconcile-without-source", example_with(setting(
        'source = "shopify_orders"\n', ""), "reconcile"),
        expect=("pyproject.toml:", "needs `source = DATASET`")),
]


@pytest.mark.parametrize("case", QUALITY_CASES, ids=[case.id for case in QUALITY_CASES])
def test_hostile_suites_datasets_reconciliations(case: Case,
                                                 outcome: Outcome) -> None:
    run_case(case, outcome)


# --- schemas inside contracts -----------------------------------------------------------------

SCHEMA_AT = "/paths/~1orders~1{id}.json/get/responses/200/content/application~1json/schema"


def schema(text: str) -> Setup:
    return contract_text(ONE_OP.replace('{$ref: "%s"}', text), "verify")


SCHEMA_CASES = [
    Case("properties-a-list", schema("{type: object, properties: [a, b]}"),
         expect=(f"{CONTRACT}:11", f"{SCHEMA_AT}/properties", "cannot be compiled")),
    Case("items-a-number", schema("{type: array, items: 5}"), expect=(f"{SCHEMA_AT}/items",)),
    Case("required-a-string", schema("{type: object, required: id}"),
         expect=(f"{SCHEMA_AT}/required",)),
    Case("enum-a-number", schema("{enum: 5}"), expect=(f"{SCHEMA_AT}/enum",)),
    Case("pattern-broken", schema("{type: string, pattern: '('}"),
         expect=(f"{SCHEMA_AT}/pattern",)),
    Case("type-misspelt", schema("{type: strng}"), expect=(f"{SCHEMA_AT}/type",)),
    Case("allof-a-string", schema("{allOf: x}"), expect=(f"{SCHEMA_AT}/allOf",)),
    Case("ref-a-number", schema("{$ref: 5}"), expect=(CONTRACT,)),
    Case("minimum-a-word", schema("{type: integer, minimum: low}"),
         expect=(f"{SCHEMA_AT}/minimum",)),
    Case("schema-a-list", schema("[1, 2]"), expect=(f"{SCHEMA_AT}",)),
    Case("ref-empty", schema("{$ref: ''}"), expect=(f"{CONTRACT}:11", "whole OpenAPI document")),
    Case("ref-to-root", schema("{$ref: '#'}"), expect=(f"{CONTRACT}:11", "whole OpenAPI")),
]


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=[case.id for case in SCHEMA_CASES])
def test_hostile_schemas(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


# --- settings ---------------------------------------------------------------------------------

SETTINGS_CASES = [
    Case("invalid-toml", pyproject("[tool.seamguard\n"), expect=("pyproject.toml:1",
                                                                  "invalid TOML")),
    Case("unterminated-string", pyproject('[tool.seamguard]\nreports = "x\n'),
         expect=("pyproject.toml:2",)),
    Case("not-utf8", pyproject(b"[tool.seamguard]\nreports = '\xff'\n"),
         expect=("pyproject.toml:2", "invalid UTF-8")),
    Case("table-a-number", pyproject("[tool]\nseamguard = 5\n"),
         expect=("pyproject.toml:2", "must be a table")),
    Case("pyproject-a-folder", pyproject(lambda p: p.mkdir()),
         expect=("pyproject.toml", "is a folder")),
    Case("pyproject-a-device", pyproject(lambda p: p.symlink_to("/dev/zero")),
         expect=("pyproject.toml", "not a regular file")),
    Case("pyproject-a-loop", pyproject(lambda p: p.symlink_to(p.name)),
         expect=("pyproject.toml", "symbolic link loop")),
    Case("deep-toml", pyproject("[tool.seamguard]\nx = " + "[" * 3000 + "]" * 3000 + "\n"),
         expect=("pyproject.toml", "too deeply")),
    Case("fail-on-unknown", with_settings('fail_on = "fatal"'),
         expect=("pyproject.toml:3", "tool.seamguard.fail_on", 'found "fatal"')),
    Case("size-a-word", with_settings('max_body_mb = "ten"'),
         expect=("pyproject.toml:3", "max_body_mb")),
    Case("size-negative", with_settings("max_document_mb = -1"),
         expect=("pyproject.toml:3", "greater than 0")),
    Case("depth-too-large", with_settings("max_depth = 100000"),
         expect=("pyproject.toml:3", "less than or equal to 256")),
    Case("unknown-setting", with_settings('contract = "x"'),
         expect=("pyproject.toml:3", "did you mean 'contracts'")),
    Case("unknown-nested-setting", with_settings("[tool.seamguard.network]\ndeadlin = 5"),
         expect=("pyproject.toml:4", "did you mean 'deadline'")),
    Case("unknown-platform-setting", replaced('versions = ["v1"]',
                                              'versions = ["v1"]\nbase_ur = "x"'),
         expect=("pyproject.toml:", "did you mean 'base_url'")),
    Case("deadline-zero", with_settings("[tool.seamguard.network]\ndeadline = 0"),
         expect=("pyproject.toml:4", "greater than 0")),
    Case("ignore-bad-date", with_settings(
        '[[tool.seamguard.drift.ignore]]\ncode = "x"\nowner = "o"\nreason = "r"\n'
        'expires = "someday"', "drift observe"),
        expect=("pyproject.toml:", "drift.ignore.0.expires")),
    Case("alert-topic-unknown", with_settings('[tool.seamguard.alerts]\non = ["everything"]'),
         expect=("pyproject.toml:", "alerts.on.0")),
    Case("no-versions", replaced('versions = ["v1"]', "versions = []"),
         expect=("pyproject.toml:5", "at least 1 item")),
    Case("versions-a-string", replaced('versions = ["v1"]', 'versions = "v1"'),
         expect=("pyproject.toml:5", "valid list")),
    Case("base-url-relative", replaced("https://shop.example.com/api/{version}", "shop"),
         expect=("pyproject.toml:6", "absolute http(s) URL")),
    Case("version-without-contract", replaced('versions = ["v1"]', 'versions = ["v1", "v2"]'),
         expect=("pyproject.toml:5", "no contract for shop@v2")),
    Case("platform-misspelt", replaced("platforms.shop]", "platforms.shp]"),
         expect=("pyproject.toml:4", "did you mean 'shop'")),
    Case("auth-env-a-number", pyproject(MINI_SETTINGS + 'auth = {header = "X", env = 5}\n'),
         expect=("pyproject.toml:7", "auth.env")),
    Case("dataset-unknown-key", with_settings(
        '[tool.seamguard.datasets.d]\npath = "d.csv"\nkee = ["id"]', "quality"),
        expect=("pyproject.toml:", "did you mean 'key'")),
]


@pytest.mark.parametrize("case", SETTINGS_CASES, ids=[case.id for case in SETTINGS_CASES])
def test_hostile_settings(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


# --- drift history ----------------------------------------------------------------------------

HISTORY = "reports/drift-history.sqlite"
LIVE = MINI_SETTINGS + 'live = [{path = "/orders/1.json"}]\n'


def history(make: Callable[[Path], None], extra: str = "") -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", settings=LIVE.replace(
            "[tool.seamguard]\n", f"[tool.seamguard]\n{extra}"))
        (project / "reports").mkdir()
        make(project)
        return ["drift", "run", "--project", str(project)]
    return setup


def _sqlite(*statements: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        with contextlib.closing(sqlite3.connect(project / HISTORY)) as db:
            for statement in statements:
                db.execute(statement)
            db.commit()
    return make


HISTORY_CASES = [
    Case("not-a-database", history(_write(HISTORY, b"this is not sqlite" * 100)),
         expect=(HISTORY, "file is not a database", "move it aside")),
    Case("truncated", history(_write(HISTORY, b"SQLite format 3\x00" + b"\x00" * 50)),
         expect=(HISTORY, "not a database")),
    Case("newer-schema", history(_sqlite(
        "create table schema_version (version integer)",
        "insert into schema_version values (99)", "create table runs (x)")),
        expect=(HISTORY, "schema version 99", "newer seamguard")),
    Case("foreign-tables", history(_sqlite("create table runs (x)")),
         expect=(HISTORY, "not a seamguard history")),
    Case("a-folder", history(lambda p: (p / HISTORY).mkdir()), expect=(HISTORY,)),
    Case("a-device", history(lambda p: (p / HISTORY).symlink_to("/dev/zero")),
         expect=(HISTORY,)),
    Case("folder-below-a-file", history(
        lambda p: (p / "hist").write_text("x"), '[tool.seamguard.drift]\nhistory = '
        '"sqlite:///hist/h.sqlite"\n'), expect=("hist/h.sqlite", "cannot create the folder")),
    Case("server-refuses", history(lambda p: None, '[tool.seamguard.drift]\nhistory = '
                                   '"postgresql+psycopg://u@127.0.0.1:9/x"\n'),
         expect=("127.0.0.1", "cannot open the drift history")),
    Case("url-not-a-url", history(lambda p: None,
                                  '[tool.seamguard.drift]\nhistory = "not a url"\n'),
         expect=("pyproject.toml:", "tool.seamguard.drift.history", "not a database URL")),
    Case("history-env-unset", history(
        lambda p: None, '[tool.seamguard.drift]\nhistory_env = "SEAMGUARD_NO_SUCH_VAR"\n'),
        expect=("SEAMGUARD_NO_SUCH_VAR", "is not set")),
]


@pytest.mark.parametrize("case", HISTORY_CASES, ids=[case.id for case in HISTORY_CASES])
def test_hostile_history(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


# --- command-line arguments -------------------------------------------------------------------

def cli(*args: str, project: bool = True) -> Setup:
    def setup(root: Path) -> list[str]:
        path = mini_project(root / "p", interactions=[interaction({"order": good_order()})])
        return [*args, *(["--project", str(path)] if project else [])]
    return setup


CLI_CASES = [
    Case("unknown-command", cli("nonsense", project=False), expect=("No such command",)),
    Case("fail-on-unknown", cli("check", "--fail-on", "fatal"), expect=("--fail-on",)),
    Case("format-unknown", cli("verify", "--format", "xml"), expect=("--format",)),
    Case("project-missing", cli("check", "--project", "/nonexistent/x", project=False),
         expect=("/nonexistent/x",)),
    Case("project-a-device", cli("check", "--project", "/dev/null", project=False),
         expect=("/dev/null",)),
    Case("reports-a-device", cli("check", "--reports", "/dev/null"), expect=("/dev/null",)),
    Case("probe-unknown-platform", cli("probe", "shp"), expect=("did you mean 'shop'",)),
    Case("probe-unknown-version", cli("probe", "shop", "--version", "v9"),
         expect=("no contract version 'v9'",)),
    Case("probe-base-url-garbage", cli("probe", "shop", "--base-url", "not a url",
                                       "--max-examples", "1"), expect=("base URL",)),
    Case("probe-negative-examples", cli("probe", "shop", "--max-examples", "-5"),
         expect=("--max-examples",)),
    Case("explain-unknown-mapping", cli("map", "explain", "nope", "x.json"),
         expect=("no mapping 'nope'",)),
    Case("diff-unknown-sides", cli("contract", "diff", "a.yaml", "shop@v9"),
         expect=("'a.yaml'",)),
    Case("diff-a-device", cli("contract", "diff", "/dev/zero", "shop@v1"),
         expect=("/dev/zero",)),
    Case("sync-unknown-target", cli("sync", "test", "--target", "nope"),
         expect=("no sync target 'nope'",)),
    Case("suites-unknown-dataset", cli("suites", "generate", "nope"),
         expect=("unknown dataset 'nope'",)),
]


@pytest.mark.parametrize("case", CLI_CASES, ids=[case.id for case in CLI_CASES])
def test_hostile_command_lines(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


# --- terminals and file names -----------------------------------------------------------------

def _chinese_findings(root: Path) -> Path:
    return mini_project(root / "p", interactions=[
        interaction({"order": good_order(status="已付款")})])


@pytest.mark.parametrize("output", ["text", "json"])
def test_an_ascii_terminal_gets_escapes_not_a_crash(tmp_path: Path, output: str) -> None:
    outcome = run_seamguard("verify", "--project", str(_chinese_findings(tmp_path)), "-f",
                            output, env={"PYTHONIOENCODING": "ascii"})
    assert_handled(outcome, exits={1}, expect=["field.unknown-enum" if output == "json"
                                               else "unknown-enum"])
    if output == "json":
        assert "\\u5df2" in outcome.raw  # an escape JSON readers turn back into 已


def test_a_file_name_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    project = _chinese_findings(tmp_path)
    folder = os.fsencode(project / "fixtures" / "cassettes")
    os.rename(folder + b"/orders.yaml", folder + b"/\xff\xfe-orders.yaml")
    outcome = run_seamguard("verify", "--project", str(project), "-f", "json")
    assert_handled(outcome, exits={1}, expect=["-orders.yaml"])
    report = json.loads((project / "reports" / "report.json").read_text(encoding="utf-8"))
    assert report["findings"][0]["location"]["file"].endswith("-orders.yaml")


# --- files other commands read back -----------------------------------------------------------

def _with_report_file(content: str) -> Callable[[Path], list[str]]:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p")
        (root / "report.json").write_text(content, encoding="utf-8")
        return ["baseline", "save", "--project", str(project), "--reason", "known",
                "--report", str(root / "report.json")]
    return setup


def _with_replay(content: str) -> Callable[[Path], list[str]]:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p")
        folder = project / "reports" / "probe-replays"
        folder.mkdir(parents=True)
        (folder / "r1.json").write_text(content, encoding="utf-8")
        return ["probe", "shop", "--project", str(project), "--replay", "r1",
                "--base-url", "http://127.0.0.1:9"]
    return setup


def _init_over(content: str | bytes) -> Callable[[Path], list[str]]:
    def setup(root: Path) -> list[str]:
        folder = root / "existing"
        folder.mkdir()
        path = folder / "pyproject.toml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return ["init", str(folder)]
    return setup


READ_BACK_CASES = [
    Case("baseline-from-a-deep-report", _with_report_file("[" * 100_000 + "]" * 100_000),
         expect=("report.json:1", "deeper than 128")),
    Case("baseline-from-a-report-list", _with_report_file("[1, 2]"), expect=("report.json",)),
    Case("baseline-from-a-broken-report", _with_report_file('{"findings": [{"x": 1}]}'),
         expect=("report.json",)),
    Case("replay-deep", _with_replay("[" * 100_000 + "]" * 100_000),
         expect=("r1.json:1", "deeper than 128")),
    Case("replay-not-ours", _with_replay('{"something": "else"}'),
         expect=("r1.json:1", "no `operation`")),
    Case("init-over-a-pyproject-not-utf8", _init_over(b"[project]\nname = '\xff'\n"),
         expect=("pyproject.toml:2", "invalid UTF-8")),
]


@pytest.mark.parametrize("case", READ_BACK_CASES, ids=[case.id for case in READ_BACK_CASES])
def test_hostile_files_read_back(case: Case, outcome: Outcome) -> None:
    run_case(case, outcome)


def test_init_beside_a_pyproject_whose_tool_is_not_a_table(tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    outcome = run_seamguard("init", str(folder))
    assert outcome.code in (0, 2), outcome.raw
    assert "internal error" not in outcome.raw
