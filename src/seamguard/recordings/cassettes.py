"""Read vcrpy cassettes (format version 1, YAML or JSON) into plain interactions.

The file is parsed with seamguard's YAML 1.2 reader (so header values such as ``2024-07`` stay
strings, and a malformed file reports its line), then its shape is checked against vcrpy's
documented layout::

    interactions:
    - request:  {method, uri, body, headers: {Name: [value]}}
      response: {status: {code, message}, headers: {Name: [value]}, body: {string: ...}}
    version: 1

``open_cassette`` streams: ``Cassette.each()`` reads one interaction at a time (see
``seamguard.recordings.stream``), so memory stays bounded by the largest interaction however
long the recording. ``read_cassette`` reads the same way into a list. Either gives exactly the
interactions and the errors (file, line, hint) of a whole-file parse.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from seamguard.documents import DEFAULT_MAX_DEPTH, LineLocator, load_document, open_regular
from seamguard.errors import DocumentError
from seamguard.recordings.bodies import decode_body
from seamguard.recordings.stream import Irregular, scan

__all__ = ["Cassette", "CassetteFormatError", "Interaction", "ReadableYaml", "decode_body",
           "open_cassette", "read_cassette"]


class ReadableYaml:
    """A vcrpy serializer: vcrpy's YAML layout, written with unescaped UTF-8 so bodies with
    Chinese names and addresses stay readable text in reviews."""

    @staticmethod
    def serialize(cassette_dict: dict[str, Any]) -> str:
        import yaml

        return yaml.dump(cassette_dict, Dumper=yaml.SafeDumper, allow_unicode=True,
                         sort_keys=True, width=1 << 16, default_flow_style=False)

    @staticmethod
    def deserialize(cassette_string: str) -> Any:
        import yaml

        return yaml.safe_load(cassette_string)


class CassetteFormatError(DocumentError):
    """The file parses, but is not a vcrpy cassette."""


def _headers(raw: Any, where: str, cassette: Cassette, index: int,
             ) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Lower-cased header names with their first value, and every value of a header sent on
    several lines (vcrpy stores each header as a list of its lines' values)."""
    if raw is None:
        return {}, {}
    if not isinstance(raw, Mapping):
        raise CassetteFormatError(f"{where} must be a mapping of header lists",
                                  file=cassette.display, line=cassette.line_of(index),
                                  hint="vcrpy writes {Name: [value, ...]}")
    every: dict[str, list[str]] = {}
    for name, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if any(not isinstance(item, str | None) for item in values):
            # vcrpy writes every value as text (null: an empty header); a number or a mapping
            # is a hand edit that would be read as some other value (``7``, ``{'a': 1}``)
            raise CassetteFormatError(
                f"{where}.{name} must be a list of text values; found {_kind_of(value)}",
                file=cassette.display, line=cassette.line_of(index),
                hint=f"write it as vcrpy does: {name}: [\"value\"] (quote numbers)")
        # Two spellings of one name (Foo, foo) are one header too.
        every.setdefault(str(name).lower(), []).extend(
            "" if item is None else str(item) for item in values or [""])
    headers = {name: values[0] for name, values in every.items()}
    # Codings sent on several lines were all applied (RFC 9110 5.3: the lines are one list)
    codings = [value for value in every.get("content-encoding", []) if value.strip()]
    if len(codings) > 1:
        headers["content-encoding"] = ", ".join(codings)
    return headers, {name: values for name, values in every.items() if len(values) > 1}


@dataclass
class Interaction:
    """One recorded request/response pair."""

    index: int
    method: str
    uri: str
    request_headers: dict[str, str]
    request_body: bytes | str | None
    status: int
    response_headers: dict[str, str]
    response_body: bytes | str | None
    # Every value of a header sent on several lines (lower-cased name); headers sent once are
    # only in request_headers / response_headers.
    request_lines: dict[str, list[str]] = field(default_factory=dict)
    response_lines: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Cassette:
    """One cassette: ``interactions`` when read whole, or streamed by ``each()``."""

    path: Path
    display: str
    interactions: list[Interaction] = field(default_factory=list)
    _locator: LineLocator | None = None
    # Line of each interaction streamed so far; None once the file was read whole.
    _lines: list[int] | None = None
    # (max_bytes, max_depth) of a cassette opened for streaming.
    _limits: tuple[int, int] | None = None

    def line_of(self, index: int) -> int | None:
        """Line of interaction ``index`` in the file (computed on demand)."""
        if self._lines is not None and index < len(self._lines):
            return self._lines[index]
        if self._locator is None:
            self._locator = LineLocator(self.path)
        return self._locator.line_of(f"/interactions/{index}")

    def each(self) -> Iterator[Interaction]:
        """Every interaction in file order; a cassette from ``open_cassette`` reads them now,
        one at a time, and raises DocumentError (file, line, hint) if the file is not a valid
        cassette, possibly after yielding the interactions before the problem."""
        if self._limits is None:
            yield from self.interactions
            return
        max_bytes, max_depth = self._limits
        yielded = 0
        if self.path.suffix.lower() != ".json":  # JSON is parsed as JSON, whole
            lines: list[int] = []
            self._lines = lines
            try:
                with open_regular(self.path, max_bytes=max_bytes, display=self.display) as stream:
                    for item in scan(stream, max_bytes=max_bytes, max_depth=max_depth):
                        lines.append(item.line)
                        try:
                            interaction = _interaction(yielded, item.value, self)
                        except CassetteFormatError:
                            raise Irregular from None  # the whole-file read says what is first
                        yield interaction
                        yielded += 1
                return
            except Irregular:
                pass
        # Outside vcrpy's regular layout, or broken: the whole-file reader decides.
        self._lines = None
        whole = _read_whole(self.path, display=self.display, max_bytes=max_bytes,
                            max_depth=max_depth)
        self._locator = whole._locator
        yield from whole.interactions[yielded:]


def _body(raw: Any) -> bytes | str | None:
    if raw is None:
        return None
    if isinstance(raw, Mapping):
        raw = raw.get("string")
    if raw is None or isinstance(raw, bytes | str):
        return raw
    if isinstance(raw, Mapping | list):
        # A recorder that stored the parsed JSON body (a mapping or a list): checked as the
        # JSON text it stands for, not as Python's spelling of it.
        try:
            return json.dumps(raw, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            pass
    return str(raw)


def open_cassette(path: Path, *, display: str, max_bytes: int,
                  max_depth: int = DEFAULT_MAX_DEPTH) -> Cassette:
    """A cassette to stream with ``each()``; nothing is read yet."""
    return Cassette(path=path, display=display, _limits=(max_bytes, max_depth))


def read_cassette(path: Path, *, display: str, max_bytes: int,
                  max_depth: int = DEFAULT_MAX_DEPTH) -> Cassette:
    """Parse and shape-check one cassette; raises DocumentError with file and line if it cannot."""
    cassette = open_cassette(path, display=display, max_bytes=max_bytes, max_depth=max_depth)
    cassette.interactions = list(cassette.each())
    cassette._limits = None
    return cassette


def _read_whole(path: Path, *, display: str, max_bytes: int, max_depth: int) -> Cassette:
    """The whole-file reader: one YAML (or JSON) parse, then the shape of every interaction."""
    data = load_document(path, max_bytes=max_bytes, display=display, max_depth=max_depth,
                         binary=True)
    hint = "record it with vcrpy (format version 1), or move non-cassette files elsewhere"
    if isinstance(data, list) and data and isinstance(data[0], Mapping) and "request" in data[0]:
        raise CassetteFormatError(
            "this is a pre-1.0 vcrpy cassette (a bare list of interactions)",
            file=display, line=1, hint="re-record it with a current vcrpy",
        )
    if not isinstance(data, Mapping) or "interactions" not in data:
        other = _other_recorder(data)
        raise CassetteFormatError(
            "not a vcrpy cassette: expected a mapping with `interactions` and `version`"
            + (f"; this looks like {other}" if other else ""),
            file=display, line=1, hint=hint if other is None else
            "seamguard reads vcrpy cassettes (pytest-recording writes them too): record these "
            "calls again with vcrpy, or move this file out of the cassettes folder",
        )
    version = data.get("version")
    if version != 1:
        raise CassetteFormatError(
            f"unsupported cassette format version {version!r} (expected 1)",
            file=display, line=LineLocator(path).line_of("/version"), hint=hint,
        )
    raw_interactions = data["interactions"]
    if not isinstance(raw_interactions, list):
        raise CassetteFormatError("`interactions` must be a list", file=display,
                                  line=LineLocator(path).line_of("/interactions"), hint=hint)
    cassette = Cassette(path=path, display=display)
    for index, raw in enumerate(raw_interactions):
        cassette.interactions.append(_interaction(index, raw, cassette))
    return cassette


def _other_recorder(data: Any) -> str | None:
    """Which other tool's recording ``data`` seems to be, by the keys each one writes."""
    if isinstance(data, list):
        first = data[0] if data else None
        if isinstance(first, Mapping) and "scope" in first and "method" in first:
            return "a nock recording (Node.js)"
        return None
    if not isinstance(data, Mapping):
        return None
    if "http_interactions" in data:
        written = str(data.get("recorded_with") or "")
        tool = "Betamax" if written.lower().startswith("betamax") else "Ruby VCR"
        return f"a {tool} cassette (`http_interactions`" + (
            f", recorded with {written[:40]})" if written else ")")
    log = data.get("log")
    if isinstance(log, Mapping) and "entries" in log:
        creator = log.get("creator")
        name = creator.get("name") if isinstance(creator, Mapping) else None
        return "a HAR archive" + (f" written by {str(name)[:40]}" if name else "")
    if "mappings" in data or {"request", "response"} <= set(data):
        return "a WireMock stub mapping"
    if isinstance(data.get("data"), Mapping) and "pairs" in data["data"]:
        return "a Hoverfly simulation"
    if isinstance(data.get("responses"), list):
        return "a recording of the `responses` library"
    return None


def _interaction(index: int, raw: Any, cassette: Cassette) -> Interaction:
    def fail(problem: str) -> CassetteFormatError:
        return CassetteFormatError(
            f"interaction #{index}: {problem}", file=cassette.display,
            line=cassette.line_of(index),
            hint="each interaction needs request.method, request.uri and response.status.code",
        )

    if not isinstance(raw, Mapping):
        raise fail("must be a mapping with `request` and `response`")
    request, response = raw.get("request"), raw.get("response")
    if not isinstance(request, Mapping) or not isinstance(response, Mapping):
        raise fail("missing `request` or `response`")
    method, uri = request.get("method"), request.get("uri")
    if not isinstance(method, str) or not isinstance(uri, str):
        raise fail("request.method and request.uri must be strings")
    status = response.get("status")
    code = status.get("code") if isinstance(status, Mapping) else None
    if not isinstance(code, int) or isinstance(code, bool):
        raise fail("response.status.code must be an integer")
    message = status.get("message") if isinstance(status, Mapping) else None
    if message is not None and not isinstance(message, str):
        raise fail(f"response.status.message must be text (the reason phrase, e.g. OK); "
                   f"found {_kind_of(message)}")
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError as exc:
        raise fail(f"request.uri {uri[:80]!r} is not a URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise fail(f"request.uri {uri[:80]!r} is not an absolute http(s) URL")
    where = f"interaction #{index}"
    request_headers, request_lines = _headers(request.get("headers"),
                                              f"{where} request.headers", cassette, index)
    response_headers, response_lines = _headers(response.get("headers"),
                                                f"{where} response.headers", cassette, index)
    return Interaction(
        index=index,
        method=method.upper(),
        uri=uri,
        request_headers=request_headers,
        request_body=_body(request.get("body")),
        status=code,
        response_headers=response_headers,
        response_body=_body(response.get("body")),
        request_lines=request_lines,
        response_lines=response_lines,
    )


def _kind_of(value: Any) -> str:
    """What a YAML value is, in the words of the file: null, a number, a mapping, ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "an empty list" if not value else "a list holding " + ", ".join(
            sorted({_kind_of(item) if not isinstance(item, str) else "text" for item in value}))
    return "text"
