"""A published spec's history: consecutive versions diffed into a changelog.

Versions come from a git repository (every commit that touched the spec file, oldest first) or
from a list of files in order. Each step is one ``contract diff``, grouped as the diff command
groups it, so a team can review months of upstream change — breaking steps marked — before
upgrading.

Published histories hold broken versions (a ``$ref`` to a schema the commit forgot): such a
version is skipped with its error, named in the next step, and its neighbours are diffed.
"""

from __future__ import annotations

import difflib
import itertools
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff import Spec, diff_contracts, load_spec
from seamguard.contracts.diff_filters import PathFilter
from seamguard.contracts.diff_groups import DiffReport, group_changes
from seamguard.contracts.diff_lifecycle import LifecyclePolicy
from seamguard.contracts.diff_sides import shown_in, with_neighbours
from seamguard.documents import DEFAULT_MAX_BYTES
from seamguard.errors import ContractError, DocumentError, UsageError

if TYPE_CHECKING:
    from seamguard.ignores import IgnoreFile

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
    problem: str | None = None  # why this commit holds no spec to read (a link, a folder...)

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


def git_versions(repo: Path, spec: str, into: Path, *, limit: int | None = None,
                 revisions: str | None = None,
                 note: Callable[[str], None] | None = None) -> list[Version]:
    """Every committed version of ``spec`` in ``repo`` (in the commits of ``revisions``, a
    range as ``git log`` takes it; by default the history of HEAD), oldest first, written
    under ``into``. ``note`` is told what the caller should know (a shallow clone's history
    is cut short).

    Raises:
        UsageError: ``repo`` is no repository, has no commit, does not know the range, or
            holds no commit of ``spec`` — each said as such, with what to do.
    """
    _check_repository(repo)
    bare = _git(repo, "rev-parse", "--is-bare-repository").strip() == "true"
    # A bare repository (a mirror, a CI cache) has commits and no work tree: its paths are
    # from its root as they are.
    named, repo = repo, (repo if bare else
                         Path(_git(repo, "rev-parse", "--show-toplevel").strip() or repo))
    if revisions is not None:
        _check_range(named, revisions)
    span = [revisions] if revisions is not None else []
    entries: list[list[str]] = []
    given = spec
    for spec in _inside(named, repo, given):  # the first place with commits is the spec
        entries = _followed(repo, spec, span)
        if entries:
            break
    shallow = _git(repo, "rev-parse", "--is-shallow-repository").strip() == "true"
    if not entries:
        raise _not_committed(named, repo, given, revisions, shallow)
    _not_a_folder(named, repo, given, spec, entries[0][0])
    if any(_FILE_REF.search(_shown(repo, f"{commit}:{spec}")) for commit, *_ in entries[:2]):
        # A split spec changes in the files it refers to as well: every commit of its folder.
        folder = Path(spec).parent.as_posix()
        log = _git(repo, "log", "--format=%H%x1f%cs%x1f%s", *span, "--", folder)
        entries = [[*line.split("\x1f", 2), spec] for line in log.splitlines()
                   if line.strip()]
    entries.reverse()
    _note_renames(entries, spec, note)
    if shallow:
        if len(entries) < 2:
            raise UsageError(f"{named} is a shallow clone: it holds {len(entries)} commit of "
                             f"{spec}, and a history needs two",
                             hint="fetch the whole history (git -C REPO fetch --unshallow; "
                                  "in GitHub Actions, actions/checkout with fetch-depth: 0)")
        if note is not None:
            note(f"{named} is a shallow clone: the history starts at its oldest fetched commit "
                 f"({entries[0][0][:12]}, {entries[0][1]}); git fetch --unshallow gives all")
    if limit is not None:
        entries = entries[-limit:]
    versions = []
    suffix = Path(spec).suffix or ".yaml"
    present = False
    for index, (commit, day, subject, spec) in enumerate(entries):
        path = into / f"{index:05d}-{commit[:12]}{suffix}"
        problem = _not_a_spec(repo, commit, spec, present)
        if problem is not None:
            problem += _moved_to(repo, commit, spec)
        if problem is not None:
            versions.append(Version(path, commit[:12], day, subject, f"{commit[:12]}:{spec}",
                                    problem=problem))
            continue
        try:
            text = _git(repo, "show", f"{commit}:{spec}")
        except UsageError:
            continue  # not there yet (a commit of a split spec's folder before the spec)
        present = True
        if text.startswith("version https://git-lfs.github.com/spec/"):
            versions.append(Version(path, commit[:12], day, subject, f"{commit[:12]}:{spec}",
                                    problem=f"{spec} is a Git LFS pointer in this commit, not "
                                            "the spec: fetch it with `git lfs pull` (or keep "
                                            "the spec out of LFS)"))
            continue
        path.write_text(text, encoding="utf-8")
        root = None
        if _FILE_REF.search(text):  # a split spec: its neighbours as committed too
            root = into / f"{index:05d}-{commit[:12]}"
            path = with_neighbours(repo, commit, spec, root, DEFAULT_MAX_BYTES) or path
        versions.append(Version(path, commit[:12], day, subject, f"{commit[:12]}:{spec}",
                                root))
    return versions


def _followed(repo: Path, spec: str, span: list[str]) -> list[list[str]]:
    """The commits of ``spec`` newest first, across renames (``git log --follow``): commit,
    day, subject and the path the spec had in that commit."""
    log = _git(repo, "log", "--follow", "--name-status", "--format=\x1e%H%x1f%cs%x1f%s", *span,
               "--", spec)
    entries = []
    path = spec
    for record in log.split("\x1e")[1:]:
        head, _, changes = record.partition("\n")
        entries.append([*head.split("\x1f", 2), path])
        for line in changes.splitlines():
            fields = line.split("\t")
            if len(fields) == 3 and fields[0].startswith("R") and fields[2] == path \
                    and not _nested(fields[1], fields[2]):
                path = fields[1]  # older commits hold it under the name it had then
    return entries


def _nested(old: str, new: str) -> bool:
    """Is one path inside the other (the spec made a folder holding it, or back)? git calls
    that a rename; for a history it is the spec replaced by a folder, said as such."""
    return old.startswith(new + "/") or new.startswith(old + "/")


def _note_renames(entries: list[list[str]], spec: str,
                  note: Callable[[str], None] | None) -> None:
    """Tell ``note`` where the spec had another path, so the steps across are not a surprise."""
    for (_, _, _, before), (commit, _, _, after) in itertools.pairwise(entries):
        if before != after and note is not None:
            note(f"{spec} was {before} before commit {commit[:12]}, which renamed it to "
                 f"{after}: the history follows the rename")


def _moved_to(repo: Path, commit: str, spec: str) -> str:
    """`` (renamed to …)`` when ``commit`` renamed ``spec``, with how to follow it."""
    try:
        changes = _git(repo, "diff-tree", "-r", "-M", "--name-status", "--root", "--no-commit-id",
                       commit)
    except UsageError:
        return ""
    for line in changes.splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and fields[0].startswith("R") and fields[1] == spec:
            return (f"; this commit renamed it to {fields[2]}: ask for {fields[2]} to follow the "
                    "spec past the rename")
    return ""


def _not_a_spec(repo: Path, commit: str, spec: str, present: bool) -> str | None:
    """Why ``spec`` in ``commit`` is no file to read (deleted after it was there, a symbolic
    link, a folder, a submodule); None when it is a file, or not there yet."""
    entry = _git(repo, "ls-tree", commit, "--", spec).split("\t", 1)[0].split()
    if not entry:
        return (f"{spec} is not in this commit (deleted or moved), so the history has a gap "
                "here") if present else None
    mode, kind = entry[0], entry[1] if len(entry) > 1 else ""
    if mode == "120000":
        target = _shown(repo, f"{commit}:{spec}").strip()[:120]
        return (f"{spec} is a symbolic link in this commit (to {target!r}), not the spec; "
                "git keeps the link, not the file it points to")
    if kind == "tree":
        return f"{spec} is a folder in this commit, not the spec"
    if kind == "commit":
        return f"{spec} is a git submodule in this commit, not the spec"
    return None


def _check_repository(repo: Path) -> None:
    """``repo`` is a git work tree with at least one commit."""
    if not repo.is_dir():
        raise UsageError(f"--git {repo}: no such folder",
                         hint="pass --git the folder of the spec's repository (the one holding "
                              ".git)")
    try:
        _git(repo, "rev-parse", "--git-dir")
    except UsageError:
        raise UsageError(f"--git {repo} is not a git repository",
                         hint="pass --git the folder with the .git directory, or the spec "
                              "versions as files in order") from None
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except UsageError:
        branches = _git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads",
                        "refs/tags").split()
        if branches:  # commits there are: HEAD names a branch that is gone
            head = _git(repo, "symbolic-ref", "--quiet", "HEAD").strip().removeprefix(
                "refs/heads/")
            raise UsageError(f"--git {repo}: HEAD names the branch {head!r}, which does not "
                             f"exist (the repository has {', '.join(branches[:5])})",
                             hint=f"check out one (git -C {repo} switch {branches[0]}) or pick "
                                  f"its commits with --range {branches[0]}") from None
        raise UsageError(f"--git {repo} has no commits yet",
                         hint="a history is read from the commits of the spec: commit it, "
                              "or pass the versions as files") from None


def _check_range(repo: Path, revisions: str) -> None:
    """Each end of the range names a commit of ``repo``."""
    ends = re.split(r"\.{2,3}", revisions.strip())
    if not revisions.strip() or revisions.strip().startswith("-") or not any(ends):
        raise UsageError(f"--range {revisions!r} names no revisions",
                         hint="a range as git log takes it: v2.0..main, or one revision "
                              "for its history")
    for end in ends:
        if not end:
            continue  # "v2.0.." is v2.0..HEAD
        try:
            _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options",
                 f"{end}^{{commit}}")
        except UsageError:
            raise UsageError(f"--range {revisions}: {repo} has no revision {end!r}",
                             hint="git -C REPO tag and git -C REPO branch -a list the names; "
                                  "a shallow clone may lack it (git fetch --unshallow "
                                  "--tags)") from None


def _inside(named: Path, root: Path, spec: str) -> list[str]:
    """Where ``spec`` may be in the repository whose top folder is ``root``, from its root:
    relative to the ``--git`` folder ``named`` (as git takes a path), then to the root; an
    absolute path, or one that climbs out (``../shop-api/openapi.yaml`` from here), is the
    file it names when that file is inside the repository.

    Raises:
        UsageError: it names a file outside the repository.
    """
    top = root.resolve()
    if Path(spec).is_absolute() or ".." in Path(spec).parts:
        path = Path(spec).resolve()
        if not path.is_relative_to(top):
            raise UsageError(f"{spec} is outside the repository {named}",
                             hint="give the spec's path inside the repository, relative to "
                                  "its root (openapi.yaml, api/openapi.yaml)")
        return [path.relative_to(top).as_posix()]
    prefix = Path(named).resolve().relative_to(top) if Path(named).resolve().is_relative_to(
        top) else Path()
    return list(dict.fromkeys([(prefix / spec).as_posix(), Path(spec).as_posix()]))


def _not_a_folder(named: Path, repo: Path, given: str, spec: str, commit: str) -> None:
    """Raises UsageError when ``spec`` is a folder at ``commit``, naming the spec files in it."""
    folder = spec in ("", ".") or bool(_git(repo, "ls-tree", "-d", commit, "--", spec).strip())
    if not folder:
        return
    inside = [path for path in _git(repo, "ls-tree", "-r", "--name-only", commit, "--",
                                    spec or ".").splitlines()
              if Path(path).suffix.lower() in (".yaml", ".yml", ".json")]
    hint = (f"name the spec file in it, e.g. {', '.join(inside[:3])}" if inside else
            "name the spec file (its path inside the repository)")
    raise UsageError(f"{given or '.'} is a folder in {named}, not a spec file", hint=hint)


def _not_committed(named: Path, repo: Path, spec: str, revisions: str | None,
                   shallow: bool) -> UsageError:
    """Why no commit of ``spec`` was found, and the path the repository has instead."""
    where = f" in {revisions}" if revisions is not None else ""
    known = [line for line in _git(repo, "ls-files").splitlines() if line]
    same = [path for path in known if Path(path).name == Path(spec).name]
    close = same or difflib.get_close_matches(spec, known, n=3, cutoff=0.6)
    if close:
        hint = f"give the path from the repository's root; it has {', '.join(close[:3])}"
    elif (named / spec).is_file():
        hint = f"{spec} is not committed in {named}: commit it, or pass the versions as files"
    else:
        hint = "give the spec's path inside the repository, relative to its root"
    if shallow and revisions is None:
        hint += "; this is a shallow clone (git fetch --unshallow gives all its history)"
    return UsageError(f"no commit of {spec}{where} in {named}", hint=hint)


def history(versions: list[Version], platform: str, *, paths: PathFilter | None = None,
            policy: LifecyclePolicy | None = None, include_path_params: bool = False,
            ignores: IgnoreFile | None = None) -> list[Step]:
    """Diff each readable version against the next; each spec is read once.

    A version that cannot be read or whose references do not resolve is skipped; the step
    across it names it with its error (the newest versions, when unreadable, are named by
    the last step). ``paths``, ``policy``, ``include_path_params`` and ``ignores`` are
    ``contract diff``'s (``--match-path`` and the prefixes, the stability threshold and
    deprecation periods, path-parameter names, ``--ignore``), so each step is the diff that
    command would list with the same options.
    """
    steps: list[Step] = []
    previous: tuple[Version, Spec] | None = None
    skipped: list[tuple[Version, str]] = []
    for version in versions:
        if version.problem is not None:
            skipped.append((version, version.problem))
            continue
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
        steps.append(Step(before, version, group_changes(
            changes, base=before.label, revision=version.label, ignores=ignores), skipped))
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
