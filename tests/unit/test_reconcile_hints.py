"""A reconciliation finding says what its difference most likely is: a whole time-zone offset,
a cut value, a key that differs only in case or spaces."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.quality.reconcile_hints import difference_hint, near_keys


@pytest.mark.parametrize(("source", "target", "said"), [
    ("2024-11-01 09:00:00", "2024-11-01 01:00:00", "exactly 8 h earlier"),
    ("2024-11-01T09:00:00+08:00", "2024-11-01T17:00:00+08:00", "exactly 8 h later"),
    ("2024-11-01T09:00:00Z", "2024-11-01T14:30:00Z", "exactly 5.5 h later"),
    (dt.datetime(2024, 1, 1, 8), dt.datetime(2024, 1, 1, 0), "exactly 8 h earlier"),
    ("【旗舰店】玻尿酸补水保湿精华液", "【旗舰店】玻尿酸", "first 8 of 15 characters"),
    ("SO123", "so123 ", "only in case, width or spaces"),
])
def test_a_recognisable_difference_is_named(source: object, target: object, said: str) -> None:
    assert said in (difference_hint(source, target) or "")


@pytest.mark.parametrize(("source", "target"), [
    ("2024-11-01 09:00:00", "2024-11-01 09:07:00"),   # minutes: no time zone does that
    ("2024-11-01 09:00:00", "2024-11-03 09:00:00"),   # days
    ("2024-11-01 09:00:00", "2024-11-01T01:00:00Z"),  # one side has an offset: not comparable
    ("已签收", "已付款"), ("100.00", "110.00"), (None, "x"), ("abc", "")])
def test_other_differences_get_no_guess(source: object, target: object) -> None:
    assert difference_hint(source, target) is None


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 1, 1)),
       st.integers(min_value=-14 * 4, max_value=14 * 4).filter(bool))
def test_every_quarter_hour_offset_up_to_14_h_is_named(moment: dt.datetime, quarters: int) -> None:
    shifted = moment + dt.timedelta(minutes=15 * quarters)
    hint = difference_hint(moment.strftime("%Y-%m-%d %H:%M:%S"),
                           shifted.strftime("%Y-%m-%d %H:%M:%S"))
    assert hint is not None
    assert f"exactly {abs(quarters) / 4:g} h" in hint


def test_keys_equal_but_for_case_or_spaces_are_paired() -> None:
    assert near_keys(["SO1", "SO2", "SO3"], ["so1", "SO2 ", "SO9"]) == {
        "so1": "SO1", "SO1": "so1", "SO2 ": "SO2", "SO2": "SO2 "}


def test_reconcile_findings_carry_the_hints(tmp_path: Path) -> None:
    (tmp_path / "shop.csv").write_text(
        "order_no,created_at,title\nSO1,2024-11-01 09:00:00,保湿精华液 30ml\n"
        "SO2,2024-11-01 10:00:00,T恤\nSO3,2024-11-01 11:00:00,耳机\n", encoding="utf-8")
    (tmp_path / "crm.csv").write_text(
        "order_no,created_at,title\nSO1,2024-11-01 01:00:00,保湿精华液\n"
        "so2,2024-11-01 10:00:00,T恤\nSO3,2024-11-01 11:00:00,耳机\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n[tool.seamguard.datasets.shop]\npath = "shop.csv"\n'
        '[tool.seamguard.datasets.crm]\npath = "crm.csv"\n'
        '[tool.seamguard.reconcile.orders]\nsource = "shop"\ntarget = "crm"\n'
        'key = "order_no"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["reconcile", "--project", str(tmp_path), "--format",
                                      "json"])
    hints = {(f["code"], f["location"].get("key"), f.get("case")): f.get("hint")
             for f in json.loads(result.stdout)["findings"]}
    assert "exactly 8 h earlier" in hints[("reconcile.field-differs", "SO1",
                                           "orders · field created_at")]
    assert "first 5 of 10 characters" in hints[("reconcile.field-differs", "SO1",
                                               "orders · field title")]
    assert "crm has order_no=\"so2\"" in hints[("reconcile.missing-in-target", "SO2",
                                                "orders · missing keys")]
    assert "the source has order_no=\"SO2\"" in hints[("reconcile.extra-in-target", "so2",
                                                       "orders · extra keys")]
