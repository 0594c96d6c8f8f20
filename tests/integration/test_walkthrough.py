"""The README's new-user path, end to end: an empty folder and a running local API to recorded
cassettes, a green ``check``, a red ``check`` after a planted defect, and the same in ``pytest``.

The API is a small shop the test starts on 127.0.0.1; it serves its own OpenAPI document, as
FastAPI and drf-spectacular applications do. seamguard runs as a user runs it: its commands
from the project folder, pytest in a process of its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.servers import serve

CUSTOMER = {"email": "li.na.1990@gmail.com", "phone": "+86 139 1234 5678", "name": "Li Na"}

OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Tea Shop API", "version": "1.4.0"},
    "servers": [{"url": "https://api.teashop.example"}],
    "paths": {
        "/api/products/": {"get": {
            "operationId": "products_list",
            "parameters": [{"name": "category", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "Products.", "content": {"application/json": {
                "schema": {"type": "array",
                           "items": {"$ref": "#/components/schemas/Product"}}}}}}}},
        "/api/products/{id}/": {"get": {
            "operationId": "products_retrieve",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "responses": {
                "200": {"description": "One product.", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Product"}}}},
                "404": {"description": "No such product."}}}},
        "/api/baskets/": {"post": {
            "operationId": "baskets_create",
            "requestBody": {"content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/BasketRequest"}}}},
            "responses": {"201": {"description": "Created.", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Basket"}}}}}}},
    },
    "components": {"schemas": {
        "Product": {"type": "object", "required": ["id", "title", "price", "category"],
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "price": {"type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$"},
                        "category": {"type": "string", "enum": ["tea", "teaware"]},
                        "updated": {"type": "string", "format": "date-time"}}},
        "BasketRequest": {"type": "object", "required": ["lines"], "properties": {
            "lines": {"type": "array", "items": {"type": "object", "properties": {
                "product": {"type": "integer"}, "quantity": {"type": "integer"}}}},
            "email": {"type": "string", "format": "email"}}},
        "Basket": {"type": "object", "required": ["id", "status", "total"], "properties": {
            "id": {"type": "integer"},
            "status": {"type": "string", "enum": ["open", "submitted"]},
            "total": {"type": "string"},
            "owner": {"type": "object", "properties": {
                "email": {"type": "string", "format": "email"},
                "phone": {"type": "string"}, "name": {"type": "string"}}}}},
    }},
}

PRODUCTS = [
    {"id": 1, "title": "Longjing", "price": "12.50", "category": "tea",
     "updated": "2026-03-01T08:00:00Z"},
    {"id": 2, "title": "Yixing teapot", "price": "89.00", "category": "teaware",
     "updated": "2026-02-11T10:30:00Z"},
]


def _shop() -> Starlette:
    async def schema(request: Request) -> Response:
        return JSONResponse(OPENAPI)

    async def products(request: Request) -> Response:
        category = request.query_params.get("category")
        return JSONResponse([p for p in PRODUCTS if category in (None, p["category"])])

    async def product(request: Request) -> Response:
        found = [p for p in PRODUCTS if p["id"] == int(request.path_params["id"])]
        return JSONResponse(found[0]) if found else JSONResponse({}, status_code=404)

    async def basket(request: Request) -> Response:
        body = await request.json()
        return JSONResponse({"id": 41, "status": "open", "total": "25.00",
                             "owner": {**CUSTOMER, "email": body.get("email")}},
                            status_code=201)

    return Starlette(routes=[
        Route("/api/schema/", schema),
        Route("/api/products/", products),
        Route("/api/products/{id}/", product),
        Route("/api/baskets/", basket, methods=["POST"]),
    ])


@pytest.fixture
def shop() -> Iterator[str]:
    with serve(_shop()) as origin:
        yield origin


def seamguard(folder: Path, *args: str) -> tuple[int, str]:
    """One seamguard command, run from the project folder as a user would."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    finally:
        os.chdir(previous)
    return result.exit_code, result.output


def run_pytest(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                          cwd=folder, capture_output=True, text=True, env=env, timeout=300,
                          check=False)


def test_from_an_empty_folder_to_green_then_red_in_check_and_pytest(
        tmp_path: Path, shop: str) -> None:
    folder = tmp_path / "tea-integration"
    folder.mkdir()
    # The README: the document into contracts/<platform>/<version>/, then init adopts it.
    contract = folder / "contracts" / "teashop" / "v1" / "openapi.json"
    contract.parent.mkdir(parents=True)
    contract.write_bytes(httpx.get(f"{shop}/api/schema/").content)
    code, output = seamguard(folder, "init", ".")
    assert code == 0, output
    assert re.search(r"seamguard record teashop GET /api/\S*` sends GET "
                     r"https://api\.teashop\.example/api/", " ".join(output.split())), output
    settings = (folder / "pyproject.toml").read_text(encoding="utf-8")
    assert '[tool.seamguard.platforms.teashop]' in settings
    assert 'base_url = "https://api.teashop.example"' in settings
    assert seamguard(folder, "contract", "lint")[0] == 0

    # Record: one request on the command line, a POST with a body from a request file.
    code, output = seamguard(folder, "record", "teashop", "GET", "/api/products/", "-p",
                             "category=tea", "--base-url", shop)
    assert code == 0, output
    (folder / "requests.yaml").write_text(
        "- path: /api/products/2/\n"
        "- method: POST\n"
        "  path: /api/baskets/\n"
        f"  json: {{lines: [{{product: 1, quantity: 2}}], email: {CUSTOMER['email']}}}\n",
        encoding="utf-8")
    code, output = seamguard(folder, "record", "teashop", "--from", "requests.yaml",
                             "--base-url", shop)
    assert code == 0, output
    cassette = folder / "fixtures" / "cassettes" / "teashop" / "v1.yaml"
    recorded = yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]
    assert [i["request"]["uri"] for i in recorded] == [
        "https://api.teashop.example/api/products/?category=tea",
        "https://api.teashop.example/api/products/2/",
        "https://api.teashop.example/api/baskets/"]
    text = cassette.read_text(encoding="utf-8")
    for personal in (CUSTOMER["email"], "139 1234 5678", "Li Na"):
        assert personal not in text
    assert (folder / ".seamguard" / "pseudonym.key").is_file()

    # Green, in both faces.
    code, output = seamguard(folder, "check")
    assert code == 0, output
    green = run_pytest(folder)
    assert green.returncode == 0, green.stdout + green.stderr
    assert " passed" in green.stdout

    # Plant a defect: the API now sends the price as a number.
    data = yaml.safe_load(text)
    body = json.loads(data["interactions"][0]["response"]["body"]["string"])
    body[0]["price"] = 12.5
    data["interactions"][0]["response"]["body"]["string"] = json.dumps(body)
    cassette.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    code, output = seamguard(folder, "check", "--format", "json")
    assert code == 1, output
    [finding] = [f for f in json.loads(output)["findings"] if f["severity"] == "error"]
    assert finding["code"] == "field.wrong-type"
    assert finding["location"]["pointer"] == "/0/price"
    assert finding["location"]["file"] == "fixtures/cassettes/teashop/v1.yaml"
    red = run_pytest(folder)
    assert red.returncode == 1, red.stdout + red.stderr
    assert "1 failed" in red.stdout
    assert "field.wrong-type" in red.stdout
    assert "/0/price" in red.stdout
    assert "GET /api/products/" in red.stdout
