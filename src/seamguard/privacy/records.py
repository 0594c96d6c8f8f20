"""JSON-like values walked as records: what a key means, which siblings describe one person.

An object's keys are read once per key set (a :class:`_Plan`): a family and a given name side by
side are replaced together, a ``value`` named by its sibling ``type`` takes that meaning, and a
Chinese name on no list counts as a name when a phone, an e-mail, an ID number or an address sits
beside it (the object describes a person). A row of scalars is read the same way. What single
keys and cells say (name shapes, address and phone parts) is read from
:mod:`seamguard.privacy.record_keys`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from seamguard.privacy.detect import (
    _SHORT_CUE_FIRST,
    _SHORT_CUE_LAST,
    Kind,
    is_bare_name,
    short_name_cue,
)
from seamguard.privacy.free_text_names import free_text_key, names_products, whole_name
from seamguard.privacy.holders import (
    HELD_NAME,
    REF_NAME,
    holds_person,
    unwrapped,
    valued_by_holder,
)
from seamguard.privacy.json_text import BIG, Number
from seamguard.privacy.mask import is_masked, mask_name
from seamguard.privacy.names import _ordinary_words
from seamguard.privacy.policy import KeyInfo
from seamguard.privacy.record_keys import (
    _CJK_START,
    _LATIN_PERSON,
    _LOCAL_NUMBER,
    _NAMED_BY,
    _PERSON_CONTEXT,
    _STREET_LINE,
    _han_first,
    _keyed_by_person,
    _latin_person,
    _name_length,
    _namer,
    _names_a_thing,
    _region_key,
    _street_part,
    listed_names,
    local_number_keys,
)
from seamguard.privacy.tables import is_header_key, table_columns
from seamguard.privacy.text_scrub import (
    _CACHE_LIMIT,
    _CANDIDATE,
    _NAME_INFO,
    _PERSON_NAME,
    _PLACEHOLDERS,
    _PLAIN,
    Hit,
    TextScrubber,
    _Cached,
)

__all__ = ["RecordScrubber", "listed_names", "valued_by_holder"]


_HELD = object()  # marks the plans of held objects among the plans by key set
_VALUED = object()  # marks the plans of objects whose ``value`` their holder names




def _real_name(value: str) -> bool:
    return value.strip().lower() not in _PLACEHOLDERS and not is_masked(value)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")




# jCard's properties that hold a person's name (the formatted name, the name's parts)
_JCARD_NAMES = frozenset({"fn", "n"})


def _jcard_name(value: list[Any] | tuple[Any, ...]) -> bool:
    """``value`` is a jCard name property: its name, its parameters, its value type, its
    value."""
    return (len(value) >= 4 and type(value[0]) is str and value[0].lower() in _JCARD_NAMES
            and type(value[1]) is dict and type(value[2]) is str)


class RecordScrubber(TextScrubber):
    """Walks JSON-like values, reading objects and rows as records (see :class:`_Plan`)."""

    _plans: dict[tuple[Any, ...], _Plan]
    # keys that are people's names keying their records (see _keyed_by_person)
    _person_keys: set[Any]
    # family / given name pairs: None when they are the replacer's own, else replaced
    _pairs: dict[tuple[str, str], tuple[str | None, str | None]]
    # rows of a table met in the current walk (by the identity of their list): column names
    _tables: dict[int, list[str]]


    def _value(self, value: Any, info: KeyInfo, pointer: str) -> Any:
        kind = type(value)
        if kind is str:
            return self._text(value, info, pointer)
        if kind is dict or isinstance(value, Mapping):
            if info.kind is not None and len(value) == 1 and type(value.get("value")) is str:
                # a protobuf wrapper (``{"value": "…"}``): the key holding it says what it is
                return {"value": self._text(value["value"], info,
                                            f"{pointer}/value" if self._track else "")}
            return self._object(value, pointer, info)
        if kind is list or isinstance(value, list | tuple):
            columns = self._tables.pop(id(value), None)
            if columns is not None:
                return [self._row(item, columns, f"{pointer}/{index}" if self._track else "")
                        if type(item) is list and len(item) == len(columns)
                        else self._value(item, info, f"{pointer}/{index}" if self._track else "")
                        for index, item in enumerate(value)]
            row = self._row_names(value, info)
            if row:
                name = HELD_NAME if row is REF_NAME else _NAME_INFO
                return [self._value(item, name if index in row else info,
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
        if kind is Number and (info.secret == "always" or info.kind is Kind.LOCATION):
            return self._number(value, value.text, info, pointer)
        if kind is float and info.kind is Kind.LOCATION:
            # a position held as a float (a record, not a parsed document): its digits
            text = repr(value)
            scrubbed = self._text(text, info, pointer)
            if scrubbed == text:
                return value
            try:
                return float(scrubbed)
            except ValueError:
                return scrubbed  # (a mask)
        if (kind is float or kind is Number) and value.is_integer() \
                and abs(value) >= 1_000_000 and -BIG < value < BIG:
            # a phone or card number read as a float (pandas, a spreadsheet, 13812345678.0):
            # its digits; a pseudonym stays a number
            text = str(int(value))
            scrubbed = self._text(text, info, pointer)
            if scrubbed == text:
                return value
            return (Number(f"{scrubbed}.0") if kind is Number else float(scrubbed)) \
                if scrubbed.isdigit() and len(scrubbed) <= 15 else scrubbed
        return value

    def _number(self, value: Any, text: str, info: KeyInfo, pointer: str) -> Any:
        scrubbed = self._text(text, info, pointer)
        if scrubbed == text:
            return value
        if isinstance(value, Number) and info.kind is Kind.LOCATION:
            try:
                return Number(scrubbed)  # (a pseudonymised position stays a number)
            except ValueError:
                return scrubbed  # (a mask)
        return int(scrubbed) if scrubbed.isdigit() and not isinstance(value, Number) else scrubbed

    def _plan(self, value: Mapping[Any, Any], held: bool = False,
              valued: KeyInfo | None = None) -> _Plan:
        """The plan of objects with ``value``'s keys; ``held``: the object is held under a key
        naming a person ({"Owner": {"name": …, "id": …}}, see :mod:`seamguard.privacy.holders`);
        ``valued``:
        the meaning of the key holding an object with a ``value`` beside other members (see
        :func:`valued_by_holder`)."""
        keys = tuple(value)
        cached = (_VALUED, valued, *keys) if valued is not None else \
            (_HELD, *keys) if held else keys
        plan = self._plans.get(cached)
        if plan is None:
            infos = {key: self.key(key) if isinstance(key, str) else _PLAIN for key in keys}
            if valued is not None and infos.get("value") == _PLAIN:
                # (HubSpot's {"phone": [{"value": …, "timestamp": …, "sourceType": …}]})
                infos["value"] = valued
            if held:
                infos = {key: HELD_NAME if info.person_name and info.kind is None
                         and not info.allowed else info for key, info in infos.items()}
            if all(info == _PLAIN for info in infos.values()):
                self._person_keys.update(key for key in keys if _keyed_by_person(key, value))
            if len(keys) >= 3 and sum(_region_key(key) for key in keys) >= 2:
                # an address split in parts ({"province", "city", "district", "detail"}): the
                # part below the district is the street line
                infos = {key: _STREET_LINE if _street_part(key) and infos[key].kind is None
                         and infos[key].secret is None else info for key, info in infos.items()}
            local = local_number_keys(keys) if len(keys) >= 2 else frozenset()
            if local:
                # a phone split in parts ({"zone": "0755", "number": "26881234", "extension":
                # "8001"}): the local number is a phone's
                infos = {key: _LOCAL_NUMBER if key in local and infos[key].kind is None
                         and infos[key].secret is None else info for key, info in infos.items()}
            plan = _Plan(
                # (a person's name keying a record is shown masked in the pointers below it)
                entries=tuple((key, infos[key], _escape(
                    mask_name(key) if key in self._person_keys else str(key)),
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
            plan.table = any(isinstance(key, str) and is_header_key(key) for key in keys)
            plan.special = any(plan.care) or plan.table
            plan.bare = tuple(
                index for index, (key, info, _, _, _) in enumerate(plan.entries)
                if info.kind is None and info.secret is None and not info.identifier
                and not info.allowed and (not _names_a_thing(key) or free_text_key(key)))
            if len(self._plans) < 4096:
                self._plans[cached] = plan
        return plan

    def _key_may_hold(self, key: Any, info: KeyInfo) -> bool:
        """Whether an object key needs scanning on every visit: a key that holds nothing now
        holds nothing later (the policy and the replacer are fixed)."""
        if key in self._person_keys:
            return True
        if not isinstance(key, str) or len(key) < 7 or info.allowed:
            return False
        saved, self._sink = self._sink, []
        try:
            return self._text(key, _PLAIN, "") != key or bool(self._sink)
        finally:
            self._sink = saved

    def _key_text(self, key: Any, pointer: str) -> Any:
        """An object key as it is stored: a person's name keying their record is one (found
        at the object holding it: ``pointer`` without its last part)."""
        if key in self._person_keys:
            return self._text(key, _NAME_INFO, pointer.rpartition("/")[0])
        return self._text(key, _PLAIN, pointer)

    def _object(self, value: Mapping[Any, Any], pointer: str,
                holder: KeyInfo = _PLAIN) -> dict[Any, Any]:
        plan = self._plan(value, holds_person(holder), valued_by_holder(value, holder))
        if plan.table:
            self._note_table(value)
        done = self._name_pair(value, plan, pointer) \
            if plan.family is not None and plan.given is not None else None
        track = self._track
        bare = self._names_by_company(value, plan)
        result: dict[Any, Any] = {}
        for key, info, escaped, scan_key, _cache in plan.entries:
            item = value[key]
            if done and key in done:
                result[key] = done[key]
                continue
            if bare and key in bare:
                info = _NAME_INFO
            if info.person_name and plan.person and (
                    (type(item) is str and (
                        plan.person == "names" or _PERSON_NAME.match(item.strip())))
                    or listed_names(item)):
                info = _NAME_INFO
            if plan.named and key in _NAMED_BY and (namer := _namer(value, key)) is not None \
                    and self.key(namer) != _PLAIN:
                info = self.key(namer)
            child = f"{pointer}/{escaped}" if track else ""
            new_key = self._key_text(key, child) if scan_key else key
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

    def _note_table(self, value: Mapping[Any, Any]) -> None:
        """Remember the rows of a table ``value`` holds, with their column names (see
        :mod:`seamguard.privacy.tables`), for when the walk reaches them."""
        found = table_columns(value)
        if found is not None:
            if len(self._tables) > 256:
                self._tables.clear()
            self._tables[id(value[found[0]])] = found[1]

    def _row(self, row: list[Any], columns: list[str], pointer: str) -> list[Any]:
        """One row of a table, read as the record of its column names."""
        scrubbed = self._object(dict(zip(columns, row, strict=True)), pointer)
        return [scrubbed[name] for name in columns]

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

    def _names_by_company(self, value: Mapping[Any, Any], plan: _Plan) -> frozenset[Any]:
        """:meth:`_bare_names` (screened first where the compiled walk is built)."""
        return self._bare_names(value, plan)

    def _bare_names(self, value: Mapping[Any, Any], plan: _Plan) -> frozenset[Any]:
        """Keys on no list whose value is shaped like a Chinese or a Latin name, in an object
        that also holds a phone, an e-mail, an ID number or an address (by key or by content):
        the object describes a person, and the name beside the phone is theirs
        (``{"lianxi": "王五", "dh": "13812345678"}``, ``{"who": "Josette Picard", "mail": …}``)."""
        if not plan.bare:
            return frozenset()
        screen = plan.bare_screen
        if screen is None:
            screen = plan.bare_screen = _bare_screen(plan)
        free_text, siblings = screen
        # (a form's widgets keep each value in a wrapper, {"_widget_…": {"value": "王五"}})
        values = tuple(value.values())
        candidates: dict[int, str] = {}
        for index, free in zip(plan.bare, free_text, strict=True):
            item = values[index]
            if type(item) is dict:
                item = unwrapped(item)
            if type(item) is not str:
                continue
            if free:
                # (a remark's whole value, read strictly: seamguard.privacy.free_text_names)
                if (whole_name(item) or _latin_person(item)) and not names_products(value):
                    candidates[index] = item
            # two to four Chinese characters (blanks around them allowed)
            elif (_name_length(item) and (
                    "\u4e00" <= item[0] <= "\u9fff" or item[0] >= "\U00020000"
                    or (item[0].isspace() and _CJK_START.match(item))))\
                    or _latin_person(item):
                # (a Latin one starts with a given name some locale knows: not "Invoice
                # March")
                candidates[index] = item
        if not candidates:
            return frozenset()
        for index, info, by_key in siblings:
            if index in candidates:
                continue
            if by_key:
                break
            item = values[index]
            if type(item) is dict:
                item = unwrapped(item)
            kind = type(item)
            if ((kind is str or kind is int) and self._holds_contact(str(item), info)) or (
                    kind is dict and self._contact_object(item)) or (
                    # (a list of them: WeCom's "remark_mobiles": ["139…"])
                    kind is list and any(type(part) is str and self._holds_contact(part, info)
                                         for part in item[:4])):
                break
        else:
            return frozenset()
        return frozenset(plan.entries[index][0] for index, item in candidates.items()
                         if is_bare_name(item) or not _han_first(item.lstrip()))

    def _row_names(self, value: list[Any] | tuple[Any, ...], info: KeyInfo) -> frozenset[int]:
        """A row of scalars (Kingdee's arrays in ``FieldKeys`` order, a CSV row as JSON) is a
        record too: a name-shaped string beside a phone, e-mail, ID number or address in it.
        A jCard property (RFC 7095: ``["fn", {}, "text", "王芳"]``) names its field first."""
        if _jcard_name(value):
            return frozenset(range(3, len(value)))
        if info.person_ref and len(value) == 2 and type(value[0]) is int \
                and type(value[1]) is str:
            # (Odoo's many2one: {"partner_id": [42, "王五"]}, read as a held name is)
            return REF_NAME
        if info.kind is not None or info.secret is not None or info.identifier \
                or info.allowed or not 2 <= len(value) <= 64:
            return frozenset()
        latin = [index for index, item in enumerate(value) if type(item) is str
                 and _LATIN_PERSON.fullmatch(item) and not _ordinary_words(item)]
        if not latin and not any(
                type(item) is str and _name_length(item) and _han_first(item)
                for item in value):
            return frozenset()
        if any(isinstance(item, dict | list) for item in value):
            return frozenset()
        found = self._bare_names(dict(enumerate(value)), self._plan(dict(enumerate(value))))
        if latin and any(index not in latin and type(item) in (str, int) and self._holds_contact(
                str(item), _PLAIN) for index, item in enumerate(value)):
            # (a Latin name beside a phone, an e-mail, an ID number or an address in one row)
            found |= frozenset(latin)
        return found

    def _contact_object(self, value: Mapping[Any, Any]) -> bool:
        """An object member that is itself a contact: a phone widget's ``{"phone": …,
        "verified": false}``, an address's parts (one level down, by key or by content)."""
        if len(value) == 1 and type(value.get("value")) is dict:
            value = value["value"]  # (as a widget wraps it)
        if len(value) > 16:
            return False
        for key, item in value.items():
            info = self.key(key) if isinstance(key, str) else _PLAIN
            if info.secret is not None:
                continue
            if (info.kind in _PERSON_CONTEXT and type(item) is str and item) or (
                    type(item) is str and self._holds_contact(item, info)):
                return True
        return False

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
    table: bool = False  # a key may name the columns of rows beside it (seamguard.privacy.tables)
    # a plain object's plan as the compiled walk reads it (seamguard.privacy.json_settle)
    settled: tuple[tuple[Any, ...], tuple[int, ...]] | None = None
    # a special object's contexts for the compiled walk, and each key's (scan, care)
    settled_special: tuple[tuple[Any, ...], dict[Any, tuple[bool, bool]]] | None = None
    # those contexts with the values of the keys named (a set of names by their company) deferred
    settled_named: dict[frozenset[Any], tuple[Any, ...]] | None = None
    # what _bare_names reads of the keys alone (see _bare_screen)
    bare_screen: tuple[tuple[bool, ...], tuple[tuple[int, KeyInfo, bool], ...]] | None = None


def _bare_screen(plan: _Plan) -> tuple[tuple[bool, ...], tuple[tuple[int, KeyInfo, bool], ...]]:
    """What :meth:`RecordScrubber._bare_names` reads of an object's keys alone: per bare
    entry, whether its key names free text; the siblings that may say the object describes a
    person, in order (a key naming a contact kind says so by itself; a key naming a secret
    never does), each with its meaning and whether its key alone says so."""
    free_text = tuple(free_text_key(plan.entries[index][0]) for index in plan.bare)
    siblings = tuple((index, info, info.kind in _PERSON_CONTEXT)
                     for index, (_key, info, _escaped, _scan, _cache) in enumerate(plan.entries)
                     if info.kind in _PERSON_CONTEXT or info.secret is None)
    return free_text, siblings
