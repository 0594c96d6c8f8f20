"""A contract whose folder is a label of its own (``v1`` for ``info.version: 1.0.0``) is a
warning whose hint names every way out, accepting it included — the README says the label is
the user's choice."""

from __future__ import annotations

from pathlib import Path

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.lint import lint_contract
from seamguard.project import find_project


def test_the_version_label_hint_offers_to_rename_correct_or_accept(tmp_path: Path) -> None:
    folder = tmp_path / "contracts" / "shop" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: Shop, version: 1.0.0}\n"
        "paths: {/orders: {get: {responses: {'200': {description: ok}}}}}\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.shop]\nversions = ["v1"]\nbase_url = "http://x.test"\n',
        encoding="utf-8")
    catalog = ContractCatalog(find_project(tmp_path, explicit=True))
    [finding] = [f for f in lint_contract(catalog, "shop", "v1")
                 if f.code == "contract.version-mismatch"]
    assert finding.location.line == 2
    hint = finding.hint or ""
    assert "'1.0.0'" in hint
    assert "seamguard baseline save" in hint


def test_a_contract_folder_no_platform_declares_is_a_warning(tmp_path: Path) -> None:
    from seamguard.checks import RunContext
    from seamguard.contracts.lint import run_check

    for platform in ("shop", "crm"):
        folder = tmp_path / "contracts" / platform / "v1"
        folder.mkdir(parents=True)
        (folder / "openapi.yaml").write_text(
            "openapi: 3.1.0\ninfo: {title: Shop, version: v1}\n"
            "paths: {/orders: {get: {responses: {'200': {description: ok}}}}}\n",
            encoding="utf-8")
    (tmp_path / "contracts" / "shared").mkdir()  # $ref documents only: not a platform
    (tmp_path / "contracts" / "shared" / "money.yaml").write_text("type: string\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.shop]\nversions = ["v1"]\nbase_url = "http://x.test"\n',
        encoding="utf-8")
    project = find_project(tmp_path, explicit=True)
    context = RunContext(project=project, catalog=ContractCatalog(project))
    found = [f for f in run_check(context) if f.code == "contract.undeclared"]
    assert [f.location.file for f in found] == ["contracts/crm/v1/openapi.yaml"]
    assert "seamguard init" in (found[0].hint or "")
