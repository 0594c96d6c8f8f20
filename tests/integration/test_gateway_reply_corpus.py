"""A fourth corpus of gateway calls and pushes from the platforms' public documentation and SDK
samples (``tests/support/gateway_public_replies.py``): the integration's replies to pushes are
checked against the webhook's declared responses at ``response:/…``, and a call that names no
operation points at the parameter its profile names. Every call gives exactly the findings it
names, code and pointer, nothing missed, added or said twice."""

from __future__ import annotations

import pytest

from tests.support import gateway_public, gateway_public_fresh, gateway_public_replies


@pytest.fixture(scope="module")
def verdicts() -> dict[str, gateway_public.Verdict]:
    return gateway_public.verdicts_by_name(of=gateway_public_replies.cases())


CASES = [case.name for case in gateway_public_replies.cases()]


def test_the_corpus_is_new_and_covers_every_pack_and_reply() -> None:
    cases = gateway_public_replies.cases()
    assert len(set(CASES)) == len(CASES)
    older = {case.name for case in [*gateway_public.cases(), *gateway_public_fresh.cases()]}
    assert not set(CASES) & older
    assert {case.platform for case in cases} == {"taobao", "jd", "pinduoduo", "sf-fengqiao"}
    pointers = {pointer or "" for case in cases for _, pointer in case.expected}
    # replies to pushes, JSON and XML, and calls without an operation on every platform
    assert {"response:/return_code", "response:/Response/Head", "response:/success",
            "request:/method", "request:/type", "request:/serviceCode"} <= pointers


@pytest.mark.parametrize("name", CASES)
def test_each_call_gives_exactly_its_findings(
        verdicts: dict[str, gateway_public.Verdict], name: str) -> None:
    verdict = verdicts[name]
    assert sorted(verdict.found, key=str) == sorted(verdict.case.expected, key=str)
