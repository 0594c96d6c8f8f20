"""Gateway calls recorded against a project a new user wrote from docs/gateway-platforms.md
(``tests/support/gateway_newuser.py``), to operations the bundled packs do not cover: every
call gives exactly the findings it names, code, pointer and severity."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import gateway_newuser
from tests.support.gateway_newuser_project import ENV

CASES = [case.case.name for case in gateway_newuser.cases()]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, gateway_newuser.Found]:
    with pytest.MonkeyPatch.context() as patch:
        for name, secret in ENV.items():
            patch.setenv(name, secret)
        root: Path = tmp_path_factory.mktemp("newuser")
        return {case.case.name: found for case, found in gateway_newuser.verdicts(root)}


def test_the_corpus_covers_every_platform_and_each_kind_of_defect() -> None:
    cases = gateway_newuser.cases()
    assert len(set(CASES)) == len(CASES)
    assert {c.case.platform for c in cases} == {"tmall", "jos", "pdd", "sf", "wecom",
                                                      "dingtalk"}
    codes = {code for c in cases for code, _, _ in c.expected}
    assert {"field.wrong-type", "field.missing", "field.unknown-enum", "field.wrong-format",
            "response.in-band-error", "signature.invalid", "operation.undocumented",
            "operation.name-missing", "response.unknown-envelope", "response.unexpected-format",
            "body.undecodable", "body.embedded-not-json", "interaction.unknown-version"} <= codes
    assert sum(not c.expected for c in cases) >= 10


@pytest.mark.parametrize("name", CASES)
def test_each_call_gives_exactly_its_findings(
        verdicts: dict[str, gateway_newuser.Found], name: str) -> None:
    case = next(c for c in gateway_newuser.cases() if c.case.name == name)
    assert sorted(verdicts[name], key=str) == sorted(case.expected, key=str)


def test_the_verify_command_on_a_cassette_file_gives_the_same_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        verdicts: dict[str, gateway_newuser.Found]) -> None:
    for name, secret in ENV.items():
        monkeypatch.setenv(name, secret)
    through_cli = gateway_newuser.cli_verdicts(tmp_path)
    assert len(through_cli) == len(CASES)
    for case, found in through_cli:
        assert sorted(found, key=str) == sorted(verdicts[case.case.name], key=str), case.case.name
