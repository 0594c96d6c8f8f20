"""A third corpus of gateway calls from the platforms' public documentation and SDK samples
(``tests/support/gateway_public_fresh.py``), written after the checks they exercise: every call
gives exactly the findings it names, code and pointer, nothing missed, added or said twice."""

from __future__ import annotations

import pytest

from tests.support import gateway_public, gateway_public_fresh


@pytest.fixture(scope="module")
def verdicts() -> dict[str, gateway_public.Verdict]:
    return gateway_public.verdicts_by_name(of=gateway_public_fresh.cases())


CASES = [case.name for case in gateway_public_fresh.cases()]


def test_the_corpus_is_new_and_covers_every_pack() -> None:
    cases = gateway_public_fresh.cases()
    assert len(set(CASES)) == len(CASES)
    assert not set(CASES) & {case.name for case in gateway_public.cases()}
    assert {case.platform for case in cases} == {"taobao", "jd", "pinduoduo", "sf-fengqiao"}
    assert {"field.mismatch", "field.wrong-type", "body.not-xml", "operation.undocumented",
            "response.in-band-error", "signature.invalid", "body.embedded-not-json",
            "body.undecodable", "response.unknown-envelope"} <= {
        code for case in cases for code, _ in case.expected}


@pytest.mark.parametrize("name", CASES)
def test_each_call_gives_exactly_its_findings(
        verdicts: dict[str, gateway_public.Verdict], name: str) -> None:
    verdict = verdicts[name]
    assert sorted(verdict.found, key=str) == sorted(verdict.case.expected, key=str)
