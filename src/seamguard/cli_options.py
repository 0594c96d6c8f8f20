"""The options every check command takes: levels, output formats, folders, baseline, --only."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from seamguard.cli_paths import path_parser


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


# oasdiff's and schemathesis' spellings of the levels are accepted too (`--fail-on ERR`).
_LEVEL_ALIASES = {"err": "error", "warn": "warning"}
_LEVEL_RANK = {"error": 0, "warning": 1, "info": 2}


def _parse_level(value: str | FailOn) -> FailOn:
    if isinstance(value, FailOn):
        return value
    word = value.strip().lower()
    try:
        return FailOn(_LEVEL_ALIASES.get(word, word))
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not one of error, warning, info (oasdiff's ERR, WARN, INFO work "
            "too)") from None


def _parse_format(value: str | Format) -> Format:
    if isinstance(value, Format):
        return value
    try:
        return Format(value.strip().lower())
    except ValueError:
        html = (" (report.html is always written to the reports folder, beside report.json, "
                "junit.xml and summary.md)" if value.strip().lower() == "html" else "")
        raise typer.BadParameter(
            f"{value!r} is not one of text, json, markdown{html}") from None


_LEVELS = "<error|warning|info>"
ProjectOpt = Annotated[
    Path | None,
    typer.Option("--project", "-p",
                 help="Project folder (default: nearest with \\[tool.seamguard]).",
                 parser=path_parser(file_okay=False), metavar="DIR"),
]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option("--fail-on", parser=_parse_level, metavar=_LEVELS,
                 help="Lowest severity that fails the run (default from settings)."),
]
FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", parser=_parse_format, metavar="<text|json|markdown>",
    help="What to print on stdout (the report files are always written).")]
ReportsOpt = Annotated[
    Path | None, typer.Option("--reports", help="Folder for report files (default: reports/).",
                              parser=path_parser(), metavar="DIR")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
BaselineOpt = Annotated[
    Path | None,
    typer.Option("--baseline", help="Accepted findings (seamguard baseline save): they are "
                                    "shown but do not fail; new ones do (default: settings "
                                    "baseline).", parser=path_parser(dir_okay=False),
                 metavar="FILE"),
]
PlatformArg = Annotated[str, typer.Argument(help="A platform from \\[tool.seamguard.platforms].")]
OnlyOpt = Annotated[
    list[str] | None,
    typer.Option("--only", metavar="KIND=NAME",
                 help="Run only this platform, suite, dataset or reconciliation (repeatable), "
                      "e.g. --only suite=hubspot_deals --only platform=shopify."),
]
