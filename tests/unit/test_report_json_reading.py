"""``baseline save`` reads report.json back: a damaged report is placed by JSON pointer, never
described in Python's words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import UsageError
from seamguard.report.json_reading import report_findings

GOOD = {"code": "field.undeclared", "severity": "error", "check": "recorded", "message": "m",
        "location": {"platform": "shop", "pointer": "/order/x"}}


@pytest.mark.parametrize(("data", "pointer", "said"), [
    ([], "/", "found a list"),
    ({"checks": []}, "/findings", "no `findings`"),
    ({"findings": "none"}, "/findings", "found a string"),
    ({"findings": [GOOD, 3]}, "/findings/1", "found a number"),
    ({"findings": [{**GOOD, "code": None}]}, "/findings/0/code", "found null"),
    ({"findings": [{k: v for k, v in GOOD.items() if k != "check"}]}, "/findings/0/check",
     "found nothing"),
    ({"findings": [{**GOOD, "severity": "fatal"}]}, "/findings/0/severity", "'fatal'"),
    ({"findings": [{**GOOD, "location": []}]}, "/findings/0/location", "found a list"),
    ({"findings": [{**GOOD, "reproduce": "x"}]}, "/findings/0/reproduce", "found a string"),
    ({"findings": [], "accepted": {}}, "/accepted", "found an object"),
    ({"findings": [], "checks": "all"}, "/checks", "list of checks"),
])
def test_a_damaged_report_is_placed_by_pointer(tmp_path: Path, data: Any, pointer: str,
                                               said: str) -> None:
    source = tmp_path / "report.json"
    source.write_text(json.dumps(data, indent=1), encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        report_findings(data, source)
    assert caught.value.pointer == pointer
    assert said in caught.value.message
    assert "object has no attribute" not in caught.value.message


def test_the_findings_and_accepted_ones_of_a_report_are_read(tmp_path: Path) -> None:
    data = {"findings": [GOOD], "accepted": [{**GOOD, "code": "field.missing"}], "checks": []}
    found = report_findings(data, tmp_path / "report.json")
    assert [f.code for f in found] == ["field.undeclared", "field.missing"]
