"""Contracts whose path keys or YAML keys are not what they look like, for ``hostile_fresh6``.

* ``tpl6``: a contract path whose braces do not make a template (a space or a tab in the
  variable's name, spaces around it, a no-break space, doubled or stray braces) with a recording
  whose URL fits the path if its braces were read loosely. ``contract lint`` calls such a path
  invalid, so ``verify`` and ``check`` must not pass the recording through it: a finding or a
  usage error that names the path. Paths with unusual but valid names (``{order_id}``,
  ``{order-id}``, ``{order.id}``) stay clean.
* ``ykeys6``: property names and response codes that YAML reads as numbers, booleans, null or
  dates (``1:``, ``true:``, ``~:``, ``2024-01-01:``, ``200:`` unquoted) with a recorded body
  that breaks the schema under that key: a finding at the key's pointer, never a pass.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import FAILS, ONE, json_args
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

CLEAN = frozenset({0})
_PATH = "/orders/{id}.json"

# name -> the variable as written in the path key (and in the parameter's `name`)
BROKEN = {
    "space": "{order id}",
    "spaces-around": "{ id }",
    "trailing-space": "{id }",
    "tab": "{order\tid}",
    "no-break-space": "{order\u00a0id}",
    "doubled-braces": "{{id}}",
    "stray-closing": "{id}}",
    "ideographic-space": "{order\u3000id}",
}
VALID = {"underscore": "{order_id}", "hyphen": "{order-id}", "dot": "{order.id}"}
COMMANDS = ("verify", "check")


def _loose_url(variable: str) -> str:
    """The recorded URL: each loosely read ``{…}`` of the path replaced by an order number."""
    path = re.sub(r"\{[^}/]+\}", "1", _PATH.replace("{id}", variable))
    return "https://shop.example.com/api/v1" + path


def _contract(variable: str, as_json: bool) -> str:
    name = variable.strip("{}")
    text = MINI_CONTRACT.replace(_PATH, json.dumps(_PATH.replace("{id}", variable))).replace(
        "{name: id, in: path", "{name: " + json.dumps(name) + ", in: path")
    return json.dumps(yaml.safe_load(text), indent=2) if as_json else text


def _template_case(label: str, variable: str, command: str, as_json: bool,
                   exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", contract=_contract(variable, as_json),
                               interactions=[interaction({"order": good_order()},
                                                         uri=_loose_url(variable))])
        if as_json:
            folder = project / "contracts" / "shop" / "v1"
            (folder / "openapi.yaml").rename(folder / "openapi.json")
        return json_args(command, project)
    fmt = "json" if as_json else "yaml"
    expect = ("openapi." + fmt,) if exits != CLEAN else ()
    return Case(f"tpl6:{label}:{command}:{fmt}", setup, exits, expect)


def template_cases() -> list[Case]:
    cases = []
    for command in COMMANDS:
        for as_json in (False, True):
            cases += [_template_case(label, variable, command, as_json, FAILS)
                      for label, variable in BROKEN.items()]
            cases += [_template_case(f"valid-{label}", variable, command, as_json, CLEAN)
                      for label, variable in VALID.items()]
    return cases


# key as YAML reads it -> (the JSON name it stands for, its schema, a value that breaks it)
ODD_KEYS = {
    "int": ("1", "{type: integer}", "x"),
    "true": ("true", "{type: string}", 5),
    "false": ("false", "{type: string}", 5),
    "null": ("null", "{type: string}", 5),
    "tilde": ("~", "{type: string}", 5),
    "date": ("2024-01-01", "{type: integer}", "x"),
    "float": ("1.5", "{type: integer}", "x"),
    "hex": ("0x1F", "{type: integer}", "x"),
    "yes": ("yes", "{type: integer}", "x"),
}


def _odd_key_case(label: str, written: str, schema: str, value: object) -> Case:
    name = "null" if written == "~" else written

    def setup(root: Path) -> list[str]:
        contract = MINI_CONTRACT.replace(
            "        note:", f"        {written}: {schema}\n        note:", 1)
        body = {"order": {**good_order(), name: value}}
        return json_args("verify", mini_project(root / "p", contract=contract,
                                                interactions=[interaction(body)]))
    return Case(f"ykeys6:property-{label}", setup, ONE, (f"/order/{name}",))


def _status_case(label: str, key: str) -> Case:
    def setup(root: Path) -> list[str]:
        contract = MINI_CONTRACT.replace('        "200":', f"        {key}:", 1)
        body = {"order": good_order(status="lost")}
        return json_args("verify", mini_project(root / "p", contract=contract,
                                                interactions=[interaction(body)]))
    return Case(f"ykeys6:status-{label}", setup, ONE, ("/order/status",))


def key_cases() -> list[Case]:
    return [*(_odd_key_case(label, *row) for label, row in ODD_KEYS.items()),
            _status_case("int", "200"), _status_case("range", "2XX"),
            _status_case("lower-range", "2xx"), _status_case("default", "default")]


def path_cases() -> list[Case]:
    return [*template_cases(), *key_cases()]
