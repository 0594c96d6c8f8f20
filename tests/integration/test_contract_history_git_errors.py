"""`contract history --git`: a repository, range or path that cannot give a history is a usage
error (exit 2) saying which and what to do, never a traceback or a misleading message."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

SPEC = 'openapi: 3.0.3\ninfo: {{title: shop, version: "{n}"}}\npaths:\n  /orders{n}:\n' \
       '    get: {{responses: {{"200": {{description: ok}}}}}}\n'


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c",
                           "user.name=t", "-c", "protocol.file.allow=always", *args],
                          check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with three commits of api/openapi.yaml, the second tagged v2."""
    folder = tmp_path / "shop-api"
    (folder / "api").mkdir(parents=True)
    git(folder, "init", "-q")
    for n in range(3):
        (folder / "api" / "openapi.yaml").write_text(SPEC.format(n=n), encoding="utf-8")
        git(folder, "add", "-A")
        git(folder, "commit", "-q", "-m", f"version {n}")
        if n == 1:
            git(folder, "tag", "v2")
    return folder


def _history(*argv: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["contract", "history", "shop", *argv])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    text = " ".join(result.output.replace("│", " ").split())
    assert "Traceback" not in text
    return result.exit_code, text


def test_a_range_picks_the_commits(repo: Path) -> None:
    code, text = _history("api/openapi.yaml", "--git", str(repo), "--range", "v2..",
                          "--format", "json")
    assert code == 2  # one commit after v2: no history
    assert "api/openapi.yaml has 1 commit in the range v2.., and a history needs two" in text
    result = CliRunner().invoke(app, ["contract", "history", "shop", "api/openapi.yaml",
                                      "--git", str(repo), "--range", "HEAD~2..HEAD", "-f",
                                      "json"])
    assert result.exit_code == 0, result.output
    assert [s["subject"] for s in json.loads(result.output)["steps"]] == ["version 2"]


@pytest.mark.parametrize(("revisions", "said"), [
    ("v9..HEAD", "has no revision 'v9'"),
    ("v2..no-such-branch", "has no revision 'no-such-branch'"),
    ("0123456789abcdef0123", "has no revision '0123456789abcdef0123'"),
    ("..", "names no revisions"),
])
def test_a_range_the_repository_does_not_have(repo: Path, revisions: str, said: str) -> None:
    code, text = _history("api/openapi.yaml", "--git", str(repo), "--range", revisions)
    assert code == 2, text
    assert said in text
    assert "hint:" in text


def test_a_range_without_a_repository_is_refused(tmp_path: Path) -> None:
    code, text = _history("a.yaml", "b.yaml", "--range", "v1..v2")
    assert code == 2
    assert "--range needs --git DIR" in text


@pytest.mark.parametrize(("spec", "said", "hint"), [
    ("openapi.yaml", "no commit of openapi.yaml", "it has api/openapi.yaml"),
    ("api/opnapi.yaml", "no commit of api/opnapi.yaml", "it has api/openapi.yaml"),
    ("docs/guide.md", "no commit of docs/guide.md", "relative to its root"),
    ("../elsewhere.yaml", "outside the repository", "relative to its root"),
    ("/etc/hosts", "outside the repository", "relative to its root"),
])
def test_a_path_not_in_the_repository(repo: Path, spec: str, said: str, hint: str) -> None:
    code, text = _history(spec, "--git", str(repo))
    assert code == 2, text
    assert said in text
    assert hint in text


def test_a_path_from_here_into_the_repository_is_read(repo: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.parent)
    code, text = _history(str(repo / "api" / "openapi.yaml"), "--git", "shop-api")
    assert code == 0, text
    assert "3 versions, 2 steps" in text


def test_an_uncommitted_spec_is_said_to_be_so(repo: Path) -> None:
    (repo / "new.yaml").write_text(SPEC.format(n=9), encoding="utf-8")
    code, text = _history("new.yaml", "--git", str(repo))
    assert code == 2
    assert "new.yaml is not committed" in text


def test_a_repository_with_no_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    code, text = _history("openapi.yaml", "--git", str(tmp_path))
    assert code == 2
    assert "has no commits yet" in text
    assert "fatal" not in text


@pytest.mark.parametrize(("folder", "said"), [
    ("missing", "no such folder"),
    ("plain", "is not a git repository"),
])
def test_a_folder_that_is_no_repository(tmp_path: Path, folder: str, said: str) -> None:
    (tmp_path / "plain").mkdir()
    code, text = _history("openapi.yaml", "--git", str(tmp_path / folder))
    assert code == 2
    assert said in text
    assert "fatal" not in text


def test_a_shallow_clone_says_why_its_history_is_short(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))
    code, text = _history("api/openapi.yaml", "--git", str(shallow))
    assert code == 2
    assert "is a shallow clone" in text
    assert "fetch-depth: 0" in text
    deeper = tmp_path / "deeper"
    git(tmp_path, "clone", "-q", "--depth", "2", repo.as_uri(), str(deeper))
    result = CliRunner().invoke(app, ["contract", "history", "shop", "api/openapi.yaml",
                                      "--git", str(deeper)])
    assert result.exit_code == 0, result.output
    assert "2 versions, 1 steps" in result.stdout
    assert "is a shallow clone: the history starts at" in result.stderr


@pytest.mark.parametrize("spec", ["openapi.yaml", "api/openapi.yaml"])
def test_git_may_name_a_folder_inside_the_repository(repo: Path, spec: str) -> None:
    # as git takes a path: from the folder given, or from the repository's root
    code, text = _history(spec, "--git", str(repo / "api"))
    assert code == 0, text
    assert "3 versions, 2 steps" in text


@pytest.mark.parametrize("spec", ["api", "api/", "."])
def test_a_folder_is_no_spec(repo: Path, spec: str) -> None:
    code, text = _history(spec, "--git", str(repo))
    assert code == 2, text
    assert "is a folder in" in text
    assert "api/openapi.yaml" in text
