"""The options of the commands that diff specs (`contract diff`, `contract history`), declared
once: oasdiff's path filters, levels and deprecation periods, and how a value is chosen — the
command line, else oasdiff's settings file in the working folder (oasdiff.yaml), else the
default."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from seamguard.cli_options import _LEVEL_RANK, _LEVELS, FailOn, _parse_level
from seamguard.cli_paths import path_parser

if TYPE_CHECKING:
    from seamguard.contracts.diff_filters import PathFilter
    from seamguard.contracts.diff_groups import DiffReport
    from seamguard.contracts.diff_lifecycle import LifecyclePolicy
    from seamguard.ignores import IgnoreFile

__all__ = ["DIFF_PARAMETERS", "DiffFormat", "DiffOptions", "StabilityLevel", "diff_options"]


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


def _choice_parser(kind: type[StrEnum], hint: str = "") -> Callable[[Any], Any]:
    """A typer ``parser`` for ``kind``'s values, in any case; a usage error lists them."""

    def parse(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        try:
            return _choice(kind, value)
        except ValueError as exc:
            raise typer.BadParameter(f"{value!r} is {exc}{hint}") from None

    return parse


DiffFormatOpt = Annotated[DiffFormat, typer.Option(
    "--format", "-f", parser=_choice_parser(DiffFormat), metavar="FORMAT",
    help="What to print on stdout: text, json, markdown, yaml or githubactions.")]
IgnoreOpt = Annotated[Path | None, typer.Option(
    "--ignore", help="Ignore file: accepted changes with a reason and an expiry.",
    parser=path_parser(dir_okay=False), metavar="FILE")]
DiffFailOnOpt = Annotated[FailOn | None, typer.Option(
    "--fail-on", "-o", parser=_parse_level, metavar=_LEVELS,
    help="Lowest level that makes the exit code 1 (default: error for contract diff; "
         "contract history exits 0 unless given).")]
LevelOpt = Annotated[FailOn, typer.Option(
    "--level", parser=_parse_level, metavar=_LEVELS,
    help="List only changes at or above this level (oasdiff's `breaking` is --level WARN); "
         "the exit code still weighs every change.")]
BreakingOnlyOpt = Annotated[bool, typer.Option(
    "--breaking-only", help="Same as --level warning: errors and warnings (oasdiff's "
                            "breaking and potentially breaking).")]
StabilityLevelOpt = Annotated[StabilityLevel, typer.Option(
    "--stability-level", parser=_choice_parser(StabilityLevel), metavar="LEVEL",
    help="draft, alpha, beta or stable: operations whose x-stability-level is below this may "
         "change freely (their changes are info).")]
DeprecationDaysBetaOpt = Annotated[int, typer.Option(
    "--deprecation-days-beta", min=0, help="Fewest days from deprecating a beta operation, "
                                           "parameter or property to its x-sunset (0: no "
                                           "sunset required).")]
DeprecationDaysStableOpt = Annotated[int, typer.Option(
    "--deprecation-days-stable", min=0, help="The same for stable ones (and those with no "
                                             "x-stability-level).")]
VersioningOpt = Annotated[bool, typer.Option(
    "--versioning", help="Hold a breaking change against info.version (semver: a major "
                         "step).")]
MatchPathOpt = Annotated[str | None, typer.Option(
    "--match-path", metavar="REGEX", help="Compare only paths this regex finds in (oasdiff's "
                                          "--match-path).")]
UnmatchPathOpt = Annotated[str | None, typer.Option(
    "--unmatch-path", "-q", metavar="REGEX", help="Leave out paths this regex finds in.")]
IncludePathParamsOpt = Annotated[bool, typer.Option(
    "--include-path-params", help="Pair operations by path with path-parameter names (by "
                                  "default /pets/{id} pairs with /pets/{petId}).")]
FilterExtensionOpt = Annotated[str | None, typer.Option(
    "--filter-extension", metavar="REGEX", help="Leave out paths and operations with an "
                                                "extension (x-...) this regex finds in, on "
                                                "each side.")]
PrefixBaseOpt = Annotated[str, typer.Option(
    "--prefix-base", metavar="PREFIX", help="Put this in front of the base's paths (after "
                                            "--strip-prefix-base).")]
PrefixRevisionOpt = Annotated[str, typer.Option(
    "--prefix-revision", metavar="PREFIX", help="... of the revision's paths.")]
StripPrefixBaseOpt = Annotated[str, typer.Option(
    "--strip-prefix-base", metavar="PREFIX", help="Take this off the front of the base's "
                                                  "paths.")]
StripPrefixRevisionOpt = Annotated[str, typer.Option(
    "--strip-prefix-revision", metavar="PREFIX", help="... of the revision's paths.")]

# The parameters both commands take under these names (oasdiff's settings file may set those
# in HONOURED of seamguard.contracts.oasdiff_settings).
DIFF_PARAMETERS = ("output", "ignore", "fail_on", "level", "breaking_only", "stability_level",
                   "deprecation_days_beta", "deprecation_days_stable", "versioning",
                   "match_path", "unmatch_path", "include_path_params", "filter_extension",
                   "prefix_base", "prefix_revision", "strip_prefix_base",
                   "strip_prefix_revision")
_REGEXES = ("match_path", "unmatch_path", "filter_extension")


@dataclass(frozen=True)
class DiffOptions:
    """The chosen values of the shared options."""

    output: DiffFormat
    ignore: Path | None
    fail_on: FailOn | None
    level: FailOn
    breaking_only: bool
    stability_level: StabilityLevel
    deprecation_days_beta: int
    deprecation_days_stable: int
    versioning: bool
    match_path: str | None
    unmatch_path: str | None
    include_path_params: bool
    filter_extension: str | None
    prefix_base: str
    prefix_revision: str
    strip_prefix_base: str
    strip_prefix_revision: str

    def paths(self) -> PathFilter:
        from seamguard.contracts.diff_filters import compile_filter

        return compile_filter(self.match_path, self.unmatch_path, self.filter_extension,
                              prefix_base=self.prefix_base, prefix_revision=self.prefix_revision,
                              strip_prefix_base=self.strip_prefix_base,
                              strip_prefix_revision=self.strip_prefix_revision)

    def policy(self) -> LifecyclePolicy:
        from seamguard.contracts.diff_lifecycle import LifecyclePolicy

        return LifecyclePolicy(stability_level=self.stability_level.value,
                               deprecation_days_beta=self.deprecation_days_beta,
                               deprecation_days_stable=self.deprecation_days_stable,
                               versioning=self.versioning)

    def ignores(self) -> IgnoreFile | None:
        from seamguard.ignores import load_ignore_file

        return load_ignore_file(self.ignore) if self.ignore is not None else None

    @property
    def shown(self) -> FailOn:
        """The lowest level listed (--breaking-only is --level warning)."""
        if self.breaking_only and self.level is FailOn.info:
            return FailOn.warning
        return self.level

    def listed(self, report: DiffReport) -> DiffReport:
        """``report`` with only the groups at or above the level shown, the rest counted."""
        if self.shown is FailOn.info:
            return report
        from dataclasses import replace

        kept = [g for g in report.groups if _LEVEL_RANK[g.level] <= _LEVEL_RANK[self.shown]]
        return replace(report, groups=kept, hidden=len(report.groups) - len(kept),
                       shown_level=self.shown.value)


def diff_options(ctx: typer.Context, given: dict[str, Any], command: str) -> DiffOptions:
    """The shared options of ``command`` (``given``: its parameters by name), each from the
    command line, else from oasdiff's settings file in the working folder, else its default;
    the file's keys ``command`` does not act on are said on stderr.

    Raises:
        UsageError: a value of the file the option would refuse (at its line), or a regex
            of the command line that does not compile (naming the option).
    """
    from typer._click.core import ParameterSource

    from seamguard.contracts.oasdiff_settings import HONOURED, read_settings
    from seamguard.errors import UsageError

    chosen = {name: given[name] for name in DIFF_PARAMETERS}
    settings = read_settings(Path.cwd())
    if settings is not None:
        for note in settings.notes(command):
            sys.stderr.write(note + "\n")
        for name, (value, line) in settings.values.items():
            if ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None):
                continue  # the command line wins, as it does in oasdiff
            key = next(k for k, v in HONOURED.items() if v == name)
            try:
                chosen[name] = _file_value(name, value)
            except (ValueError, TypeError, typer.BadParameter) as exc:
                raise UsageError(f"{settings.display} sets {key}: {value!r}, which {command} "
                                 f"cannot take: {getattr(exc, 'message', exc)}",
                                 file=settings.display, line=line,
                                 hint=f"see seamguard {command} --help for --{key}") from None
    options = DiffOptions(**chosen)
    options.paths()  # a regex of the command line that does not compile, named now
    return options


def _file_value(name: str, value: Any) -> Any:
    """A value of oasdiff's settings file as the option ``name`` takes it."""
    if name in ("fail_on", "level"):
        return _parse_level(str(value))
    if name == "output":
        return _choice(DiffFormat, value)
    if name == "stability_level":
        return _choice(StabilityLevel, value)
    if name in ("include_path_params",):
        if not isinstance(value, bool):
            raise TypeError("true or false")
        return value
    if name.startswith("deprecation_days"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise TypeError("a whole number of days, 0 or more")
        return value
    if not isinstance(value, str):
        raise TypeError("text")
    if name in _REGEXES:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression ({exc})") from None
    return value


def _choice(kind: type[StrEnum], value: Any) -> Any:
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        raise ValueError(f"not one of {', '.join(kind)}") from None
