"""The ``seamguard`` command: a thin face over the runner.

Exit codes: 0 clean; 1 findings at or above ``--fail-on``; 2 the project or the command is invalid
(the message names the file, line or JSON path, and a hint). No traceback unless ``--debug``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from seamguard import help_screen
from seamguard.checks import CHECK_ALL
from seamguard.cli_paths import path_parser
from seamguard.errors import SeamguardError

if TYPE_CHECKING:  # rich is imported when something is printed, not to start a command
    from rich.console import Console
    from rich.progress import Progress

__all__ = ["app", "main"]

help_screen.install()  # help screens and usage errors without rich's Markdown and Traceback

app = typer.Typer(
    name="seamguard",
    cls=help_screen.Group,
    help="Contract, mapping, sync and data-quality checks for CRM / shop / carrier integrations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _group(name: str, help_text: str) -> typer.Typer:
    group = typer.Typer(cls=help_screen.Group, help=help_text, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


contract_app = _group("contract", "Work with the OpenAPI contracts.")
map_app = _group("map", "Work with the field-mapping specs.")
drift_app = _group("drift", "Find upstream drift and what it breaks.")
sync_app = _group("sync", "Test the sync's idempotency and conflict rules.")
suites_app = _group("suites", "Work with the expectation suites of synced datasets.")
privacy_app = _group("privacy", "Find and remove personal data and secrets in project files.")
baseline_app = _group("baseline", "Accept known findings so that only new ones fail.")

# Help texts are rich markup: a literal "[" is written "\\["
# (tests/integration/test_rough_edges.py).

def _console(*, stderr: bool = False) -> Console:
    """A console; in CI logs (no terminal) wide enough that file paths are not folded."""
    from rich.console import Console

    console = Console(stderr=stderr)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(stderr=stderr, width=160)
    return console


@cache
def _stdout() -> Console:
    return _console()


@cache
def _stderr() -> Console:
    return _console(stderr=True)


def escape(text: str) -> str:
    """``text`` shown literally in rich markup (a "[" is not a style)."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)


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


class _ProgressEvents:
    """Draws one progress bar per check on stderr while it runs (only on a terminal)."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._tasks: dict[str, Any] = {}

    def check_started(self, check: str, title: str) -> None:
        if self._progress is not None:
            self._tasks[check] = self._progress.add_task(title, total=None, item="")

    def progress(self, check: str, done: int, total: int, label: str) -> None:
        if self._progress is not None and check in self._tasks:
            self._progress.update(self._tasks[check], completed=done, total=total, item=label)

    def check_finished(self, check: str, findings: int) -> None:
        if self._progress is not None and check in self._tasks:
            self._progress.remove_task(self._tasks.pop(check))


def _run(
    command: str,
    checks: list[str],
    project_dir: Path | None,
    fail_on: FailOn | None,
    output: Format,
    reports: Path | None,
    options: dict[str, Any] | None = None,
    only: list[str] | None = None,
    baseline: Path | None = None,
) -> int:
    from seamguard.project import find_project
    from seamguard.report import prepare_folder, write_reports
    from seamguard.report.json_report import render_json
    from seamguard.report.markdown import render_markdown
    from seamguard.report.terminal import render_terminal
    from seamguard.runner import exit_code, run_checks

    project = find_project(project_dir, explicit=project_dir is not None)
    threshold = (fail_on.value if fail_on else None) or project.settings.fail_on
    if only:
        from seamguard.checks import parse_only

        options = {**(options or {}), "only": parse_only(project, only, checks, command)}
    folder = reports if reports is not None else project.reports_dir
    # Before the checks run: a long run must not end in "cannot write the reports".
    if reports is not None:
        prepare_folder(folder, source="--reports")
    else:
        prepare_folder(folder, source=f"reports = {project.settings.reports!r}",
                       file=project.relative(project.pyproject),
                       line=project.setting_line("reports"))
    progress = None
    if output is Format.text and _stderr().is_terminal:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("[dim]{task.fields[item]}"),
                            console=_stderr(), transient=True)
    if progress is not None:
        with progress:
            report = run_checks(project, checks, command=command, options=options,
                                events=_ProgressEvents(progress))
    else:
        report = run_checks(project, checks, command=command, options=options)
    _apply_baseline(project, report, baseline, complete=not only)
    if report.alerts:
        from seamguard.alerts import dispatch

        report.extend(dispatch(project, report, folder))
    written = write_reports(report, folder, fail_on=threshold, project_root=project.root,
                            editor_url=project.settings.editor_url)
    if os.environ.get("GITHUB_ACTIONS") == "true" and output is Format.text:
        # Only beside text: JSON or Markdown on stdout is usually piped into a file.
        from seamguard.report.annotations import render_annotations

        sys.stdout.write(render_annotations(report))
    if output is Format.json:
        sys.stdout.write(render_json(report, fail_on=threshold))
    elif output is Format.markdown:
        sys.stdout.write(render_markdown(report, fail_on=threshold))
    else:
        render_terminal(_stdout(), report, fail_on=threshold)
        _stdout().print(f"[dim]reports: {escape(_shown_reports(project, written))}[/dim]",
                        highlight=False)
    return exit_code(report, threshold)


class _ReaderMayLeave:
    """Standard output whose reader may go away (`| head`): what it no longer reads is
    dropped, so the command ends with its own verdict, not a broken-pipe error."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return int(self._stream.write(text))
            except BrokenPipeError:
                self._leave()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._leave()

    def _leave(self) -> None:
        self._gone = True
        _silence_stdout()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that no later write or the flush at exit
    fails again on a reader that went away."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _shown_reports(project: Any, written: list[Path]) -> str:
    """The report files, a sub-folder of many (probe's replays) as one entry with a count."""
    folders: dict[Path, list[Path]] = {}
    for path in written:
        folders.setdefault(path.parent, []).append(path)
    top = min(folders, key=lambda folder: len(folder.parts)) if folders else None
    shown: list[str] = []
    for folder, paths in folders.items():
        if folder != top and len(paths) > 3:
            shown.append(f"{project.relative(folder)}/ ({len(paths)} files)")
        else:
            shown.extend(project.relative(path) for path in paths)
    return ", ".join(shown)


def _apply_baseline(project: Any, report: Any, given: Path | None, *, complete: bool) -> None:
    """Accept the findings of the baseline file (``--baseline``, else the settings)."""
    configured = project.settings.baseline
    path = given if given is not None else (project.root / configured if configured else None)
    if path is None:
        return
    from datetime import date

    from seamguard.baseline import apply_baseline, load_baseline

    source = project.relative(path)
    apply_baseline(report, load_baseline(path, display=source), today=date.today(),
                   source=source, complete=complete)


def _check_command(group: typer.Typer, name: str, checks: list[str], command: str,
                   doc: str) -> None:
    """Register a command that runs ``checks`` with the options every check command takes."""

    def run_command(
        project: ProjectOpt = None,
        fail_on: FailOnOpt = None,
        output: FormatOpt = Format.text,
        reports: ReportsOpt = None,
        only: OnlyOpt = None,
        baseline: BaselineOpt = None,
        debug: DebugOpt = False,
    ) -> None:
        _exit(lambda: _run(command, checks, project, fail_on, output, reports, only=only,
                           baseline=baseline), debug)

    run_command.__doc__ = doc
    group.command(name)(run_command)


_check_command(app, "check", CHECK_ALL, "check",
               "Run every check: contracts, mappings and their examples, recordings through both, "
               "sync properties, data-quality suites and reconciliations.")
_check_command(app, "verify", ["recorded"], "verify",
               "Check every recorded response (vcrpy cassettes) against its contract.")
_check_command(contract_app, "lint", ["contract"], "contract lint",
               "Check that each contract is valid OpenAPI 3.0/3.1 and free of known traps.")
_check_command(map_app, "lint", ["mapping"], "map lint",
               "Check each mapping against both contracts, statically, before any data flows.")
_check_command(drift_app, "run", ["drift.nightly"], "drift run",
               "The nightly job: fetch the live requests, record them scrubbed, compare with "
               "the contracts and report only what is new or worse.")
_check_command(drift_app, "observe", ["drift.observed"], "drift observe",
               "Profile recorded payloads field by field and compare with the contracts, with "
               "counts, confidence and the mappings each difference breaks.")
_check_command(app, "reconcile", ["reconcile"], "reconcile",
               "Reconcile each source extract with its synced target through the mapping: "
               "missing and extra keys, field differences, counts per status, money totals.")


@privacy_app.command("scan")
def privacy_scan(
    paths: Annotated[list[Path] | None, typer.Argument(
        parser=path_parser(),
        help="Files or folders (default: cassettes, fixtures/ and the file datasets).")] = None,
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Report personal data and secrets sitting in files (file:line, values masked); seamguard's
    own pseudonyms and masks are not findings. Exit 1 when anything is found."""
    options = {"privacy_paths": [str(p.resolve()) for p in paths]} if paths else {}
    _exit(lambda: _run("privacy scan", ["privacy"], project, fail_on, output, reports,
                       options), debug)


@privacy_app.command("scrub")
def privacy_scrub(
    paths: Annotated[list[Path], typer.Argument(
        parser=path_parser(), help="Cassettes, or folders of cassettes.")],
    project: ProjectOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report, write nothing.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Rewrite cassettes in place: personal data becomes pseudonyms, secrets are redacted.
    Scrubbing a scrubbed cassette changes nothing."""

    def run() -> int:
        from seamguard.errors import UsageError
        from seamguard.privacy.policy import PrivacyPolicy
        from seamguard.privacy.pseudonym import project_key
        from seamguard.privacy.scan import scrub_cassette
        from seamguard.project import find_project

        loaded = find_project(project, explicit=project is not None)
        policy = PrivacyPolicy.from_settings(loaded.settings.privacy)
        key = project_key(loaded)
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                found = sorted(p for p in path.rglob("*")
                               if p.is_file() and p.suffix in (".yaml", ".yml", ".json"))
                if not found:
                    raise UsageError(f"{path}: no cassettes (.yaml, .yml, .json) in this folder",
                                     hint="name the cassette files or the folder that holds them")
                files.extend(found)
            elif path.is_file():
                files.append(path)
            elif path.exists():
                raise UsageError(f"{path}: not a regular file or folder (a device, a pipe or a "
                                 "socket), so it cannot be a cassette")
            else:
                raise UsageError(f"no such file or folder: {path}")
        for path in files:
            result = scrub_cassette(path, policy=policy, key=key,
                                    display=loaded.relative(path), dry_run=dry_run,
                                    max_bytes=int(loaded.settings.max_document_mb * 1_048_576))
            counts = ", ".join(f"{n} {kind.value.replace('_', ' ')}"
                               for kind, n in sorted(result.counts.items()))
            notes = "; ".join(f"body replaced: {note}" for note in result.notes)
            state = ("would change" if dry_run else "scrubbed") if result.changed \
                else "unchanged"
            detail = "; ".join(part for part in (counts, notes) if part)
            shown = f"{loaded.relative(path)}: {state}" + (f" ({detail})" if detail else "")
            _stdout().print(shown, highlight=False)
        return 0

    _exit(run, debug)


class Engine(StrEnum):
    auto = "auto"
    compiled = "compiled"
    gx = "gx"


@app.command("quality")
def quality(
    project: ProjectOpt = None,
    engine: Annotated[Engine | None, typer.Option(
        "--engine", help="auto: compiled SQL, GX for the rest; gx: everything through GX.")] = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    only: OnlyOpt = None,
    baseline: BaselineOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Run every expectation suite in suites/ on its dataset (files, PostgreSQL, Spark)."""
    options = {"engine": engine.value} if engine is not None else {}
    _exit(lambda: _run("quality", ["quality"], project, fail_on, output, reports, options,
                       only=only, baseline=baseline), debug)


@suites_app.command("generate")
def suites_generate(
    datasets: Annotated[list[str] | None, typer.Argument(
        help="Datasets to generate for (default: every dataset with a mapping or contract).")]
    = None,
    project: ProjectOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show changes, write nothing.")]
    = False,
    debug: DebugOpt = False,
) -> None:
    """Derive expectations from the contracts and mappings; hand-written ones are kept."""

    def run() -> int:
        from seamguard.project import find_project
        from seamguard.quality.generate import write_suites

        loaded = find_project(project, explicit=project is not None)
        changes = write_suites(loaded, datasets or None, dry_run=dry_run)
        if not changes:
            _stdout().print("no suite to generate: no dataset under \\[tool.seamguard.datasets] "
                            "names a `mapping` or a `contract` (platform@version#/pointer of its "
                            "records); see docs/quality.md", highlight=False)
        for change in changes:
            state = "created" if change.created else (
                "updated" if change.added or change.removed else "unchanged")
            _stdout().print(f"[bold]{escape(loaded.relative(change.path))}[/bold] {state}: "
                            f"+{len(change.added)} -{len(change.removed)} generated, "
                            f"{change.kept_generated} kept, {change.hand_written} hand-written kept"
                            + (" (dry run)" if dry_run else ""), highlight=False)
            from rich.text import Text

            for line in change.added:
                _stdout().print(Text(f"  + {line}", style="green"))
            for line in change.removed:
                _stdout().print(Text(f"  - {line}", style="red"))
        return 0

    _exit(run, debug)


class ProbeMode(StrEnum):
    positive = "positive"
    negative = "negative"
    all = "all"


@app.command("probe")
def probe(
    ctx: typer.Context,
    platform: PlatformArg,
    version: Annotated[str | None, typer.Option(
        "--version", help="Contract version to probe with (default: the newest).")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", "--url", "-u", help="Probe this URL instead of the platform's base_url "
                                          "(e.g. a sandbox or a local service).")] = None,
    max_examples: Annotated[int, typer.Option(
        "--max-examples", "--hypothesis-max-examples", "-n", min=1,
        help="Generated requests per operation and phase.")] = 25,
    checks: Annotated[list[str] | None, typer.Option(
        "--checks", "-c", metavar="NAME[,NAME…]",
        help="Run only these schemathesis checks (not_a_server_error, status_code_conformance, "
             "content_type_conformance, response_schema_conformance, "
             "response_headers_conformance, …; default all).")] = None,
    exclude_checks: Annotated[list[str] | None, typer.Option(
        "--exclude-checks", metavar="NAME[,NAME…]", help="Leave these checks out.")] = None,
    header: Annotated[list[str] | None, typer.Option(
        "--header", "-H", metavar="'NAME: VALUE'",
        help="Send this header with every request (e.g. a token); its value never reaches "
             "a report or a saved replay.")] = None,
    include_path: Annotated[list[str] | None, typer.Option(
        "--include-path", metavar="PATH",
        help="Probe only operations with this path (as the contract writes it).")] = None,
    include_path_regex: Annotated[list[str] | None, typer.Option(
        "--include-path-regex", metavar="REGEX", help="... whose path matches this regex.")] = None,
    include_method: Annotated[list[str] | None, typer.Option(
        "--include-method", metavar="METHOD", help="... with this method.")] = None,
    include_operation_id: Annotated[list[str] | None, typer.Option(
        "--include-operation-id", metavar="ID", help="... with this operationId.")] = None,
    include_tag: Annotated[list[str] | None, typer.Option(
        "--include-tag", metavar="TAG", help="... with this tag.")] = None,
    include_name: Annotated[list[str] | None, typer.Option(
        "--include-name", metavar="NAME", help="... named so ('GET /orders/{id}').")] = None,
    exclude_path: Annotated[list[str] | None, typer.Option(
        "--exclude-path", metavar="PATH", help="Leave out operations with this path.")] = None,
    exclude_path_regex: Annotated[list[str] | None, typer.Option(
        "--exclude-path-regex", metavar="REGEX", help="... whose path matches this regex.")] = None,
    exclude_method: Annotated[list[str] | None, typer.Option(
        "--exclude-method", metavar="METHOD", help="... with this method.")] = None,
    exclude_operation_id: Annotated[list[str] | None, typer.Option(
        "--exclude-operation-id", metavar="ID", help="... with this operationId.")] = None,
    exclude_tag: Annotated[list[str] | None, typer.Option(
        "--exclude-tag", metavar="TAG", help="... with this tag.")] = None,
    exclude_name: Annotated[list[str] | None, typer.Option(
        "--exclude-name", metavar="NAME", help="... named so.")] = None,
    include_method_regex: Annotated[list[str] | None, typer.Option(
        "--include-method-regex", metavar="REGEX", help="Probe only operations whose method "
                                                        "matches this regex.")] = None,
    include_operation_id_regex: Annotated[list[str] | None, typer.Option(
        "--include-operation-id-regex", metavar="REGEX", help="... whose operationId matches "
                                                              "this regex.")] = None,
    include_tag_regex: Annotated[list[str] | None, typer.Option(
        "--include-tag-regex", metavar="REGEX", help="... with a tag matching this regex.")]
        = None,
    include_name_regex: Annotated[list[str] | None, typer.Option(
        "--include-name-regex", metavar="REGEX", help="... whose name matches this regex.")]
        = None,
    exclude_method_regex: Annotated[list[str] | None, typer.Option(
        "--exclude-method-regex", metavar="REGEX", help="Leave out operations whose method "
                                                        "matches this regex.")] = None,
    exclude_operation_id_regex: Annotated[list[str] | None, typer.Option(
        "--exclude-operation-id-regex", metavar="REGEX", help="... whose operationId matches "
                                                              "this regex.")] = None,
    exclude_tag_regex: Annotated[list[str] | None, typer.Option(
        "--exclude-tag-regex", metavar="REGEX", help="... with a tag matching this regex.")]
        = None,
    exclude_name_regex: Annotated[list[str] | None, typer.Option(
        "--exclude-name-regex", metavar="REGEX", help="... whose name matches this regex.")]
        = None,
    exclude_deprecated: Annotated[bool, typer.Option(
        "--exclude-deprecated", help="Leave out operations the contract marks deprecated.")]
        = False,
    auth: Annotated[str | None, typer.Option(
        "--auth", "-a", metavar="USER:PASS",
        help="Basic authentication for every request (masked like -H values).")] = None,
    phases: Annotated[str | None, typer.Option(
        "--phases", metavar="PHASE[,PHASE…]",
        help="schemathesis' test phases to run: examples, coverage, fuzzing, stateful "
             "(stateful needs --allow-unsafe; default: all that apply).")] = None,
    max_response_time: Annotated[float | None, typer.Option(
        "--max-response-time", min=0.001, metavar="SECONDS",
        help="Report answers slower than this (schemathesis' max_response_time check).")]
        = None,
    no_shrink: Annotated[bool, typer.Option(
        "--no-shrink", help="Do not shrink failing requests (faster, less readable).")]
        = False,
    allow_unsafe: Annotated[bool, typer.Option(
        "--allow-unsafe", help="Also send POST/PUT/PATCH/DELETE (never against production).")]
        = False,
    mode: Annotated[ProbeMode, typer.Option(
        "--mode", "-m", help="positive: valid requests; negative: invalid ones that must be "
                       "rejected; all: both.")] = ProbeMode.positive,
    seed: Annotated[int | None, typer.Option("--seed", help="Reproduce an earlier run.")] = None,
    replay: Annotated[str | None, typer.Option(
        "--replay", metavar="ID", help="Send one saved failure again (its id is printed with "
                                       "the failure) and check the answer.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", "--request-timeout", min=0.1,
                                           help="Seconds per request.")] = 10.0,
    max_time: Annotated[int | None, typer.Option(
        "--max-time", min=1, help="Keep fuzzing for this many seconds (default: one pass of "
                                  "--max-examples per operation).")] = None,
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    baseline: BaselineOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Probe a live API from its contract with schemathesis; failures become findings.

    Filters (--include-*, --exclude-*) take schemathesis' names and may be repeated: an operation is probed when it matches every --include kind given (any of its values) and no --exclude.
    """  # noqa: E501  (one line: rich keeps a docstring's line breaks in the help text)
    from seamguard.probe import ProbeOptions

    def pairs(**given: list[str] | None) -> tuple[tuple[str, str], ...]:
        return tuple((kind, value) for kind, values in given.items() for value in values or ())

    options = ProbeOptions(platform=platform, version=version, base_url=base_url,
                           max_examples=max_examples, allow_unsafe=allow_unsafe,
                           mode=mode.value, seed=seed, timeout=timeout, max_time=max_time,
                           replay=replay, replay_from=str(reports) if reports else None,
                           checks=tuple(checks or ()), exclude_checks=tuple(exclude_checks or ()),
                           headers=tuple(header or ()),
                           include=pairs(path=include_path, path_regex=include_path_regex,
                                         method=include_method, tag=include_tag,
                                         operation_id=include_operation_id, name=include_name,
                                         method_regex=include_method_regex,
                                         operation_id_regex=include_operation_id_regex,
                                         tag_regex=include_tag_regex,
                                         name_regex=include_name_regex),
                           exclude=pairs(path=exclude_path, path_regex=exclude_path_regex,
                                         method=exclude_method, tag=exclude_tag,
                                         operation_id=exclude_operation_id, name=exclude_name,
                                         method_regex=exclude_method_regex,
                                         operation_id_regex=exclude_operation_id_regex,
                                         tag_regex=exclude_tag_regex,
                                         name_regex=exclude_name_regex),
                           exclude_deprecated=exclude_deprecated, basic_auth=auth,
                           phases=phases, max_response_time=max_response_time,
                           no_shrink=no_shrink, given=_given(ctx, "max_examples", "mode",
                                                            "timeout", "seed", "max_time"))
    _exit(lambda: _run("probe", ["probe"], project, fail_on, output, reports,
                       options={"probe": options}, baseline=baseline), debug)


def _given(ctx: typer.Context, *names: str) -> frozenset[str]:
    """The parameters among ``names`` the command line set (not left at their default)."""
    sources = {name: ctx.get_parameter_source(name) for name in names}
    return frozenset(name for name, source in sources.items()
                     if source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT"))


class RecordMode(StrEnum):
    new = "new"
    all = "all"
    none = "none"
    once = "once"


@app.command("record")
def record(
    platform: PlatformArg,
    method: Annotated[str | None, typer.Argument(
        metavar="METHOD|OPERATION", help="GET, POST, ... (then PATH), or a gateway "
                                           "operation such as taobao.trades.sold.get.")] = None,
    path: Annotated[str | None, typer.Argument(
        metavar="PATH", help="Path after the platform's base_url, e.g. /orders.json.")] = None,
    params: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE",
        help="A query parameter (a gateway operation's business parameter); repeatable.")]
        = None,
    json_body: Annotated[str | None, typer.Option(
        "--json", metavar="JSON|@FILE", help="A JSON request body.")] = None,
    form: Annotated[list[str] | None, typer.Option(
        "--form", metavar="NAME=VALUE", help="A form body field; repeatable.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="A text request body.")] = None,
    headers: Annotated[list[str] | None, typer.Option(
        "--header", "-H", metavar="'NAME: VALUE'", help="A request header; repeatable.")]
        = None,
    name: Annotated[str | None, typer.Option("--name", help="A label for reports.")] = None,
    files: Annotated[list[Path] | None, typer.Option(
        "--from", metavar="FILE", parser=path_parser(dir_okay=False),
        help="A YAML list of requests (the shape of `live` entries, bodies allowed); "
             "repeatable.")] = None,
    live: Annotated[bool, typer.Option(
        "--live", help="Record the platform's `live` requests from the settings.")] = False,
    proxy: Annotated[str | None, typer.Option(
        "--proxy", metavar="HOST:PORT",
        help="Run a recording proxy there; point your client at it (Ctrl-C ends).")] = None,
    mode: Annotated[RecordMode, typer.Option(
        "--mode", help="new: keep what is recorded, add new requests; all: record everything "
                       "again; none: send nothing, fail on requests not recorded; once: all "
                       "for a new cassette, else none.")] = RecordMode.new,
    version: Annotated[str | None, typer.Option(
        "--version", help="Contract version (default: the newest).")] = None,
    cassette: Annotated[str | None, typer.Option(
        "--cassette", help="Cassette name under fixtures/cassettes/PLATFORM/ (default: the "
                           "version).")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="Send to this URL (a sandbox, a local copy) instead of base_url; "
                           "recorded under base_url.")] = None,
    allow_unsafe: Annotated[bool, typer.Option(
        "--allow-unsafe", help="Also send requests that may change data to a host that is not "
                               "a sandbox.")] = False,
    undocumented: Annotated[bool, typer.Option(
        "--undocumented", help="Record paths the contract does not document too.")] = False,
    stop_after: Annotated[int | None, typer.Option(
        "--stop-after", min=1, help="With --proxy: stop after this many requests.")] = None,
    project: Annotated[Path | None, typer.Option(
        "--project", help="Project folder (default: nearest with \\[tool.seamguard]).",
        parser=path_parser(file_okay=False), metavar="DIR")] = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Record requests (or a client's traffic, with --proxy) as scrubbed cassettes in
    fixtures/cassettes/PLATFORM/, with vcrpy's record modes."""
    from seamguard.record.plan import RecordOptions

    def announce(text: str) -> None:
        _stderr().print(escape(text), highlight=False, soft_wrap=True)

    options = RecordOptions(
        platform=platform, method=method, target=path, params=tuple(params or ()),
        json_body=json_body, form=tuple(form or ()), body=body, headers=tuple(headers or ()),
        name=name, files=tuple(files or ()), live=live, proxy=proxy, mode=mode.value,
        version=version, cassette=cassette, base_url=base_url, allow_unsafe=allow_unsafe,
        undocumented=undocumented, stop_after=stop_after, announce=announce)
    _exit(lambda: _run("record", ["record"], project, fail_on, output, reports,
                       options={"record": options}), debug)


@sync_app.command("test")
def sync_test(
    target: Annotated[str | None, typer.Option("--target", "-t",
                                               help="Only this sync target.")] = None,
    examples: Annotated[int | None, typer.Option(
        "--examples", "-n", min=1, help="Hypothesis examples per target (the budget).")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed, to replay a reported failure.")] = None,
    variant: Annotated[str | None, typer.Option(
        help="Run the target with this deliberately broken variant (its `{variant}`).")] = None,
    save_regressions: Annotated[bool, typer.Option(
        "--save-regressions", help="Write each failing script as a regression example, "
                                   "replayed first on every later run.")] = False,
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Deliver generated event histories to each sync target (duplicates, reordering, faults)
    and check every sync property against the reference model (docs/sync.md)."""
    options = {"target": target, "every_target": True, "examples": examples, "seed": seed,
               "variant": variant, "save_regressions": save_regressions}
    _exit(lambda: _run("sync test", ["sync"], project, fail_on, output, reports, options), debug)


class StabilityLevel(StrEnum):
    draft = "draft"
    alpha = "alpha"
    beta = "beta"
    stable = "stable"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@contract_app.command("diff")
def contract_diff(
    base: Annotated[str, typer.Argument(help="platform@version, or a path to an OpenAPI file.")],
    revision: Annotated[str, typer.Argument(help="platform@version, or a path.")],
    project: ProjectOpt = None,
    output: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.text,
    ignore: Annotated[Path | None, typer.Option(
        "--ignore", help="Ignore file: accepted changes with a reason and an expiry.",
        parser=path_parser(dir_okay=False), metavar="FILE")] = None,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", "-o", parser=_parse_level, metavar=_LEVELS,
        help="Lowest level that makes the exit code 1.")] = FailOn.error,
    level: Annotated[FailOn, typer.Option(
        "--level", parser=_parse_level, metavar=_LEVELS,
        help="List only changes at or above this level (oasdiff's `breaking` is --level WARN); "
             "the exit code still weighs every change.")] = FailOn.info,
    breaking_only: Annotated[bool, typer.Option(
        "--breaking-only", help="Same as --level warning: errors and warnings (oasdiff's "
                                "breaking and potentially breaking).")] = False,
    stability_level: Annotated[StabilityLevel, typer.Option(
        "--stability-level", help="Operations whose x-stability-level is below this may "
                                  "change freely: their changes are info.")
    ] = StabilityLevel.beta,
    deprecation_days_beta: Annotated[int, typer.Option(
        "--deprecation-days-beta", min=0, help="Fewest days from deprecating a beta operation, "
                                               "parameter or property to its x-sunset "
                                               "(0: no sunset required).")] = 0,
    deprecation_days_stable: Annotated[int, typer.Option(
        "--deprecation-days-stable", min=0, help="The same for stable ones (and those with "
                                                 "no x-stability-level).")] = 0,
    versioning: Annotated[bool, typer.Option(
        "--versioning", help="Hold a breaking change against info.version (semver: a major "
                             "step).")] = False,
    match_path: Annotated[str | None, typer.Option(
        "--match-path", metavar="REGEX", help="Compare only paths this regex finds in "
                                              "(oasdiff's --match-path).")] = None,
    unmatch_path: Annotated[str | None, typer.Option(
        "--unmatch-path", "-q", metavar="REGEX",
        help="Leave out paths this regex finds in.")] = None,
    include_path_params: Annotated[bool, typer.Option(
        "--include-path-params", help="Pair operations by path with path-parameter names "
                                      "(by default /pets/{id} pairs with /pets/{petId}).")
    ] = False,
    filter_extension: Annotated[str | None, typer.Option(
        "--filter-extension", metavar="REGEX", help="Leave out paths and operations with an "
                                                    "extension (x-...) this regex finds in, "
                                                    "on each side.")] = None,
    prefix_base: Annotated[str, typer.Option(
        "--prefix-base", metavar="PREFIX", help="Put this in front of the base's paths "
                                                "(after --strip-prefix-base).")] = "",
    prefix_revision: Annotated[str, typer.Option(
        "--prefix-revision", metavar="PREFIX", help="... of the revision's paths.")] = "",
    strip_prefix_base: Annotated[str, typer.Option(
        "--strip-prefix-base", metavar="PREFIX", help="Take this off the front of the base's "
                                                      "paths.")] = "",
    strip_prefix_revision: Annotated[str, typer.Option(
        "--strip-prefix-revision", metavar="PREFIX", help="... of the revision's "
                                                          "paths.")] = "",
    reports: ReportsOpt = None,
    baseline: BaselineOpt = None,
    debug: DebugOpt = False,
) -> None:
    """List every change between two versions of a contract, breaking ones first.

    Two files are diffed anywhere; platform@version names need a seamguard project. Inside a project, a response or webhook change a mapping reads is raised to error, as seamguard consumes platform responses. Exit code 1 when a change is at or above --fail-on.
    """  # noqa: E501  (one line: rich keeps a docstring's line breaks in the help text)

    def run() -> int:
        from seamguard.contracts.diff import diff_contracts
        from seamguard.contracts.diff_filters import compile_filter
        from seamguard.contracts.diff_groups import group_changes
        from seamguard.ignores import load_ignore_file
        from seamguard.report.diff import (
            render_diff_json,
            render_diff_markdown,
            render_diff_text,
        )

        paths = compile_filter(match_path, unmatch_path, filter_extension,
                               prefix_base=prefix_base, prefix_revision=prefix_revision,
                               strip_prefix_base=strip_prefix_base,
                               strip_prefix_revision=strip_prefix_revision)
        loaded = _optional_project(project, base, revision)
        old_path, new_path = _materialised(loaded, base, revision)
        old = paths.apply(_diff_side(loaded, base, old_path))
        new = paths.apply(_diff_side(loaded, revision, new_path), revision=True)
        consumed = None
        if loaded is not None:
            from seamguard.drift.impact import ImpactIndex

            impact = ImpactIndex.for_project(loaded)

            def consumed(operation: str, field: str) -> bool:
                return any(impact.reads(side.platform, side.version, operation, field)
                           for side in (old, new))

        ignores = load_ignore_file(ignore) if ignore is not None else None
        from seamguard.contracts.diff_lifecycle import LifecyclePolicy

        policy = LifecyclePolicy(stability_level=stability_level.value,
                                 deprecation_days_beta=deprecation_days_beta,
                                 deprecation_days_stable=deprecation_days_stable,
                                 versioning=versioning)
        changes = diff_contracts(old, new, consumed=consumed, policy=policy,
                                 include_path_params=include_path_params)
        if loaded is not None:
            changes = _diff_reports(loaded, changes, old, new, reports, baseline)
        elif baseline is not None or reports is not None:
            from seamguard.errors import UsageError

            raise UsageError("--baseline and --reports need a seamguard project",
                             hint="run inside the project, or pass --project DIR")
        report = group_changes(changes, base=_side_name(base, old), revision=_side_name(
            revision, new), ignores=ignores)
        failed = report.fails(fail_on.value)
        shown = FailOn.warning if breaking_only and level is FailOn.info else level
        if shown is not FailOn.info:
            from dataclasses import replace

            kept = [g for g in report.groups if _LEVEL_RANK[g.level] <= _LEVEL_RANK[shown]]
            report = replace(report, groups=kept, hidden=len(report.groups) - len(kept),
                             shown_level=shown.value)
        if output is DiffFormat.json:
            sys.stdout.write(render_diff_json(report))
        elif output is DiffFormat.markdown:
            sys.stdout.write(render_diff_markdown(report))
        else:
            sys.stdout.write(render_diff_text(report))
        return 1 if failed else 0

    _exit(run, debug)


@contract_app.command("history")
def contract_history(
    platform: Annotated[str, typer.Argument(help="Platform name (labels the changelog).")],
    specs: Annotated[list[str], typer.Argument(
        help="The spec's path inside --git DIR, or the spec versions as files, oldest first.")],
    git: Annotated[Path | None, typer.Option(
        "--git", help="Git repository whose commits of the spec file are the versions.",
        parser=path_parser(file_okay=False), metavar="DIR")] = None,
    limit: Annotated[int | None, typer.Option(
        "--max", min=2, help="Only the newest N versions.")] = None,
    output: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.text,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", parser=_parse_level, metavar=_LEVELS,
        help="Exit 1 when a step has a change at or above this level.")] = None,
    debug: DebugOpt = False,
) -> None:
    """Diff consecutive versions of a published spec into a changelog, breaking steps marked."""

    def run() -> int:
        import json

        from seamguard.contracts.history import (
            Version,
            git_versions,
            history,
            render_history_text,
            temporary_folder,
        )
        from seamguard.errors import UsageError
        from seamguard.report.diff import render_diff_markdown

        with temporary_folder() as folder:
            if git is not None:
                if len(specs) != 1:
                    raise UsageError("with --git, name one spec file (its path in the "
                                     "repository)", hint="seamguard contract history shop "
                                                         "openapi.yaml --git ../shop-api")
                versions = git_versions(git, specs[0], Path(folder), limit=limit)
            else:
                missing = [spec for spec in specs if not Path(spec).is_file()]
                if missing:
                    raise UsageError(f"not a file: {', '.join(missing)}",
                                     hint="pass the versions as files, or --git DIR")
                versions = [Version(Path(spec), spec) for spec in specs]
                versions = versions[-limit:] if limit else versions
            if len(versions) < 2:
                raise UsageError("a history needs at least two versions of the spec",
                                 hint="pass more files, or a spec with several commits")
            steps = list(history(versions, platform))
        if output is DiffFormat.json:
            sys.stdout.write(json.dumps({"platform": platform,
                                         "steps": [step.to_dict() for step in steps]},
                                        indent=2, ensure_ascii=False) + "\n")
        elif output is DiffFormat.markdown:
            sys.stdout.write(f"# {platform} spec history\n\n" + "\n".join(
                render_diff_markdown(step.report) for step in steps))
        else:
            sys.stdout.write(render_history_text(platform, steps))
        if fail_on is None:
            return 0
        return 1 if any(step.report.fails(fail_on.value) for step in steps) else 0

    _exit(run, debug)


def _optional_project(project: Path | None, *specs: str) -> Any:
    """The project, or None when every side is a file and no project is around."""
    from seamguard.errors import SettingsError
    from seamguard.project import find_project

    try:
        return find_project(project, explicit=project is not None)
    except SettingsError as exc:
        if project is not None and not project.is_dir():
            from seamguard.errors import UsageError

            raise UsageError(f"-p/--project {str(project)!r} is no folder",
                             hint="here -p names the project folder; oasdiff's -p REGEX is "
                                  "--match-path REGEX") from exc
        # Without a project only files can be diffed; a side that is neither a file nor a
        # platform@version name is a mistyped path, which the caller names.
        if project is not None or any(
                not Path(spec).is_file() and "@" in spec for spec in specs):
            raise
        return None


def _side_name(spec: str, side: Any) -> str:
    return spec if Path(spec).is_file() or side.version == spec else str(side.label)


def _diff_reports(project: Any, changes: list[Any], old: Any, new: Any, reports: Path | None,
                  baseline: Path | None) -> list[Any]:
    """Write the diff's report files; the changes the baseline does not accept."""
    from datetime import UTC, datetime

    from seamguard.contracts.diff import change_findings
    from seamguard.findings import CheckRun, Report
    from seamguard.report import write_reports

    findings = change_findings(changes, check="diff", prefix="diff", platform=new.platform,
                               version=new.version, file=new.docs.file_of(new.docs.entry_uri))
    report = Report(project=str(project.root), command="contract diff", findings=findings,
                    started_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    checks=[CheckRun("diff", f"{old.label} → {new.label}", len(changes))])
    report.cases["diff"] = list(dict.fromkeys(c.operation or "(document)" for c in changes))
    _apply_baseline(project, report, baseline, complete=True)
    folder = reports if reports is not None else project.reports_dir
    write_reports(report, folder, fail_on="error", project_root=project.root,
                  editor_url=project.settings.editor_url)
    accepted = {id(finding) for finding, _ in report.accepted}
    return [change for change, finding in zip(changes, findings, strict=True)
            if id(finding) not in accepted]


_COPIES: list[Any] = []  # temporary folders of diff sides; removed when the process ends


def _materialised(project: Any, *specs: str) -> list[Path | None]:
    """Temporary copies of the sides given as ``-``, a pipe or ``REV:PATH`` (None for others);
    they stay while the diff reads their ``$ref``s, which it does lazily."""
    import tempfile

    from seamguard.contracts.diff_sides import materialise
    from seamguard.documents import DEFAULT_MAX_BYTES

    max_bytes = (int(project.settings.max_document_mb * 1_048_576) if project is not None
                 else DEFAULT_MAX_BYTES)
    paths = []
    for spec in specs:
        folder = tempfile.TemporaryDirectory(prefix="seamguard-diff-")
        copy = materialise(spec, Path(folder.name), max_bytes=max_bytes)
        if copy is None:
            folder.cleanup()
        else:
            _COPIES.append(folder)
        paths.append(copy)
    return paths


def _diff_side(project: Any, spec: str, copy: Path | None = None) -> Any:
    """A contract named ``platform@version`` in the project, or read from a file path (or from
    ``copy``, the temporary copy of ``-``, a pipe or ``REV:PATH``)."""
    from seamguard.contracts.diff import load_spec
    from seamguard.errors import UsageError

    if copy is not None:  # REV:contracts/<platform>/<version>/openapi.yaml keeps its names
        inside = Path(spec.partition(":")[2] or spec)
        return load_spec(copy, platform=inside.parent.parent.name or "file", version=spec,
                         display=lambda p: spec if p == copy else str(p))
    path = Path(spec)
    display = project.relative if project is not None else str
    if path.is_file():
        return load_spec(path, platform=path.parent.parent.name or "file",
                         version=path.parent.name or spec, display=display)
    if project is None:
        raise UsageError(f"{spec!r} is not a file", hint="outside a seamguard project, "
                         "diff two OpenAPI files (a path, REV:PATH for a git revision, or - "
                         "for standard input); platform@version needs a project")
    platform, _, version = spec.partition("@")
    settings = project.settings.platforms.get(platform)
    if not version or settings is None or version not in settings.versions:
        known = [f"{p}@{v}" for p, s in project.settings.platforms.items() for v in s.versions]
        raise UsageError(f"{spec!r} is neither a file nor a configured platform@version",
                         hint=f"configured: {', '.join(known)}")
    return load_spec(project.contract_file(platform, version), platform=platform,
                     version=version, display=project.relative)


@map_app.command("test")
def map_test(
    strength: Annotated[bool, typer.Option(
        "--strength", help="Also mutate every rule and report the mutants the examples and "
                           "recorded records miss (docs/mapping-strength.md).")] = False,
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Run the golden input/output examples kept inside the mapping specs."""
    checks = ["mapping.examples", *(["mapping.strength"] if strength else [])]
    _exit(lambda: _run("map test", checks, project, fail_on, output, reports,
                       {"strength": strength}), debug)


@map_app.command("explain")
def map_explain(
    mapping: Annotated[str, typer.Argument(help="Mapping name (file stem) or path.")],
    record: Annotated[str, typer.Argument(
        help="A JSON file, - for standard input, or cassette.yaml#N for a recorded interaction.")],
    project: ProjectOpt = None,
    output: FormatOpt = Format.text,
    show_values: Annotated[bool, typer.Option(
        "--show-values", help="Show the record's values unmasked (your own record, your own "
                              "terminal); by default personal data is masked.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Trace one record through a mapping: source, raw value, each step, output, verdict."""

    def run() -> int:
        from seamguard.contracts.catalog import ContractCatalog
        from seamguard.mapping.explain import explain, find_mapping, read_record, to_json
        from seamguard.project import find_project

        loaded = find_project(project, explicit=project is not None)
        catalog = ContractCatalog(loaded)
        spec = find_mapping(loaded, mapping)
        data, label = read_record(loaded, spec, catalog, record)
        trace = explain(loaded, spec, data, catalog)
        trace["record"] = label
        if not show_values:
            from seamguard.mapping.explain import masked

            trace = masked(trace, loaded)
        if output is Format.json:
            sys.stdout.write(to_json(trace))
        else:
            _render_trace(trace)
        return 0 if trace["valid"] else 1

    _exit(run, debug)


def _render_trace(trace: dict[str, Any]) -> None:
    import json

    from rich.table import Table

    # Every value below comes from the user's record or spec: escaped, never read as markup.
    def show(value: Any) -> str:
        text = json.dumps(value, ensure_ascii=False, default=str)
        return escape(text if len(text) <= 60 else text[:59] + "…")

    table = Table(title=f"{escape(trace['mapping'])}: {escape(trace['source'])} → "
                        f"{escape(trace['target'])}  [dim]({escape(trace['record'])})[/dim]",
                  title_justify="left", expand=True)
    for column in ("target", "source", "raw", "steps", "output", "verdict"):
        table.add_column(column, overflow="fold")
    for field in trace["fields"]:
        steps = "\n".join(f"{escape(s['step'])} → {show(s['value'])}" for s in field["steps"])
        if field["error"]:
            steps += f"\n[red]{escape(field['error'])}[/red]"
        verdict = "[green]ok[/green]" if field["verdict"] == "ok" else (
            "[red]" + escape("\n".join(field["violations"] or ["invalid"])) + "[/red]")
        table.add_row(escape(field["target"]),
                      escape(", ".join(field["sources"])) or "(constant)",
                      show(field["raw"]), steps, show(field["output"]), verdict)
    _stdout().print(table)
    for problem in trace["problems"]:
        _stdout().print(f"[red]{problem['code']}[/red] {escape(problem['target'])}: "
                        f"{escape(problem['message'])}")
    _stdout().print("[bold green]valid[/bold green] target record" if trace["valid"] else
                    "[bold red]invalid[/bold red] target record")


@map_app.command("schema")
def map_schema() -> None:
    """Print the JSON Schema of mapping specs (for editor validation and completion)."""
    import json

    from seamguard.mapping.spec import MappingSpec

    sys.stdout.write(json.dumps(MappingSpec.model_json_schema(by_alias=True), indent=2) + "\n")


@map_app.command("transforms")
def map_transforms() -> None:
    """List the transforms a mapping can use."""
    from rich.table import Table

    from seamguard.mapping.transforms import TRANSFORMS, load_plugins

    load_plugins()
    table = Table("name", "takes", "gives", "idempotent", "what it does", expand=True)
    for spec in sorted(TRANSFORMS, key=lambda t: t.name):
        table.add_row(spec.name, " | ".join(sorted(spec.accepts)), spec.returns,
                      "yes" if spec.idempotent else "", spec.doc)
    _stdout().print(table)


@baseline_app.command("save")
def baseline_save(
    reason: Annotated[str, typer.Option("--reason", help="Why these findings are acceptable "
                                                         "(kept with each entry).")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", parser=path_parser(dir_okay=False), metavar="FILE",
        help="The baseline file (default: settings baseline, else seamguard-baseline.yaml).")]
        = None,
    report_file: Annotated[Path | None, typer.Option(
        "--report", parser=path_parser(dir_okay=False), metavar="FILE",
        help="The run to accept (default: reports/report.json).")]
        = None,
    min_severity: Annotated[FailOn, typer.Option(
        "--min-severity", help="Accept findings from this severity up.")] = FailOn.warning,
    expires: Annotated[str | None, typer.Option(
        "--expires", metavar="YYYY-MM-DD", help="Last day the new entries apply.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who accepts them.")] = None,
    project: ProjectOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Accept the findings of the last run (report.json): later runs with --baseline (or the
    `baseline` setting) show them without failing, fail on new ones and say which were fixed."""

    def run() -> int:
        from datetime import date

        from seamguard.baseline import load_baseline, save_baseline
        from seamguard.documents import load_document
        from seamguard.errors import DocumentError, UsageError
        from seamguard.findings import Finding, Severity
        from seamguard.project import find_project

        for option, value in (("--reason", reason), ("--owner", owner)):
            if value is not None and not value.strip():
                raise UsageError(f"{option} is empty: every accepted finding keeps it",
                                 hint=f'say it in words, e.g. {option} "'
                                      + ('known upstream bug, ticket 123"' if option == "--reason"
                                         else 'ops@example.cn"'))
        loaded = find_project(project, explicit=project is not None)
        source = report_file or loaded.reports_dir / "report.json"
        try:
            data = load_document(source, display=str(source))
            found = [Finding.from_dict(item) for item in
                     [*data["findings"], *data.get("accepted", [])]]
        except DocumentError as exc:
            raise UsageError(f"cannot read the run's findings: {exc.message}",
                             file=str(source), line=exc.line,
                             hint="run a seamguard command first") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UsageError(f"cannot read the run's findings: {exc}",
                             file=str(source), hint="run a seamguard command first") from None
        try:
            until = date.fromisoformat(expires) if expires else None
        except ValueError:
            raise UsageError(f"--expires {expires!r} is not a date", hint="e.g. 2027-01-31"
                             ) from None
        target = output or loaded.root / (loaded.settings.baseline or "seamguard-baseline.yaml")
        previous = load_baseline(target) if target.is_file() else None
        floor = Severity(min_severity.value)
        chosen = [f for f in found if f.severity >= floor and not f.code.startswith("baseline.")]
        ran = [str(check.get("id")) for check in data.get("checks", [])]
        baseline, added = save_baseline(target, chosen, reason=reason, previous=previous,
                                        owner=owner, expires=until, ran=ran)
        _stdout().print(f"{loaded.relative(target)}: {len(baseline.accept)} accepted "
                        f"({added} new) from {len(chosen)} finding(s) of "
                        f"{loaded.relative(source)}", highlight=False)
        if not loaded.settings.baseline and output is None:
            _stdout().print("use it with --baseline seamguard-baseline.yaml, or set "
                            "baseline = \"seamguard-baseline.yaml\" in \\[tool.seamguard]",
                            highlight=False)
        return 0

    _exit(run, debug)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(
        parser=path_parser(), help="Folder to create the project in.")] = Path(),
    debug: DebugOpt = False,
) -> None:
    """Create a new seamguard project (settings, folders, a starter contract) in a folder."""

    def scaffold() -> int:
        from seamguard.project import find_project
        from seamguard.scaffold import create_project

        created = create_project(directory)
        for path in created:
            _stdout().print(f"created {escape(str(path))}")
        try:
            adopted = {name: settings for name, settings in
                       find_project(directory, explicit=True).settings.platforms.items()
                       if name != "example"}
        except SeamguardError:  # the settings it wrote beside others' do not load: said later
            adopted = {}
        if adopted:
            name, settings = next(iter(adopted.items()))
            base = settings.base_url.rstrip("/")
            _stdout().print(
                f"next: `seamguard contract lint`, then record cassettes from the running API: "
                f"`seamguard record {escape(name)} GET /path` sends GET {escape(base)}/path — "
                "/path as the contract writes it, after base_url (pyproject.toml); "
                "`--base-url URL` sends elsewhere, URL's path included (docs/recording.md); "
                "then `seamguard check`", highlight=False)
        else:
            _stdout().print("next: put your contracts in "
                            "contracts/<platform>/<version>/openapi.yaml (or run init in a "
                            "folder that has them), record cassettes with `seamguard record "
                            "PLATFORM GET /path`, then run `seamguard check`", highlight=False)
        return 0

    _exit(scaffold, debug)


def _version_callback(value: bool) -> None:
    if value:
        from seamguard import __version__

        typer.echo(f"seamguard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback,
                                          is_eager=True, help="Show the version.")] = False,
) -> None:
    """seamguard: make integration failures loud, early and easy to debug."""
    _mask_logs_from_the_first_record()


_log_masking = False


def _mask_logs_from_the_first_record() -> None:
    """``privacy.guard.mask_logs``, installed when the first log record is made.

    This callback runs before the subcommand reads its options, so for ``seamguard check --help``
    too; importing the privacy package costs more than the help screen. Records are made by the
    log record factory, so installing the masking factory from inside it masks every record,
    the first included, exactly as installing it here would.
    """
    global _log_masking
    if _log_masking:
        return
    _log_masking = True
    import logging

    previous = logging.getLogRecordFactory()
    installed = False

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        nonlocal installed
        if installed:
            return previous(*args, **kwargs)
        installed = True
        from seamguard.privacy.guard import mask_logs

        mask_logs()  # wraps the factory in place now, which calls this one, now a pass-through
        return logging.getLogRecordFactory()(*args, **kwargs)

    logging.setLogRecordFactory(factory)


def _exit(action: Any, debug: bool) -> None:
    try:
        code = action()
    except SeamguardError as exc:
        if debug:
            raise
        # Messages quote settings such as [tool.seamguard]: never read them as markup.
        _stderr().print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False,
                        soft_wrap=True)
        raise typer.Exit(2) from None
    except (KeyboardInterrupt, typer.Exit):
        raise
    except BrokenPipeError:
        _silence_stdout()
        _stderr().print("[bold red]error:[/bold red] standard output was closed before the "
                        "output was written\n  hint: read the report files in the reports "
                        "folder, or let the reader take all of the output", highlight=False,
                        soft_wrap=True)
        raise typer.Exit(2) from None
    except OSError as exc:
        # A path from the settings, a $ref or an argument the system refuses to open (too
        # long, a link loop, no permission): the user's to fix, so it is named, not a crash.
        said = _PATH_PROBLEMS.get(exc.errno or 0)
        if debug or said is None or exc.filename is None:
            if debug:
                raise
            _internal_error(exc)
        reason, hint = said
        name = os.fsdecode(exc.filename)
        if len(name) > 4200:  # past any system's limit: the start and the end say which
            name, reason = f"{name[:2000]}…{name[-2000:]}", f"{reason} ({len(name)} characters)"
        _stderr().print(f"[bold red]error:[/bold red] {escape(name)}: {reason}\n"
                        f"  hint: {hint}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except Exception as exc:
        if debug:
            raise
        _internal_error(exc)
    raise typer.Exit(code)


_LONG = ("shorten the path in the setting, $ref or argument that names it (a name may have at "
         "most 255 bytes)")
_PATH_PROBLEMS = {
    errno.ENAMETOOLONG: ("file name too long", _LONG),
    errno.ELOOP: ("too many levels of symbolic links",
                  "a symbolic link on the path points back at itself: fix or remove it"),
    errno.EACCES: ("permission denied", "make the file (and its folders) readable, or writable "
                                        "for report and cassette folders"),
    errno.EPERM: ("operation not permitted", "check the file's permissions and owner"),
    errno.EROFS: ("read-only file system", "write the reports to a writable folder (--reports)"),
    errno.ENOSPC: ("no space left on the device", "free some space, or write elsewhere"),
}


def _internal_error(exc: BaseException) -> NoReturn:
    _stderr().print(
        f"[bold red]internal error:[/bold red] {type(exc).__name__}: "
        f"{escape(str(exc))}\n"
        "  hint: run again with --debug for the traceback, and report it with that output",
        highlight=False, soft_wrap=True,
    )
    raise typer.Exit(3) from None


def main() -> None:
    # Reports quote user data (Chinese names, file names with undecodable bytes): an ASCII or
    # non-UTF-8 terminal gets escapes instead of a UnicodeEncodeError. In JSON output a
    # backslash escape is a valid JSON escape, so the document stays valid.
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 -- for the whole process
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    sys.stdout = _ReaderMayLeave(sys.stdout)
    app()
