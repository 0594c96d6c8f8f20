"""Command lines, request files, the environment and permissions, for ``hostile_fresh``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.hostile import Outcome, outcome_of
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_fresh_files import _drift_project
from tests.support.hostile_strategies import ANY, CASSETTE, CONTRACT, FAILS, TWO, mini
from tests.support.projects import MINI_SETTINGS, good_order

ONE = frozenset({1})
_BODY = json.dumps({"order": good_order()}).encode()
_HISTORY = "reports/drift-history.sqlite"



# --- command lines, in process ------------------------------------------------------------------

def _cli(*argv: str) -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        return [a.replace("{p}", str(project)).replace("{r}", str(root)) for a in argv]
    return setup


_LONG = "a" * 100_000
CLI: list[tuple[str, tuple[str, ...], frozenset[int], tuple[str, ...]]] = [
    ("nul-in-project", ("verify", "--project", "{p}\x00x"), TWO, ()),
    ("nul-in-reports", ("verify", "--reports", "{r}/r\x00x", "--project", "{p}"), TWO, ()),
    ("nul-in-baseline", ("verify", "--baseline", "{r}/b\x00.yaml", "--project", "{p}"), TWO, ()),
    ("nul-in-only", ("verify", "--only", "platform=sh\x00op", "--project", "{p}"), TWO, ()),
    ("nul-in-record-path", ("record", "shop", "GET", "/orders/1\x00.json", "--base-url",
                            "http://127.0.0.1:9/api/v1", "--project", "{p}"), FAILS, ()),
    ("nul-in-record-param", ("record", "shop", "GET", "/orders/1.json", "-p", "a=b\x00c",
                             "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"),
     FAILS, ()),
    ("nul-in-header", ("record", "shop", "GET", "/orders/1.json", "-H", "X-A: b\x00c",
                       "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"), FAILS,
     ()),
    ("nul-in-diff-side", ("contract", "diff", "{r}/a\x00.yaml", "shop@v1", "--project", "{p}"),
     TWO, ()),
    ("nul-in-explain-record", ("map", "explain", "x", "{r}/r\x00.json", "--project", "{p}"), TWO,
     ()),
    ("nul-in-init-folder", ("init", "{r}/n\x00ew"), TWO, ()),
    ("long-project", ("verify", "--project", "{r}/" + _LONG), TWO, ()),
    ("long-project-segments", ("verify", "--project", "{r}/" + "/".join(["a" * 200] * 40)),
     TWO, ()),
    ("long-reports", ("verify", "--reports", "{r}/" + _LONG, "--project", "{p}"), TWO, ()),
    ("long-baseline", ("verify", "--baseline", "{r}/" + _LONG, "--project", "{p}"), TWO, ()),
    ("long-only", ("verify", "--only", "platform=" + _LONG, "--project", "{p}"), TWO, ()),
    ("long-record-path", ("record", "shop", "GET", "/" + _LONG, "--base-url",
                          "http://127.0.0.1:9/api/v1", "--project", "{p}"), FAILS, ()),
    ("long-header", ("record", "shop", "GET", "/orders/1.json", "-H", "X-A: " + _LONG,
                     "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"), FAILS, ()),
    ("long-cassette-name", ("record", "shop", "GET", "/orders/1.json", "--cassette", _LONG,
                            "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"),
     FAILS, ()),
    ("long-init-folder", ("init", "{r}/" + _LONG), TWO, ()),
    ("long-diff-side", ("contract", "diff", "{r}/" + _LONG + ".yaml", "shop@v1", "--project",
                        "{p}"), TWO, ()),
    ("project-twice-different", ("verify", "--project", "{p}", "--project", "{r}/nowhere",
                                 "-f", "json"), FAILS, ()),
    ("reports-twice-different", ("verify", "--reports", "{r}/a", "--reports", "{r}/b",
                                 "--project", "{p}", "-f", "json"), ANY, ()),
    ("fail-on-twice-different", ("verify", "--fail-on", "info", "--fail-on", "error",
                                 "--project", "{p}", "-f", "json"), ANY, ()),
    ("mode-twice-different", ("record", "shop", "GET", "/orders/1.json", "--mode", "none",
                              "--mode", "all", "--base-url", "http://127.0.0.1:9/api/v1",
                              "--project", "{p}"), FAILS, ()),
    ("base-url-twice", ("record", "shop", "GET", "/orders/1.json", "--base-url",
                        "http://127.0.0.1:9/api/v1", "--base-url", "http://127.0.0.1:9/x",
                        "--project", "{p}"), FAILS, ()),
    ("max-examples-twice", ("probe", "shop", "--max-examples", "1", "--max-examples", "0",
                            "--project", "{p}"), FAILS, ()),
    ("misspelt-verify", ("verfy", "--project", "{p}"), TWO, ("verify",)),
    ("misspelt-drift-run", ("drift", "rnu", "--project", "{p}"), TWO, ("run",)),
    ("misspelt-contract-lint", ("contract", "lnit", "--project", "{p}"), TWO, ("lint",)),
    ("misspelt-baseline-save", ("baseline", "sav", "--project", "{p}"), TWO, ("save",)),
    ("misspelt-privacy-scan", ("privacy", "scna", "--project", "{p}"), TWO, ("scan",)),
    ("misspelt-quality", ("qualty", "--project", "{p}"), TWO, ("quality",)),
    ("misspelt-option", ("verify", "--projetc", "{p}"), TWO, ("--project",)),
    ("unknown-subcommand-far", ("xyzzy", "--project", "{p}"), TWO, ()),
    ("surrogate-in-only", ("verify", "--only", "platform=sh\udcffop", "--project", "{p}"), TWO,
     ()),
    ("surrogate-in-project", ("verify", "--project", "{r}/\udcff\udcfe"), TWO, ()),
    ("surrogate-in-record-path", ("record", "shop", "GET", "/orders/\udcff.json", "--base-url",
                                  "http://127.0.0.1:9/api/v1", "--project", "{p}"), FAILS, ()),
    ("surrogate-in-header", ("record", "shop", "GET", "/orders/1.json", "-H", "X-A: \udcff",
                             "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"),
     FAILS, ()),
    ("surrogate-in-param", ("record", "shop", "GET", "/orders/1.json", "-p", "a=\udcff",
                            "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"),
     FAILS, ()),
    ("header-value-chinese", ("record", "shop", "GET", "/orders/1.json", "-H", "X-Note: 订单",
                              "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"),
     TWO, ("X-Note",)),
    ("header-name-space", ("record", "shop", "GET", "/orders/1.json", "-H", "X Note: a",
                           "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"),
     TWO, ("X Note",)),
    ("header-value-crlf", ("record", "shop", "GET", "/orders/1.json", "-H", "X-A: a\r\nX-B: b",
                           "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}"),
     TWO, ("X-A",)),
    ("path-with-tab", ("record", "shop", "GET", "/orders/1\t.json", "--base-url",
                       "http://127.0.0.1:9/api/v1", "--project", "{p}"), TWO, ()),
    ("surrogate-in-base-url", ("record", "shop", "GET", "/orders/1.json", "--base-url",
                               "http://127.0.0.1:9/\udcff", "--project", "{p}"), FAILS, ()),
    ("chinese-host-base-url", ("record", "shop", "GET", "/orders/1.json", "--base-url",
                               "http://订单.invalid:9/api", "--project", "{p}"), FAILS, ()),
    ("surrogate-in-json", ("record", "shop", "POST", "/orders/1.json", "--json",
                           '{"a": "\udcff"}', "--allow-unsafe", "--base-url",
                           "http://127.0.0.1:9/api/v1", "--project", "{p}"), FAILS, ()),
    ("surrogate-in-body", ("record", "shop", "POST", "/orders/1.json", "--body", "\udcff",
                           "--allow-unsafe", "--base-url", "http://127.0.0.1:9/api/v1",
                           "--project", "{p}"), FAILS, ()),
    ("surrogate-in-cassette", ("record", "shop", "GET", "/orders/1.json", "--cassette",
                               "c\udcff", "--base-url", "http://127.0.0.1:9/api/v1",
                               "--project", "{p}"), FAILS, ()),
    ("surrogate-in-format", ("verify", "-f", "js\udcffon", "--project", "{p}"), TWO, ()),
    ("surrogate-subcommand", ("ver\udcffify", "--project", "{p}"), TWO, ()),
    ("surrogate-in-platform", ("probe", "sh\udcffop", "--project", "{p}"), TWO, ()),
]


REQUEST_FILES: dict[str, str] = {
    "surrogate-escape-in-path": '- {path: "/orders/\\udcff.json"}\n',
    "nul-escape-in-path": '- {path: "/orders/1\\0.json"}\n',
    "chinese-header": "- {path: /orders/1.json, headers: {X-Note: 订单}}\n",
    "header-name-colon": '- {path: /orders/1.json, headers: {"X:A": b}}\n',
    "surrogate-in-param": '- {path: /orders/1.json, params: {a: "\\ud800"}}\n',
    "header-value-a-number": "- {path: /orders/1.json, headers: {X-A: 1}}\n",
    "headers-a-list": "- {path: /orders/1.json, headers: [a, b]}\n",
}


def _request_file_case(name: str, text: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        (project / "requests.yaml").write_text(text, encoding="utf-8")
        return ["record", "shop", "--from", str(project / "requests.yaml"), "--base-url",
                "http://127.0.0.1:9/api/v1", "--project", str(project), "-f", "json"]
    return Case(f"request-file:{name}", setup, TWO, ("requests.yaml",))


def _live_header_case(name: str, header: str) -> Case:
    def setup(root: Path) -> list[str]:
        settings = MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9") + \
            f'live = [{{path = "/orders/1.json", headers = {{ {header} }} }}]\n'
        return ["drift", "run", "--project", str(mini(root, settings)), "-f", "json"]
    return Case(f"live-settings:{name}", setup, TWO, ("pyproject.toml",))


def request_cases() -> list[Case]:
    return [*(_request_file_case(n, t) for n, t in REQUEST_FILES.items()),
            _live_header_case("chinese-header-value", '"X-Note" = "订单"'),
            _live_header_case("header-name-space", '"X Note" = "a"'),
            _live_header_case("header-value-newline", '"X-A" = "a\\nb"')]


def cli_cases() -> list[Case]:
    return [Case(f"cli:{name}", _cli(*argv), exits, expect)
            for name, argv, exits, expect in CLI]



# --- separate processes: the environment and permissions are the input ------------------------

@dataclass
class ProcessCase:
    """One ``python -m seamguard`` process: ``setup`` gives argv and environment."""

    id: str
    setup: Callable[[Path], tuple[list[str], dict[str, str]]]
    exits: frozenset[int]
    expect: tuple[str, ...] = ()
    as_nobody: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _env_case(name: str, env: dict[str, str], command: str, exits: frozenset[int],
              settings: str = MINI_SETTINGS, make: Callable[[Path], None] | None = None,
              expect: tuple[str, ...] = ()) -> ProcessCase:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        project = mini(root, settings)
        if make is not None:
            make(project)
        argv = [a.replace("{p}", str(project)) for a in command.split()]
        as_json = [] if argv[0] == "privacy" else ["-f", "json"]
        return [*argv, "--project", str(project), *as_json], env
    return ProcessCase(f"env:{name}", setup, exits, expect)


_DATASET = MINI_SETTINGS + ('\n[tool.seamguard.datasets.orders]\nkind = "sql"\n'
                            'url_env = "ORDERS_DB"\ntable = "orders"\n')


def _orders_suite(project: Path) -> None:
    (project / "suites").mkdir(exist_ok=True)
    (project / "suites/orders.json").write_text(json.dumps({"name": "orders", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}),
        encoding="utf-8")


_AUTH = ('auth = { header = "Authorization", scheme = "Bearer", env = "SHOP_TOKEN" }\n')
_HISTORY_ENV = MINI_SETTINGS + '[tool.seamguard.drift]\nhistory_env = "SEAMGUARD_HISTORY"\n'


def env_cases() -> list[ProcessCase]:
    sql = "quality"
    return [
        _env_case("dataset-url-unset", {}, sql, FAILS, _DATASET, _orders_suite, ("ORDERS_DB",)),
        _env_case("dataset-url-empty", {"ORDERS_DB": ""}, sql, FAILS, _DATASET, _orders_suite,
                  ("ORDERS_DB",)),
        _env_case("dataset-url-spaces", {"ORDERS_DB": "   "}, sql, FAILS, _DATASET, _orders_suite,
                  ("ORDERS_DB",)),
        _env_case("dataset-url-unknown-driver", {"ORDERS_DB": "nosuchdb://x/y"}, sql, FAILS,
                  _DATASET, _orders_suite, ("ORDERS_DB",)),
        _env_case("dataset-url-port-word", {"ORDERS_DB": "postgresql://u@127.0.0.1:abc/test"},
                  sql, FAILS, _DATASET, _orders_suite, ("ORDERS_DB",)),
        _env_case("dataset-url-refused", {"ORDERS_DB": "postgresql://u@127.0.0.1:9/test"}, sql,
                  FAILS, _DATASET, _orders_suite, ("ORDERS_DB",)),
        _env_case("dataset-url-not-utf8", {"ORDERS_DB": "postgresql://\udcff@127.0.0.1/x"}, sql,
                  FAILS, _DATASET, _orders_suite),
        _env_case("history-env-garbage", {"SEAMGUARD_HISTORY": "::garbage::"}, "drift run",
                  FAILS, _HISTORY_ENV),
        _env_case("history-env-empty", {"SEAMGUARD_HISTORY": ""}, "drift run", FAILS,
                  _HISTORY_ENV),
        _env_case("history-env-memory", {"SEAMGUARD_HISTORY": "sqlite://"}, "drift run", FAILS,
                  _HISTORY_ENV),
        _env_case("pseudonym-key-empty", {"SEAMGUARD_PSEUDONYM_KEY": ""},
                  "privacy scrub {p}/fixtures/cassettes/orders.yaml", ANY),
        _env_case("pseudonym-key-not-utf8", {"SEAMGUARD_PSEUDONYM_KEY": "k\udcff\udcfe"},
                  "privacy scrub {p}/fixtures/cassettes/orders.yaml", ANY),
        _env_case("pseudonym-key-100k", {"SEAMGUARD_PSEUDONYM_KEY": "k" * 100_000},
                  "privacy scrub {p}/fixtures/cassettes/orders.yaml", ANY),
        _env_case("broker-url-garbage", {"SEAMGUARD_BROKER_URL": "amqp://[::1"}, "verify", ANY),
        _env_case("token-not-utf8", {"SHOP_TOKEN": "t\udcff"}, "drift run", FAILS,
                  MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9")
                  + 'live = [{path = "/orders/1.json"}]\n' + _AUTH),
        _env_case("token-100k", {"SHOP_TOKEN": "t" * 100_000}, "drift run", FAILS,
                  MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9")
                  + 'live = [{path = "/orders/1.json"}]\n' + _AUTH),
        _env_case("ssl-cert-file-folder", {"SSL_CERT_FILE": "/tmp"}, "drift run", FAILS,
                  MINI_SETTINGS + 'live = [{path = "/orders/1.json"}]\n'),
        _env_case("tz-garbage", {"TZ": "Nowhere/Land"}, "verify", ANY),
        _env_case("home-unset", {"HOME": ""}, "verify", ANY),
        _env_case("columns-surrogate", {"COLUMNS": "\udcff"}, "verify", ANY),
        _env_case("no-proxy-garbage", {"NO_PROXY": "[[[", "no_proxy": "[[["}, "drift run",
                  FAILS, MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9")
                  + 'live = [{path = "/orders/1.json"}]\n'),
    ]


def _surrogate_case(name: str, *argv: str, exits: frozenset[int] = TWO) -> ProcessCase:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        project = mini(root)
        return [a.replace("{p}", str(project)).replace("{r}", str(root)) for a in argv], {}
    return ProcessCase(f"argv:{name}", setup, exits)


def argv_cases() -> list[ProcessCase]:
    """Arguments that are not UTF-8, through a real ``exec`` (surrogate-escaped on the way in,
    and any echo of them must still print)."""
    return [
        _surrogate_case("project-not-utf8", "verify", "--project", "{r}/caf\udce9"),
        _surrogate_case("only-not-utf8", "verify", "--only", "platform=\udcff", "--project",
                        "{p}"),
        _surrogate_case("subcommand-not-utf8", "v\udcffrify", "--project", "{p}"),
        _surrogate_case("format-not-utf8", "verify", "-f", "\udcff", "--project", "{p}"),
        _surrogate_case("platform-not-utf8", "probe", "\udcffshop", "--project", "{p}"),
        _surrogate_case("record-path-not-utf8", "record", "shop", "GET", "/orders/\udcff.json",
                        "--base-url", "http://127.0.0.1:9/api/v1", "--project", "{p}",
                        exits=FAILS),
        _surrogate_case("header-not-utf8", "record", "shop", "GET", "/orders/1.json", "-H",
                        "X-A: \udcff", "--base-url", "http://127.0.0.1:9/api/v1", "--project",
                        "{p}", exits=FAILS),
        _surrogate_case("baseline-not-utf8", "verify", "--baseline", "{r}/\udcff.yaml",
                        "--project", "{p}"),
        _surrogate_case("reports-not-utf8-text", "verify", "--reports", "{r}/r\udcff",
                        "--project", "{p}", exits=ANY),
        _surrogate_case("init-not-utf8", "init", "{r}/n\udcffew", exits=ANY),
        _surrogate_case("diff-side-not-utf8", "contract", "diff", "{r}/\udcff.yaml", "shop@v1",
                        "--project", "{p}"),
        _surrogate_case("option-not-utf8", "verify", "--pr\udcffoject", "{p}"),
        _surrogate_case("long-arg-128k", "verify", "--only", "platform=" + "a" * 131_000,
                        "--project", "{p}"),
    ]


def _perm_case(name: str, make: Callable[[Path], None], command: str, exits: frozenset[int],
               expect: tuple[str, ...] = ()) -> ProcessCase:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        project = mini(root)
        for path in (root, *root.rglob("*")):
            path.chmod(0o777 if path.is_dir() else 0o666)
        make(project)
        argv = [a.replace("{p}", str(project)) for a in command.split()]
        return [*argv, "--project", str(project), "-f", "json"], {}
    return ProcessCase(f"perm:{name}", setup, exits, expect, as_nobody=True)


def _mode(relative: str, mode: int) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / relative
        if not path.exists():
            path.mkdir(parents=True)
        path.chmod(mode)
    return make


def _read_only_tree(project: Path) -> None:
    for path in sorted(project.rglob("*"), reverse=True):
        path.chmod(0o555 if path.is_dir() else 0o444)
    project.chmod(0o555)


def perm_cases() -> list[ProcessCase]:
    return [
        _perm_case("project-unreadable", _mode(".", 0o000), "verify", TWO, ("p",)),
        _perm_case("project-no-list", _mode(".", 0o311), "verify", FAILS),
        _perm_case("settings-unreadable", _mode("pyproject.toml", 0o000), "verify", TWO,
                   ("pyproject.toml",)),
        _perm_case("contract-unreadable", _mode(CONTRACT, 0o000), "verify", TWO,
                   ("openapi.yaml",)),
        _perm_case("contracts-folder-unreadable", _mode("contracts/shop", 0o000), "verify", TWO,
                   ("contracts",)),
        _perm_case("cassette-unreadable", _mode(CASSETTE, 0o000), "verify", TWO,
                   ("orders.yaml",)),
        _perm_case("cassettes-folder-unreadable", _mode("fixtures/cassettes", 0o000), "verify",
                   TWO, ("cassettes",)),
        _perm_case("reports-read-only", _mode("reports", 0o555), "verify", TWO, ("reports",)),
        _perm_case("whole-project-read-only", _read_only_tree, "verify", TWO, ("reports",)),
        _perm_case("read-only-drift", _read_only_tree, "drift run", FAILS),
        _perm_case("read-only-record", _read_only_tree,
                   "record shop GET /orders/1.json --base-url http://127.0.0.1:9/api/v1", FAILS),
        _perm_case("read-only-init", _read_only_tree, "contract lint", ANY),
    ]


def _concurrent_drift(root: Path) -> tuple[list[str], dict[str, str]]:
    project = _drift_project(root)
    return ["drift", "run", "--project", str(project), "-f", "json"], {}


def _run_process(case: ProcessCase, root: Path, timeout: float) -> Outcome:
    argv, env = case.setup(root)
    environment = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", **env}
    environment = {k: v for k, v in environment.items() if v is not None}
    prefix: list[str] = []
    if case.as_nobody and os.geteuid() == 0:
        # root without the two capabilities that let it ignore file modes: the case's modes
        # apply to it as to any owner, while the interpreter and its packages stay readable
        # wherever they live (a 0700 temporary folder, /root)
        dropped = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={dropped}", f"--bounding-set={dropped}", "--"]
        environment["HOME"] = str(root)
    command = [*prefix, sys.executable, "-m", "seamguard", *argv]
    try:
        done = subprocess.run(command, cwd=root, env=environment, capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(-1, "hung", [], "hung")
    text = (done.stdout.decode("utf-8", "backslashreplace"),
            done.stderr.decode("utf-8", "backslashreplace"))
    return outcome_of(done.returncode, *text)


def concurrent_outcomes(root: Path, timeout: float, writers: int = 3) -> list[Outcome]:
    """Several ``drift run`` on one project at once: each ends as documented."""
    root.mkdir(parents=True, exist_ok=True)
    case = ProcessCase("concurrent", _concurrent_drift, ANY)
    argv, _ = case.setup(root)
    environment = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1"}
    processes = [subprocess.Popen([sys.executable, "-m", "seamguard", *argv], cwd=root,
                                  env=environment, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for _ in range(writers)]
    outcomes = []
    for process in processes:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            outcomes.append(Outcome(-1, "hung", [], "hung"))
            continue
        outcomes.append(outcome_of(process.returncode, out.decode(errors="replace"),
                                   err.decode(errors="replace")))
    return outcomes


def process_cases() -> list[ProcessCase]:
    return [*env_cases(), *argv_cases(), *perm_cases()]


def run_processes(cases: list[ProcessCase], scratch: Path, timeout: float
                  ) -> dict[str, Outcome]:
    def one(number: int, case: ProcessCase) -> tuple[str, Outcome]:
        root = scratch / f"proc{number}"
        root.mkdir()
        if case.as_nobody:  # a user without root's rights must reach the case's folder
            for folder in (scratch, *scratch.parents):
                if folder.owner() == "root" and str(folder).startswith(tempfile.gettempdir()):
                    folder.chmod(folder.stat().st_mode | 0o755)
            root.chmod(0o777)
        return case.id, _run_process(case, root, timeout)
    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(lambda pair: one(*pair), enumerate(cases)))
