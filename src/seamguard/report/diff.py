"""Renderers for ``seamguard contract diff``: JSON for machines, Markdown for a PR, plain text.

Each reads a :class:`~seamguard.contracts.diff_groups.DiffReport`: one entry per distinct change,
with the operations that reach it counted and a few named.
"""

from __future__ import annotations

import json

from seamguard.contracts.diff_catalog import LEVELS
from seamguard.contracts.diff_groups import NAMED_OPERATIONS, ChangeGroup, DiffReport

__all__ = ["render_diff_githubactions", "render_diff_json", "render_diff_markdown",
           "render_diff_text", "render_diff_yaml"]

MAX_ROWS = 100
_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}  # noqa: RUF001


def render_diff_json(report: DiffReport) -> str:
    """``{"base", "revision", "counts", "changes": [...], ...}``, errors first.

    Args:
        report: the grouped changes.

    Returns:
        Indented JSON with a trailing newline.
    """
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_diff_yaml(report: DiffReport) -> str:
    """The JSON report's content as YAML (oasdiff's ``--format yaml``)."""
    import yaml

    return str(yaml.safe_dump(report.to_dict(), sort_keys=False, allow_unicode=True))


_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str, *, prop: bool = False) -> str:
    """GitHub workflow-command escaping (``%``, CR, LF; ``:`` and ``,`` in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_diff_githubactions(report: DiffReport) -> str:
    """One GitHub Actions annotation a change (oasdiff's ``--format githubactions``):
    ``::error title=<rule id>::<operation> <where>: <change>`` (info is a ``notice``)."""
    lines = []
    for group in report.groups:
        where, tail = _where(group)
        lines.append(f"::{_COMMAND.get(group.level, 'notice')} "
                     f"title={_escape(group.id, prop=True)}::"
                     f"{_escape(f'{where}: {group.message}{tail}')}")
    return "".join(f"{line}\n" for line in lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _reach(group: ChangeGroup) -> str:
    operations = group.operations
    if len(operations) <= 1:
        return operations[0] if operations else "(document)"
    named = ", ".join(operations[:NAMED_OPERATIONS])
    more = len(operations) - NAMED_OPERATIONS
    return f"{len(operations)} operations: {named}" + (f", … {more} more" if more > 0 else "")


def render_diff_markdown(report: DiffReport) -> str:
    """A PR-comment summary naming both sides: counts by level and a table of the changes.

    Args:
        report: the grouped changes.

    Returns:
        Markdown text ending in a newline.
    """
    counts = report.counts()
    lines = [
        f"## seamguard contract diff: `{report.base}` → `{report.revision}`",
        "",
        ", ".join(f"{counts[level]} {level}(s)" for level in LEVELS)
        + (f"; {len(report.ignored)} ignored" if report.ignored else "")
        + (f"; {report.hidden} below {report.shown_level} not shown" if report.hidden else ""),
        "",
    ]
    if not report.groups:
        lines.append(f"No changes at {report.shown_level} or above." if report.hidden
                     else "No changes.")
    else:
        lines += ["| level | id | where | change | operations |", "|---|---|---|---|---|"]
        for group in report.groups[:MAX_ROWS]:
            where = group.component or group.first.path
            lines.append(
                f"| {_ICON.get(group.level, '')} {group.level} | `{group.id}` "
                f"| `{_cell(where)}` | {_cell(group.message)} | {_cell(_reach(group))} |")
        if len(report.groups) > MAX_ROWS:
            # A PR comment has a size limit; the JSON report holds the rest.
            lines += ["", f"… and {len(report.groups) - MAX_ROWS} more; see the JSON report."]
    lines += _expired(report)
    return "\n".join(lines) + "\n"


def _expired(report: DiffReport) -> list[str]:
    return [f"ignore entry for {e.id} expired on {e.expires} ({e.reason}): its changes are "
            "reported again" for e in report.expired]


def render_diff_text(report: DiffReport) -> str:
    """One line per change: ``level id operation path: message [+ N more operations]``.

    Args:
        report: the grouped changes.

    Returns:
        Plain text, one change a line; ``no changes`` when there is none.
    """
    lines = []
    for group in report.groups:
        where, tail = _where(group)
        lines.append(f"{group.level} {group.id} {where}: {group.message}{tail}")
    if not lines:
        lines.append(f"no changes at {report.shown_level} or above" if report.hidden
                     else "no changes")
    if report.hidden:
        lines.append(f"{report.hidden} change(s) below {report.shown_level} not shown (--level)")
    if report.ignored:
        entries = len({id(entry) for _, entry in report.ignored})
        lines.append(f"{len(report.ignored)} change(s) ignored by {entries} ignore entries")
    lines += _expired(report)
    return "".join(f"{line}\n" for line in lines)


def _where(group: ChangeGroup) -> tuple[str, str]:
    """Where a group of changes is (its first operation and path), and how many more
    operations it stands for."""
    first = group.first
    more = len(group.operations) - 1
    tail = f" (and {more} more operation{'s' if more > 1 else ''})" if more > 0 else ""
    return f"{first.operation} {first.path}".strip(), tail
