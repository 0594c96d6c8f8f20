"""Renderers for ``seamguard contract diff``: JSON for machines, Markdown for a PR, plain text."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from seamguard.contracts.diff import LEVELS, Change

__all__ = ["render_diff_json", "render_diff_markdown", "render_diff_text"]

MAX_ROWS = 100
_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}  # noqa: RUF001


def _ordered(changes: Iterable[Change]) -> list[Change]:
    return sorted(changes, key=lambda change: change.sort_key)


def render_diff_json(changes: Iterable[Change]) -> str:
    """``{"changes": [...]}``, errors first, then by operation and path.

    Args:
        changes: the changes ``diff_contracts`` found.

    Returns:
        Indented JSON with a trailing newline.
    """
    payload = {"changes": [change.to_dict() for change in _ordered(changes)]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_diff_markdown(changes: Iterable[Change], base_label: str, revision_label: str) -> str:
    """A PR-comment summary: counts by level and a table of the changes.

    Args:
        changes: the changes ``diff_contracts`` found.
        base_label: how to name the base version, e.g. ``"shopify@2024-04"``.
        revision_label: how to name the revision.

    Returns:
        Markdown text ending in a newline.
    """
    ordered = _ordered(changes)
    counts = Counter(change.level for change in ordered)
    lines = [
        f"## seamguard contract diff: `{base_label}` → `{revision_label}`",
        "",
        ", ".join(f"{counts[level]} {level}(s)" for level in LEVELS),
        "",
    ]
    if not ordered:
        lines.append("No changes.")
        return "\n".join(lines) + "\n"
    lines += ["| level | id | operation | where | change |", "|---|---|---|---|---|"]
    for change in ordered[:MAX_ROWS]:
        lines.append(
            f"| {_ICON.get(change.level, '')} {change.level} | `{change.id}` "
            f"| {_cell(change.operation)} | `{_cell(change.path)}` | {_cell(change.message)} |"
        )
    if len(ordered) > MAX_ROWS:
        # A PR comment has a size limit; the JSON report holds the rest.
        lines += ["", f"… and {len(ordered) - MAX_ROWS} more; see the JSON report."]
    return "\n".join(lines) + "\n"


def render_diff_text(changes: Iterable[Change]) -> str:
    """One line per change: ``level id operation path: message``.

    Args:
        changes: the changes ``diff_contracts`` found.

    Returns:
        Plain text, one change a line, ending in a newline when there is any.
    """
    lines = [
        f"{change.level} {change.id} {f'{change.operation} {change.path}'.strip()}: "
        f"{change.message}"
        for change in _ordered(changes)
    ]
    return "".join(f"{line}\n" for line in lines)
