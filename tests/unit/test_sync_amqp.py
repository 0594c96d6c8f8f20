"""The AMQP proxy's frame watching: verdicts tied to message ids however the bytes are cut."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from pamqp import commands, frame
from pamqp.body import ContentBody
from pamqp.header import ContentHeader, ProtocolHeader

from seamguard.sync.amqp import Delivered, Published, Settled, _Connection, _Side


def _deliver(channel: int, tag: int, message_id: str, redelivered: bool = False) -> bytes:
    body = b'{"id": 1}'
    return (frame.marshal(commands.Basic.Deliver("ctag", tag, redelivered, "", "work"), channel)
            + frame.marshal(ContentHeader(0, len(body), commands.Basic.Properties(
                message_id=message_id, headers={"X-Shopify-Event-Id": message_id})), channel)
            + frame.marshal(ContentBody(body), channel))


def _wire() -> tuple[bytes, bytes]:
    """What the broker sends (four deliveries on two channels) and what the consumer answers."""
    broker = (_deliver(1, 1, "m1") + _deliver(1, 2, "m2") + _deliver(1, 3, "m3", True)
              + _deliver(2, 1, "m4"))
    retry = b"{}"
    consumer = (frame.marshal(ProtocolHeader(), 0)
                + frame.marshal(commands.Basic.Nack(3, requeue=True), 1)
                + frame.marshal(commands.Basic.Publish(exchange="", routing_key="retry"), 2)
                + frame.marshal(ContentHeader(0, len(retry), commands.Basic.Properties(
                    headers={"X-Shopify-Event-Id": "m4", "x-retry-count": 1})), 2)
                + frame.marshal(ContentBody(retry), 2)
                + frame.marshal(commands.Basic.Ack(2, multiple=True), 1)
                + frame.marshal(commands.Basic.Reject(1, requeue=False), 2))
    return broker, consumer


def _feed(side: _Side, data: bytes, cuts: list[int]) -> None:
    start = 0
    for cut in [*sorted({min(c, len(data)) for c in cuts}), len(data)]:
        if cut > start:
            side._frames(data[start:cut])
            start = cut


@given(st.lists(st.integers(0, 2000), max_size=12), st.lists(st.integers(0, 2000), max_size=12))
def test_verdicts_follow_the_frames_however_the_stream_is_cut(broker_cuts: list[int],
                                                              consumer_cuts: list[int]) -> None:
    seen: list[Settled | Published | Delivered] = []
    connection = _Connection(seen.append)
    from_broker = _Side(connection.from_broker, skip=0)
    from_consumer = _Side(connection.from_consumer, skip=8)
    broker, consumer = _wire()
    _feed(from_broker, broker, broker_cuts)
    _feed(from_consumer, consumer, consumer_cuts)
    assert seen == [
        Delivered("m1", redelivered=False),
        Delivered("m2", redelivered=False),
        Delivered("m3", redelivered=True),
        Delivered("m4", redelivered=False),
        Settled("m3", "nack", requeue=True, redelivered=True),
        Published("", "retry", {"X-Shopify-Event-Id": "m4", "x-retry-count": 1}, None),
        Settled("m1", "ack", requeue=False, redelivered=False),  # multiple: up to tag 2
        Settled("m2", "ack", requeue=False, redelivered=False),
        Settled("m4", "reject", requeue=False, redelivered=False),
    ]


def test_a_stream_that_is_not_amqp_is_forwarded_without_watching() -> None:
    seen: list[Settled | Published | Delivered] = []
    side = _Side(_Connection(seen.append).from_consumer, skip=0)
    side._frames(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 3)
    side._frames(frame.marshal(commands.Basic.Ack(1), 1))
    assert seen == []
