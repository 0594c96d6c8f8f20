"""Network faults on 127.0.0.1 against every command that talks to a live service: the nightly
drift fetch, the published-spec fetch, probing and alerts. Each run is a subprocess with a hard
time limit (a hang fails the test); each must end with a finding that says what happened.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
import yaml

from tests.support import hostile_servers as servers
from tests.support.hostile import Outcome, assert_handled, run_seamguard
from tests.support.projects import MINI_CONTRACT, good_order, mini_project

ORDER = {"order": good_order()}
# Tight limits, so that a fault that is bounded ends within seconds.
LIMITS = """
[tool.seamguard.network]
deadline = 1.0
timeout = 0.5
"""


def project(root: Path, origin: str, extra: str = "", *, live: bool = True,
            published: str | None = None) -> Path:
    settings = f"""
[tool.seamguard]
max_body_mb = 10
[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "{origin}/api/{{version}}"
{'live = [{path = "/orders/1.json"}, {path = "/orders/2.json"}]' if live else ''}
"""
    if published:
        settings += f'\n[tool.seamguard.platforms.shop.published_spec]\nurl = "{published}"\n' \
                    "timeout = 0.5\n"
    return mini_project(root / "p", settings=settings + LIMITS + extra)


def drift_run(root: Path, responder: servers.Responder) -> tuple[Outcome, float]:
    """``seamguard drift run`` against the server, and how many seconds it took."""
    with servers.raw_server(responder) as server:
        started = time.monotonic()
        outcome = run_seamguard("drift", "run", "--project", str(project(root, server.origin)),
                                "-f", "json", timeout=90)
        return outcome, time.monotonic() - started


@pytest.mark.parametrize(("responder", "expect"), [
    pytest.param(servers.drip(0.2), "within the 1 s deadline", id="drip"),
    pytest.param(servers.drip_everything(0.2), "headers had not all arrived",
                 id="drip-headers"),
    pytest.param(servers.bomb("gzip"), "larger than the 10.0 MB limit once inflated",
                 id="gzip-bomb"),
    pytest.param(servers.bomb("deflate"), "once inflated", id="deflate-bomb"),
    pytest.param(servers.bomb("br"), "once inflated", id="brotli-bomb"),
    pytest.param(servers.bomb("br, gzip"), "once inflated", id="brotli-bomb-inside-gzip"),
    pytest.param(servers.huge(60), "larger than the 10.0 MB limit", id="60-MB-answer"),
    pytest.param(servers.reset(), "could not fetch", id="connection-reset"),
    pytest.param(servers.garbage(), "could not fetch", id="garbage-http"),
    pytest.param(servers.truncated(), "cut off", id="truncated-body"),
    pytest.param(servers.endless_chunks(), "larger than the 10.0 MB limit", id="endless-chunks"),
    pytest.param(servers.huge_header(), "could not fetch", id="8-MB-header"),
    pytest.param(servers.json_answer(ORDER, headers={"Content-Encoding": "zstd"}),
                 "Content-Encoding 'zstd'", id="unreadable-encoding"),
])
def test_drift_run_ends_with_a_finding(tmp_path: Path, responder: servers.Responder,
                                       expect: str) -> None:
    outcome, seconds = drift_run(tmp_path, responder)
    assert_handled(outcome, exits={1}, expect=["drift.fetch-failed", expect])
    # Two requests, three attempts each at most: bounded by the deadline, not the server.
    assert seconds < 45, seconds


def test_drift_run_follows_no_redirect_to_another_host(tmp_path: Path) -> None:
    with servers.raw_server(servers.json_answer(ORDER)) as other, \
            servers.raw_server(servers.redirect(f"http://localhost:{other.port}/steal")) as server:
        outcome = run_seamguard("drift", "run", "--project",
                                str(project(tmp_path, server.origin)), "-f", "json", timeout=90)
    assert_handled(outcome, exits={1}, expect=["drift.fetch-failed", "redirected to"])
    assert other.requests == []


def test_drift_run_sends_no_cookie_back(tmp_path: Path) -> None:
    answer = servers.json_answer(ORDER, headers={"Set-Cookie": "session=s3cr3t; Path=/"})
    with servers.raw_server(answer) as server:
        outcome = run_seamguard("drift", "run", "--project",
                                str(project(tmp_path, server.origin)), "-f", "json", timeout=90)
    assert outcome.code in (0, 1), outcome.raw
    assert len(server.requests) == 2
    assert all("cookie" not in server.headers_of(i) for i in range(2)), server.requests


# --- the published spec -----------------------------------------------------------------------

@contextmanager
def published_spec(root: Path, responder: servers.Responder) -> Iterator[Outcome]:
    with servers.raw_server(responder) as server:
        path = project(root, "https://api.example.com", live=False,
                       published=f"{server.origin}/openapi.json")
        yield run_seamguard("drift", "run", "--project", str(path), "-f", "json", timeout=90)


@pytest.mark.parametrize(("responder", "expect"), [
    pytest.param(servers.drip(0.2), "within the 1 s deadline", id="drip"),
    pytest.param(servers.drip_everything(0.2), "within the 1 s deadline", id="drip-headers"),
    pytest.param(servers.bomb("gzip"), "once inflated", id="gzip-bomb"),
    pytest.param(servers.garbage(), "could not fetch the published", id="garbage-http"),
    pytest.param(servers.reset(), "could not fetch the published", id="connection-reset"),
])
def test_published_spec_fetch_ends_with_a_finding(tmp_path: Path, responder: servers.Responder,
                                                  expect: str) -> None:
    with published_spec(tmp_path, responder) as outcome:
        assert_handled(outcome, exits={1}, expect=["drift.spec-fetch-failed", expect])


def test_published_spec_over_the_document_limit(tmp_path: Path) -> None:
    with published_spec(tmp_path / "a", servers.huge(70)) as outcome:
        assert_handled(outcome, exits={1}, expect=["larger than the 64.0 MB limit"])


def test_published_spec_follows_same_host_redirects_without_cookies(tmp_path: Path) -> None:
    spec = servers.json_answer(yaml.safe_load(MINI_CONTRACT))
    with servers.raw_server(servers.redirect("/moved.json", cookie="track=1; Path=/",
                                             then=spec)) as server:
        path = project(tmp_path, "https://api.example.com", live=False,
                       published=f"{server.origin}/openapi.json")
        outcome = run_seamguard("drift", "run", "--project", str(path), "-f", "json",
                                timeout=90)
    assert outcome.code in (0, 1), outcome.raw
    assert "spec-fetch-failed" not in outcome.text
    assert len(server.requests) == 2
    assert "cookie" not in server.headers_of(1)


def test_published_spec_redirect_to_another_host_is_refused(tmp_path: Path) -> None:
    with ExitStack() as stack:
        other = stack.enter_context(servers.raw_server(servers.json_answer({})))
        outcome = stack.enter_context(published_spec(
            tmp_path, servers.redirect(f"http://localhost:{other.port}/openapi.json")))
        assert_handled(outcome, exits={1}, expect=["another host", "localhost"])
        assert other.requests == []


# --- probing ----------------------------------------------------------------------------------

def probe(root: Path, responder: servers.Responder) -> Outcome:
    with servers.raw_server(responder) as server:
        path = project(root, server.origin, live=False)
        return run_seamguard("probe", "shop", "--project", str(path), "--base-url",
                             server.origin, "--max-examples", "1", "--timeout", "0.5", "-f",
                             "json", timeout=120)


@pytest.mark.parametrize(("responder", "expect"), [
    pytest.param(servers.drip(0.2), "deadline", id="drip"),
    pytest.param(servers.drip_everything(0.2), "deadline", id="drip-headers"),
    pytest.param(servers.bomb("gzip"), "larger than the 10.0 MB limit", id="gzip-bomb"),
    pytest.param(servers.huge(30), "larger than the 10.0 MB limit", id="30-MB-answer"),
    pytest.param(servers.reset(), "probe.", id="connection-reset"),
    pytest.param(servers.garbage(), "probe.", id="garbage-http"),
])
def test_probe_ends_with_a_finding(tmp_path: Path, responder: servers.Responder,
                                   expect: str) -> None:
    outcome = probe(tmp_path, responder)
    assert_handled(outcome, exits={1}, expect=[expect])


# --- alerts -----------------------------------------------------------------------------------

@pytest.mark.parametrize("responder", [
    pytest.param(servers.drip(0.2), id="drip"),
    pytest.param(servers.drip_everything(0.2), id="drip-headers"),
])
def test_an_alert_service_that_drips_does_not_hold_the_run(
        tmp_path: Path, responder: servers.Responder) -> None:
    broken = {"order": {"id": "not-a-number"}}  # a finding to alert about
    with servers.raw_server(servers.json_answer(broken)) as api, \
            servers.raw_server(responder) as alert:
        path = project(tmp_path, api.origin, extra="""
[tool.seamguard.alerts]
urls_env = ["SEAMGUARD_HOSTILE_ALERT"]
on = ["drift"]
timeout = 0.5
""")
        outcome = run_seamguard(
            "drift", "run", "--project", str(path), "-f", "json", timeout=90,
            env={"SEAMGUARD_HOSTILE_ALERT": f"json://127.0.0.1:{alert.port}/hook"})
    assert_handled(outcome, exits={1}, expect=["alert.failed", "could not be delivered"])

