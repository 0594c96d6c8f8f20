"""A JSON body naming a key twice in one object: said, with the object's pointer and both
places, and still checked as json reads it (the last value wins)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seamguard.documents import DuplicateKeyError, loads_json, loads_json_screened
from tests.support.projects import codes_at, interaction, mini_project, verify_project

ORDER = ('{"order": {"id": 1, "status": "paid", "total": "10.00",\n'
         '  "created_at": "2024-07-01T10:00:00+08:00", "status": "shipped"}}')


def test_a_repeated_key_names_the_object_and_both_places() -> None:
    with pytest.raises(DuplicateKeyError) as raised:
        loads_json(ORDER)
    error = raised.value
    assert (error.pointer, error.key, error.first, error.second) == (
        "/order", "status", (1, 21), (2, 46))
    assert error.value["order"]["status"] == "shipped"  # as json.loads reads it
    assert "line 1 column 21, then line 2 column 46" in str(error)


@pytest.mark.parametrize(("text", "pointer"), [
    ('[{"a": 1}, {"b": {"c": ":", "c": 2}}]', "/1/b"),
    ('{"a~b/c": {"x": 1, "x": 1}}', "/a~0b~1c"),
    ('{"a": 1, "a": 1' + "0" * 25 + "}", ""),  # an integer orjson cannot read: json's path
    ('{"k": "\\u003a", "k": 2}', ""),
])
def test_every_path_of_the_reader_finds_the_repeat(text: str, pointer: str) -> None:
    for read in (loads_json, lambda t: loads_json_screened(t)[0]):
        with pytest.raises(DuplicateKeyError) as raised:
            read(text)
        assert raised.value.pointer == pointer


@pytest.mark.parametrize("text", [
    '{"a": "x:y", "b": {"a": 1}}',  # the same key in two objects is no repeat
    '{"a": "\\u003a"}',  # a colon spelled as an escape passes the careful path
    '[1, "{:}"]',
    '{"a": {}, "b": [], "c": [{}, {"a": null}]}',
])
def test_documents_without_a_repeat_read_as_json_reads_them(text: str) -> None:
    assert loads_json(text) == json.loads(text)


def test_a_recorded_reply_with_a_repeated_key_is_a_finding_and_still_checked(
        tmp_path: Path) -> None:
    body = ORDER.replace('"status": "shipped"', '"status": "lost"')
    project = mini_project(tmp_path, interactions=[interaction(body)])
    findings = verify_project(project)
    assert ("body.duplicate-key", "/order") in codes_at(findings)
    # the last value ("lost") is the one validated
    assert ("field.unknown-enum", "/order/status") in codes_at(findings)
    duplicate = next(f for f in findings if f.code == "body.duplicate-key")
    assert "line 2" in duplicate.message
    assert duplicate.hint


def test_a_repeat_is_said_even_when_both_values_are_valid(tmp_path: Path) -> None:
    body = ORDER.replace('"status": "shipped"', '"status": "open"')
    project = mini_project(tmp_path, interactions=[interaction(body)])
    assert codes_at(verify_project(project)) == [("body.duplicate-key", "/order")]
