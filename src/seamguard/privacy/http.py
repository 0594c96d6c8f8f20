"""Scrub recorded HTTP traffic: URLs, headers and bodies of every kind; the vcrpy hooks.

What happens to each part of an interaction:

* **URL** — a password in the authority is redacted; every query parameter is scrubbed by its
  name and content (``access_token=`` redacted, ``email=``/``phone=`` replaced); a path segment
  is replaced when it is personal (an e-mail, a ``+86…`` phone, or the record key a query names:
  ``/contacts/{email}?idProperty=email``). Bare digit segments are record ids.
* **headers** — credentials (``Authorization`` keeps its scheme: ``Bearer <redacted>``;
  ``Cookie``, ``Set-Cookie``, ``Api-Key``, any ``*-key``/``*token*``/``*secret*``/
  ``*signature*``) are redacted; URL headers (``Location``, ``Referer``, ``Link``,
  ``Content-Location``) are scrubbed as URLs; every other value by content.
* **body** — inflated (gzip, deflate, br and lists of them, bounded), decoded by its charset
  (GBK, GB18030, Big5... with detection as fallback), then scrubbed as what it is: JSON
  (including JSON documents inside strings), ``application/x-www-form-urlencoded``,
  ``multipart/form-data``, XML, or text; then
  encoded back in its charset and ``Content-Length`` fixed. A body that cannot be inflated or
  decoded is never stored as it is: it becomes a redacted placeholder saying why.

:func:`vcr_hooks` (:mod:`seamguard.privacy.vcr`) wires this into vcrpy for recording from any
test suite; text bodies are read in :mod:`seamguard.privacy.http_bodies`, and the small text
helpers are in :mod:`seamguard.privacy.http_text`.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from seamguard.privacy.detect import PERSONAL_KINDS, SECRET_TOKEN, Kind
from seamguard.privacy.http_bodies import _ENCODED_TOKEN, _FILE_NAME, _PERCENT, BodyText
from seamguard.privacy.http_text import (
    _CJK,
    _drop_header,
    _header,
    _header_text,
    _quote_value,
    _set_header,
    _unquote_plus,
    _unquote_value,
    utf8_text,
)
from seamguard.privacy.http_text import (
    QUERY_SAFE as _QUERY_SAFE,
)
from seamguard.privacy.mask import REDACTED
from seamguard.privacy.policy import KeyInfo, PrivacyPolicy
from seamguard.privacy.scrubber import Hit, Replacer, Scrubber
from seamguard.recordings.bodies import (
    DecodedBody,
    cjk_reading,
    decode,
    encode,
    inflate,
)

__all__ = ["DEFAULT_MAX_BODY_BYTES", "TrafficScrubber"]

log = logging.getLogger("seamguard.privacy")

DEFAULT_MAX_BODY_BYTES = 64 * 1_048_576
_AUTH_HEADERS = frozenset({"authorization", "proxy-authorization"})
# A signature as platforms send it: hex or base64 digest, no scheme, no separator.
_BARE_DIGEST = re.compile(r"[0-9A-Fa-f]{32,128}|[A-Za-z0-9+/]{22,342}={0,2}")
_URL_HEADERS = frozenset({"location", "content-location", "referer", "referrer", "link",
                          "refresh", "origin"})
_AUTH_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9._-]*)\s+\S")
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+")
_ID_SEGMENT = KeyInfo(identifier=True)
_PERSON_SEGMENT = KeyInfo(person_noun=True)  # (a segment after a collection of people)
# Path segments naming a collection of people (`/customers/{phone}`).
_PEOPLE = frozenset({"customers", "customer", "users", "user", "members", "member", "buyers",
                     "buyer", "people", "persons", "person", "clients", "client", "receivers",
                     "recipients", "consignees", "contacts", "contact", "accounts", "account",
                     "profiles", "profile", "guests", "patients", "employees", "by-phone",
                     "by-mobile", "phone", "mobile", "phones"})
# A percent-encoded token inside a header value (`filename*=UTF-8''%E5%BC%A0…`).
_DIGIT_PLUS = re.compile(r"\d\+\d")
# A body that is query parameters whatever its Content-Type says.


# A value that is base64 text (a `+` in it is part of the encoding, not a blank encoded twice)
_BASE64_VALUE = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
# (a tuple of types: isinstance takes it faster than ``list | tuple``, once per header value)
_SEQUENCE = (list, tuple)

# The header loop compiled (``seamguard._privheaders``, built with the package when a C compiler
# is there): the same loop as :meth:`TrafficScrubber.headers`, for the messages whose headers
# cannot hold a name read with its siblings; None where not built or with SEAMGUARD_PURE=1.
scrub_headers: Callable[[Any, dict[Any, Any], Callable[[str, str], str]], Any] | None
if os.environ.get("SEAMGUARD_PURE"):
    scrub_headers = None
else:
    try:
        from seamguard._privheaders import (  # type: ignore[import-not-found,no-redef]
            headers as scrub_headers,
        )
    except ImportError:  # not built (no C compiler where the package was installed)
        scrub_headers = None

class TrafficScrubber(BodyText):
    """Scrubs URLs, headers and bodies of recorded HTTP traffic.

    Args:
        policy: Keys, allowed values and phone regions (default: built-in).
        replacer: What found values become: pseudonyms for recordings, masks for reports.
        max_body_bytes: Bodies (after inflating) above this become a placeholder.
        on_hit: Called with every value found, with its place (``url``, ``header:Name``,
            ``body``) prefixed to the pointer.

    Attributes:
        notes: Bodies that were replaced by a placeholder, and why.
    """

    def __init__(self, policy: PrivacyPolicy | None = None, replacer: Replacer | None = None,
                 *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
                 on_hit: Callable[[Hit], None] | None = None) -> None:
        self.scrubber = Scrubber(policy, replacer, on_hit=on_hit)
        # a form inside a JSON string or a text ({"payload": "a=1&tel=…"}) is read as a form
        self.scrubber.form_reader = lambda text, pointer: self.form(text, pointer=pointer)
        self.scrubber.url_reader = lambda text, pointer: self.url(text, pointer=pointer)
        self.policy = self.scrubber.policy
        self.max_body_bytes = max_body_bytes
        self.notes: list[str] = []
        # Header values and URLs repeat across a recording: results (and what was found, to
        # count and report again) are remembered per distinct value.
        self._seen: dict[tuple[str, str, str], tuple[str, tuple[Hit, ...]]] = {}

    def _remembered(self, kind: str, name: str, value: str,
                    compute: Callable[[], str]) -> str:
        key = (kind, name, value)
        seen = self._seen.get(key)
        if seen is not None:
            if seen[1]:
                self.scrubber._emit(seen[1])
            return seen[0]
        hits: list[Hit] = []
        scrubber = self.scrubber
        saved, scrubber._sink = scrubber._sink, hits
        try:
            result = compute()
        finally:
            scrubber._sink = saved
        scrubber._emit(hits)
        if len(value) <= 4096:
            if len(self._seen) >= 1 << 14:
                self._seen.clear()
            self._seen[key] = (result, tuple(hits))
        return result

    # --- URLs ---------------------------------------------------------------------------------

    def url(self, url: str, *, pointer: str = "url") -> str:
        """``url`` with credentials redacted and personal values replaced."""
        return self._remembered("url", pointer, url, lambda: self._url(url, pointer))

    def _url(self, url: str, pointer: str) -> str:
        try:
            parts = urlsplit(url)
        except ValueError:
            return self.scrubber.text(url, pointer=pointer)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            user, colon, _ = userinfo.partition(":")
            # With a password beside it the user name is half of the credential (Shopify's
            # legacy private apps put their API key there), so it goes too.
            user = REDACTED if colon else self.scrubber.text(unquote(user), pointer=pointer)
            if colon:
                self.scrubber.record(Kind.SECRET, userinfo, pointer=pointer)
            password = f":{REDACTED}" if colon else ""
            netloc = f"{quote(user, safe='@*<>')}{password}@{host}"
        query = self.form(parts.query, pointer=pointer) if parts.query else parts.query
        path = self._secret_path(parts.netloc, parts.path, pointer)
        path = self._path(path, parts.query, pointer)
        fragment = self._fragment(parts.fragment, pointer) if parts.fragment else ""
        return urlunsplit((parts.scheme, netloc, path, query, fragment))

    def _secret_path(self, netloc: str, path: str, pointer: str) -> str:
        """A path that is itself a credential over several segments (a Slack webhook,
        ``hooks.slack.com/services/T…/B…/…``) redacted from where the credential starts."""
        if "/" not in path[1:] or "hooks." not in netloc:  # the one such format known
            return path
        found = SECRET_TOKEN.search(f"{netloc}{path}")
        if found is None or found.end() <= len(netloc):
            return path
        start = max(found.start() - len(netloc), 0)
        start = path.rfind("/", 0, start + 1) + 1 if path[start:start + 1] != "/" else start + 1
        self.scrubber.record(Kind.SECRET, path[start:found.end() - len(netloc)], pointer=pointer)
        return f"{path[:start]}{REDACTED}{path[found.end() - len(netloc):]}"

    def _fragment(self, fragment: str, pointer: str) -> str:
        """A fragment: parameters (``#access_token=…&email=…``) or percent-encoded text."""
        if "=" in fragment and not any(char.isspace() for char in fragment):
            return self.form(fragment, pointer=pointer)
        text = unquote(fragment)
        scrubbed = self.scrubber.text(text, pointer=pointer)
        return fragment if scrubbed == text else quote(scrubbed, safe="@*<>:/?=&!$'()+,;~")

    def _path(self, path: str, query: str, pointer: str) -> str:
        if not path or path == "/":
            return path
        segments = path.split("/")
        named = self._named_segment_kind(query)
        out: list[str] = []
        previous: KeyInfo | None = None
        for index, raw in enumerate(segments):
            if not raw:
                out.append(raw)
                continue
            text = unquote(raw)
            if named is not None and index == len(segments) - 1:
                scrubbed = self.scrubber.kind_text(text, named, pointer=pointer)
            elif previous is not None and previous.kind is not None and previous.kind in (
                    PERSONAL_KINDS):
                # `/by-phone/13812345678`, `/mobile/…`: the segment before names this one.
                scrubbed = self.scrubber.kind_text(text, previous.kind, pointer=pointer)
            elif index and segments[index - 1].lower() in _PEOPLE:
                # `/customers/13812345678`, `/customers/王五`: a collection of people may be
                # keyed by a phone number or a name; a whole mobile number or a name-shaped
                # segment there is one (other digit runs stay ids)
                scrubbed = self.scrubber.text(text, pointer=pointer, info=_PERSON_SEGMENT)
            else:
                scrubbed = self.scrubber.text(text, pointer=pointer, info=_ID_SEGMENT)
            out.append(raw if scrubbed == text else quote(scrubbed, safe="@*+<>:,;=!$&'()~"))
            previous = self.scrubber.key(text) if len(text) < 40 else None
        return "/".join(out)

    def _named_segment_kind(self, query: str) -> Kind | None:
        """``?idProperty=email``: the last path segment is that property's value."""
        for part in query.split("&"):
            key, _, value = part.partition("=")
            if _unquote_plus(key).lower() == "idproperty":
                return self.scrubber.key(_unquote_plus(value)).kind
        return None

    def form(self, query: str, *, charset: str = "utf-8", pointer: str = "form") -> str:
        """A query string or form body with every parameter scrubbed by its name and content."""
        out = []
        parts = query.split("&")
        names = self._form_names(parts, charset) if "&" in query else frozenset()
        for part in parts:
            raw_key, sep, raw_value = part.partition("=")
            if not sep:
                # A bare parameter (`?13812345678`, `?wang@corp.cn`): content is all there is.
                value, used = _unquote_value(part, charset)
                scrubbed = self.scrubber.text(value, pointer=pointer)
                out.append(part if scrubbed == value else _quote_value(scrubbed, used))
                continue
            if not raw_value:
                out.append(part)
                continue
            key = _unquote_plus(raw_key, charset)
            if len(key) >= 5:
                # a personal value as the name (`wxid_…=1`, `a%40b.cn=…`), as JSON keys may be
                new_key = self.scrubber.text(key, pointer=f"{pointer}/{key}")
                if new_key != key:
                    raw_key = _quote_value(new_key, charset)
                    part = f"{raw_key}={raw_value}"
            value, used = _unquote_value(raw_value, charset)
            if value.startswith(("http://", "https://")) and len(value) < 8192:
                scrubbed = self.url(value, pointer=f"{pointer}/{key}")  # `next=https://…?m=…`
            elif key in names:
                scrubbed = self.scrubber.kind_text(value, Kind.NAME, pointer=f"{pointer}/{key}")
            elif value[:3].upper() in ("%7B", "%5B"):
                # a JSON document encoded twice (`payload=%257B%2522name…`): read as the
                # document, whose keys say what its values are, not as encoded text
                scrubbed = self._encoded_again(value, key, charset, f"{pointer}/{key}")
            elif _DIGIT_PLUS.search(value) and value.lstrip()[:1] not in ("{", "[", "<") \
                    and not _BASE64_VALUE.fullmatch(value):
                # `86+138…` after decoding: a blank encoded twice (`86%2B138…`), read as such
                # only, so that a second scrub reads its own pseudonym the same way (not a
                # JSON or XML document: its `+08:00` is a time zone, `biz_content={…}`)
                scrubbed = self._encoded_again(value, key, charset, f"{pointer}/{key}")
            else:
                scrubbed = self.scrubber.text(value, key, pointer=f"{pointer}/{key}")
            if scrubbed == value and raw_value.startswith("+") and raw_value[1:2].isdigit():
                # A client that did not encode `+` (`?p=+8613812345678`): read it as written
                # (a `+` inside a value, as in `2024-07-31+23:59:59`, is a blank).
                literal, used = _unquote_value(raw_value.replace("+", "%2B"), charset)
                scrubbed = self.scrubber.text(literal, key, pointer=f"{pointer}/{key}")
                if scrubbed != literal:
                    out.append(f"{raw_key}={quote(scrubbed, safe=_QUERY_SAFE, encoding=used)}")
                    continue
            if scrubbed == value and _PERCENT.search(value):
                scrubbed = self._encoded_again(value, key, charset, f"{pointer}/{key}")
            if scrubbed != value:
                part = f"{raw_key}={_quote_value(scrubbed, used)}"
            out.append(part)
        return "&".join(out)

    def _encoded_again(self, value: str, key: str, charset: str, pointer: str,
                       depth: int = 0) -> str:
        """A value percent-encoded twice or more (a client encoding an encoded value, a
        redirect target's query inside a query): scrubbed as what it decodes to, then encoded
        back as many times."""
        inner, used = _unquote_value(value, charset)
        if inner == value:
            return value
        if inner.startswith(("http://", "https://")) and len(inner) < 8192:
            scrubbed = self.url(inner, pointer=pointer)
        else:
            scrubbed = self.scrubber.text(inner, key, pointer=pointer)
        if scrubbed == inner and depth < 3 and (_PERCENT.search(inner)
                                                 or _DIGIT_PLUS.search(inner)):
            scrubbed = self._encoded_again(inner, key, charset, pointer, depth + 1)
        return value if scrubbed == inner else _quote_value(scrubbed, used)

    def _form_names(self, parts: list[str], charset: str) -> frozenset[str]:
        """Parameters holding a Chinese name beside a phone or an address (``lx=王五&dh=…``)."""
        record: dict[str, str] = {}
        for part in parts:
            raw_key, sep, raw_value = part.partition("=")
            if sep and raw_value:
                record.setdefault(_unquote_plus(raw_key, charset),
                                  _unquote_value(raw_value, charset)[0])
        return self.scrubber.bare_names(record) if len(record) > 1 else frozenset()

    # --- headers ------------------------------------------------------------------------------

    def header(self, name: str, value: str) -> str:
        """One header value, scrubbed for its name."""
        return self._remembered("header", name, value, lambda: self._header(name, value))

    def _header(self, name: str, value: str) -> str:
        lowered = name.lower()
        pointer = f"header:{name}"
        info = self.scrubber.key(name)
        if lowered in self.policy.signature_headers and _BARE_DIGEST.fullmatch(value):
            return value  # the platform's request signature (a digest), kept for verify
        if info.secret == "always" or lowered in _AUTH_HEADERS:
            if not value or value == REDACTED or value.endswith(f" {REDACTED}"):
                return value
            self.scrubber.record(Kind.SECRET, value, pointer=pointer)
            match = _AUTH_SCHEME.match(value) if lowered in _AUTH_HEADERS else None
            return f"{match.group(1)} {REDACTED}" if match else REDACTED
        if lowered in _URL_HEADERS:
            return _URL_IN_TEXT.sub(lambda m: self.url(m.group(), pointer=pointer),
                                    self._relative_url(lowered, value, pointer))
        scrubbed = self.scrubber.text(value, name, pointer=pointer)
        if lowered == "content-disposition":
            # (a download named after its person, as a multipart part's file is)
            scrubbed = _FILE_NAME.sub(lambda m: m.group(1) + self._file_name(
                m.group(2), encoded="*" in m.group(1), pointer=pointer) + m.group(3), scrubbed)
        if "%" in scrubbed:
            scrubbed = _ENCODED_TOKEN.sub(lambda m: self._encoded_token(m.group(), pointer),
                                          scrubbed)
            return self._half_encoded(name, value, scrubbed, pointer)
        return scrubbed

    def _half_encoded(self, name: str, value: str, scrubbed: str, pointer: str) -> str:
        """A value part percent-encoded, part plain (``%E9%99%B3… +49 178…``): the cue that
        makes the encoded part personal (a phone beside a name) may sit in the plain part, so
        the value is read whole as well, and written encoded when that finds more."""
        text = _header_text(value)
        if text == value:
            return scrubbed
        whole = self.scrubber.text(text, name, pointer=pointer)
        if whole == text or whole == _header_text(scrubbed):
            return scrubbed
        return quote(whole, safe="@*<>:/?=&!$'()+~ ,;")

    def _relative_url(self, name: str, value: str, pointer: str) -> str:
        if name in ("location", "content-location") and value.startswith("/"):
            return self.url(value, pointer=pointer)
        return value

    def headers(self, headers: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of ``headers`` (single values or vcrpy's lists) with every value scrubbed."""
        if scrub_headers is not None:
            compiled = scrub_headers(headers, self._seen, self.header)
            if compiled is not None:
                return compiled  # type: ignore[no-any-return]
        result: dict[str, Any] = {}
        seen = self._seen
        names = self._header_names(headers)
        for name, value in headers.items():
            if name in names and value is not None:
                items = value if isinstance(value, _SEQUENCE) else [value]
                named = [None if item is None else self._header_name(name, str(item))
                         for item in items]
                result[name] = named if isinstance(value, _SEQUENCE) else named[0]
                continue
            if isinstance(value, _SEQUENCE):
                out: list[Any] = []
                for item in value:
                    if item is None:
                        out.append(item)
                        continue
                    text = str(item)
                    # a value seen before under this name, with nothing found in it: as it was
                    known = seen.get(("header", name, text))
                    out.append(known[0] if known is not None and not known[1]
                               else self.header(name, text))
                result[name] = out
            elif value is None:
                result[name] = value
            else:
                text = str(value)
                known = seen.get(("header", name, text))
                result[name] = known[0] if known is not None and not known[1] \
                    else self.header(name, text)
        return result

    def _header_names(self, headers: Mapping[str, Any]) -> frozenset[str]:
        """Custom headers holding a Chinese name (percent-encoded or not) beside a header that
        holds a phone or an e-mail: ``X-Lx: %E7%8E%8B%E4%BA%94`` with ``X-Dh: 138…``."""
        record: dict[str, str] = {}
        cjk_possible = False
        for name, value in headers.items():
            first = value[0] if isinstance(value, _SEQUENCE) and value else value
            if isinstance(first, str) and first:
                record[name] = first
                # only a value with a non-ASCII character or a percent escape can carry CJK
                cjk_possible = cjk_possible or "%" in first or not first.isascii()
        if not cjk_possible:
            return frozenset()
        record = {name: _header_text(first) for name, first in record.items()}
        if len(record) < 2 or not any(_CJK.search(text) for text in record.values()):
            return frozenset()
        return self.scrubber.bare_names(record)

    def _header_name(self, name: str, value: str) -> str:
        text = _header_text(value)
        scrubbed = self.scrubber.kind_text(text, Kind.NAME, pointer=f"header:{name}")
        if scrubbed == text:
            return value
        return quote(scrubbed, safe="") if text != value else scrubbed

    # --- bodies -------------------------------------------------------------------------------

    def body(self, body: bytes | str | None, headers: dict[str, Any], *,
             pointer: str = "body") -> bytes | str | None:
        """A raw body scrubbed; ``headers`` (vcrpy's) are fixed to match (length, encoding).

        Returns the body in the type it came in (``bytes`` or ``str``).
        """
        if not body:
            return body
        as_text = isinstance(body, str)
        data = body.encode("utf-8") if isinstance(body, str) else body
        encoding = (_header(headers, "content-encoding") or "").strip().lower()
        encoded = encoding not in ("", "identity")
        if encoded:
            # gzip/deflate/br (every member, every listed coding) or a placeholder saying why not
            inflated, problem = inflate(data, encoding, self.max_body_bytes)
            _drop_header(headers, "content-encoding")
            if inflated is None:
                return self._placeholder(problem or "cannot be inflated", headers, as_text)
            data = inflated
        if len(data) > self.max_body_bytes:
            return self._placeholder(f"{len(data)} bytes, over the {self.max_body_bytes}-byte "
                                     "limit", headers, as_text)
        content_type = _header(headers, "content-type")
        decoded = utf8_text(body, content_type) if isinstance(body, str) and not encoded \
            else None
        if decoded is None:
            decoded = decode(data, content_type)
        if decoded is None:
            return self._placeholder(f"{len(data)}-byte body that is not text in any known "
                                     "charset", headers, as_text)
        raw = data
        cjk = None if as_text else cjk_reading(data, decoded)
        if cjk is not None:
            # Big5/GBK/Shift_JIS/EUC-KR bytes declared as Latin-1: scrubbed as the CJK text
            # they are, then (below) as the declared reading of what that left.
            scrubbed = self.text_body(cjk.text, content_type, charset=cjk.charset,
                                      pointer=pointer)
            try:
                data = scrubbed.encode(cjk.charset)
            except UnicodeEncodeError:
                # a replacement the CJK charset lacks: the text as UTF-8, and the header says so
                data = scrubbed.encode("utf-8")
                _set_header(headers, "content-type", re.sub(
                    r"(?i)charset\s*=\s*[\"']?[A-Za-z0-9._:-]+[\"']?", "charset=utf-8",
                    content_type or ""))
                _set_header(headers, "content-length", str(len(data)))
                return data
            decoded = DecodedBody(data.decode(decoded.charset), decoded.charset, True)
        scrubbed = self.text_body(decoded.text, content_type, charset=decoded.charset,
                                  pointer=pointer)
        if scrubbed == decoded.text and not encoded and data == raw:
            return body
        if cjk is not None and scrubbed != decoded.text:
            try:  # the declared reading changed too: its bytes must stay those of the CJK text
                data = scrubbed.encode(decoded.charset)
            except UnicodeEncodeError:
                return self._placeholder(
                    f"a {cjk.charset} body declared as {decoded.charset} held personal data in "
                    f"its {decoded.charset} reading that cannot be replaced in place",
                    headers, as_text)
            _set_header(headers, "content-length", str(len(data)))
            return data
        if as_text:
            _set_header(headers, "content-length", str(len(scrubbed.encode("utf-8"))))
            return scrubbed
        out = data if scrubbed == decoded.text else self._encoded(scrubbed, decoded, headers)
        _set_header(headers, "content-length", str(len(out)))
        return out

    def _encoded(self, text: str, decoded: DecodedBody, headers: dict[str, Any]) -> bytes:
        out, charset = encode(text, decoded)
        if charset != decoded.charset and decoded.declared:
            content_type = _header(headers, "content-type") or ""
            _set_header(headers, "content-type", re.sub(
                r"(?i)charset\s*=\s*[\"']?[A-Za-z0-9._:-]+[\"']?", "charset=utf-8", content_type))
        return out

    def _placeholder(self, reason: str, headers: dict[str, Any], as_text: bool, *,
                     drop_encoding: bool = False) -> bytes | str:
        note = f"<redacted: {reason}; seamguard stored no part of this body>"
        self.notes.append(reason)
        log.warning("privacy: a body was replaced by a placeholder: %s", reason)
        if drop_encoding:
            _drop_header(headers, "content-encoding")
        _set_header(headers, "content-type", "text/plain; charset=utf-8")
        _set_header(headers, "content-length", str(len(note.encode())))
        return note if as_text else note.encode()

    def expect_columns(self, request_body: bytes | str | None) -> None:
        """The next response body's bare rows follow the columns ``request_body`` names
        (Kingdee's ``FieldKeys``), until :meth:`body` of a response is done or this is called
        again (with None to forget them)."""
        self.scrubber.expect_columns_of(request_body)

    # --- vcrpy hooks --------------------------------------------------------------------------

    def request_hook(self) -> Callable[[Any], Any]:
        """A vcrpy ``before_record_request`` hook (vcrpy passes it a copy of the request)."""

        def hook(request: Any) -> Any:
            request.uri = self.url(request.uri)
            headers = self.headers(dict(request.headers))
            body = request.body
            # (vcrpy scrubs the response of this request next: its rows may follow the columns
            # this request named)
            self.scrubber.columns = None
            if body:
                request.body = self.body(body, headers, pointer="request.body")
                self.expect_columns(body)
            request.headers = headers
            return request

        return hook

    def response_hook(self) -> Callable[[dict[str, Any]], dict[str, Any]]:
        """A vcrpy ``before_record_response`` hook; the body keeps its type (bytes or str)."""

        def hook(response: dict[str, Any]) -> dict[str, Any]:
            result = dict(response)
            headers = self.headers(response.get("headers") or {})
            body_field = response.get("body")
            try:
                if isinstance(body_field, Mapping) and body_field.get("string"):
                    result["body"] = {**body_field, "string": self.body(
                        body_field["string"], headers, pointer="response.body")}
            finally:
                self.scrubber.columns = None
            result["headers"] = headers
            return result

        return hook


def __getattr__(name: str) -> Any:
    # (``seamguard.privacy.http.vcr_hooks``, where it lived before its own module)
    if name == "vcr_hooks":
        from seamguard.privacy.vcr import vcr_hooks

        return vcr_hooks
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
