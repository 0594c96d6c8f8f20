"""seamguard's own probe check: a JSON answer naming a key twice in an object."""

from __future__ import annotations

import pytest

from seamguard.probe import CHECK_NAMES, known_checks
from seamguard.probe_own_checks import DUPLICATE_KEYS, duplicate_key_problem, register

JSON = {"Content-Type": ["application/json; charset=utf-8"]}


def test_a_repeated_key_is_a_problem_naming_the_object_and_both_places() -> None:
    problem = duplicate_key_problem(JSON, b'{"order": {"id": 1,\n "id": 2}}')
    assert problem is not None
    assert "'id' appears twice in the object at /order" in problem
    assert "line 1 column 12, then line 2 column 2" in problem


@pytest.mark.parametrize(("headers", "content"), [
    (JSON, b'{"a": {"id": 1}, "b": {"id": 1}}'),
    (JSON, b"not json at all"),  # the schema check says that
    (JSON, b""),
    ({"content-type": ["text/plain"]}, b'{"id": 1, "id": 2}'),
    ({}, b'{"id": 1, "id": 2}'),
])
def test_other_answers_are_no_problem_of_this_check(headers: dict[str, list[str]],
                                                    content: bytes) -> None:
    assert duplicate_key_problem(headers, content) is None


def test_the_check_is_registered_once_and_known_to_the_checks_option() -> None:
    register()
    register()
    assert DUPLICATE_KEYS in CHECK_NAMES
    assert known_checks().count(DUPLICATE_KEYS) == 1
