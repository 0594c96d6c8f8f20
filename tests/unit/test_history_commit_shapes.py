"""`contract history --git` over a commit whose spec is no file to read: a Git LFS pointer, a
symbolic link, a folder, or no file at all after it was there. The step across that commit
names it with what it is, never as "a document that holds a string" or not at all."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from seamguard.contracts.history import Version, git_versions, history

SPEC = ('openapi: 3.0.3\ninfo: {{title: shop, version: "{n}"}}\npaths:\n  /orders{n}:\n'
        '    get: {{responses: {{"200": {{description: ok}}}}}}\n')
FILE = "api/openapi.yaml"
LFS = ("version https://git-lfs.github.com/spec/v1\noid sha256:" + "4d" * 32 + "\nsize 12\n")


def _versions(repo: Path, into: Path) -> list[Version]:
    into.mkdir()
    return git_versions(repo, FILE, into)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c",
                    "user.name=t", "-c", "commit.gpgsign=false", *args], check=True,
                   capture_output=True)


def _lfs(path: Path) -> None:
    path.write_text(LFS, encoding="utf-8")


def _link(path: Path) -> None:
    path.unlink()
    path.symlink_to("/etc/hostname")


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x.yaml").write_text("a: 1\n", encoding="utf-8")


def _gone(path: Path) -> None:
    path.unlink()


def _repo(root: Path, damage: Callable[[Path], None]) -> Path:
    repo = root / "repo"
    (repo / "api").mkdir(parents=True)
    _git(repo, "init", "-q")
    path = repo / FILE
    for n in range(3):
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            (path / "x.yaml").unlink()
            path.rmdir()
        path.write_text(SPEC.format(n=n), encoding="utf-8")
        if n == 1:
            damage(path)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"version {n}")
    return repo


@pytest.mark.parametrize(("damage", "said"), [
    pytest.param(_lfs, "api/openapi.yaml is a Git LFS pointer in this commit", id="lfs"),
    pytest.param(_link, "api/openapi.yaml is a symbolic link in this commit (to "
                        "'/etc/hostname')", id="link"),
    pytest.param(_folder, "api/openapi.yaml is a folder in this commit", id="folder"),
    pytest.param(_gone, "api/openapi.yaml is not in this commit (deleted or moved)", id="gone"),
])
def test_a_commit_without_a_spec_file_is_named_with_what_it_holds(
        tmp_path: Path, damage: Callable[[Path], None], said: str) -> None:
    versions = _versions(_repo(tmp_path, damage), tmp_path / "out")
    assert len(versions) == 3
    [step] = history(versions, "shop")
    [(version, error)] = step.skipped
    assert version.subject == "version 1"
    assert error.startswith(said)


def test_a_spec_added_later_has_no_gap_before_it(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "api" / "other.yaml").write_text("a: 1\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "other")
    for n in range(2):
        (repo / FILE).write_text(SPEC.format(n=n), encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"version {n}")
    [step] = history(_versions(repo, tmp_path / "out"), "shop")
    assert step.skipped == []
