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


@pytest.mark.parametrize(("wire", "message"), [
    ({"charset": "klingon-8"}, r"no charset Python knows"),
    ({"methods": ["GET POST"]}, r"not an HTTP method"),
])
def test_a_name_that_names_nothing_is_refused(wire: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        WireProfile.model_validate(wire)


def test_credentials_and_alert_urls_name_environment_variables() -> None:
    from seamguard.project_settings import AlertSettings, Settings

    with pytest.raises(ValidationError, match=r"should match pattern"):
        Settings.model_validate({"platforms": {"top": {
            "versions": ["2.0"], "base_url": "https://eco.taobao.com",
            "credentials": {"app_key": "1234-5678"}}}})
    with pytest.raises(ValidationError):
        AlertSettings.model_validate({"urls_env": ["https://hooks.example.com/x"]})
    assert Settings.model_validate({"platforms": {"top": {
        "versions": ["2.0"], "base_url": "https://eco.taobao.com",
        "credentials": {"app_key": "TOP_APP_KEY"}}}}).platforms["top"].credentials == {
            "app_key": "TOP_APP_KEY"}


@pytest.mark.parametrize(("time", "message"), [
    ({"format": ""}, r"writes no time"),
    ({"accepts": ["epoch-milis"]}, r"did you mean 'epoch-millis'"),
    ({"format": "yyyy-MM-dd"}, r"writes no time"),
])
def test_a_time_format_that_writes_no_time_is_refused(time: dict[str, object],
                                                      message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        WireProfile.model_validate({"time": time})
