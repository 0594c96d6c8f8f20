"""Focused regressions for defects the generated hostile corpus found
(tests/integration/test_hostile_inputs_strategies.py), one test per defect."""

from __future__ import annotations

import contextlib
import json
import socket
import sqlite3
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.project import find_project
from seamguard.runner import run_checks
from tests.support import hostile_servers as servers
from tests.support.projects import MINI_SETTINGS, good_order, interaction, mini_project

runner = CliRunner()


MAPPING = "contracts/mappings/shopify-customer-to-hubspot-contact.yaml"


def _run(*argv: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, [*argv, "-f", "json"], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = {}
    return result.exit_code, report, result.stderr


def test_a_contract_that_does_not_load_is_one_finding_with_the_interactions_left(
        tmp_path: Path) -> None:
    interactions = [interaction({"order": good_order(id=n)},
                                uri=f"https://shop.example.com/api/v1/orders/{n}.json")
                    for n in (1, 2, 3)]
    project = mini_project(tmp_path / "p", interactions=interactions,
                           contract="openapi: 3.1.0\ninfo: {title: S, version: v1}\n"
                                    "paths:\n  /orders/{id}.json: 7\n")
    for command in (["verify"], ["drift", "observe"]):
        code, report, _ = _run(*command, "--project", str(project))
        assert code == 2
        unloadable = [f for f in report["findings"] if f["code"] == "contract.unloadable"]
        assert len(unloadable) == 1, unloadable
        [finding] = unloadable
        assert finding["location"]["file"] == "contracts/shop/v1/openapi.yaml"
        assert finding["location"]["line"] == 4
        assert "3 recorded interactions against it could not be checked" in finding["message"]
        assert finding["hint"]


def test_a_contract_that_does_not_load_without_cassettes_is_still_said(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p", contract="openapi: 3.1.0\npaths: 7\n")
    code, report, _ = _run("verify", "--project", str(project))
    assert code == 2
    [finding] = [f for f in report["findings"] if f["code"] == "contract.unloadable"]
    assert "could not be checked" not in finding["message"]


def test_reconcile_names_the_dataset_file_and_row_it_cannot_read(example: Path) -> None:
    path = example / "fixtures" / "datasets" / "hubspot_contacts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ",extra,fields"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report, _ = _run("reconcile", "--project", str(example),
                           "--only", "reconcile=customers-to-contacts")
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "reconcile.cannot-run"]
    assert finding["location"]["file"] == "fixtures/datasets/hubspot_contacts.csv"
    assert finding["location"]["line"] == 3


def test_a_history_value_no_seamguard_writes_is_a_usage_error(tmp_path: Path) -> None:
    settings = MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9") + \
        'live = [{path = "/orders/1.json"}]\n[tool.seamguard.network]\ndeadline = 2.0\n'
    project = mini_project(tmp_path / "p", settings=settings)
    code, _, _ = _run("drift", "run", "--project", str(project))
    history = project / "reports" / "drift-history.sqlite"
    assert code == 1
    assert history.is_file()
    with contextlib.closing(sqlite3.connect(history)) as db:
        db.execute("update baselines set first_seen = 'yesterday-ish'")
        db.execute("pragma user_version = 0")  # the edit accepted: the value is judged
        db.commit()
    code, _, stderr = _run("drift", "run", "--project", str(project))
    assert code == 2
    assert "reports/drift-history.sqlite" in stderr
    assert "holds a value seamguard never writes" in stderr
    assert "hint:" in stderr


def test_a_jsonl_dataset_cut_short_is_named_by_file_and_line_with_a_hint(example: Path) -> None:
    path = example / "fixtures" / "datasets" / "shopify_customers.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:40]) + "\n" + lines[40][:30], encoding="utf-8")
    code, report, _ = _run("reconcile", "--project", str(example),
                           "--only", "reconcile=customers-to-contacts")
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "reconcile.cannot-run"]
    assert finding["location"]["file"] == "fixtures/datasets/shopify_customers.jsonl"
    assert finding["location"]["line"] == 41
    assert "one JSON object per line" in finding["hint"]


def test_dtypes_naming_a_column_the_csv_lacks_points_at_dtypes(example: Path) -> None:
    _edit_settings(example, 'dtypes = { mobilephone = "string"',
                   'dtypes = { no_such_column = "string"')
    code, report, _ = _run("quality", "--project", str(example),
                           "--only", "suite=hubspot_contacts")
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "quality.dataset-unavailable"]
    assert finding["location"]["pointer"] == "tool.seamguard.datasets.hubspot_contacts.dtypes"
    assert finding["location"]["line"]
    assert "no_such_column" in finding["message"]
    assert finding["hint"]


def test_a_key_column_the_data_lacks_is_a_finding(example: Path) -> None:
    _edit_settings(example, 'key = ["shopify_customer_id"]', 'key = ["shopify_custmer_id"]')
    code, report, _ = _run("quality", "--project", str(example),
                           "--only", "suite=hubspot_contacts")
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "quality.dataset-unavailable"]
    assert finding["location"]["pointer"] == "tool.seamguard.datasets.hubspot_contacts.key"
    assert "'shopify_custmer_id' is not in the data" in finding["message"]


def test_a_key_column_listed_twice_is_a_settings_error(example: Path) -> None:
    _edit_settings(example, 'key = ["shopify_customer_id"]',
                   'key = ["shopify_customer_id", "shopify_customer_id"]')
    code, _, stderr = _run("quality", "--project", str(example))
    assert code == 2
    assert "pyproject.toml:" in stderr
    assert "listed twice" in stderr


def test_a_suite_that_checks_nothing_fails(example: Path) -> None:
    path = example / "suites" / "hubspot_contacts.json"
    suite = json.loads(path.read_text(encoding="utf-8"))
    suite["expectations"] = []
    path.write_text(json.dumps(suite, indent=1), encoding="utf-8")
    code, report, stderr = _run("quality", "--project", str(example),
                                "--only", "suite=hubspot_contacts")
    assert code in (1, 2)
    text = json.dumps(report) + stderr
    assert "suites/hubspot_contacts.json" in text
    assert "checks nothing" in text


def _edit_mapping(project: Path, change: Any) -> None:
    path = project / MAPPING
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(spec)
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")


def test_an_unknown_version_field_says_which_fields_there_are(example: Path) -> None:
    _edit_mapping(example, lambda spec: spec["version"].update(field="nope_at"))
    code, report, _ = _run("map", "lint", "--project", str(example))
    assert code == 1
    [finding] = [f for f in report["findings"] if f["location"].get("pointer") == "/version/field"]
    assert finding["hint"].startswith("fields there: ")
    assert "created_at" in finding["hint"]


def test_a_pii_allowance_for_a_field_no_rule_writes_is_a_finding(example: Path) -> None:
    _edit_mapping(example, lambda spec: spec["pii"].update(
        allowed_destinations=["email", "firstname", "lastname", "mobilephone", "mobile_phone"]))
    code, report, _ = _run("map", "lint", "--project", str(example))
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "mapping.unknown-pii-destination"]
    assert finding["location"]["file"] == MAPPING
    assert finding["location"]["pointer"] == "/pii/allowed_destinations/4"
    assert finding["location"]["line"]
    assert "mobilephone" in finding["hint"]


def _edit_settings(project: Path, old: str, new: str) -> None:
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_probe_answer_that_breaks_http_is_a_finding_with_a_hint(tmp_path: Path) -> None:
    body = b'{"order": {}}'
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
            b"Content-Length: 5\r\nContent-Length: 9\r\n\r\n")
    with servers.raw_server(servers_send(head + body)) as server:
        settings = MINI_SETTINGS.replace("https://shop.example.com", server.origin)
        project = mini_project(tmp_path / "p", settings=settings)
        code, report, _ = _run("probe", "shop", "--project", str(project),
                               "--max-examples", "2")
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "probe.error"]
    assert "Content-Length" in finding["message"]
    assert finding["location"]["operation"] == "GET /orders/{id}.json"
    assert "broke HTTP itself" in finding["hint"]


def servers_send(raw: bytes) -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
    return respond


def test_a_token_no_http_header_can_carry_is_a_usage_error_that_does_not_show_it(
        tmp_path: Path) -> None:
    settings = MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9") + \
        'auth = { header = "X-Token", env = "SHOP_TOKEN" }\nlive = [{path = "/orders/1.json"}]\n'
    project = mini_project(tmp_path / "p", settings=settings)
    for token, kind in (("令牌-secret", "a non-ASCII character at position 1"),
                        ("abc\ndef-secret", "a line break at position 4")):
        for command in (["drift", "run"], ["probe", "shop", "--max-examples", "1"]):
            code, _, stderr = _run(*command, "--project", str(project),
                                   env={"SHOP_TOKEN": token})
            assert code == 2, stderr
            assert f"$SHOP_TOKEN holds {kind}" in stderr
            assert "tool.seamguard.platforms.shop.auth.env" in stderr
            assert "secret" not in stderr


def test_recorded_findings_about_the_body_and_media_type_carry_hints(tmp_path: Path) -> None:
    html = interaction("<html>busy</html>", headers={"Content-Type": ["text/html"],
                                                     "X-Request-Id": ["r"]})
    latin1 = interaction(b'{"order": {"note": "caf\xe9"}}')
    project = mini_project(tmp_path / "p", interactions=[html, latin1])
    code, report, _ = _run("verify", "--project", str(project))
    assert code == 1
    hints = {f["code"]: f["hint"] for f in report["findings"]}
    assert "media type the contract does not list" in hints["content-type.undeclared"]
    assert "charset" in hints["body.undecodable"]


def test_a_one_pillar_command_with_nothing_to_examine_fails(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    for command, pointer in ((["quality"], "tool.seamguard.datasets"),
                             (["map", "lint"], "tool.seamguard.mapping"),
                             (["reconcile"], "tool.seamguard.reconcile")):
        code, report, _ = _run(*command, "--project", str(project))
        assert code == 1, command
        [finding] = report["findings"]
        assert finding["code"] == "run.nothing-examined"
        assert finding["location"]["file"] == "pyproject.toml"
        assert finding["location"]["pointer"] == pointer
        assert finding["hint"]
    code, _, _ = _run("check", "--project", str(project))
    assert code == 0  # `check` runs every pillar: one with nothing in it is no failure
    # ... and so do the pytest items that run one check as `check` runs it
    loaded = find_project(project, explicit=True)
    assert run_checks(loaded, ["quality"], command="pytest").findings == []
