"""`seamguard drift run` walks paginated lists and says what their pages do wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.paged_service import PAGED_CONTRACT, paged_service, paged_settings
from tests.support.projects import mini_project
from tests.support.servers import serve

runner = CliRunner()


def night(root: Path) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["drift", "run", "--project", str(root), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)["findings"]


def walked(tmp_path: Path, dialect: str, bug: str | None, **options: Any,
           ) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    state: dict[str, Any] = {"bug": bug}
    with serve(paged_service(state)) as origin:
        root = mini_project(tmp_path / "p", contract=PAGED_CONTRACT,
                            settings=paged_settings(origin, dialect, **options))
        code, findings = night(root)
    return code, findings, state


DIALECTS = ["link", "hub", "stripe", "top", "offset"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_healthy_list_is_walked_to_its_last_page(tmp_path: Path, dialect: str) -> None:
    code, findings, state = walked(tmp_path, dialect, None)
    assert (code, findings) == (0, [])
    assert state["requests"] == 3  # 3 + 3 + 1 orders


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_page_served_twice_is_repeated(tmp_path: Path, dialect: str) -> None:
    code, findings, _ = walked(tmp_path, dialect, "repeat")
    assert code == 1
    repeated = [f for f in findings if f["code"] == "drift.page-repeated"]
    assert len(repeated) == 1, findings
    assert "page 2 of" in repeated[0]["message"]
    assert "repeats page 1" in repeated[0]["message"]
    assert repeated[0]["severity"] == "error"


@pytest.mark.parametrize("dialect", ["link", "hub", "stripe"])
def test_a_cursor_announced_twice_is_a_loop_that_ends_the_walk(tmp_path: Path,
                                                               dialect: str) -> None:
    code, findings, state = walked(tmp_path, dialect, "loop")
    assert code == 1
    assert "drift.page-loop" in [f["code"] for f in findings]
    assert state["requests"] == 2  # never asked again


@pytest.mark.parametrize("dialect", ["top", "offset"])
def test_a_list_ending_short_of_its_total_skipped_records(tmp_path: Path, dialect: str) -> None:
    code, findings, _ = walked(tmp_path, dialect, "skip")
    assert code == 1
    [skipped] = [f for f in findings if f["code"] == "drift.page-skipped"]
    assert "states 7 record(s) in all" in skipped["message"]
    assert "4 distinct record(s)" in skipped["message"]


def test_pages_that_shift_serve_a_record_twice(tmp_path: Path) -> None:
    code, findings, _ = walked(tmp_path, "hub", "shift")
    assert code == 1
    [shifted] = [f for f in findings if f["code"] == "drift.page-repeated"]
    assert "serves 1 of its 3 record(s) again, first served on page 1 (ids 3)" in (
        shifted["message"])


def test_the_walk_stops_at_max_pages_and_says_so(tmp_path: Path) -> None:
    code, findings, state = walked(
        tmp_path, "hub", None,
        paging='{ api = "cursor", cursor = "/paging/next/after", cursor_param = "after", '
               'max_pages = 2 }')
    assert state["requests"] == 2
    [stopped] = findings
    assert stopped["code"] == "drift.paging-incomplete"
    assert "max_pages = 2" in stopped["message"]
    assert (code, stopped["severity"]) == (0, "warning")


def test_a_paging_table_with_a_dotted_path_is_a_usage_error(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", contract=PAGED_CONTRACT, settings=paged_settings(
        "http://127.0.0.1:9", "hub", paging='{ api = "cursor", cursor = "paging.next.after" }'))
    result = runner.invoke(app, ["drift", "run", "--project", str(root)])
    assert result.exit_code == 2
    assert "/paging/next/after" in result.output


@pytest.mark.parametrize("dialect", ["link", "hub"])
def test_a_list_announcing_its_next_page_is_walked_without_a_paging_table(
        tmp_path: Path, dialect: str) -> None:
    code, findings, state = walked(tmp_path / "ok", dialect, None, paging="none")
    assert (code, findings, state["requests"]) == (0, [], 3)
    code, findings, _ = walked(tmp_path / "bug", dialect, "repeat", paging="none")
    assert code == 1
    assert {"drift.page-repeated", "drift.page-loop"} <= {f["code"] for f in findings}


def test_paging_false_samples_the_first_page_only(tmp_path: Path) -> None:
    code, findings, state = walked(tmp_path, "link", "repeat", paging="false")
    assert (code, findings, state["requests"]) == (0, [], 1)


def test_a_cursor_whose_parameter_the_contract_does_not_declare_is_not_guessed(
        tmp_path: Path) -> None:
    state: dict[str, Any] = {"bug": None}
    contract = PAGED_CONTRACT.replace(
        "        - {name: after, in: query, schema: {type: string}}\n", "")
    with serve(paged_service(state)) as origin:
        root = mini_project(tmp_path / "p", contract=contract,
                            settings=paged_settings(origin, "hub", paging="none"))
        assert night(root) == (0, [])
    assert state["requests"] == 1
