"""schemathesis 3's milliseconds, a URL without a scheme, a schema where the platform goes:
usage errors that name what to write."""

from __future__ import annotations

import pytest

from seamguard.errors import UsageError
from seamguard.probe import ProbeOptions
from seamguard.probe_habits import check_base_url, check_durations


@pytest.mark.parametrize(("options", "said"), [
    (ProbeOptions("p", max_response_time=500), "--max-response-time 0.5"),
    (ProbeOptions("p", timeout=5000), "--request-timeout 5"),
    (ProbeOptions("p", max_response_time=12, timeout=10), "raise --request-timeout above 12"),
])
def test_milliseconds_given_as_seconds_are_refused_with_the_value_meant(
        options: ProbeOptions, said: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_durations(options)
    assert said in (caught.value.hint or "")


@pytest.mark.parametrize("options", [
    ProbeOptions("p"), ProbeOptions("p", max_response_time=0.5),
    ProbeOptions("p", timeout=120, max_response_time=60),
])
def test_durations_in_seconds_pass(options: ProbeOptions) -> None:
    check_durations(options)


def test_a_timeout_of_the_settings_file_that_is_no_number_is_left_to_schemathesis() -> None:
    check_durations(ProbeOptions("p", timeout="10s"))  # type: ignore[arg-type]


@pytest.mark.parametrize(("url", "said"), [
    ("127.0.0.1:8000/api", "http://127.0.0.1:8000/api"),
    ("ftp://host/api", "http://host/api"),
    ("localhost", "http://localhost"),
])
def test_a_base_url_without_an_http_scheme_is_refused(url: str, said: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_base_url(url, given=True)
    assert "--url" in caught.value.message
    assert said in (caught.value.hint or "")


def test_garbage_given_as_a_url_gets_an_example_not_a_rewrite() -> None:
    with pytest.raises(UsageError) as caught:
        check_base_url("not a url", given=True)
    assert "is no base URL" in caught.value.message
    assert caught.value.hint == "e.g. http://127.0.0.1:8000/api"


def test_an_http_url_passes() -> None:
    check_base_url("https://shop.example.com/api/v1", given=False)
