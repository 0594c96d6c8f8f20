"""`contract diff` sides as oasdiff users give them: git revisions, standard input, pipes;
and listing only the breaking changes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()

OLD = """openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders:
    get:
      parameters:
        - {name: status, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '../common/schemas.yaml#/Order'}
"""
COMMON_OLD = """Order:
  type: object
  properties:
    id: {type: string}
    total: {type: string}
    state: {type: string, enum: [a, b]}
"""
COMMON_NEW = COMMON_OLD.replace("[a, b]", "[a, b, c]").replace(
    "    total: {type: string}\n", "")
NEW = OLD.replace("{name: status, in: query,", "{name: status, in: query, required: true,")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A spec split over two files, committed twice (old, then new)."""
    root = tmp_path / "repo"
    (root / "spec" / "v1").mkdir(parents=True)
    (root / "spec" / "common").mkdir()
    _git(root, "init", "-q")
    for spec, common in ((OLD, COMMON_OLD), (NEW, COMMON_NEW)):
        (root / "spec" / "v1" / "openapi.yaml").write_text(spec, encoding="utf-8")
        (root / "spec" / "common" / "schemas.yaml").write_text(common, encoding="utf-8")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "step")
    return root


def _diff(repo: Path, *argv: str, stdin: str | None = None) -> tuple[int, dict[str, object]]:
    done = subprocess.run([sys.executable, "-m", "seamguard", "contract", "diff", *argv,
                           "-f", "json"], cwd=repo, input=stdin, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


EXPECTED = {"request-parameter-became-required", "response-property-enum-value-added",
            "response-optional-property-removed"}


def _ids(report: dict[str, object]) -> set[str]:
    return {str(c["id"]) for c in report["changes"]}  # type: ignore[attr-defined, index]


def test_two_git_revisions_of_a_split_spec(repo: Path) -> None:
    code, report = _diff(repo, "HEAD~1:spec/v1/openapi.yaml", "HEAD:spec/v1/openapi.yaml")
    assert code == 1
    assert _ids(report) == EXPECTED
    assert report["base"] == "HEAD~1:spec/v1/openapi.yaml"


def test_a_change_in_a_referenced_file_is_located_as_git_names_it(repo: Path) -> None:
    _, report = _diff(repo, "HEAD~1:spec/v1/openapi.yaml", "HEAD:spec/v1/openapi.yaml")
    where = {str(c["id"]): c.get("component") for c in report["changes"]}  # type: ignore[attr-defined]
    assert where["response-property-enum-value-added"] == (
        "HEAD:spec/common/schemas.yaml#/Order/properties/state")
    assert where["response-optional-property-removed"] == (
        "HEAD:spec/common/schemas.yaml#/Order")


def test_a_revision_against_the_working_file_from_a_subfolder(repo: Path) -> None:
    code, report = _diff(repo / "spec" / "v1", "HEAD~1:openapi.yaml", "openapi.yaml")
    assert (code, _ids(report)) == (1, EXPECTED)


def test_standard_input_and_a_pipe_as_the_base(repo: Path) -> None:
    flat = OLD.replace("{$ref: '../common/schemas.yaml#/Order'}", "\n" + "\n".join(
        "                " + line for line in COMMON_OLD.splitlines()[1:]))
    (repo / "flat-old.yaml").write_text(flat, encoding="utf-8")
    code, report = _diff(repo, "-", "spec/v1/openapi.yaml", stdin=flat)
    assert (code, _ids(report), report["base"]) == (1, EXPECTED, "-")
    done = subprocess.run(["bash", "-c", f"{sys.executable} -m seamguard contract diff "
                           "<(cat flat-old.yaml) spec/v1/openapi.yaml -f json"], cwd=repo,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert _ids(json.loads(done.stdout)) == EXPECTED


def test_an_unknown_revision_or_path_is_a_usage_error(repo: Path) -> None:
    for side, said in (("HEAD~7:spec/v1/openapi.yaml", "git knows no revision 'HEAD~7'"),
                       ("HEAD~1:spec/v2/openapi.yaml", "git cannot show")):
        done = subprocess.run([sys.executable, "-m", "seamguard", "contract", "diff", side,
                               "spec/v1/openapi.yaml"], cwd=repo, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 2, done.stderr
        assert said in done.stderr


def test_breaking_only_lists_errors_and_warnings_and_the_exit_code_weighs_all(
        repo: Path) -> None:
    code, report = _diff(repo, "HEAD~1:spec/v1/openapi.yaml", "spec/v1/openapi.yaml",
                         "--level", "ERR")
    assert (code, _ids(report)) == (1, {"request-parameter-became-required"})
    code, report = _diff(repo, "HEAD~1:spec/v1/openapi.yaml", "spec/v1/openapi.yaml",
                         "--breaking-only", "--fail-on", "ERR")
    assert code == 1
    assert _ids(report) == EXPECTED  # errors and warnings
    result = runner.invoke(app, ["contract", "diff", str(repo / "spec" / "v1" / "openapi.yaml"),
                                 str(repo / "spec" / "v1" / "openapi.yaml"), "--level", "oops"])
    assert result.exit_code == 2
