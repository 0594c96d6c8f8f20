"""Format shifts between nights: a field that kept one string format and now keeps another.

The contract often says only ``type: string`` for a phone or a date, so a platform that starts
sending ``8613812345678`` instead of ``+8613812345678`` breaks no schema — but it breaks the
phone normaliser downstream. The nightly job remembers, per operation and field, the dominant
format of the field when it was first seen (see ``HistoryStore.formats``) and reports
``drift.format-shifted`` whenever tonight's dominant format differs from that baseline.

Only clear formats count: at least ``MIN_VALUES`` string values, of which ``MIN_SHARE`` share
one format (``free text`` when none matches a known format). A field whose values are mixed has
no format to shift from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from seamguard.drift.history import FieldFormat, FormatKey
from seamguard.drift.observe import OperationProfile
from seamguard.findings import Finding, Location, Severity

__all__ = ["MIN_SHARE", "MIN_VALUES", "dominant_formats", "format_shifts"]

CHECK_ID = "drift"
MIN_VALUES = 5
MIN_SHARE = 0.9
FREE_TEXT = "free text"


def dominant_formats(profiles: Iterable[OperationProfile]) -> dict[FormatKey, FieldFormat]:
    """The clear dominant string format of each field of each operation, where there is one."""
    found: dict[FormatKey, FieldFormat] = {}
    for profile in profiles:
        for key, seen in _dominant(profile):
            found[key] = seen
    return found


def _dominant(profile: OperationProfile) -> Iterator[tuple[FormatKey, FieldFormat]]:
    for path, seen in profile.fields.items():
        if path.endswith("#"):
            continue  # the parent counters of objects, not fields
        strings = seen.types.get("string", 0)
        if strings < MIN_VALUES:
            continue
        formatted = sum(seen.formats.values())
        if formatted == 0:
            yield (profile.operation, path), FieldFormat(FREE_TEXT, 1.0, strings)
            continue
        name, count = seen.formats.most_common(1)[0]
        if count / strings >= MIN_SHARE:
            yield (profile.operation, path), FieldFormat(name, count / strings, strings)


def format_shifts(platform: str, baseline: Mapping[FormatKey, FieldFormat],
                  profiles: Iterable[OperationProfile]) -> Iterator[Finding]:
    """A ``drift.format-shifted`` finding for each field whose format left its baseline."""
    for profile in profiles:
        for key, now in _dominant(profile):
            before = baseline.get(key)
            if before is None or before.format == now.format:
                continue
            _, path = key
            since = f" on {before.first_seen:%Y-%m-%d}" if before.first_seen else ""
            yield Finding(
                code="drift.format-shifted", severity=Severity.WARNING, check=CHECK_ID,
                message=f"`{path}` changed format from {before.format} to {now.format}: "
                        f"{now.share:.0%} of {now.total:,} values tonight, where "
                        f"{before.share:.0%} of {before.total:,} were {before.format} when "
                        f"first seen{since}",
                expected=before.format,
                actual={"format": now.format, "hits": round(now.share * now.total),
                        "of": now.total},
                location=Location(platform=platform, version=profile.version,
                                  operation=profile.operation,
                                  pointer=path),
                hint="check the normalisers of the mappings that read it; once the new format "
                     "is handled, accept it with an ignore rule (owner, reason, expiry)")
