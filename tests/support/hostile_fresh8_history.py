"""Repositories in the states git leaves them in, for ``hostile_fresh8``.

``ghist8``: ``contract history shop api/openapi.yaml --git REPO`` over a repository with no
commits, one commit, a shallow clone of depth one and two, a detached HEAD, a bare clone, a
linked worktree, a spec renamed (``git mv``) or moved to another folder across commits, a spec
only on a branch that is not checked out, a merge of two lines that both changed the spec, a
path with ``..`` or an absolute path or a path outside the repository, ``--git`` naming a file,
a missing folder or the ``.git`` folder itself, a ``--range`` whose ends do not exist, are
reversed, or name a tag; a repository whose ``HEAD`` names a branch that is gone. Each ends
with a changelog (naming what it read: a rename followed must be said, a step it cannot make
must be named) or a usage error (exit 2) that names the repository, the range or the path —
never git's raw ``fatal:`` and never a crash.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh7_history import FILE, SPEC, _git, _repo
from tests.support.hostile_strategies import ANY, TWO

CLEAN = frozenset({0})
Layout = Callable[[Path], list[str]]


def _args(repo: Path | str, path: str = FILE, *extra: str) -> list[str]:
    return ["contract", "history", "shop", path, "--git", str(repo), *extra, "-f", "json"]


def _no_commits(root: Path) -> list[str]:
    repo = root / "r"
    repo.mkdir()
    _git(repo, "init", "-q")
    return _args(repo)


def _one_commit(root: Path) -> list[str]:
    repo = root / "r"
    (repo / "api").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / FILE).write_text(SPEC.format(n=0), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "one")
    return _args(repo)


def _shallow(depth: int) -> Layout:
    def layout(root: Path) -> list[str]:
        origin = _repo(root, None)
        clone = root / "clone"
        subprocess.run(["git", "clone", "-q", "--depth", str(depth), f"file://{origin}",
                        str(clone)], check=True, capture_output=True)
        return _args(clone)
    return layout


def _detached(root: Path) -> list[str]:
    repo = _repo(root, None)
    _git(repo, "checkout", "-q", "--detach", "HEAD~1")
    return _args(repo)


def _bare(root: Path) -> list[str]:
    origin = _repo(root, None)
    bare = root / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(origin), str(bare)], check=True,
                   capture_output=True)
    return _args(bare)


def _worktree(root: Path) -> list[str]:
    repo = _repo(root, None)
    _git(repo, "worktree", "add", "-q", "--detach", str(root / "wt"), "HEAD~1")
    return _args(root / "wt")


def _renamed(new: str) -> Layout:
    def layout(root: Path) -> list[str]:
        repo = _repo(root, None)
        (repo / new).parent.mkdir(parents=True, exist_ok=True)
        _git(repo, "mv", FILE, new)
        _git(repo, "commit", "-q", "-m", "rename")
        (repo / new).write_text(SPEC.format(n=5), encoding="utf-8")
        _git(repo, "commit", "-q", "-am", "version 5")
        return _args(repo, new)
    return layout


def _renamed_old_name(root: Path) -> list[str]:
    repo = _repo(root, None)
    _git(repo, "mv", FILE, "api/shop.yaml")
    _git(repo, "commit", "-q", "-m", "rename")
    return _args(repo, FILE)


def _other_branch(root: Path) -> list[str]:
    repo = root / "r"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "README").write_text("x\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "readme")
    _git(repo, "checkout", "-q", "-b", "spec")
    (repo / "api").mkdir()
    for n in range(2):
        (repo / FILE).write_text(SPEC.format(n=n), encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"v{n}")
    _git(repo, "checkout", "-q", "-")
    return _args(repo)


def _merge(root: Path) -> list[str]:
    repo = _repo(root, None)
    _git(repo, "checkout", "-q", "-b", "side", "HEAD~1")
    (repo / FILE).write_text(SPEC.format(n=8), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "side")
    _git(repo, "checkout", "-q", "-")
    _git(repo, "merge", "-q", "-s", "ours", "-m", "merge", "side")
    return _args(repo)


def _gone_branch(root: Path) -> list[str]:
    repo = _repo(root, None)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/gone\n", encoding="utf-8")
    return _args(repo)


def _path(path: str) -> Layout:
    def layout(root: Path) -> list[str]:
        repo = _repo(root, None)
        return _args(repo, path.replace("REPO", str(repo)))
    return layout


def _git_is(kind: str) -> Layout:
    def layout(root: Path) -> list[str]:
        repo = _repo(root, None)
        target = {"file": repo / FILE, "missing": root / "nowhere", "dot-git": repo / ".git",
                  "subfolder": repo / "api"}[kind]
        return _args(target)
    return layout


def _range(value: str) -> Layout:
    def layout(root: Path) -> list[str]:
        repo = _repo(root, None)
        _git(repo, "tag", "v1.0", "HEAD~1")
        return _args(repo, FILE, "--range", value)
    return layout


# label -> (layout, exits, text the output must hold)
LAYOUTS: dict[str, tuple[Layout, frozenset[int], tuple[str, ...]]] = {
    "no-commits": (_no_commits, TWO, ("no commits",)),
    "one-commit": (_one_commit, TWO, ("1 commit",)),
    "shallow-depth-1": (_shallow(1), ANY, ("shallow",)),
    "shallow-depth-2": (_shallow(2), ANY, ("shallow",)),
    "detached-head": (_detached, CLEAN, ()),
    "bare-clone": (_bare, ANY, ()),
    "linked-worktree": (_worktree, CLEAN, ()),
    "renamed-same-folder": (_renamed("api/shop.yaml"), ANY, ("openapi.yaml",)),
    "renamed-other-folder": (_renamed("spec/v1/openapi.yaml"), ANY, ("api/openapi.yaml",)),
    "renamed-asked-by-old-name": (_renamed_old_name, ANY, ("shop.yaml",)),
    "only-on-other-branch": (_other_branch, TWO, ("openapi.yaml",)),
    "merge-of-two-lines": (_merge, CLEAN, ()),
    "head-names-gone-branch": (_gone_branch, TWO, ("gone",)),
    "path-dot-dot": (_path("api/../api/openapi.yaml"), ANY, ()),
    "path-escapes": (_path("../outside.yaml"), TWO, ("outside.yaml",)),
    "path-absolute-inside": (_path(f"REPO/{FILE}"), ANY, ()),
    "path-absolute-outside": (_path("/etc/hostname"), TWO, ("/etc/hostname",)),
    "path-missing": (_path("api/openapi.yml"), TWO, ("openapi.yml",)),
    "path-is-folder": (_path("api"), TWO, ("api",)),
    "git-is-file": (_git_is("file"), TWO, ("--git",)),
    "git-missing": (_git_is("missing"), TWO, ("nowhere",)),
    "git-dot-git": (_git_is("dot-git"), ANY, ()),
    "git-subfolder": (_git_is("subfolder"), ANY, ()),
    "range-unknown-start": (_range("nope..HEAD"), TWO, ("nope",)),
    "range-unknown-end": (_range("HEAD~2..nope"), TWO, ("nope",)),
    "range-reversed": (_range("HEAD..HEAD~2"), ANY, ("HEAD",)),
    # as git log takes it, the range leaves its start out: one commit, no history
    "range-tag": (_range("v1.0..HEAD"), TWO, ("v1.0..HEAD", "1 commit")),
    "range-tag-earlier": (_range("v1.0~1..HEAD"), CLEAN, ()),
    "range-three-dots": (_range("HEAD~2...HEAD"), ANY, ()),
    "range-too-far-back": (_range("HEAD~9..HEAD"), TWO, ("HEAD~9",)),
}


def history_cases() -> list[Case]:
    return [Case(f"ghist8:{label}", layout, exits, names)
            for label, (layout, exits, names) in LAYOUTS.items()]
