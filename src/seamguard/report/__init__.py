"""Reporters: each renders a Report; ``write_reports`` writes the files every command leaves.

Every file goes into one folder (``reports/``, or ``--reports DIR``): ``report.json``,
``junit.xml``, ``summary.md``, ``report.html``, and a ``<check>-summary.json`` of counts for each
check that keeps one (quality, reconcile).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from seamguard.errors import UsageError
from seamguard.findings import Report

__all__ = ["REPORT_FILES", "prepare_folder", "write_reports"]

REPORT_FILES = ("report.json", "junit.xml", "summary.md", "report.html")


def prepare_folder(folder: Path, *, source: str, file: str | None = None,
                   line: int | None = None) -> None:
    """Create ``folder`` for report files now, before any check runs, or say why it cannot be.

    ``source`` names where the folder came from (``--reports``, the ``reports`` setting), so the
    error points there.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{source} names {folder}, which is a file, where a folder was expected",
                         file=file, line=line,
                         hint="point it at a folder (it is created if missing)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{source}: cannot create the folder {folder}: "
                         f"{exc.strerror or exc}", file=file, line=line,
                         hint="check that every part of the path is a folder you may write "
                              "to") from None


def write_reports(report: Report, folder: Path, *, fail_on: str,
                  project_root: Path | None = None, editor_url: str | None = None) -> list[Path]:
    """Write every report file into ``folder`` (created if needed).

    Args:
        report: the run's report.
        folder: where the files go.
        fail_on: the failing threshold, as the run used it.
        project_root: the project folder, so the HTML report links findings to their files
            relative to itself (default: the report's ``project``).
        editor_url: an editor link template for the HTML report (settings ``editor_url``).

    Returns:
        The files written, report.json first.
    """
    from seamguard.report.html import render_html
    from seamguard.report.json_report import render_json
    from seamguard.report.junit import render_junit
    from seamguard.report.markdown import render_markdown

    prepare_folder(folder, source="the reports folder")
    root = project_root if project_root is not None else Path(report.project)
    written = []
    for name, text in (
        ("report.json", render_json(report, fail_on=fail_on)),
        ("junit.xml", render_junit(report, fail_on=fail_on)),
        ("summary.md", render_markdown(report, fail_on=fail_on)),
        ("report.html", render_html(report, fail_on=fail_on, folder=folder, project_root=root,
                                    editor_url=editor_url)),
    ):
        path = folder / name
        # A file name with undecodable bytes reaches a report as a lone surrogate: escaped.
        _write(path, text.encode("utf-8", errors="backslashreplace"))
        written.append(path)
    extra: dict[str, object] = {}
    for check, results in report.results.items():
        # Files a check hands over (probe's saved failures), and its counts.
        extra.update((results.get("files") or {}) if isinstance(results, dict) else {})
        if isinstance(results, dict) and "summary" in results:
            extra[f"{check}-summary.json"] = results["summary"]
    for relative, content in extra.items():
        path = folder / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot write the report file: {exc.strerror or exc}",
                             file=str(path), hint=_WRITE_HINT) from None
        _write(path, (json.dumps(content, indent=2, ensure_ascii=False, default=str)
                      + "\n").encode("utf-8", errors="backslashreplace"))
        written.append(path)
    return written


_WRITE_HINT = "check that the reports folder is writable and the disk has room"


def _write(path: Path, data: bytes) -> None:
    """Write one report file whole, or say why not: a FIFO, a device or a socket in its place
    is refused (writing to a FIFO nobody reads would wait for ever; to a device, lose the
    report)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:  # a link loop, a name too long
        raise UsageError(f"cannot write the report file: {exc.strerror or exc}",
                         file=str(path), hint=_WRITE_HINT) from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) \
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"
        raise UsageError(f"cannot write the report file: it is {kind}", file=str(path),
                         hint="remove it, or point --reports / the reports setting at another "
                              "folder")
    try:
        # O_NONBLOCK: should a FIFO appear after the check, opening it fails instead of waiting
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK, 0o666)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except OSError as exc:
        raise UsageError(f"cannot write the report file: {exc.strerror or exc}",
                         file=str(path), hint=_WRITE_HINT) from None
