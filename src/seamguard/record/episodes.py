"""Which recorded interaction answers which request, and a cassette rewritten as a mode says.

Like vcrpy, ``seamguard record`` decides per request whether it is already in the cassette (an
*episode*). vcrpy matches on method, scheme, host, port, path and query; seamguard matches what
a platform's calls really vary in:

* **a path-routed call**: the method, the path after the base URL (so a sandbox recording and a
  production one are the same episode), the query as a multiset of pairs, and the body — JSON
  compared as data, a form as its sorted pairs, anything else byte for byte;
* **a gateway call**: the operation name and its business parameters; the protocol's own
  parameters (time stamp, request id, signature, credentials, format...) are left out, because
  they differ on every call. JSON inside a parameter (``360buy_param_json``) is compared as data.

Both sides are compared as the cassette holds them: a planned request first passes the same
recording hook (scrubbed under the project's pseudonym key, signed again), so a query with a
real e-mail address matches the recorded one that carries its pseudonym.

Each recorded interaction answers one request (vcrpy plays an episode once too): recording the
same request twice keeps two interactions, and both count on the next run.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from seamguard.documents import load_document
from seamguard.recordings.cassettes import ReadableYaml, read_cassette
from seamguard.wire.profile import WireProfile
from seamguard.wire.requests import BodyProblem, Params, is_form

__all__ = ["CassetteFile", "Key", "episode_key"]

Key = tuple[Any, ...]


def _canonical(text: str) -> str | None:
    """A JSON document as canonical text, or None when ``text`` is not JSON."""
    try:
        return json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False)
    except (ValueError, RecursionError):
        return None


def _text(body: bytes | str | None) -> str:
    if body is None:
        return ""
    return body if isinstance(body, str) else body.decode("utf-8", errors="surrogateescape")


def _body_key(body: bytes | str | None, content_type: str) -> Any:
    if not body:
        return None
    text = _text(body)
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        canonical = _canonical(text)
        if canonical is not None:
            return ("json", canonical)
    if is_form(content_type):
        return ("form", tuple(sorted(parse_qsl(text, keep_blank_values=True))))
    return ("raw", text)


def _relative(path: str, base_path: str) -> str:
    base = base_path.rstrip("/")
    if base and (path == base or path.startswith(base + "/")):
        return path[len(base):] or "/"
    return path or "/"


def episode_key(method: str, uri: str, headers: Mapping[str, str], body: bytes | str | None,
                *, base_url: str, wire: WireProfile) -> Key:
    """The episode a request belongs to (``headers`` with lower-cased names).

    Args:
        method: The HTTP method.
        uri: The full URL, as recorded.
        headers: The request headers (only ``Content-Type`` counts).
        body: The request body, as recorded.
        base_url: The platform's base URL (its path is cut off the request's).
        wire: The platform's wire profile (gateway calls are keyed by operation).
    """
    parts = urlsplit(uri)
    path = _relative(parts.path, urlsplit(base_url).path)
    content_type = headers.get("content-type", "")
    if wire.gateway_path(path) is not None:
        try:
            return _gateway_key(Params(uri, headers, body, wire.charset), wire)
        except BodyProblem:
            pass  # unreadable as the protocol's parameters: compared as it is
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return ("call", method.upper(), path, query, _body_key(body, content_type))


def _gateway_key(params: Params, wire: WireProfile) -> Key:
    assert wire.operation is not None
    protocol = set(wire.request.common) | set(wire.request.secret_params)
    protocol.update(name for name in (wire.time.param, wire.request.request_id) if name)
    if wire.signing is not None:
        protocol.add(wire.signing.signature.name)
    protocol.difference_update(wire.operation.parts)
    values = dict(params.merged())
    document = params.json
    if isinstance(document, dict):
        values.update({str(k): v if isinstance(v, str) else json.dumps(v, sort_keys=True)
                       for k, v in document.items()})
    operation = params.get(wire.operation)
    for part in wire.operation.parts:
        values.pop(part, None)
    business = tuple(sorted((name, _canonical(value) or value)
                            for name, value in values.items() if name not in protocol))
    return ("operation", operation, business)


@dataclass
class CassetteFile:
    """A cassette being recorded into: the interactions it holds (as stored), their episodes,
    and which of them a request of this run has claimed.

    Attributes:
        path: The cassette file.
        display: Its name as the user sees it.
        interactions: The stored interactions, unchanged (written back as they were).
        keys: The episode of each interaction.
        existed: Whether the file was there before this run.
    """

    path: Path
    display: str
    interactions: list[dict[str, Any]] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)
    existed: bool = False
    _claimed: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path, *, display: str, base_url: str, wire: WireProfile,
             max_bytes: int, max_depth: int) -> CassetteFile:
        """Read the cassette at ``path`` (an empty one when there is none).

        Raises:
            DocumentError: the file is not a readable vcrpy cassette (file and line given).
        """
        if not path.exists() and not path.is_symlink():
            return cls(path, display)
        parsed = read_cassette(path, display=display, max_bytes=max_bytes, max_depth=max_depth)
        raw = load_document(path, max_bytes=max_bytes, display=display, max_depth=max_depth,
                            binary=True)
        keys = [episode_key(i.method, i.uri, i.request_headers, i.request_body,
                            base_url=base_url, wire=wire) for i in parsed.interactions]
        return cls(path, display, list(raw["interactions"]), keys, existed=True)

    def claim(self, key: Key) -> int | None:
        """The first interaction of episode ``key`` no request has claimed yet (now claimed)."""
        for index, found in enumerate(self.keys):
            if found == key and index not in self._claimed:
                self._claimed.add(index)
                return index
        return None

    def interaction(self, index: int) -> dict[str, Any]:
        """One stored interaction (``request``, ``response``), as stored."""
        return self.interactions[index]

    def put(self, key: Key, interaction: dict[str, Any], *, replace: bool) -> int:
        """Add a newly recorded interaction; with ``replace``, in the place of the first
        unclaimed one of the same episode. Returns its index."""
        index = self.claim(key) if replace else None
        if index is None:
            self.interactions.append(interaction)
            self.keys.append(key)
            index = len(self.interactions) - 1
            self._claimed.add(index)
        else:
            self.interactions[index] = interaction
        return index

    def write(self) -> None:
        """Write the cassette atomically, in vcrpy's layout (JSON for ``.json``)."""
        data = {"interactions": self.interactions, "version": 1}
        if self.path.suffix.lower() == ".json":
            text = json.dumps(data, indent=4, ensure_ascii=False) + "\n"
        else:
            text = ReadableYaml.serialize(data)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.tmp")
        try:
            scratch.write_text(text, encoding="utf-8")
            os.replace(scratch, self.path)
        finally:
            scratch.unlink(missing_ok=True)


def recorded_interactions(path: Path, *, display: str, max_bytes: int,
                          max_depth: int) -> list[dict[str, Any]]:
    """The interactions of a cassette this run just wrote (none when it was not written)."""
    if not path.exists():
        return []
    data = load_document(path, max_bytes=max_bytes, display=display, max_depth=max_depth,
                         binary=True)
    return list(data["interactions"])
