"""A YAML key the core schema reads as a number names what its author typed (``0x1F:`` is
"0x1F", not "31"); null and booleans keep JSON's spelling. The same in contracts, in the
whole-file reader and in the streaming cassette reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.documents import parse_text
from seamguard.errors import DocumentError
from tests.support.projects import (
    GOOD_ORDER,
    MINI_CONTRACT,
    interaction,
    mini_project,
    verify_project,
)
from tests.unit.test_cassette_stream import assert_same

NUMBERS = ["0x1F", "0o17", "1.50", "007", "1e3", "+1", "-0", ".5", "1.", ".inf", "-.inf", ".nan",
           "12345678901234567890", "200"]


@pytest.mark.parametrize("written", NUMBERS)
def test_a_number_key_is_the_text_written(written: str) -> None:
    assert parse_text(f"a:\n  {written}: 1\n", file="x.yaml") == {"a": {written: 1}}


@pytest.mark.parametrize(("written", "name"), [
    ("~", "null"), ("null", "null"), ("NULL", "null"), ("true", "true"), ("False", "false"),
    ("2024-01-01", "2024-01-01"), ("yes", "yes"), ("'0x1F'", "0x1F")])
def test_other_keys_read_as_before(written: str, name: str) -> None:
    assert parse_text(f"a:\n  {written}: 1\n", file="x.yaml") == {"a": {name: 1}}


@pytest.mark.parametrize(("first", "second"), [("0x1F", "'0x1F'"), ("1.50", '"1.50"')])
def test_a_number_key_and_its_quoted_twin_are_one_key(first: str, second: str) -> None:
    with pytest.raises(DocumentError, match="appears twice") as caught:
        parse_text(f"a:\n  {first}: 1\n  {second}: 2\n", file="x.yaml")
    assert caught.value.line == 3


@pytest.mark.parametrize(("first", "second"), [("0x1F", "31"), ("1.50", "1.5"), ("007", "7")])
def test_numbers_equal_in_value_are_different_names(first: str, second: str) -> None:
    assert parse_text(f"a:\n  {first}: 1\n  {second}: 2\n", file="x.yaml") == {
        "a": {first: 1, second: 2}}


@pytest.mark.parametrize("written", ["0x1F", "1.50", "007", "1e3"])
def test_a_property_so_named_is_checked(tmp_path: Path, written: str) -> None:
    contract = MINI_CONTRACT.replace("        note:", f"        {written}: {{type: integer}}\n"
                                     "        note:", 1)
    body = {"order": {**GOOD_ORDER["order"], written: "x"}}
    project = mini_project(tmp_path / "p", contract=contract, interactions=[interaction(body)])
    [finding] = verify_project(project)
    assert (finding.code, finding.location.pointer) == ("field.wrong-type", f"/order/{written}")
    assert finding.location.line is not None


@pytest.mark.parametrize("written", ["0x1F", "1.50", "007", "~", "True"])
def test_the_streaming_cassette_reader_keeps_the_same_keys(tmp_path: Path, written: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "interactions:\n- request:\n    method: GET\n    uri: https://x.example.com/a\n"
        f"    body: null\n    headers:\n      {written}: [v]\n"
        "  response:\n    status: {code: 200, message: OK}\n    headers: {}\n"
        "    body: {string: ''}\nversion: 1\n", encoding="utf-8")
    assert_same(path)
