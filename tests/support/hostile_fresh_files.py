"""Drift history files, baseline files and every file kind in other encodings and line ends,
for ``hostile_fresh``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support import hostile_servers as servers
from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_classes import judge
from tests.support.hostile_fresh_net import _good, _origin_settings, _send
from tests.support.hostile_operators import CSV, JSONL, MAPPING, SUITE, _example
from tests.support.hostile_strategies import ANY, CASSETTE, CONTRACT, FAILS, HELD, TWO, mini
from tests.support.projects import MINI_SETTINGS, good_order, interaction, mini_project

ONE = frozenset({1})
_BODY = json.dumps({"order": good_order()}).encode()
_HISTORY = "reports/drift-history.sqlite"



# --- drift history and baselines ---------------------------------------------------------------

def _drift_project(root: Path) -> Path:
    server = HELD.enter_context(servers.raw_server(_send(_good())))
    settings, _ = _origin_settings(server.origin, "live")
    return mini(root, settings)


def _real_history(project: Path) -> Path:
    """A history written by seamguard itself (one run recorded)."""
    from seamguard.drift.history import HistoryStore

    path = project / _HISTORY
    path.parent.mkdir(parents=True, exist_ok=True)
    with HistoryStore.open(f"sqlite:///{path}") as store:
        store.record("shop", [], now=_now())
    return path


def _now() -> Any:
    from datetime import UTC, datetime
    return datetime.now(UTC)


def _history_write(data: Callable[[Path], None]) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _drift_project(root)
        data(project)
        return ["drift", "run", "--project", str(project), "-f", "json"]
    return setup


def _bytes_at(relative: str, content: bytes) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return write


def _cut_history(project: Path) -> None:
    path = _real_history(project)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 17])


def _history_version(project: Path) -> None:
    path = _real_history(project)
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f"pragma table_info({table})")]
            if "version" in columns:
                conn.execute(f"update {table} set version = 99")
    conn.close()


def _other_tables(project: Path) -> None:
    path = project / _HISTORY
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("create table runs (x text)")
        conn.execute("insert into runs values ('other tool')")
    conn.close()


def _locked(project: Path) -> None:
    path = _real_history(project)
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.execute("begin exclusive")
    HELD.callback(conn.close)


def _hot_journal(project: Path) -> None:
    path = _real_history(project)
    Path(str(path) + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\xff" * 600)


def _folder_at(relative: str) -> Callable[[Path], None]:
    return lambda project: (project / relative).mkdir(parents=True)


def _link_at(relative: str, target: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    return make


def _reports_is_file(project: Path) -> None:
    (project / "reports").write_text("not a folder\n", encoding="utf-8")


HISTORY_FAULTS: dict[str, tuple[Callable[[Path], None], frozenset[int], tuple[str, ...]]] = {
    "text": (_bytes_at(_HISTORY, b"this is a note, not a database\n"), TWO, ("drift-history",)),
    "zeros": (_bytes_at(_HISTORY, b"\x00" * 8192), TWO, ("drift-history",)),
    "nul-then-header": (_bytes_at(_HISTORY, b"\x00" * 16 + b"SQLite format 3\x00"), TWO,
                        ("drift-history",)),
    "sqlite-header-only": (_bytes_at(_HISTORY, b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 82),
                           TWO, ("drift-history",)),
    "cut-short": (_cut_history, TWO, ("drift-history",)),
    "schema-version-99": (_history_version, ANY, ()),
    "other-tool-tables": (_other_tables, TWO, ("drift-history",)),
    "folder": (_folder_at(_HISTORY), TWO, ("drift-history",)),
    "dangling-link": (_link_at(_HISTORY, "/nonexistent/h.sqlite"), FAILS, ("drift-history",)),
    "link-loop": (_link_at(_HISTORY, "drift-history.sqlite"), TWO, ("drift-history",)),
    "reports-is-a-file": (_reports_is_file, TWO, ("reports",)),
    "locked-by-writer": (_locked, FAILS, ("drift-history",)),
    "hot-journal-garbage": (_hot_journal, ANY, ()),
    "empty": (_bytes_at(_HISTORY, b""), ANY, ()),
}


def history_cases() -> list[Case]:
    return [Case(f"history:{name}", _history_write(make), exits, expect)
            for name, (make, exits, expect) in HISTORY_FAULTS.items()]


_BASELINE_OK = """schema: seamguard.baseline/1
accept:
  - code: field.undeclared
    platform: shop
    reason: beta fields nothing reads
    owner: ops@example.cn
    expires: 2099-12-31
"""
BASELINES: dict[str, str] = {
    "version-2": _BASELINE_OK.replace("/1", "/2"),
    "other-schema": _BASELINE_OK.replace("seamguard.baseline/1", "oasdiff.ignore/1"),
    "no-schema": _BASELINE_OK.split("\n", 1)[1],  # an ignore file (contract diff) has none
    "accept-a-mapping": "schema: seamguard.baseline/1\naccept:\n  code: x\n",
    "entry-a-string": "schema: seamguard.baseline/1\naccept:\n  - field.undeclared\n",
    "expires-13th-month": _BASELINE_OK.replace("2099-12-31", "2099-13-45"),
    "expires-word": _BASELINE_OK.replace("2099-12-31", "someday"),
    "no-reason": _BASELINE_OK.replace("    reason: beta fields nothing reads\n", ""),
    "code-a-list": _BASELINE_OK.replace("code: field.undeclared", "code: [a, b]"),
    "top-a-list": "- code: field.undeclared\n  reason: r\n",
    "cut-mid-key": _BASELINE_OK[:70],
    "json-cut": json.dumps({"schema": "seamguard.baseline/1", "accept": []})[:30],
}


def _baseline_case(name: str, text: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        (project / "baseline.yaml").write_text(text, encoding="utf-8")
        return ["verify", "--baseline", str(project / "baseline.yaml"), "--project",
                str(project), "-f", "json"]
    exits, expect = (ANY, ()) if name == "no-schema" else (TWO, ("baseline.yaml",))
    return Case(f"baseline:{name}", setup, exits, expect)


def _save_case(name: str, content: bytes | None, *, folder: bool = False) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        report = project / "reports" / "report.json"
        report.parent.mkdir(parents=True, exist_ok=True)
        if folder:
            report.mkdir()
        elif content is not None:
            report.write_bytes(content)
        return ["baseline", "save", "--reason", "known", "--project", str(project)]
    return Case(f"baseline-save:{name}", setup, FAILS, ("report.json",))


_REPORT = json.dumps({"schema": "seamguard.report/1", "findings": [
    {"code": "field.undeclared", "severity": "error", "check": "recorded", "message": "m",
     "location": {"platform": "shop", "pointer": "/order/x"}}]}).encode()
SAVES: dict[str, bytes | None] = {
    "missing": None, "empty": b"", "cut": _REPORT[:40], "nul": b"\x00" * 100,
    "a-list": b"[]", "findings-a-string": b'{"findings": "none"}',
    "finding-no-code": b'{"findings": [{"severity": "error"}]}',
    "utf16": _REPORT.decode().encode("utf-16"),
    "severity-unknown": _REPORT.replace(b'"error"', b'"fatal"'),
    "location-a-list": _REPORT.replace(b'{"platform": "shop", "pointer": "/order/x"}', b"[]"),
    "checks-a-string": _REPORT[:-1] + b', "checks": "all"}',
}


def baseline_cases() -> list[Case]:
    return [*(_baseline_case(n, t) for n, t in BASELINES.items()),
            *(_save_case(n, c) for n, c in SAVES.items()), _save_case("folder", None,
                                                                       folder=True)]



# --- file encodings, each judged against its control ------------------------------------------

def _bad_cassette(project: Path) -> None:
    """A cassette whose second order breaks the contract: the run must exit 1."""
    items = [interaction({"order": good_order(id=1)},
                         uri="https://shop.example.com/api/v1/orders/1.json"),
             interaction({"order": good_order(id=2, status="lost")},
                         uri="https://shop.example.com/api/v1/orders/2.json")]
    from tests.support.projects import write_cassette
    write_cassette(project / CASSETTE, items)


def _mini_bad(root: Path) -> Path:
    project = mini_project(root / "p", settings=MINI_SETTINGS, interactions=[])
    _bad_cassette(project)
    return project


def _json_contract(project: Path) -> None:
    import yaml

    path = project / CONTRACT
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.unlink()
    path.with_suffix(".json").write_text(json.dumps(data, indent=2), encoding="utf-8")


def _json_cassette(project: Path) -> None:
    import yaml

    path = project / CASSETTE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.unlink()
    path.with_suffix(".json").write_text(json.dumps(data, indent=2), encoding="utf-8")


def _with_baseline(project: Path) -> None:
    (project / "baseline.yaml").write_text(
        "schema: seamguard.baseline/1\naccept:\n  - code: no.such.code\n    reason: other\n"
        "    owner: ops@example.cn\n    expires: 2099-12-31\n", encoding="utf-8")


def _with_requests(project: Path) -> None:
    (project / "requests.yaml").write_text(
        "- path: /orders/1.json\n  name: first order\n", encoding="utf-8")


def _with_ignore(project: Path) -> None:
    (project / "ignore.yaml").write_text(
        "ignore:\n  - code: no-such-rule\n    reason: other\n    owner: ops@example.cn\n"
        "    expires: 2099-12-31\n",
        encoding="utf-8")
    contract = project / CONTRACT
    (project / "new.yaml").write_text(contract.read_text(encoding="utf-8").replace(
        "required: [order]", "required: []"), encoding="utf-8")


def _with_record(project: Path) -> None:
    first = (project / JSONL).read_text(encoding="utf-8").splitlines()[0]
    (project / "record.json").write_text(json.dumps(json.loads(first), indent=1,
                                                    ensure_ascii=False), encoding="utf-8")


# (kind, file, command, example project?, prepare)
FILE_KINDS: list[tuple[str, str, str, bool, Callable[[Path], None] | None]] = [
    ("settings", "pyproject.toml", "verify", False, None),
    ("contract-yaml", CONTRACT, "verify", False, None),
    ("contract-json", CONTRACT.replace(".yaml", ".json"), "verify", False, _json_contract),
    ("cassette-yaml", CASSETTE, "verify", False, None),
    ("cassette-json", CASSETTE.replace(".yaml", ".json"), "verify", False, _json_cassette),
    ("baseline", "baseline.yaml", "verify --baseline {p}/baseline.yaml", False, _with_baseline),
    ("record-from", "requests.yaml", "record shop --from {p}/requests.yaml --mode none", False,
     _with_requests),
    ("diff-ignore", "ignore.yaml", "contract diff shop@v1 {p}/new.yaml --ignore {p}/ignore.yaml",
     False, _with_ignore),
    ("explain-record", "record.json", "map explain shopify-order-to-hubspot-deal "
     "{p}/record.json", True, _with_record),
    ("mapping", MAPPING, "map lint", True, None),
    ("suite", SUITE, "quality --only suite=hubspot_deals", True, None),
    ("csv", CSV, "quality --only dataset=hubspot_contacts", True, None),
    ("jsonl", JSONL, "quality --only dataset=shopify_orders", True, None),
]

ENCODINGS: dict[str, tuple[Callable[[bytes], bytes], bool]] = {
    # name: (change, harmless: the result must equal the control's)
    "control": (lambda b: b, True),
    "utf8-bom": (lambda b: b"\xef\xbb\xbf" + b, True),
    "crlf": (lambda b: b.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), True),
    "utf8-bom-crlf": (lambda b: b"\xef\xbb\xbf" + b.replace(b"\r\n", b"\n").replace(b"\n",
                                                                                     b"\r\n"),
                      True),
    "utf16le-bom": (lambda b: b.decode("utf-8").encode("utf-16"), False),
    "utf16be-bom": (lambda b: b"\xfe\xff" + b.decode("utf-8").encode("utf-16-be"), False),
    "lone-cr": (lambda b: b.replace(b"\r\n", b"\n").replace(b"\n", b"\r"), False),
}


def _encoding_case(kind: str, relative: str, command: str, example: bool,
                   prepare: Callable[[Path], None] | None, name: str,
                   change: Callable[[bytes], bytes]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root) if example else _mini_bad(root)
        if prepare is not None:
            prepare(project)
        path = project / relative
        path.write_bytes(change(path.read_bytes()))
        argv = [a.replace("{p}", str(project)) for a in command.split()]
        return [*argv, "--project", str(project), "-f", "json"]
    return Case(f"encoding-{kind}:{name}", setup, ANY, (relative.rsplit("/", 1)[-1],))


def encoding_cases() -> list[Case]:
    return [_encoding_case(kind, relative, command, example, prepare, name, change)
            for kind, relative, command, example, prepare in FILE_KINDS
            for name, (change, _) in ENCODINGS.items()]


def judge_encoding(case: Case, outcome: Outcome, control: Outcome) -> list[str]:
    """A harmless change gives the control's exit; another gives it or a clear exit 2."""
    name = case.id.split(":", 1)[1]
    harmless = ENCODINGS[name][1]
    # otherwise: read as the control was, or refused naming the file (a finding of an
    # unreadable suite or dataset is exit 1, as for any other damage to one)
    allowed = frozenset({control.code}) if harmless else frozenset({control.code, 1, 2})
    wrong = judge(Case(case.id, case.setup, allowed, ()), outcome)
    refused = outcome.code != control.code
    if not refused:  # read as the control was: its output is judged by the control's standard
        wrong = [w for w in wrong if w in ("internal-error", "hang")]
    if refused and not harmless and case.expect[0] not in outcome.text:
        wrong.append("location-not-named")
    if refused and name.startswith("utf16") and "UTF-16" not in outcome.text:
        wrong.append("encoding-not-named")
    if refused and name == "lone-cr" and "CR" not in outcome.text:
        wrong.append("encoding-not-named")
    if wrong and outcome.code == 0 and control.code != 0:
        wrong = [w if w != "wrong-exit" else "silent-pass" for w in wrong]
    return wrong
