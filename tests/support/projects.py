"""Build small seamguard projects on disk, and copy or mutate the bundled example project."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]

MINI_SETTINGS = """
[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"
"""

MINI_CONTRACT = """
openapi: 3.1.0
info: {title: Shop, version: v1}
paths:
  /orders/{id}.json:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "200":
          description: One order.
          headers:
            X-Request-Id: {required: true, schema: {type: string}}
          content:
            application/json:
              schema:
                type: object
                required: [order]
                properties:
                  order: {$ref: "#/components/schemas/Order"}
        "404":
          description: Not found.
          content:
            application/json:
              schema: {type: object, properties: {errors: {type: string}}}
components:
  schemas:
    Order:
      type: object
      required: [id, status, total, created_at]
      properties:
        id: {type: integer}
        status: {type: string, enum: [open, paid, cancelled]}
        total: {type: string, pattern: "^[0-9]+[.][0-9]{2}$"}
        created_at: {type: string, format: date-time}
        note: {type: [string, "null"]}
        locked:
          type: object
          additionalProperties: false
          properties: {by: {type: string}}
"""

GOOD_ORDER = {
    "order": {"id": 1, "status": "paid", "total": "10.00",
              "created_at": "2024-07-01T10:00:00+08:00", "note": None}
}


def good_order(**changes: Any) -> dict[str, Any]:
    """GOOD_ORDER's order with fields changed; ``...`` removes a field."""
    data = dict(GOOD_ORDER["order"])
    for key, value in changes.items():
        if value is ...:
            data.pop(key)
        else:
            data[key] = value
    return data


def interaction(
    body: Any,
    *,
    uri: str = "https://shop.example.com/api/v1/orders/1.json",
    method: str = "GET",
    status: int = 200,
    headers: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """One vcrpy interaction; a non-str body is JSON-encoded."""
    text = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
    return {
        "request": {"method": method, "uri": uri, "body": None, "headers": {}},
        "response": {
            "status": {"code": status, "message": "OK"},
            "headers": headers if headers is not None else {
                "Content-Type": ["application/json; charset=utf-8"], "X-Request-Id": ["r1"]},
            "body": {"string": text},
        },
    }


def write_cassette(path: Path, interactions: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump({"interactions": interactions, "version": 1}, allow_unicode=True),
        encoding="utf-8",
    )
    return path


def mini_project(
    root: Path,
    *,
    contract: str = MINI_CONTRACT,
    settings: str = MINI_SETTINGS,
    interactions: list[dict[str, Any]] | None = None,
) -> Path:
    """A one-platform project: shop@v1, optionally with one cassette."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(textwrap.dedent(settings), encoding="utf-8")
    folder = root / "contracts" / "shop" / "v1"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "openapi.yaml").write_text(textwrap.dedent(contract), encoding="utf-8")
    if interactions is not None:
        write_cassette(root / "fixtures" / "cassettes" / "orders.yaml", interactions)
    return root


def copy_example(dest: Path, *, sync_examples: int = 5) -> Path:
    """The bundled example project (settings, contracts, cassettes, the example sync service,
    datasets and suites) in a scratch folder; the sync budget is cut to ``sync_examples`` to keep
    tests quick."""
    dest.mkdir(parents=True, exist_ok=True)
    settings = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    marker = "[tool.seamguard.sync]\nexamples = "
    start = settings.index(marker) + len(marker)
    end = settings.index("\n", start)
    settings = settings[:start] + str(sync_examples) + settings[end:]
    (dest / "pyproject.toml").write_text(settings, encoding="utf-8")
    shutil.copytree(REPO / "contracts", dest / "contracts")
    shutil.copytree(REPO / "fixtures" / "cassettes", dest / "fixtures" / "cassettes")
    shutil.copytree(REPO / "fixtures" / "integrations", dest / "fixtures" / "integrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "fixtures" / "datasets", dest / "fixtures" / "datasets")
    shutil.copytree(REPO / "suites", dest / "suites")
    return dest


def load_cassette(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def save_cassette(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def find_interaction(
    root: Path, predicate: Any
) -> tuple[Path, int, dict[str, Any]]:
    """First (cassette, index, parsed JSON response body) whose body satisfies ``predicate``."""
    for path in sorted((root / "fixtures" / "cassettes").rglob("*.yaml")):
        data = load_cassette(path)
        for index, item in enumerate(data["interactions"]):
            text = item["response"]["body"]["string"]
            if not text:
                continue
            try:
                body = json.loads(text)
            except (TypeError, ValueError):
                continue
            if predicate(item, body):
                return path, index, body
    raise LookupError("no interaction matches")


def rewrite_body(path: Path, index: int, body: Any) -> None:
    data = load_cassette(path)
    data["interactions"][index]["response"]["body"]["string"] = json.dumps(
        body, ensure_ascii=False)
    save_cassette(path, data)


def verify_project(project: Path) -> list[Any]:
    """Every finding of recorded verification on a ``mini_project``'s one cassette."""
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import find_project
    from seamguard.recordings.cassettes import read_cassette
    from seamguard.verify import RecordedVerifier

    loaded = find_project(project)
    verifier = RecordedVerifier(loaded, ContractCatalog(loaded))
    cassette = read_cassette(project / "fixtures/cassettes/orders.yaml", display="orders.yaml",
                             max_bytes=1 << 26)
    return verifier.verify_cassette(cassette)


def codes_at(findings: list[Any]) -> list[tuple[str, str | None]]:
    """(code, JSON pointer) of each finding, in order."""
    return [(f.code, f.location.pointer) for f in findings]
