"""The JSON walk of :class:`~seamguard.privacy.scrubber.Scrubber` through the compiled walk
(:mod:`seamguard.privacy.json_settle`): what needs no Python is done there, and every value it
hands back gets the body of the loop it would have met in Python, in the same order, so edits,
hits, literal counts and caches come out as the Python loops leave them. Used when the
accelerator is built; when pointers are tracked (``privacy scan``) the compiled walk builds the
pointer of each value it hands back, and takes no hit from a cache (the Python body does, in
walk order)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seamguard.privacy.json_settle import (
    DEFER,
    PLAIN_FIRST,
    Context,
    context_flags,
    may_name,
    settle,
)
from seamguard.privacy.json_text import BIG, Edit, Number
from seamguard.privacy.kinds import Kind
from seamguard.privacy.policy import KeyInfo
from seamguard.privacy.record_keys import _NAMED_BY, _namer, listed_names
from seamguard.privacy.records import RecordScrubber, _Plan
from seamguard.privacy.text_scrub import _NAME_INFO, _NOTHING, _PERSON_NAME, _PLAIN

__all__ = ["SettledWalk"]

_SettledPlan = tuple[tuple[Context, ...], tuple[int, ...]]


class SettledWalk(RecordScrubber):
    """The compiled walk's side of the JSON walk (see the module docstring)."""

    # the plans of plain objects as the compiled walk reads them, by their keys
    _settled: dict[tuple[Any, ...], _SettledPlan]
    _contexts: dict[int, Context]  # a list's items' context, by its key meaning's id
    _literals: int
    _exact: bool
    _compiled: bool

    def _collect_object(self, value: dict[Any, Any], pointer: str, edits: list[Edit],
                        holder: KeyInfo = _PLAIN) -> bool:
        raise NotImplementedError

    def _collect_list(self, value: list[Any], info: KeyInfo, pointer: str,
                      edits: list[Edit]) -> bool:
        raise NotImplementedError

    def _context(self, info: KeyInfo) -> Context:
        """The context of a list's items under a key meaning (this very object: key meanings
        that compare equal share a cache, but ``_PLAIN`` itself is read differently)."""
        context = self._contexts.get(id(info))
        if context is None:
            if len(self._contexts) >= 4096:
                self._contexts.clear()
            # (the context holds the meaning, so its id stays its own while it is kept)
            context = self._contexts[id(info)] = (info, self._cache_for(info),
                                                  self._flags(info), "")
        return context

    def _flags(self, info: KeyInfo) -> int:
        # Under _PLAIN itself, strings nothing could touch are passed before the cache is
        # read: a replacement remembered under an equal meaning is not this one's.
        return context_flags(info, self._secrets) | (PLAIN_FIRST if info is _PLAIN else 0)

    def _settled_plan(self, value: dict[Any, Any], plan: _Plan) -> _SettledPlan:
        """A plain object's plan as the compiled walk reads it (kept with the plan, and by its
        keys while the plan is remembered)."""
        settled = plan.settled
        if settled is None:
            settled = plan.settled = (tuple(
                (info, cache, self._flags(info), escaped)
                for _key, info, escaped, _scan, cache in plan.entries), plan.bare)
            keys = tuple(value)
            if self._plans.get(keys) is plan and len(self._settled) < 4096:
                self._settled[keys] = settled
        return settled

    def _settled_walk(self, node: dict[Any, Any] | list[Any], context: Any, pointer: str,
                      edits: list[Edit]) -> bool:
        """The plain loops over ``node``: the compiled walk does what needs no Python, and each
        value it hands back gets the loops' own body."""
        return self._deferred(self._settle(node, context, pointer, edits)[2], edits)

    def _settle(self, node: dict[Any, Any] | list[Any], context: Any, pointer: str,
                edits: list[Edit]) -> tuple[int, bool, list[tuple[Any, ...]]]:
        assert settle is not None
        # (hits of remembered replacements go straight into a collecting sink: without pointers
        # and without on_hit, their order within a document is read by no one; with pointers,
        # every string not remembered as harmless is handed back, and its hits come in order)
        if self._track:
            literals, exact, deferred = settle(node, context, self._settled, _NOTHING,
                                               self._tables, edits, None, pointer)
        else:
            literals, exact, deferred = settle(node, context, self._settled, _NOTHING,
                                               self._tables, edits, self._sink)
        self._literals += literals
        if exact:
            self._exact = True
        return literals, exact, deferred

    def _deferred(self, deferred: list[tuple[Any, ...]], edits: list[Edit]) -> bool:
        rekeyed = False
        if self._track:
            for container, slot, item, (info, cache, _flags, _escaped), child in deferred:
                if self._plain_item(container, slot, item, info, cache, edits, child):
                    rekeyed = True
            return rekeyed
        for container, slot, item, (info, cache, _flags, _escaped) in deferred:
            if self._plain_item(container, slot, item, info, cache, edits):
                rekeyed = True
        return rekeyed

    def _plain_item(self, container: Any, slot: Any, item: Any, info: KeyInfo,
                    cache: dict[str, Any] | None, edits: list[Edit], child: str = "") -> bool:
        """The plain loops' body for one value (its literal already counted) at ``child``."""
        kind = type(item)
        if kind is str:
            new = self._text(item, info, child, cache)
            if new != item:
                edits.append((container, slot, item, new))
        elif kind is dict and info.kind is not None and _wrapped_string(item):
            new = self._text(item["value"], info, child + "/value" if self._track else "")
            if new != item["value"]:
                edits.append((item, "value", item["value"], new))
        elif kind is dict:
            return self._collect_object(item, child, edits, info)
        elif kind is list:
            return self._collect_list(item, info, child, edits)
        elif kind is float and not whole_float_matters(item, info, self._secrets):
            if info.secret == "always" or info.kind is Kind.LOCATION \
                    or not -BIG < item < BIG:
                self._exact = True
        elif kind is float or _scalar_matters(item, kind, info, self._secrets):
            new = self._value(item, info, child)
            if new is not item:
                edits.append((container, slot, item, new))
        return False

    def _names_by_company(self, value: Mapping[Any, Any], plan: _Plan) -> frozenset[Any]:
        """:meth:`_bare_names`, passed over (compiled) where it cannot find a name."""
        if self._compiled and plan.bare and may_name is not None and type(value) is dict \
                and not may_name(
                value, (self._special_plan(plan)[0], plan.bare), _NOTHING):
            return frozenset()
        return self._bare_names(value, plan)

    def _settled_object(self, value: dict[Any, Any], plan: _Plan, bare: frozenset[Any],
                        done: dict[Any, str] | None, pointer: str, edits: list[Edit]) -> bool:
        """An object that is more than each value by its own key (a name pair, a key named by
        a sibling, a name by its company, a key that itself holds something): the compiled walk
        takes its other values, and hands back the ones that need the object's reading."""
        contexts, scans = self._special_plan(plan)
        if bare:
            # (the same few sets of names recur per key set: their contexts are kept with it)
            named = plan.settled_named
            if named is None:
                named = plan.settled_named = {}
            deferring = named.get(bare)
            if deferring is None:
                deferring = tuple((context[0], context[1], context[2] | DEFER, context[3])
                                  if key in bare else context
                                  for key, context in zip(value, contexts, strict=True))
                if len(named) < 16:
                    named[bare] = deferring
            contexts = deferring
        _literals, _exact, deferred = self._settle(value, (contexts, ()), pointer, edits)
        rekeyed = False
        for container, slot, item, (info, cache, flags, _escaped), *at in deferred:
            child = at[0] if at else ""
            if container is value and flags & DEFER:
                care = scans[slot][1] or slot in bare
                if self._special_item(value, plan, slot, item, info, cache, scans[slot][0],
                                      care, done, bare, edits, child):
                    rekeyed = True
            elif self._plain_item(container, slot, item, info, cache, edits, child):
                rekeyed = True
        return rekeyed

    def _special_plan(self, plan: _Plan) -> tuple[tuple[Context, ...],
                                                  dict[Any, tuple[bool, bool]]]:
        special = plan.settled_special
        if special is None:
            special = plan.settled_special = (tuple(
                (info, cache, self._flags(info) | (DEFER if care else 0),
                 escaped)
                for (_key, info, escaped, _scan, cache), care in zip(
                    plan.entries, plan.care, strict=True)), {
                key: (scan, care) for (key, _info, _escaped, scan, _cache), care in zip(
                    plan.entries, plan.care, strict=True)})
        return special

    def _special_item(self, value: dict[Any, Any], plan: _Plan, key: Any, item: Any,
                      info: KeyInfo, cache: dict[str, Any] | None, scan_key: bool, care: bool,
                      done: dict[Any, str] | None, bare: frozenset[Any], edits: list[Edit],
                      child: str = "") -> bool:
        """``Scrubber._collect_object``'s loop body for one value (its literal counted) at
        ``child``."""
        kind = type(item)
        if bare and key in bare:
            info, cache, care = _NAME_INFO, None, True
        if not care and kind is str and cache is not None and cache.get(item) is _NOTHING:
            return False
        if done and key in done:
            if done[key] != item:
                edits.append((value, key, item, done[key]))
            return False
        if info.person_name and plan.person and ((kind is str and (
                plan.person == "names" or _PERSON_NAME.match(item.strip())))
                or listed_names(item)):
            info, cache = _NAME_INFO, None
        if plan.named and key in _NAMED_BY and (namer := _namer(value, key)) is not None \
                and self.key(namer) != _PLAIN:
            info, cache = self.key(namer), None
        if kind is str and care and not scan_key and cache is not None \
                and cache.get(item) is _NOTHING:
            return False
        rekeyed = scan_key and self._key_text(key, child) != key
        if kind is str:
            new = self._text(item, info, child, cache)
            if new != item:
                edits.append((value, key, item, new))
        elif kind is dict and info.kind is not None and _wrapped_string(item):
            new = self._text(item["value"], info, child + "/value" if self._track else "")
            if new != item["value"]:
                edits.append((item, "value", item["value"], new))
        elif kind is dict:
            rekeyed = self._collect_object(item, child, edits, info) or rekeyed
        elif kind is list:
            rekeyed = self._collect_list(item, info, child, edits) or rekeyed
        elif kind is float and not whole_float_matters(item, info, self._secrets):
            if info.secret == "always" or info.kind is Kind.LOCATION \
                    or not -BIG < item < BIG:
                self._exact = True
        elif kind is float or _scalar_matters(item, kind, info, self._secrets):
            new = self._value(item, info, child)
            if new is not item:
                edits.append((value, key, item, new))
        return rekeyed



def _wrapped_string(item: Mapping[Any, Any]) -> bool:
    """A protobuf wrapper as JSON (``{"value": "…"}``: ``google.protobuf.StringValue``): its
    string means what the key holding the wrapper says."""
    return len(item) == 1 and type(item.get("value")) is str


def whole_float_matters(value: float, info: KeyInfo, secrets: tuple[str, ...]) -> bool:
    """A float holding a whole number of seven digits or more (a phone or card number read as
    a float: pandas, a spreadsheet, ``13812345678.0``) matters as that int would."""
    return (value >= 1_000_000 or value <= -1_000_000) and -BIG < value < BIG \
        and value.is_integer() and _scalar_matters(int(value), int, info, secrets)


def _scalar_matters(value: Any, kind: type, info: KeyInfo, secrets: tuple[str, ...]) -> bool:
    """Whether :meth:`Scrubber._value` could replace a number, boolean or null (a float is
    one when it was parsed keeping its spelling)."""
    if kind is int:
        if info.kind is not None or info.secret == "always" or secrets:
            return True
        # A bare digit run under an identifier key is an id, never a phone, card or ID number.
        return (value >= 1_000_000 and (not info.identifier or info.bare_number)) \
            or value <= -1_000_000
    return kind is Number and (info.secret == "always" or info.kind is Kind.LOCATION
                               or whole_float_matters(value, info, secrets))
