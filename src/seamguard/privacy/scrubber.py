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

from collections.abc import Callable, Mapping
from typing import Any

from seamguard.privacy.holders import HELD_NAME, REF_NAME, holds_person, valued_by_holder
from seamguard.privacy.json_settle import settle
from seamguard.privacy.json_text import (
    BIG,
    Edit,
    dump_json,
    fast_loads,
    literal_count,
    load_json,
    write_back,
)
from seamguard.privacy.kinds import Kind
from seamguard.privacy.policy import KeyInfo, PrivacyPolicy
from seamguard.privacy.record_keys import _NAMED_BY, _namer, listed_names
from seamguard.privacy.records import _Plan
from seamguard.privacy.settled_walk import (
    SettledWalk,
    _scalar_matters,
    _wrapped_string,
    whole_float_matters,
)
from seamguard.privacy.tables import request_columns
from seamguard.privacy.text_nested import _TOO_DEEP
from seamguard.privacy.text_scrub import (
    _NAME_INFO,
    _NOTHING,
    _PERSON_NAME,
    _PLAIN,
    Hit,
    Replacer,
    _Cached,
    looks_secret,
)

__all__ = ["Hit", "Replacer", "Scrubber", "dump_json", "load_json", "looks_secret"]


class Scrubber(SettledWalk):
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
        super().__init__(policy, replacer, on_hit=on_hit)
        self._plans = {}
        self._person_keys = set()
        self._pairs = {}
        self._tables = {}
        self._settled = {}
        self._contexts = {}
        # the compiled walk (seamguard.privacy.json_settle) where it is built (with pointers
        # tracked, it builds the pointers of what it hands back; see settled_walk)
        self._compiled = settle is not None
        # column names the request asked for: a JSON answer's bare rows follow them (Kingdee's
        # ExecuteBillQuery); set by the HTTP scrubber for one response, or read from the
        # request it names only when an answer holds rows (most hold none)
        self._columns: list[str] | None = None
        self._columns_from: bytes | str | None = None
        self._literals = 0  # string literals visited by the current JSON walk
        self._exact = False  # the current JSON walk met a number whose spelling matters

    # --- public -----------------------------------------------------------------------------

    @property
    def columns(self) -> list[str] | None:
        """The column names the current answer's bare rows follow, or None."""
        if self._columns_from is not None:
            self._columns, self._columns_from = request_columns(self._columns_from), None
        return self._columns

    @columns.setter
    def columns(self, names: list[str] | None) -> None:
        self._columns, self._columns_from = names, None

    def expect_columns_of(self, request_body: bytes | str | None) -> None:
        """The next answer's bare rows follow the columns ``request_body`` names
        (:func:`~seamguard.privacy.tables.request_columns`, read when an answer has rows)."""
        self._columns, self._columns_from = None, request_body or None

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
            self._expect_rows(parsed)
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
        parsed = load_json(text)
        self._expect_rows(parsed)
        rebuilt = self._walk_into(parsed, "", [])
        return None if rebuilt is _TOO_DEEP else dump_json(rebuilt)

    def _expect_rows(self, parsed: Any) -> None:
        """Rows of the answer (the document itself, or an array right under it) that follow
        the columns the request named, read as records of those names."""
        if self._columns is None and self._columns_from is None:
            return
        tables = [rows for rows in ([parsed] if type(parsed) is list else [
            item for item in parsed.values() if type(item) is list] if type(parsed) is dict
            else []) if any(type(row) is list for row in rows)]
        columns = self.columns if tables else None
        if not columns:
            return
        for rows in tables:
            if any(type(row) is list and len(row) == len(columns) for row in rows):
                self._tables[id(rows)] = columns

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
        columns = self._tables.pop(id(value), None)
        row = self._row_names(value, info)
        if self._compiled and columns is None and not row:
            return self._settled_walk(value, self._context(info), pointer, edits)
        rekeyed = False
        track = self._track
        cache = self._cache_for(info)
        for index, item in enumerate(value):
            if columns is not None and type(item) is list and len(item) == len(columns):
                self._literals += sum(type(cell) is str for cell in item)
                scrubbed = self._row(item, columns, f"{pointer}/{index}" if track else "")
                edits.extend((item, at, old, new) for at, (old, new)
                             in enumerate(zip(item, scrubbed, strict=True)) if new != old)
                continue
            kind = type(item)
            if kind is str:
                self._literals += 1
                if cache.get(item) is _NOTHING and index not in row:
                    continue
            child = f"{pointer}/{index}" if track else ""
            if kind is str:
                new = self._text(item, HELD_NAME if row is REF_NAME else _NAME_INFO,
                                 child) if index in row \
                    else self._text(item, info, child, cache)
                if new != item:
                    edits.append((value, index, item, new))
            elif kind is dict and info.kind is not None and _wrapped_string(item):
                new = self._text(item["value"], info, child + "/value" if track else "")
                if new != item["value"]:
                    edits.append((item, "value", item["value"], new))
            elif kind is dict:
                rekeyed = self._collect_object(item, child, edits, info) or rekeyed
            elif kind is list:
                # (a jCard name's parts: ["n", {}, "text", ["王", "芳", "", "", ""]])
                inner = _NAME_INFO if index in row and row is not REF_NAME else info
                rekeyed = self._collect_list(item, inner, child, edits) or rekeyed
            elif kind is float and not whole_float_matters(item, info, self._secrets):
                if info.secret == "always" or info.kind is Kind.LOCATION \
                        or not -BIG < item < BIG:
                    self._exact = True  # its spelling is needed: parse again keeping it
            elif kind is float or _scalar_matters(item, kind, info, self._secrets):
                new = self._value(item, info, child)
                if new is not item:
                    edits.append((value, index, item, new))
        return rekeyed

    def _collect_object(self, value: dict[Any, Any], pointer: str, edits: list[Edit],
                        holder: KeyInfo = _PLAIN) -> bool:
        plan = self._plan(value, holds_person(holder), valued_by_holder(value, holder))
        if plan.table:
            self._note_table(value)
        bare = self._names_by_company(value, plan)
        if not plan.special and not bare:
            return self._collect_plain_object(value, plan, pointer, edits)
        done = self._name_pair(value, plan, pointer) \
            if plan.family is not None and plan.given is not None else None
        if self._compiled:
            return self._settled_object(value, plan, bare, done, pointer, edits)
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
            if info.person_name and plan.person and ((kind is str and (
                    plan.person == "names" or _PERSON_NAME.match(item.strip())))
                    or listed_names(item)):
                info, cache = _NAME_INFO, None
            if plan.named and key in _NAMED_BY and (namer := _namer(value, key)) is not None \
                    and self.key(namer) != _PLAIN:
                info, cache = self.key(namer), None
            if kind is str and care:
                self._literals += 1
                if not scan_key and cache is not None and cache.get(item) is _NOTHING:
                    continue  # seen before under this key meaning: nothing in it
            child = f"{pointer}/{escaped}" if track else ""
            if scan_key and self._key_text(key, child) != key:
                rekeyed = True
            if kind is str:
                new = self._text(item, info, child, cache)
                if new != item:
                    edits.append((value, key, item, new))
            elif kind is dict and info.kind is not None and _wrapped_string(item):
                new = self._text(item["value"], info, child + "/value" if track else "")
                if new != item["value"]:
                    edits.append((item, "value", item["value"], new))
            elif kind is dict:
                rekeyed = self._collect_object(item, child, edits, info) or rekeyed
            elif kind is list:
                rekeyed = self._collect_list(item, info, child, edits) or rekeyed
            elif kind is float and not whole_float_matters(item, info, self._secrets):
                if info.secret == "always" or info.kind is Kind.LOCATION \
                        or not -BIG < item < BIG:
                    self._exact = True  # its spelling is needed: parse again keeping it
            elif kind is float or _scalar_matters(item, kind, info, self._secrets):
                new = self._value(item, info, child)
                if new is not item:
                    edits.append((value, key, item, new))
        return rekeyed

    def _collect_plain_object(self, value: dict[Any, Any], plan: _Plan, pointer: str,
                              edits: list[Edit]) -> bool:
        """:meth:`_collect_object` for the common objects: no name pair, no ``name`` key that
        depends on its siblings, no key named by another, no key that itself holds anything."""
        if self._compiled:
            return self._settled_walk(value, self._settled_plan(value, plan), pointer, edits)
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
            elif kind is dict and info.kind is not None and _wrapped_string(item):
                new = self._text(item["value"], info,
                                 f"{pointer}/{escaped}/value" if track else "")
                if new != item["value"]:
                    edits.append((item, "value", item["value"], new))
            elif kind is dict:
                if self._collect_object(item, f"{pointer}/{escaped}" if track else "", edits,
                                        info):
                    rekeyed = True
            elif kind is list:
                if self._collect_list(item, info, f"{pointer}/{escaped}" if track else "",
                                      edits):
                    rekeyed = True
            elif kind is float and not whole_float_matters(item, info, self._secrets):
                if info.secret == "always" or info.kind is Kind.LOCATION \
                        or not -BIG < item < BIG:
                    self._exact = True  # its spelling is needed: parse again keeping it
            elif kind is float or _scalar_matters(item, kind, info, self._secrets):
                new = self._value(item, info, f"{pointer}/{escaped}" if track else "")
                if new is not item:
                    edits.append((value, key, item, new))
        self._literals += len(value) + strings
        return rekeyed
