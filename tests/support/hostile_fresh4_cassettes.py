"""Cassettes written by one serializer and named for another, or holding more than one document,
for ``hostile_fresh4``.

Every cassette holds one interaction that breaks the contract (an order status the contract
does not list), so a cassette read as empty, or read up to its first document only, is a
silent pass. The serializer forms are generated from one recording: vcrpy's JSON serializer
under ``.yaml``, YAML under ``.json``, YAML of several documents (the violation in the second),
JSON with a second document after the first, JSON Lines (one interaction a line), JSON with
comments, YAML flow style, a ``.yml`` and a ``.YAML`` name, and the same interactions twice
under two serializers side by side.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import FAILS, json_args, mini, order_interaction
from tests.support.projects import good_order, interaction


def _bad() -> dict[str, Any]:
    return interaction({"order": good_order(id=3, status="lost")},
                       uri="https://shop.example.com/api/v1/orders/3.json")


def _cassette(*interactions: dict[str, Any]) -> dict[str, Any]:
    return {"interactions": list(interactions), "version": 1}


def _good_then_bad() -> dict[str, Any]:
    return _cassette(order_interaction(1), _bad())


FORMS: dict[str, tuple[Callable[[], tuple[str, str]], frozenset[int]]] = {
    "json-under-yaml": (lambda: ("c.yaml", json.dumps(_good_then_bad(), indent=2)), FAILS),
    "yaml-under-json": (lambda: ("c.json", yaml.safe_dump(_good_then_bad())), FAILS),
    "yaml-two-documents": (lambda: ("c.yaml", yaml.safe_dump(_cassette(order_interaction(1)))
                                    + "---\n" + yaml.safe_dump(_cassette(_bad()))), FAILS),
    "json-two-documents": (lambda: ("c.json", json.dumps(_cassette(order_interaction(1)))
                                    + "\n" + json.dumps(_cassette(_bad()))), FAILS),
    "json-lines": (lambda: ("c.json", "\n".join(json.dumps(i) for i in (
        order_interaction(1), _bad()))), FAILS),
    "json-with-comments": (lambda: ("c.json", "// recorded by hand\n" + json.dumps(
        _good_then_bad(), indent=2)), FAILS),
    "yaml-flow-style": (lambda: ("c.yaml", yaml.safe_dump(_good_then_bad(),
                                                          default_flow_style=True)), FAILS),
    "yml-suffix": (lambda: ("c.yml", yaml.safe_dump(_good_then_bad())), FAILS),
    "upper-case-suffix": (lambda: ("c.YAML", yaml.safe_dump(_good_then_bad())), FAILS),
    "upper-case-suffix-beside-a-good-one": (lambda: ("c.YML", yaml.safe_dump(_cassette(
        _bad()))), FAILS),
    "json-upper-case-beside-a-good-one": (lambda: ("c.JSON", json.dumps(_cassette(_bad()))),
                                          FAILS),
    "yaml-document-end-marker": (lambda: ("c.yaml", yaml.safe_dump(_cassette(
        order_interaction(1))) + "...\n" + yaml.safe_dump(_cassette(_bad()))), FAILS),
    "json-array-of-cassettes": (lambda: ("c.json", json.dumps([
        _cassette(order_interaction(1)), _cassette(_bad())])), FAILS),
    "json-bom": (lambda: ("c.json", "\ufeff" + json.dumps(_good_then_bad())), FAILS),
    "yaml-tab-indented": (lambda: ("c.yaml", yaml.safe_dump(_good_then_bad()).replace(
        "\n  ", "\n\t", 1)), FAILS),
    "version-as-text": (lambda: ("c.yaml", yaml.safe_dump({**_good_then_bad(),
                                                           "version": "1"})), FAILS),
    "interactions-a-mapping": (lambda: ("c.yaml", yaml.safe_dump({
        "interactions": {"0": order_interaction(1), "1": _bad()}, "version": 1})), FAILS),
    "empty-interactions-and-bad-in-extra-key": (lambda: ("c.yaml", yaml.safe_dump({
        "interactions": [], "version": 1, "recorded": [_bad()]})), FAILS),
}


def _case(label: str, make: Callable[[], tuple[str, str]], exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        folder = project / "fixtures" / "cassettes"
        if not label.endswith("-beside-a-good-one"):
            (folder / "orders.yaml").unlink()
        name, text = make()
        (folder / name).write_text(text, encoding="utf-8")
        return json_args("verify", project)
    return Case(f"cassette4:{label}", setup, exits)


def cassette_cases() -> list[Case]:
    return [_case(label, make, exits) for label, (make, exits) in FORMS.items()]

