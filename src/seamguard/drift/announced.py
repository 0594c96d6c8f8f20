"""What an upstream announces in its answers' headers about its own lifetime and version.

- ``drift.deprecated`` (warning): an answer carries ``Deprecation`` (RFC 9745: ``@<epoch
  seconds>``; older drafts ``true`` or an HTTP date) or ``Sunset`` (RFC 8594, an HTTP date), or
  a ``Link`` with ``rel="deprecation"`` / ``rel="sunset"``: the operation is going away, and
  the finding names when, so the move to its successor can be planned before it breaks.
- ``drift.version-mismatch`` (error): the answer is in another API version than the one asked
  for — a request header naming a version (``X-Api-Version``, ``Stripe-Version``, ...) answered
  under the same name with another value, or a ``*-Api-Version`` answer header other than the
  contract version put in ``base_url`` (Shopify serves its oldest supported version, saying so
  in ``X-Shopify-API-Version``, when the one asked for has been retired). The contract compared
  then describes another API than the one that answered.
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from seamguard.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from seamguard.drift.live import FetchOutcome

__all__ = ["ANNOUNCED_CODES", "announced"]

DEPRECATED_CODE = "drift.deprecated"
VERSION_CODE = "drift.version-mismatch"
ANNOUNCED_CODES = frozenset({DEPRECATED_CODE, VERSION_CODE})


def announced(outcomes: Iterable[FetchOutcome], platform: str, version: str, *,
              path_version: bool) -> list[Finding]:
    """One finding per request label and kind, from the answers' headers.

    Args:
        outcomes: The night's outcomes.
        platform: The platform's name.
        version: The contract version asked for.
        path_version: True when ``base_url`` carries ``{version}`` (the version is asked for
            in the URL, so an ``*-Api-Version`` answer header is compared with it).
    """
    deprecated: dict[str, tuple[str, int]] = {}
    versions: dict[str, tuple[str, str, str]] = {}
    for outcome in outcomes:
        response = outcome.response
        if response is None:
            continue
        label = outcome.request.label
        said = _lifetime(response.headers)
        if said and label not in deprecated:
            deprecated[label] = (said, response.status_code)
        mismatch = _version(outcome, version, path_version)
        if mismatch and label not in versions:
            versions[label] = mismatch
    where = {label: Location(platform=platform, version=version, operation=label)
             for label in {*deprecated, *versions}}
    findings = [Finding(
        code=DEPRECATED_CODE, severity=Severity.WARNING, check="drift",
        message=f"{label} is deprecated by {platform}: its answer says {said}",
        expected="no Deprecation or Sunset header", actual=said, location=where[label],
        hint="move the integration to the successor the platform names (its changelog, the "
             "Link header) before the sunset date; add the new version under contracts/")
        for label, (said, _) in deprecated.items()]
    findings.extend(Finding(
        code=VERSION_CODE, severity=Severity.ERROR, check="drift",
        message=f"{label} asked for API version {asked!r} but {platform} answered in "
                f"{got!r} ({header}): the answers were compared with a contract of another "
                "version than the one that served them",
        expected={header: asked}, actual={header: got}, location=where[label],
        hint="the version asked for may be retired: add the served version's contract under "
             "contracts/ and move the integration to it")
        for label, (header, asked, got) in versions.items())
    return findings


def _lifetime(headers: object) -> str | None:
    """What ``Deprecation``/``Sunset`` headers (or their ``Link`` relations) say, or None."""
    get = getattr(headers, "get", None)
    if get is None:
        return None
    parts: list[str] = []
    deprecation = (get("deprecation") or "").strip()
    if deprecation and deprecation.lower() != "false":
        when = _date(deprecation)
        parts.append(f"Deprecation: {deprecation[:64]}" + (f" (since {when})" if when else ""))
    sunset = (get("sunset") or "").strip()
    if sunset:
        when = _date(sunset)
        parts.append(f"Sunset: {sunset[:64]}" + (f" (removed from {when})" if when else ""))
    link = get("link") or ""
    for relation in ("deprecation", "sunset"):
        if f'rel="{relation}"' in link.lower() or f"rel={relation}" in link.lower():
            parts.append(f'a Link with rel="{relation}"')
    return "; ".join(parts) or None


def _date(value: str) -> str | None:
    """The day an RFC 9745 ``@epoch`` or an HTTP date names (YYYY-MM-DD), or None."""
    text = value.strip()
    if text.startswith("@") and text[1:].lstrip("-").isdigit():
        try:
            return datetime.fromtimestamp(int(text[1:]), UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat()


def _version(outcome: FetchOutcome, version: str,
             path_version: bool) -> tuple[str, str, str] | None:
    """(header, asked, answered) when the answer is in another version than asked for."""
    response = outcome.response
    if response is None:
        return None
    for name, asked in outcome.request.headers.items():
        if "version" not in name.lower():
            continue
        got = response.headers.get(name)
        if got is not None and got.strip() and got.strip() != asked.strip():
            return name, asked.strip(), got.strip()[:64]
    if path_version:
        sent = {name.lower() for name in outcome.request.headers}
        for name, got in response.headers.items():
            if (name.lower().endswith("api-version") and name.lower() not in sent
                    and _other(got.strip(), version)):
                return name, version, got.strip()[:64]
    return None


def _other(got: str, version: str) -> bool:
    """Is ``got`` another version of the same form as ``version`` (``2023-10`` for
    ``2024-07``)? A header of another form (``1.0`` for ``v1``) proves nothing."""
    a, b = got.lower().removeprefix("v"), version.lower().removeprefix("v")
    shape = str.maketrans("0123456789", "9999999999")
    return bool(a) and a != b and a.translate(shape) == b.translate(shape)
