"""A ``report.json`` read back (by ``seamguard baseline save``): every finding checked for the
shape the JSON reporter writes, so a file edited by hand or cut short is placed by its JSON
pointer and line, never reported in Python's words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seamguard.errors import UsageError
from seamguard.findings import Finding, Severity

__all__ = ["report_findings"]

_HINT = "run a seamguard command first (it writes reports/report.json), or pass the report file"
_SEVERITIES = ", ".join(s.value for s in Severity)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


def _fail(source: Path, pointer: str, message: str) -> UsageError:
    from seamguard.documents import LineLocator

    try:
        line = LineLocator(source).line_of(pointer)
    except (OSError, ValueError):
        line = None
    return UsageError(f"cannot read the run's findings: {message}", file=str(source), line=line,
                      pointer=pointer, hint=_HINT)


def _finding(item: Any, source: Path, pointer: str) -> Finding:
    if not isinstance(item, dict):
        raise _fail(source, pointer, f"expected a finding (an object), found {_kind(item)}")
    for key in ("code", "severity", "check"):
        if not isinstance(item.get(key), str):
            found = "nothing" if key not in item else _kind(item[key])
            raise _fail(source, f"{pointer}/{key}", f"expected `{key}` as a string, found "
                                                     f"{found}")
    if item["severity"] not in {s.value for s in Severity}:
        raise _fail(source, f"{pointer}/severity", f"severity {item['severity']!r} is not one "
                                                   f"of {_SEVERITIES}")
    location = item.get("location")
    if location is not None and not isinstance(location, dict):
        raise _fail(source, f"{pointer}/location", f"expected an object, found "
                                                   f"{_kind(location)}")
    reproduce = item.get("reproduce", [])
    if not isinstance(reproduce, list):
        raise _fail(source, f"{pointer}/reproduce", f"expected a list, found {_kind(reproduce)}")
    try:
        return Finding.from_dict(item)
    except (TypeError, ValueError) as exc:
        raise _fail(source, pointer, f"not a finding of this seamguard ({exc})") from None


def report_findings(data: Any, source: Path) -> list[Finding]:
    """The findings (accepted ones too) of a report read from ``source``."""
    if not isinstance(data, dict):
        raise _fail(source, "/", f"expected a seamguard report (an object with `findings`), "
                                 f"found {_kind(data)}")
    found = []
    for key in ("findings", "accepted"):
        items = data.get(key, [])
        if key == "findings" and key not in data:
            raise _fail(source, "/findings", "the report has no `findings`")
        if not isinstance(items, list):
            raise _fail(source, f"/{key}", f"expected a list of findings, found {_kind(items)}")
        found += [_finding(item, source, f"/{key}/{index}") for index, item in enumerate(items)]
    checks = data.get("checks", [])
    if not isinstance(checks, list) or not all(isinstance(c, dict) for c in checks):
        raise _fail(source, "/checks", "expected a list of checks (objects)")
    return found
