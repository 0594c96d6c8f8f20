"""Accepted findings: stable fingerprints, glob and fingerprint matching, expiry, fixed ones."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.baseline import (
    Acceptance,
    Baseline,
    DriftIgnore,
    apply_baseline,
    fingerprint,
    load_baseline,
    save_baseline,
)
from seamguard.errors import UsageError
from seamguard.findings import CheckRun, Finding, Location, Report, Severity

TODAY = date(2026, 6, 1)


def finding(code: str = "field.missing", **where: object) -> Finding:
    location = {"platform": "shopify", "version": "2024-07", "operation": "GET /orders.json",
                "pointer": "/orders/0/total_tax", "file": "fixtures/cassettes/o.yaml",
                "line": 12, "interaction": 3, **where}
    return Finding(code, Severity.ERROR, "required field 'total_tax' is missing", "recorded",
                   Location(**location))  # type: ignore[arg-type]


@given(message=st.text(), line=st.integers(1, 10_000), interaction=st.integers(0, 500))
def test_fingerprints_ignore_what_changes_between_runs(message: str, line: int,
                                                       interaction: int) -> None:
    original = finding()
    moved = replace(original, message=message, actual={"n": line},
                    location=replace(original.location, line=line, interaction=interaction))
    assert fingerprint(moved) == fingerprint(original)


def test_fingerprints_tell_places_and_codes_apart() -> None:
    base = fingerprint(finding())
    assert fingerprint(finding("field.wrong-type")) != base
    assert fingerprint(finding(pointer="/orders/0/total_price")) != base
    assert fingerprint(finding(file="fixtures/cassettes/other.yaml")) != base
    assert fingerprint(finding(key="5829461287003")) != base


def test_the_drift_history_keeps_its_stored_identities() -> None:
    f = finding()
    loc = f.location
    text = "\x1f".join([f.code, loc.platform or "", loc.version or "", loc.operation or "",
                        loc.pointer or ""])
    assert fingerprint(f, place=False) == hashlib.sha256(text.encode()).hexdigest()[:32]
    assert fingerprint(replace(f, location=replace(loc, file="reports/drift/x.yaml")),
                       place=False) == fingerprint(f, place=False)


def test_globs_match_codes_and_places() -> None:
    f = finding("drift.undeclared-field", pointer="/orders/0/x-beta")
    assert Acceptance(code="drift.*", pointer="/orders/*/x-*", reason="beta").matches(f)
    assert not Acceptance(code="drift.*", platform="hubspot", reason="r").matches(f)
    assert Acceptance(code="drift.*", platform="shopify", reason="r").matches(
        replace(f, location=replace(f.location, platform=None)), platform="shopify")
    assert not Acceptance(code="field.*", reason="r").matches(f)
    diff = Finding("diff.response-property-enum-value-added", Severity.ERROR, "m", "diff",
                   Location(operation="GET /orders.json", pointer="response 200 /x"))
    assert Acceptance(code="response-property-enum-value-added",
                      operation="GET /orders*", reason="r").matches(diff)
    spec = replace(diff, code="spec.response-property-enum-value-added")
    assert Acceptance(code="response-property-enum-*", reason="r").matches(spec)


def _report(*findings: Finding) -> Report:
    return Report(project="p", command="verify", findings=list(findings),
                  checks=[CheckRun("recorded", "Recorded", 3)])


def test_apply_accepts_up_to_the_count_and_reports_new_fixed_and_expired() -> None:
    f = finding()
    other = finding(pointer="/orders/1/total_tax")
    baseline = Baseline(accept=[
        Acceptance(code=f.code, check="recorded", fingerprint=fingerprint(f), count=2,
                   reason="known"),
        Acceptance(code="field.gone", check="recorded", fingerprint="0" * 32, reason="old"),
        Acceptance(code="field.wrong-type", check="recorded", reason="r",
                   expires=date(2026, 5, 31)),
    ])
    report = _report(f, replace(f, location=replace(f.location, interaction=9)), f, other)
    apply_baseline(report, baseline, today=TODAY, source="seamguard-baseline.yaml")
    assert [a[1] for a in report.accepted] == ["known", "known"]
    codes = [x.code for x in report.findings]
    assert codes.count("field.missing") == 2  # the third of one fingerprint, and another place
    assert "baseline.fixed" in codes
    assert "baseline.expired" in codes
    fixed = next(x for x in report.findings if x.code == "baseline.fixed")
    assert fixed.severity is Severity.INFO
    assert "1 of 1 accepted" in fixed.message


def test_a_partial_run_does_not_call_unseen_findings_fixed() -> None:
    baseline = Baseline(accept=[Acceptance(code="x", check="recorded", fingerprint="0" * 32,
                                           reason="r")])
    report = _report()
    apply_baseline(report, baseline, today=TODAY, source="b.yaml", complete=False)
    assert report.findings == []


def test_save_keeps_reasons_and_hand_written_entries(tmp_path: Path) -> None:
    path = tmp_path / "baseline.yaml"
    f, g = finding(), finding("field.wrong-type")
    first, added = save_baseline(path, [f, f], reason="first")
    assert added == 1
    assert first.accept[0].count == 2
    hand = Acceptance(code="field.wrong-*", reason="by hand")
    previous = Baseline(accept=[*first.accept, hand])
    second, added = save_baseline(path, [f, g], reason="second", previous=previous)
    assert added == 0  # f kept with its reason; g covered by the hand-written glob
    assert [e.reason for e in second.accept] == ["first", "by hand"]
    assert second.accept[0].count is None  # one of them was fixed
    loaded = load_baseline(path)
    assert loaded.accept == second.accept


def test_an_invalid_baseline_names_file_line_and_pointer(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("accept:\n  - code: field.missing\n    reason: ok\n  - code: x\n",
                    encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_baseline(path, display="b.yaml")
    assert caught.value.file == "b.yaml"
    assert caught.value.pointer == "/accept/1/reason"
    assert caught.value.line == 4


def test_drift_ignores_need_owner_and_expiry() -> None:
    with pytest.raises(ValueError, match="owner"):
        DriftIgnore(code="drift.*", reason="r", expires=TODAY)  # type: ignore[call-arg]


def test_one_format_for_baselines_diff_ignore_files_and_drift_rules(tmp_path: Path) -> None:
    from seamguard.ignores import load_ignore_file

    path = tmp_path / "ignore.yaml"
    path.write_text("ignore:\n"
                    "  - id: response-property-enum-value-added\n"
                    "    operation: GET /orders*\n"
                    "    path: response 200 *\n"
                    "    reason: handled\n"
                    "    expires: 2099-01-01\n", encoding="utf-8")
    as_baseline = load_baseline(path).accept[0]
    as_ignore = load_ignore_file(path).active[0]
    assert as_baseline == as_ignore
    assert isinstance(as_ignore, Acceptance)
    change = Finding("diff.response-property-enum-value-added", Severity.ERROR, "m", "diff",
                     Location(operation="GET /orders.json", pointer="response 200 /x"))
    assert as_baseline.matches(change)
    assert as_ignore.matches_change("response-property-enum-value-added",
                                    operation="GET /orders.json", pointer="response 200 /x")
    rule = DriftIgnore(code="drift.*", reason="r", owner="ops", expires=TODAY)
    assert isinstance(rule, Acceptance)


@pytest.mark.parametrize(("schema", "said"), [
    ("seamguard.baseline/2", "another version of the baseline format"),
    ("oasdiff.ignore/1", "names no seamguard baseline"),
])
def test_a_baseline_of_another_format_or_version_is_refused(tmp_path: Path, schema: str,
                                                            said: str) -> None:
    path = tmp_path / "baseline.yaml"
    path.write_text(f"schema: {schema}\naccept:\n  - code: x.y\n    reason: r\n",
                    encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_baseline(path)
    assert said in caught.value.message
    assert (caught.value.line, caught.value.pointer) == (1, "/schema")


def test_a_baseline_without_a_schema_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ignore.yaml"
    path.write_text("accept:\n  - code: x.y\n    reason: r\n", encoding="utf-8")
    assert [entry.code for entry in load_baseline(path).accept] == ["x.y"]
