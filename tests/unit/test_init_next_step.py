"""``seamguard init`` in a folder that holds a contract ends with next steps that work as
printed: the record command names a GET path of that contract (not a placeholder), and where
it is sent under the adopted base_url."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.project import find_project

_CONTRACT = """\
openapi: 3.1.0
info: {title: Tiny shop, version: v1}
servers: [{url: /api}]
paths:
  /orders/{order_id}:
    get:
      parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
  /orders:
    get:
      responses: {"200": {description: ok}}
    post:
      responses: {"201": {description: created}}
"""


def test_init_names_a_get_path_of_the_adopted_contract(tmp_path: Path) -> None:
    folder = tmp_path / "contracts" / "shop" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(_CONTRACT, encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert ("`seamguard record shop GET /orders` sends GET http://127.0.0.1:8000/api/orders"
            in text), text
    assert "1. `seamguard contract lint`" in text
    assert "3. `seamguard check`" in text


def test_init_in_a_project_adopts_a_contract_folder_added_since(tmp_path: Path) -> None:
    folder = tmp_path / "contracts" / "shop" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(_CONTRACT, encoding="utf-8")
    assert CliRunner().invoke(app, ["init", str(tmp_path)]).exit_code == 0
    crm = tmp_path / "contracts" / "crm" / "v2"
    crm.mkdir(parents=True)
    (crm / "openapi.yaml").write_text(_CONTRACT.replace("Tiny shop", "CRM"), encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "added [tool.seamguard.platforms.crm]" in result.output
    project = find_project(tmp_path, explicit=True)
    assert sorted(project.settings.platforms) == ["crm", "shop"]
    assert project.settings.platforms["crm"].versions == ["v2"]
    again = CliRunner().invoke(app, ["init", str(tmp_path)])
    assert again.exit_code == 2
    assert "there is none" in " ".join(again.output.split())
