"""Documents wrapped inside a string, read by their structure: JSON (also in base64, in a
JSONP reply or one message a line behind a frame prefix), XML, a CSV table, form parameters in
base64 and signed tokens holding claims. :class:`NestedDocuments` is the part of
:class:`~seamguard.privacy.text_scrub.TextScrubber` that opens them; every string inside goes
back through the scrubber."""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from seamguard.privacy.hits import Hit
from seamguard.privacy.json_text import dump_json, literal_count, load_json, parsed_literals
from seamguard.privacy.policy import KeyInfo
from seamguard.privacy.wrapped_text import jsonp_inner, read_table, write_table
from seamguard.privacy.xml_text import Texts, scrub_xml

__all__ = ["NestedDocuments", "maybe_encoded_text"]

_PLAIN = KeyInfo()  # a string under no key that says what it holds
# Base64 of a JSON object or array (`{"`, `{ "`, `{\n`, `[{`, `["`), standard or URL-safe.
_BASE64_JSON_HEADS = ("eyJ", "eyAi", "ewo", "ew0K", "W3s", "WyJ", "W3", "ey")
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_HEX_TEXT = re.compile(r"(?:[0-9a-f]{2})+|(?:[0-9A-F]{2})+")
_BASE32_TEXT = re.compile(r"[A-Z2-7]+={0,6}")
# Form parameters in a string: two or more name=value pairs, nothing else.
# (one parameter is a form too when its value is a JSON document percent-encoded: JT Express's
# "bizContent=%7B…%7D", a gateway's "data=%5B…%5D")
_FORM_STRING = re.compile(r"[\w.\[\]%*-]+=[^\s&]*(?:&[\w.\[\]%*-]+=[^\s&]*)+"
                          r"|[\w.\[\]*-]+=%(?:7[Bb]|5[Bb])[^\s&=]*")
# Two or three dot-joined base64 parts, or a short version before them (`v1.eyJ…`).
_DOTTED = re.compile(r"(?:[A-Za-z0-9]{1,4}\.)?[A-Za-z0-9_-]{16,}(?:\.[A-Za-z0-9_-]{8,}){1,2}")
# One line holding a JSON message behind a packet-type prefix (socket.io's `42`), maybe ended
# by a NUL (STOMP) and the line break; and a text holding such a line.
# (a JSON text sequence's record starts with RS, RFC 7464: application/json-seq)
_FRAME = re.compile(r"(\x1e?\d{0,4})([\[{].*[\]}])(\x00?\r?\n?)", re.DOTALL)
_FRAME_LINE = re.compile(r"(?m)^\x1e?\d{0,4}[\[{].*[\]}]\x00?\r?$")
_TOO_DEEP = object()  # a nested document too deep to walk


class NestedDocuments:
    """Opens the documents a string wraps; the scrubbing of each string inside is the
    subclass's (:class:`~seamguard.privacy.text_scrub.TextScrubber`)."""

    form_reader: Callable[[str, str], str] | None
    _sink: list[Hit] | None

    if TYPE_CHECKING:
        def _walk_into(self, parsed: Any, pointer: str, hits: list[Hit]) -> Any: ...

        def _content(self, value: str, pointer: str, hits: list[Hit], *, identifiers: bool,
                     regions: tuple[str, ...] | None = None) -> str: ...

        def _scrub_text(self, value: str, info: KeyInfo, pointer: str, hits: list[Hit]
                        ) -> str: ...

    def _nested_json(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """A JSON document inside a string, scrubbed; None when it is not one."""
        try:
            parsed = load_json(value)
        except (ValueError, RecursionError):
            return None
        if not isinstance(parsed, dict | list):
            return None
        inner: list[Hit] = []
        scrubbed = self._walk_into(parsed, pointer, inner)
        if scrubbed is _TOO_DEEP:
            return None
        if literal_count(value) != parsed_literals(parsed):
            # A duplicated key hides its first value from the walk: the document is
            # re-serialised without it, and what the text held is still reported by content.
            seen = {hit.value for hit in inner}
            hidden: list[Hit] = []
            self._content(value, pointer, hidden, identifiers=False)
            inner.extend(hit for hit in hidden if hit.value not in seen)
            hits.extend(inner)
            return dump_json(scrubbed)
        hits.extend(inner)
        return dump_json(scrubbed) if inner else value

    def _wrapped(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """A JSONP reply or a CSV table inside a string, read by its keys; None otherwise."""
        inner = jsonp_inner(value)
        if inner is not None:
            nested = self._nested_json(value[inner[0]:inner[1]], pointer, hits)
            return None if nested is None else value[:inner[0]] + nested + value[inner[1]:]
        framed = self._frames(value, pointer, hits) if _FRAME.match(value) or (
            "\n" in value and _FRAME_LINE.search(value)) else None
        if framed is not None:
            return framed
        table = read_table(value) if "\n" in value else None
        if table is None or any(self._scrub_text(cell, _PLAIN, pointer, []) != cell
                                for cell in table.header):
            return None  # (a first line holding personal data is no header: "Ship to …, …")
        rows: list[list[str]] = []
        for row in table.rows:
            if len(row) == len(table.header):
                record = self._walk_into(dict(zip(table.header, row, strict=True)), pointer, hits)
                rows.append([str(cell) for cell in record.values()])
            else:
                rows.append([self._scrub_text(cell, _PLAIN, pointer, hits) for cell in row])
        return value if rows == table.rows else write_table(table, rows, value)

    def _frames(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """Messages one a line behind a short prefix, as WebSocket frames are stored: socket.io
        (``42["event",{…}]``), STOMP (a JSON body ended by NUL). Each JSON document is read by
        its keys, the other lines as text; None when no line holds one."""
        out: list[str] = []
        found = False
        for line in value.splitlines(keepends=True):
            match = _FRAME.fullmatch(line)
            nested = self._nested_json(match.group(2), pointer, hits) if match else None
            if match is None or nested is None:
                out.append(self._content(line, pointer, hits, identifiers=False))
                continue
            found = True
            out.append(match.group(1) + nested + match.group(3))
        return "".join(out) if found else None

    def _nested_xml(self, value: str, pointer: str, hits: list[Hit]) -> str:
        """An XML document inside a string (SF's XML push in a form field), scrubbed by its
        structure, then by content as any text is (what sits in a name, or in markup the
        tokenizer does not read as a value, is still found)."""
        found: list[Hit] = []
        saved, self._sink = self._sink, found
        try:
            structured = scrub_xml(value, cast("Texts", self), pointer)
        finally:
            self._sink = saved
        hits.extend(found)
        if structured != value or not found:
            return self._content(structured, pointer, hits, identifiers=False)
        # Nothing was replaced (a scan): the text still holds what its structure gave, so each
        # value is taken from the content pass only as often as the structure missed it.
        again: list[Hit] = []
        scrubbed = self._content(structured, pointer, again, identifiers=False)
        left = Counter((hit.kind, hit.value) for hit in found)
        for hit in again:
            if left[hit.kind, hit.value] > 0:
                left[hit.kind, hit.value] -= 1
            else:
                hits.append(hit)
        return scrubbed

    def _base64_json(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """A JSON document wrapped in base64 (standard or URL-safe, padded or not), scrubbed and
        wrapped again the same way; None when ``value`` is no such thing."""
        urlsafe = "-" in value or "_" in value
        padded = value.endswith("=")
        try:
            raw = (base64.urlsafe_b64decode if urlsafe else base64.b64decode)(
                value + "=" * (-len(value) % 4))
            text = raw.decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None
        inner: list[Hit] = []
        scrubbed = self._nested_json(text, pointer, inner)
        if scrubbed is None or scrubbed == text:
            hits.extend(inner)
            return None if scrubbed is None else value
        hits.extend(inner)
        encoded = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(
            scrubbed.encode("utf-8")).decode("ascii")
        return encoded if padded else encoded.rstrip("=")

    def _encoded_text(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """Text written in hex or in base32 (see :func:`maybe_encoded_text`), opened, scrubbed
        and written again the same way; None when ``value`` opens to no printable text (a
        digest, an id) or to text holding nothing, so that ``value`` is read as it is written
        (a card's or a phone's digits are hex-shaped too: ``6228485373243456``)."""
        hexed = _HEX_TEXT.fullmatch(value) is not None
        try:
            raw = bytes.fromhex(value) if hexed else \
                base64.b32decode(value + "=" * (-len(value.rstrip("=")) % 8 if "=" not in value
                                                else 0))
            text = raw.decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None
        if len(text) < 6 or not text.isprintable():
            return None
        inner: list[Hit] = []
        scrubbed = self._scrub_text(text, _PLAIN, pointer, inner)
        hits.extend(inner)
        if scrubbed == text:
            return None
        if hexed:
            encoded = scrubbed.encode("utf-8").hex()
            return encoded.upper() if value.isupper() else encoded
        encoded = base64.b32encode(scrubbed.encode("utf-8")).decode("ascii")
        return encoded if value.endswith("=") else encoded.rstrip("=")

    def _token(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """A base64-wrapped form or a dotted token holding claims, scrubbed; None otherwise."""
        if _maybe_base64(value):
            return self._base64_form(value, pointer, hits)
        if "." in value and _DOTTED.fullmatch(value):
            return self._dotted(value, pointer, hits)
        return None

    def _base64_form(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """Form parameters wrapped in base64 (a JD or Pinduoduo ``data`` field), read by their
        names and wrapped again the same way; None when ``value`` is no such thing."""
        if self.form_reader is None:
            return None
        urlsafe = "-" in value or "_" in value
        try:
            text = (base64.urlsafe_b64decode if urlsafe else base64.b64decode)(
                value + "=" * (-len(value) % 4)).decode("ascii")
        except (ValueError, UnicodeDecodeError):
            return None
        if not ("&" in text and "=" in text and _FORM_STRING.fullmatch(text)):
            return None
        saved, self._sink = self._sink, hits
        try:
            scrubbed = self.form_reader(text, pointer)
        finally:
            self._sink = saved
        if scrubbed == text:
            return value
        encoded = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(
            scrubbed.encode("ascii")).decode("ascii")
        return encoded if value.endswith("=") else encoded.rstrip("=")

    def _dotted(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """A signed token that is no JWT: base64 JSON claims and a signature joined by dots
        (``eyJidXllciI6….sig``, ``v1.eyJ….sig``), the claims read by their keys and wrapped
        again (the signature is left: a replay does not check it). A JWT — a header naming
        its ``alg`` first — stays a secret. None when ``value`` holds no claims."""
        parts = value.split(".")
        if len(parts) == 3 and parts[0].startswith(_BASE64_JSON_HEADS) and \
                _is_jose_header(parts[0]):
            return None
        out: list[str] = []
        inner: list[Hit] = []
        for part in parts:
            scrubbed = self._base64_json(part, pointer, inner) \
                if part.startswith(_BASE64_JSON_HEADS) and len(part) >= 16 else None
            out.append(part if scrubbed is None else scrubbed)
        if not inner:
            return None
        hits.extend(inner)
        return ".".join(out)


def maybe_encoded_text(value: str) -> bool:
    """Shaped like text written in hex or in base32 (16 characters or more, one case): a
    callback's opaque ``ctx=`` or ``h=`` parameter may be either."""
    return len(value) >= 16 and (_HEX_TEXT.fullmatch(value) is not None
                                 or _BASE32_TEXT.fullmatch(value) is not None)


def _maybe_base64(value: str) -> bool:
    """Shaped like base64 output (24 characters or more, whole quanta, both cases): what may
    wrap a form; a hex digest or a lower-case id is not."""
    return len(value) >= 24 and len(value) % 4 == 0 and _BASE64.fullmatch(value) is not None \
        and not value.islower() and not value.isupper()


def _is_jose_header(part: str) -> bool:
    """A JWT's or JWS's first part: base64 JSON naming its algorithm."""
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except ValueError:
        return False
    return b'"alg"' in raw
