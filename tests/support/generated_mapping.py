"""A generated project: two generated contracts and a mapping between them, with examples.

The mapping is a customer of seamguard that nobody here wrote by hand: field names, kinds,
pipelines, enums and open or closed targets come from a seeded random generator, and the golden
examples are chosen the way a careful user would (untidy text, national-format phones, local
times, every enum value, absent fields, an empty record with its problems pinned); their outputs
are what the mapping gives. Used by the strength tests, the planted-mistake corpus and the
strength benchmark (``rules=200``).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from tests.support.projects import MINI_SETTINGS

WORDS = ["order", "customer", "ship", "bill", "contact", "store", "channel", "promo", "member",
         "invoice", "parcel", "route", "coupon", "region", "warehouse", "payment", "refund",
         "review", "campaign", "account"]
LEAVES = {"text": ["note", "title", "label", "remark", "memo"], "email": ["email", "mail"],
          "phone": ["phone", "mobile", "tel"], "amount": ["total", "price", "fee", "amount"],
          "status": ["status", "state", "stage"], "time": ["created", "updated", "paid_at"],
          "tags": ["tags", "labels"], "id": ["id", "ref", "code"], "country": ["country"]}
SETTINGS = MINI_SETTINGS.replace("[tool.seamguard.platforms.shop]", """
[tool.seamguard.platforms.crm]
versions = ["v1"]
base_url = "https://crm.example.com/api"

[tool.seamguard.platforms.shop]""")


def _field(kind: str, rng: random.Random, used: set[str]) -> str:
    base = name = f"{rng.choice(WORDS)}_{rng.choice(LEAVES[kind])}"
    number = 2
    while name in used:  # a kind has only so many word pairs: number the repeats
        name, number = f"{base}_{number}", number + 1
    used.add(name)
    return name


def _rule(kind: str, source: str, target: str, rng: random.Random,
          enums: dict[str, dict[str, str]]) -> tuple[dict[str, Any], dict[str, Any],
                                                      dict[str, Any]]:
    """(source schema, target schema, mapping rule) for one field of ``kind``."""
    if kind == "text":
        steps: list[Any] = rng.choice([["trim"], ["trim", "upper"], ["trim", "lower"]])
        limit = rng.choice([None, 24, 40])
        target_schema: dict[str, Any] = {"type": "string"}
        if limit:
            steps = [*steps, {"truncate": {"max_length": limit}}]
            target_schema["maxLength"] = limit
        return {"type": ["string", "null"]}, target_schema, {"transforms": steps}
    if kind == "email":
        return ({"type": "string", "format": "email"}, {"type": "string", "format": "email"},
                {"transforms": ["trim", "lower"], "pii": True})
    if kind == "phone":
        return ({"type": "string"}, {"type": "string"},
                {"transforms": [{"phone_e164": {"region": "CN"}}], "pii": True})
    if kind == "amount":
        places = rng.choice([0, 2, 3])
        return ({"type": "string"}, {"type": "string"},
                {"transforms": [{"decimal": {"places": places}}], "required": True})
    if kind == "status":
        values = rng.sample(["new", "open", "paid", "shipped", "closed", "void", "held"],
                            rng.randint(3, 5))
        outputs = rng.sample(["lead", "active", "won", "lost", "parked"], 3)
        name = f"{target}_map"
        enums[name] = {value: outputs[i % len(outputs)] for i, value in enumerate(values)}
        return {"type": "string", "enum": values}, {"type": "string"}, {"enum": name}
    if kind == "time":
        zone = rng.choice(["Asia/Shanghai", "Asia/Tokyo", "Europe/Berlin"])
        return ({"type": "string"}, {"type": "string", "format": "date-time"},
                {"transforms": [{"datetime_utc": {"tz": zone}}]})
    if kind == "tags":
        return ({"type": "string"}, {"type": "string"},
                {"transforms": ["split_tags", {"join": {"separator": rng.choice([";", "|"])}}]})
    if kind == "country":
        return ({"type": "string"}, {"type": "string"}, {"transforms": ["country_iso2"]})
    return {"type": "integer"}, {"type": "string"}, {"transforms": ["to_string"],
                                                      "required": True}


def _inputs(fields: list[tuple[str, str]], enums: dict[str, Any], rules: list[dict[str, Any]],
            rng: random.Random) -> list[dict[str, Any]]:
    """Example inputs a careful user would write: tidy, untidy, every enum value, sparse."""
    def value(kind: str, variant: int, source: str, rule: dict[str, Any]) -> Any:
        # Each field gets its own value, so reading a sibling field shows.
        n = sorted(s for _, s in fields).index(source)
        if kind == "text":
            return [f"Gift wrap {n}", f"  mixed Case {n} text  ",
                    f"  Straße {n} " + "x" * 60][variant % 3]
        if kind == "email":
            return [f"li.na{n}@example.cn", f"  Wang.Fang{n}@Example.COM "][variant % 2]
        if kind == "phone":
            return [f"+86 139 8765 43{n:02d}", f"138 1234 56{n:02d}",
                    f"(021) 6123-45{n:02d}"][variant % 3]
        if kind == "amount":
            return [f"845{n}.285", f"5{n}.9", "0.04", f"199{n}"][variant % 4]
        if kind == "time":
            return [f"2024-07-12 09:{n % 60:02d}:00",
                    f"2024-07-14T23:{n % 60:02d}:59+08:00"][variant % 2]
        if kind == "tags":
            return [f"VIP, 618 ,b2b{n}", f"solo{n}"][variant % 2]
        if kind == "country":
            return ["China", "Japan", "Deutschland", "FRA"][(variant + n) % 4]
        if kind == "status":
            values = list(enums[rule["enum"]])
            return values[variant % len(values)]
        return 5829461287000 + variant * 1000 + n

    rounds = max([3, *(len(enums[r["enum"]]) for r in rules if "enum" in r)])
    records = []
    for variant in range(rounds):
        records.append({source: value(kind, variant, source, rule)
                        for (kind, source), rule in zip(fields, rules, strict=True)})
    # a sparse record: every optional field absent, each in turn, and siblings set apart
    sparse = {source: value(kind, 1, source, rule)
              for (kind, source), rule in zip(fields, rules, strict=True) if rule.get("required")}
    records.append(sparse)
    records.append({})
    return records


def generate_project(root: Path, *, rules: int = 12, seed: int = 0,
                     open_target: bool | None = None) -> Path:
    """Write a project with a generated source contract, target contract and mapping."""
    from seamguard.mapping.engine import compile_mapping
    from seamguard.mapping.spec import MappingSpec

    rng = random.Random(seed)
    kinds = ["id", "amount", "status", "text", "email", "phone", "time", "tags", "country"]
    chosen = kinds[:min(rules, len(kinds))] + [rng.choice(kinds[1:])
                                               for _ in range(rules - len(kinds))]
    used: set[str] = set()
    source_props: dict[str, Any] = {}
    target_props: dict[str, Any] = {}
    mapping_rules: list[dict[str, Any]] = []
    enums: dict[str, dict[str, str]] = {}
    fields = []
    for kind in chosen:
        source = _field(kind, rng, used)
        target = f"{source.replace('_', '')}_{rng.randint(10, 99)}"
        source_schema, target_schema, rule = _rule(kind, source, target, rng, enums)
        source_props[source] = source_schema
        target_props[target] = target_schema
        mapping_rules.append({"target": target, "source": source, **rule})
        fields.append((kind, source))
    opened = rng.random() < 0.5 if open_target is None else open_target
    target_record: dict[str, Any] = {"type": "object", "properties": target_props}
    if opened:
        target_record["additionalProperties"] = {"type": "string"}
    else:
        target_record["additionalProperties"] = False
    for platform, name, schema in (("shop", "Record", {"type": "object",
                                                       "properties": source_props}),
                                   ("crm", "RecordInput", target_record)):
        folder = root / "contracts" / platform / "v1"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "openapi.yaml").write_text(yaml.safe_dump({
            "openapi": "3.1.0", "info": {"title": platform, "version": "v1"},
            "paths": {}, "components": {"schemas": {name: schema}}}, sort_keys=False),
            encoding="utf-8")
    identity = next(r for r in mapping_rules if r.get("transforms") == ["to_string"])
    spec: dict[str, Any] = {
        "source": {"contract": "shop@v1", "schema": "#/components/schemas/Record"},
        "target": {"contract": "crm@v1", "schema": "#/components/schemas/RecordInput"},
        "identity": {"source": identity["source"], "target": identity["target"]},
        "fields": mapping_rules, "enums": enums,
        "pii": {"allowed_destinations": [r["target"] for r in mapping_rules if r.get("pii")]},
    }
    compiled = compile_mapping(MappingSpec.model_validate(spec))
    examples = []
    for number, record in enumerate(_inputs(fields, enums, mapping_rules, rng)):
        output, problems = compiled.apply(record)
        example: dict[str, Any] = {"name": f"generated example {number}", "input": record,
                                   "output": output}
        if problems:
            example["problems"] = {p.target: p.code.removeprefix("mapping.") for p in problems}
        examples.append(example)
    spec["examples"] = examples
    (root / "contracts" / "mappings").mkdir(parents=True, exist_ok=True)
    (root / "contracts" / "mappings" / "shop-to-crm.yaml").write_text(
        yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (root / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    return root
