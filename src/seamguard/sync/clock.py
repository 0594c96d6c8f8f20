"""Simulated time owned by the harness: when each delivery happens, and when a platform retries.

A script's steps carry ``delay`` seconds; the clock starts at ``START`` and moves forward by
those delays, and by the platform's backoff before each redelivery of a refused event. The
system under test reads the same time through its clock hook (``docs/sync.md``, "Time"), so a
dedupe window, a replay tolerance or a cache expiry is tested over hours of platform time in
milliseconds of real time.

The retry schedule is derived from the profile's data alone: ``max_attempts`` deliveries spread
over ``retry_horizon`` with exponential backoff (each wait twice the one before), which is how
Shopify documents its retries (8 deliveries over 4 hours since 2024-09).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.rules import parse_duration

__all__ = ["HISTORY_START", "START", "SimClock", "retry_delays"]

# Generated histories' versions start here; a pushing platform's "now" when a script starts is
# just after them. A pulled record lands at its version's time, so a poll starts at the first.
HISTORY_START = datetime(2024, 7, 10, 2, 0, 0, tzinfo=UTC)
START = HISTORY_START + timedelta(seconds=30)


@dataclass
class SimClock:
    """The harness's clock: only ever moves forward."""

    now: datetime = START
    moves: list[float] = field(default_factory=list)

    def advance(self, seconds: float) -> datetime:
        if seconds > 0:
            self.now += timedelta(seconds=seconds)
            self.moves.append(seconds)
        return self.now

    def at_least(self, moment: datetime) -> datetime:
        """Move to ``moment`` unless the clock is past it already."""
        if moment > self.now:
            self.advance((moment - self.now).total_seconds())
        return self.now


def horizon(profile: DeliveryProfile) -> timedelta:
    return parse_duration(profile.retry_horizon) or timedelta(hours=4)


def retry_delays(profile: DeliveryProfile) -> list[float]:
    """Seconds to wait before each redelivery (``max_attempts - 1`` of them), doubling, that
    add up to the profile's retry horizon."""
    retries = profile.max_attempts - 1
    if retries <= 0:
        return []
    total = horizon(profile).total_seconds()
    first = total / (2 ** retries - 1)
    return [first * 2 ** n for n in range(retries)]
