"""The privacy check and the request signatures a gateway platform's cassettes keep on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.checks import RunContext
from seamguard.contracts.catalog import ContractCatalog
from seamguard.privacy.scan import recorded_signatures, run_check
from seamguard.project import find_project
from tests.support.gateway_fresh2 import F2Case
from tests.support.gateway_fresh3 import cases as fresh3_cases
from tests.support.gateway_fresh3_project import ENV, write
from tests.support.gateway_roundtrip import write_cassette


def _privacy(root: Path) -> list[tuple[str, str | None]]:
    project = find_project(root, explicit=True)
    context = RunContext(project=project, catalog=ContractCatalog(project), check="privacy")
    return [(f.code, f.location.pointer) for f in run_check(context)]


@pytest.fixture
def signed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, F2Case]:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    root = write(tmp_path / "mtwm", "mtwm")
    case = next(c for c in fresh3_cases()["mtwm"] if c.name == "mtwm-poi-ids-clean")
    return root, case


def test_the_signature_the_platform_signs_with_is_no_secret_in_its_cassettes(
        signed: tuple[Path, F2Case]) -> None:
    root, case = signed
    write_cassette(root / "fixtures" / "cassettes" / "c.yaml", case)
    assert recorded_signatures(find_project(root, explicit=True)) == ["sig"]
    assert _privacy(root) == []


def test_other_credentials_beside_the_signature_are_still_secrets(
        signed: tuple[Path, F2Case]) -> None:
    root, case = signed
    case.url += "&app_secret=f3-mtwm-consumer-secret&signature=0123456789abcdef0123"
    write_cassette(root / "fixtures" / "cassettes" / "c.yaml", case)
    found = _privacy(root)
    assert ("privacy.secret", "/interactions/0/request/uri/app_secret") in found
    assert ("privacy.secret", "/interactions/0/request/uri/signature") in found
    assert not any(pointer and pointer.endswith("/sig") for _, pointer in found)


def test_a_signature_sent_as_authorization_stays_a_credential(
        signed: tuple[Path, F2Case]) -> None:
    root, _ = signed
    settings = (root / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(settings.replace(
        'signature = { in = ["query", "form"], name = "sig" }',
        'signature = { in = "header", name = "Authorization" }'), encoding="utf-8")
    assert recorded_signatures(find_project(root, explicit=True)) == []


def test_a_push_signature_header_is_no_secret_in_its_cassettes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    root = write(tmp_path / "jdy", "jdy")
    case = next(c for c in fresh3_cases()["jdy"] if c.name == "jdy-remove-clean")
    write_cassette(root / "fixtures" / "cassettes" / "c.yaml", case)
    assert "X-JDY-Signature" in recorded_signatures(find_project(root, explicit=True))
    assert _privacy(root) == []
