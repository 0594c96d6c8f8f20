"""The polling facts of the built-in wire profiles agree with the example project's contracts of
those platforms, and with the example gateways' recorded pages: every parameter a poller sends
is one the operation takes, and every pointer finds what it names."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from seamguard.project import find_project
from seamguard.wire.pointers import resolve
from tests.support.projects import REPO, load_cassette

PLATFORMS = ("taobao", "jd", "pinduoduo")


def _deref(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for key in node["$ref"].removeprefix("#/").split("/"):
            target = target[key]
        node = target
    return node


def _properties(document: dict[str, Any], schema: Any) -> dict[str, Any]:
    schema = _deref(document, schema)
    found = dict(schema.get("properties") or {})
    for branch in schema.get("allOf") or []:
        found.update(_properties(document, branch))
    return found


def _at(document: dict[str, Any], schema: Any, pointer: str) -> Any:
    for token in [t for t in pointer.split("/") if t]:
        schema = _properties(document, schema)[token]
    return _deref(document, schema)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_polling_parameters_and_pointers_exist_in_the_contract(platform: str) -> None:
    settings = find_project(REPO, explicit=True).settings.platforms[platform]
    polling = settings.wire.polling
    assert polling is not None
    path = REPO / "contracts" / platform / settings.versions[0] / "openapi.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    operation = document["paths"][f"{settings.wire.path}#{polling.operation}"]["post"]
    form = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    params = _properties(document, form)
    packed = settings.wire.request.business
    if packed is not None and packed.json_param:
        params = _properties(document, params[packed.json_param]["contentSchema"])
    for name in (polling.window_start, polling.window_end, polling.page, polling.page_size,
                 polling.has_next_param):
        assert name is None or name in params, name
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]
    records = _at(document, response, polling.records)
    assert records["type"] == "array"
    fields = _properties(document, records["items"])
    assert polling.cursor_field in fields
    assert polling.id_field in fields
    for flag in (polling.has_next, polling.total):
        assert flag is None or _at(document, response, flag)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_recorded_pages_hold_what_the_polling_pointers_name(platform: str) -> None:
    settings = find_project(REPO, explicit=True).settings.platforms[platform]
    polling = settings.wire.polling
    assert polling is not None
    key = settings.wire.response.response_key
    assert key is not None
    pages = [json.loads(item["response"]["body"]["string"])[key.of(polling.operation)]
             for path in (REPO / "fixtures" / "cassettes" / platform).glob("*.yaml")
             for item in load_cassette(path)["interactions"]
             if polling.operation in (item["request"]["uri"] + str(item["request"]["body"]))
             and key.of(polling.operation) in item["response"]["body"]["string"]]
    assert pages
    for page in pages:
        records = resolve(page, polling.records)
        assert records
        assert all(polling.cursor_field in r and polling.id_field in r for r in records)
        assert len(records) <= polling.page_size_max
