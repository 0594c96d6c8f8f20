"""The example project with planted defects of every kind the reports must show: the quality and
reconciliation defects of tests.support.quality, plus one recorded order with a new enum value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.projects import copy_example, find_interaction, rewrite_body
from tests.support.quality import inject_defects


def _order_response(item: dict[str, Any], body: Any) -> bool:
    return ("/admin/api/2024-07/orders/" in item["request"]["uri"]
            and item["response"]["status"]["code"] == 200
            and isinstance(body, dict) and isinstance(body.get("order"), dict))


def broken_example(dest: Path) -> tuple[Path, Path, int]:
    """The broken project, and the cassette and interaction index of the planted enum value."""
    project = copy_example(dest, sync_examples=3)
    inject_defects(project)
    path, index, body = find_interaction(project, _order_response)
    body["order"]["financial_status"] = "expired"
    rewrite_body(path, index, body)
    return project, path, index
