"""A sixth corpus of gateway calls, built the way the platforms' SDKs build them
(``tests/support/gateway_sdk_exact.py``): every call gives exactly the findings it names, code
and pointer, and a misspelt operation carries the "did you mean" of the one it meant."""

from __future__ import annotations

import pytest

from tests.support import (
    gateway_docs_corpus,
    gateway_public,
    gateway_public_fresh,
    gateway_public_replies,
    gateway_sdk_exact,
)
from tests.support.record_gateways import SECRET_ENV


@pytest.fixture(scope="module")
def results() -> dict[str, gateway_sdk_exact.Result]:
    with pytest.MonkeyPatch.context() as patch:
        for name, secret in SECRET_ENV.items():
            patch.setenv(name, secret)
        return {r.case.name: r for r in gateway_sdk_exact.results()}


CASES = [case.name for case in gateway_sdk_exact.cases()]


def test_the_corpus_is_new_and_plants_each_kind_on_each_platform() -> None:
    cases = gateway_sdk_exact.cases()
    assert len(set(CASES)) == len(CASES)
    older = {case.name for case in [*gateway_public.cases(), *gateway_public_fresh.cases(),
                                    *gateway_public_replies.cases(),
                                    *gateway_docs_corpus.cases()]}
    assert not set(CASES) & older
    kinds = {"signature.invalid", "response.in-band-error", "operation.undocumented",
             "field.wrong-type", "field.unknown-enum", "field.wrong-format", "field.missing",
             "body.duplicate-key", "body.undecodable"}
    for platform in ("taobao", "jd", "pinduoduo", "sf-fengqiao"):
        mine = [case for case in cases if case.platform == platform]
        assert kinds <= {code for case in mine for code, _ in case.expected}, platform
        assert any(not case.expected for case in mine)
        assert any(tag.startswith("suggest:") for case in mine for tag in case.tags)


@pytest.mark.parametrize("name", CASES)
def test_each_call_gives_exactly_its_findings(
        results: dict[str, gateway_sdk_exact.Result], name: str) -> None:
    result = results[name]
    assert result.exact, result.differences()
