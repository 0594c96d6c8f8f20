"""Stability levels, deprecation and sunset dates: the lifecycle rules of ``contract diff``.

An operation (or a property) may say how settled it is with ``x-stability-level``: ``draft``,
``alpha``, ``beta`` or ``stable`` (none written is ``stable``). Changes to an operation below
the policy's stability threshold (``beta`` by default: draft and alpha operations may still
change at will) are reported at info, saying why; its stability itself is always compared, and
lowering it is an error (``api-stability-decreased``). A value outside the four is
``api-invalid-stability-level``.

A deprecated operation or parameter (``deprecated: true``) may name the day it goes away with
``x-sunset`` (an RFC 3339 date or date-time). With a deprecation period (days for beta and
for stable, none for draft and alpha), a deprecation must name a sunset at least that far
away; a sunset must not be dropped or moved closer than the period allows; and whatever the
period, removing something before its sunset is an error. Without a period these rules only
judge what the spec promised (removal before the sunset, a sunset dropped, a date that is no
date). Ids follow oasdiff's catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

__all__ = ["STABILITY_LEVELS", "LifecyclePolicy", "SunsetError", "removal_rule", "stability_of",
           "sunset_of", "version_policy"]

STABILITY_LEVELS = ("draft", "alpha", "beta", "stable")
_RANK = {label: rank for rank, label in enumerate(STABILITY_LEVELS)}


def _today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class LifecyclePolicy:
    """How the lifecycle rules judge a change.

    Attributes:
        stability_level: operations below this level (by their revision's
            ``x-stability-level``) may change freely: their changes are reported at info.
        deprecation_days_beta: the fewest days between deprecating a beta operation (or its
            parameter or property) and its sunset; 0 asks for no sunset.
        deprecation_days_stable: the same for stable ones (and those without a level).
        today: the day the sunset dates are judged against (UTC today by default).
        versioning: hold a breaking change against ``info.version`` (semver's major step);
            off by default, as many published specs never move their version.
    """

    stability_level: str = "beta"
    deprecation_days_beta: int = 0
    deprecation_days_stable: int = 0
    today: date = field(default_factory=_today)
    versioning: bool = False

    def days_for(self, stability: str) -> int:
        """The deprecation period of an operation at ``stability`` (draft/alpha have none)."""
        if stability == "beta":
            return self.deprecation_days_beta
        if stability in ("draft", "alpha"):
            return 0
        return self.deprecation_days_stable

    def below(self, stability: str) -> bool:
        """``stability`` is below the threshold: breaking changes are allowed there."""
        return _RANK.get(stability, _RANK["stable"]) < _RANK.get(self.stability_level, 2)


def stability_of(node: Any) -> tuple[str, str | None]:
    """(the stability label, ``stable`` when none is written; an error text when the value is
    not one of the four)."""
    if not isinstance(node, dict) or node.get("x-stability-level") is None:
        return "stable", None
    value = node["x-stability-level"]
    if isinstance(value, str) and value in _RANK:
        return value, None
    return "stable", (f"x-stability-level {value!r} is not one of "
                      f"{', '.join(STABILITY_LEVELS)}")


def rank(stability: str) -> int:
    """The order of a stability label (draft 0 … stable 3)."""
    return _RANK.get(stability, _RANK["stable"])


class SunsetError(ValueError):
    """An ``x-sunset`` that is no RFC 3339 date or date-time."""


def sunset_of(node: Any) -> date | None:
    """The ``x-sunset`` day of ``node``, None when it has none.

    Raises:
        SunsetError: the value is no date (YAML may hand over a date already parsed).
    """
    if not isinstance(node, dict) or "x-sunset" not in node:
        return None
    value = node["x-sunset"]
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")
                                          ).date()
        except ValueError:
            pass
    raise SunsetError(f"x-sunset {value!r} is not an RFC 3339 date (YYYY-MM-DD or a date-time)")


def removal_rule(node: Any, stem: str, policy: LifecyclePolicy) -> tuple[str, str]:
    """(rule id, note) for removing a deprecatable ``node`` (an operation or parameter).

    ``stem`` names the id family: ``api-path``/``api`` for operations,
    ``request-parameter`` for parameters.
    """
    param = stem == "request-parameter"
    if node.get("deprecated") is not True:
        return ((f"{stem}-removed" if param else f"{stem}-removed-without-deprecation"),
                " without being deprecated first")
    try:
        sunset = sunset_of(node)
    except SunsetError as error:
        return ("request-parameter-sunset-parse" if param else "api-path-sunset-parse",
                f" (it was deprecated, but {error})")
    if sunset is not None and policy.today < sunset:
        return f"{stem}-removed-before-sunset", f" before its sunset {sunset.isoformat()}"
    shown = f", sunset {sunset.isoformat()}" if sunset is not None else ""
    return f"{stem}-removed-with-deprecation", f" (it was deprecated{shown})"


def deprecation_rule(node: Any, kind: str, days: int, policy: LifecyclePolicy,
                     plain: str) -> tuple[str, str]:
    """(rule id, note) for ``node`` newly deprecated; ``kind`` prefixes the ids
    (``api``, ``request-parameter``, ``request-property``, ``response-property``) and
    ``plain`` is the id of a deprecation the policy has nothing to say about."""
    prop = kind.endswith("-property")
    try:
        sunset = sunset_of(node)
    except SunsetError as error:
        rule = (f"{kind}-deprecated-sunset-invalid" if prop else f"{kind}-sunset-parse"
                if kind != "api" else "api-deprecated-sunset-parse")
        return rule, f": {error}"
    if sunset is None:
        if days > 0:
            return (f"{kind}-deprecated-sunset-missing",
                    f" without an x-sunset, but the deprecation period is {days} days")
        return plain, ""
    left = (sunset - policy.today).days
    if left < days:
        return (f"{kind}-sunset-date-too-small",
                f" with sunset {sunset.isoformat()}, {left} days away; the deprecation period "
                f"is {days} days")
    with_sunset = {"api": "endpoint-deprecated-with-sunset",
                   "request-parameter": plain}.get(kind, f"{kind}-deprecated-with-sunset")
    return with_sunset, f" (sunset {sunset.isoformat()})"


def sunset_change(old: Any, new: Any, kind: str, days: int,
                  policy: LifecyclePolicy) -> tuple[str, str] | None:
    """(rule id, message) when a still-deprecated ``new`` dropped or moved its sunset closer
    than the period allows; ``kind`` is ``api`` or ``request-parameter``."""
    if not isinstance(new, dict) or new.get("deprecated") is not True:
        return None
    had, has = isinstance(old, dict) and "x-sunset" in old, "x-sunset" in new
    if had and not has:
        return ("sunset-deleted" if kind == "api" else f"{kind}-sunset-deleted",
                "x-sunset removed while still deprecated")
    if not had or not has or old.get("x-sunset") == new.get("x-sunset"):
        return None
    parse = "api-path-sunset-parse" if kind == "api" else f"{kind}-sunset-parse"
    try:
        before, after = sunset_of(old), sunset_of(new)
    except SunsetError as error:
        return parse, str(error)
    if before is None or after is None or not after < before:
        return None
    left = (after - policy.today).days
    if left < days:
        return (f"{kind}-sunset-date-changed-too-small",
                f"x-sunset moved from {before.isoformat()} to {after.isoformat()}, {left} days "
                f"away; the deprecation period is {days} days")
    return None


_SEMVER = re.compile(r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                     r"(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")


def version_policy(base: Any, revision: Any) -> tuple[str, str] | None:
    """(rule id, message) when a version pair that carries a breaking change breaks semver's
    promise: the version stayed, went down, or did not move its major (its minor below 1.0.0).
    Versions that are no semver (dates, ``v1``) are not judged."""
    old, new = (_SEMVER.match(str(v).strip()) if isinstance(v, str | int | float) else None
                for v in (base, revision))
    if old is None or new is None:
        return None
    a = tuple(int(x) for x in old.groups())
    b = tuple(int(x) for x in new.groups())
    if str(base).strip() == str(revision).strip():
        return "api-version-not-bumped", f"info.version {base} kept across a breaking change"
    if b <= a:
        return ("api-version-decreased",
                f"info.version {base} → {revision} went down across a breaking change")
    major_moved = b[1] > a[1] if a[0] == 0 and b[0] == 0 else b[0] > a[0]
    if not major_moved:
        return ("api-major-version-not-bumped",
                f"info.version {base} → {revision} carries a breaking change without a major "
                "version step")
    return None
