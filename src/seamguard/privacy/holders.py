"""What the key holding an object or a list says about what it holds: a person's or an actor's
object ({"Owner": {"name": …}}), a widget keeping its value beside metadata ({"mobile":
{"value": …, "verified": false}}), a widget under a person's key ({"receiver": [{"value":
"王五"}]}), an ``[id, "display name"]`` pair under an id of a person's record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seamguard.privacy.key_rules import KeyInfo
from seamguard.privacy.kinds import Kind

__all__ = ["HELD_NAME", "REF_NAME", "holds_person", "unwrapped", "valued_by_holder"]

# A person's or an actor's object: a plain ``name`` in an object held under a key naming a
# person ({"Modified_By": {"name": "王建国", "id": "…"}}, {"Owner": {"Name": "Li Wei"}},
# {"customer": {"name": …}}) is read as that key reads a value (policy's person nouns): a
# name-shaped value is the person's name, a company or a system account stays. Elsewhere a bare
# ``name`` is read by its siblings (a product's, a company's, a file's).
HELD_NAME = KeyInfo(person_name=True, person_noun=True)
# (the display name of an [id, "name"] pair: see ``RecordScrubber._row_names``)
REF_NAME = frozenset({1})


def valued_by_holder(value: Mapping[Any, Any], holder: KeyInfo) -> KeyInfo | None:
    """The meaning of ``value["value"]`` when the key holding the object names a kind and the
    object keeps the value beside its metadata: a property's history entry
    ({"phone": [{"value": "…", "timestamp": …, "sourceType": "CRM_UI"}]}), a widget's
    ({"mobile": {"value": "…", "verified": false}}). ``None`` otherwise (a lone
    ``{"value": "…"}`` is the protobuf wrapper, read where it is met)."""
    if type(value.get("value")) is not str:
        return None
    if holder.kind is None and holds_person(holder) and not holder.allowed:
        # a widget under a key naming a person ({"receiver": {"value": "王五"}}, with or
        # without metadata beside it): the value is read as that person's name
        return HELD_NAME
    if holder.kind is None or len(value) < 2:
        return None
    return holder


def holds_person(holder: KeyInfo) -> bool:
    """Whether an object held under a key with this meaning is a person's or an actor's: the
    key names a person ({"receiver": {…}}) or a person's name ({"Contact_Name": {"name": …,
    "id": …}}, a CRM's lookup)."""
    return holder.person_noun or holder.kind is Kind.NAME


def unwrapped(item: Any) -> Any:
    """The string a lone ``{"value": "…"}`` wraps; anything else as it is."""
    if type(item) is dict and len(item) == 1 and type(item.get("value")) is str:
        return item["value"]
    return item
