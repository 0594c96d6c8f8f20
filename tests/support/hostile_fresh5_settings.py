"""Settings seamguard never reads and recorded numbers at the edge of JSON, for
``hostile_fresh5``.

* ``toml5``: the ``[tool.seamguard]`` table written where seamguard does not look: ``[tools.…]``,
  ``[Tool.…]``, ``[tool.seam-guard]``, ``[tool.seam_guard]``, ``[tool.SeamGuard]``, a misspelt
  ``[tool.seamgaurd]``, a quoted ``["tool.seamguard"]`` (one key with a dot in it), a top-level
  ``[seamguard]``, ``[project.seamguard]`` — each in a project whose cassette breaks the
  contract, for ``verify``, ``contract lint``, ``check`` and ``privacy scan``. A run that treats
  the project as having no settings must stop with exit 2 and name the table it found, with a
  "did you mean [tool.seamguard]".
* ``num5``: a recorded JSON body whose number is NaN, ±Infinity, 1e999, -1e999, 400 digits,
  ``true``, ``"7"``, ``-0``, ``1e2`` or ``7.5``, against an integer with bounds, a number with a
  ``multipleOf``, an ``enum`` and a ``const``: each is a finding (exit 1), never a pass and never
  a crash; the satisfiable ones (``1e2`` and ``-0`` where they fit) stay clean.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, ONE, TWO, json_args, order_interaction
from tests.support.projects import (
    MINI_CONTRACT,
    MINI_SETTINGS,
    good_order,
    interaction,
    mini_project,
)

# how the header is written -> the spelling the message must name
MISPLACED = {
    "tools": ("tools.seamguard", "tools.seamguard"),
    "capital-tool": ("Tool.seamguard", "Tool.seamguard"),
    "hyphen": ("tool.seam-guard", "tool.seam-guard"),
    "underscore": ("tool.seam_guard", "tool.seam_guard"),
    "camel": ("tool.SeamGuard", "tool.SeamGuard"),
    "misspelt": ("tool.seamgaurd", "tool.seamgaurd"),
    "plural": ("tool.seamguards", "tool.seamguards"),
    "quoted-dotted": ('"tool.seamguard"', "tool.seamguard"),
    "top-level": ("seamguard", "seamguard"),
    "under-project": ("project.seamguard", "project.seamguard"),
}
COMMANDS = ("verify", "contract lint", "check", "privacy scan")


def _bad_interaction() -> dict[str, object]:
    return interaction({"order": good_order(id=3, status="lost")},
                       uri="https://shop.example.com/api/v1/orders/3.json")


def _misplaced_case(name: str, header: str, named: str, command: str) -> Case:
    settings = MINI_SETTINGS.replace("[tool.seamguard]", f"[{header}]").replace(
        "[tool.seamguard.platforms.shop]", f"[{header}.platforms.shop]")

    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", settings=settings,
                               interactions=[order_interaction(1), _bad_interaction()])
        if name == "under-project":
            path = project / "pyproject.toml"
            path.write_text('[project]\nname = "shop-checks"\nversion = "1"\n\n'
                            + path.read_text(encoding="utf-8"), encoding="utf-8")
        return json_args(command, project)
    return Case(f"toml5:{name}:{command.replace(' ', '-')}", setup, TWO,
                (named, "did you mean"))


def _beside_case(name: str, header: str, named: str) -> Case:
    """The misplaced table next to an empty but real ``[tool.seamguard]``: its platforms would
    be lost without a word."""
    settings = "[tool.seamguard]\n\n" + MINI_SETTINGS.replace("[tool.seamguard]\n", "").replace(
        "[tool.seamguard.platforms.shop]", f"[{header}.platforms.shop]")

    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", settings=settings,
                               interactions=[order_interaction(1), _bad_interaction()])
        return json_args("verify", project)
    return Case(f"toml5-beside:{name}:verify", setup, FAILS, (named,))


def settings_cases() -> list[Case]:
    cases = [_misplaced_case(name, header, named, command)
             for name, (header, named) in MISPLACED.items() for command in COMMANDS]
    cases += [_beside_case(name, header, named) for name, (header, named) in MISPLACED.items()
              if name != "under-project"]
    return cases


_BOUNDED = MINI_CONTRACT.replace(
    "        id: {type: integer}\n",
    "        id: {type: integer}\n"
    "        qty: {type: integer, minimum: 1, maximum: 100}\n"
    "        price: {type: number, multipleOf: 0.5, maximum: 1000}\n"
    "        level: {type: integer, enum: [1, 2, 3]}\n"
    "        kind: {const: 7}\n")

RAW = {
    "nan": "NaN", "infinity": "Infinity", "minus-infinity": "-Infinity", "past-double": "1e999",
    "past-double-negative": "-1e999", "digits-400": "9" * 400, "true": "true",
    "string": '"7"', "minus-zero": "-0", "exponent": "1e2", "fraction": "7.5",
}
# field -> the raw values that fit it (everything else must be a finding)
FITS = {"qty": {"exponent"}, "price": {"minus-zero", "exponent", "fraction"},
        "level": set(), "kind": set()}


def _number_case(field: str, name: str, raw: str, serializer: str) -> Case:
    exits = frozenset({0}) if name in FITS[field] else ONE
    body = json.dumps({"order": good_order(id=1)}).replace(
        '"id": 1', f'"id": 1, "{field}": {raw}')

    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", contract=_BOUNDED,
                               interactions=[interaction(body)])
        if serializer == "json":
            cassette = project / "fixtures" / "cassettes" / "orders.yaml"
            from tests.support.projects import load_cassette
            data = load_cassette(cassette)
            cassette.unlink()
            cassette.with_suffix(".json").write_text(json.dumps(data), encoding="utf-8")
        return json_args("verify", project)
    return Case(f"num5:{field}:{name}:{serializer}", setup, exits,
                (f"/order/{field}",) if exits == ONE else ())


def number_cases() -> list[Case]:
    return [_number_case(field, name, raw, "json" if (len(name) + len(field)) % 3 == 0
                         else "yaml")
            for field in FITS for name, raw in RAW.items()]


__all__ = ["ANY", "number_cases", "settings_cases"]
