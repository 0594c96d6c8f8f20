"""Date and time transforms; zones are IANA names read with ``zoneinfo``."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from seamguard.mapping import reference_data as ref
from seamguard.mapping.transforms.core import must, transform


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
