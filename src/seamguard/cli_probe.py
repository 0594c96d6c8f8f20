"""`seamguard probe`: its options handed to the probe check."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from seamguard.cli_app import _exit, app
from seamguard.cli_options import (
    BaselineOpt,
    DebugOpt,
    FailOnOpt,
    Format,
    FormatOpt,
    PlatformArg,
    ProjectOpt,
    ReportsOpt,
)
from seamguard.cli_run import _run
from seamguard.probe_config import MAX_EXAMPLES


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
        "--max-examples", "--hypothesis-max-examples", "-n", min=1, max=MAX_EXAMPLES,
        help="Generated requests per operation and phase, at most 10,000 (one pass; "
             "--max-time keeps fuzzing longer).")] = 25,
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
        "--max-response-time", min=0.001, max=3600, metavar="SECONDS",
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
    timeout: Annotated[float, typer.Option("--timeout", "--request-timeout", min=0.1, max=3600,
                                           help="Seconds per request.")] = 10.0,
    max_time: Annotated[int | None, typer.Option(
        "--max-time", min=1, max=86_400,
        help="Keep fuzzing for this many seconds, at most a day (default: one pass of "
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
