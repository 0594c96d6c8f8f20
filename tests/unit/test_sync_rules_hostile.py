"""Sync rules of a mapping that contradict themselves or overflow are findings of `map lint`
at their pointer, never an internal error or a clean run."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.sync.rules import parse_duration
from tests.support.hostile_fresh3_rules import SYNC_CASES, _sync_case


def _lint(tmp_path: Path, label: str) -> tuple[int, list[dict[str, object]]]:
    row = next(row for row in SYNC_CASES if row[0] == label)
    argv = _sync_case(*row).setup(tmp_path)
    result = CliRunner().invoke(app, argv)
    return result.exit_code, json.loads(result.stdout)["findings"]


@pytest.mark.parametrize(("label", "pointer"), [
    ("expire-huge", "/sync/conflict/shopify_tags"),
    ("machine-twice-one-field", "/sync/state_machines/1/field"),
])
def test_the_rule_is_a_finding_at_its_pointer(tmp_path: Path, label: str, pointer: str) -> None:
    code, findings = _lint(tmp_path, label)
    assert code == 1
    assert [f["code"] for f in findings if f["location"].get("pointer") == pointer] == [
        "mapping.sync-bad-policy"]


def test_a_duration_past_any_date_is_no_duration() -> None:
    assert parse_duration("P99999999999999999999D") is None
    assert parse_duration("P30DT1H") == timedelta(days=30, hours=1)
