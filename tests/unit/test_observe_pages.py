"""Observed drift over pages of items: shares are of responses, declared formats by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seamguard.findings import Finding, Severity
from seamguard.project import find_project
from seamguard.runner import run_checks
from tests.support.drift_service import ORDERS_CONTRACT, order
from tests.support.projects import interaction, mini_project

URI = "https://shop.example.com/api/v1/orders.json"


def observe(root: Path, pages: list[list[dict[str, Any]]]) -> list[Finding]:
    mini_project(root, contract=ORDERS_CONTRACT,
                 interactions=[interaction({"orders": page, "next_cursor": None}, uri=URI)
                               for page in pages])
    return run_checks(find_project(root), ["drift.observed"], command="drift").findings


def page(start: int, size: int = 5, **changes: Any) -> list[dict[str, Any]]:
    items = [order(n) for n in range(start, start + size)]
    for item in items:
        for key, value in changes.items():
            if value is ...:
                item.pop(key)
            else:
                item[key] = value
    return items


def test_healthy_pages_have_no_drift(tmp_path: Path) -> None:
    assert observe(tmp_path, [page(1), page(6), page(11)]) == []


def test_a_change_in_every_item_of_some_pages_counts_those_pages(tmp_path: Path) -> None:
    pages = [page(1), page(6, status="refunded"), page(11, status=...),
             page(16, status="refunded"), page(21, created_at="2024-07-01 10:00:00")]
    found = {f.code: f for f in observe(tmp_path, pages)}
    enum, missing = found["drift.new-enum-value"], found["drift.required-missing"]
    assert enum.location.pointer == missing.location.pointer == "/orders/*/status"
    assert "in 40.0% of 5 responses (2)" in enum.message
    assert "in 20.0% of 5 responses (1)" in missing.message
    assert (missing.actual or {}) == {"hits": 1, "of": 5}


def test_a_declared_date_time_without_offset_is_format_changed(tmp_path: Path) -> None:
    pages = [page(1), page(6, created_at="2024-07-01 10:00:00")]
    [finding] = observe(tmp_path, pages)
    assert (finding.code, finding.location.pointer) == ("drift.format-changed",
                                                        "/orders/*/created_at")
    assert finding.expected == "date-time"
    assert "in 50.0% of 2 responses (1)" in finding.message
    # a contract violation: an error even though no mapping reads the field
    assert finding.severity is Severity.ERROR
