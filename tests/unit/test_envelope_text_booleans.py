"""An answer writing a boolean the rules compare as text ("true") is said in the hint of its
unknown envelope, never read as the boolean."""

from __future__ import annotations

import pytest

from seamguard.wire.envelope import Envelope
from seamguard.wire.profile import EnvelopeSettings


def _envelope() -> Envelope:
    return Envelope(EnvelopeSettings.model_validate({
        "payload": "/data", "success_when": [{"pointer": "/success", "equals": True}],
        "errors": [{"when": [{"pointer": "/success", "equals": False}], "code": "/errorCode",
                    "message": "/errorMsg"}]}))


@pytest.mark.parametrize("text", ["true", "false", "TRUE", " true"])
def test_a_text_boolean_is_neither_envelope_and_is_named(text: str) -> None:
    envelope = _envelope()
    body = {"success": text, "errorCode": None, "data": {}}
    assert envelope.open(body).kind == "unknown"
    assert envelope.text_booleans(body, None) == [
        f"/success is the text {text!r}, but the rules compare it with a boolean"]


@pytest.mark.parametrize("body", [{"success": True, "data": {}}, {"success": "yes"},
                                  {"success": 1}, {"data": {}}, {"success": {"v": "true"}}])
def test_no_text_boolean_no_word(body: dict) -> None:
    assert _envelope().text_booleans(body, None) == []


def test_verify_says_it_in_the_unknown_envelope_hint(tmp_path, monkeypatch) -> None:
    import dataclasses

    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import find_project
    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedVerifier
    from tests.support.gateway_fresh4 import cases
    from tests.support.gateway_fresh4_project import ENV, write

    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    clean = next(c for c in cases()["sto"] if c.name == "sto-create-clean")
    case = dataclasses.replace(clean, answer={**clean.answer, "success": "true"})
    project = find_project(write(tmp_path / "sto", "sto"), explicit=True)
    recorded = case.interaction(0)
    cassette = Cassette(path=tmp_path / "c.yaml", display="c.yaml", interactions=[recorded])
    found = RecordedVerifier(project, ContractCatalog(project)).verify(cassette, recorded)
    assert [(f.code, f.location.pointer) for f in found] == [
        ("response.unknown-envelope", "/data")]
    assert 'equals = "true"' in (found[0].hint or "")
    assert "/success is the text 'true'" in (found[0].hint or "")
