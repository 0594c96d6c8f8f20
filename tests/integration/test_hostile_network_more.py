"""More network faults on 127.0.0.1, against the commands the first network corpus does not
drive: `seamguard record`, a gateway platform's live drift job (Taobao TOP, signed), TLS spoken
to a plain server, servers that go silent, lie about the length, loop redirects, answer without a
status line or with endless `100 Continue`, and a SQL dataset or drift history whose database
port accepts and never speaks. Each run is a subprocess with a hard time limit; each must end
within its deadline with a finding or usage error that says what happened — never a traceback,
never a hang, never a green run.
"""

from __future__ import annotations

import shutil
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import hostile_servers as servers
from tests.support.hostile import Outcome, assert_handled, run_seamguard
from tests.support.projects import copy_example, good_order, mini_project

ORDER = {"order": good_order()}
LIMITS = """
[tool.seamguard.network]
deadline = 1.0
timeout = 0.5
"""


def _project(root: Path, origin: str, extra: str = "") -> Path:
    settings = f"""
[tool.seamguard]
[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "{origin}/api/{{version}}"
live = [{{path = "/orders/1.json"}}]
"""
    return mini_project(root / "p", settings=settings + LIMITS + extra)


def _timed(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
           ) -> tuple[Outcome, float]:
    started = time.monotonic()
    outcome = run_seamguard(*args, cwd=cwd, env=env, timeout=90)
    return outcome, time.monotonic() - started


FAULTS = [
    pytest.param(servers.silent(), id="silent"),
    pytest.param(servers.short_body_then_silence(), id="short-body-then-silence"),
    pytest.param(servers.redirect_loop(), id="redirect-loop"),
    pytest.param(servers.http_09(), id="http-0.9"),
    pytest.param(servers.informational_forever(), id="100-continue-forever"),
    pytest.param(servers.drip(0.2), id="drip"),
    pytest.param(servers.bomb("gzip"), id="gzip-bomb"),
    pytest.param(servers.huge(30), id="30-MB-answer"),
    pytest.param(servers.reset(), id="connection-reset"),
    pytest.param(servers.garbage(), id="garbage-http"),
    pytest.param(servers.endless_chunks(), id="endless-chunks"),
    pytest.param(servers.redirect("http://127.0.0.2:9/elsewhere"), id="redirect-other-host"),
]


@pytest.mark.parametrize("responder", FAULTS)
def test_record_ends_with_a_finding_and_stores_nothing_broken(
        tmp_path: Path, responder: servers.Responder) -> None:
    with servers.raw_server(responder) as server:
        root = _project(tmp_path, server.origin)
        outcome, took = _timed("record", "shop", "GET", "/orders/1.json", "--project", str(root),
                               "--base-url", f"{server.origin}/api/v1", "-f", "json")
    # A redirect is the server's answer, recorded with a warning; everything else is a finding.
    assert_handled(outcome, exits={0, 1, 2}, expect=["record."])
    assert took < 60, f"record took {took:.0f} s"
    assert outcome.code != 0 or "record.unexpected-answer" in outcome.text, outcome.text
    cassette = root / "fixtures" / "cassettes" / "shop" / "v1.yaml"
    assert not cassette.exists() or cassette.stat().st_size < (1 << 20)


@pytest.mark.parametrize("responder", [
    pytest.param(servers.silent(), id="silent"),
    pytest.param(servers.short_body_then_silence(), id="short-body-then-silence"),
    pytest.param(servers.redirect_loop(), id="redirect-loop"),
    pytest.param(servers.http_09(), id="http-0.9"),
    pytest.param(servers.informational_forever(), id="100-continue-forever"),
    pytest.param(servers.raw_answer(b'{"order": {"id": 1, "status": "\\ud800"}}'),
                 id="lone-surrogate"),
    pytest.param(servers.raw_answer(b'{"order": {"id": 1e99999}}'), id="number-overflow"),
    pytest.param(servers.raw_answer(b"\xff\xfe\x00garbage", headers={
        "Content-Type": "application/json; charset=gbk"}), id="undecodable-gbk"),
    pytest.param(servers.raw_answer(b'{"order": 1}', headers={
        "Content-Type": "application/json; charset=no-such-charset"}), id="unknown-charset"),
])
def test_drift_run_ends_with_a_finding(tmp_path: Path, responder: servers.Responder) -> None:
    with servers.raw_server(responder) as server:
        root = _project(tmp_path, server.origin)
        outcome, took = _timed("drift", "run", "--project", str(root), "-f", "json")
    assert_handled(outcome, exits={1}, expect=[])
    assert any(f["severity"] == "error" for f in outcome.findings), outcome.text
    assert took < 60, f"drift run took {took:.0f} s"


def test_https_spoken_to_a_plain_server_is_a_finding(tmp_path: Path) -> None:
    with servers.raw_server(servers.json_answer(ORDER)) as server:
        origin = server.origin.replace("http://", "https://")
        root = _project(tmp_path, origin)
        outcome, took = _timed("drift", "run", "--project", str(root), "-f", "json")
        recorded, _ = _timed("record", "shop", "GET", "/orders/1.json", "--project", str(root),
                             "-f", "json")
        probed, _ = _timed("probe", "shop", "--project", str(root), "--max-examples", "1",
                           "-f", "json")
    assert_handled(outcome, exits={1}, expect=["drift.fetch-failed"])
    assert took < 60
    assert_handled(recorded, exits={1, 2}, expect=[])
    assert_handled(probed, exits={1, 2}, expect=["probe."])


# --- a gateway platform's live drift job ----------------------------------------------------------


def _taobao(root: Path, origin: str) -> Path:
    project = copy_example(root / "p")
    for cassettes in (project / "fixtures" / "cassettes").iterdir():
        shutil.rmtree(cassettes)
    settings = (project / "pyproject.toml").read_text(encoding="utf-8")
    settings = settings.replace('base_url = "https://eco.taobao.com"', f'base_url = "{origin}"')
    settings += LIMITS + """
[[tool.seamguard.platforms.taobao.live]]
operation = "taobao.trades.sold.get"
params = { fields = "tid,status", page_no = 1 }
"""
    (project / "pyproject.toml").write_text(settings, encoding="utf-8")
    return project


@pytest.mark.parametrize(("responder", "expect"), [
    pytest.param(servers.silent(), "drift.fetch-failed", id="silent"),
    pytest.param(servers.drip(0.2), "drift.fetch-failed", id="drip"),
    pytest.param(servers.garbage(), "drift.fetch-failed", id="garbage-http"),
    pytest.param(servers.huge(30), "drift.", id="30-MB-answer"),
    pytest.param(servers.raw_answer(b"<html>502</html>", headers={"Content-Type": "text/html"}),
                 "drift.", id="html-error-page"),
    pytest.param(servers.raw_answer(b'{"nothing": "known"}'), "response.unknown-envelope",
                 id="unknown-envelope"),
    pytest.param(servers.raw_answer(
        b'{"error_response": {"code": 27, "msg": "Invalid session", "sub_code": '
        b'"invalid-sessionkey"}}'), "drift.nothing-examined", id="in-band-error"),
    pytest.param(servers.raw_answer(
        b'{"trades_sold_get_response": {"trades": {"trade": [{"tid": "\\ud800"}]}}}'),
        "body.not-json", id="lone-surrogate-in-payload"),
])
def test_gateway_live_drift_ends_with_a_finding(tmp_path: Path, responder: servers.Responder,
                                                expect: str) -> None:
    env = {"TAOBAO_APP_SECRET": "test-secret", "TAOBAO_APP_KEY": "12345678",
           "TAOBAO_SESSION_KEY": "6100a1b2c3d4e5f6"}
    with servers.raw_server(responder) as server:
        root = _taobao(tmp_path, server.origin)
        outcome, took = _timed("drift", "run", "--project", str(root), "-f", "json", env=env)
    assert_handled(outcome, exits={1}, expect=[expect])
    assert took < 60, f"drift run took {took:.0f} s"
    # The session key is a credential: it reaches no output.
    assert env["TAOBAO_SESSION_KEY"] not in outcome.raw


# --- databases that accept and never speak ----------------------------------------------------


@contextmanager
def mute_port() -> Iterator[int]:
    """A TCP port whose connections are accepted by the kernel and never answered."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


def test_a_sql_dataset_whose_database_never_answers(tmp_path: Path) -> None:
    with mute_port() as port:
        root = mini_project(tmp_path / "p", settings="""
[tool.seamguard]
[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"
[tool.seamguard.datasets.orders]
kind = "sql"
url_env = "MUTE_DB"
table = "orders"
key = ["id"]
connect_timeout = 1.0
""")
        (root / "suites").mkdir()
        (root / "suites" / "orders.json").write_text(
            '{"name": "orders", "expectations": [{"type": "expect_column_to_exist", '
            '"kwargs": {"column": "id"}}]}', encoding="utf-8")
        outcome, took = _timed("quality", "--project", str(root), "-f", "json",
                               env={"MUTE_DB": f"postgresql+psycopg://u:p@127.0.0.1:{port}/db"})
    assert_handled(outcome, exits={1, 2}, expect=["orders"])
    assert took < 60, f"quality took {took:.0f} s"
    assert "u:p@" not in outcome.raw  # the URL's password is not printed


def test_a_drift_history_whose_database_never_answers(tmp_path: Path) -> None:
    with mute_port() as port, servers.raw_server(servers.json_answer(ORDER)) as server:
        root = _project(tmp_path, server.origin, extra="""
[tool.seamguard.drift]
history_env = "MUTE_HISTORY"
""")
        outcome, took = _timed(
            "drift", "run", "--project", str(root), "-f", "json",
            env={"MUTE_HISTORY": f"postgresql+psycopg://u:secret@127.0.0.1:{port}/db"})
    assert_handled(outcome, exits={1, 2}, expect=[])
    assert took < 90, f"drift run took {took:.0f} s"
    assert "secret@" not in outcome.raw
