"""A third hostile-input corpus: the bundled example project's own files, each broken one way —
a node of the wrong type, bytes YAML refuses, a file that fails part way through reading,
truncation — and run through the real CLI (worker processes with a time bound, see
tests/support/hostile.py).

These are the classes a generated mutation corpus of the example found ending in an internal
error, a traceback or an unhelpful message. Every case must end with its documented exit code and
name the file (and line or JSON pointer), what was expected and a hint.
``pytest tests/integration/test_hostile_inputs_mutated.py`` runs the corpus.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.hostile import Outcome, assert_handled
from tests.support.hostile_cases import Case, Setup
from tests.support.projects import REPO, copy_example

CONTRACT = "contracts/shopify/2024-07/openapi.yaml"
COMMON = "contracts/shopify/common/schemas.yaml"
CASSETTE = "fixtures/cassettes/shopify/orders-2024-07.yaml"
MAPPING = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
SUITE = "suites/hubspot_deals.json"
KEY = ".seamguard/pseudonym.key"
ONLY_SUITE = "quality --only suite=hubspot_deals"
SYNC_SHOP = "sync test --target shop_sync"


def _settings_line(text: str) -> str:
    """``pyproject.toml:<line>`` of the first line of the example's settings starting so."""
    lines = (REPO / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    return f"pyproject.toml:{next(n for n, line in enumerate(lines, 1) if line.startswith(text))}"


def _line_of(relative: str, text: str) -> int:
    """The first line of the example's file ``relative`` holding ``text``."""
    lines = (REPO / relative).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


SHOP_APP_LINE = _settings_line('app = "fixtures.integrations.shop_sync.app:create_app"')
SHOP_MAPPINGS_LINE = _settings_line('mappings = ["shopify-order-to-hubspot-deal", "shopify-cus')




_EXAMPLE: list[Path] = []


def _example(root: Path) -> Path:
    """A copy of the bundled example (copied once per session, then cloned per case)."""
    if not _EXAMPLE:
        _EXAMPLE.append(copy_example(root.parent / "_mutated_example"))
    project = root / "p"
    shutil.copytree(_EXAMPLE[0], project, symlinks=True)
    return project


def mutated(relative: str, change: Callable[[Path], None], command: str) -> Setup:
    """The example with ``change(path)`` applied to one of its files, then ``command`` on it."""
    def setup(root: Path) -> list[str]:
        project = _example(root)
        change(project / relative)
        return [*command.split(), "--project", str(project), "-f", "json"]
    return setup


def node(pointer: list[Any], value: Any) -> Callable[[Path], None]:
    """One node of a YAML file replaced (the file is written back as YAML)."""
    def change(path: Path) -> None:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        parent = document
        for part in pointer[:-1]:
            parent = parent[part]
        parent[pointer[-1]] = value
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return change


def data(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        path.write_bytes(change(path.read_bytes()))
    return apply


def reads_fail(path: Path) -> None:
    """A path that opens as a regular file whose every read fails (EIO): /proc/self/mem."""
    path.unlink()
    path.symlink_to("/proc/self/mem")


def replaced_by(kind: str) -> Callable[[Path], None]:
    """The file replaced by a pipe, a link to /dev/zero or a folder."""
    def change(path: Path) -> None:
        if path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "pipe":
            os.mkfifo(path)
        elif kind == "zero":
            path.symlink_to("/dev/zero")
        elif kind == "folder":
            path.mkdir()
        else:
            path.write_bytes(kind.encode("latin-1"))
    return change


def in_project(command: list[str], change: Callable[[Path], None]) -> Setup:
    """``command`` ({p} is the project) after ``change(project)``."""
    def setup(root: Path) -> list[str]:
        project = _example(root)
        change(project)
        return [arg.replace("{p}", str(project)) for arg in command]
    return setup


def init_beside(gitignore: Callable[[Path], None]) -> Setup:
    def setup(root: Path) -> list[str]:
        gitignore(root / "new" / ".gitignore")
        return ["init", str(root / "new")]
    return setup


def _nul_in_line(number: int) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        lines = raw.splitlines(keepends=True)
        lines[number - 1] = lines[number - 1][:4] + b"\x00" + lines[number - 1][4:]
        return b"".join(lines)
    return change


def _first_lines(count: int) -> Callable[[bytes], bytes]:
    return lambda raw: b"".join(raw.splitlines(keepends=True)[:count])


CASES = [
    # contract lint looked into `info` and `components` before knowing they are mappings
    Case("contract-info-a-list", mutated(CONTRACT, node(["info"], ["x"]), "contract lint"),
         expect=(CONTRACT, "/info", "hint:")),
    Case("contract-info-a-number", mutated(CONTRACT, node(["info"], 42), "contract lint"),
         expect=(CONTRACT, "/info")),
    Case("shared-schemas-with-components-a-list", mutated(
        COMMON, data(lambda raw: raw + b"\ncomponents: [1]\n"), "contract lint"),
         exits=frozenset({0})),
    # characters YAML refuses: the line, not an offset, and what to do
    Case("contract-nul-byte", mutated(CONTRACT, data(_nul_in_line(40)), "contract lint"),
         expect=(f"{CONTRACT}:40", "U+0000", "save the file as UTF-8")),
    Case("contract-utf16-without-bom", mutated(CONTRACT, data(
        lambda raw: raw.decode().encode("utf-16-be")), "verify"),
         expect=(f"{CONTRACT}:1", "U+0000")),
    Case("mapping-control-character", mutated(MAPPING, data(
        lambda raw: raw.replace(b"description:", b"description: \x07", 1)), "map lint"),
         expect=(f"{MAPPING}:4", "U+0007")),
    # a file that opens but cannot be read
    Case("cassette-read-fails", mutated(CASSETTE, reads_fail, "verify"), exits=frozenset({1}),
         expect=(CASSETTE, "cannot read file", "hint:")),
    Case("cassette-read-fails-in-scan", mutated(CASSETTE, reads_fail, "privacy scan"),
         exits=frozenset({0, 1}), expect=()),
    Case("contract-read-fails", mutated(CONTRACT, reads_fail, "contract lint"),
         expect=(CONTRACT, "cannot read file", "hint: check that the path")),
    # a parameter $ref that names nothing: lint and check said so, verify passed
    Case("parameter-ref-to-nothing", mutated(CONTRACT, data(lambda raw: raw.replace(
        b"#/components/parameters/SinceId", b"#/components/parameters/Nope", 1)), "verify"),
         expect=(f"{CONTRACT}:{_line_of(CONTRACT, '#/components/parameters/SinceId')}",
                 "/paths/~1orders.json/get/parameters/", "'#/components/parameters/Nope'",
                 "hint:")),
    # a truncated mapping: told in the document's words, with a hint
    Case("mapping-truncated", mutated(MAPPING, data(_first_lines(14)), "map lint"),
         expect=(MAPPING, "hint: see `seamguard map schema`")),
    Case("mapping-source-a-list", mutated(MAPPING, node(["source"], ["x"]), "map lint"),
         expect=(MAPPING, "/source", "a valid dictionary; found", "hint:")),
    # `--only suite=NAME` reads every suite file for its name: bounded, plain files only, and a
    # file it cannot read is chosen by its stem, so that the suite check says what is wrong
    Case("only-suite-a-pipe", mutated(SUITE, replaced_by("pipe"), ONLY_SUITE),
         exits=frozenset({1}), expect=(SUITE, "not a regular file")),
    Case("only-suite-dev-zero", mutated(SUITE, replaced_by("zero"), ONLY_SUITE),
         exits=frozenset({1}), expect=(SUITE, "not a regular file")),
    Case("only-suite-too-deep", mutated(SUITE, data(
        lambda raw: b"[" * 100_000 + b"]" * 100_000), ONLY_SUITE), exits=frozenset({1}),
         expect=(f"{SUITE}:1", "deeper than 128")),
    Case("only-suite-name-twice", mutated(SUITE, data(
        lambda raw: raw.rstrip()[:-1] + b', "name": "other"}'), ONLY_SUITE),
         exits=frozenset({1}), expect=(SUITE, "'name' appears twice")),
    # the pseudonym key file, read by scrub, record and the nightly job
    *(Case(f"pseudonym-key-{name}", in_project(
        ["privacy", "scrub", f"{{p}}/{CASSETTE}", "--project", "{p}"],
        lambda project, kind=kind: replaced_by(kind)(project / KEY)),
        expect=(KEY, text, "hint:")) for name, kind, text in (
            ("pipe", "pipe", "not a regular file"), ("zero", "zero", "not a regular file"),
            ("folder", "folder", "is a folder"), ("not-utf8", "\xff\xfe", "invalid UTF-8"))),
    Case("pseudonym-key-folder-a-file", in_project(
        ["privacy", "scrub", f"{{p}}/{CASSETTE}", "--project", "{p}"],
        lambda project: (project / ".seamguard").write_text("x", encoding="utf-8")),
        expect=(KEY, "cannot create the pseudonym key", "writable folder")),
    # a request body named on the command line
    *(Case(f"record-json-from-a-{kind}", in_project(
        ["record", "hubspot", "POST", "/crm/v3/objects/deals", "--json", f"@{{p}}/{kind}.json",
         "--base-url", "http://127.0.0.1:9", "--project", "{p}"],
        lambda project, kind=kind: replaced_by(kind)(project / f"{kind}.json")),
        expect=(f"{kind}.json", "not a regular file"), env={"HUBSPOT_ACCESS_TOKEN": "token"})
      for kind in ("pipe", "zero")),
    # a dataset's `mapping` or `contract` that names nothing: its personal-data columns would
    # go unmasked in samples and its generated expectations missing, without a word
    Case("dataset-mapping-unknown", mutated("pyproject.toml", data(lambda raw: raw.replace(
        b'mapping = "shopify-customer-to-hubspot-contact"\nkey',
        b'mapping = "shopify-customer-to-hubspot-contakt"\nkey', 1)), "quality"),
         expect=("pyproject.toml:", "datasets.hubspot_contacts.mapping",
                 "did you mean 'shopify-customer-to-hubspot-contact'")),
    Case("dataset-contract-version-unknown", mutated("pyproject.toml", data(
        lambda raw: raw.replace(b'contract = "shopify@2024-07#', b'contract = "shopify@2099#', 1)
    ), "reconcile"), expect=("pyproject.toml:", "datasets.shopify_orders.contract",
                             "known: 2024-04, 2024-07")),
    Case("dataset-contract-platform-unknown", mutated("pyproject.toml", data(
        lambda raw: raw.replace(b'contract = "shopify@2024-07#', b'contract = "shopfy@2024-07#', 1)
    ), "quality"), expect=("datasets.shopify_orders.contract", "did you mean 'shopify'")),
    # a sync target naming a mapping or a factory that is not there: never a run of nothing
    *(Case(f"sync-target-mappings-{name}", mutated("pyproject.toml", data(lambda raw, to=to:
        raw.replace(b'mappings = ["shopify-order-to-hubspot-deal", '
                    b'"shopify-customer-to-hubspot-contact"]', to, 1)), SYNC_SHOP),
        expect=(SHOP_MAPPINGS_LINE, "sync.targets.shop_sync.mappings", *text))
      for name, to, text in (
          ("unknown", b'mappings = ["nope"]',
           ("'nope'", "contracts/mappings/nope.yaml", "shopify-order-to-hubspot-deal")),
          ("misspelt", b'mappings = ["shopify-order-to-hubspot-dael"]',
           ("did you mean 'shopify-order-to-hubspot-deal'",)))),
    *(Case(f"sync-target-app-{name}", mutated("pyproject.toml", data(lambda raw, to=to:
        raw.replace(b'app = "fixtures.integrations.shop_sync.app:create_app"', to, 1)),
        SYNC_SHOP), expect=(SHOP_APP_LINE, "sync.targets.shop_sync.app",
                            "module:factory", *text))
      for name, to, text in (
          ("dotted-factory", b'app = "fixtures.integrations.shop_sync.app.create_app"',
           ("did you mean 'fixtures.integrations.shop_sync.app:create_app'",)),
          ("module-only", b'app = "fixtures.integrations.shop_sync.app"',
           ("'fixtures.integrations.shop_sync.app:create_app'",)),
          ("empty-factory", b'app = "fixtures.integrations.shop_sync.app:"', ("hint:",)))),
    Case("sync-target-record-state-mappings-unknown", mutated("pyproject.toml", data(
        lambda raw: raw.replace(b'record_state_mappings = ["shopify-order-to-hubspot-deal"]',
                                b'record_state_mappings = ["shopify-order-to-hubspot-dael"]', 1)),
        SYNC_SHOP), expect=(_settings_line('record_state_mappings = ["shopify-order'),
                            "sync.targets.shop_sync.record_state_mappings",
                            "did you mean 'shopify-order-to-hubspot-deal'")),
    # `--only` with a kind the command does not select by would run everything and pass
    *(Case(f"only-{command.replace(' ', '-')}-{value.replace('=', '-')}", in_project(
        [*command.split(), "--only", value, "--project", "{p}"], lambda project: None),
        expect=(f"--only {value!r}", *text)) for command, value, text in (
            ("verify", "suite=hubspot_deals", ("does not select by suite",
                                               "takes --only platform=NAME")),
            ("verify", "colour=red", ("KIND one of platform",)),
            ("quality", "platform=shopify", ("suite=NAME or --only dataset=NAME",)),
            ("reconcile", "suite=hubspot_deals", ("dataset=NAME or --only reconcile=NAME",)),
            ("contract lint", "platform=shopify", ("takes no --only",)),
            ("drift observe", "platform=shopify", ("takes no --only",)))),
    # a cassettes folder named in the settings that is not there: not "nothing was recorded"
    *(Case(f"cassettes-folder-missing-{command}", mutated("pyproject.toml", data(
        lambda raw: raw.replace(b'cassettes = "fixtures/cassettes"', b'cassettes = "no/such"', 1)),
        command), exits=frozenset({1}), expect=(
            "pyproject.toml:", "tool.seamguard.cassettes", "no/such does not exist",
            "hint: create the folder")) for command in ("verify", "check")),
    # ...while a project that names no cassettes folder and has none is told: `check` passes
    # on the warning, `verify`, which then examined nothing at all, fails and says why
    *(Case(f"cassettes-undeclared-and-absent-{command}", in_project(
        [command, "--project", "{p}"], lambda project: (
            shutil.rmtree(project / "fixtures" / "cassettes"),
            (project / "pyproject.toml").write_bytes((project / "pyproject.toml").read_bytes()
                                                     .replace(b'cassettes = "fixtures/cassettes"',
                                                              b"", 1)))),
           exits=frozenset({code}), expect=("no cassettes found in fixtures/cassettes/", *extra))
      for command, code, extra in (("verify", 1, ("run.nothing-examined",)), ("check", 0, ()))),
    # a setting or a suite of the wrong shape: what to write there, not only what is wrong
    Case("setting-of-the-wrong-type", mutated("pyproject.toml", data(lambda raw: raw.replace(
        b'versions = ["2024-04", "2024-07"]', b"versions = 2024", 1)), "verify"),
         expect=("pyproject.toml:", "platforms.shopify.versions",
                 "hint: see the list of settings in README.md")),
    Case("suite-expectation-a-number", mutated(SUITE, data(lambda raw: json.dumps(
        {**json.loads(raw), "expectations": [42]}).encode()), ONLY_SUITE),
         exits=frozenset({1}), expect=(SUITE, "/expectations/0", "hint: a suite is GX 1.x")),
    # init beside a .gitignore it cannot read
    *(Case(f"init-beside-a-gitignore-{name}", init_beside(replaced_by(kind)),
           expect=(".gitignore", text)) for name, kind, text in (
        ("pipe", "pipe", "not a regular file"), ("folder", "folder", "is a folder"),
        ("not-utf8", "\xff\xfe\n", "invalid UTF-8"))),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_mutations_of_the_example(case: Case, outcome: Outcome) -> None:
    assert_handled(outcome, exits=set(case.exits), expect=list(case.expect))
    assert "instance of" not in outcome.text  # no model class names in messages



def test_init_beside_an_unreadable_gitignore_writes_nothing(tmp_path: Path) -> None:
    """init reads the .gitignore before it writes anything: it completes or changes nothing."""
    from tests.support.hostile import run_seamguard

    folder = tmp_path / "new"
    folder.mkdir()
    (folder / ".gitignore").write_bytes(b"\xff\xfe\n")
    outcome = run_seamguard("init", str(folder), timeout=60)
    assert_handled(outcome, exits={2}, expect=[".gitignore:1", "invalid UTF-8"])
    assert sorted(path.name for path in folder.iterdir()) == [".gitignore"]
