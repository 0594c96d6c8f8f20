"""Ignore files: known changes or findings someone accepted, with a reason and an expiry.

One format serves ``contract diff --ignore FILE`` and any report that wants a baseline::

    ignore:
      - id: response-property-enum-value-added     # rule id or finding code; glob allowed
        operation: "GET /orders*"                   # optional glob
        pointer: /orders/*/status                   # optional glob on the JSON pointer
        component: "#/components/schemas/Order*"   # optional glob on where the change lives
        reason: unknown statuses are mapped to "other"
        owner: integrations team                    # optional
        expires: 2026-03-31                         # last day the entry applies

Entries are :class:`seamguard.baseline.Acceptance` entries, the shape of a baseline file and of
the drift ignore rules of ``[tool.seamguard.drift]`` (a file with ``ignore:`` also works as
``--baseline``); an entry past its expiry no longer applies, and is listed so someone renews it
or fixes the cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from seamguard.baseline import Acceptance
from seamguard.errors import UsageError

__all__ = ["IgnoreEntry", "IgnoreFile", "load_ignore_file"]


# One accepted change or finding: an entry of the project's one acceptance format
# (seamguard.baseline), here with a required expiry.
IgnoreEntry = Acceptance


@dataclass(frozen=True)
class IgnoreFile:
    """The entries of one ignore file, split by whether they still apply on ``today``."""

    path: str
    active: tuple[IgnoreEntry, ...]
    expired: tuple[IgnoreEntry, ...]

    def covers(self, rule_id: str, **where: str | None) -> IgnoreEntry | None:
        """The first active entry that covers the change, if any."""
        for entry in self.active:
            if entry.matches_change(rule_id, **where):
                return entry
        return None


_FIELDS = {"id", "code", "operation", "path", "pointer", "component", "reason", "owner",
           "expires"}


def load_ignore_file(path: Path, *, today: date | None = None,
                     display: str | None = None) -> IgnoreFile:
    """Read an ignore file (YAML or JSON).

    Raises:
        UsageError: the file cannot be read, or an entry lacks an id, a reason or an expiry
            (the message names the file, the line and the entry).
    """
    from seamguard.documents import LineLocator, load_document
    from seamguard.errors import DocumentError

    shown = display or str(path)
    try:
        document = load_document(path, display=shown)
    except DocumentError as exc:
        raise UsageError(exc.message, file=shown, line=exc.line, hint=exc.hint) from None
    except OSError as exc:
        raise UsageError(f"cannot read the ignore file: {exc.strerror}", file=shown,
                         hint="check the path given to --ignore") from None
    raw = document.get("ignore") if isinstance(document, dict) else document
    if not isinstance(raw, list):
        raise UsageError("an ignore file holds a list of entries under `ignore:`", file=shown,
                         line=1, hint="see docs/diff-rules.md for the format")
    locator = LineLocator(path)
    today = today or date.today()
    active: list[IgnoreEntry] = []
    expired: list[IgnoreEntry] = []
    for index, item in enumerate(raw):
        entry = _entry(item, f"/ignore/{index}" if isinstance(document, dict) else f"/{index}",
                       shown, locator)
        (expired if entry.expired(today) else active).append(entry)
    return IgnoreFile(shown, tuple(active), tuple(expired))


def _entry(item: Any, pointer: str, shown: str, locator: Any) -> IgnoreEntry:
    def fail(message: str, hint: str) -> UsageError:
        return UsageError(message, file=shown, line=locator.line_of(pointer), pointer=pointer,
                          hint=hint)

    if not isinstance(item, dict):
        raise fail("an ignore entry must be a mapping", "write `- id: ...` with reason and "
                                                        "expires")
    unknown = set(item) - _FIELDS
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(map(str, unknown)))} in an ignore entry",
                   f"known keys: {', '.join(sorted(_FIELDS))}")
    rule_id = item.get("id", item.get("code"))
    if not isinstance(rule_id, str) or not rule_id:
        raise fail("an ignore entry needs an `id` (rule id or finding code, glob allowed)",
                   "for example `id: response-property-enum-value-added`")
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise fail(f"the ignore entry for {rule_id} has no `reason`",
                   "say why the change is acceptable, so the next reader can judge it")
    expires = item.get("expires")
    if isinstance(expires, str):
        try:
            expires = date.fromisoformat(expires)
        except ValueError:
            expires = None
    if not isinstance(expires, date):
        raise fail(f"the ignore entry for {rule_id} needs `expires` as a date (YYYY-MM-DD)",
                   "an accepted change is accepted until a day someone looks again")
    values = {}
    for key in ("operation", "pointer", "component", "owner"):
        value = item.get(key, item.get("path") if key == "pointer" else None)
        if value is not None and not isinstance(value, str):
            raise fail(f"`{key}` of the ignore entry for {rule_id} must be text",
                       "quote it in YAML")
        values[key] = value
    return Acceptance(code=rule_id, reason=reason, expires=expires,
                      operation=values["operation"], pointer=values["pointer"],
                      component=values["component"], owner=values["owner"])
