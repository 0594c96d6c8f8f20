"""Strings scrubbed: every personal value and secret in one string found and replaced.

:class:`TextScrubber` owns what one walk shares — the policy, the :class:`Replacer`, the counts,
the per-key caches — and reads a string by what its key says and by its content: a JSON or XML
document, base64-wrapped JSON or form parameters inside it are walked in turn. The walk over
JSON-like values builds on it (:mod:`seamguard.privacy.records`, :mod:`seamguard.privacy.scrubber`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

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
from seamguard.privacy.hits import Hit, Replacer
from seamguard.privacy.json_text import (
    array_fragments,
)
from seamguard.privacy.locales import KO_NAME_CUE, STREET_CUE
from seamguard.privacy.mask import (
    MASK,
    REDACTED,
    Masker,
    is_masked,
    is_redacted,
    looks_secret,
    mask_kind,
)
from seamguard.privacy.memory import remembers
from seamguard.privacy.obfuscated import SPELT_EMAIL_CUE
from seamguard.privacy.organisations import is_organisation
from seamguard.privacy.partial_masks import under_masked
from seamguard.privacy.phones import trunk_written, whole_phone
from seamguard.privacy.pinyin_names import PASSPORT_ORDER_CUE
from seamguard.privacy.policy import KeyInfo, NamePart, PrivacyPolicy
from seamguard.privacy.street_lines import CAPITALS_CUE
from seamguard.privacy.text_nested import (
    _BASE64,
    _BASE64_JSON_HEADS,
    _FORM_STRING,
    _FRAME,
    _TOO_DEEP,
    NestedDocuments,
    _maybe_base64,
    maybe_encoded_text,
)
from seamguard.privacy.text_nested import (
    _PLAIN as _PLAIN,
)
from seamguard.privacy.titled_names import TITLED_CUE
from seamguard.privacy.traces import IP, PLATE, is_global_ip

__all__ = ["Hit", "Replacer", "TextScrubber", "looks_secret"]


_NAME_INFO = KeyInfo(kind=Kind.NAME)
# Whole values that are plainly no personal data: timestamps, money, UUIDs, digests, gids.
_ORDINARY = re.compile(
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?(?:Z|[+-]\d\d:?\d\d)?"
    # money; not a whole number of seven digits or more written as a float (13812345678.0: a
    # phone column pandas read as floats)
    r"|-?\d{1,6}|-?\d{1,6}\.\d{1,6}|-?\d{1,12}\.(?!0+$)\d{1,6}"
    r"|[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"
    r"|gid://[\w-]+/[\w-]+/\d+")
# Anything that could start a detection; strings without one are left alone at once (digits
# grouped by two, "06 12 34 56 78", are how France and Spain write phones).
_CANDIDATE = re.compile(
    r"\d{3}|\d\d[ .-]\d\d[ .-]\d\d|%40|[@\uff20\uff10-\uff19\u3400-\u9fff{\[:]|eyJ|eyAi|ewo|ew0K"
    # (a phone in circled digits or keycaps: ①③⑧…, 1️⃣3️⃣8️⃣…)
    r"|[\u2460-\u2468\u24ea\u2776-\u277e]{3}|\d\ufe0f?\u20e3"
    r"|W3s|WyJ|[sr]k_|shp|pat-|"
    r"xox|gh[pousr]_|"
    r"github_pat|glpat|AKIA|ASIA|AIza|LTAI|AKID|BEGIN|MII|MIG|whsec_|hooks\.slack|wxid_|"
    r"(?i:bearer|token|basic|secret|passw|pwd|api[ _-]?key|sign|session|checkword|cookie|"
    r"private_?key)|\d\s+(?:[A-ZÀ-ÖØ-ÞĀ-ŽǍ-ǜ][a-zß-öø-ÿā-žǍ-ǜ]|[\u0590-\u06ff\uac00-\ud7a3])"
    # (a Korean road and its number: "역삼81로 1", "양재천가 80")
    r"|[\uac00-\ud7a30-9](?:로|길|가)\s*\d|(?i:stra(?:ße|sse)|str\.|gasse|platz|weg|allee|ring|straat|laan|plein"
    r"|gracht|kade|singel|dijk|steeg|dreef|hof|baan|wal|markt|plantsoen|erf)\s+\d|"
    r"(?i:box)\s*#?\s*\d|"  # a post-office box of one or two digits ("PO BOX 12")
    + _NAME_CUE + "|" + SPELT_EMAIL_CUE + "|" + KO_NAME_CUE + "|" + STREET_CUE + "|" + CAPITALS_CUE
    + "|" + PASSPORT_ORDER_CUE + "|" + TITLED_CUE)
_PLACEHOLDERS = frozenset({"", "-", "--", "n/a", "na", "none", "null", "nil", "unknown", "未知",
                           "无", "暂无", "空", "?", "*"})
# A Latin name may start with an honorific ("Dr. Matthew Lowe"), be written family first with
# a comma ("Lowe, Matthew") and hold lower-case particles ("Ludwig van Beethoven") and
# capitals inside (Mary-Jane O'Neil, McDonald).
# Latin letters with diacritics (Véronique, Dương) and Cyrillic count as letters; an academic
# title or a suffix may follow (Okta Suryatmi, M.Ak; Julie Skinner MD); Thai names are two
# words.
_NAME_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽǍ-ǜƠƯẠ-ỸА-ЯЁ"
_NAME_LOWER = "a-zß-öø-ÿā-žǍ-ǜơưạ-ỹа-яё"
_NAME_WORD = (rf"(?:Mc|Mac|O['\u2019])?[{_NAME_UPPER}](?:[{_NAME_LOWER}'\u2019.]"
              rf"|-[{_NAME_UPPER}]?)+")
_PERSON_NAME = re.compile(r"^(?:(?!\u00b7)[\u4e00-\u9fff\u00b7\U00020000-\U0003134f]{2,6}"
                          # (a title before it: "pan Tymoteusz Michnowicz", "Bay Ali Kaya")
                          r"|(?:(?:[Pp]an|[Pp]ani|[Pp]anna|[Pp]aní|Bay|Bayan|Say\u0131n|Herr|Frau"
                          r"|Fru) )?"
                          rf"{_NAME_WORD},?(?: (?:van|von|de|der|den|da|di|del|du|la|le|bin|al"
                          rf"|dos|das|do|{_NAME_WORD})){{1,4}}"
                          r"(?:, [A-Z][A-Za-z]?\.[A-Za-z.]{1,5}|,? (?:MD|PhD|DDS|DVM|Jr\.?|Sr\.?"
                          r"|II|III|IV|[A-Z][A-Za-z]{1,3}\.(?:[A-Z][a-z]?\.)?))?"
                          r"|[\u0e01-\u0e4e]{2,} [\u0e01-\u0e4e]{2,}"
                          # Korean (two to five syllables, maybe spaced), Arabic (two to five
                          # words, a title such as المهندس among them), katakana words
                          r"|[\uac00-\ud7a3]{2,5}|[\uac00-\ud7a3]{1,2} [\uac00-\ud7a3]{1,4}"
                          r"|[\u0621-\u064a\u064b-\u0652\u0670-\u06d3]{2,}"
                          r"(?: [\u0621-\u064a\u064b-\u0652\u0670-\u06d3]{2,}){1,4}"
                          r"|[\u30a1-\u30fa\u30fc]{2,}[ \u3000\u30fb][\u30a1-\u30fa\u30fc]{2,})$")
# A whole string that is a URL with a query or a fragment (a redirect, a callback).
_URL_STRING = re.compile(r"https?://[^\s\"'<>]+[?#][^\s\"'<>]*")
# A data URI of base64 (``data:application/json;base64,…``): its head, its payload.
_DATA_URI = re.compile(r"(data:[\w.+-]+/[\w.+-]+(?:;[\w.+-]+=[^;,]*)*;base64,)"
                       r"([A-Za-z0-9+/_-]{8,}={0,2})")
_MAX_CACHED = 2048  # longer strings are not worth a cache entry
_CACHE_LIMIT = 1 << 16  # distinct strings remembered per key meaning
_NOTHING: Any = ("", ())  # cache entry: the string is left as it is, nothing found
_Cached = tuple[str, tuple["Hit", ...]]
# One replaced value of a parsed JSON document: container, key or index, old value, new value.


class TextScrubber(NestedDocuments):
    """Replaces personal values and secrets in strings (see :class:`~seamguard.privacy.Scrubber`
    for the arguments)."""

    def __init__(self, policy: PrivacyPolicy | None = None, replacer: Replacer | None = None,
                 *, on_hit: Callable[[Hit], None] | None = None) -> None:
        self.policy = policy or PrivacyPolicy.default()
        self.replacer: Replacer = replacer or Masker()
        self.counts: Counter[Kind] = Counter()
        self._on_hit = on_hit
        self._keys: dict[str, KeyInfo] = {}
        # Results per distinct string, one table per key meaning (KeyInfo compares by value).
        self._caches: dict[KeyInfo, dict[str, _Cached]] = {}
        self._cache_of: dict[int, tuple[KeyInfo, dict[str, _Cached]]] = {}
        self._secrets = tuple(sorted(self.policy.secrets, key=len, reverse=True))
        self._sink: list[Hit] | None = None
        self._person_regions = (*self.policy.regions, *(
            region for region in ("HK", "MO") if region not in self.policy.regions))
        # reads a string shaped like form parameters ("a=1&tel=…"), set by the HTTP scrubber
        self.form_reader: Callable[[str, str], str] | None = None
        # ... and a URL ("https://…?tel=…#email=…"), by its parts
        self.url_reader: Callable[[str, str], str] | None = None
        self._track = on_hit is not None  # JSON pointers are built only when someone reads them

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

    def value(self, value: Any, key: str | None = None, *, pointer: str = "") -> Any:
        """A copy of a JSON-like value with every personal value and secret replaced."""
        return self._value(value, self.key(key), pointer)

    def record(self, kind: Kind, value: str, *, pointer: str = "") -> None:
        """Count (and report to ``on_hit``) a value replaced outside the walker (a header)."""
        self._emit([Hit(kind, pointer, value)])

    def kind_text(self, value: str, kind: Kind, *, pointer: str = "") -> str:
        """``value`` known to be of ``kind`` as a whole (e.g. a path segment named by a query)."""
        return self._text(value, KeyInfo(kind=kind), pointer)

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
        # Found by identity first (a key meaning's hash is computed field by field on every
        # lookup); the table is still the one of every equal key meaning.
        known = self._cache_of.get(id(info))
        if known is not None and known[0] is info:
            return known[1]
        cache = self._caches.get(info)
        if cache is None:
            cache = self._caches[info] = {}
        if len(self._cache_of) >= 1024:
            self._cache_of.clear()
        self._cache_of[id(info)] = (info, cache)  # (holding info: its id is not reused)
        return cache

    def _text(self, value: str, info: KeyInfo, pointer: str,
              cache: dict[str, _Cached] | None = None) -> str:
        if not value or info.allowed or value in self.policy.allow_values:
            return value
        if info is _PLAIN and _quiet(value) and not (
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
        if _STAMP_OR_UUID.fullmatch(value) is not None and _reads_as_plain(info) and not (
                self._secrets and any(secret in value for secret in self._secrets)):
            result = value  # a date, a time stamp or a UUID: no detector finds anything there
        else:
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
        elif value.startswith("data:") and (data := _DATA_URI.fullmatch(value)) is not None:
            # a data URI of base64 JSON ("data:application/json;base64,eyJ…"): its document
            wrapped = self._base64_json(data.group(2), pointer, hits)
            if wrapped is not None:
                return data.group(1) + wrapped
        elif (wrapped := self._opened(value, pointer, hits)) is not None:
            return wrapped
        elif self.url_reader is not None and info.secret is None and info.kind is None \
                and value.startswith("http") and _URL_STRING.fullmatch(value):
            saved, self._sink = self._sink, hits
            try:
                return self.url_reader(value, pointer)
            finally:
                self._sink = saved
        elif self.form_reader is not None and ("&" in value or "=%" in value) and "=" in value and \
                info.secret is None and _FORM_STRING.fullmatch(value):
            saved, self._sink = self._sink, hits
            try:
                return self.form_reader(value, pointer)
            finally:
                self._sink = saved
        if info.kind is None and info.secret is None and (
                "(" in value or "\n" in value or (value[:1].isdigit() and _FRAME.match(value))):
            wrapped = self._wrapped(value, pointer, hits)
            if wrapped is not None:
                return wrapped
        if info.secret == "likely" and looks_secret(value, uuid_ok=info.identifier):
            hits.append(Hit(Kind.SECRET, pointer, value))
            return REDACTED
        if info.kind is not None:
            return self._keyed(value, info.kind, pointer, hits, info.name_part)
        if info.document and _PASSPORT_SHAPE.fullmatch(value.strip()):
            # ("doc": "E12345678", "pp_no": "EA1234567": a passport under an abbreviation)
            return self._keyed(value, Kind.ID_NUMBER, pointer, hits, None)
        if info.person_noun and (_PERSON_NAME.match(value.strip()) or is_japanese_name(value)):
            return self._keyed(value, Kind.NAME, pointer, hits, None)
        if (info.bare_number or info.person_noun or info == _PLAIN) and (
                whole_phone(value, nanp_run=info.person_noun,
                            valid_nanp_run=info.bare_number or info == _PLAIN)
                or trunk_written(value)):
            # ("number": "13812345678", "contact_info": "4155550123", "number": "4155550123",
            # "note": "9123 4567", "v1": "6148737187" and keyless rows; not "trade_no": …)
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
        if info == _PLAIN and ('["' in value or "[[" in value) and \
                (rows := array_fragments(value)):  # a keyless answer quoted in a report line
            edges = [0, *(edge for span in rows for edge in span), len(value)]
            return "".join(
                self._content(value[a:b], pointer, hits, identifiers=False) if n % 2 == 0
                else self._nested_json(value[a:b], pointer, hits)
                or self._content(value[a:b], pointer, hits, identifiers=False)
                for n, (a, b) in enumerate(itertools.pairwise(edges)))
        return self._content(value, pointer, hits, identifiers=info.identifier)

    def _opened(self, value: str, pointer: str, hits: list[Hit]) -> str | None:
        """``value`` written in hex or base32 and holding something, or a token or base64
        wrapping a form, scrubbed inside; None otherwise."""
        if maybe_encoded_text(value):
            opened = self._encoded_text(value, pointer, hits)
            if opened is not None:
                return opened
        return self._token(value, pointer, hits)

    def _keyed(self, value: str, kind: Kind, pointer: str, hits: list[Hit],
               part: NamePart = None) -> str:
        if value.strip().lower() in _PLACEHOLDERS or is_masked(value):
            return value
        if kind in _TRACES:
            return self._trace(value, kind, pointer, hits)
        found = whole_kind(value, self.policy.regions)
        if found is not None:
            kind = found
        if MASK in value and under_masked(value):
            # a phone or card starred too lightly: masked properly, in a recording too
            hits.append(Hit(kind, pointer, value))
            return mask_kind(kind, value)
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
        if found is None and ((kind is Kind.NAME and is_organisation(value))
                              or (kind is Kind.EMAIL and len(value.split()) > 2)):
            # a company's name under a person's key; a letter under an e-mail key ("mail":
            # "Dear …, your order …"): read by what they hold
            return self._content(value, pointer, hits, identifiers=False)
        part = part if kind is Kind.NAME and found is None else None
        if self.replacer.is_own(kind, value, part):
            return value
        hits.append(Hit(kind, pointer, value))
        return self.replacer.replace(kind, value, part)

    def _trace(self, value: str, kind: Kind, pointer: str, hits: list[Hit]) -> str:
        """A value under a key naming an IP address, a position or a plate: every global
        address in it, its coordinates, the plate; anything else read by its content."""
        pattern = _TRACES[kind]
        found = [m for m in pattern.finditer(value) if kind is not Kind.IP
                 or is_global_ip(m.group())]
        if not found or (kind is not Kind.IP and _TRACE_GAPS.sub(
                "", pattern.sub("", value)) != ""):
            return self._content(value, pointer, hits, identifiers=False)
        parts: list[str] = []
        last = 0
        for match in found:
            piece = match.group()
            if self.replacer.is_own(kind, piece):
                continue
            hits.append(Hit(kind, pointer, piece, match.start()))
            parts += [value[last:match.start()], self.replacer.replace(kind, piece)]
            last = match.end()
        return "".join([*parts, value[last:]]) if parts else value

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
            elif MASK in piece and under_masked(piece):
                replacement = mask_kind(span.kind, piece)  # (a light mask: see partial_masks)
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

    # The walk over JSON-like values, which a JSON or XML document inside a string needs, is the
    # subclass's (seamguard.privacy.records).

    def _value(self, value: Any, info: KeyInfo, pointer: str) -> Any:
        """A copy of a JSON-like value scrubbed."""
        raise NotImplementedError

    def bare_names(self, record: Mapping[str, Any]) -> frozenset[str]:
        """Keys of ``record`` whose values are Chinese names by their company."""
        raise NotImplementedError


# What a key naming a trace holds, and what may stand between (blanks, commas, brackets)
_TRACES = {Kind.IP: IP, Kind.PLATE: PLATE, Kind.LOCATION: re.compile(r"-?\d{1,3}\.\d{4,}")}
_TRACE_GAPS = re.compile(r"[\s,\uff0c/()\[\]]+")
# A passport number as China (E, G, EA… and eight or seven digits), Hong Kong (H/K + 8 digits)
# and many ICAO issuers write it: one or two letters and seven to nine digits.
_PASSPORT_SHAPE = re.compile(r"[A-Z]{1,2}\d{7,9}")
# A Chinese name written first under a key naming a person, with a note after it.
_LEADING_NAME = re.compile(r"\s*([\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff\u00b7])")
# A string that opens markup (an element, a declaration or a comment): an XML document, maybe
# cut off, scrubbed by its structure (element names do not start with a digit: `<13812345678>`
# is text).
_MARKUP = re.compile(r"<[A-Za-z_?!]")


# A whole ISO date or time stamp of this century or the last (its fields in their ranges, a
# fraction of a second of up to six digits), a whole UUID or a whole HTTP date: every detector
# passes over one, under any key that does not itself name a kind, a secret, a person, a number
# or a document (``test_privacy_timestamp_screen`` compares it with the detectors on generated
# values). Fresh in every record of real traffic (created_at, updated_at, record and request
# ids, a reply's Date), each cost the detectors' full pass.
_STAMP_OR_UUID = re.compile(
    r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?)?"
    r"(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?"
    r"|[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"
    # an HTTP date (RFC 9110's IMF-fixdate: Date, Last-Modified and Expires headers)
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?:0[1-9]|[12]\d|3[01]) (?:Jan|Feb|Mar|Apr|May|Jun|Jul"
    r"|Aug|Sep|Oct|Nov|Dec) (?:19|20)\d\d (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d GMT")


def _reads_as_plain(info: KeyInfo) -> bool:
    """``info`` reads a value by its content alone, as a keyless one (maybe as an identifier)."""
    return info.kind is None and info.secret is None and not (
        info.person_noun or info.bare_number or info.document)


@lru_cache(maxsize=1 << 14)
def _quiet(value: str) -> bool:
    """Nothing in ``value`` (not empty) could be personal or secret, the policy's literal secrets
    aside; remembered per value, as a form's or a query's parameter names repeat in every
    message."""
    return value[0] != "<" and (  # an XML document may hold a name no candidate pattern sees
        _is_short(value) or _CANDIDATE.search(value) is None
        or _ORDINARY.fullmatch(value) is not None) and not _maybe_base64(value) \
        and not maybe_encoded_text(value)


remembers(_quiet.cache_clear)


def _is_short(value: str) -> bool:
    """Under five characters and with no role word, verb or addressee mark pointing at a name
    ("送给张利", "张利收"): nothing in it could be personal (the cues are all Chinese)."""
    return len(value) < 5 and (
        value.isascii() or (value[0] not in _SHORT_CUE_FIRST and value[-1] not in _SHORT_CUE_LAST)
        or not short_name_cue(value))
