"""The parameters of a recorded request: query string, form body, JSON body and headers.

Gateway protocols put the operation name, the version, the signature and the business
parameters in any of these places (TOP reads the query string and the form body alike), so
routing, request validation and signature checks all read a request through :class:`Params`.
The body is decoded and parsed only when something asks for it.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote_plus as _stdlib_unquote_plus
from urllib.parse import unquote_to_bytes

from seamguard.documents import DuplicateKeyError, loads_json
from seamguard.recordings import bodies
from seamguard.wire.profile import OperationLocation, ParamLocation

__all__ = ["BodyProblem", "Params", "charset_of", "is_form", "is_multipart", "unquote_plus"]

_UNREAD: Any = object()


class BodyProblem(ValueError):
    """The request body cannot be read as the form or JSON document its Content-Type says."""


# Content-Types repeat across a cassette: what each says is read once (up to a bound).
_CHARSETS: dict[tuple[str | None, str], str | None] = {}
_FORMS: dict[str | None, bool] = {}
_QUERY_CHARSETS: dict[tuple[str | None, str], str | None] = {}
_REMEMBERED = 256


def charset_of(content_type: str | None, default: str) -> str:
    """The codec a Content-Type's ``charset`` names (GBK read as its superset GB18030), or
    ``default``.

    Raises:
        BodyProblem: the Content-Type names a charset Python does not know.
    """
    key = (content_type, default)
    found = _CHARSETS.get(key, _UNREAD)
    if found is _UNREAD:
        found = bodies.charset_of(content_type)
        if found is None and "charset" not in (content_type or "").lower():
            found = default
        if len(_CHARSETS) < _REMEMBERED:
            _CHARSETS[key] = found
    if found is None:
        raise BodyProblem(f"the request declares an unknown charset ({content_type!r})")
    return found  # type: ignore[no-any-return]


def _declares_charset(content_type: str | None) -> bool:
    return "charset" in (content_type or "").lower()


def _form_facts(content_type: str | None, default: str) -> tuple[bool, str | None, bool]:
    """What a form body under ``content_type`` is read with, for every call that has it: is it
    a form; its codec (None: a charset Python does not know, said when the body is read); and
    whether the codec is a declared Chinese, Japanese or Korean one (``Params._screens``)."""
    try:
        charset: str | None = charset_of(content_type, default)
    except BodyProblem:
        charset = None
    facts = (is_form(content_type), charset, charset is not None and bodies.is_cjk_codec(
        charset) and _declares_charset(content_type))
    if len(_FORM_FACTS) < _REMEMBERED:
        _FORM_FACTS[(content_type, default)] = facts
    return facts


_FORM_FACTS: dict[tuple[str | None, str], tuple[bool, str | None, bool]] = {}


def is_form(content_type: str | None) -> bool:
    """Is this an ``application/x-www-form-urlencoded`` Content-Type?"""
    found = _FORMS.get(content_type)
    if found is None:
        found = (content_type or "").split(";", 1)[0].strip().lower() == \
            "application/x-www-form-urlencoded"
        if len(_FORMS) < _REMEMBERED:
            _FORMS[content_type] = found
    return found


def is_multipart(content_type: str | None) -> bool:
    """Is this a ``multipart/form-data`` Content-Type?"""
    return (content_type or "").split(";", 1)[0].strip().lower() == "multipart/form-data"


def _is_json(content_type: str | None) -> bool:
    found = _JSONS.get(content_type)
    if found is None:
        base = (content_type or "").split(";", 1)[0].strip().lower()
        found = base == "application/json" or base.endswith("+json")
        if len(_JSONS) < _REMEMBERED:
            _JSONS[content_type] = found
    return found


_JSONS: dict[str | None, bool] = {}


def unquote_plus(text: str, charset: str = "utf-8", errors: str = "replace") -> str:
    """``urllib.parse.unquote_plus``, done in C for ASCII text (a form's JSON field is read for
    every gateway call, and the stdlib decodes each ``%XX`` in Python).

    ``%XX`` becomes ``\\xXX`` for ``codecs.escape_decode`` (after doubling real backslashes);
    text with a malformed escape, or with raw non-ASCII characters, goes the stdlib's way.
    """
    if text.isascii():
        raw = text.replace("+", " ").encode("ascii").replace(b"\\", b"\\\\").replace(b"%", b"\\x")
        try:
            decoded = codecs.escape_decode(raw)[0]
        except ValueError:  # "%" without two hex digits after it
            pass
        else:
            return decoded.decode(charset, errors)
    return _stdlib_unquote_plus(text, charset, errors)


def _pairs(text: str, charset: str, errors: str) -> dict[str, str]:
    """``a=1&b=%E4%B8%AD`` as a dict (first value of a repeated name wins).

    The same result as ``urllib.parse.parse_qsl(keep_blank_values=True)``, but names and values
    without ``%`` or ``+`` are taken as they are: gateway calls are read for every interaction.
    ASCII text is read in one compiled call when the C accelerator is built.
    """
    if _COMPILED_PAIRS is not None:
        found: dict[str, str] | None = _COMPILED_PAIRS(text, charset, errors)
        if found is not None:
            return found
    return _python_pairs(text, charset, errors)


def _python_pairs(text: str, charset: str, errors: str) -> dict[str, str]:
    """``_pairs`` in Python: for any text, and the reference the compiled reader is tested
    against."""
    out: dict[str, str] = {}
    for piece in text.split("&"):
        if not piece:
            continue
        name, _, value = piece.partition("=")
        if "%" not in piece and "+" not in piece:  # the usual case: nothing to decode
            if name not in out:
                out[name] = value
            continue
        if "%" in name or "+" in name:
            name = unquote_plus(name, charset, errors)
        if name in out:
            continue
        if "%" in value or "+" in value:
            value = unquote_plus(value, charset, errors)
        out[name] = value
    return out


try:
    from seamguard._jsonscan import pairs as _compiled_pairs  # type: ignore[import-not-found]
except ImportError:  # not built: read in Python (the same answers)
    _COMPILED_PAIRS: Callable[[str, str, str], dict[str, str] | None] | None = None
else:
    _COMPILED_PAIRS = _compiled_pairs


class Params:
    """One request's parameters, read lazily.

    Args:
        uri: The request URL (its query string is read).
        headers: Request headers with lower-cased names.
        body: The raw request body.
        charset: The charset of a body whose Content-Type names none.
    """

    __slots__ = ("_form", "_json", "_merged", "_query", "body", "bom", "charset",
                 "content_type", "found", "found_in", "headers", "mislabelled", "mislabelled_in",
                 "twice", "uri")

    def __init__(self, uri: str, headers: Mapping[str, str], body: bytes | str | None,
                 charset: str = "utf-8") -> None:
        self.uri = uri
        self.headers = headers
        self.body = body
        self.charset = charset
        self.content_type: str | None = headers.get("content-type")  # the request's
        # The charset the body turned out to be in when its Content-Type names none and it is
        # not ``charset`` (``GBK``: an older Chinese client's form), once the body is read.
        self.found: str | None = None
        self.found_in = "body"  # or "query string": where ``found`` was found
        # The JSON body starts with a byte-order mark (read without it), once it is read.
        self.bom = False
        # The JSON body names a key twice in an object (read with the last value), once read.
        self.twice: DuplicateKeyError | None = None
        # The body is UTF-8 text (beyond ASCII) under a declared Chinese, Japanese or Korean
        # charset: read as labelled (as the platform reads it) it is garbled.
        self.mislabelled = False
        self.mislabelled_in = "body"  # or "query string": where ``mislabelled`` was seen
        # Read on first use (plain attributes: cached_property takes a lock on every access).
        self._query: dict[str, str] | None = None
        self._form: dict[str, str] | None = None
        self._json: Any = _UNREAD
        self._merged: dict[str, str] | None = None

    @property
    def query(self) -> dict[str, str]:
        """Query parameters (the first value of a repeated name)."""
        if self._query is None:
            _, mark, rest = self.uri.partition("?")
            self._query = self._read_query(rest.partition("#")[0]) if mark else {}
        return self._query

    def _read_query(self, text: str) -> dict[str, str]:
        """The query's pairs, its percent-encoded bytes read as UTF-8; GBK (an older Chinese
        client's GET) is read so only when no charset is named anywhere, and said (``found``).
        Under a declared Chinese, Japanese or Korean charset (the Content-Type's, else the
        platform's), the bytes are read in it, as the platform reads them: UTF-8 there is
        garbled text (``mislabelled``), bytes it cannot read a problem.

        Raises:
            BodyProblem: the bytes are neither UTF-8 nor a charset found under no label, or not
                the declared charset.
        """
        declared = _QUERY_CHARSETS.get((self.content_type, self.charset), _UNREAD)
        if declared is _UNREAD:  # (else: _query_charset's remembered answer)
            declared = self._query_charset()
        if declared is not None:
            return self._read_declared_query(text, declared)
        try:  # (_pairs, in place: read for every gateway call)
            pairs = _COMPILED_PAIRS(text, "utf-8", "strict") if _COMPILED_PAIRS is not None \
                else None
            return pairs if pairs is not None else _python_pairs(text, "utf-8", "strict")
        except UnicodeDecodeError as exc:
            raw = unquote_to_bytes(text.replace("+", " "))
            if _declares_charset(self.content_type):
                declared = charset_of(self.content_type, "utf-8")
                try:  # the SDKs percent-encode the URL in the body's charset too
                    raw.decode(declared)
                    return _pairs(text, declared, "replace")
                except UnicodeDecodeError:
                    pass
            else:
                found = bodies.undeclared_cjk(raw)
                if found is not None:
                    self.found, self.found_in = found[1], "query string"
                    return _pairs(text, found[0].charset, "replace")
            raise BodyProblem(f"a query parameter is not valid UTF-8 once percent-decoded "
                              f"({exc.reason}); is the URL encoded in another charset?") from None

    def _query_charset(self) -> str | None:
        """The Chinese, Japanese or Korean charset the query is declared in: the
        Content-Type's, else the platform's own; None for any other (UTF-8 rules)."""
        key = (self.content_type, self.charset)
        found = _QUERY_CHARSETS.get(key, _UNREAD)
        if found is _UNREAD:
            named = bodies.charset_of(self.content_type) if _declares_charset(
                self.content_type) else bodies.codec_of(self.charset)
            found = named if named is not None and bodies.is_cjk(named) else None
            if len(_QUERY_CHARSETS) < _REMEMBERED:  # (Content-Types repeat)
                _QUERY_CHARSETS[key] = found
        return found  # type: ignore[no-any-return]

    def _read_declared_query(self, text: str, declared: str) -> dict[str, str]:
        if "%" not in text:
            return _pairs(text, declared, "strict")
        raw = unquote_to_bytes(text.replace("+", " "))
        if bodies.utf8_under_cjk_label(raw, declared):
            self.mislabelled, self.mislabelled_in = True, "query string"
            return _pairs(text, "utf-8", "strict")  # what the client meant, checked as such
        try:
            return _pairs(text, declared, "strict")
        except UnicodeDecodeError as exc:
            raise BodyProblem(f"a query parameter is not valid {declared} once percent-decoded "
                              f"({exc.reason}), the charset the request declares; is the URL "
                              "encoded in another charset?") from None

    def _screens(self, charset: str) -> bool:
        """Would :meth:`_screen` look at the body's bytes at all (a declared Chinese, Japanese or
        Korean charset not found mislabelled yet)? A form's bytes are percent-decoded for it
        only then: for the usual UTF-8 form that decoding cost as much as reading the form."""
        return not self.mislabelled and bodies.is_cjk_codec(charset) and _declares_charset(
            self.content_type)

    def _screen(self, data: bytes, charset: str) -> None:
        if self._screens(charset):
            self.mislabelled = bodies.utf8_under_cjk_label(data, charset)

    def _text(self) -> str:
        body = self.body
        if body is None:
            return ""
        if isinstance(body, str):
            raw = bodies.recorded_bytes(body, self.content_type)
            if raw is None:
                return body
            body = raw  # UTF-8 under a Chinese, Japanese or Korean label, as recorded
        charset = charset_of(self.content_type, self.charset)
        self._screen(body, charset)
        try:
            return body.decode(charset)
        except LookupError:
            raise BodyProblem(f"the request declares an unknown charset {charset!r}") from None
        except UnicodeDecodeError as exc:
            found = None if _declares_charset(self.content_type) else \
                bodies.undeclared_cjk(body)
            if found is not None:
                self.found = found[1]
                return found[0].text
            raise BodyProblem(
                f"the request body is not valid {charset} (byte 0x{body[exc.start]:02x} at "
                f"offset {exc.start}); is its declared charset wrong?") from None

    def repeated(self, name: str) -> list[str]:
        """The distinct values ``name`` has across the query and a form body when it is given
        more than once (empty otherwise): a gateway reads one of them, so two that differ make
        the call ambiguous."""
        key = name + "="
        query = self.uri.partition("?")[2].partition("#")[0]
        form = ""
        if is_form(self.content_type) and self.body:
            try:
                form = self._text()
            except BodyProblem:
                return []  # said where the form is read
        if query.count(key) + form.count(key) < 2:  # the usual case, without splitting
            return []
        charset = charset_of(self.content_type, self.charset)
        found: list[str] = []
        for text in (query, form):
            for piece in text.split("&"):
                given, _, value = piece.partition("=")
                if unquote_plus(given, charset) == name:
                    value = unquote_plus(value, charset)
                    if value not in found:
                        found.append(value)
        return found

    @property
    def form(self) -> dict[str, str]:
        """Form fields of an ``application/x-www-form-urlencoded`` body (else empty).

        Raises:
            BodyProblem: the body cannot be decoded with its charset.
        """
        if self._form is None:
            self._form = self._read_form()
        return self._form

    def _read_form(self) -> dict[str, str]:
        facts = _FORM_FACTS.get((self.content_type, self.charset))
        if facts is None:
            facts = _form_facts(self.content_type, self.charset)
        form, charset, cjk = facts
        if not form or not self.body:
            return {}
        if charset is None:
            charset = charset_of(self.content_type, self.charset)  # (raises: unknown)
        body = self.body
        text = body if isinstance(body, str) else self._text()
        if cjk and not self.mislabelled and "%" in text:  # (self._screens(charset))
            self._screen(unquote_to_bytes(text), charset)
        try:  # (_pairs, in place)
            pairs = _COMPILED_PAIRS(text, charset, "strict") if _COMPILED_PAIRS is not None \
                else None
            return pairs if pairs is not None else _python_pairs(text, charset, "strict")
        except UnicodeDecodeError as exc:
            found = None if _declares_charset(self.content_type) or self.found else \
                bodies.undeclared_cjk(unquote_to_bytes(text.replace("+", " ")))
            if found is not None:  # percent-encoded GBK under a Content-Type naming no charset
                self.found = found[1]
                return _pairs(text, found[0].charset, "replace")
            raise BodyProblem(f"a form value is not valid {charset} once percent-decoded "
                              f"({exc.reason}); is the declared charset wrong?") from None
        except LookupError:
            raise BodyProblem(f"the request declares an unknown charset {charset!r}") from None

    @property
    def json(self) -> Any:
        """The parsed JSON body, or None when the body is not declared JSON.

        Raises:
            BodyProblem: declared JSON, but not decodable or not JSON.
        """
        if self._json is _UNREAD:
            if not self.body or not _is_json(self.content_type):
                self._json = None
            else:
                text = self._text()
                if text.startswith("\ufeff"):  # RFC 8259: a parser may ignore it (said)
                    text, self.bom = text[1:], True
                try:
                    self._json = loads_json(text)
                except DuplicateKeyError as exc:  # read as json reads it (the last one wins)
                    self._json, self.twice = exc.value, exc
                except json.JSONDecodeError as exc:
                    raise BodyProblem(f"the request body is declared JSON but is not ({exc.msg} "
                                      f"at line {exc.lineno} column {exc.colno})") from None
                except ValueError as exc:  # nested too deep, NaN, an overlong integer
                    raise BodyProblem(f"the request body cannot be read: {exc}") from None
        return self._json

    def document(self) -> Any:
        """The body as a document: its JSON, or its XML read as :mod:`seamguard.xml_documents`
        reads answers (``<xml><Event>…`` → ``{"xml": {"Event": …}}``); None for another body.

        Raises:
            BodyProblem: the body cannot be read as the document it is.
        """
        if self.json is not None:
            return self.json
        if not self.body:
            return None
        from seamguard.xml_documents import XmlProblem, is_xml_media, loads_xml, looks_like_xml

        text = self._text()
        if not (is_xml_media(self.content_type) or looks_like_xml(text)):
            return None
        try:
            return loads_xml(text)
        except XmlProblem as problem:
            raise BodyProblem(f"the push body is not readable XML: {problem.reason}") from None

    def get(self, location: ParamLocation) -> str | None:
        """The value at ``location`` (first place that has it), as text; None if absent. An
        operation named by several parameters (``also``) is their values joined, None when
        one is absent.

        Raises:
            BodyProblem: the body had to be read and cannot be.
        """
        if isinstance(location, OperationLocation) and location.also:
            values = [self.get(ParamLocation.model_validate({"in": location.places,
                                                             "name": part}))
                      for part in location.parts]
            if any(value is None for value in values):
                return None
            if any(not value for value in values):
                return ""
            return location.join.join(value for value in values if value is not None)
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

    def business_json(self, common: frozenset[str]) -> Any:
        """The JSON body as an operation's request schema sees it: an object without the
        protocol parameters ``common`` (Pinduoduo takes ``type``, ``client_id``, ``sign`` … in
        the JSON document beside the business fields); any other document as it is.

        Raises:
            BodyProblem: the body cannot be read.
        """
        document = self.json
        if not isinstance(document, dict) or not common:
            return document
        return {name: value for name, value in document.items() if name not in common}

    def merged(self) -> dict[str, str]:
        """Query, form and JSON-body parameters together, as text (a body field wins over a
        query parameter). A JSON body's top-level fields count when it is an object (gateways
        such as Pinduoduo's take a call's parameters as a JSON document too): text as it is,
        true/false, numbers and nested values as compact JSON, null left out.

        The dict is read once and shared by every caller: do not change it.

        Raises:
            BodyProblem: the body cannot be read.
        """
        if self._merged is not None:
            return self._merged
        if not self.body:  # no form and no JSON body (a GET): the query alone
            self._merged = merged = {**(self._query if self._query is not None else
                                        self.query)}
            return merged
        document = self._json
        if document is _UNREAD:
            if _JSONS.get(self.content_type) is False:  # not declared JSON (as ``json``)
                self._json = document = None
            else:
                document = self.json
        if not isinstance(document, dict):
            merged = {**self.query, **(self._form if self._form is not None else self.form)}
        else:
            merged = {**self.query, **self.form, **{
                str(name): value if isinstance(value, str) else
                ("true" if value else "false") if isinstance(value, bool) else
                json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                for name, value in document.items() if value is not None}}
        self._merged = merged
        return merged
