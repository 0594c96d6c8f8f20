"""Platforms and operations set up through project settings alone (TOP logistics traces and
refund messages, JD order detail, Pinduoduo logistics and order status, SF cancel,
Xiaohongshu, WeChat Shop, Jiandaoyun pushes) give exact findings for every planted defect
(``python -m tests.support.gateway_fresh2``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import gateway_fresh2 as scorer


@pytest.mark.parametrize("platform", ["tb", "jos", "pdd", "sf", "xhs", "channels", "jdy", "mt"])
def test_a_platform_set_up_from_its_docs_gives_exact_findings(
        platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in scorer.ENV.items():
        monkeypatch.setenv(name, value)
    results = scorer.verdicts(tmp_path, [platform])
    assert results
    wrong = [(case.name, found) for case, found in results
             if isinstance(found, str) or sorted(found, key=str) != sorted(case.expected,
                                                                          key=str)]
    assert wrong == []
    assert any(case.expected for case, _ in results)  # defects were planted
