"""Reporters: each renders a Report; ``write_reports`` writes the files every command leaves."""

from __future__ import annotations

from pathlib import Path

from seamguard.errors import UsageError
from seamguard.findings import Report
from seamguard.report.json_report import render_json
from seamguard.report.junit import render_junit
from seamguard.report.markdown import render_markdown

__all__ = ["REPORT_FILES", "prepare_folder", "write_reports"]

REPORT_FILES = ("report.json", "junit.xml", "summary.md")


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


def write_reports(report: Report, folder: Path, *, fail_on: str) -> list[Path]:
    """Write report.json, junit.xml and summary.md into ``folder`` (created if needed)."""
    prepare_folder(folder, source="the reports folder")
    written = []
    for name, text in (
        ("report.json", render_json(report, fail_on=fail_on)),
        ("junit.xml", render_junit(report, fail_on=fail_on)),
        ("summary.md", render_markdown(report, fail_on=fail_on)),
    ):
        path = folder / name
        try:
            # A file name with undecodable bytes reaches a report as a lone surrogate: escaped.
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}",
                             hint="check that the reports folder is writable and the disk has "
                                  "room") from None
        written.append(path)
    return written
