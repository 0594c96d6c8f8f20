"""`contract history --git` over a spec renamed across commits, a bare repository, and a
history of one commit: the versions before a rename are read under their old path (and the
rename said), a bare clone is read as any other, and too short a history names the spec, the
repository and the range."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.contracts.history import git_versions

SPEC = ('openapi: 3.0.3\ninfo: {{title: shop, version: "{n}"}}\npaths:\n  /orders{n}:\n'
        '    get: {{responses: {{"200": {{description: ok}}}}}}\n')
FILE = "api/openapi.yaml"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c",
                    "user.name=t", "-c", "commit.gpgsign=false", *args], check=True,
                   capture_output=True)


def _repo(root: Path, commits: int = 3) -> Path:
    repo = root / "repo"
    (repo / "api").mkdir(parents=True)
    _git(repo, "init", "-q")
    for n in range(commits):
        (repo / FILE).write_text(SPEC.format(n=n), encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"version {n}")
    return repo


def _renamed(root: Path, new: str) -> Path:
    repo = _repo(root)
    (repo / new).parent.mkdir(parents=True, exist_ok=True)
    _git(repo, "mv", FILE, new)
    _git(repo, "commit", "-q", "-m", "rename")
    (repo / new).write_text(SPEC.format(n=5), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "version 5")
    return repo


@pytest.mark.parametrize("new", ["api/shop.yaml", "spec/v1/openapi.yaml"])
def test_the_versions_before_a_rename_are_read_under_their_old_path(
        tmp_path: Path, new: str) -> None:
    notes: list[str] = []
    (tmp_path / "out").mkdir()
    versions = git_versions(_renamed(tmp_path, new), new, tmp_path / "out", note=notes.append)
    assert [v.subject for v in versions] == ["version 0", "version 1", "version 2", "rename",
                                             "version 5"]
    assert all(v.problem is None for v in versions)
    assert [v.path.read_text(encoding="utf-8").count("/orders") for v in versions] == [1] * 5
    assert any(f"was {FILE}" in note and f"renamed it to {new}" in note for note in notes)


def test_a_spec_asked_by_its_old_name_names_where_it_went(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    versions = git_versions(_renamed(tmp_path, "api/shop.yaml"), FILE, tmp_path / "out")
    assert versions[-1].problem is not None
    assert "renamed it to api/shop.yaml" in versions[-1].problem


def test_a_bare_clone_gives_its_history(tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(_repo(tmp_path)), str(bare)],
                   check=True, capture_output=True)
    (tmp_path / "out").mkdir()
    assert len(git_versions(bare, FILE, tmp_path / "out")) == 3


@pytest.mark.parametrize(("commits", "extra", "said"), [
    (1, [], "api/openapi.yaml has 1 commit, and a history needs two"),
    (3, ["--range", "HEAD~1..HEAD"], "has 1 commit in the range HEAD~1..HEAD"),
])
def test_too_short_a_history_names_the_spec_and_the_range(
        tmp_path: Path, commits: int, extra: list[str], said: str) -> None:
    repo = _repo(tmp_path, commits)
    result = CliRunner().invoke(app, ["contract", "history", "shop", FILE, "--git", str(repo),
                                      *extra])
    assert result.exit_code == 2
    assert said in " ".join(result.output.split())
    assert str(repo) in result.output.replace("\n", "")


def test_a_head_naming_a_gone_branch_is_said_as_such(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/gone\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["contract", "history", "shop", FILE, "--git", str(repo)])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "HEAD names the branch 'gone', which does not exist" in text
    assert "no commits yet" not in text


def test_a_spec_made_a_folder_holding_a_like_file_is_no_rename(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    _git(repo, "init", "-q")
    path = repo / FILE
    for n in range(3):
        if path.is_dir():
            (path / "x.yaml").unlink()
            path.rmdir()
        path.write_text(SPEC.format(n=n), encoding="utf-8")
        if n == 1:  # git's rename detection pairs the spec with the file in the folder
            path.unlink()
            path.mkdir()
            (path / "x.yaml").write_text(SPEC.format(n=1), encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"version {n}")
    notes: list[str] = []
    (tmp_path / "out").mkdir()
    versions = git_versions(repo, FILE, tmp_path / "out", note=notes.append)
    assert [v.subject for v in versions] == ["version 0", "version 1", "version 2"]
    assert versions[1].problem is not None
    assert "is a folder" in versions[1].problem
    assert notes == []
