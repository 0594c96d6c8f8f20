"""Walk strings and JSON-like values, replacing every personal value and secret found.

One walker serves every purpose; what a found value becomes is the :class:`Replacer`'s business:

* :class:`~seamguard.privacy.mask.Masker` — short masks, for reports, logs and alerts;
* :class:`~seamguard.privacy.pseudonym.Pseudonymizer` — format-preserving pseudonyms, for
  recordings;
* a collecting replacer (``privacy scan``) that changes nothing and records what it saw.

Secrets always become ``<redacted>``. A string holding a JSON document (SF ``msgData``, JD
``360buy_param_json``, ``apiResultData``) is parsed, walked and written back as valid JSON. Values
the replacer recognises as its own (a mask, a pseudonym) are left alone, so walking twice changes
nothing.
"""

from __future__ import annotations

import base64
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from seamguard.privacy.detect import (
    _NAME_CUE,
    _SHORT_CUE_FIRST,
    _SHORT_CUE_LAST,
    Kind,
    is_bare_name,
    is_japanese_name,
    short_name_cue,
    spans,
    whole_kind,
)
from seamguard.privacy.json_text import (
    BIG,
    Edit,
    Number,
    dump_json,
    fast_loads,
    literal_count,
    load_json,
    parsed_literals,
    write_back,
)
from seamguard.privacy.locales import KO_NAME_CUE
from seamguard.privacy.mask import REDACTED, Masker, is_masked, is_redacted
from seamguard.privacy.obfuscated import SPELT_EMAIL_CUE
from seamguard.privacy.phones import whole_phone
from seamguard.privacy.policy import KeyInfo, NamePart, PrivacyPolicy, key_words
from seamguard.privacy.xml_text import scrub_xml

__all__ = ["Hit", "Replacer", "Scrubber", "dump_json", "load_json", "looks_secret"]


class Replacer(Protocol):
    """What a detected value becomes."""

    @property
    def pseudonyms(self) -> bool:
        """True when replacements are realistic pseudonyms rather than masks."""

    def replace(self, kind: Kind, value: str, part: NamePart = None) -> str:
        """The replacement of ``value``, a value of ``kind`` (never called for secrets);
        ``part`` says whether a name is only a given or a family name."""

    def is_own(self, kind: Kind, value: str, part: NamePart = None) -> bool:
        """True when ``value`` is already one of this replacer's outputs."""

    def replace_names(self, family: str, given: str) -> tuple[str, str]:
        """A family and a given name of one person (sibling fields), replaced together."""

    def own_names(self, family: str, given: str) -> bool:
        """True when a family / given pair is already this replacer's output."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One value that was (or, for a scan, would be) replaced.

    Attributes:
        kind: What it is.
        pointer: JSON pointer of the string inside the walked value ("" for a plain string).
        value: The value as found.
        start: Offset of the value inside that string.
    """

    kind: Kind
    pointer: str
    value: str
    start: int = 0


_NAME_INFO = KeyInfo(kind=Kind.NAME)
# Whole values that are plainly no personal data: timestamps, money, UUIDs, digests, gids.
_ORDINARY = re.compile(
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?(?:Z|[+-]\d\d:?\d\d)?"
    # money; not a whole number of seven digits or more written as a float (13812345678.0: a
    # phone column pandas read as floats)
    r"|-?\d{1,6}|-?\d{1,6}\.\d{1,6}|-?\d{1,12}\.(?!0+$)\d{1,6}"
    r"|[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"
    r"|gid://[\w-]+/[\w-]+/\d+")
# Anything that could start a detection; strings without one are left alone at once.
_CANDIDATE = re.compile(
    r"\d{3}|%40|[@\uff20\uff10-\uff19\u3400-\u9fff{\[:]|eyJ|eyAi|ewo|ew0K|W3s|WyJ|[sr]k_|shp|pat-|"
    r"xox|gh[pousr]_|"
    r"github_pat|glpat|AKIA|ASIA|AIza|LTAI|AKID|BEGIN|MII|MIG|whsec_|hooks\.slack|wxid_|"
    r"(?i:bearer|token|basic|secret|passw|pwd|api[ _-]?key|sign|session|checkword|cookie|"
    r"private_?key)|\d\s+[A-Z][a-z]|(?i:stra(?:ße|sse)|str\.|gasse|platz|weg|allee|ring)\s+\d|"
    + _NAME_CUE + "|" + SPELT_EMAIL_CUE + "|" + KO_NAME_CUE)
_PLACEHOLDERS = frozenset({"", "-", "--", "n/a", "na", "none", "null", "nil", "unknown", "未知",
                           "无", "暂无", "空", "?", "*"})
# A Latin name may start with an honorific ("Dr. Matthew Lowe"), be written family first with
# a comma ("Lowe, Matthew") and hold lower-case particles ("Ludwig van Beethoven") and
# capitals inside (Mary-Jane O'Neil, McDonald).
_NAME_WORD = r"(?:Mc|Mac|O['\u2019])?[A-Z](?:[a-z'\u2019.]|-[A-Z]?)+"
_PERSON_NAME = re.compile(r"^(?:[\u4e00-\u9fff][\u4e00-\u9fff\u00b7]{1,5}"
                          rf"|{_NAME_WORD},?(?: (?:van|von|de|der|den|da|di|del|du|la|le|bin|al"
                          rf"|{_NAME_WORD})){{1,4}})$")
# Base64 of a JSON object or array (`{"`, `{ "`, `{\n`, `[{`, `["`), standard or URL-safe.
_BASE64_JSON_HEADS = ("eyJ", "eyAi", "ewo", "ew0K", "W3s", "WyJ", "W3", "ey")
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
# Form parameters in a string: two or more name=value pairs, nothing else.
_FORM_STRING = re.compile(r"[\w.\[\]%*-]+=[^\s&]*(?:&[\w.\[\]%*-]+=[^\s&]*)+")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# Object keys whose value is named by a sibling: HubSpot's {"idProperty": "email", "id": "..."}.
# And a contact method's value named by its type: {"type": "wechat", "value": "…"},
# {"label": "mobile", "number": "…"}, a form field list's {"name": "password", "value": "…"}.
_NAMED_BY: Mapping[str, tuple[str, ...]] = {
    "id": ("idProperty",),
    "value": ("type", "kind", "label", "channel", "name", "field", "key", "property"),
    "number": ("type", "kind", "label", "channel"),
    "account": ("type", "kind", "channel", "platform"),
    "handle": ("type", "kind", "channel", "platform")}


def _namer(value: Mapping[Any, Any], key: Any) -> str | None:
    """The sibling string that names what ``value[key]`` holds, if any."""
    for sibling in _NAMED_BY.get(key, ()) if isinstance(key, str) else ():
        name = value.get(sibling)
        if isinstance(name, str) and name:
            return name
    return None
_MAX_CACHED = 2048  # longer strings are not worth a cache entry
_CACHE_LIMIT = 1 << 16  # distinct strings remembered per key meaning
_NOTHING: Any = ("", ())  # cache entry: the string is left as it is, nothing found
_Cached = tuple[str, tuple["Hit", ...]]
# One replaced value of a parsed JSON document: container, key or index, old value, new value.


def looks_secret(value: str, *, uuid_ok: bool = False) -> bool:
    """A credential-looking string: 16+ characters, no blanks, mixed and high in entropy."""
    if len(value) < 16 or any(char.isspace() for char in value) or is_redacted(value):
        return False
    if uuid_ok and _UUID.match(value):
        return False
    counts = Counter(value)
    entropy = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    classes = sum((any(c.isdigit() for c in value), any(c.islower() for c in value),
                   any(c.isupper() for c in value)))
    return entropy >= 3.0 and classes >= 2


def _real_name(value: str) -> bool:
    return value.strip().lower() not in _PLACEHOLDERS and not is_masked(value)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class Scrubber:
    """Replaces personal values and secrets in strings and JSON-like values.

    Args:
        policy: What keys mean and which values are harmless (default: the built-in policy).
        replacer: What a found value becomes (default: short masks).
        on_hit: Called for every value replaced (or recognised as needing it); a scan passes
            one, a recorder counts with :attr:`counts`.

    Attributes:
        counts: Replacements made so far, by kind.
    """

    def __init__(self, policy: PrivacyPolicy | None = None, replacer: Replacer | None = None,
                 *, on_hit: Callable[[Hit], None] | None = None) -> None:
        self.policy = policy or PrivacyPolicy.default()
        self.replacer: Replacer = replacer or Masker()
        self.counts: Counter[Kind] = Counter()
        self._on_hit = on_hit
        self._keys: dict[str, KeyInfo] = {}
        # Results per distinct string, one table per key meaning (KeyInfo compares by value).
        self._caches: dict[KeyInfo, dict[str, _Cached]] = {}
        self._secrets = tuple(sorted(self.policy.secrets, key=len, reverse=True))
        self._sink: list[Hit] | None = None
        self._person_regions = (*self.policy.regions, *(
            region for region in ("HK", "MO") if region not in self.policy.regions))
        # reads a string shaped like form parameters ("a=1&tel=…"), set by the HTTP scrubber
        self.form_reader: Callable[[str, str], str] | None = None
        self._track = on_hit is not None  # JSON pointers are built only when someone reads them
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        self._literals = 0  # string literals visited by the current JSON walk
        self._exact = False  # the current JSON walk met a number whose spelling matters
        # family / given name pairs: None when they are the replacer's own, else replaced
        self._pairs: dict[tuple[str, str], tuple[str | None, str | None]] = {}

    # --- public -----------------------------------------------------------------------------

    def key(self, key: str | None) -> KeyInfo:
        """What ``key`` says about its value (cached)."""
        if not key:
            return _PLAIN
        info = self._keys.get(key)
        if info is None:
            info = self._keys[key] = self.policy.key(key)
        return info

    def text(self, value: str, key: str | None = None, *, pointer: str = "",
             info: KeyInfo | None = None) -> str:
        """``value`` (held under ``key``, if any) with every personal value and secret replaced.

        ``info`` overrides what the key says (e.g. ``KeyInfo(identifier=True)`` for a URL path
        segment, where bare digit runs are record ids).
        """
        return self._text(value, info if info is not None else self.key(key), pointer)

    def record(self, kind: Kind, value: str, *, pointer: str = "") -> None:
        """Count (and report to ``on_hit``) a value replaced outside the walker (a header)."""
        self._emit([Hit(kind, pointer, value)])

    def kind_text(self, value: str, kind: Kind, *, pointer: str = "") -> str:
        """``value`` known to be of ``kind`` as a whole (e.g. a path segment named by a query)."""
        return self._text(value, KeyInfo(kind=kind), pointer)

    def bare_names(self, record: Mapping[str, Any]) -> frozenset[str]:
        """Keys of ``record`` (form parameters, XML attributes) whose values are Chinese names
        by their company: on no list, shaped like a name, beside a phone, an e-mail, an ID
        number or an address (see :meth:`_bare_names`)."""
        return self._bare_names(record, self._plan(record))

    def value(self, value: Any, key: str | None = None, *, pointer: str = "") -> Any:
        """A copy of a JSON-like value with every personal value and secret replaced."""
        return self._value(value, self.key(key), pointer)

    def json_text(self, text: str) -> str | None:
        """A JSON document scrubbed, the input itself when nothing changed, or None when
        ``text`` is not JSON (or nested too deeply to walk).

        Replaced strings are written back into ``text`` itself when that is unambiguous (see
        :func:`write_back`), so the document keeps its layout; otherwise it is re-serialised.
        """
        # Parsed with plain floats first (their spelling matters only when the document is
        # re-serialised, or for a float under a secret key): orjson alone is faster. A float
        # of 2**63 or more may be an integer orjson could not hold: parsed again, by ``json``.
        for parse in (fast_loads, load_json):
            try:
                parsed = parse(text)
            except (ValueError, RecursionError):
                return None
            hits: list[Hit] = []
            edits: list[Edit] = []
            saved, self._sink = self._sink, hits
            self._literals = 0
            self._exact = False
            try:
                rekeyed = self._collect(parsed, "", edits)
            except RecursionError:
                return None
            finally:
                self._sink = saved
            if not self._exact:
                break
        literals = self._literals
        self._emit(hits)
        if not rekeyed:
            # Every literal of the text was visited unless a duplicated key hid one: then the
            # document is re-serialised from what was parsed, never passed on as it came.
            if not edits:
                if literal_count(text) == literals:
                    return text
            elif "\\" not in text:  # (with a backslash, nothing is written back)
                written = write_back(text, edits, literals)
                if written is not None:
                    return written
        # Re-serialised: parsed again keeping number spellings, and walked again building a new
        # document (the same results, from the caches and the deterministic replacer; the hits
        # were emitted above already).
        rebuilt = self._walk_into(load_json(text), "", [])
        return None if rebuilt is _TOO_DEEP else dump_json(rebuilt)

    # --- strings ------------------------------------------------------------------------------

    def _emit(self, hits: list[Hit] | tuple[Hit, ...]) -> None:
        if self._sink is not None:
            self._sink.extend(hits)
            return
        for hit in hits:
            self.counts[hit.kind] += 1
            if self._on_hit is not None:
                self._on_hit(hit)

    def _walk_into(self, parsed: Any, pointer: str, hits: list[Hit]) -> Any:
        """Walk ``parsed`` collecting its hits into ``hits`` instead of emitting them."""
        saved, self._sink = self._sink, hits
        try:
            return self._value(parsed, _PLAIN, pointer)
        except RecursionError:
            return _TOO_DEEP
        finally:
            self._sink = saved

    def _cache_for(self, info: KeyInfo) -> dict[str, _Cached]:
        cache = self._caches.get(info)
        if cache is None:
            cache = self._caches[info] = {}
        return cache

    def _text(self, value: str, info: KeyInfo, pointer: str,
              cache: dict[str, _Cached] | None = None) -> str:
        if not value or info.allowed or value in self.policy.allow_values:
            return value
        # (an XML document may hold a name no candidate pattern sees: read by its structure)
        if info is _PLAIN and value[0] != "<" and (
                _is_short(value) or _CANDIDATE.search(value) is None
                or _ORDINARY.fullmatch(value) is not None) and not (
                self._secrets and any(secret in value for secret in self._secrets)):
            return value  # nothing here could be personal or secret
        cacheable = len(value) <= _MAX_CACHED
        if cacheable:
            if cache is None:
                cache = self._cache_for(info)
            cached = cache.get(value)
            if cached is not None:
                if cached is _NOTHING:
                    return value
                self._emit(cached[1])
                return cached[0]
        hits: list[Hit] = []
        result = self._scrub_text(value, info, pointer, hits)
        self._emit(hits)
        # With pointers tracked, only strings without hits are cached (their hits would carry
        # the first place they were seen).
        if cache is not None and (not self._track or not hits):
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()  # a bound, not an eviction policy: recordings see new customers
            cache[value] = (result, tuple(hits)) if hits or result != value else _NOTHING
        return result

    def _scrub_text(self, value: str, info: KeyInfo, pointer: str, hits: list[Hit]) -> str:
        if info.secret == "always":
            if not value.strip() or is_redacted(value):
                return value
            hits.append(Hit(Kind.SECRET, pointer, value))
            return REDACTED
        stripped = value.lstrip()
        if stripped[:1] in ("{", "[") and len(stripped) > 1:
            nested = self._nested_json(value, pointer, hits)
            if nested is not None:
                return nested
        elif (_MARKUP.match(stripped) and ">" in stripped and info.kind is None
              and info.secret != "likely"):  # (a key that names a kind or a secret decides)
            return self._nested_xml(value, pointer, hits)
        elif value.startswith(_BASE64_JSON_HEADS) and _BASE64.fullmatch(value):
            wrapped = self._base64_json(value, pointer, hits)
            if wrapped is not None:
                return wrapped
        elif self.form_reader is not None and "&" in value and "=" in value and \
                info.secret is None and _FORM_STRING.fullmatch(value):
            saved, self._sink = self._sink, hits
            try:
                return self.form_reader(value, pointer)
            finally:
                self._sink = saved
        if info.secret == "likely" and looks_secret(value, uuid_ok=info.identifier):
            hits.append(Hit(Kind.SECRET, pointer, value))
            return REDACTED
        if info.kind is not None:
            return self._keyed(value, info.kind, pointer, hits, info.name_part)
        if info.person_noun and (_PERSON_NAME.match(value.strip()) or is_japanese_name(value)):
            return self._keyed(value, Kind.NAME, pointer, hits, None)
        if (info.bare_number or info.person_noun or info == _PLAIN) and \
                whole_phone(value, nanp_run=info.person_noun):
            # ("number": "13812345678", "contact_info": "4155550123", "note": "9123 4567")
            return self._keyed(value, Kind.PHONE, pointer, hits, None)
        if info.person_noun:
            # About a person ("receiver", "buyer_info"): Hong Kong and Macau numbers written
            # without +852/+853 count as their phones too ("王建国 9123 4567 九龙…").
            regions = self._person_regions
            lead = _LEADING_NAME.match(value)
            if lead is not None and is_bare_name(lead.group(1)) and \
                    not self.replacer.is_own(Kind.NAME, lead.group(1)):
                # the person the key names, and a note after the name ("王建国/前台代收")
                name, start, end = lead.group(1), lead.start(1), lead.end(1)
                hits.append(Hit(Kind.NAME, pointer, name, start))
                rest = self._content(value[end:], pointer, hits, identifiers=info.identifier,
                                     regions=regions)
                return value[:start] + self.replacer.replace(Kind.NAME, name) + rest
            return self._content(value, pointer, hits, identifiers=info.identifier,
                                 regions=regions)
        return self._content(value, pointer, hits, identifiers=info.identifier)

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

    def _nested_xml(self, value: str, pointer: str, hits: list[Hit]) -> str:
        """An XML document inside a string (SF's XML push in a form field), scrubbed by its
        structure, then by content as any text is (what sits in a name, or in markup the
        tokenizer does not read as a value, is still found)."""
        saved, self._sink = self._sink, hits
        try:
            structured = scrub_xml(value, self, pointer)
        finally:
            self._sink = saved
        return self._content(structured, pointer, hits, identifiers=False)

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

    def _keyed(self, value: str, kind: Kind, pointer: str, hits: list[Hit],
               part: NamePart = None) -> str:
        if value.strip().lower() in _PLACEHOLDERS or is_masked(value):
            return value
        found = whole_kind(value, self.policy.regions)
        if found is not None:
            kind = found
        if kind is Kind.SECRET:
            hits.append(Hit(kind, pointer, value))
            return REDACTED
        if kind is Kind.PHONE and sum(char.isdigit() for char in value) < 7:
            # the last digits of a phone (SF checkPhoneNo) identify no one; a note written into
            # the field ("分机 8021, 联系人:李四") may still name someone
            return self._content(value, pointer, hits, identifiers=False)
        if kind is Kind.ACCOUNT and len(value.strip()) < 5:
            # no WeChat ID or QQ number is this short: a note or a flag under the key
            return self._content(value, pointer, hits, identifiers=False)
        if kind is Kind.CARD and sum(char.isdigit() for char in value) < 12:
            # no card number is shorter than 12 digits: a voucher code or a note under a card
            # key (PDD's card_info_list) is judged by its content, by recording and scan alike
            return self._content(value, pointer, hits, identifiers=True)
        part = part if kind is Kind.NAME and found is None else None
        if self.replacer.is_own(kind, value, part):
            return value
        hits.append(Hit(kind, pointer, value))
        return self.replacer.replace(kind, value, part)

    def _content(self, value: str, pointer: str, hits: list[Hit], *, identifiers: bool,
                 regions: tuple[str, ...] | None = None) -> str:
        for secret in self._secrets:
            if secret in value:
                hits.append(Hit(Kind.SECRET, pointer, secret, value.index(secret)))
                value = value.replace(secret, REDACTED)
        found = spans(value, regions or self.policy.regions, identifiers=identifiers)
        if not found:
            return value
        parts: list[str] = []
        last = 0
        for span in found:
            piece = value[span.start:span.end]
            if span.kind is Kind.SECRET:
                replacement = REDACTED
            elif piece in self.policy.allow_values or self.replacer.is_own(span.kind, piece):
                continue
            else:
                replacement = self.replacer.replace(span.kind, piece)
            hits.append(Hit(span.kind, pointer, piece, span.start))
            parts.append(value[last:span.start])
            parts.append(replacement)
            last = span.end
        if not parts:
            return value
        parts.append(value[last:])
        return "".join(parts)

    # --- JSON-like values ---------------------------------------------------------------------

    def _value(self, value: Any, info: KeyInfo, pointer: str) -> Any:
        kind = type(value)
        if kind is str:
            return self._text(value, info, pointer)
        if kind is dict or isinstance(value, Mapping):
            return self._object(value, pointer)
        if kind is list or isinstance(value, list | tuple):
            row = self._row_names(value, info)
            if row:
                return [self._value(item, _NAME_INFO if index in row else info,
                                    f"{pointer}/{index}" if self._track else "")
                        for index, item in enumerate(value)]
            if self._track:
                return [self._value(item, info, f"{pointer}/{index}")
                        for index, item in enumerate(value)]
            return [self._value(item, info, "") for item in value]
        if kind is bool or value is None or info.allowed:
            return value
        if kind is int and (info.kind is not None or info.secret == "always"
                            or abs(value) >= 1_000_000):
            return self._number(value, str(value), info, pointer)
        if kind is Number and info.secret == "always":
            return self._number(value, value.text, info, pointer)
        if kind is float and value.is_integer() and abs(value) >= 1_000_000:
            # a phone or card number read as a float (pandas, a spreadsheet): its digits
            text = str(int(value))
            scrubbed = self._text(text, info, pointer)
            return value if scrubbed == text else scrubbed
        return value

    def _number(self, value: Any, text: str, info: KeyInfo, pointer: str) -> Any:
        scrubbed = self._text(text, info, pointer)
        if scrubbed == text:
            return value
        return int(scrubbed) if scrubbed.isdigit() and not isinstance(value, Number) else scrubbed

    def _plan(self, value: Mapping[Any, Any]) -> _Plan:
        keys = tuple(value)
        plan = self._plans.get(keys)
        if plan is None:
            infos = {key: self.key(key) if isinstance(key, str) else _PLAIN for key in keys}
            plan = _Plan(
                entries=tuple((key, infos[key], _escape(str(key)),
                               self._key_may_hold(key, infos[key]), self._cache_for(infos[key]))
                              for key in keys),
                person=self._person_context(value, infos),
                family=next((k for k, i in infos.items() if i.name_part == "family"), None),
                given=next((k for k, i in infos.items() if i.name_part == "given"), None),
                named=any(isinstance(k, str) and k in _NAMED_BY
                          and any(namer in value for namer in _NAMED_BY[k])
                          for k in keys))
            pair = (plan.family, plan.given) if plan.family is not None \
                and plan.given is not None else ()
            plan.care = tuple(bool(
                scan or key in pair or (info.person_name and plan.person)
                or (plan.named and key in _NAMED_BY)) for key, info, _, scan, _ in plan.entries)
            plan.special = any(plan.care)
            plan.bare = tuple(
                index for index, (key, info, _, _, _) in enumerate(plan.entries)
                if info.kind is None and info.secret is None and not info.identifier
                and not info.allowed and not _names_a_thing(key))
            if len(self._plans) < 4096:
                self._plans[keys] = plan
        return plan

    def _key_may_hold(self, key: Any, info: KeyInfo) -> bool:
        """Whether an object key needs scanning on every visit: a key that holds nothing now
        holds nothing later (the policy and the replacer are fixed)."""
        if not isinstance(key, str) or len(key) < 7 or info.allowed:
            return False
        saved, self._sink = self._sink, []
        try:
            return self._text(key, _PLAIN, "") != key or bool(self._sink)
        finally:
            self._sink = saved

    def _object(self, value: Mapping[Any, Any], pointer: str) -> dict[Any, Any]:
        plan = self._plan(value)
        done = self._name_pair(value, plan, pointer) \
            if plan.family is not None and plan.given is not None else None
        track = self._track
        bare = self._bare_names(value, plan)
        result: dict[Any, Any] = {}
        for key, info, escaped, scan_key, _cache in plan.entries:
            item = value[key]
            if done and key in done:
                result[key] = done[key]
                continue
            if bare and key in bare:
                info = _NAME_INFO
            if info.person_name and plan.person and type(item) is str and (
                    plan.person == "names" or _PERSON_NAME.match(item.strip())):
                info = _NAME_INFO
            if plan.named and key in _NAMED_BY and (namer := _namer(value, key)) is not None \
                    and self.key(namer) != _PLAIN:
                info = self.key(namer)
            child = f"{pointer}/{escaped}" if track else ""
            new_key = self._text(key, _PLAIN, child) if scan_key else key
            if type(item) is str:
                short = len(item) < 5 and (
                    item.isascii() or (item[0] not in _SHORT_CUE_FIRST
                                       and item[-1] not in _SHORT_CUE_LAST)
                    or not short_name_cue(item))
                if info is _PLAIN and (short or _CANDIDATE.search(item) is None) \
                        and not self._secrets:
                    result[new_key] = item  # the common case, without a call
                else:
                    result[new_key] = self._text(item, info, child)
            else:
                result[new_key] = self._value(item, info, child)
        return result

    # --- JSON documents: find what to replace without rebuilding the document -------------------

    def _collect(self, value: Any, pointer: str, edits: list[Edit]) -> bool:
        """Walk a parsed JSON document like :meth:`_value`, appending each replacement to
        ``edits`` instead of building a new document; True when a key itself was replaced."""
        kind = type(value)
        if kind is dict:
            return self._collect_object(value, pointer, edits)
        if kind is list:
            return self._collect_list(value, _PLAIN, pointer, edits)
        if kind is str:
            self._literals += 1
        elif kind is float and not -BIG < value < BIG:
            self._exact = True  # may be an integer orjson could not hold: parse again
        new = self._value(value, _PLAIN, pointer)
        if new is not value and new != value:
            edits.append((None, None, value, new))
        return False

    def _collect_list(self, value: list[Any], info: KeyInfo, pointer: str,
                      edits: list[Edit]) -> bool:
        rekeyed = False
        track = self._track
        cache = self._cache_for(info)
        row = self._row_names(value, info)
        for index, item in enumerate(value):
            kind = type(item)
            if kind is str:
                self._literals += 1
                if cache.get(item) is _NOTHING and index not in row:
                    continue
            child = f"{pointer}/{index}" if track else ""
            if kind is str:
                new = self._text(item, _NAME_INFO, child) if index in row \
                    else self._text(item, info, child, cache)
                if new != item:
                    edits.append((value, index, item, new))
            elif kind is dict:
                rekeyed = self._collect_object(item, child, edits) or rekeyed
            elif kind is list:
                rekeyed = self._collect_list(item, info, child, edits) or rekeyed
            elif kind is float:
                if info.secret == "always" or not -BIG < item < BIG:
                    self._exact = True  # its spelling is needed: parse again keeping it
            elif _scalar_matters(item, kind, info, self._secrets):
                new = self._value(item, info, child)
                if new is not item:
                    edits.append((value, index, item, new))
        return rekeyed

    def _collect_object(self, value: dict[Any, Any], pointer: str, edits: list[Edit]) -> bool:
        plan = self._plan(value)
        bare = self._bare_names(value, plan)
        if not plan.special and not bare:
            return self._collect_plain_object(value, plan, pointer, edits)
        done = self._name_pair(value, plan, pointer) \
            if plan.family is not None and plan.given is not None else None
        track = self._track
        rekeyed = False
        self._literals += len(value)  # the keys
        cache: dict[str, _Cached] | None
        for (key, info, escaped, scan_key, cache), care, item in zip(
                plan.entries, plan.care, value.values(), strict=True):
            kind = type(item)
            if bare and key in bare:
                info, cache, care = _NAME_INFO, None, True
            if not care and kind is str:  # as in _collect_plain_object
                self._literals += 1
                if cache is not None and cache.get(item) is _NOTHING:
                    continue
            if done and key in done:
                self._literals += 1
                if done[key] != item:
                    edits.append((value, key, item, done[key]))
                continue
            if info.person_name and plan.person and kind is str and (
                    plan.person == "names" or _PERSON_NAME.match(item.strip())):
                info, cache = _NAME_INFO, None
            if plan.named and key in _NAMED_BY and (namer := _namer(value, key)) is not None \
                    and self.key(namer) != _PLAIN:
                info, cache = self.key(namer), None
            if kind is str and care:
                self._literals += 1
                if not scan_key and cache is not None and cache.get(item) is _NOTHING:
                    continue  # seen before under this key meaning: nothing in it
            child = f"{pointer}/{escaped}" if track else ""
            if scan_key and self._text(key, _PLAIN, child) != key:
                rekeyed = True
            if kind is str:
                new = self._text(item, info, child, cache)
                if new != item:
                    edits.append((value, key, item, new))
            elif kind is dict:
                rekeyed = self._collect_object(item, child, edits) or rekeyed
            elif kind is list:
                rekeyed = self._collect_list(item, info, child, edits) or rekeyed
            elif kind is float:
                if info.secret == "always" or not -BIG < item < BIG:
                    self._exact = True  # its spelling is needed: parse again keeping it
            elif _scalar_matters(item, kind, info, self._secrets):
                new = self._value(item, info, child)
                if new is not item:
                    edits.append((value, key, item, new))
        return rekeyed

    def _collect_plain_object(self, value: dict[Any, Any], plan: _Plan, pointer: str,
                              edits: list[Edit]) -> bool:
        """:meth:`_collect_object` for the common objects: no name pair, no ``name`` key that
        depends on its siblings, no key named by another, no key that itself holds anything."""
        track = self._track
        rekeyed = False
        strings = 0
        for (key, info, escaped, _scan_key, cache), item in zip(plan.entries, value.values(),
                                                                strict=True):
            kind = type(item)
            if kind is str:
                strings += 1
                if cache.get(item) is _NOTHING:
                    continue
                new = self._text(item, info, f"{pointer}/{escaped}" if track else "", cache)
                if new != item:
                    edits.append((value, key, item, new))
            elif kind is dict:
                if self._collect_object(item, f"{pointer}/{escaped}" if track else "", edits):
                    rekeyed = True
            elif kind is list:
                if self._collect_list(item, info, f"{pointer}/{escaped}" if track else "",
                                      edits):
                    rekeyed = True
            elif kind is float:
                if info.secret == "always" or not -BIG < item < BIG:
                    self._exact = True  # its spelling is needed: parse again keeping it
            elif _scalar_matters(item, kind, info, self._secrets):
                new = self._value(item, info, f"{pointer}/{escaped}" if track else "")
                if new is not item:
                    edits.append((value, key, item, new))
        self._literals += len(value) + strings
        return rekeyed

    def _name_pair(self, value: Mapping[Any, Any], plan: _Plan, pointer: str
                   ) -> dict[Any, str] | None:
        """A family and a given name side by side are one person: replace them together."""
        family, given = plan.family, plan.given
        old_family, old_given = value[family], value[given]
        if not (isinstance(old_family, str) and isinstance(old_given, str)
                and _real_name(old_family) and _real_name(old_given)):
            return None
        pair = self._pairs.get((old_family, old_given))
        if pair is None:
            if len(self._pairs) >= _CACHE_LIMIT:
                self._pairs.clear()
            pair = self._pairs[(old_family, old_given)] = (
                (None, None) if self.replacer.own_names(old_family, old_given)
                else self.replacer.replace_names(old_family, old_given))
        if pair[0] is None:
            return {family: old_family, given: old_given}
        new_family, new_given = str(pair[0]), str(pair[1])
        self._emit([Hit(Kind.NAME, f"{pointer}/{_escape(str(family))}", old_family),
                    Hit(Kind.NAME, f"{pointer}/{_escape(str(given))}", old_given)])
        return {family: new_family, given: new_given}

    def _bare_names(self, value: Mapping[Any, Any], plan: _Plan) -> frozenset[Any]:
        """Keys on no list whose value is shaped like a Chinese name, in an object that also
        holds a phone, an e-mail, an ID number or an address (by key or by content): the
        object describes a person, and the name beside the phone is theirs
        (``{"lianxi": "王五", "dh": "13812345678"}``)."""
        if not plan.bare:
            return frozenset()
        items = list(value.values())
        candidates = []
        for index in plan.bare:
            item = items[index]
            # two to four Chinese characters (blanks around them allowed)
            if type(item) is str and 2 <= len(item) <= 6 and (
                    "\u4e00" <= item[0] <= "\u9fff"
                    or (item[0].isspace() and _CJK_START.match(item))):
                candidates.append(index)
        if not candidates:
            return frozenset()
        for index, ((_, info, _, _, _), item) in enumerate(zip(plan.entries, items,
                                                               strict=True)):
            if index in candidates:
                continue
            if info.kind in _PERSON_CONTEXT or (
                    type(item) in (str, int) and info.secret is None
                    and self._holds_contact(str(item), info)):
                return frozenset(plan.entries[index][0] for index in candidates
                                 if is_bare_name(items[index]))
        return frozenset()

    def _row_names(self, value: list[Any] | tuple[Any, ...], info: KeyInfo) -> frozenset[int]:
        """A row of scalars (Kingdee's arrays in ``FieldKeys`` order, a CSV row as JSON) is a
        record too: a name-shaped string beside a phone, e-mail, ID number or address in it."""
        if info.kind is not None or info.secret is not None or info.identifier \
                or info.allowed or not 2 <= len(value) <= 64 or not any(
                type(item) is str and 2 <= len(item) <= 6 and "\u4e00" <= item[:1] <= "\u9fff"
                for item in value):
            return frozenset()
        if any(isinstance(item, dict | list) for item in value):
            return frozenset()
        return self._bare_names(dict(enumerate(value)), self._plan(dict(enumerate(value))))

    def _holds_contact(self, text: str, info: KeyInfo) -> bool:
        """Whether ``text`` holds a phone, e-mail, ID number or address, through the walk's
        own cache (the walk scrubs it next and finds the result there)."""
        if len(text) < 5 or _CANDIDATE.search(text) is None:
            return False
        hits: list[Hit] = []
        saved, self._sink = self._sink, hits
        try:
            self._text(text, info, "")
        finally:
            self._sink = saved
        return any(hit.kind in _PERSON_CONTEXT for hit in hits)

    @staticmethod
    def _person_context(value: Mapping[Any, Any], infos: Mapping[Any, KeyInfo]) -> str:
        """"names": a sibling is a name part; "contact": a sibling is a phone or e-mail."""
        context = ""
        for key, info in infos.items():
            if info.kind is Kind.NAME and not info.person_name and isinstance(key, str):
                return "names"
            if info.kind in (Kind.PHONE, Kind.EMAIL, Kind.ACCOUNT):
                context = "contact"
        return context


_PLAIN = KeyInfo()
_PERSON_CONTEXT = frozenset({Kind.PHONE, Kind.EMAIL, Kind.ID_NUMBER, Kind.ADDRESS,
                             Kind.ACCOUNT})
_CJK_START = re.compile(r"\s*[\u4e00-\u9fff]")
# A Chinese name written first under a key naming a person, with a note after it.
_LEADING_NAME = re.compile(r"\s*([\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff\u00b7])")
# Last words of keys that name a thing, not a person: a brand named after its founder (王老吉,
# 李宁) in a product title beside the shop's phone is no one's name.
_THING_WORDS = frozenset({
    "title", "product", "products", "item", "items", "goods", "sku", "spu", "brand", "shop",
    "store", "seller", "merchant", "city", "province", "district", "county", "town", "country",
    "region", "area", "status", "state", "type", "category", "cat", "color", "colour", "size",
    "unit", "spec", "specs", "model", "desc", "description", "subject", "tag", "tags", "label",
    "channel", "source", "platform", "company", "corp", "carrier", "express", "logistics",
    "bank", "warehouse", "payment", "pay", "method", "currency", "message", "msg", "error",
    "reason", "result", "remark", "memo", "note", "notes", "comment", "summary", "content",
    "text", "body", "商品", "标题", "品牌", "店铺", "状态", "类型", "备注", "城市", "省份"})


def _names_a_thing(key: Any) -> bool:
    words = key_words(key) if isinstance(key, str) else ()
    return bool(words) and words[-1] in _THING_WORDS
# A string that opens markup (an element, a declaration or a comment): an XML document, maybe
# cut off, scrubbed by its structure (element names do not start with a digit: `<13812345678>`
# is text).
_MARKUP = re.compile(r"<[A-Za-z_?!]")


def _is_short(value: str) -> bool:
    """Under five characters and with no role word, verb or addressee mark pointing at a name
    ("送给张利", "张利收"): nothing in it could be personal (the cues are all Chinese)."""
    return len(value) < 5 and (
        value.isascii() or (value[0] not in _SHORT_CUE_FIRST and value[-1] not in _SHORT_CUE_LAST)
        or not short_name_cue(value))
_TOO_DEEP = object()


def _scalar_matters(value: Any, kind: type, info: KeyInfo, secrets: tuple[str, ...]) -> bool:
    """Whether :meth:`Scrubber._value` could replace a number, boolean or null (a float is
    one when it was parsed keeping its spelling)."""
    if kind is int:
        if info.kind is not None or info.secret == "always" or secrets:
            return True
        # A bare digit run under an identifier key is an id, never a phone, card or ID number.
        return (value >= 1_000_000 and (not info.identifier or info.bare_number)) \
            or value <= -1_000_000
    return kind is Number and info.secret == "always"



@dataclass(slots=True)
class _Plan:
    """How to walk objects with one set of keys (computed once per key set)."""

    # key, its meaning, pointer token, whether the key itself needs scanning, the string cache
    entries: tuple[tuple[Any, KeyInfo, str, bool, dict[str, _Cached]], ...]
    person: str
    family: Any
    given: Any
    named: bool
    special: bool = True  # anything beyond "each value by its own key" (see _collect_object)
    care: tuple[bool, ...] = ()  # per entry: that key needs more than its own meaning
    bare: tuple[int, ...] = ()  # entries whose value may be a name by its company

