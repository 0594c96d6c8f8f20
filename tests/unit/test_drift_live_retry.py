"""The live fetcher's retry policy against slow servers on 127.0.0.1: bounded by the request's
and the run's deadline, and never repeating a request that may change data."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from seamguard.drift.live import LiveFetcher, LiveRequest
from seamguard.net import NetworkLimits
from seamguard.project import PlatformSettings

Behaviour = Callable[[socket.socket, threading.Event], None]


@contextmanager
def _server(behaviour: Behaviour) -> Iterator[tuple[str, list[int]]]:
    """A raw server: each connection is handled by ``behaviour`` until the test ends."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    stop = threading.Event()
    connections: list[int] = []

    def handle(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2.0)
            try:
                conn.recv(65536)
                behaviour(conn, stop)
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            connections.append(1)
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", connections
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def _hold(conn: socket.socket, stop: threading.Event) -> None:
    stop.wait(30)  # never answers


def _drip(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 100000\r\n\r\n[")
    while not stop.wait(0.1):
        conn.sendall(b" ")


def _fetcher(origin: str, **kwargs: object) -> LiveFetcher:
    settings = PlatformSettings(versions=["v1"], base_url=origin)
    return LiveFetcher("shop", settings, "v1", env={}, sleep=lambda _: None,
                       **kwargs)  # type: ignore[arg-type]


def test_an_answer_dripping_past_the_request_deadline_is_not_asked_for_again(
        tmp_path: Path) -> None:
    with _server(_drip) as (origin, connections):
        fetcher = _fetcher(origin, timeout=5.0, limits=NetworkLimits(deadline=1.0))
        started = time.monotonic()
        [outcome] = fetcher.fetch([LiveRequest(path="/orders")], tmp_path / "live.yaml")
        took = time.monotonic() - started
    assert outcome.attempts == 1
    assert len(connections) == 1
    assert outcome.error is not None
    assert "no complete answer within the 1 s deadline" in outcome.error
    assert took < 3.0


def test_an_attempt_ends_by_the_runs_deadline(tmp_path: Path) -> None:
    with _server(_hold) as (origin, connections):
        fetcher = _fetcher(origin, timeout=20.0, limits=NetworkLimits(deadline=60.0),
                           deadline=time.monotonic() + 1.0)
        started = time.monotonic()
        [outcome] = fetcher.fetch([LiveRequest(path="/orders")], tmp_path / "live.yaml")
        took = time.monotonic() - started
    assert took < 4.0, f"the attempt outlasted the run's deadline by {took - 1:.1f} s"
    assert outcome.error is not None
    assert "left before the run's deadline" in outcome.error
    assert len(connections) == 1


def test_a_post_that_timed_out_is_sent_once(tmp_path: Path) -> None:
    with _server(_hold) as (origin, connections):
        fetcher = _fetcher(origin, timeout=0.3, retries=3)
        [outcome] = fetcher.fetch([LiveRequest(method="POST", path="/orders", body=b"{}")],
                                  tmp_path / "live.yaml", allow_unsafe=True)
    assert (outcome.attempts, len(connections)) == (1, 1)
    assert outcome.error == "timed out after 0.3 s"


def test_a_post_declared_safe_is_retried_after_a_timeout(tmp_path: Path) -> None:
    with _server(_hold) as (origin, connections):
        fetcher = _fetcher(origin, timeout=0.3, retries=3)
        [outcome] = fetcher.fetch(
            [LiveRequest(method="POST", path="/orders/search", body=b"{}", safe=True)],
            tmp_path / "live.yaml")
    assert (outcome.attempts, len(connections)) == (3, 3)


def test_a_gateway_call_that_may_change_data_is_sent_once(tmp_path: Path) -> None:
    env = {"TOP_SECRET": "s3cret", "TOP_KEY": "12345678"}
    with _server(_hold) as (origin, connections):
        settings = PlatformSettings.model_validate({
            "protocol": "taobao-top", "base_url": origin, "versions": ["2.0"],
            "secret_env": "TOP_SECRET", "credentials": {"app_key": "TOP_KEY"}})
        fetcher = LiveFetcher("taobao", settings, "2.0", env=env, sleep=lambda _: None,
                              timeout=0.3, retries=3)
        [outcome] = fetcher.fetch([LiveRequest(operation="taobao.logistics.offline.send",
                                               params={"tid": "1"})],
                                  tmp_path / "live.yaml", allow_unsafe=True)
    assert (outcome.attempts, len(connections)) == (1, 1)
