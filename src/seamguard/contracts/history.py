"""A published spec's history: consecutive versions diffed into a changelog.

Versions come from a git repository (every commit that touched the spec file, oldest first) or
from a list of files in order. Each step is one ``contract diff``, grouped as the diff command
groups it, so a team can review months of upstream change — breaking steps marked — before
upgrading.

Published histories hold broken versions (a ``$ref`` to a schema the commit forgot): such a
version is skipped with its error, named in the next step, and its neighbours are diffed.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seamguard.contracts.diff import Spec, diff_contracts, load_spec
from seamguard.contracts.diff_filters import PathFilter
from seamguard.contracts.diff_groups import DiffReport, group_changes
from seamguard.contracts.diff_lifecycle import LifecyclePolicy
from seamguard.contracts.diff_sides import shown_in, with_neighbours
from seamguard.documents import DEFAULT_MAX_BYTES
from seamguard.errors import ContractError, DocumentError, UsageError

__all__ = ["Step", "Version", "git_versions", "history", "render_history_text"]


@dataclass(frozen=True)
class Version:
    """One version of the spec: a file on disk and what names it."""

    path: Path
    label: str
    date: str = ""
    subject: str = ""
    shown: str = ""  # how errors name the file (``commit:path`` for a git version)
    root: Path | None = None  # where a split spec's files were written, as in the repository

    def display(self, path: Path) -> str:
        if self.shown and path == self.path:
            return self.shown
        return shown_in(self.root, self.label, path)


@dataclass
class Step:
    """The changes from one version to the next readable one.

    Attributes:
        skipped: versions between the two that could not be read, each with its error.
    """

    before: Version
    after: Version
    report: DiffReport
    skipped: list[tuple[Version, str]] = field(default_factory=list)

    @property
    def breaking(self) -> int:
        return sum(1 for group in self.report.groups if group.level == "error")

    def to_dict(self) -> dict[str, Any]:
        data = self.report.to_dict()
        data.update({"date": self.after.date, "subject": self.after.subject,
                     "breaking": self.breaking})
        if self.skipped:
            data["skipped"] = [{"version": version.label, "date": version.date,
                                "subject": version.subject, "error": error}
                               for version, error in self.skipped]
        return data


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False,
                              timeout=120)
    except FileNotFoundError:
        raise UsageError("git is not installed", hint="install git, or pass the spec versions "
                                                       "as files in order") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args[:2])} failed in {repo}: "
                         f"{message[-1] if message else 'exit ' + str(done.returncode)}",
                         hint="pass --git the repository folder and the spec's path inside it")
    return done.stdout.decode("utf-8", "replace")


def _shown(repo: Path, revision_path: str) -> str:
    """The file at a revision, or "" where that commit deleted it."""
    try:
        return _git(repo, "show", revision_path)
    except UsageError:
        return ""


# A $ref to another file (not "#/…", not a URL): the spec needs its neighbours.
_FILE_REF = re.compile(r"""["']?\$ref["']?\s*:\s*["']?(?![#"']|https?:)[^\s"'#]""")


def git_versions(repo: Path, spec: str, into: Path, *, limit: int | None = None
                 ) -> list[Version]:
    """Every committed version of ``spec`` in ``repo``, oldest first, written under ``into``."""
    if not (repo / ".git").exists() and not _git(repo, "rev-parse", "--git-dir").strip():
        raise UsageError(f"{repo} is not a git repository", hint="pass --git the folder with "
                                                                 "the .git directory")
    log = _git(repo, "log", "--follow", "--format=%H%x1f%cs%x1f%s", "--", spec)
    entries = [line.split("\x1f", 2) for line in log.splitlines() if line.strip()]
    if not entries:
        raise UsageError(f"no commit of {spec} in {repo}",
                         hint="give the spec's path relative to the repository root")
    if any(_FILE_REF.search(_shown(repo, f"{commit}:{spec}")) for commit, *_ in entries[:2]):
        # A split spec changes in the files it refers to as well: every commit of its folder.
        folder = Path(spec).parent.as_posix()
        log = _git(repo, "log", "--format=%H%x1f%cs%x1f%s", "--", folder)
        entries = [line.split("\x1f", 2) for line in log.splitlines() if line.strip()]
    entries.reverse()
    if limit is not None:
        entries = entries[-limit:]
    versions = []
    suffix = Path(spec).suffix or ".yaml"
    for index, (commit, day, subject) in enumerate(entries):
        try:
            text = _git(repo, "show", f"{commit}:{spec}")
        except UsageError:
            continue  # the file was deleted in this commit
        path = into / f"{index:05d}-{commit[:12]}{suffix}"
        path.write_text(text, encoding="utf-8")
        root = None
        if _FILE_REF.search(text):  # a split spec: its neighbours as committed too
            root = into / f"{index:05d}-{commit[:12]}"
            path = with_neighbours(repo, commit, spec, root, DEFAULT_MAX_BYTES) or path
        versions.append(Version(path, commit[:12], day, subject, f"{commit[:12]}:{spec}",
                                root))
    return versions


def history(versions: list[Version], platform: str, *, paths: PathFilter | None = None,
            policy: LifecyclePolicy | None = None,
            include_path_params: bool = False) -> list[Step]:
    """Diff each readable version against the next; each spec is read once.

    A version that cannot be read or whose references do not resolve is skipped; the step
    across it names it with its error (the newest versions, when unreadable, are named by
    the last step). ``paths``, ``policy`` and ``include_path_params`` are ``contract diff``'s
    (``--match-path`` and the prefixes, the deprecation periods, path-parameter names), so
    each step is the diff that command would list with the same settings.
    """
    steps: list[Step] = []
    previous: tuple[Version, Spec] | None = None
    skipped: list[tuple[Version, str]] = []
    for version in versions:
        try:
            spec = load_spec(version.path, platform=platform, version=version.label,
                             display=version.display)
        except (ContractError, DocumentError) as error:
            skipped.append((version, _one_line(error)))
            continue
        if previous is None:
            previous = (version, spec)
            continue
        before, old = previous
        try:
            paths = paths or PathFilter()
            changes = diff_contracts(paths.apply(old), paths.apply(spec, revision=True),
                                     policy=policy, include_path_params=include_path_params)
        except (ContractError, DocumentError) as error:
            # References resolve as the walk reaches them: blame the version the error is in.
            if error.file and _names(error.file, before):
                skipped.append((before, _one_line(error)))
                previous = (version, spec)
            else:
                skipped.append((version, _one_line(error)))
            continue
        steps.append(Step(before, version, group_changes(changes, base=before.label,
                                                         revision=version.label), skipped))
        skipped = []
        previous = (version, spec)
    if skipped and steps:
        steps[-1].skipped.extend(skipped)
    elif skipped:
        # Fewer than two versions could be read: there is no step to name them in.
        named = "; ".join(f"{version.shown or version.path}: {error}"
                          for version, error in skipped)
        raise UsageError(f"fewer than two versions of the spec could be read ({named})",
                         file=str(skipped[0][0].shown or skipped[0][0].path),
                         hint="a history needs two readable versions of the spec")
    return steps


def _names(file: str, version: Version) -> bool:
    """The error's file is this version's (as shown, or the same file on disk)."""
    if version.shown:
        return file == version.shown
    return Path(file).resolve() == version.path.resolve()


def _one_line(error: UsageError) -> str:
    line = f":{error.line}" if error.line else ""
    return f"line {line[1:]}: {error.message}" if line else error.message


def render_history_text(platform: str, steps: list[Step]) -> str:
    """A changelog, newest last: each step's date, subject and changes, breaking ones marked."""
    breaking = sum(1 for step in steps if step.breaking)
    unreadable = sum(len(step.skipped) for step in steps)
    skipped = f" ({unreadable} unreadable, skipped)" if unreadable else ""
    lines = [f"{platform} spec history: {len(steps) + 1 + unreadable if steps else 0} versions"
             f"{skipped}, {len(steps)} steps, {breaking} with breaking changes"]
    for step in steps:
        groups = step.report.groups
        when = f"{step.after.date} " if step.after.date else ""
        title = f" {step.after.subject}" if step.after.subject else ""
        mark = f" — {step.breaking} BREAKING" if step.breaking else ""
        lines.append("")
        lines.append(f"{when}{step.before.label} → {step.after.label}{title}: "
                     f"{len(groups) or 'no'} change(s){mark}")
        for version, error in step.skipped:
            lines.append(f"  skipped {version.label} (unreadable): {error}")
        for group in groups:
            flag = "BREAKING" if group.level == "error" else group.level
            first = group.first
            where = f"{first.operation} {first.path}".strip()
            more = len(group.operations) - 1
            tail = f" (+{more} operations)" if more > 0 else ""
            lines.append(f"  {flag} {group.id} {where}: {group.message}{tail}")
    return "\n".join(lines) + "\n"


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    """Where the committed versions are written while they are diffed."""
    return tempfile.TemporaryDirectory(prefix="seamguard-history-")
