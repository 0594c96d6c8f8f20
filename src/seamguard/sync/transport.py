"""How events reach the system under test: one interface, one adapter per way of carrying them.

A webhook posts each delivery; a message queue publishes it to a broker the system consumes
from; a poller is served the event's record by a platform double when it polls. The play loop
(``execute``), the generators, the reference model and the properties see only this interface:
an ``Outgoing`` delivery in, an ``Answer`` out, plus ``tick`` (the system's scheduled work runs),
``settle`` (wait until in-flight work is done) and ``dead_letters`` (what the system gave up on).
What a transport can do is declared in ``Capabilities``, from which the generators choose the
steps they draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from seamguard.sync.script import Event

__all__ = ["CRASHED", "NO_ANSWER", "Answer", "Capabilities", "DeadLetter", "Outgoing",
           "ProcessCrash", "Transport", "crashed"]


class ProcessCrash(BaseException):
    """Raised into the system under test at a CRM write: its process dies right there.

    A ``BaseException`` so that the system's ``except Exception`` handlers do not turn the crash
    into an orderly error answer; the harness restarts the system afterwards.
    """


def crashed(error: BaseException) -> bool:
    """Whether ``error`` is (or, inside an exception group, holds) a simulated crash."""
    if isinstance(error, ProcessCrash):
        return True
    if isinstance(error, BaseExceptionGroup):
        return any(crashed(inner) for inner in error.exceptions)
    return crashed(error.__cause__) if error.__cause__ is not None else False


@dataclass(frozen=True)
class Answer:
    """What the system under test made of one delivery.

    ``ok``: acknowledged (2xx, an ack); False: refused (the platform or broker delivers again,
    or it went to the dead-letter queue); None: no answer (deadline passed, or the process
    crashed). ``text`` is shown in scripts: ``200``, ``401``, ``ack``, ``nack (requeue)``.
    """

    ok: bool | None
    text: str
    status: int | None = None
    redelivered: bool = True  # a refusal the platform or broker delivers again by itself
    crashed: bool = False  # the process died during this delivery (the harness restarts it)

    @staticmethod
    def http(status: int) -> Answer:
        return Answer(200 <= status < 300, str(status), status)

    @property
    def rejected_4xx(self) -> bool:
        return self.ok is False and (self.status is None or 400 <= self.status < 500)


NO_ANSWER = Answer(None, "no answer")
CRASHED = Answer(None, "process crashed", crashed=True)


@dataclass(frozen=True)
class Outgoing:
    """One delivery the harness asks a transport to make."""

    event: Event
    attempt: int
    now: datetime  # the harness's clock
    triggered_at: datetime  # when the platform triggered the event (kept by every retry)
    forgery: str | None = None
    tamper: dict[str, Any] | None = None  # top-level fields a forger changed
    poison: str | None = None
    during: bool = False  # (pull) lands while the next poll reads its pages


@dataclass(frozen=True)
class Capabilities:
    """What a transport (with its target) supports; the generators draw only these steps."""

    signed: bool = False  # deliveries carry a signature the system must check
    replays: bool = False  # deliveries carry a trigger time a replay can be told by
    crashes: bool = False  # the harness can crash the system at a CRM write and restart it
    concurrent: bool = True  # two deliveries (of one event, or of one record) in flight at once
    pull: bool = False  # the system polls a source; events land there and ticks poll
    dead_letters: bool = False  # the system can park deliveries in a dead-letter queue
    redelivers: bool = False  # refused deliveries come back by themselves (a broker)
    source_faults: tuple[str, ...] = ()
    write_lag: float = 0.0  # (pull) seconds a change may take to become visible


@dataclass
class DeadLetter:
    """A delivery the system gave up on, still in the dead-letter queue."""

    event_id: str
    topic: str
    reason: str = ""
    headers: dict[str, Any] = field(default_factory=dict)


class Transport(Protocol):
    capabilities: Capabilities

    async def open(self) -> None: ...
    async def reset(self) -> None: ...
    async def deliver(self, outgoing: Outgoing) -> Answer: ...
    async def settle(self) -> list[tuple[Outgoing, Answer]]: ...
    async def dead_letters(self) -> list[DeadLetter]: ...
    async def close(self) -> None: ...
