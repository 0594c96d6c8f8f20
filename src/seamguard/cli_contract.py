"""`seamguard contract diff` and `contract history`: the sides, their report files."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from seamguard.cli_app import _exit, contract_app
from seamguard.cli_options import (
    _LEVEL_RANK,
    _LEVELS,
    BaselineOpt,
    DebugOpt,
    FailOn,
    ProjectOpt,
    ReportsOpt,
    _parse_level,
)
from seamguard.cli_paths import path_parser
from seamguard.cli_run import _apply_baseline


class StabilityLevel(StrEnum):
    draft = "draft"
    alpha = "alpha"
    beta = "beta"
    stable = "stable"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    yaml = "yaml"
    githubactions = "githubactions"


@contract_app.command("diff")
def contract_diff(
    ctx: typer.Context,
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
        nonlocal fail_on, output, level, match_path, unmatch_path, filter_extension
        nonlocal include_path_params, prefix_base, prefix_revision, strip_prefix_base
        nonlocal strip_prefix_revision, deprecation_days_beta, deprecation_days_stable
        given = _oasdiff_defaults(ctx, locals_of_diff())
        (fail_on, output, level, match_path, unmatch_path, filter_extension,
         include_path_params, prefix_base, prefix_revision, strip_prefix_base,
         strip_prefix_revision, deprecation_days_beta, deprecation_days_stable) = (
            given[name] for name in _OASDIFF_PARAMETERS)
        from seamguard.contracts.diff import diff_contracts
        from seamguard.contracts.diff_filters import compile_filter
        from seamguard.contracts.diff_groups import group_changes
        from seamguard.ignores import load_ignore_file
        from seamguard.report.diff import (
            render_diff_githubactions,
            render_diff_json,
            render_diff_markdown,
            render_diff_text,
            render_diff_yaml,
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

            def consumed(operation: str, field: str) -> str:
                return impact.describe_readers(
                    [(side.platform, side.version) for side in (old, new)], operation, field)

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
        elif output is DiffFormat.yaml:
            sys.stdout.write(render_diff_yaml(report))
        elif output is DiffFormat.githubactions:
            sys.stdout.write(render_diff_githubactions(report))
        elif output is DiffFormat.markdown:
            sys.stdout.write(render_diff_markdown(report))
        else:
            sys.stdout.write(render_diff_text(report))
        return 1 if failed else 0

    def locals_of_diff() -> dict[str, Any]:
        return {"fail_on": fail_on, "output": output, "level": level, "match_path": match_path,
                "unmatch_path": unmatch_path, "filter_extension": filter_extension,
                "include_path_params": include_path_params, "prefix_base": prefix_base,
                "prefix_revision": prefix_revision, "strip_prefix_base": strip_prefix_base,
                "strip_prefix_revision": strip_prefix_revision,
                "deprecation_days_beta": deprecation_days_beta,
                "deprecation_days_stable": deprecation_days_stable}

    _exit(run, debug)


_OASDIFF_PARAMETERS = ("fail_on", "output", "level", "match_path", "unmatch_path",
                       "filter_extension", "include_path_params", "prefix_base",
                       "prefix_revision", "strip_prefix_base", "strip_prefix_revision",
                       "deprecation_days_beta", "deprecation_days_stable")


def _oasdiff_defaults(ctx: typer.Context, current: dict[str, Any],
                      command: str = "contract diff") -> dict[str, Any]:
    """``current`` with the values of oasdiff's settings file (in the working folder) where
    the command line gave none; the keys ``command`` does not act on are said on stderr.

    Raises:
        UsageError: a value the option would refuse (at its line).
    """
    from typer._click.core import ParameterSource

    from seamguard.contracts.oasdiff_settings import HONOURED, read_settings
    from seamguard.errors import UsageError

    settings = read_settings(Path.cwd())
    if settings is None:
        return current
    for note in settings.notes(command):
        sys.stderr.write(note + "\n")
    chosen = dict(current)
    for name, (value, line) in settings.values.items():
        if ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None):
            continue  # the command line wins, as it does in oasdiff
        try:
            chosen[name] = _oasdiff_value(name, value, current[name])
        except (ValueError, TypeError, typer.BadParameter) as exc:
            key = next(k for k, v in HONOURED.items() if v == name)
            raise UsageError(f"{settings.display} sets {key}: {value!r}, which {command} "
                             f"cannot take: {getattr(exc, 'message', exc)}",
                             file=settings.display, line=line,
                             hint=f"see seamguard contract diff --help for --{key}") from None
    return chosen


def _oasdiff_value(name: str, value: Any, default: Any) -> Any:
    if name in ("fail_on", "level"):
        return _parse_level(str(value))
    if name == "output":
        return DiffFormat(str(value).lower())
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise TypeError("true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise TypeError("a whole number of days, 0 or more")
        return value
    if not isinstance(value, str):
        raise TypeError("text")
    return value


@contract_app.command("history")
def contract_history(
    ctx: typer.Context,
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
    """Diff consecutive versions of a published spec into a changelog, breaking steps marked.

    oasdiff's settings file in the working folder (oasdiff.yaml) is read as contract diff reads it.
    """

    def run() -> int:
        nonlocal output, fail_on
        import json

        from seamguard.contracts.diff_filters import compile_filter
        from seamguard.contracts.diff_lifecycle import LifecyclePolicy

        given = _oasdiff_defaults(ctx, {
            "fail_on": fail_on, "output": output, "level": FailOn.info, "match_path": None,
            "unmatch_path": None, "filter_extension": None, "include_path_params": False,
            "prefix_base": "", "prefix_revision": "", "strip_prefix_base": "",
            "strip_prefix_revision": "", "deprecation_days_beta": 0,
            "deprecation_days_stable": 0}, command="contract history")
        output, fail_on = given["output"], given["fail_on"]
        paths = compile_filter(given["match_path"], given["unmatch_path"],
                               given["filter_extension"], prefix_base=given["prefix_base"],
                               prefix_revision=given["prefix_revision"],
                               strip_prefix_base=given["strip_prefix_base"],
                               strip_prefix_revision=given["strip_prefix_revision"])
        policy = LifecyclePolicy(deprecation_days_beta=given["deprecation_days_beta"],
                                 deprecation_days_stable=given["deprecation_days_stable"])

        from seamguard.contracts.history import (
            Version,
            git_versions,
            history,
            render_history_text,
            temporary_folder,
        )
        from seamguard.errors import UsageError
        from seamguard.report.diff import render_diff_githubactions, render_diff_markdown

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
            steps = list(history(versions, platform, paths=paths, policy=policy,
                                 include_path_params=given["include_path_params"]))
        failed = fail_on is not None and any(step.report.fails(fail_on.value)
                                             for step in steps)
        shown = given["level"]
        if shown is not FailOn.info:
            from dataclasses import replace

            for step in steps:
                kept = [g for g in step.report.groups
                        if _LEVEL_RANK[g.level] <= _LEVEL_RANK[shown]]
                step.report = replace(step.report, groups=kept,
                                      hidden=len(step.report.groups) - len(kept),
                                      shown_level=shown.value)
        document = {"platform": platform, "steps": [step.to_dict() for step in steps]}
        if output is DiffFormat.json:
            sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        elif output is DiffFormat.yaml:
            import yaml

            sys.stdout.write(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
        elif output is DiffFormat.githubactions:
            sys.stdout.write("".join(render_diff_githubactions(step.report) for step in steps))
        elif output is DiffFormat.markdown:
            sys.stdout.write(f"# {platform} spec history\n\n" + "\n".join(
                render_diff_markdown(step.report) for step in steps))
        else:
            sys.stdout.write(render_history_text(platform, steps))
        return 1 if failed else 0

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
