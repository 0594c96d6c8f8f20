"""A stateful HubSpot CRM v3 double that stands in for the downstream CRM in sync tests.

It keeps objects (deals, contacts), answers create, read (by id or ``idProperty``), update and
batch upsert (``inputs[{id, idProperty, properties}]``; duplicate ids in one batch are a 400),
validates every request body against the project's HubSpot contract, and records every side
effect. Its core is one method, ``handle(request) -> response``, so it can be a respx side effect
(in-process) or be served over HTTP through ``asgi_app()``. Faults (5xx, 429, timeouts after
commit, 207 partial failures) are injected around it by ``seamguard.sync.faults``; ``fail_inputs``
is the one hook that needs the double itself (a 207 commits some inputs, not others).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from seamguard.contracts.model import Contract
from seamguard.contracts.validation import violations

__all__ = ["CrmDouble", "CrmRecord", "SideEffect", "handler_app"]

Asgi = Callable[[MutableMapping[str, Any], Any, Any], Awaitable[None]]


def handler_app(handle: Callable[[httpx.Request], httpx.Response]) -> Asgi:
    """An ASGI application that answers each HTTP request with ``handle`` (an httpx handler,
    the same callable respx uses in-process)."""

    async def app(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        query = scope.get("query_string", b"").decode()
        url = f"http://crm{scope['path']}" + (f"?{query}" if query else "")
        headers = [(k.decode(), v.decode()) for k, v in scope["headers"]]
        response = handle(httpx.Request(scope["method"], url, headers=headers, content=body))
        response.read()  # an answer's body may be a stream (the fault injector's)
        await send({"type": "http.response.start", "status": response.status_code,
                    "headers": [(k.encode(), v.encode()) for k, v in response.headers.items()
                                if k.lower() not in ("content-length", "transfer-encoding")]
                    + [(b"content-length", str(len(response.content)).encode())]})
        await send({"type": "http.response.body", "body": response.content})

    return app

_OBJECT_PATH = re.compile(
    r"^/crm/v3/objects/(?P<type>[a-z_]+)(?:/(?P<rest>[^/]+)(?:/(?P<op>[a-z]+))?)?$")
OBJECT_TYPES = ("deals", "contacts")


@dataclass
class CrmRecord:
    """One CRM object."""

    id: str
    object_type: str
    properties: dict[str, str | None]
    created_at: str
    updated_at: str
    archived: bool = False

    def to_json(self, *, new: bool | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "properties": {**self.properties, "hs_object_id": self.id},
            "createdAt": self.created_at, "updatedAt": self.updated_at,
            "archived": self.archived,
        }
        if new is not None:
            data["new"] = new
        return data


@dataclass(frozen=True)
class SideEffect:
    """One write the CRM committed: a create or an update of one record."""

    seq: int
    kind: str  # create | update
    object_type: str
    record_id: str
    properties: dict[str, str | None]
    key: str | None = None  # the idProperty value the write was addressed by, when one was


@dataclass
class _Pending207:
    object_type: str
    count: int = 1


@dataclass
class CrmDouble:
    """The HubSpot double. ``contract`` (hubspot@v3) validates request bodies when given."""

    contract: Contract | None = None
    token: str | None = None
    _records: dict[str, dict[str, CrmRecord]] = field(default_factory=dict)
    side_effects: list[SideEffect] = field(default_factory=list)
    _next_id: int = 1
    _fail_next_inputs: list[_Pending207] = field(default_factory=list)
    _clock: int = 0

    def reset(self) -> None:
        """Forget every record and side effect."""
        self._records.clear()
        self.side_effects.clear()
        self._fail_next_inputs.clear()
        self._next_id = 1
        self._clock = 0

    def records(self, object_type: str) -> list[CrmRecord]:
        """Every record of one object type, in creation order."""
        return list(self._records.get(object_type, {}).values())

    def find(self, object_type: str, prop: str, value: str) -> list[CrmRecord]:
        return [r for r in self.records(object_type) if r.properties.get(prop) == value]

    def fail_next_upsert_input(self, object_type: str) -> None:
        """The next batch upsert of ``object_type`` answers 207, its first input not written."""
        self._fail_next_inputs.append(_Pending207(object_type))

    def edit(self, object_type: str, record_id: str, properties: dict[str, str]) -> None:
        """A CRM user edits a record by hand (not a sync side effect)."""
        record = self._records[object_type][record_id]
        record.properties.update(properties)

    # -- HTTP ---------------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request as HubSpot would."""
        bearer = request.headers.get("authorization")
        if self.token is not None and bearer != f"Bearer {self.token}":
            return _error(401, "Authentication credentials not found.", "INVALID_AUTHENTICATION")
        match = _OBJECT_PATH.match(request.url.path)
        if match is None or match["type"] not in OBJECT_TYPES:
            return _error(404, f"no such endpoint: {request.method} {request.url.path}",
                          "OBJECT_NOT_FOUND")
        object_type, rest, op = match["type"], match["rest"], match["op"]
        body: Any = None
        if request.method in ("POST", "PATCH"):
            try:
                body = json.loads(request.content or b"null")
            except ValueError:
                return _error(400, "Invalid input JSON", "VALIDATION_ERROR")
            problem = self._invalid(request, body)
            if problem:
                return _error(400, problem, "VALIDATION_ERROR")
        if rest == "batch" and op == "upsert" and request.method == "POST":
            return self._upsert(object_type, body)
        if rest is None and request.method == "POST":
            created = self._create(object_type, dict(body.get("properties") or {}), key=None)
            return httpx.Response(201, json=created.to_json())
        if rest is not None and op is None:
            id_property = request.url.params.get("idProperty")
            record = self._lookup(object_type, rest, id_property)
            if record is None:
                return _error(404, f"no {object_type} record {rest!r}", "OBJECT_NOT_FOUND")
            if request.method == "GET":
                return httpx.Response(200, json=record.to_json())
            if request.method == "PATCH":
                self._update(record, dict(body.get("properties") or {}),
                             key=rest if id_property else None)
                return httpx.Response(200, json=record.to_json())
        return _error(405, f"{request.method} not allowed here", "VALIDATION_ERROR")

    def asgi_app(self) -> Asgi:
        """The double as a plain ASGI application, for a SUT that must reach it over HTTP."""
        return handler_app(self.handle)

    # -- semantics ----------------------------------------------------------------------------

    def _invalid(self, request: httpx.Request, body: Any) -> str | None:
        if not isinstance(body, dict):
            return "the body must be a JSON object"
        if self.contract is None:
            return None
        operation = self.contract.match(request.method, request.url.path)
        media = operation.request.get("application/json") if operation else None
        if media is None or media.schema is None:
            return None
        found = [v for v in violations(self.contract, media.schema, body) if not v.undeclared]
        if not found:
            return None
        return "; ".join(f"{v.pointer or '/'}: {v.message}" for v in found[:3])

    def _upsert(self, object_type: str, body: dict[str, Any]) -> httpx.Response:
        inputs = body["inputs"]
        ids = [item["id"] for item in inputs]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            return _error(400, f"Duplicate IDs found in batch input: {duplicates}",
                          "VALIDATION_ERROR")
        failing = next((p for p in self._fail_next_inputs if p.object_type == object_type), None)
        if failing is not None:
            self._fail_next_inputs.remove(failing)
        results, errors = [], []
        started = self._now()
        for position, item in enumerate(inputs):
            if failing is not None and position < failing.count:
                errors.append({
                    "status": "error", "category": "VALIDATION_ERROR",
                    "message": f"Property values were not valid for input {item['id']}",
                    "context": {"ids": [item["id"]]},
                })
                continue
            key, prop = item["id"], item["idProperty"]
            properties = {**dict(item.get("properties") or {}), prop: key}
            existing = self.find(object_type, prop, key)
            if existing:
                self._update(existing[0], properties, key=key)
                results.append(existing[0].to_json(new=False))
            else:
                record = self._create(object_type, properties, key=key)
                results.append(record.to_json(new=True))
        payload: dict[str, Any] = {"status": "COMPLETE", "results": results,
                                   "startedAt": started, "completedAt": self._now()}
        if errors:
            payload.update(errors=errors, numErrors=len(errors))
            return httpx.Response(207, json=payload)
        return httpx.Response(200, json=payload)

    def _lookup(self, object_type: str, value: str, id_property: str | None) -> CrmRecord | None:
        if id_property:
            found = self.find(object_type, id_property, value)
            return found[0] if found else None
        return self._records.get(object_type, {}).get(value)

    def _create(self, object_type: str, properties: dict[str, Any], *,
                key: str | None) -> CrmRecord:
        record_id = str(self._next_id)
        self._next_id += 1
        now = self._now()
        record = CrmRecord(record_id, object_type, dict(properties), now, now)
        self._records.setdefault(object_type, {})[record_id] = record
        self.side_effects.append(SideEffect(len(self.side_effects), "create", object_type,
                                            record_id, dict(properties), key))
        return record

    def _update(self, record: CrmRecord, properties: dict[str, Any], *, key: str | None) -> None:
        record.properties.update(properties)
        record.updated_at = self._now()
        self.side_effects.append(SideEffect(len(self.side_effects), "update", record.object_type,
                                            record.id, dict(properties), key))

    def _now(self) -> str:
        # A counter, not the clock: the same script gives the same records.
        self._clock += 1
        stamp = datetime(2024, 7, 15, tzinfo=UTC).timestamp() + self._clock / 1000
        return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="milliseconds").replace(
            "+00:00", "Z")


def _error(status: int, message: str, category: str) -> httpx.Response:
    return httpx.Response(status, json={
        "status": "error", "message": message, "correlationId": str(uuid.uuid4()),
        "category": category,
    })
