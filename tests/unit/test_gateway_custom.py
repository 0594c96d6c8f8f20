"""A slice of the scorer of gateway platforms set up from the docs alone
(``python -m tests.support.gateway_custom``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import gateway_custom as scorer


@pytest.mark.parametrize("platform", ["youzan", "k3cloud"])
def test_a_path_routed_platform_set_up_from_the_docs_gives_exact_findings(
        platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in scorer.ENV.items():
        monkeypatch.setenv(name, value)
    results = scorer.verdicts(tmp_path, [platform])
    assert results
    wrong = [(case.case.name, found) for case, found in results
             if sorted(found, key=str) != sorted(case.expected, key=str)]
    assert wrong == []
    assert any(case.expected for case, _ in results)  # violations were planted
