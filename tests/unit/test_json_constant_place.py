"""NaN, Infinity and -Infinity in a recorded JSON body are refused with the JSON pointer of the
value, as a number too large for a double is: the finding says which field to look at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seamguard.documents import loads_json
from tests.support.hostile import run_seamguard
from tests.support.projects import good_order, interaction, mini_project


@pytest.mark.parametrize(("text", "said"), [
    ('{"a": [1, {"b": NaN}]}', "NaN is not a JSON value (at /a/1/b)"),
    ('{"a": 1, "b": -Infinity}', "-Infinity is not a JSON value (at /b)"),
    ("[Infinity]", "Infinity is not a JSON value (at /0)"),
    ("NaN", "NaN is not a JSON value (at /)"),
    ('{"a~b/c": [Infinity, NaN]}', "Infinity is not a JSON value (at /a~0b~1c/0)"),
    ('{"a": {"b": NaN}, "c": NaN}', "NaN is not a JSON value (at /a/b)"),
    ('{"a": Infinity, "b": NaN}', "Infinity is not a JSON value (at /a)"),
    ('{"x": "NaN", "y": NaN}', "NaN is not a JSON value (at /y)"),
])
def test_a_constant_json_has_not_is_refused_at_its_place(text: str, said: str) -> None:
    with pytest.raises(ValueError, match="not a JSON value") as caught:
        loads_json(text)
    assert str(caught.value) == said


def test_verify_names_the_field_of_a_recorded_nan(tmp_path: Path) -> None:
    body = json.dumps({"order": good_order()}).replace('"id": 1', '"id": 1, "qty": NaN')
    root = mini_project(tmp_path / "p", interactions=[interaction(body)])
    outcome = run_seamguard("verify", "--project", str(root), "-f", "json")
    assert outcome.code == 1
    assert "NaN is not a JSON value (at /order/qty)" in outcome.text
