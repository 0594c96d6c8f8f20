"""A pass-through AMQP 0-9-1 proxy that watches how a consumer settles each message.

The system under test connects to RabbitMQ through this proxy (its broker URL points here), so
its own client library, prefetch, acks and reconnects are the real ones; the proxy forwards every
byte unchanged and decodes (with pamqp) only the frames that say what happened to a message:

- broker to consumer: ``basic.deliver`` and the content header after it (the ``message_id``);
- consumer to broker: ``basic.ack`` / ``basic.nack`` / ``basic.reject`` (with ``multiple`` and
  ``requeue``), and ``basic.publish`` with its content header (where the consumer sends a message
  itself, e.g. to a retry queue).

Each is reported to ``on_event`` as a ``Delivered``, ``Settled`` or ``Published``, in the order
the frames crossed the proxy. ``cut()`` aborts every connection on both sides, as a process that
dies does: the broker requeues what that consumer had not acknowledged.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pamqp import commands
from pamqp import frame as amqp_frame
from pamqp.exceptions import PAMQPException
from pamqp.header import ContentHeader

__all__ = ["AmqpProxy", "Delivered", "Published", "Settled"]

_METHOD, _HEADER = 1, 2
_BASIC = 60
_WATCHED = {40, 60, 80, 90, 120}  # publish, deliver, ack, reject, nack
_FRAME_END = 0xCE
_CHUNK = 65536


@dataclass(frozen=True)
class Settled:
    """The consumer's verdict on one delivery: ``ack``, ``nack`` or ``reject``."""

    message_id: str
    verdict: str
    requeue: bool
    redelivered: bool


@dataclass(frozen=True)
class Delivered:
    """The broker handed a message to the consumer (``basic.deliver`` and its header)."""

    message_id: str
    redelivered: bool


@dataclass(frozen=True)
class Published:
    """A message the consumer published itself (exchange, routing key, headers)."""

    exchange: str
    routing_key: str
    headers: dict[str, Any]
    message_id: str | None


@dataclass
class _Channel:
    tags: dict[int, tuple[str, bool]] = field(default_factory=dict)  # tag -> (id, redelivered)
    deliver: tuple[int, bool] | None = None  # a deliver waiting for its content header
    publish: commands.Basic.Publish | None = None  # a publish waiting for its content header


class _Connection:
    """One consumer connection: the frames of both directions, channel by channel."""

    def __init__(self, report: Callable[[Settled | Published | Delivered], None]) -> None:
        self.report = report
        self.channels: dict[int, _Channel] = {}
        self.writers: list[asyncio.StreamWriter] = []

    def channel(self, number: int) -> _Channel:
        return self.channels.setdefault(number, _Channel())

    def from_broker(self, number: int, kind: int, raw: bytes) -> None:
        channel = self.channel(number)
        if kind == _HEADER and channel.deliver is not None:
            tag, redelivered = channel.deliver
            channel.deliver = None
            header = _decode(raw)
            if isinstance(header, ContentHeader):
                message_id = str(header.properties.message_id or "")
                channel.tags[tag] = (message_id, redelivered)
                self.report(Delivered(message_id, redelivered))
        elif kind == _METHOD:
            method = _decode(raw)
            if isinstance(method, commands.Basic.Deliver):
                channel.deliver = (int(method.delivery_tag or 0), bool(method.redelivered))
            elif isinstance(method, commands.Channel.CloseOk | commands.Channel.Close):
                self.channels.pop(number, None)

    def from_consumer(self, number: int, kind: int, raw: bytes) -> None:
        channel = self.channel(number)
        if kind == _HEADER and channel.publish is not None:
            publish, channel.publish = channel.publish, None
            header = _decode(raw)
            if isinstance(header, ContentHeader):
                props = header.properties
                self.report(Published(publish.exchange or "", publish.routing_key or "",
                                      dict(props.headers or {}),
                                      str(props.message_id) if props.message_id else None))
            return
        if kind != _METHOD:
            return
        method = _decode(raw)
        if isinstance(method, commands.Basic.Publish):
            channel.publish = method
        elif isinstance(method, commands.Basic.Ack):
            self._settle(channel, int(method.delivery_tag or 0), bool(method.multiple), "ack",
                         False)
        elif isinstance(method, commands.Basic.Nack):
            self._settle(channel, int(method.delivery_tag or 0), bool(method.multiple), "nack",
                         bool(method.requeue))
        elif isinstance(method, commands.Basic.Reject):
            self._settle(channel, int(method.delivery_tag or 0), False, "reject",
                         bool(method.requeue))

    def _settle(self, channel: _Channel, tag: int, multiple: bool, verdict: str,
                requeue: bool) -> None:
        tags = sorted(t for t in channel.tags if t <= tag) if multiple or tag == 0 \
            else [tag] if tag in channel.tags else []
        for each in tags:
            message_id, redelivered = channel.tags.pop(each)
            self.report(Settled(message_id, verdict, requeue, redelivered))


def _decode(raw: bytes) -> Any:
    try:
        return amqp_frame.unmarshal(raw)[2]
    except (PAMQPException, ValueError, struct.error):
        return None


def _interesting(kind: int, payload: bytes) -> bool:
    if kind == _HEADER:
        return True
    if kind != _METHOD or len(payload) < 4:
        return False
    class_id, method_id = struct.unpack_from(">HH", payload)
    return (class_id == _BASIC and method_id in _WATCHED) or class_id == 20  # channel.close


class _Side(asyncio.Protocol):
    """One end of a proxied connection: what it receives goes to the other end, watched."""

    def __init__(self, watch: Callable[[int, int, bytes], None], skip: int) -> None:
        self.watch = watch
        self.skip = skip  # the protocol header the client sends before any frame
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.peer: _Side | None = None
        self.closed = False
        self.pending = bytearray()  # received before the other end was connected

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        if self.closed or self.peer is None:
            return
        if self.peer.transport is None:
            self.pending += data
            return
        self.peer.transport.write(data)
        self._frames(data)

    def _frames(self, data: bytes) -> None:
        self.buffer += data
        if self.skip:
            taken = min(self.skip, len(self.buffer))
            del self.buffer[:taken]
            self.skip -= taken
        while len(self.buffer) >= 7:
            kind, number, size = struct.unpack_from(">BHI", self.buffer)
            end = 7 + size + 1
            if len(self.buffer) < end:
                return
            if self.buffer[end - 1] != _FRAME_END:  # not AMQP: stop watching, keep forwarding
                self.buffer.clear()
                self.skip = 1 << 62
                return
            if _interesting(kind, bytes(self.buffer[7:7 + size])):
                self.watch(number, kind, bytes(self.buffer[:end]))
            del self.buffer[:end]

    def flush(self) -> None:
        data, self.pending = bytes(self.pending), bytearray()
        if data:
            self.data_received(data)

    def drain_socket(self) -> None:
        """Take in, synchronously, what the other end sent and this side has not read yet."""
        if self.transport is None or self.transport.is_closing():
            return
        raw = self.transport.get_extra_info("socket")
        if raw is None:
            return
        with raw.dup() as sock:
            while True:
                try:
                    data = sock.recv(_CHUNK, socket.MSG_DONTWAIT)
                except (BlockingIOError, InterruptedError):
                    return
                except OSError:
                    return
                if not data:
                    return
                self.data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.close()


class AmqpProxy:
    """Listens on ``127.0.0.1`` (a free port, bound at construction) and forwards to the broker."""

    def __init__(self, broker_host: str, broker_port: int,
                 on_event: Callable[[Settled | Published | Delivered], None]) -> None:
        self.broker = (broker_host, broker_port)
        self.on_event = on_event
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port: int = self._socket.getsockname()[1]
        self._server: asyncio.Server | None = None
        self._pairs: list[tuple[_Side, _Side]] = []
        self._connecting: set[asyncio.Task[None]] = set()
        self.accepted = 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self._consumer_side, sock=self._socket)

    def _consumer_side(self) -> _Side:
        self.accepted += 1
        connection = _Connection(self.on_event)
        consumer = _Side(connection.from_consumer, skip=8)
        broker = _Side(connection.from_broker, skip=0)
        consumer.peer, broker.peer = broker, consumer
        self._pairs.append((consumer, broker))
        task = asyncio.ensure_future(self._connect(consumer, broker))
        self._connecting.add(task)
        task.add_done_callback(self._connecting.discard)
        return consumer

    async def _connect(self, consumer: _Side, broker: _Side) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.create_connection(lambda: broker, *self.broker)
        except OSError:
            if consumer.transport is not None:
                consumer.transport.abort()
            return
        consumer.flush()  # what the consumer sent meanwhile

    def cut(self) -> None:
        """The consumer's process died: what it had sent reaches the broker, in order, then its
        connections close; nothing it does afterwards gets through."""
        for consumer, broker in self._pairs:
            consumer.drain_socket()
            consumer.closed = broker.closed = True
            if consumer.transport is not None:
                consumer.transport.abort()
            if broker.transport is not None:
                broker.transport.close()  # sends what is buffered first
        self._pairs.clear()

    async def close(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
