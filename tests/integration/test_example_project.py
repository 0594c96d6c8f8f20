"""The bundled example project: green as shipped, and each mutation of a recording is caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import REPO, find_interaction, rewrite_body

runner = CliRunner()


def check(root: Path, command: str = "check") -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, [*command.split(), "--project", str(root), "--format", "json"])
    return result.exit_code, json.loads(result.output)


def test_example_is_green_and_writes_every_report(example: Path) -> None:
    code, report = check(example)
    assert code == 0, [f for f in report["findings"] if f["severity"] == "error"]
    assert report["summary"]["error"] == 0
    examined = {c["id"]: c["examined"] for c in report["checks"]}
    # shopify x2, hubspot, sfexpress, shop-sync; the gateway packs: taobao, jd, pinduoduo,
    # sf-fengqiao
    assert examined["contract"] == 9
    assert examined["recorded"] >= 20
    for name in ("report.json", "junit.xml", "summary.md"):
        assert (example / "reports" / name).stat().st_size > 0


def _order_response(item: dict[str, Any], body: Any) -> bool:
    return (
        "/admin/api/2024-07/orders/" in item["request"]["uri"]
        and item["response"]["status"]["code"] == 200
        and isinstance(body, dict) and isinstance(body.get("order"), dict)
    )


@pytest.mark.parametrize(
    ("mutate", "code", "field"),
    [
        (lambda order: order.__setitem__("total_price", 129.5), "field.wrong-type",
         "total_price"),
        (lambda order: order.pop("financial_status"), "field.missing", "financial_status"),
        (lambda order: order.__setitem__("financial_status", "expired"), "field.unknown-enum",
         "financial_status"),
    ],
    ids=["type", "removal", "new-enum-value"],
)
def test_a_mutated_recording_fails_with_cassette_interaction_and_pointer(
    example: Path, mutate: Any, code: str, field: str
) -> None:
    path, index, body = find_interaction(example, _order_response)
    mutate(body["order"])
    rewrite_body(path, index, body)
    exit_code, report = check(example, "verify")
    assert exit_code == 1
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert [f["code"] for f in errors] == [code]
    location = errors[0]["location"]
    assert location["file"] == path.relative_to(example).as_posix()
    assert location["interaction"] == index
    assert location["pointer"] == f"/order/{field}"
    assert (location["platform"], location["version"]) == ("shopify", "2024-07")
    assert location["line"] >= 1


def test_recordings_carry_no_credentials() -> None:
    text = "\n".join(p.read_text(encoding="utf-8")
                     for p in sorted((REPO / "fixtures" / "cassettes").rglob("*.yaml")))
    assert text, "the example project ships cassettes"
    for secret in ("shpat_", "pat-na1-", "Bearer ey"):
        assert secret not in text
