"""A fifth corpus of gateway calls and pushes from the platforms' public documentation and SDK
samples (``tests/support/gateway_docs_corpus.py``): refund detail, HMAC-signed shipping, TMC
messages, JD order detail, Pinduoduo shipping and order list, SF update, routes and pushes, and
GBK bodies under a Content-Type naming no charset. Every call gives exactly the findings it
names, code and pointer, nothing missed, added or said twice."""

from __future__ import annotations

import pytest

from tests.support import gateway_docs_corpus, gateway_public


@pytest.fixture(scope="module")
def verdicts() -> dict[str, gateway_public.Verdict]:
    return gateway_public.verdicts_by_name(of=gateway_docs_corpus.cases())


CASES = [case.name for case in gateway_docs_corpus.cases()]


def test_the_corpus_is_new_and_covers_every_pack() -> None:
    cases = gateway_docs_corpus.cases()
    assert len(set(CASES)) == len(CASES)
    assert not set(CASES) & {case.name for case in gateway_public.cases()}
    # GBK under no charset (a form, a query string, a JSON body or answer, pushes) and JSON
    # after a byte-order mark, on every platform
    assert {case.platform for case in cases if ("body.charset-undeclared", None)
            in case.expected} == {"taobao", "jd", "pinduoduo", "sf-fengqiao"}
    assert {case.platform for case in cases if any(
        code == "body.byte-order-mark" for code, _ in case.expected)} == {
        "taobao", "jd", "pinduoduo", "sf-fengqiao"}
    assert {case.platform for case in cases} == {"taobao", "jd", "pinduoduo", "sf-fengqiao"}
    assert {"field.wrong-type", "field.missing", "field.unknown-enum", "operation.undocumented",
            "response.in-band-error", "signature.invalid", "body.embedded-not-json",
            "body.charset-undeclared", "response.unknown-envelope"} <= {
        code for case in cases for code, _ in case.expected}


@pytest.mark.parametrize("name", CASES)
def test_each_call_gives_exactly_its_findings(
        verdicts: dict[str, gateway_public.Verdict], name: str) -> None:
    verdict = verdicts[name]
    assert sorted(verdict.found, key=str) == sorted(verdict.case.expected, key=str)
