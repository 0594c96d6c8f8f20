"""The forms of one instant and the rewrites that put them into a script's histories."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from seamguard.mapping import reference_data as ref
from seamguard.mapping.shapes import Shape
from seamguard.sync.instants import forms, vary_instants
from seamguard.sync.profiles import BUILTIN_PROFILES
from seamguard.sync.script import Event

SHOPIFY, TAOBAO = BUILTIN_PROFILES["shopify"], BUILTIN_PROFILES["taobao"]
MOMENT = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_every_form_is_the_same_instant_and_utc_has_its_millisecond_spelling() -> None:
    texts = forms(MOMENT, SHOPIFY)
    assert {"2024-05-01T10:00:00Z", "2024-05-01T10:00:00.000Z", "2024-05-01T10:00:00+00:00",
            "2024-05-01T18:00:00+08:00", "2024-05-01T05:00:00-05:00"} == set(texts)
    assert {ref.parse_instant(text, None, SHANGHAI) for text in texts} == {MOMENT}


def test_gateway_platforms_write_china_time_without_offset() -> None:
    assert forms(MOMENT, TAOBAO) == ["2024-05-01T18:00:00"]
    local = Shape(types={"string"}, pattern=r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
    assert forms(MOMENT, TAOBAO, local) == ["2024-05-01 18:00:00"]


def test_a_fraction_is_written_in_milliseconds_in_every_form() -> None:
    moved = MOMENT.replace(microsecond=250000)
    texts = forms(moved, SHOPIFY)
    assert "2024-05-01T10:00:00.250Z" in texts
    assert "2024-05-01T18:00:00.250+08:00" in texts
    assert {ref.parse_instant(text, None, SHANGHAI) for text in texts} == {moved}


class _Rules:
    """The two things ``vary_instants`` asks of a mapping's rules."""

    name = "orders"
    version_field = "updated_at"
    state_machines: ClassVar[dict[str, object]] = {}

    def key(self, payload: dict[str, object]) -> str:
        return str(payload["id"])

    def instant(self, payload: dict[str, object]) -> datetime | None:
        return ref.parse_instant(str(payload["updated_at"]), None, SHANGHAI)

    def order_key(self, payload: dict[str, object]) -> tuple[object, ...]:
        instant = self.instant(payload)
        return (instant.timestamp() if instant else 0.0, payload["id"],
                json.dumps(payload, sort_keys=True, separators=(",", ":")))


def _history(*stamps: str) -> list[Event]:
    return [Event.make(f"e{n}", "orders/updated", {"id": 1, "updated_at": stamp, "n": n},
                       "orders") for n, stamp in enumerate(stamps)]


def _varied(stamps: tuple[str, ...], seed: int) -> list[str]:
    events = _history(*stamps)
    vary_instants(events, {"orders": _Rules()}, {"orders": None},  # type: ignore[dict-item]
                  SHOPIFY, random.Random(seed))
    return [str(e.payload["updated_at"]) for e in events]


def test_a_tie_is_sometimes_written_alike_and_sometimes_in_another_form_never_moved() -> None:
    tie = ("2024-05-01T18:00:00+08:00", "2024-05-01T18:00:00+08:00")
    seen = {tuple(_varied(tie, seed)) for seed in range(40)}
    later = {texts[1] for texts in seen}
    assert tie[1] in later
    assert len(later) > 2
    rules = _Rules()
    for texts in seen:
        assert {rules.instant({"updated_at": t}) for t in texts} == {MOMENT}


def test_a_later_version_moves_below_the_second_or_ties_and_stays_in_order() -> None:
    stamps = ("2024-05-01T10:00:00Z", "2024-05-01T10:00:02Z", "2024-05-01T10:00:03Z")
    rules = _Rules()
    moved = 0
    for seed in range(40):
        texts = _varied(stamps, seed)
        moments = [rules.instant({"updated_at": t}) for t in texts]
        assert moments == sorted(moments)  # the order is kept (a tie at most)
        assert moments[0] == MOMENT
        if moments[1] is not None and MOMENT < moments[1] < MOMENT.replace(second=1):
            moved += 1
    assert moved
    tied = [texts for texts in (_varied(stamps, seed) for seed in range(40))
            if rules.instant({"updated_at": texts[1]}) == MOMENT]
    assert any(texts[1] == texts[0] for texts in tied)  # the same text
    assert any(texts[1] != texts[0] for texts in tied)  # another form


def test_a_last_version_whose_tie_break_loses_is_moved_into_the_earlier_second() -> None:
    # A comparison at whole seconds (fractions cut) then ties the two versions and takes the
    # earlier one, whose payload sorts after: the final state shows it. Otherwise the move stays
    # as rare as for any other pair.
    rules = _Rules()

    def moved(reversed_payloads: bool) -> int:
        count = 0
        for seed in range(40):
            events = _history("2024-05-01T10:00:00Z", "2024-05-01T10:00:02Z")
            if reversed_payloads:
                events[0].payload["n"], events[1].payload["n"] = 1, 0
            vary_instants(events, {"orders": rules}, {"orders": None},  # type: ignore[dict-item]
                          SHOPIFY, random.Random(seed))
            later = rules.instant(events[1].payload)
            assert later is not None
            assert later >= MOMENT  # the order is kept (or a tie)
            count += MOMENT < later < MOMENT.replace(second=1)
        return count

    assert moved(reversed_payloads=True) > 25
    assert moved(reversed_payloads=False) < 20


def test_a_timestamp_moved_later_is_written_in_its_own_form() -> None:
    from datetime import timedelta

    from seamguard.sync.instants import later_by

    minute = timedelta(seconds=60)
    assert later_by("2024-07-10T02:00:05Z", minute) == "2024-07-10T02:01:05Z"
    assert later_by("2024-07-10T02:00:05.250Z", minute) == "2024-07-10T02:01:05.250Z"
    assert later_by("2024-07-10T10:00:05+08:00", minute) == "2024-07-10T10:01:05+08:00"
    assert later_by("2024-07-09T21:00:05.999-05:00", minute) == "2024-07-09T21:01:05.999-05:00"
    assert later_by("2024-07-10T10:00:05", minute) == "2024-07-10T10:01:05"
    assert later_by("2024-07-10 10:00:05", minute) == "2024-07-10 10:01:05"


def test_in_some_scripts_the_platform_clock_runs_ahead_keeping_order_and_forms() -> None:
    from seamguard.sync.clock import START
    from seamguard.sync.instants import SKEWS, skew_source_clock

    rules = _Rules()
    stamps = ("2024-07-10T02:00:00Z", "2024-07-10T10:00:00.250+08:00", "2024-07-10T10:00:02")
    skewed = 0
    for seed in range(40):
        events = _history(*stamps)
        skew = skew_source_clock(events, {"orders": rules},  # type: ignore[dict-item]
                                 random.Random(seed))
        texts = [str(e.payload["updated_at"]) for e in events]
        moments = [rules.instant({"updated_at": t}) for t in texts]
        drawn = [rules.instant({"updated_at": t}) for t in stamps]
        if not skew:
            assert texts == list(stamps)
            continue
        skewed += 1
        assert skew in SKEWS
        assert all(m is not None and m > START for m in moments)  # ahead of the system's clock
        assert [(m - d).total_seconds() for m, d in zip(moments, drawn, strict=True)
                if m is not None and d is not None] == [skew] * 3
        assert texts[0].endswith("Z")
        assert texts[1].endswith(".250+08:00")
        assert texts[2].count(":") == 2  # local time, still without offset
    assert 4 < skewed < 20
