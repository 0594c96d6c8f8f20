"""`seamguard contract history`: a spec's git history diffed into a changelog."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()


def spec(*, scopes: list[str], status: list[str], extra: bool = False,
         required: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    order: dict[str, Any] = {"type": "object", "required": list(required), "properties": {
        "id": {"type": "integer"}, "status": {"type": "string", "enum": status}}}
    if extra:
        order["properties"]["note"] = {"type": "string"}
    paths = {f"/orders{n}": {"get": {"security": [{"oauth": scopes}], "responses": {"200": {
        "description": "ok", "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Order"}}}}}}} for n in range(30)}
    return {"openapi": "3.1.0", "info": {"title": "shop", "version": "1"}, "paths": paths,
            "components": {"schemas": {"Order": order}, "securitySchemes": {"oauth": {
                "type": "oauth2", "flows": {"clientCredentials": {
                    "tokenUrl": "https://x/token", "scopes": {"read": "r", "write": "w"}}}}}}}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def build_repo(repo: Path) -> None:
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "t")
    versions = [
        ("first version", spec(scopes=["read"], status=["open", "paid"])),
        ("docs only", spec(scopes=["read"], status=["open", "paid"])),
        ("a new optional field", spec(scopes=["read"], status=["open", "paid"], extra=True)),
        ("orders need the write scope", spec(scopes=["read", "write"], status=["open", "paid"],
                                             extra=True)),
        ("new status, id optional", spec(scopes=["read", "write"],
                                         status=["open", "paid", "void"], extra=True,
                                         required=())),
    ]
    for subject, document in versions:
        (repo / "api").mkdir(exist_ok=True)
        text = yaml.safe_dump(document, sort_keys=False)
        if subject == "docs only":
            text = "# reformatted\n" + text
        (repo / "api" / "openapi.yaml").write_text(text, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", subject)


def test_history_of_a_git_repository(tmp_path: Path) -> None:
    repo = tmp_path / "shop-api"
    build_repo(repo)
    result = runner.invoke(app, ["contract", "history", "shop", "api/openapi.yaml",
                                 "--git", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    steps = json.loads(result.output)["steps"]
    assert [step["subject"] for step in steps] == [
        "docs only", "a new optional field", "orders need the write scope",
        "new status, id optional"]
    # a token with only the read scope no longer opens the thirty operations
    assert [step["breaking"] for step in steps] == [0, 0, 30, 1]
    ids = [{c["id"] for c in step["changes"]} for step in steps]
    assert ids == [set(), {"response-optional-property-added"},
                   {"api-security-scope-added", "api-security-tightened"},
                   {"response-property-enum-value-added", "response-property-became-optional"}]
    # one shared component, thirty operations: one entry
    enum = steps[3]["changes"][0]
    assert enum["operations_count"] == 30
    assert len(enum["operations"]) == 5

    text = runner.invoke(app, ["contract", "history", "shop", "api/openapi.yaml",
                               "--git", str(repo), "--fail-on", "error"])
    assert text.exit_code == 1
    assert "shop spec history: 5 versions, 4 steps, 2 with breaking changes" in text.output
    assert "BREAKING response-property-became-optional" in text.output
    assert "warning response-property-enum-value-added" in text.output
    assert "(+29 operations)" in text.output


def test_history_of_files_and_bad_input(tmp_path: Path) -> None:
    files = []
    for n, status in enumerate((["open"], ["open", "paid"])):
        path = tmp_path / f"v{n}.yaml"
        path.write_text(yaml.safe_dump(spec(scopes=["read"], status=status)), encoding="utf-8")
        files.append(str(path))
    result = runner.invoke(app, ["contract", "history", "shop", *files])
    assert result.exit_code == 0
    assert "response-property-enum-value-added" in result.output
    bad = runner.invoke(app, ["contract", "history", "shop", files[0]])
    assert bad.exit_code == 2
    assert "at least two versions" in bad.output
    repo = runner.invoke(app, ["contract", "history", "shop", "openapi.yaml", "--git",
                               str(tmp_path)])
    assert repo.exit_code == 2
    assert "Traceback" not in repo.output


def test_an_unreadable_version_is_skipped_and_named(tmp_path: Path) -> None:
    broken = spec(scopes=["read"], status=["open", "paid"])
    broken["paths"]["/orders0"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"] = {"$ref": "#/components/schemas/Missing"}
    documents = [spec(scopes=["read"], status=["open"]), broken,
                 spec(scopes=["read"], status=["open", "paid"]), "openapi: [unclosed"]
    files = []
    for n, document in enumerate(documents):
        path = tmp_path / f"v{n}.yaml"
        path.write_text(document if isinstance(document, str) else yaml.safe_dump(document),
                        encoding="utf-8")
        files.append(str(path))
    result = runner.invoke(app, ["contract", "history", "shop", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    steps = json.loads(result.output)["steps"]
    assert len(steps) == 1  # v0 → v2, across the broken v1; v3 does not parse
    assert {c["id"] for c in steps[0]["changes"]} == {"response-property-enum-value-added"}
    skipped = {entry["version"]: entry["error"] for entry in steps[0]["skipped"]}
    assert set(skipped) == {files[1], files[3]}
    assert "Missing" in skipped[files[1]]
    text = runner.invoke(app, ["contract", "history", "shop", *files])
    assert "4 versions (2 unreadable, skipped), 1 steps" in text.output
    assert f"skipped {files[1]} (unreadable)" in text.output
    assert "Traceback" not in text.output


def test_a_history_with_one_readable_version_names_the_others(tmp_path: Path) -> None:
    good, broken = tmp_path / "v0.yaml", tmp_path / "v1.yaml"
    good.write_text(yaml.safe_dump(spec(scopes=["read"], status=["open"])), encoding="utf-8")
    broken.write_text("openapi: [unclosed", encoding="utf-8")
    result = runner.invoke(app, ["contract", "history", "shop", str(good), str(broken)])
    assert result.exit_code == 2, result.output
    assert str(broken) in result.output
    assert "fewer than two versions" in result.output


def test_history_of_a_split_spec_sees_commits_to_the_files_it_refers_to(
        tmp_path: Path) -> None:
    repo = tmp_path / "cloud-api"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "t")
    entry = {"openapi": "3.0.0", "info": {"title": "cloud", "version": "2"},
             "paths": {"/v2/clusters": {"get": {"$ref": "ops/list.yaml"}}}}
    (repo / "spec" / "ops").mkdir(parents=True)
    (repo / "spec" / "openapi.yaml").write_text(yaml.safe_dump(entry), encoding="utf-8")

    def operation(required: bool) -> None:
        listing = {"parameters": [{"name": "region", "in": "query", "required": required,
                                   "schema": {"type": "string"}}],
                   "responses": {"200": {"description": "the clusters"}}}
        (repo / "spec" / "ops" / "list.yaml").write_text(yaml.safe_dump(listing), "utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "region required" if required else "first version")

    operation(False)
    operation(True)  # only the operation's own file changes
    (repo / "spec" / "openapi.yaml").unlink()
    git(repo, "commit", "-q", "-am", "spec retired")  # the newest commit deletes the spec
    result = runner.invoke(app, ["contract", "history", "cloud", "spec/openapi.yaml",
                                 "--git", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    steps = json.loads(result.output)["steps"]
    assert [step["subject"] for step in steps] == ["region required"]
    assert [(c["id"], c["level"]) for c in steps[0]["changes"]] == [
        ("request-parameter-became-required", "error")]


def test_a_change_in_a_split_spec_is_located_by_commit_and_repository_path(
        tmp_path: Path) -> None:
    repo = tmp_path / "cloud-api"
    (repo / "spec" / "models").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "t")
    entry = {"openapi": "3.0.0", "info": {"title": "cloud", "version": "2"},
             "paths": {"/v2/disks": {"get": {"responses": {"200": {
                 "description": "ok", "content": {"application/json": {"schema": {
                     "$ref": "models/disk.yaml"}}}}}}}}}
    (repo / "spec" / "openapi.yaml").write_text(yaml.safe_dump(entry), encoding="utf-8")
    for kinds in (["local"], ["local", "remote"]):
        disk = {"type": "object", "properties": {"type": {"type": "string", "enum": kinds}}}
        (repo / "spec" / "models" / "disk.yaml").write_text(yaml.safe_dump(disk), "utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"{len(kinds)} kinds")
    result = runner.invoke(app, ["contract", "history", "cloud", "spec/openapi.yaml",
                                 "--git", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    step = json.loads(result.output)["steps"][0]
    commit = step["revision"]
    assert [c["component"] for c in step["changes"]] == [
        f"{commit}:spec/models/disk.yaml#/properties/type"]
