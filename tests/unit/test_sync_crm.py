"""The HubSpot CRM double: upsert semantics, validation against the contract, side effects."""

from __future__ import annotations

import httpx
import pytest

from seamguard.contracts.model import load_contract
from seamguard.sync.crm import CrmDouble
from tests.support.projects import REPO

BASE = "https://api.hubapi.com"
TOKEN = "test-token"


@pytest.fixture(scope="module")
def contract():  # type: ignore[no-untyped-def]
    return load_contract(REPO / "contracts/hubspot/v3/openapi.yaml", platform="hubspot",
                         version="v3")


@pytest.fixture
def crm(contract) -> CrmDouble:  # type: ignore[no-untyped-def]
    return CrmDouble(contract=contract, token=TOKEN)


def call(crm: CrmDouble, method: str, path: str, body: object = None,
         params: dict[str, str] | None = None) -> httpx.Response:
    request = httpx.Request(method, BASE + path, json=body, params=params,
                            headers={"Authorization": f"Bearer {TOKEN}"})
    return crm.handle(request)


def upsert(crm: CrmDouble, *inputs: tuple[str, dict[str, str]]) -> httpx.Response:
    return call(crm, "POST", "/crm/v3/objects/deals/batch/upsert", {"inputs": [
        {"id": key, "idProperty": "shopify_order_id", "properties": props}
        for key, props in inputs]})


def test_upsert_creates_then_updates_by_id_property(crm: CrmDouble) -> None:
    first = upsert(crm, ("1001", {"amount": "10.00", "dealname": "A"}))
    assert first.status_code == 200
    assert first.json()["results"][0]["new"] is True
    second = upsert(crm, ("1001", {"amount": "12.50"}))
    assert second.json()["results"][0]["new"] is False
    [record] = crm.records("deals")
    assert record.properties == {"amount": "12.50", "dealname": "A", "shopify_order_id": "1001"}
    assert [(e.kind, e.key, e.properties.get("amount")) for e in crm.side_effects] == [
        ("create", "1001", "10.00"), ("update", "1001", "12.50")]


def test_duplicate_ids_in_one_batch_are_rejected(crm: CrmDouble) -> None:
    response = upsert(crm, ("1001", {"amount": "1.00"}), ("1001", {"amount": "2.00"}))
    assert response.status_code == 400
    assert "Duplicate" in response.json()["message"]
    assert crm.records("deals") == []
    assert crm.side_effects == []


def test_request_bodies_are_validated_against_the_contract(crm: CrmDouble) -> None:
    response = upsert(crm, ("1001", {"amount": "ten"}))
    assert response.status_code == 400
    assert "/inputs/0/properties/amount" in response.json()["message"]
    empty = call(crm, "POST", "/crm/v3/objects/deals/batch/upsert", {"inputs": []})
    assert empty.status_code == 400


def test_partial_failure_answers_207_and_writes_only_the_rest(crm: CrmDouble) -> None:
    crm.fail_next_upsert_input("deals")
    response = upsert(crm, ("1001", {"amount": "1.00"}), ("1002", {"amount": "2.00"}))
    assert response.status_code == 207
    body = response.json()
    assert body["numErrors"] == 1
    assert body["errors"][0]["context"] == {"ids": ["1001"]}
    assert [r.properties["shopify_order_id"] for r in crm.records("deals")] == ["1002"]
    assert upsert(crm, ("1001", {"amount": "1.00"})).status_code == 200  # spent


def test_create_read_patch_and_auth(crm: CrmDouble) -> None:
    created = call(crm, "POST", "/crm/v3/objects/contacts",
                   {"properties": {"email": "a@example.com", "shopify_customer_id": "7"}})
    assert created.status_code == 201
    record_id = created.json()["id"]
    by_key = call(crm, "GET", "/crm/v3/objects/contacts/7",
                  params={"idProperty": "shopify_customer_id"})
    assert by_key.status_code == 200
    assert by_key.json()["id"] == record_id
    patched = call(crm, "PATCH", f"/crm/v3/objects/contacts/{record_id}",
                   {"properties": {"city": "上海市"}})
    assert patched.json()["properties"]["city"] == "上海市"
    assert call(crm, "GET", "/crm/v3/objects/contacts/999").status_code == 404
    anonymous = crm.handle(httpx.Request("GET", f"{BASE}/crm/v3/objects/contacts/1"))
    assert anonymous.status_code == 401
    crm.reset()
    assert crm.records("contacts") == []
    assert crm.side_effects == []


@pytest.mark.anyio
async def test_served_over_asgi(crm: CrmDouble) -> None:
    transport = httpx.ASGITransport(app=crm.asgi_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://crm",
                                 headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        response = await client.post("/crm/v3/objects/deals/batch/upsert", json={"inputs": [
            {"id": "1", "idProperty": "shopify_order_id", "properties": {"amount": "5.00"}}]})
    assert response.status_code == 200
    assert crm.records("deals")[0].properties["amount"] == "5.00"
