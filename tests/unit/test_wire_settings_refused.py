"""Wire settings that could never work are refused when the settings are read, with the key
and an example, never later as an internal error or a finding at every recording."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from seamguard.wire.profile import WireProfile


@pytest.mark.parametrize("response", [
    {"payload": "trades_sold_get_response"},
    {"errors": [{"when": {"pointer": "error_response", "present": True}}]},
    {"errors": [{"when": {"pointer": "/error_response", "present": True}, "code": "code"}]},
    {"success_when": [{"pointer": "ok", "equals": True}]},
])
def test_a_pointer_without_its_slash_is_refused(response: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match=r"is no JSON pointer: start it with /"):
        WireProfile.model_validate({"response": response})


def test_a_misspelt_placeholder_is_refused_with_the_right_one() -> None:
    with pytest.raises(ValidationError, match=r"did you mean \{response_key\}"):
        WireProfile.model_validate({"response": {"payload": "/{responce_key}"}})


def test_a_push_payload_pointer_is_checked_too() -> None:
    with pytest.raises(ValidationError, match=r"no JSON pointer"):
        WireProfile.model_validate({"push": {"payload": "content"}})


@pytest.mark.parametrize("pointer", ["", "/{response_key}", "/a⟨json⟩/b", "/*/code", "/a~1b"])
def test_pointers_of_every_documented_form_are_taken(pointer: str) -> None:
    profile = WireProfile.model_validate({"response": {"payload": pointer, "errors": [
        {"when": {"pointer": pointer or "/x", "present": True}, "code": pointer or None}]}})
    assert profile.response.payload == pointer
