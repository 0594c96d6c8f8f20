"""Polling: events land in a platform double (``source``) and the system under test pulls them.

A delivery step makes the event's record version visible in the double at the harness's time
(or while the next poll reads its pages, ``during``); a tick lets the system poll (its tick
hook: ``POST /admin/poll`` or ``tick()``), with the double answering one of the tick's requests
with its rate limit when the step says so. Nothing is acknowledged per event: what counts for
the reference model is what the poller was served, plus every record's last version (which a
correct poller must reach after the final ticks).
"""

from __future__ import annotations

from datetime import datetime

from seamguard.sync.adapters import SystemUnderTest
from seamguard.sync.model import DELETE_TOPIC
from seamguard.sync.script import Event
from seamguard.sync.source import SourceDouble, SourceRequest
from seamguard.sync.transport import Answer, Capabilities, DeadLetter, Outgoing

__all__ = ["PollTransport"]


class PollTransport:
    """The platform double as the system's source; ticks make the system poll it."""

    def __init__(self, sut: SystemUnderTest, source: SourceDouble, *, in_process: bool) -> None:
        self.sut = sut
        self.source = source
        self.capabilities = Capabilities(pull=True, crashes=in_process, concurrent=False,
                                         source_faults=("rate-limit",),
                                         write_lag=source.profile.lag.total_seconds())

    async def open(self) -> None:
        pass

    async def reset(self) -> None:
        self.source.reset()

    async def deliver(self, outgoing: Outgoing) -> Answer:
        event = outgoing.event
        self.source.time = outgoing.now
        self.source.land(event, deleted=event.topic == DELETE_TOPIC, during=outgoing.during)
        return Answer(True, "lands during the next poll" if outgoing.during else "landed",
                      redelivered=False)

    async def tick(self, now: datetime, source_fault: str | None) -> Answer:
        self.source.time = now
        self.source.start_tick(source_fault)
        try:
            return await self.sut.tick()
        finally:
            self.source.end_tick()

    def pulled(self) -> tuple[list[SourceRequest], dict[str, Event], dict[int, set[str]]]:
        """The requests the system made, every record's last version, and per tick the
        versions current when it ended."""
        return list(self.source.log), self.source.finals(), dict(self.source.current_after)

    async def settle(self) -> list[tuple[Outgoing, Answer]]:
        return []

    async def dead_letters(self) -> list[DeadLetter]:
        return []

    async def close(self) -> None:
        pass
