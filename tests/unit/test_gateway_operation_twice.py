"""A gateway call naming its operation twice, differently, is ambiguous: said, not guessed."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.project import find_project
from seamguard.verify import RecordedVerifier
from tests.support.gateway import TOP_URL, gateway_project, interaction, top_trade
from tests.support.hostile_fresh3_gateway import TOP_FORM, top_sold


def _codes(root: Path, call: dict[str, Any]) -> list[tuple[str, str | None]]:
    project = find_project(gateway_project(root, {"calls": [call]}), explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(project.cassettes_dir / "calls.yaml")
    assert not isinstance(cassette, Finding)
    return [(f.code, f.location.pointer) for f in verifier.verify_cassette(cassette)
            if f.code != "signature.unchecked"]


def test_two_operation_names_in_one_form_are_ambiguous(tmp_path: Path) -> None:
    call = interaction(TOP_URL, TOP_FORM, top_sold(top_trade()))
    call["request"]["body"] = urlencode(TOP_FORM) + "&method=taobao.trade.fullinfo.get"
    assert _codes(tmp_path, call) == [("operation.name-ambiguous", "request:/method")]


def test_the_same_name_twice_is_one_name(tmp_path: Path) -> None:
    call = interaction(TOP_URL, TOP_FORM, top_sold(top_trade()),
                       query={"method": TOP_FORM["method"]})
    assert _codes(tmp_path, call) == []
