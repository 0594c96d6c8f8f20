"""The broker of a queue target: a URL that is no AMQP URL, or a broker that cannot be reached,
is a usage error at the setting (or variable) it came from, never the URL's password, never a
traceback, and a broker that accepts and then says nothing is bounded."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.errors import UsageError
from seamguard.sync import queue
from seamguard.sync.profiles import BUILTIN_PROFILES
from seamguard.sync.queue import BrokerOrigin, QueueTransport, _split_url

ORIGIN = BrokerOrigin("broker_url of sync target 'q'", file="pyproject.toml", line=7,
                      pointer="tool.seamguard.sync.targets.q.broker_url")


@pytest.mark.parametrize("url", [
    "http://u:pw@127.0.0.1:5672/", "127.0.0.1:5672", "amqp://", "amqp://u@/",
    "amqp://127.0.0.1:rabbit/", "amqp://127.0.0.1:99999/", "amqp://[::1:5672/",
    "amqp://rabbit host/", "amqp://h/\nv", "amqp://u:p%ff@h/", "   ",
])
def test_a_url_that_is_no_amqp_url_is_refused_at_its_setting(url: str) -> None:
    with pytest.raises(UsageError) as caught:
        _split_url(url, ORIGIN)
    error = caught.value
    assert (error.file, error.line, error.pointer) == ("pyproject.toml", 7, ORIGIN.pointer)
    assert error.message.startswith("broker_url of sync target 'q': ")
    assert "amqp://" in (error.hint or "")


@given(st.text(max_size=60))
def test_any_text_is_split_or_refused_and_the_password_never_shown(text: str) -> None:
    url = f"amqp://user:{text}@host:5672/"
    refused: UsageError | None = None
    try:
        _split_url(url, ORIGIN)
    except UsageError as error:
        refused = error
    if refused is not None:
        assert refused.file == "pyproject.toml"
        assert len(text) <= 3 or text not in str(refused)


@contextlib.contextmanager
def _silent_listener() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def test_a_broker_that_accepts_and_stays_silent_is_a_usage_error_in_bounded_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queue, "_CONNECT_DEADLINE", 0.5)
    with _silent_listener() as port:
        transport = QueueTransport(BUILTIN_PROFILES["shopify"], "s",
                                   f"amqp://guest:hidden-pw@127.0.0.1:{port}/", "q",
                                   in_process=True, origin=ORIGIN)
        with pytest.raises(UsageError) as caught:
            asyncio.run(asyncio.wait_for(transport._open(), 10))
    assert "no AMQP handshake within 0.5 s" in caught.value.message
    assert caught.value.pointer == ORIGIN.pointer
    assert "hidden-pw" not in str(caught.value)


def test_nothing_listening_is_said_in_words() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    transport = QueueTransport(BUILTIN_PROFILES["shopify"], "s",
                               f"amqp://guest:guest@127.0.0.1:{port}/", "q", in_process=True,
                               origin=ORIGIN)
    with pytest.raises(UsageError) as caught:
        asyncio.run(asyncio.wait_for(transport._open(), 20))
    assert "nothing listens there" in caught.value.message
    assert caught.value.file == "pyproject.toml"
