"""Date and time transforms; zones are IANA names read with ``zoneinfo``."""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from seamguard.errors import UsageError
from seamguard.mapping import reference_data as ref
from seamguard.mapping.transforms.core import TransformError, must, shown, transform


def _prepare_datetime(params: dict[str, Any]) -> dict[str, Any]:
    pattern = params.get("format")
    return {**params, "_zone": ref.zone_info(params.get("tz", "UTC")),
            "_pattern": ref.strptime_format(pattern) if pattern else None}


@transform("datetime_utc", accepts=["string"], returns="string", returns_format="date-time",
           idempotent=True, prepare=_prepare_datetime, max_length=27)
def datetime_utc(value: str, format: str | None = None, tz: str = "UTC", *,
                 _zone: tzinfo | None = None, _pattern: str | None = None) -> str:
    """Date-time -> ISO-8601 UTC: ``2024-07-14 11:20:05`` in Asia/Shanghai -> ``…03:20:05Z``.

    Reads ISO-8601 or ``format``, a Java-style (``yyyy-MM-dd HH:mm:ss``, see
    ``reference_data.strptime_format``) or strptime pattern, as local time in ``tz`` if there is
    no offset. ISO-8601 with offset is always read, so the transform is idempotent. The output
    has seconds, or milli/microseconds if the input had a fraction.
    """
    zone = _zone or ref.zone_info(tz)
    pattern = _pattern if _pattern is not None or not format else ref.strptime_format(format)
    wanted = "ISO-8601" if pattern is None else f"{format!r} or ISO-8601 with offset"
    return ref.iso_utc(must(ref.parse_instant(ref.folded(value), pattern, zone),
                             f"a date-time in {wanted}", value))


@transform("date_only", accepts=["string"], returns="string", returns_format="date",
           idempotent=True, max_length=10)
def date_only(value: str) -> str:
    """Date-time with offset -> its UTC date ``YYYY-MM-DD``; a date stays as it is.

    A date-time without offset fails: its date depends on a zone (``datetime_utc`` first).
    """
    return must(ref.utc_date(ref.folded(value)), "an ISO-8601 date, or date-time with offset",
                 value)


# What Chinese carriers and open platforms write: SF Express ``sendStartTm``, TOP ``timestamp``.
LOCAL_FORMAT = "yyyy-MM-dd HH:mm:ss"
_FRACTION = re.compile(r"'[^']*'|(S+)")


def _prepare_local(params: dict[str, Any]) -> dict[str, Any]:
    java = params.get("format", LOCAL_FORMAT)
    pattern = ref.strptime_format(java)
    if "%z" in pattern or "%Z" in pattern:
        raise UsageError(f"format {java!r} writes an offset or zone, and datetime_local writes "
                         "wall-clock time without one",
                         hint="drop the offset letters (X, Z, %z), or use datetime_utc for an "
                              "instant with its offset")
    return {**params, "_zone": ref.zone_info(params["tz"]), "_pattern": pattern}


def _fraction_digits(java: str) -> int:
    """How many fraction digits ``SSS`` asks for (6 for a strptime ``%f``)."""
    if "%" in java:
        return 6
    runs = [match.group(1) for match in _FRACTION.finditer(java) if match.group(1)]
    return len(runs[0]) if runs else 6


@transform("datetime_local", accepts=["string"], returns="string", idempotent=True,
           prepare=_prepare_local)
def datetime_local(value: str, tz: str, format: str = LOCAL_FORMAT, *,
                   _zone: tzinfo | None = None, _pattern: str | None = None) -> str:
    """Instant -> wall-clock text in ``tz``, no offset: ``…03:20:05Z`` -> ``2024-07-14 11:20:05``.

    The pair of ``datetime_utc``: it reads ISO-8601 with an offset (what ``datetime_utc``
    writes) and writes it in ``format`` (``yyyy-MM-dd HH:mm:ss`` unless given) as the clock in
    ``tz`` shows it, daylight saving included. Text already in ``format`` is local time in
    ``tz`` and comes out unchanged, so the transform is idempotent; ISO-8601 without an offset
    fails, as its zone is unknown.
    """
    zone = _zone or ref.zone_info(tz)
    pattern = _pattern or ref.strptime_format(format)
    moment = must(ref.parse_instant(ref.folded(value), pattern, zone),
                  f"ISO-8601 with an offset, or a date-time in {format!r}", value)
    try:
        local = moment.astimezone(zone)
    except OverflowError:  # the zone's offset pushes it out of years 1-9999
        raise TransformError(f"expected a date-time in years 1-9999 in {tz}, got {shown(value)}"
                             ) from None
    if "%f" in pattern:
        digits = f"{local.microsecond:06d}"[:_fraction_digits(format)]
        pattern = pattern.replace("%f", digits)
    return local.strftime(pattern)
