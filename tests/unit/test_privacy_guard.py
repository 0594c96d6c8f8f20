"""The final guard: every finding is masked at the runner boundary, whatever the check quoted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from seamguard.checks import CHECKS, CheckSpec, RunContext
from seamguard.findings import Finding, Location, Severity
from seamguard.privacy import mask_finding, mask_text
from seamguard.project import find_project
from seamguard.report import write_reports
from seamguard.runner import run_checks

PHONE, EMAIL, CARD = "13812345678", "zhangwei@example.com", "6222021234567890128"
LEAKY = "privacy-guard-test.leaky"


def leaky_check(context: RunContext) -> Iterator[Finding]:
    """A check that forgets to mask what it quotes."""
    finding = Finding(
        code="test.leak", severity=Severity.ERROR, check=LEAKY,
        message=f"customer {EMAIL} (phone +86 {PHONE}) paid with {CARD} for order 5829461287001",
        location=Location(file="x.yaml", pointer="/order/phone"),
        expected={"phone": "+8613912345678", "order_id": 5829461287001},
        actual=f"{PHONE}", hint="fix the data")
    context.alert([finding])
    yield finding


if LEAKY not in CHECKS:
    CHECKS.add(LEAKY, CheckSpec(LEAKY, "leaks on purpose", f"{__name__}:leaky_check"))


def test_mask_finding_keeps_ids_and_masks_people() -> None:
    finding = next(iter(leaky_check(RunContext(project=None, catalog=None))))  # type: ignore[arg-type]
    masked = mask_finding(finding)
    assert PHONE not in masked.message
    assert EMAIL not in masked.message
    assert CARD not in masked.message
    assert "5829461287001" in masked.message
    assert masked.expected == {"phone": "+86139****5678", "order_id": 5829461287001}
    assert masked.actual == "138****5678"
    assert mask_finding(masked) is masked


def test_the_runner_masks_every_finding_and_alert_before_reports(mini: Path) -> None:
    project = find_project(mini, explicit=True)
    report = run_checks(project, [LEAKY], command="check")
    written = write_reports(report, mini / "reports", fail_on="error")
    texts = [path.read_text("utf-8") for path in written]
    texts += [f.message for f in report.alerts]
    assert texts
    for text in texts:
        for value in (PHONE, EMAIL, CARD, "13912345678"):
            assert value not in text
    assert any("5829461287001" in text for text in texts)


def test_a_finding_made_after_the_checks_ran_is_masked_as_it_enters_the_report() -> None:
    """Alerts and baselines add findings after the checks ran (an apprise URL pasted where its
    variable's name belongs, a baseline reason quoting a customer): the report masks them."""
    from seamguard.findings import Finding, Location, Report, Severity

    report = Report(project=".", command="drift run")
    report.extend([Finding(
        code="alert.not-configured", severity=Severity.WARNING, check="alerts",
        message="no alert was sent: mailto://li.lei@163.com:Pw57M49VDtRFgghY@smtp.163.com, "
                "https://hooks.slack.com/services/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"
                " is not set", location=Location(file="pyproject.toml"),
        hint="call 13912345678")])
    [finding] = report.findings
    for value in ("Pw57M49VDtRFgghY", "wtexxkitd1u4g4pzc83eaa8m", "13912345678"):
        assert value not in finding.message + (finding.hint or "")


@pytest.mark.parametrize(("text", "secret"), [
    ("alerts: mailto://alice:Passw0rd123@example.com is not configured", "Passw0rd123"),
    ("tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/-100123456", "AAHdqTcvCH1vGWJ"),
    ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#general", "TIiajkdnlazkcOXr"),
    ("json://user:pa55word@localhost:8080/path", "pa55word"),
    ("could not connect to postgresql://app:S3cretPw@127.0.0.1:5432/test", "S3cretPw"),
    ("amqp://guest:gu3st-pass@127.0.0.1:5672/", "gu3st-pass"),
    ("git+https://tok:x-oauth-basic@github.com/a/b", "x-oauth-basic"),
])
def test_a_url_of_any_scheme_shows_no_credential(text: str, secret: str) -> None:
    masked = mask_text(text)
    assert secret not in masked
    assert secret[:1] + "***" not in masked  # not even its first character
    assert text.partition("://")[0].rsplit(" ", 1)[-1] + "://" in masked  # the scheme stays


def test_a_place_url_keeps_its_host_and_path() -> None:
    masked = mask_text("could not connect to postgresql://app:S3cretPw@127.0.0.1:5432/test")
    assert masked.endswith("postgresql://<redacted>@127.0.0.1:5432/test")
    assert mask_text("wrote file:///tmp/reports/x.json") == "wrote file:///tmp/reports/x.json"
    assert mask_text("sqlite:///db.sqlite") == "sqlite:///db.sqlite"
