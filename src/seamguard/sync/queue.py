"""Message-queue delivery through a real RabbitMQ broker, with at-least-once semantics the
harness can see and control.

For each run the transport declares its own queues and exchanges, named
``seamguard.<target>.<random>`` (the ``/`` virtual host; every queue expires an hour after its
last use, so a killed run leaves nothing behind for long), and deletes them at the end:

- ``<p>.work``: the queue the system under test consumes, dead-lettering to ``<p>.dlx``;
- ``<p>.dlx`` (fanout) bound to ``<p>.dead``: what the consumer rejected without requeueing;
- ``<p>.retry``: the compensation queue; a consumer that cannot finish a message now publishes
  it here (and acks the original), and the harness publishes it to ``<p>.work`` again when its
  retry is due on the harness's clock.

The consumer reaches the broker through ``AmqpProxy`` (its broker URL points at the proxy), so
the harness knows, frame by frame, when it acked, nacked or rejected each message. A delivery is
one publish to ``<p>.work``; its answer is the consumer's last verdict on that message (after any
``nack``/``reject`` with requeue, which the broker delivers again by itself). A simulated crash
cuts the consumer's connection where it stands: the broker requeues what was not acked, and
``settle`` waits for those redeliveries after the harness restarted the system. Nothing waits on
a timer: every wait ends on an observed frame or message, under the harness's deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from seamguard.errors import UsageError
from seamguard.sync.amqp import AmqpProxy, Delivered, Published, Settled
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.transport import Answer, Capabilities, DeadLetter, Outgoing
from seamguard.sync.webhook import body_of, forged_id
from seamguard.sync.worker import TargetWorker

__all__ = ["DEFAULT_BROKER_URL", "BrokerOrigin", "QueueNames", "QueueTransport"]

DEFAULT_BROKER_URL = "amqp://guest:guest@127.0.0.1:5672/"
_EXPIRES_MS = 3_600_000
_CONNECT_DEADLINE = 15.0


def _why_not_connected(exc: BaseException, vhost: str = "/") -> str:
    """In words, why the AMQP client could not connect (no exception class names)."""
    import aiormq.exceptions as amqp

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, amqp.ProbableAuthenticationError):
            return "the broker refused the user name or password"
        if isinstance(seen, amqp.InvalidFrameError) and "Connection.Close" in str(seen):
            # The broker closes the connection it has authenticated when the virtual host
            # does not exist or the user may not use it.
            return (f"the broker closed the connection on opening the virtual host "
                    f"{vhost!r}: it does not exist or this user may not use it")
        if isinstance(seen, TimeoutError):
            return f"no AMQP handshake within {_CONNECT_DEADLINE:g} s"
        if isinstance(seen, ConnectionRefusedError) or (
                isinstance(seen, OSError) and seen.errno == errno.ECONNREFUSED):
            return "nothing listens there"
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror.lower()
        seen = seen.__cause__ or seen.__context__
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"the server did not speak AMQP 0-9-1: {text}" if text else \
        "the server did not speak AMQP 0-9-1"


@dataclass(frozen=True)
class QueueNames:
    """The names of one run's queues and exchanges."""

    prefix: str

    @property
    def work(self) -> str:
        return f"{self.prefix}.work"

    @property
    def retry(self) -> str:
        return f"{self.prefix}.retry"

    @property
    def dead(self) -> str:
        return f"{self.prefix}.dead"

    @property
    def dlx(self) -> str:
        return f"{self.prefix}.dlx"

    @staticmethod
    def fresh(target: str) -> QueueNames:
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in target)[:40]
        return QueueNames(f"seamguard.{safe}.{uuid.uuid4().hex[:12]}")


@dataclass
class _Message:
    """One publish to the work queue and what the consumer said about it."""

    outgoing: Outgoing
    verdicts: list[Settled] = field(default_factory=list)
    delivered: int = 0  # times the broker handed it to the consumer
    # What the consumer had published to the retry queue (for this event) and to the dead-letter
    # route before this delivery: counted before the publish, since the consumer runs on a
    # thread of its own and may take the message before the publish is confirmed.
    retries_before: int = 0
    dead_before: int = 0
    crashed: bool = False
    since: int = 0  # verdicts before this one belong to deliveries before a crash

    @property
    def final(self) -> Settled | None:
        last = self.verdicts[-1] if len(self.verdicts) > self.since else None
        return last if last is not None and (last.verdict == "ack" or not last.requeue) else None


@dataclass
class _Held:
    """A message the consumer put on the retry queue, until the harness sends it again."""

    body: bytes
    headers: dict[str, Any]


@dataclass(frozen=True)
class BrokerOrigin:
    """Where the broker URL came from, so that every error about it points there."""

    named: str  # how the message names it: the setting or the environment variable
    file: str | None = None
    line: int | None = None
    pointer: str | None = None

    def error(self, message: str, hint: str) -> UsageError:
        return UsageError(f"{self.named}: {message}", file=self.file, line=self.line,
                          pointer=self.pointer, hint=hint)


_URL_HINT = ("write amqp://user:password@host:port/vhost, e.g. amqp://guest:guest@127.0.0.1:5672/ "
             "(TLS is not proxied)")


def _split_url(url: str, origin: BrokerOrigin) -> tuple[str, int, str, str, str]:
    """Host, port, user, password and virtual host of ``url``; a usage error naming
    ``origin`` (never the URL: it holds a password) when it is no AMQP URL."""
    if any(c.isspace() or not c.isprintable() for c in url):
        raise origin.error("the broker URL holds a space, a line break or a control character",
                           _URL_HINT)
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed [IPv6] host
        raise origin.error("the broker URL's host is not a valid host name", _URL_HINT) from None
    if parts.scheme != "amqp":
        why = f"its scheme is {parts.scheme!r}" if parts.scheme else "it has no scheme"
        raise origin.error(f"the broker URL is not amqp://… ({why})", _URL_HINT)
    if not parts.hostname:
        raise origin.error("the broker URL names no host", _URL_HINT)
    try:
        port = parts.port
    except ValueError:
        raise origin.error("the broker URL's port is not a number from 1 to 65535",
                           _URL_HINT) from None
    try:
        parts.hostname.encode("idna")
    except UnicodeError:
        raise origin.error("the broker URL's host is not a valid host name", _URL_HINT) from None
    pieces = [parts.username or "guest", parts.password or "guest",
              parts.path[1:] if len(parts.path) > 1 else "/"]
    try:
        user, password, vhost = (unquote(p, errors="strict") for p in pieces)
    except UnicodeDecodeError:
        raise origin.error("a percent-escape in the broker URL is not UTF-8",
                           _URL_HINT) from None
    return parts.hostname, port or 5672, user, password, vhost


class QueueTransport:
    """Publishes deliveries to a RabbitMQ work queue the system under test consumes."""

    def __init__(self, profile: DeliveryProfile, secret: str, broker_url: str, target: str, *,
                 in_process: bool, worker: TargetWorker | None = None,
                 origin: BrokerOrigin | None = None) -> None:
        self.profile = profile
        self.worker = worker
        self.secret = secret
        self.broker_url = broker_url
        self.origin = origin or BrokerOrigin("the broker URL")
        self.host, self.port, user, password, vhost = _split_url(broker_url, self.origin)
        self.vhost = vhost or "/"
        self.names = QueueNames.fresh(target)
        self.proxy = AmqpProxy(self.host, self.port, self._observe)
        self.consumer_url = (f"amqp://{quote(user, safe='')}:{quote(password, safe='')}@"
                             f"127.0.0.1:{self.proxy.port}/{quote(vhost, safe='')}")
        self.capabilities = Capabilities(crashes=in_process, concurrent=True,
                                         dead_letters=True, redelivers=True)
        self._connection: Any = None
        self._channel: Any = None
        self._queues: dict[str, Any] = {}
        self._tags: list[tuple[Any, str]] = []
        self._messages: dict[str, _Message] = {}
        self._pending: list[str] = []  # message ids published and not finally settled
        self._dead: dict[str, DeadLetter] = {}  # message id -> letter
        self._dead_other = 0  # dead letters the consumer published itself, received
        self._dead_sent = 0  # messages the consumer published to the dead-letter route itself
        self._held: dict[str, list[_Held]] = {}  # event id -> retry messages
        self._retry_sent: dict[str, int] = {}  # event id -> publishes to the retry queue seen
        self._retry_got: dict[str, int] = {}
        self._sleepers: list[asyncio.Future[None]] = []
        self._crash = False

    # -- on the consumer's loop ----------------------------------------------------------------
    # With ``worker`` (the in-process consumer's thread and loop), the broker connection, the
    # proxy and every wait on what the consumer does live on the consumer's own loop: its ack
    # and a crash at its next CRM write are then seen in the order they happen, as they would
    # be by one process, while a consumer that blocks its thread blocks only that loop. The
    # harness waits for each call with its deadline, so a blocked consumer is cut off.

    async def _on_worker(self, label: str, function: Callable[..., Any], *args: Any) -> Any:
        if self.worker is None:
            return await function(*args)
        return await self.worker.call(label, function, *args, harness=True)

    async def open(self) -> None:
        await self._on_worker("opening the run's queues", self._open)

    async def reset(self) -> None:
        await self._on_worker("purging the run's queues", self._reset)

    async def close(self) -> None:
        """Delete the run's queues; a consumer loop that stays blocked is left alone (its
        queues expire an hour after their last use)."""
        if self.worker is None:
            await self._close()
            return
        if await self.worker.stuck(1.0) is not None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._on_worker("closing", self._close), 30.0)

    async def deliver(self, outgoing: Outgoing) -> Answer:
        answer: Answer = await self._on_worker(
            "waiting for the consumer's verdict", self._deliver, outgoing)
        return answer

    async def settle(self) -> list[tuple[Outgoing, Answer]]:
        """After a restart: the broker's redeliveries of what the dead consumer held, each
        with the consumer's verdict."""
        settled: list[tuple[Outgoing, Answer]] = await self._on_worker(
            "waiting for redeliveries", self._settle)
        return settled

    async def dead_letters(self) -> list[DeadLetter]:
        letters: list[DeadLetter] = await self._on_worker("reading dead letters",
                                                          self._dead_letters)
        return letters

    async def recover(self, timeout: float) -> None:
        """After a delivery ran out of time: the consumer's connections are cut (the broker
        takes back what it held) and the queues emptied, so the next script starts clean
        once the harness restarted the service."""
        await self._on_worker("emptying the run's queues", self._recover, timeout)

    # -- what the system under test is told --------------------------------------------------

    def placeholders(self) -> dict[str, str]:
        """Values for the target's ``env`` templates."""
        return {"broker_url": self.consumer_url, "queue": self.names.work,
                "retry_queue": self.names.retry, "dead_letter_exchange": self.names.dlx,
                "dead_letter_queue": self.names.dead}

    # -- the broker ---------------------------------------------------------------------------

    async def _open(self) -> None:
        import aio_pika

        # A cut connection (a simulated crash) makes the AMQP client log a warning with a
        # traceback; with nowhere configured for it, Python would print it on stderr.
        for name in ("aiormq", "aio_pika"):
            library = logging.getLogger(name)
            if not library.handlers:
                library.addHandler(logging.NullHandler())

        try:
            # The client's own timeout bounds the TCP connect; a broker that accepts and then
            # says nothing, or drips its handshake, is bounded here as a whole.
            self._connection = await asyncio.wait_for(
                aio_pika.connect(self.broker_url, timeout=5), _CONNECT_DEADLINE)
        except Exception as exc:  # any failure of the client to connect is the same answer
            why = _why_not_connected(exc, self.vhost)
            if why.startswith("the broker"):  # it answered: the URL's login or vhost is wrong
                hint = ("correct the user, password or virtual host in the target's broker_url "
                        "/ SEAMGUARD_BROKER_URL (`rabbitmqctl list_users`, "
                        "`rabbitmqctl list_vhosts` show what the broker has)")
            else:
                hint = ("start the broker (`service rabbitmq-server start` or "
                        "`rabbitmq-server -detached`), or point the target's broker_url / "
                        "SEAMGUARD_BROKER_URL at one")
            raise self.origin.error(
                f"cannot connect to RabbitMQ at {self.host}:{self.port} ({why})",
                hint) from None
        self._channel = await self._connection.channel(publisher_confirms=True)
        args = {"x-expires": _EXPIRES_MS}
        dlx = await self._channel.declare_exchange(self.names.dlx, aio_pika.ExchangeType.FANOUT,
                                                   auto_delete=True)
        self._queues["dead"] = await self._channel.declare_queue(self.names.dead,
                                                                 arguments=args)
        await self._queues["dead"].bind(dlx)
        self._queues["work"] = await self._channel.declare_queue(
            self.names.work, arguments={**args, "x-dead-letter-exchange": self.names.dlx})
        self._queues["retry"] = await self._channel.declare_queue(self.names.retry,
                                                                  arguments=args)
        self._tags = [(self._queues["dead"],
                       await self._queues["dead"].consume(self._on_dead, no_ack=True)),
                      (self._queues["retry"],
                       await self._queues["retry"].consume(self._on_retry, no_ack=True))]
        await self.proxy.start()

    async def _reset(self) -> None:
        # The harness drains the retry and dead-letter queues as messages arrive; the work queue
        # holds something only when a delivery was left unsettled (a deadline).
        if self._pending:
            for queue in self._queues.values():
                await queue.purge()
        self._messages.clear()
        self._pending.clear()
        self._dead.clear()
        self._held.clear()
        self._retry_sent.clear()
        self._retry_got.clear()
        self._dead_other = self._dead_sent = 0
        self._crash = False

    async def _close(self) -> None:
        await self.proxy.close()
        if self._connection is None:
            return
        try:
            for queue, tag in self._tags:
                await queue.cancel(tag)
            for queue in self._queues.values():
                await queue.delete(if_unused=False, if_empty=False)
            await self._channel.exchange_delete(self.names.dlx)
        finally:
            await self._connection.close()

    # -- observations -------------------------------------------------------------------------

    def _wake(self) -> None:
        for sleeper in self._sleepers:
            if not sleeper.done():
                sleeper.set_result(None)
        self._sleepers.clear()

    async def _until(self, ready: Callable[[], bool]) -> None:
        """Wait for an observation that makes ``ready()`` true (the caller bounds the wait)."""
        while not ready():
            sleeper: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._sleepers.append(sleeper)
            await sleeper

    def _observe(self, seen: Settled | Published | Delivered) -> None:
        if isinstance(seen, Delivered):
            delivered = self._messages.get(seen.message_id)
            if delivered is not None:
                delivered.delivered += 1
            return  # nothing waits on a delivery alone
        if isinstance(seen, Settled):
            message = self._messages.get(seen.message_id)
            if message is not None:
                message.verdicts.append(seen)
        elif seen.routing_key == self.names.retry and seen.exchange == "":
            event_id = str(seen.headers.get(self.profile.event_id_header, ""))
            self._retry_sent[event_id] = self._retry_sent.get(event_id, 0) + 1
        elif seen.exchange == self.names.dlx or (seen.exchange == "" and
                                                 seen.routing_key == self.names.dead):
            self._dead_sent += 1
        self._wake()

    async def _on_dead(self, incoming: Any) -> None:
        headers = dict(incoming.headers or {})
        deaths = headers.get("x-death") or [{}]
        reason = headers.get("x-first-death-reason") or (
            deaths[0].get("reason") if isinstance(deaths[0], dict) else None) or "published"
        letter = DeadLetter(str(headers.get(self.profile.event_id_header, "")),
                            str(headers.get(self.profile.topic_header, "")), str(reason),
                            {k: v for k, v in headers.items() if not k.startswith("x-")})
        if "x-death" in headers and incoming.message_id in self._messages:
            self._dead[incoming.message_id] = letter  # the broker's, after a reject or nack
        else:  # published there by the consumer itself
            self._dead_other += 1
            self._dead[f"published-{self._dead_other}"] = letter
        self._wake()

    async def _on_retry(self, incoming: Any) -> None:
        headers = dict(incoming.headers or {})
        event_id = str(headers.get(self.profile.event_id_header, ""))
        self._held.setdefault(event_id, []).append(_Held(bytes(incoming.body), headers))
        self._retry_got[event_id] = self._retry_got.get(event_id, 0) + 1
        self._wake()

    def on_crash(self) -> None:
        """The consumer's process dies at a CRM write: its broker connections go with it."""
        self._crash = True
        self.proxy.cut()
        self._wake()

    # -- deliveries ---------------------------------------------------------------------------

    def _message(self, outgoing: Outgoing) -> tuple[bytes, dict[str, Any]]:
        event = outgoing.event
        held = self._held.get(event.event_id)
        if held and outgoing.attempt > 1 and outgoing.poison is None:
            again = held.pop(0)  # the consumer's own retry message, as it wrote it
            return again.body, again.headers
        payload = {**event.payload, **(outgoing.tamper or {})}
        body = body_of(payload, outgoing.poison)
        topic = "orders/unknown-topic" if outgoing.poison == "unknown-topic" else event.topic
        headers: dict[str, Any] = dict(self.profile.delivery_headers(
            topic, forged_id(outgoing), body, self.secret, outgoing.triggered_at,
            outgoing.attempt))
        headers.pop("Content-Type", None)
        return body, headers

    async def _deliver(self, outgoing: Outgoing) -> Answer:
        import aio_pika

        body, headers = self._message(outgoing)
        message_id = uuid.uuid4().hex
        self._messages[message_id] = _Message(
            outgoing, retries_before=self._retry_sent.get(outgoing.event.event_id, 0),
            dead_before=self._dead_sent)
        self._pending.append(message_id)
        await self._channel.default_exchange.publish(
            aio_pika.Message(body, headers=headers, message_id=message_id,
                             content_type="application/json",
                             delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
            routing_key=self.names.work, mandatory=True)
        return await self._answer(message_id)

    async def _answer(self, message_id: str) -> Answer:
        message = self._messages[message_id]
        event_id = message.outgoing.event.event_id
        retries_before, dead_before = message.retries_before, message.dead_before
        await self._until(lambda: message.final is not None or self._crash)
        shown = _summary(message.verdicts[message.since:])
        final = message.final
        if final is None:  # the process died holding the message: the broker has it again
            message.crashed = True
            message.since = len(message.verdicts)
            # the redelivery after the restart starts from what the dead consumer had sent
            message.retries_before = self._retry_sent.get(event_id, 0)
            message.dead_before = self._dead_sent
            return Answer(None, f"{shown + ', ' if shown else ''}process crashed",
                          redelivered=False, crashed=True)
        self._pending.remove(message_id)
        crashed = self._crash
        if final.verdict != "ack":
            await self._until(lambda: message_id in self._dead)
            return Answer(False, f"{shown} (dead-lettered)", redelivered=False,
                          crashed=crashed)
        # The consumer may have handed the message to the retry queue or to the dead-letter
        # route itself before acking: wait until those copies are where the harness reads them.
        retried = self._retry_sent.get(event_id, 0) > retries_before
        await self._until(lambda: self._retry_got.get(event_id, 0) >=
                          self._retry_sent.get(event_id, 0))
        await self._until(lambda: self._dead_other >= self._dead_sent)
        if retried:
            return Answer(False, f"{shown} (to the retry queue)", redelivered=True,
                          crashed=crashed)
        if self._dead_sent > dead_before:
            return Answer(False, f"{shown} (dead-lettered by the consumer)", redelivered=False,
                          crashed=crashed)
        return Answer(True, shown + (", then the process crashed" if crashed else ""),
                      crashed=crashed)

    async def _settle(self) -> list[tuple[Outgoing, Answer]]:
        self._crash = False
        settled = []
        for message_id in list(self._pending):
            message = self._messages[message_id]
            if not message.crashed:
                continue
            message.crashed = False
            answer = await self._answer(message_id)
            again = message.outgoing
            settled.append((Outgoing(again.event, again.attempt + 1, again.now,
                                     again.triggered_at, poison=again.poison), answer))
        return settled

    async def _dead_letters(self) -> list[DeadLetter]:
        return list(self._dead.values())

    def stuck(self, *, frozen: bool = False) -> str:
        """What a delivery that ran out of time left behind, for the finding (``frozen``: the
        consumer's thread is known to be blocked, which says why it settled nothing)."""
        open_ = [m for m in self._pending if self._messages[m].final is None]
        if not open_:
            return ""
        first = self._messages[open_[0]]
        heard = first.verdicts
        requeued = sum(1 for v in heard if v.verdict != "ack" and v.requeue)
        if requeued >= _STORM:
            said = (f"; the consumer sent it back {requeued} times ({_summary(heard)}): a "
                    "redelivery storm; a message it cannot process must be dead-lettered or "
                    "parked for review, not requeued")
        elif heard:
            said = f" (it said: {_summary(heard)})"
        elif first.delivered and frozen:
            said = f"; the broker handed it to the consumer ({first.delivered} time(s))"
        elif first.delivered:
            said = (f"; the broker handed it to the consumer ({first.delivered} time(s)), which "
                    "never acked, nacked or rejected it: it holds the message unacknowledged "
                    "(ack after the side effect, reject what cannot be processed)")
        else:
            said = "; the consumer never took it from the queue"
        return (f"{len(open_)} message(s) on {self.names.work} with no final ack, nack or "
                f"reject from the consumer{said}; consumer connections through the proxy so "
                f"far: {self.proxy.accepted}")

    async def _recover(self, timeout: float) -> None:
        self.proxy.cut()
        work = self._queues.get("work")
        if work is None:
            return

        async def drained() -> None:
            # The broker takes unacknowledged messages back when it sees the connection go,
            # which it reports as the queue's consumer count falling to 0.
            while True:
                declared = await self._channel.declare_queue(self.names.work, passive=True)
                if not declared.declaration_result.consumer_count:
                    return
                await asyncio.sleep(0.02)

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(drained(), timeout)
        for queue in self._queues.values():
            await queue.purge()
        self._pending.clear()
        self._wake()


_STORM = 20  # requeues of one message within the deadline that make a redelivery storm


def _summary(verdicts: list[Settled]) -> str:
    """``nack (requeue) x312, ack``: runs of the same verdict counted."""
    runs: list[tuple[str, int]] = []
    for verdict in verdicts:
        shown = _shown(verdict)
        if runs and runs[-1][0] == shown:
            runs[-1] = (shown, runs[-1][1] + 1)
        else:
            runs.append((shown, 1))
    return ", ".join(text if count == 1 else f"{text} x{count}" for text, count in runs)


def _shown(verdict: Settled) -> str:
    if verdict.verdict == "ack":
        return "ack"
    return f"{verdict.verdict} ({'requeue' if verdict.requeue else 'no requeue'})"

