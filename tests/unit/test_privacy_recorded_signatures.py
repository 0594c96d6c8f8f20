"""The privacy check and the request signatures a gateway platform's cassettes keep on purpose."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from seamguard.checks import RunContext
from seamguard.contracts.catalog import ContractCatalog
from seamguard.privacy.scan import recorded_signatures, run_check
from seamguard.project import find_project
from tests.support.gateway_fresh2 import F2Case
from tests.support.gateway_fresh3 import cases as fresh3_cases
from tests.support.gateway_fresh3_project import ENV, write
from tests.support.gateway_fresh4 import cases as fresh4_cases
from tests.support.gateway_fresh4_project import ENV as F4_ENV
from tests.support.gateway_fresh4_project import write as write_fresh4
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


@pytest.mark.parametrize(("value", "flagged"), [
    ("Bearer 3f9a1c0d7b2e4f6a8c1d3e5f7a9b0c2d", True),  # a token, not the platform's digest
    ("3f9a1c0d7b2e4f6a8c1d3e5f7a9b0c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b", False),
])
def test_a_signature_sent_as_authorization_is_taken_only_as_a_bare_digest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, flagged: bool) -> None:
    for name, secret in F4_ENV.items():
        monkeypatch.setenv(name, secret)
    root = write_fresh4(tmp_path / "shopee", "shopee")
    assert "Authorization" in recorded_signatures(find_project(root, explicit=True))
    case = next(c for c in fresh4_cases()["shopee"] if c.headers.get("Authorization"))
    case = dataclasses.replace(case, headers={**case.headers, "Authorization": value})
    write_cassette(root / "fixtures" / "cassettes" / "c.yaml", case)
    found = [code for code, pointer in _privacy(root) if pointer and pointer.endswith("headers")]
    assert found == (["privacy.secret"] if flagged else [])


def test_a_push_signature_header_is_no_secret_in_its_cassettes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    root = write(tmp_path / "jdy", "jdy")
    case = next(c for c in fresh3_cases()["jdy"] if c.name == "jdy-remove-clean")
    write_cassette(root / "fixtures" / "cassettes" / "c.yaml", case)
    assert "X-JDY-Signature" in recorded_signatures(find_project(root, explicit=True))
    assert _privacy(root) == []
