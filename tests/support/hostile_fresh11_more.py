"""Command lines and published specs, for ``hostile_fresh11``.

* ``argv-cli11``: options of ``verify`` and ``quality`` in combinations the help allows to write
  and not to mean (``--only`` without a kind, with an unknown kind or name, empty, with a line
  break; ``--fail-on`` and ``--format`` words that are none; ``--reports`` at a file;
  ``--baseline`` missing, a folder, not JSON; ``--project`` missing; a word left over; an
  option spelt with ``_``). The usage error names the option or value (exit 2); a combination
  that is valid runs and reports the project's one finding (exit 1).
* ``pub11``: a platform's ``published_spec`` served on 127.0.0.1 as well-formed HTTP whose
  document is wrong: HTML, nothing, cut JSON, ``null``, a list, an alias bomb, a key twice,
  nesting 100,000 deep, NaN, a version that is none, ``paths`` as a list, a ``$ref`` to a remote
  host or a local file, a reference cycle, bytes that are no text. ``drift run`` must end with
  ``drift.spec-unparseable`` (exit 1) or a usage error, within the network deadline, and never
  read a file the document points at.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.support import hostile_servers as servers
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh6_data import _GOOD, _quality_project
from tests.support.hostile_fresh_net import _origin_settings
from tests.support.hostile_strategies import ANY, FAILS, HELD, ONE, TWO, mini
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

# --- command lines ------------------------------------------------------------------------------

# label -> (options after `verify --project P`, exits, names)
ARGV: dict[str, tuple[list[str], frozenset[int], tuple[str, ...]]] = {
    "control": ([], ONE, ()),
    "only-no-kind": (["--only", "shop"], TWO, ("--only",)),
    "only-unknown-kind": (["--only", "planet=shop"], TWO, ("planet",)),
    "only-unknown-platform": (["--only", "platform=nope"], TWO, ("nope",)),
    "only-empty-name": (["--only", "platform="], TWO, ("--only",)),
    "only-empty": (["--only", ""], TWO, ("--only",)),
    "only-two-equals": (["--only", "platform=shop=x"], TWO, ("shop=x",)),
    "only-newline": (["--only", "platform=sh\nop"], TWO, ("--only",)),
    "only-twice-same": (["--only", "platform=shop", "--only", "platform=shop"], ONE, ()),
    "only-suite-in-verify": (["--only", "suite=orders"], ANY, ()),
    "fail-on-unknown": (["--fail-on", "fatal"], TWO, ("--fail-on",)),
    "fail-on-missing-value": (["--fail-on"], TWO, ("--fail-on",)),
    "format-unknown": (["-f", "yaml"], TWO, ("yaml",)),
    "format-twice": (["-f", "json", "-f", "markdown"], ONE, ()),
    "option-underscore": (["--fail_on", "error"], TWO, ("--fail_on",)),
    "word-left-over": (["extra"], TWO, ("extra",)),
    "reports-a-file": (["--reports", "pyproject.toml"], TWO, ("pyproject.toml",)),
    "baseline-missing": (["--baseline", "nowhere.json"], TWO, ("nowhere.json",)),
    "baseline-a-folder": (["--baseline", "contracts"], TWO, ("contracts",)),
    "baseline-not-json": (["--baseline", "pyproject.toml"], FAILS, ("pyproject.toml",)),
    "baseline-empty-file": (["--baseline", "empty.json"], FAILS, ("empty.json",)),
    "project-missing": (["--project", "nowhere"], TWO, ("nowhere",)),
    "debug-with-finding": (["--debug"], ONE, ()),
}


def _argv_case(label: str, options: list[str], exits: frozenset[int],
               names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", interactions=[
            interaction({"order": good_order(status="lost")})])
        (project / "empty.json").write_text("", encoding="utf-8")
        fixed = [str(project / o) if o in ("pyproject.toml", "contracts", "empty.json",
                                           "nowhere.json", "nowhere") else o for o in options]
        return ["verify", "--project", str(project), *fixed]
    return Case(f"argv-cli11:{label}", setup, exits, names)


QUALITY_ARGV: dict[str, tuple[list[str], frozenset[int], tuple[str, ...]]] = {
    "engine-unknown": (["--engine", "sql"], TWO, ("--engine",)),
    "only-unknown-suite": (["--only", "suite=nope"], TWO, ("nope",)),
    "only-unknown-dataset": (["--only", "dataset=nope"], TWO, ("nope",)),
    "only-platform-in-quality": (["--only", "platform=shop"], ANY, ()),
}


def _quality_argv_case(label: str, options: list[str], exits: frozenset[int],
                       names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _quality_project(root, {"name": "orders", "expectations": _GOOD})
        return ["quality", "--project", str(project), *options]
    return Case(f"argv-cli11:quality-{label}", setup, exits, names)


# --- published specs -----------------------------------------------------------------------------

_SPEC = yaml.safe_load(MINI_CONTRACT)


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def _with(**changes: object) -> bytes:
    spec = json.loads(json.dumps(_SPEC))
    spec.update(changes)
    return _json(spec)


def _bomb() -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
    return ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n" + "\n".join(lines)
            + "\n").encode()


_CYCLE = json.loads(json.dumps(_SPEC))
_CYCLE["components"]["schemas"]["A"] = {"$ref": "#/components/schemas/B"}
_CYCLE["components"]["schemas"]["B"] = {"$ref": "#/components/schemas/A"}
_CYCLE["components"]["schemas"]["Order"]["properties"]["loop"] = {"$ref": "#/components/schemas/A"}
_REMOTE = json.loads(json.dumps(_SPEC))
_REMOTE["components"]["schemas"]["Order"]["properties"]["far"] = {
    "$ref": "http://127.0.0.1:9/other.json#/X"}
_LOCAL = json.loads(json.dumps(_SPEC))
_LOCAL["components"]["schemas"]["Order"]["properties"]["near"] = {
    "$ref": "../../../../../../etc/passwd#/X"}

# label -> (body, content type, exits)
PUBLISHED: dict[str, tuple[bytes, str, frozenset[int]]] = {
    "same-as-contract": (_json(_SPEC), "application/json", ANY),
    "html-page": (b"<!doctype html><html><body>Docs</body></html>", "text/html", FAILS),
    "html-labelled-json": (b"<!doctype html><html><body>Docs</body></html>",
                           "application/json", FAILS),
    "empty": (b"", "application/json", FAILS),
    "json-cut": (_json(_SPEC)[:200], "application/json", FAILS),
    "json-null": (b"null", "application/json", FAILS),
    "json-list": (b"[1, 2]", "application/json", FAILS),
    "json-number": (b"3.1", "application/json", FAILS),
    "yaml-alias-bomb": (_bomb(), "application/yaml", FAILS),
    "json-key-twice": (_json(_SPEC)[:-1] + b', "paths": {}}', "application/json", FAILS),
    "nesting-100k": (b'{"openapi": "3.1.0", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                     "application/json", FAILS),
    "nan-number": (_json(_SPEC)[:-1] + b', "x-n": NaN}', "application/json", FAILS),
    "version-none": (_with(openapi="four"), "application/json", FAILS),
    "version-missing": (_json({k: v for k, v in _SPEC.items() if k != "openapi"}),
                        "application/json", FAILS),
    "paths-a-list": (_with(paths=["/orders"]), "application/json", FAILS),
    # (`info` takes no part in the comparison, whose operations and schemas read as they are)
    "info-a-word": (_with(info="shop"), "application/json", ANY),
    "ref-remote": (_json(_REMOTE), "application/json", FAILS),
    "ref-local-file": (_json(_LOCAL), "application/json", FAILS),
    "ref-cycle": (_json(_CYCLE), "application/json", ANY),
    "binary-garbage": (bytes(range(256)) * 4, "application/octet-stream", FAILS),
    "utf16-json": (_json(_SPEC).decode().encode("utf-16"), "application/json", ANY),
    "latin1-bytes-declared-utf8": (_with(info={"title": "Café", "version": "v1"})
                                   .replace(b"Caf\\u00e9", b"Caf\xe9"),
                                   "application/json; charset=utf-8", ANY),
}


def _published_case(label: str, body: bytes, content_type: str,
                    exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        server = HELD.enter_context(servers.raw_server(servers.raw_answer(
            body, headers={"Content-Type": content_type})))
        settings, command = _origin_settings(server.origin, "published")
        return [*command, "--project", str(mini(root, settings)), "-f", "json"]
    return Case(f"pub11:{label}", setup, exits)


def more_cases() -> list[Case]:
    cases = [_argv_case(label, *spec) for label, spec in ARGV.items()]
    cases += [_quality_argv_case(label, *spec) for label, spec in QUALITY_ARGV.items()]
    cases += [_published_case(label, *spec) for label, spec in PUBLISHED.items()]
    return cases


