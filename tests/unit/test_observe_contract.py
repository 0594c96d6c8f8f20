"""Observed drift sees what verify sees: top-level arrays, null items, open objects, oneOf enums,
JSON Pointer paths; and every contract violation verify finds on a cassette, observe finds too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.drift.history import IgnoreRule
from seamguard.findings import Finding, Severity
from seamguard.project import find_project
from seamguard.runner import run_checks
from tests.support.projects import interaction, mini_project

# A Django REST Framework style contract: a list endpoint answering a top-level array, a status
# enum spelled drf-spectacular's way (StatusEnum | BlankEnum | NullEnum), an open `metadata`
# object, a map of extras, and a closed line item.
DRF_CONTRACT = """
openapi: 3.1.0
info: {title: Receipts, version: v1}
paths:
  /receipts/:
    get:
      responses:
        "200":
          description: The receipts.
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Receipt'}
components:
  schemas:
    StatusEnum: {type: string, enum: [open, paid]}
    BlankEnum: {enum: ['']}
    NullEnum: {enum: [null]}
    Receipt:
      type: object
      required: [ReceiptNumber, status, lines]
      properties:
        ReceiptNumber: {type: string}
        status:
          oneOf:
            - {$ref: '#/components/schemas/StatusEnum'}
            - {$ref: '#/components/schemas/BlankEnum'}
            - {$ref: '#/components/schemas/NullEnum'}
        metadata: {type: object}
        extras: {type: object, additionalProperties: true}
        tags: {type: array, items: {type: string}}
        lines:
          type: array
          items:
            type: object
            required: [sku]
            properties:
              sku: {type: string}
              qty: {type: integer}
"""


def receipt(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"ReceiptNumber": "R-1", "status": "open",
                            "metadata": {"anything": 1, "goes": [True]},
                            "extras": {"a": "b"}, "tags": ["x"],
                            "lines": [{"sku": "A", "qty": 1}]}
    for key, value in changes.items():
        if value is ...:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def project(root: Path, bodies: list[Any]) -> Path:
    interactions = [interaction(body, uri="https://shop.example.com/api/v1/receipts/")
                    for body in bodies]
    return mini_project(root, contract=DRF_CONTRACT, interactions=interactions)


def drift(root: Path) -> list[Finding]:
    return run_checks(find_project(root), ["drift.observed"], command="drift").findings


def verified(root: Path) -> list[Finding]:
    return run_checks(find_project(root), ["recorded"], command="check").findings


def test_clean_drf_lists_with_open_objects_and_oneof_enums_have_no_drift(tmp_path: Path) -> None:
    bodies = [[receipt(), receipt(status=""), receipt(status=None, metadata={"k": {"x": 1}})]
              for _ in range(3)]
    root = project(tmp_path, bodies)
    assert verified(root) == []
    assert drift(root) == []


def test_violations_inside_top_level_arrays_use_pointers_with_stars(tmp_path: Path) -> None:
    bodies = [[receipt(), receipt(ReceiptNumber=7, status="void",
                                  lines=[{"sku": "A"}, None, {"qty": 2}], surprise=1)]]
    findings = {(f.code, f.location.pointer, f.severity) for f in drift(project(tmp_path, bodies))}
    assert findings == {
        ("drift.type-changed", "/*/ReceiptNumber", Severity.ERROR),
        ("drift.new-enum-value", "/*/status", Severity.ERROR),
        ("drift.unexpected-null", "/*/lines/*", Severity.ERROR),
        ("drift.required-missing", "/*/lines/*/sku", Severity.ERROR),
        ("drift.undeclared-field", "/*/surprise", Severity.WARNING),
    }


def test_documented_ignore_glob_matches_observed_pointers(tmp_path: Path) -> None:
    bodies = [[receipt(ReceiptNumber=1)]]
    [finding] = drift(project(tmp_path, bodies))
    rule = IgnoreRule(code="drift.type-changed", platform=None, pointer="/*/ReceiptNumber",
                      owner="team", reason="numbers are fine", expires=__import__(
                          "datetime").date(2999, 1, 1))
    assert rule.matches(finding, "shop")


def _kind(finding: Finding) -> tuple[str, str]:
    kind = {"field.wrong-type": "type", "field.missing": "required",
            "field.unknown-enum": "enum", "field.undeclared": "undeclared",
            "drift.type-changed": "type", "drift.unexpected-null": "type",
            "drift.required-missing": "required", "drift.new-enum-value": "enum",
            "drift.undeclared-field": "undeclared"}.get(finding.code, finding.code)
    return kind, re.sub(r"/\d+(?=/|$)", "/*", finding.location.pointer or "")


values = st.one_of(st.none(), st.integers(-3, 3), st.text(max_size=3), st.booleans(),
                   st.sampled_from(["open", "paid", "", "void"]))
mutations = st.fixed_dictionaries({}, optional={
    "ReceiptNumber": st.one_of(values, st.just(...)),
    "status": st.one_of(values, st.just(...)),
    "metadata": st.one_of(values, st.dictionaries(st.text(max_size=2), values, max_size=2)),
    "tags": st.lists(values, max_size=3),
    "lines": st.lists(st.one_of(st.none(), st.fixed_dictionaries(
        {}, optional={"sku": values, "qty": values, "extra": values})), max_size=3),
    "unknown": values,
})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(mutations, min_size=1, max_size=3), min_size=1, max_size=3))
def test_drift_observe_finds_every_violation_verify_finds(tmp_path_factory: Any,
                                                          changes: list[list[dict[str, Any]]]
                                                          ) -> None:
    bodies = [[receipt(**change) for change in page] for page in changes]
    root = project(tmp_path_factory.mktemp("p"), bodies)
    expected = {_kind(f) for f in verified(root)}
    found = {_kind(f) for f in drift(root)}
    assert expected <= found
    assert all(f.severity is not Severity.INFO for f in drift(root)
               if f.code != "drift.format-changed")
