"""What a loaded contract indexes: operations with their parameters, request bodies and
responses (media types, headers, encodings), and the index of path templates that finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = [
    "Encoding",
    "HeaderSpec",
    "MediaSpec",
    "Operation",
    "PathParam",
    "QueryParam",
    "ResponseSpec",
    "SchemaRef",
    "match_media",
]


class SchemaRef(NamedTuple):
    """Where a payload schema lives: document URI and JSON pointer of the (raw) schema.

    A tuple, because it keys the validator caches looked up for every recorded body.
    """

    uri: str
    pointer: str


@dataclass(frozen=True)
class Encoding:
    """How one property of a form body is written (a media type's ``encoding`` entry)."""

    style: str  # form (the default), spaceDelimited, pipeDelimited or deepObject
    explode: bool
    content_type: str | None


@dataclass(frozen=True)
class MediaSpec:
    media_type: str
    schema: SchemaRef | None
    # Form bodies: each property's ``encoding`` entry, by property name.
    encoding: tuple[tuple[str, Encoding], ...] = ()

    @property
    def is_json(self) -> bool:
        """JSON or a ``+json`` type; ``*/*`` counts, since a JSON schema is declared for it."""
        return _is_json(self.media_type)


@lru_cache(maxsize=256)
def _is_json(media_type: str) -> bool:
    base = media_type.split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or base == "*/*"


@dataclass(frozen=True)
class HeaderSpec:
    name: str
    required: bool
    schema: SchemaRef | None


@dataclass(frozen=True)
class PathParam:
    """A path parameter an operation declares (``in: path``), with its serialisation."""

    name: str
    style: str  # simple (the default), label or matrix
    explode: bool
    schema: SchemaRef | None


@dataclass(frozen=True)
class QueryParam:
    """A query, header or cookie parameter an operation declares, with its serialisation."""

    name: str
    # query: form (the default), spaceDelimited, pipeDelimited or deepObject; header: simple;
    # cookie: form
    style: str
    explode: bool
    required: bool
    schema: SchemaRef | None
    # Described by ``content`` instead of ``schema``: the value is a document of this type.
    media: MediaSpec | None = None
    allow_empty: bool = False


@dataclass
class ResponseSpec:
    status: str
    content: dict[str, MediaSpec] = field(default_factory=dict)
    headers: dict[str, HeaderSpec] = field(default_factory=dict)

    _matched: dict[str | None, MediaSpec | None] = field(default_factory=dict, repr=False,
                                                          compare=False)

    def media(self, content_type: str | None) -> MediaSpec | None:
        """The declared media type that best matches a response's Content-Type."""
        try:
            return self._matched[content_type]
        except KeyError:
            found = match_media(self.content, content_type)
            if len(self._matched) < 256:  # recordings repeat a handful of Content-Types
                self._matched[content_type] = found
            return found


def match_media(content: dict[str, MediaSpec], content_type: str | None) -> MediaSpec | None:
    """Exact media type (parameters ignored), then ``type/*``, then ``*/*``; then, for XML,
    any XML type the operation declares: ``text/xml`` and ``application/xml`` name the same
    format (RFC 7303), so a contract declaring one is met by an answer labelled the other
    (TOP labels its XML ``text/xml``; a contract may well say ``application/xml``)."""
    if not content:
        return None
    actual = (content_type or "").split(";", 1)[0].strip().lower()
    lowered = {key.split(";", 1)[0].strip().lower(): spec for key, spec in content.items()}
    if actual in lowered:
        return lowered[actual]
    found = lowered.get(f"{actual.split('/', 1)[0]}/*") or lowered.get("*/*")
    if found is not None and (_is_json(actual) or actual in _PLAIN_XML
                              or actual.endswith("+xml")):
        # A range (``application/*``, ``*/*``) met by a JSON or XML answer: the body is read
        # as what it says it is, under the range's schema.
        return replace(found, media_type=actual)
    if found is None and actual in _PLAIN_XML:
        found = next((spec for key, spec in lowered.items() if key in _PLAIN_XML), None)
    return found


_PLAIN_XML = frozenset({"text/xml", "application/xml"})


@dataclass
class Operation:
    """One operation (or webhook) of a contract."""

    method: str
    path: str  # template, e.g. /orders/{order_id}.json; for a webhook, its name
    operation_id: str | None
    pointer: str  # JSON pointer of the operation object in the entry document
    responses: dict[str, ResponseSpec] = field(default_factory=dict)
    request: dict[str, MediaSpec] = field(default_factory=dict)
    webhook: bool = False
    # In-band error codes the operation documents (x-seamguard-in-band-errors).
    documented_errors: frozenset[str] = frozenset()
    # Path parameters, path-item level merged with (and overridden by) operation level.
    path_params: tuple[PathParam, ...] = ()
    # Query parameters, merged the same way.
    query_params: tuple[QueryParam, ...] = ()
    # Header parameters (``in: header``; not Accept, Content-Type or Authorization, which
    # OpenAPI says are not parameters) and cookie parameters, merged the same way.
    header_params: tuple[QueryParam, ...] = ()
    cookie_params: tuple[QueryParam, ...] = ()
    # The requestBody says ``required: true``.
    request_required: bool = False
    # Asked for every recorded interaction: computed once.
    _label: str = field(default="", init=False, repr=False, compare=False)
    _gateway_name: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._label = (f"webhook {self.path}" if self.webhook
                       else f"{self.method.upper()} {self.path}")
        _, hash_, name = self.path.partition("#")
        self._gateway_name = name if hash_ and not self.webhook else None

    @property
    def gateway_name(self) -> str | None:
        """The operation name of a gateway path (``/router/rest#name``), else None."""
        return self._gateway_name

    @property
    def label(self) -> str:
        return self._label

    def response(self, status: int) -> ResponseSpec | None:
        """Exact status, then its ``NXX`` range, then ``default``."""
        return (
            self.responses.get(str(status))
            or self.responses.get(f"{str(status)[0]}XX")
            or self.responses.get(f"{str(status)[0]}xx")
            or self.responses.get("default")
        )


class _PathIndex:
    """Matches request paths to path templates; literal segments beat parameters.

    Templates are bucketed by method and number of ``/`` (a parameter never spans one), so a
    contract with thousands of paths tries only the few of the same depth.
    """

    def __init__(self) -> None:
        self._routes: dict[tuple[str, int], list[tuple[re.Pattern[str], Operation]]] = {}
        self._unsorted = False
        self._cache: dict[tuple[str, str], Operation | None] = {}

    def add(self, operation: Operation) -> None:
        key = (operation.method, operation.path.count("/"))
        self._routes.setdefault(key, []).append((_template_regex(operation.path), operation))
        self._unsorted = True

    def _sort(self) -> None:
        # Fewer parameters and longer literals first: /orders/count.json before /orders/{id}.json
        for routes in self._routes.values():
            routes.sort(key=lambda route: (route[1].path.count("{"), -len(route[1].path)))
        self._unsorted = False

    def match(self, method: str, path: str) -> Operation | None:
        key = (method, path)
        if key not in self._cache:
            if self._unsorted:
                self._sort()
            found = None
            for pattern, operation in self._routes.get((method, path.count("/")), ()):
                if pattern.fullmatch(path):
                    found = operation
                    break
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = found
        return self._cache[key]

    def match_all(self, method: str, path: str) -> list[Operation]:
        """Every operation whose template matches, the one :meth:`match` picks first."""
        if self._unsorted:
            self._sort()
        return [operation for pattern, operation in self._routes.get((method, path.count("/")), ())
                if pattern.fullmatch(path)]

    def methods_for(self, path: str) -> list[str]:
        depth = path.count("/")
        return sorted(
            method for (method, slashes), routes in self._routes.items()
            if slashes == depth and any(pattern.fullmatch(path) for pattern, _ in routes)
        )


# A path template as the specification has it: each variable a name in closed, unnested braces,
# without blanks or slashes.
_TEMPLATE = re.compile(r"^(?:[^{}]|\{[^{}\s/]+\})*$")


def is_template(path: str) -> bool:
    """Whether the braces of ``path`` make a path template (``/orders/{id}.json``); a path
    key that is none (``{order id}``, ``{id``, ``{{id}}``) matches only itself, so no request
    is checked against a template ``contract lint`` calls invalid."""
    return bool(_TEMPLATE.match(path))


def _template_regex(template: str) -> re.Pattern[str]:
    if not is_template(template):
        return re.compile(re.escape(template))
    parts = re.split(r"(\{[^}/]+\})", template)
    regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(regex)


def _encoding(raw: Any) -> tuple[tuple[str, Encoding], ...]:
    """A media type's ``encoding`` entries as read (malformed ones are lint's to report)."""
    if not isinstance(raw, dict):
        return ()
    found = []
    for name, entry in raw.items():
        if not isinstance(entry, dict):
            continue
        style = entry.get("style", "form")
        explode = entry.get("explode")
        content_type = entry.get("contentType")
        found.append((str(name), Encoding(
            style=style if isinstance(style, str) else "form",
            explode=explode if isinstance(explode, bool) else style == "form",
            content_type=content_type if isinstance(content_type, str) else None)))
    return tuple(found)
