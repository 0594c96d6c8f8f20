"""Hostile inputs made by generators (2/2): what a run meets. Damaged drift histories (rows a
crash or another program left, a lock another writer holds); command lines with conflicting,
repeated or odd options; odd names of the tables a project names itself; odd tokens in the
environment; commands of one pillar in a project without it; answers on 127.0.0.1 that break
HTTP; standard output closed or piped away. Judged as in test_hostile_inputs_strategies.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import hostile_servers as servers
from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_strategies import (
    ANY,
    CASSETTE,
    CONTRACT,
    FAILS,
    HELD,
    HISTORY,
    TWO,
    assert_handled,
    json_args,
    mini,
    order_interaction,
    outcomes_in_two_workers,
    stable_pick,
)
from tests.support.projects import MINI_SETTINGS, good_order, mini_project

# --- 4. drift history: rows a crash, a newer writer or another program left ---------------------

def _history_project(root: Path, extra: str = "") -> Path:
    settings = MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9") + \
        'live = [{path = "/orders/1.json"}]\n' + \
        "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n" + extra
    project = mini(root, settings)
    (project / "reports").mkdir()
    return project


_SEED: list[bytes] = []


def _seeded_history(project: Path) -> Path:
    """The history a real first run of this project writes (made once, then copied)."""
    path = project / HISTORY
    if not _SEED:
        from typer.testing import CliRunner

        from seamguard.cli import app

        result = CliRunner().invoke(app, ["drift", "run", "--project", str(project)])
        assert result.exit_code == 1, result.output
        assert path.is_file(), result.output
        _SEED.append(path.read_bytes())
    path.write_bytes(_SEED[0])
    return path


def _history(change: Callable[[Path], None]) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _history_project(root)
        change(_seeded_history(project))
        return json_args("drift run", project)
    return setup


def _sql(*statements: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        with contextlib.closing(sqlite3.connect(path)) as db:
            for statement in statements:
                db.execute(statement)
            # the edit accepted as the damage hint says, so the values themselves are judged
            db.execute("pragma user_version = 0")
            db.commit()
    return change


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for at in range(len(data) // 3, len(data) // 3 + 2048):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))


def _flip_bit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) * 2 // 3] ^= 0x10
    path.write_bytes(bytes(data))


def _hot_journal(path: Path) -> None:
    # A rollback journal left by a crash mid-write: garbage that claims to be one.
    Path(f"{path}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + os.urandom(4096))


def _wal_garbage(path: Path) -> None:
    _sql("PRAGMA journal_mode=WAL")(path)
    Path(f"{path}-wal").write_bytes(b"\x37\x7f\x06\x82" + os.urandom(8192))


def _locked(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("BEGIN EXCLUSIVE")
    HELD.callback(db.close)


# Damage a reader must refuse (exit 2, naming the file) ...
BROKEN_HISTORY: dict[str, Callable[[Path], None]] = {
    "severity-unknown": _sql("update baselines set severity = 'catastrophic'"),
    "first-seen-garbage": _sql("update baselines set first_seen = 'yesterday-ish'"),
    "started-at-garbage": _sql("update runs set started_at = 'not a time'"),
    "run-count-a-blob": _sql("update baselines set runs_seen = x'00ff'"),
    "version-a-word": _sql("update schema_version set version = 'two'"),
    "version-empty": _sql("delete from schema_version"),
    "runs-table-dropped": _sql("drop table runs"),
    "held-by-another-writer": _locked,
    # SQLite keeps no checksums: the seal seamguard keeps in the header finds these
    "page-flipped": _flip_middle,
    "one-bit-flipped": _flip_bit,
    "cut-at-a-page": lambda path: path.write_bytes(path.read_bytes()[:-4096]),
}
# ... and damage SQLite's own recovery undoes or that no read touches: any documented end.
RECOVERED_HISTORY: dict[str, Callable[[Path], None]] = {
    "hits-a-word": _sql("update baselines set hits = 'many', of = 'lots'"),
    "status-unknown": _sql("update baselines set status = 'zombie'"),
    "format-share-a-word": _sql(
        "insert into formats values ('shop', 'GET /x', '/a', 'date', 'most', 'all',"
        " '2026-01-01 00:00:00')"),
    "hot-journal": _hot_journal,
    "wal-garbage": _wal_garbage,
}
HISTORY_CASES = [
    *(Case(f"history:{name}", _history(change), TWO, ("drift-history.sqlite",))
      for name, change in BROKEN_HISTORY.items()),
    *(Case(f"history:{name}", _history(change), ANY, ())
      for name, change in RECOVERED_HISTORY.items()),
]


# --- 5. command lines ----------------------------------------------------------------------------

def _cli(*argv: str, folder: str = "p") -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / folder, interactions=[order_interaction(1)])
        return [arg.replace("{p}", str(project)) for arg in argv]
    return setup


CLI_CASES = [
    Case("cli:format-twice", _cli("check", "-p", "{p}", "-f", "json", "-f", "text"), ANY, ()),
    Case("cli:project-twice-one-missing", _cli("check", "-p", "{p}", "-p", "{p}/nope"), TWO,
         ("nope",)),
    Case("cli:fail-on-conflict", _cli("check", "-p", "{p}", "--fail-on", "info", "--fail-on",
                                      "bogus"), TWO, ("bogus",)),
    Case("cli:only-unknown-kind", _cli("check", "-p", "{p}", "--only", "colour=red"), TWO,
         ("colour",)),
    Case("cli:only-without-equals", _cli("check", "-p", "{p}", "--only", "shop"), TWO, ("shop",)),
    Case("cli:only-unknown-platform", _cli("check", "-p", "{p}", "--only", "platform=nope"),
         TWO, ("nope",)),
    Case("cli:only-everything-filtered", _cli("verify", "-p", "{p}", "--only", "platform=shop",
                                              "--only", "suite=none"), FAILS, ("none",)),
    Case("cli:project-with-spaces-and-unicode", _cli("check", "-p", "{p}", "-f", "json",
                                                     folder="my project ü 订单"),
         frozenset({0}), ()),
    Case("cli:project-with-a-newline", _cli("check", "-p", "{p}", "-f", "json",
                                            folder="line\nbreak"), frozenset({0}), ()),
    Case("cli:reports-in-proc", _cli("check", "-p", "{p}", "--reports", "/proc/self/nope"),
         TWO, ("/proc/self/nope",)),
    Case("cli:reports-with-a-newline", _cli("check", "-p", "{p}", "--reports", "{p}/r\nx"),
         frozenset({0}), ()),
    Case("cli:baseline-missing", _cli("check", "-p", "{p}", "--baseline", "{p}/nope.yaml"), TWO,
         ("nope.yaml",)),
    Case("cli:baseline-a-folder", _cli("check", "-p", "{p}", "--baseline", "{p}/contracts"), TWO,
         ("contracts",)),
    Case("cli:diff-same-side-twice", _cli("contract", "diff", f"{{p}}/{CONTRACT}",
                                          f"{{p}}/{CONTRACT}", "--fail-on", "ERR"),
         frozenset({0}), ()),
    Case("cli:diff-missing-side", _cli("contract", "diff", f"{{p}}/{CONTRACT}", "{p}/none.yaml"),
         TWO, ("none.yaml",)),
    Case("cli:explain-unknown-mapping", _cli(
        "map", "explain", "nope", f"{{p}}/{CASSETTE}#99", "-p", "{p}"), TWO, ("nope",)),
    Case("cli:record-path-not-in-contract", _cli(
        "record", "shop", "GET", "/nowhere", "--project", "{p}", "--base-url", "http://127.0.0.1:9"),
         TWO, ("/nowhere",)),
    Case("cli:probe-max-examples-words", _cli("probe", "shop", "-p", "{p}", "--max-examples",
                                              "many"), TWO, ("--max-examples",)),
]


# --- 5b. odd names for the tables a project names itself, odd values in the environment ----

def _named(table: str, name: str, body: str, command: str) -> Setup:
    def setup(root: Path) -> list[str]:
        header = f"[tool.seamguard.{table}.{json.dumps(name)}]\n{body}"
        project = mini(root, MINI_SETTINGS + header)
        if table == "platforms" and name not in UNSAFE.values():
            folder = project / "contracts" / name / "v1"
            folder.mkdir(parents=True)
            shutil.copy(project / CONTRACT, folder / "openapi.yaml")
        return json_args(command, project)
    return setup


# Names no folder may carry (a platform's is a folder name under contracts/) ...
UNSAFE = {"empty": "", "climbing": "../x", "slash": "a/b", "newline": "a\nb", "nul": "a\u0000b"}
# ... and names that are odd but may be fine.
NAMES = {**UNSAFE, "blank": " ", "dotted": "a.b", "chinese": "店铺", "long": "n" * 200}
TABLES = {
    "platforms": ('versions = ["v1"]\nbase_url = "https://other.example.com/{version}"\n',
                  "check"),
    "datasets": ('path = "fixtures/none.csv"\n', "quality"),
    "reconcile": ('mapping = "m"\nsource = "a"\ntarget = "b"\n', "reconcile"),
}
NAME_CASES = [
    Case(f"name:{table}:{label}", _named(table, name, body, command),
         ANY if table == "platforms" and label not in UNSAFE else FAILS, ())
    for table, (body, command) in TABLES.items()
    for label, name in NAMES.items()
    if label in stable_pick(table, sorted(NAMES), 5)
]


def _token(value: str, command: str) -> Case:
    def setup(root: Path) -> list[str]:
        settings = MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9") + \
            'auth = { header = "X-Token", env = "SHOP_TOKEN" }\n' \
            'live = [{path = "/orders/1.json"}]\n' \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        return json_args(command, mini(root, settings))
    label = {"a\nb": "newline", "令牌": "chinese", "a\x01b": "control", "   ": "blank"}[value]
    return Case(f"env:{command.split()[0]}:token-{label}", setup, FAILS,
                ("SHOP_TOKEN",) if label != "blank" else (), env={"SHOP_TOKEN": value})


ENV_CASES = [_token(value, command) for value in ("a\nb", "令牌", "a\x01b", "   ")
             for command in ("drift run", "probe shop --max-examples 1")]


def _bare(command: str) -> Setup:
    def setup(root: Path) -> list[str]:
        return json_args(command, mini_project(root / "p"))
    return setup


# A command asked for one pillar in a project that has nothing of it: never a green run.
EMPTY_CASES = [Case(f"empty:{command.replace(' ', '-')}", _bare(command), FAILS,
                    ("pyproject.toml",))
               for command in ("quality", "reconcile", "map lint", "map test", "privacy scan",
                               "sync test")]


# --- 6. network faults on 127.0.0.1 -----------------------------------------------------------

RESPONDERS = servers.broken_http(json.dumps({"order": good_order()}).encode())
NETWORK_COMMANDS = {
    "drift-live": lambda origin: ("drift run", 'live = [{path = "/orders/1.json"}]\n', origin),
    "published-spec": lambda origin: (
        "drift run", f'[tool.seamguard.platforms.shop.published_spec]\nurl = "{origin}/spec"\n'
        "timeout = 0.5\n", "http://127.0.0.1:9"),
    "probe": lambda origin: ("probe shop --max-examples 2", "", origin),
}


def _network(responder: servers.Responder, which: str) -> Setup:
    def setup(root: Path) -> list[str]:
        server = HELD.enter_context(servers.raw_server(responder))
        command, extra, origin = NETWORK_COMMANDS[which](server.origin)
        settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + extra + \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        return json_args(command, mini(root, settings))
    return setup


def _unresolvable(which: str) -> Setup:
    def setup(root: Path) -> list[str]:
        command, extra, origin = NETWORK_COMMANDS[which]("http://no-such-host.invalid")
        settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + extra + \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        project = mini(root, settings)
        return json_args(command, project)
    return setup


NETWORK_CASES = [
    Case(f"net:{which}:{name}", _network(responder, which), FAILS, ())
    for name, responder in RESPONDERS.items()
    for which in stable_pick(name, sorted(NETWORK_COMMANDS), 1)
] + [Case(f"net:{which}:dns-does-not-resolve", _unresolvable(which), FAILS,
          ()) for which in sorted(NETWORK_COMMANDS)]


# --- the tests ---

ALL_CASES = [*HISTORY_CASES, *CLI_CASES, *NAME_CASES, *ENV_CASES, *EMPTY_CASES,
             *NETWORK_CASES]
outcomes = outcomes_in_two_workers


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_hostile_strategy(case: Case, outcome: Outcome) -> None:
    assert_handled(case, outcome)


def _pipe(shell: str, project: Path) -> tuple[int, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(["bash", "-c", shell.format(py=sys.executable, p=project)],
                          capture_output=True, text=True, timeout=120, env=env, check=False)
    return done.returncode, done.stderr


@pytest.mark.parametrize("shell", [
    pytest.param("{py} -m seamguard check -p '{p}' -f json | head -c 0", id="stdout-closed"),
    pytest.param("{py} -m seamguard check -p '{p}' | head -n 1 >/dev/null", id="sigpipe"),
    pytest.param("{py} -m seamguard check -p '{p}' -f json >&- 2>/dev/null; echo $? >&2",
                 id="stdout-not-open"),
    pytest.param("{py} -m seamguard verify -p '{p}' </dev/null | cat >/dev/null",
                 id="non-tty"),
])
def test_closed_or_piped_output(tmp_path: Path, shell: str) -> None:
    """A reader that goes away is no internal error, and the report files are still written."""
    project = mini_project(tmp_path / "p", interactions=[order_interaction(1)])
    code, stderr = _pipe("set -o pipefail; " + shell, project)
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    assert code in (0, 1, 141) or stderr.strip() in ("0", "1"), (code, stderr)
    assert (project / "reports" / "report.json").is_file()
