"""A few gateway cases written as real projects (vcrpy cassettes on disk) and run through the
``seamguard verify`` and ``seamguard check`` CLI: the findings of report.json and the exit codes
must be the in-memory verdict's, whatever the cassette round trip did to bodies and headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.gateway_fresh2 import MEANT as F2_MEANT
from tests.support.gateway_fresh2 import cases as fresh2_cases
from tests.support.gateway_fresh2 import platform_verdicts
from tests.support.gateway_fresh2_project import ENV as F2_ENV
from tests.support.gateway_fresh2_project import write as write_fresh2
from tests.support.gateway_fresh3 import cases as fresh3_cases
from tests.support.gateway_fresh3_project import ENV as F3_ENV
from tests.support.gateway_fresh3_project import write as write_fresh3
from tests.support.gateway_fresh4 import MEANT as F4_MEANT
from tests.support.gateway_fresh4 import cases as fresh4_cases
from tests.support.gateway_fresh4_project import ENV as F4_ENV
from tests.support.gateway_fresh4_project import write as write_fresh4
from tests.support.gateway_roundtrip import round_trip

# A percent-encoded GBK form under no charset (its body becomes text in the cassette), a bytes
# body, a push signed in a header, signatures in query and form, an unknown operation's hint.
F2_CASES = {"tb": ("tb-trace-gbk-form-no-charset", "tb-trace-utf8-form-labelled-gbk",
                   "tb-trace-gbk-get-declared")}
F3_CASES = {"mtwm": ("mtwm-poi-ids-clean", "mtwm-detail-clean", "mtwm-detail-bad-sig"),
            "jdy": ("jdy-remove-clean", "jdy-remove-bad-signature")}
# A push signed in Authorization (a bare digest), a GBK push body kept as binary.
F4_CASES = {"shopee": ("shopee-push-status-clean", "shopee-push-bad-signature"),
            "wxpay": ("wx-paid-gbk-no-charset",)}


def _pick(grouped: dict, wanted: dict[str, tuple[str, ...]]) -> dict:
    return {p: [c for c in grouped[p] if c.name in names] for p, names in wanted.items()}


@pytest.mark.parametrize(("grouped", "wanted", "write", "meant", "env"), [
    pytest.param(fresh2_cases, F2_CASES, write_fresh2, F2_MEANT, F2_ENV, id="fresh2"),
    pytest.param(fresh3_cases, F3_CASES, write_fresh3, {}, F3_ENV, id="fresh3"),
    pytest.param(fresh4_cases, F4_CASES, write_fresh4, F4_MEANT, F4_ENV, id="fresh4"),
])
def test_gateway_cases_through_the_cli_match_their_in_memory_verdict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grouped, wanted, write, meant,
        env) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    picked = _pick(grouped(), wanted)
    assert all(len(items) == len(wanted[p]) for p, items in picked.items())
    in_memory = platform_verdicts(tmp_path / "memory", picked, write, meant)
    found = round_trip(tmp_path / "cli", picked, write, in_memory, meant)
    assert found.differences == []
    assert found.cases == sum(len(names) for names in wanted.values())
    assert found.runs >= 2 * len(wanted)  # verify and check, for each project
