"""``contract lint``: a link must lead to an operation of the contract."""

from __future__ import annotations

from typing import Any

from seamguard.contracts.lint_spec import spec_rules


def _document(link: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
        "/orders/{id}": {"get": {"operationId": "getOrder", "responses": {"200": {
            "description": "ok", "links": {"self": link}}}}}},
        "components": {"links": {"again": link}}}


def _codes(link: dict[str, Any]) -> list[tuple[str, str]]:
    return [(rule[0], rule[1]) for rule in spec_rules(_document(link))]


def test_an_operation_id_naming_no_operation_is_an_error_with_the_nearest_name() -> None:
    rules = list(spec_rules(_document({"operationId": "getOrdr"})))
    assert [rule[0] for rule in rules] == [
        "/paths/~1orders~1{id}/get/responses/200/links/self/operationId",
        "/components/links/again/operationId"]
    assert all(rule[2] and "getOrdr" in rule[3] and "getOrder" in rule[4] for rule in rules)


def test_a_link_to_an_existing_operation_is_quiet() -> None:
    assert _codes({"operationId": "getOrder"}) == []
    assert _codes({"operationRef": "#/paths/~1orders~1{id}/get"}) == []
    assert _codes({"operationRef": "#/paths/~1orders~1%7Bid%7D/get"}) == []


def test_a_local_operation_ref_to_nothing_is_an_error() -> None:
    assert {code for _, code in _codes({"operationRef": "#/paths/~1order~1{id}/get"})} == {
        "contract.link-unknown-operation"}


def test_a_remote_operation_ref_is_left_to_its_document() -> None:
    assert _codes({"operationRef": "https://example.com/other.yaml#/paths/~1a/get"}) == []
