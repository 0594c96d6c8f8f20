"""`seamguard contract diff` and `contract history`: the sides, their report files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from seamguard.cli_app import _exit, contract_app
from seamguard.cli_diff_options import (
    BreakingOnlyOpt,
    DeprecationDaysBetaOpt,
    DeprecationDaysStableOpt,
    DiffFailOnOpt,
    DiffFormat,
    DiffFormatOpt,
    FilterExtensionOpt,
    IgnoreOpt,
    IncludePathParamsOpt,
    LevelOpt,
    MatchPathOpt,
    PrefixBaseOpt,
    PrefixRevisionOpt,
    StabilityLevel,
    StabilityLevelOpt,
    StripPrefixBaseOpt,
    StripPrefixRevisionOpt,
    UnmatchPathOpt,
    VersioningOpt,
    diff_options,
)
from seamguard.cli_options import BaselineOpt, DebugOpt, FailOn, ProjectOpt, ReportsOpt
from seamguard.cli_paths import path_parser
from seamguard.cli_run import _apply_baseline


@contract_app.command("diff")
def contract_diff(
    ctx: typer.Context,
    base: Annotated[str, typer.Argument(help="platform@version, or a path to an OpenAPI file.")],
    revision: Annotated[str, typer.Argument(help="platform@version, or a path.")],
    project: ProjectOpt = None,
    output: DiffFormatOpt = DiffFormat.text,
    ignore: IgnoreOpt = None,
    fail_on: DiffFailOnOpt = None,
    level: LevelOpt = FailOn.info,
    breaking_only: BreakingOnlyOpt = False,
    stability_level: StabilityLevelOpt = StabilityLevel.beta,
    deprecation_days_beta: DeprecationDaysBetaOpt = 0,
    deprecation_days_stable: DeprecationDaysStableOpt = 0,
    versioning: VersioningOpt = False,
    match_path: MatchPathOpt = None,
    unmatch_path: UnmatchPathOpt = None,
    include_path_params: IncludePathParamsOpt = False,
    filter_extension: FilterExtensionOpt = None,
    prefix_base: PrefixBaseOpt = "",
    prefix_revision: PrefixRevisionOpt = "",
    strip_prefix_base: StripPrefixBaseOpt = "",
    strip_prefix_revision: StripPrefixRevisionOpt = "",
    reports: ReportsOpt = None,
    baseline: BaselineOpt = None,
    debug: DebugOpt = False,
) -> None:
    """List every change between two versions of a contract, breaking ones first.

    Two files are diffed anywhere; platform@version names need a seamguard project. Inside a project, a response or webhook change a mapping reads is raised to error, as seamguard consumes platform responses. Exit code 1 when a change is at or above --fail-on. oasdiff's settings file in the working folder (oasdiff.yaml) sets what the command line does not.
    """  # noqa: E501  (one line: rich keeps a docstring's line breaks in the help text)
    given = dict(locals())

    def run() -> int:
        options = diff_options(ctx, given, "contract diff")
        from seamguard.contracts.diff import diff_contracts
        from seamguard.contracts.diff_groups import group_changes
        from seamguard.report.diff import (
            render_diff_githubactions,
            render_diff_json,
            render_diff_markdown,
            render_diff_text,
            render_diff_yaml,
        )

        paths = options.paths()
        loaded = _optional_project(project, base, revision)
        old_path, new_path = _materialised(loaded, base, revision)
        old = paths.apply(_diff_side(loaded, base, old_path))
        new = paths.apply(_diff_side(loaded, revision, new_path), revision=True)
        consumed = None
        if loaded is not None:
            from seamguard.drift.impact import ImpactIndex

            impact = ImpactIndex.for_project(loaded)

            def consumed(operation: str, field: str) -> str:
                return impact.describe_readers(
                    [(side.platform, side.version) for side in (old, new)], operation, field)

        ignores = options.ignores()
        changes = diff_contracts(old, new, consumed=consumed, policy=options.policy(),
                                 include_path_params=options.include_path_params)
        if loaded is not None:
            changes = _diff_reports(loaded, changes, old, new, reports, baseline)
        elif baseline is not None or reports is not None:
            from seamguard.errors import UsageError

            raise UsageError("--baseline and --reports need a seamguard project",
                             hint="run inside the project, or pass --project DIR")
        report = group_changes(changes, base=_side_name(base, old), revision=_side_name(
            revision, new), ignores=ignores)
        failed = report.fails((options.fail_on or FailOn.error).value)
        report = options.listed(report)
        if options.output is DiffFormat.json:
            sys.stdout.write(render_diff_json(report))
        elif options.output is DiffFormat.yaml:
            sys.stdout.write(render_diff_yaml(report))
        elif options.output is DiffFormat.githubactions:
            sys.stdout.write(render_diff_githubactions(report))
        elif options.output is DiffFormat.markdown:
            sys.stdout.write(render_diff_markdown(report))
        else:
            sys.stdout.write(render_diff_text(report))
        return 1 if failed else 0

    _exit(run, debug)


@contract_app.command("history")
def contract_history(
    ctx: typer.Context,
    platform: Annotated[str, typer.Argument(help="Platform name (labels the changelog).")],
    specs: Annotated[list[str], typer.Argument(
        help="The spec's path inside --git DIR, or the spec versions as files, oldest first.")],
    git: Annotated[Path | None, typer.Option(
        "--git", help="Git repository whose commits of the spec file are the versions.",
        parser=path_parser(file_okay=False), metavar="DIR")] = None,
    revisions: Annotated[str | None, typer.Option(
        "--range", metavar="REVISIONS", help="With --git: only the commits of this revision "
                                             "range, as git log takes it (v2.0..main; "
                                             "default: the history of HEAD).")] = None,
    limit: Annotated[int | None, typer.Option(
        "--max", min=2, help="Only the newest N versions.")] = None,
    output: DiffFormatOpt = DiffFormat.text,
    ignore: IgnoreOpt = None,
    fail_on: DiffFailOnOpt = None,
    level: LevelOpt = FailOn.info,
    breaking_only: BreakingOnlyOpt = False,
    stability_level: StabilityLevelOpt = StabilityLevel.beta,
    deprecation_days_beta: DeprecationDaysBetaOpt = 0,
    deprecation_days_stable: DeprecationDaysStableOpt = 0,
    versioning: VersioningOpt = False,
    match_path: MatchPathOpt = None,
    unmatch_path: UnmatchPathOpt = None,
    include_path_params: IncludePathParamsOpt = False,
    filter_extension: FilterExtensionOpt = None,
    prefix_base: PrefixBaseOpt = "",
    prefix_revision: PrefixRevisionOpt = "",
    strip_prefix_base: StripPrefixBaseOpt = "",
    strip_prefix_revision: StripPrefixRevisionOpt = "",
    debug: DebugOpt = False,
) -> None:
    """Diff consecutive versions of a published spec into a changelog, breaking steps marked.

    Each step is the contract diff the same options give; oasdiff's settings file in the working folder (oasdiff.yaml) sets what the command line does not.
    """  # noqa: E501  (one line: rich keeps a docstring's line breaks in the help text)
    given = dict(locals())

    def run() -> int:
        import json

        options = diff_options(ctx, given, "contract history")
        from seamguard.contracts.history import (
            Version,
            git_versions,
            history,
            render_history_text,
            temporary_folder,
        )
        from seamguard.errors import UsageError
        from seamguard.report.diff import render_diff_githubactions, render_diff_markdown

        if revisions is not None and git is None:
            raise UsageError("--range needs --git DIR: it picks commits of that repository",
                             hint="seamguard contract history shop openapi.yaml --git "
                                  "../shop-api --range v2.0..main")
        ignores = options.ignores()
        with temporary_folder() as folder:
            if git is not None:
                if len(specs) != 1:
                    raise UsageError("with --git, name one spec file (its path in the "
                                     "repository)", hint="seamguard contract history shop "
                                                         "openapi.yaml --git ../shop-api")
                versions = git_versions(git, specs[0], Path(folder), limit=limit,
                                        revisions=revisions, note=_note)
            else:
                missing = [spec for spec in specs if not Path(spec).is_file()]
                if missing:
                    raise UsageError(f"not a file: {', '.join(missing)}",
                                     hint="pass the versions as files, or --git DIR")
                versions = [Version(Path(spec), spec) for spec in specs]
                versions = versions[-limit:] if limit else versions
            if len(versions) < 2 and git is not None:
                span = f" in the range {revisions}" if revisions is not None else ""
                raise UsageError(
                    f"--git {git}: {specs[0]} has {len(versions)} commit{span}, and a history "
                    "needs two versions of the spec",
                    hint=("a range as git log takes it leaves out its start: begin it one "
                          "commit earlier (START~1..END) to compare with the start's version"
                          if revisions is not None else
                          "commit a second version of the spec, or pass the versions as files"))
            if len(versions) < 2:
                raise UsageError(f"a history needs at least two versions of the spec, got "
                                 f"{len(versions)}: {', '.join(specs)}",
                                 hint="pass more files, or a spec with several commits")
            steps = list(history(versions, platform, paths=options.paths(),
                                 policy=options.policy(),
                                 include_path_params=options.include_path_params,
                                 ignores=ignores))
        failed = options.fail_on is not None and any(
            step.report.fails(options.fail_on.value) for step in steps)
        for step in steps:
            step.report = options.listed(step.report)
        document = {"platform": platform, "steps": [step.to_dict() for step in steps]}
        if options.output is DiffFormat.json:
            sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        elif options.output is DiffFormat.yaml:
            import yaml

            sys.stdout.write(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
        elif options.output is DiffFormat.githubactions:
            sys.stdout.write("".join(render_diff_githubactions(step.report) for step in steps))
        elif options.output is DiffFormat.markdown:
            sys.stdout.write(f"# {platform} spec history\n\n" + "\n".join(
                render_diff_markdown(step.report) for step in steps))
        else:
            sys.stdout.write(render_history_text(platform, steps))
        return 1 if failed else 0

    _exit(run, debug)


def _note(text: str) -> None:
    sys.stderr.write(f"note: {text}\n")


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
_COPY_PREFIX = "seamguard-diff-"


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
        folder = tempfile.TemporaryDirectory(prefix=_COPY_PREFIX)
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
    from seamguard.contracts.diff_sides import shown_in
    from seamguard.errors import UsageError

    if copy is not None:  # REV:contracts/<platform>/<version>/openapi.yaml keeps its names
        inside = Path(spec.partition(":")[2] or spec)
        revision = spec.partition(":")[0]
        root = next((folder for folder in copy.parents
                     if folder.name.startswith(_COPY_PREFIX)), None)
        return load_spec(copy, platform=inside.parent.parent.name or "file", version=spec,
                         display=lambda p: spec if p == copy else shown_in(root, revision, p))
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
