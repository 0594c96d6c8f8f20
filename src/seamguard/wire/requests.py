"""The parameters of a recorded request: query string, form body, JSON body and headers.

Gateway protocols put the operation name, the version, the signature and the business
parameters in any of these places (TOP reads the query string and the form body alike), so
routing, request validation and signature checks all read a request through :class:`Params`.
The body is decoded and parsed only when something asks for it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from seamguard.wire.profile import ParamLocation

__all__ = ["BodyProblem", "Params", "charset_of", "is_form"]


class BodyProblem(ValueError):
    """The request body cannot be read as the form or JSON document its Content-Type says."""


def charset_of(content_type: str | None, default: str) -> str:
    """The ``charset`` parameter of a Content-Type, or ``default``."""
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return default


def is_form(content_type: str | None) -> bool:
    """Is this an ``application/x-www-form-urlencoded`` Content-Type?"""
    return (content_type or "").split(";", 1)[0].strip().lower() == \
        "application/x-www-form-urlencoded"


def _is_json(content_type: str | None) -> bool:
    base = (content_type or "").split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


class Params:
    """One request's parameters, read lazily.

    Args:
        uri: The request URL (its query string is read).
        headers: Request headers with lower-cased names.
        body: The raw request body.
        charset: The charset of a body whose Content-Type names none.
    """

    def __init__(self, uri: str, headers: Mapping[str, str], body: bytes | str | None,
                 charset: str = "utf-8") -> None:
        self.uri = uri
        self.headers = headers
        self.body = body
        self.charset = charset

    @cached_property
    def query(self) -> dict[str, str]:
        """Query parameters (the first value of a repeated name)."""
        query = urlsplit(self.uri).query
        out: dict[str, str] = {}
        for name, value in parse_qsl(query, keep_blank_values=True):
            out.setdefault(name, value)
        return out

    @property
    def content_type(self) -> str | None:
        """The request's Content-Type header."""
        return self.headers.get("content-type")

    def _text(self) -> str:
        body = self.body
        if body is None:
            return ""
        if isinstance(body, str):
            return body
        charset = charset_of(self.content_type, self.charset)
        try:
            return body.decode(charset)
        except LookupError:
            raise BodyProblem(f"the request declares an unknown charset {charset!r}") from None
        except UnicodeDecodeError as exc:
            raise BodyProblem(
                f"the request body is not valid {charset} (byte 0x{body[exc.start]:02x} at "
                f"offset {exc.start}); is its declared charset wrong?") from None

    @cached_property
    def form(self) -> dict[str, str]:
        """Form fields of an ``application/x-www-form-urlencoded`` body (else empty).

        Raises:
            BodyProblem: the body cannot be decoded with its charset.
        """
        if not is_form(self.content_type) or not self.body:
            return {}
        out: dict[str, str] = {}
        charset = charset_of(self.content_type, self.charset)
        try:
            pairs = parse_qsl(self._text(), keep_blank_values=True, encoding=charset,
                              errors="strict")
        except UnicodeDecodeError as exc:
            raise BodyProblem(f"a form value is not valid {charset} once percent-decoded "
                              f"({exc.reason}); is the declared charset wrong?") from None
        for name, value in pairs:
            out.setdefault(name, value)
        return out

    @cached_property
    def json(self) -> Any:
        """The parsed JSON body, or None when the body is not declared JSON.

        Raises:
            BodyProblem: declared JSON, but not decodable or not JSON.
        """
        if not _is_json(self.content_type) or not self.body:
            return None
        try:
            return json.loads(self._text())
        except json.JSONDecodeError as exc:
            raise BodyProblem(f"the request body is declared JSON but is not ({exc.msg} at "
                              f"line {exc.lineno} column {exc.colno})") from None

    def get(self, location: ParamLocation) -> str | None:
        """The value at ``location`` (first place that has it), as text; None if absent.

        Raises:
            BodyProblem: the body had to be read and cannot be.
        """
        for place in location.places:
            if place == "query":
                value: Any = self.query.get(location.name)
            elif place == "form":
                value = self.form.get(location.name)
            elif place == "header":
                value = self.headers.get(location.name.lower())
            else:
                document = self.json
                value = document.get(location.name) if isinstance(document, dict) else None
            if value is not None:
                return value if isinstance(value, str) else json.dumps(value)
        return None

    def merged(self) -> dict[str, str]:
        """Query and form parameters together (a form field wins over a query parameter).

        Raises:
            BodyProblem: the form body cannot be read.
        """
        return {**self.query, **self.form}
