"""Planted mapping mistakes, and how many of them seamguard's offline checks catch.

A planted mistake is one edit a reviewer's slip looks like, applied to the YAML data of a copy
of a mapping: a typo in a target, source, transform, enum value, state, identity or policy name;
a dropped or reordered transform; a changed parameter; a deleted or redirected enum entry; a
source read from a sibling field; ``required`` or ``pii`` removed; a ``$target`` reference to a
field nobody writes; a changed default or constant; a stale example output. These operators are
written here, apart from the product's own mutation operators, so the corpus does not grade the
product with its own answers.

A mistake is caught when the checks produce a new error or warning that names the mapping file
and the rule (its pointer, or "rule N" in the message) and says what to change (a hint).

    python -m tests.support.planted                 # every bundled + 3 generated mappings
    python -m tests.support.planted --generated 6   # more generated mappings
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CHECKS = ["contract", "mapping", "mapping.examples", "mapping.recorded", "mapping.strength"]
# Edits that change nothing a mapping does, so they are no mistake to catch.
_COMMUTING = {frozenset({"trim", "upper"}), frozenset({"trim", "lower"})}


@dataclass
class Planted:
    klass: str
    description: str
    data: dict[str, Any]
    rule: int | None  # the top-level rule it touches, if any
    area: str  # JSON pointer prefix of what it touches


def _typo(name: str) -> str:
    """A one- or two-letter slip: swap two letters, or drop one, or add an underscore."""
    if len(name) > 3 and name[-2] != name[-1]:
        return name[:-2] + name[-1] + name[-2]
    if len(name) > 3:
        return name[:-1]
    return name + "x"


def _step_name(step: Any) -> str:
    return step if isinstance(step, str) else next(iter(step))


def _slips(value: Any) -> list[Any]:
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        text = str(value)
        return [int(text[1:]) if len(text) > 1 else value + 1]
    if isinstance(value, str):
        known = {"CN": "HK", "UTC": "Asia/Tokyo", ";": ",", ",": ";", "^": "$", "$": "^"}
        if value in known:
            return [known[value]]
        if "/" in value:  # a time zone
            return ["UTC"]
        return [value[:-1]] if len(value) > 1 else [value + "x"]
    return []


def plants(data: dict[str, Any], source_fields: dict[str, str]) -> Iterator[Planted]:
    """Every planted mistake of one mapping's data. ``source_fields``: top-level source field
    name -> JSON type, for sibling reads."""
    for index, route, rule in _rules(data):
        where = f"/fields/{index}"

        def edited(klass: str, text: str, change: Any, area: str = where,
                   i: int = index, route: tuple[Any, ...] = route) -> Planted:
            changed = copy.deepcopy(data)
            node: Any = changed["fields"]
            for step in route:
                node = node[step]
            change(node, changed)
            return Planted(klass, f"rule {i}{_shown(route)}: {text}", changed, i, area)

        yield edited("target-typo", f"target {rule['target']} -> {_typo(rule['target'])}",
                     lambda r, d: r.update(target=_typo(r["target"])))
        source = rule.get("source")
        if isinstance(source, str) and not source.startswith("$"):
            yield edited("source-typo", f"source {source} -> {_typo(source)}",
                         lambda r, d: r.update(source=_typo(r["source"])))
            leaf = source.rsplit(".", 1)[-1]
            kind = source_fields.get(source)
            sibling = next((name for name, other in sorted(source_fields.items())
                            if other == kind and name != leaf and "." not in source), None)
            if sibling is not None:
                yield edited("sibling-source", f"source {source} -> {sibling}",
                             lambda r, d, s=sibling: r.update(source=s))
        steps = rule.get("transforms") or []
        for position, step in enumerate(steps):
            name = _step_name(step)
            if name == "to_string" and source_fields.get(str(source)) == "string":
                continue
            yield edited("transform-typo", f"transform {name} -> {_typo(name)}",
                         lambda r, d, p=position, n=name: r["transforms"].__setitem__(
                             p, _typo(n) if isinstance(r["transforms"][p], str)
                             else {_typo(n): r["transforms"][p][n]}))
            yield edited("drop-step", f"drop {name}",
                         lambda r, d, p=position: r["transforms"].pop(p))
            if position + 1 < len(steps):
                other = _step_name(steps[position + 1])
                if frozenset({name, other}) not in _COMMUTING and name != other:
                    yield edited("swap-steps", f"swap {name} and {other}",
                                 lambda r, d, p=position: r["transforms"].insert(
                                     p + 1, r["transforms"].pop(p)))
            if isinstance(step, dict):
                for param, value in (step[name] or {}).items():
                    for slip in _slips(value):
                        yield edited("parameter", f"{name}.{param}: {value!r} -> {slip!r}",
                                     lambda r, d, p=position, n=name, k=param, v=slip:
                                     r["transforms"][p][n].__setitem__(k, v))
        if rule.get("required"):
            yield edited("required-removed", "required removed",
                         lambda r, d: r.pop("required"))
        if rule.get("pii"):
            yield edited("pii-removed", "pii removed", lambda r, d: r.pop("pii"))
        if "constant" in rule:
            for slip in _slips(rule["constant"]):
                yield edited("constant", f"constant -> {slip!r}",
                             lambda r, d, v=slip: r.update(constant=v))
        if "default" in rule:
            yield edited("default", "default removed", lambda r, d: r.pop("default"))
        others = [r["target"] for r in data["fields"] if r is not rule]
        if others and isinstance(source, str) and len(route) == 1:
            wrong = "$target." + _typo(others[0])
            yield edited("target-reference", f"source -> {wrong}",
                         lambda r, d, w=wrong: r.update(source=w))
        enum = rule.get("enum")
        if enum and enum in data.get("enums", {}):
            entries = data["enums"][enum]
            outputs = list(dict.fromkeys(entries.values()))
            for key, output in entries.items():
                area = f"/enums/{enum}"
                yield edited("enum-delete", f"enum {enum}: delete {key!r}",
                             lambda r, d, k=key, e=enum: d["enums"][e].pop(k), area)
                other = next((o for o in outputs if o != output), None)
                if other is not None:
                    yield edited("enum-redirect", f"enum {enum}: {key!r} -> {other!r}",
                                 lambda r, d, k=key, e=enum, o=other:
                                 d["enums"][e].__setitem__(k, o), area)
                if isinstance(output, str):
                    yield edited("enum-value-typo", f"enum {enum}: {output!r} -> {_typo(output)!r}",
                                 lambda r, d, k=key, e=enum, o=output:
                                 d["enums"][e].__setitem__(k, _typo(o)), area)
    yield from _mapping_level(data)


def _rules(data: dict[str, Any]) -> Iterator[tuple[int, tuple[Any, ...], dict[str, Any]]]:
    """(top-level index, route from data["fields"] to the rule, rule), nested rules included."""
    def walk(index: int, route: tuple[Any, ...], rule: dict[str, Any]
             ) -> Iterator[tuple[int, tuple[Any, ...], dict[str, Any]]]:
        yield index, route, rule
        for number, sub in enumerate(rule.get("each") or []):
            yield from walk(index, (*route, "each", number), sub)
        for group_number, group in enumerate(rule.get("items") or []):
            for number, sub in enumerate(group):
                yield from walk(index, (*route, "items", group_number, number), sub)

    for index, rule in enumerate(data["fields"]):
        yield from walk(index, (index,), rule)


def _shown(route: tuple[Any, ...]) -> str:
    return "".join(f".{part}" for part in route[1:])


def _mapping_level(data: dict[str, Any]) -> Iterator[Planted]:
    def edited(klass: str, text: str, change: Any, area: str) -> Planted:
        changed = copy.deepcopy(data)
        change(changed)
        return Planted(klass, text, changed, None, area)

    identity = data["identity"]
    yield edited("identity-typo", f"identity target -> {_typo(identity['target'])}",
                 lambda d: d["identity"].update(target=_typo(identity["target"])), "/identity")
    for number, example in enumerate(data.get("examples") or []):
        for key, value in example["output"].items():
            if isinstance(value, str) and value:
                yield edited("stale-example", f"example {number}: {key} {value!r} edited",
                             lambda d, n=number, k=key, v=value:
                             d["examples"][n]["output"].__setitem__(k, _typo(v) if len(v) > 3
                                                                    else v + "x"),
                             f"/examples/{number}")
                break
    sync = data.get("sync") or {}
    for number, machine in enumerate(sync.get("state_machines") or []):
        area = f"/sync/state_machines/{number}"
        yield edited("state-field-typo", f"state machine field -> {_typo(machine['field'])}",
                     lambda d, n=number: d["sync"]["state_machines"][n].update(
                         field=_typo(d["sync"]["state_machines"][n]["field"])), area)
        for state, following in machine["transitions"].items():
            if following:
                yield edited("state-typo", f"transition {state} -> {_typo(following[0])}",
                             lambda d, n=number, s=state: d["sync"]["state_machines"][n][
                                 "transitions"][s].__setitem__(0, _typo(
                                     d["sync"]["state_machines"][n]["transitions"][s][0])), area)
    for name in sync.get("conflict") or {}:
        if name != "*":
            yield edited("policy-typo", f"conflict policy key {name} -> {_typo(name)}",
                         lambda d, k=name: d["sync"]["conflict"].__setitem__(
                             _typo(k), d["sync"]["conflict"].pop(k)), "/sync/conflict")


def _names_rule(finding: Any, plant: Planted, display: str) -> bool:
    location = finding.location
    if location.file != display or not finding.hint:
        return False
    pointer = location.pointer or ""
    if plant.rule is not None and (pointer == f"/fields/{plant.rule}"
                                   or pointer.startswith(f"/fields/{plant.rule}/")
                                   or f"rule {plant.rule} (" in finding.message):
        return True
    return pointer.startswith(plant.area) or (
        plant.area.startswith("/examples") and pointer.startswith("/examples"))


def _source_fields(project: Path, data: dict[str, Any]) -> dict[str, str]:
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.contracts.model import Contract
    from seamguard.mapping.shapes import shape_of
    from seamguard.project import find_project

    catalog = ContractCatalog(find_project(project, explicit=True))
    platform, version = data["source"]["contract"].split("@")
    contract = catalog.load(platform, version)
    if not isinstance(contract, Contract):
        return {}
    root = shape_of(contract, contract.schema(contract.root(data["source"]["schema"])))
    return {name: "/".join(sorted(shape_of(contract, node).types))
            for name, node in root.properties.items()}


def measure(project: Path, mapping_file: str, *, every: int = 1
            ) -> tuple[int, list[tuple[Planted, bool]]]:
    """Plant every mistake (or every ``every``-th) into ``mapping_file`` of ``project``, one at
    a time; (seconds, [(mistake, caught)])."""
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    loaded = find_project(project, explicit=True)
    catalog = ContractCatalog(loaded)
    path = project / mapping_file
    original = path.read_text(encoding="utf-8")
    data = yaml.safe_load(original)

    def findings() -> list[Any]:
        report = run_checks(loaded, CHECKS, command="check", catalog=catalog)
        return [f for f in report.findings if f.severity.value in ("error", "warning")]

    # A finding is new when no finding of that code was at that place before (a strength
    # warning whose wording changes is not a new catch).
    baseline = {(f.code, f.location.pointer) for f in findings()}
    results = []
    started = time.perf_counter()
    try:
        for number, plant in enumerate(plants(data, _source_fields(project, data))):
            if number % every:
                continue
            path.write_text(yaml.safe_dump(plant.data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
            new = [f for f in findings()
                   if (f.code, f.location.pointer) not in baseline]
            results.append((plant, any(_names_rule(f, plant, mapping_file) for f in new)))
    finally:
        path.write_text(original, encoding="utf-8")
    return int(time.perf_counter() - started), results


def isolated(mapping: str, folder: Path) -> Path:
    """A copy of the example project holding only ``mapping`` among its mappings."""
    from tests.support.projects import copy_example

    project = copy_example(folder)
    for other in (project / "contracts" / "mappings").glob("*.yaml"):
        if other.name != Path(mapping).name:
            other.unlink()
    return project


def main(argv: list[str] | None = None) -> int:
    from tests.support.generated_mapping import generate_project
    from tests.support.projects import REPO

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", type=int, default=3, help="generated mappings")
    args = parser.parse_args(argv)
    totals: Counter[str] = Counter()
    caught_by: Counter[str] = Counter()
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        targets = []
        for mapping in sorted((REPO / "contracts" / "mappings").glob("*.yaml")):
            name = f"contracts/mappings/{mapping.name}"
            targets.append((isolated(name, Path(tmp) / mapping.stem), name))
        for seed in range(args.generated):
            project = generate_project(Path(tmp) / f"generated-{seed}", rules=14, seed=seed)
            targets.append((project, "contracts/mappings/shop-to-crm.yaml"))
        for project, name in targets:
            seconds, results = measure(project, name)
            caught = sum(1 for _, ok in results if ok)
            print(f"{project.name}: {caught}/{len(results)} caught in {seconds}s")
            for plant, ok in results:
                totals[plant.klass] += 1
                caught_by[plant.klass] += ok
                if not ok:
                    missed.append(f"  {project.name}: {plant.klass}: {plant.description}")
    for klass in sorted(totals):
        print(f"  {klass:<18} {caught_by[klass]}/{totals[klass]}")
    total, caught = sum(totals.values()), sum(caught_by.values())
    print(f"caught {caught}/{total} = {caught / total:.1%}")
    print("missed:", *missed[:60], sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
