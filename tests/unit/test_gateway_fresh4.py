"""Carrier, marketplace and payment platforms set up through project settings alone (Cainiao
LINK, STO, JD Logistics' LOP, Shopee and Lazada signed over the request path, WeChat Pay v3
callbacks and Alipay notices signed with the platform's private key) give exact findings
for every planted defect, and settings that could be read two ways are refused
(``python -m tests.support.gateway_fresh4``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import gateway_fresh4 as scorer


def test_every_platform_set_up_from_its_docs_gives_exact_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in scorer.ENV.items():
        monkeypatch.setenv(name, value)
    results = scorer.verdicts(tmp_path)
    wrong = [(case.name, found) for case, found in results
             if isinstance(found, str) or sorted(found, key=str) != sorted(case.expected,
                                                                          key=str)]
    assert wrong == []
    assert {case.platform for case, _ in results} == {"cnlink", "sto", "jdl", "wxpay", "shopee",
                                                      "lazada", "alipay"}
    assert sum(1 for case, _ in results if case.expected) > len(results) / 2


def test_ambiguous_settings_are_refused_with_what_clashes(tmp_path: Path) -> None:
    assert scorer.refusals(tmp_path) == [(name, None) for name in scorer.REFUSED]
