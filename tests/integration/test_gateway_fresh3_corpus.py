"""Platforms set up through settings alone whose signed text starts with the request URL
(Meituan takeaway), that name an operation by two parameters (Vipshop's ``service`` +
``method``), and Jiandaoyun pushes with a delivery-id header (``tests/support/gateway_fresh3``):
every call gives exactly the findings it names (code, pointer, severity), every unknown name's
hint offers the one meant, and every ambiguous signing template is refused when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import gateway_fresh3
from tests.support.gateway_fresh3_project import ENV, REFUSED


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ENV.items():
            patch.setenv(name, value)
        verdicts = gateway_fresh3.verdicts(tmp_path_factory.mktemp("fresh3"))
    return {case.name: (found if isinstance(found, str) else sorted(found) ==
                        sorted(case.expected) or found) for case, found in verdicts}


CASES = [case.name for cases in gateway_fresh3.cases().values() for case in cases]


@pytest.mark.parametrize("name", CASES)
def test_each_call_gives_exactly_its_findings(results: dict[str, object], name: str) -> None:
    assert results[name] is True


def test_every_ambiguous_template_is_refused_with_what_clashes(tmp_path: Path) -> None:
    assert gateway_fresh3.refusals(tmp_path) == [(name, None) for name in REFUSED]
