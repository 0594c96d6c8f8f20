"""Deprecation, Sunset and the API version an upstream says it answered in."""

from __future__ import annotations

import httpx
import pytest

from seamguard.drift.announced import announced
from seamguard.drift.live import FetchOutcome, LiveRequest


def _outcome(headers: dict[str, str], sent: dict[str, str] | None = None,
             path: str = "/orders.json") -> FetchOutcome:
    response = httpx.Response(200, headers=headers, json={"orders": []})
    request = LiveRequest(path=path, headers=sent or {})
    return FetchOutcome(request, 200, None, 1, response)


def test_rfc_9745_deprecation_and_rfc_8594_sunset_name_their_days() -> None:
    [finding] = announced([_outcome({"Deprecation": "@1735689600",
                                     "Sunset": "Wed, 31 Dec 2025 23:59:59 GMT"})],
                          "shop", "v1", path_version=False)
    assert (finding.code, finding.severity.value) == ("drift.deprecated", "warning")
    assert "since 2025-01-01" in finding.message
    assert "removed from 2025-12-31" in finding.message


def test_a_link_relation_alone_is_a_deprecation() -> None:
    [finding] = announced([_outcome(
        {"Link": '<https://developer.example.com/changelog>; rel="sunset"'})],
        "shop", "v1", path_version=False)
    assert 'rel="sunset"' in finding.message


def test_deprecation_false_and_no_headers_say_nothing() -> None:
    assert announced([_outcome({"Deprecation": "false"}), _outcome({})], "shop", "v1",
                     path_version=False) == []


def test_pages_of_one_list_make_one_finding() -> None:
    pages = [_outcome({"Sunset": "Wed, 31 Dec 2025 23:59:59 GMT"}) for _ in range(3)]
    assert len(announced(pages, "shop", "v1", path_version=False)) == 1


def test_a_version_header_answered_with_another_value() -> None:
    [finding] = announced([_outcome({"Stripe-Version": "2020-08-27"},
                                    sent={"Stripe-Version": "2024-06-20"})],
                          "stripe", "v1", path_version=False)
    assert finding.code == "drift.version-mismatch"
    assert finding.actual == {"Stripe-Version": "2020-08-27"}


@pytest.mark.parametrize(("served", "flagged"), [
    ("2023-10", True),     # the version asked for was retired: another one served
    ("2024-07", False),
    ("1.0", False),        # another form than the contract's version proves nothing
])
def test_a_path_version_against_an_api_version_answer_header(served: str,
                                                             flagged: bool) -> None:
    found = announced([_outcome({"X-Shopify-API-Version": served})], "shopify", "2024-07",
                      path_version=True)
    assert bool(found) is flagged
