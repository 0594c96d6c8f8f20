"""Gateway calls written from the platforms' public documentation and SDK examples
(``tests/support/gateway_public.py``), each with one planted contract violation or none: every
call gives exactly the findings it names, code and pointer, with nothing missed, added or said
twice."""

from __future__ import annotations

import pytest

from tests.support import gateway_public


@pytest.fixture(scope="module")
def verdicts() -> dict[str, gateway_public.Verdict]:
    return gateway_public.verdicts_by_name()


CASES = [case.name for case in gateway_public.cases()]


def test_the_corpus_covers_every_pack_and_each_kind_of_defect() -> None:
    cases = gateway_public.cases()
    assert len(set(CASES)) == len(CASES)
    assert {case.platform for case in cases} == {"taobao", "jd", "pinduoduo", "sf-fengqiao"}
    codes = {code for case in cases for code, _ in case.expected}
    assert {"field.wrong-type", "field.missing", "response.in-band-error", "signature.invalid",
            "signature.missing", "operation.undocumented", "response.unknown-envelope",
            "response.unexpected-format", "body.undecodable"} <= codes
    assert sum(not case.expected for case in cases) >= 6  # clean calls give no finding at all


@pytest.mark.parametrize("name", CASES)
def test_each_call_gives_exactly_its_findings(
        verdicts: dict[str, gateway_public.Verdict], name: str) -> None:
    verdict = verdicts[name]
    assert sorted(verdict.found, key=str) == sorted(verdict.case.expected, key=str)
