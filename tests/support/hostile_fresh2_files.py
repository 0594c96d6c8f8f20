"""File inputs built the way an attacker or a careless user would, for ``hostile_fresh2``.

* Cassettes: every key of a vcrpy interaction deleted or given a value of another type (walked
  from a recorded interaction, so each leaf is hit), and every ``version`` vcrpy never wrote.
* Datasets in disguise: an Excel workbook, a DuckDB or SQLite database, a gzip file, a PNG, UTF-16
  without a byte-order mark, Latin-1, under each dataset extension; Parquet cut at many points.
* Suites: every core expectation type misspelt (a "did you mean" must name it), and a kwarg of
  each misspelt.
* Contracts: ``NaN``/``Infinity`` and integers of 5,000 digits in JSON documents; ``$ref`` with
  JSON-pointer escapes (``~0``, ``~1``) and percent-encoding that are right (the run must stay
  clean) or wrong; ``$ref`` to ``http://`` and ``file://``; discriminators pointing nowhere.
* YAML: anchor bombs, merge keys of scalars and Python tags in every YAML file kind; a tag that
  would run a command must not run it.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh2_perm import _data_project
from tests.support.hostile_strategies import ANY, CASSETTE, CONTRACT, FAILS, TWO, mini
from tests.support.projects import MINI_CONTRACT

ZERO = frozenset({0})
# Files a YAML tag would create if it ran Python: none may exist after its case.
MARKERS: dict[str, Path] = {}


# --- cassettes ----------------------------------------------------------------------------------

def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from _leaves(value, (*path, key))


# Keys whose absence a recording may have (vcrpy writes them, a reader can do without).
_OPTIONAL = {("request", "body"), ("request", "headers"), ("response", "status", "message"),
             ("response", "headers")}
_WRONG_TYPES: list[tuple[str, Any]] = [("null", None), ("number", 7), ("list", [1]),
                                       ("text", "x"), ("table", {"a": 1})]


def _cassette_case(case_id: str, change: Callable[[dict[str, Any]], None],
                   exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        path = project / CASSETTE
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return ["verify", "--project", str(project), "-f", "json"]
    return Case(case_id, setup, exits, ("orders.yaml",))


def cassette_cases() -> list[Case]:
    from tests.support.hostile_strategies import order_interaction

    cases = []
    for leaf in _leaves(order_interaction(2)):
        dotted = ".".join(str(p) for p in leaf)

        def drop(data: dict[str, Any], leaf: tuple[Any, ...] = leaf) -> None:
            node = data["interactions"][1]
            for key in leaf[:-1]:
                node = node[key]
            del node[leaf[-1]]
        cases.append(_cassette_case(f"cassette-shape:{dotted}=missing", drop,
                                    ANY if leaf in _OPTIONAL else FAILS))
        for label, value in _WRONG_TYPES:
            def retype(data: dict[str, Any], leaf: tuple[Any, ...] = leaf,
                       value: Any = value) -> None:
                node = data["interactions"][1]
                for key in leaf[:-1]:
                    node = node[key]
                node[leaf[-1]] = value
            # a null body or header map is how vcrpy writes "none"; a number of a code or a
            # text where text is expected may be right (a header's value too); a request
            # body of any JSON value is read as the JSON text it stands for
            lenient = (label == "null" and leaf in _OPTIONAL) or (
                label == "text" and leaf[-1] in ("message", "method", "uri", "string")) or (
                label == "number" and leaf[-1] == "code") or leaf == ("request", "body") or (
                label in ("text", "null") and leaf[:2] == ("response", "headers")
                and len(leaf) == 3)
            cases.append(_cassette_case(f"cassette-shape:{dotted}={label}", retype,
                                        ANY if lenient else FAILS))
    for label, version in (("0", 0), ("2", 2), ("text-1", "1"), ("null", None), ("999", 999),
                           ("float", 1.5), ("negative", -1), ("list", [1])):
        def versioned(data: dict[str, Any], version: Any = version) -> None:
            data["version"] = version
        cases.append(_cassette_case(f"cassette-version:{label}", versioned,
                                    ANY if label == "text-1" else FAILS))
    return cases


# --- datasets in disguise -----------------------------------------------------------------------

def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        book.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    return buffer.getvalue()


def _duckdb_file(path: Path) -> bytes:
    import duckdb

    scratch = path.with_name("made.duckdb")
    with duckdb.connect(str(scratch)) as con:
        con.execute("CREATE TABLE orders AS SELECT 1 AS id")
    data = scratch.read_bytes()
    scratch.unlink()
    return data


def _sqlite_file(path: Path) -> bytes:
    scratch = path.with_name("made.sqlite")
    con = sqlite3.connect(scratch)
    con.execute("CREATE TABLE orders (id INTEGER)")
    con.commit()
    con.close()
    data = scratch.read_bytes()
    scratch.unlink()
    return data


_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
DISGUISES: dict[str, Callable[[Path], bytes]] = {
    "xlsx": lambda p: _xlsx(),
    "duckdb": _duckdb_file,
    "sqlite": _sqlite_file,
    "gzip": lambda p: gzip.compress(b"id\n1\n2\n"),
    "png": lambda p: _PNG,
    "utf16-no-bom": lambda p: "id\n1\n2\n".encode("utf-16-le"),
    "nul-filled": lambda p: b"\x00" * 4096,
    "pdf": lambda p: b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
}


def _dataset_case(case_id: str, ext: str, content: Callable[[Path], bytes],
                  exits: frozenset[int] = FAILS) -> Case:
    def setup(root: Path) -> list[str]:
        project = _data_project(root, ext)
        path = project / "data" / f"orders.{ext}"
        path.write_bytes(content(path))
        return ["quality", "--project", str(project), "-f", "json"]
    return Case(case_id, setup, exits, ("orders",))


def _cut(fraction: float) -> Callable[[Path], bytes]:
    def cut(path: Path) -> bytes:
        data = path.read_bytes()
        return data[:max(1, int(len(data) * fraction))]
    return cut


def dataset_cases() -> list[Case]:
    cases = [_dataset_case(f"dataset-disguise:{name}-as-{ext}", ext, make)
             for ext in ("csv", "jsonl", "parquet") for name, make in DISGUISES.items()]
    cases.append(_dataset_case("dataset-disguise:latin1-csv", "csv",
                               lambda p: "id,name\n1,caf\xe9\n".encode("latin-1")))
    for fraction in (0.1, 0.5, 0.9, 0.99):
        cases.append(_dataset_case(f"dataset-parquet:cut-{fraction}", "parquet", _cut(fraction)))
    cases.append(_dataset_case("dataset-parquet:magic-only", "parquet", lambda p: b"PAR1PAR1"))
    cases.append(_dataset_case("dataset-parquet:footer-garbage", "parquet",
                               lambda p: p.read_bytes()[:-12] + b"\xff" * 8 + b"PAR1"))
    return cases


# --- suites: misspelt expectation types and kwargs ---------------------------------------------

_TYPES = {  # type -> kwargs that make it whole
    "expect_column_values_to_not_be_null": {"column": "id"},
    "expect_column_values_to_be_unique": {"column": "id"},
    "expect_column_values_to_be_between": {"column": "id", "min_value": 0},
    "expect_column_values_to_be_in_set": {"column": "id", "value_set": [1, 2]},
    "expect_column_values_to_match_regex": {"column": "id", "regex": "^[0-9]+$"},
    "expect_column_to_exist": {"column": "id"},
    "expect_table_row_count_to_be_between": {"min_value": 1},
    "expect_column_value_lengths_to_be_between": {"column": "id", "min_value": 1},
    "expect_compound_columns_to_be_unique": {"column_list": ["id"]},
    "expect_table_columns_to_match_set": {"column_set": ["id"]},
}


def _suite_case(case_id: str, expectation: dict[str, Any], exits: frozenset[int],
                expect: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _data_project(root, "csv")
        (project / "suites" / "orders.json").write_text(json.dumps(
            {"name": "orders", "dataset": "orders", "expectations": [expectation]}, indent=2),
            encoding="utf-8")
        return ["quality", "--project", str(project), "-f", "json"]
    return Case(case_id, setup, exits, expect)


def suite_cases() -> list[Case]:
    cases = []
    for kind, kwargs in _TYPES.items():
        words = kind.split("_")
        dropped = "_".join(w if i != 3 else w[:-1] for i, w in enumerate(words))
        cases.append(_suite_case(f"suite-type:{kind}=letter-dropped",
                                 {"type": dropped, "kwargs": kwargs}, FAILS,
                                 (f"did you mean {kind}",)))
        camel = "".join(w.capitalize() for w in words)
        cases.append(_suite_case(f"suite-type:{kind}=camel-case",
                                 {"type": camel, "kwargs": kwargs}, FAILS, (kind,)))
        first = next(iter(kwargs))
        wrong = {(first[:-1] if len(first) > 4 else first + "s"): kwargs[first],
                 **{k: v for k, v in kwargs.items() if k != first}}
        cases.append(_suite_case(f"suite-kwarg:{kind}.{first}=misspelt",
                                 {"type": kind, "kwargs": wrong}, FAILS,
                                 (f"did you mean `{first}`",)))
    return cases


# --- contracts: numbers, references, discriminators --------------------------------------------

def _contract_case(case_id: str, text: str, exits: frozenset[int], *, name: str = "openapi.yaml",
                   command: str = "verify", expect: tuple[str, ...] = ()) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        folder = (project / CONTRACT).parent
        (project / CONTRACT).unlink()
        (folder / name).write_text(text, encoding="utf-8")
        return [*command.split(), "--project", str(project), "-f", "json"]
    return Case(case_id, setup, exits, expect)


def _as_json() -> dict[str, Any]:
    return dict(yaml.safe_load(MINI_CONTRACT))


def _json_number_cases() -> list[Case]:
    cases = []
    for label, literal in (("nan", "NaN"), ("infinity", "Infinity"), ("minus-infinity",
                           "-Infinity"), ("5000-digits", "9" * 5000), ("exp-overflow", "1e999")):
        for place in ("maximum", "example", "enum"):
            data = _as_json()
            schema = data["components"]["schemas"]["Order"]["properties"]["id"]
            schema[place] = "@@" if place != "enum" else ["@@"]
            text = json.dumps(data, indent=1).replace('"@@"', literal)
            valid_json = label in ("5000-digits", "exp-overflow")
            cases.append(_contract_case(f"json-number:{place}={label}", text,
                                        ANY if valid_json else TWO, name="openapi.json",
                                        expect=() if valid_json else ("openapi.json",)))
    return cases


def _ref_cases() -> list[Case]:
    cases = []
    # (label, schema name, $ref written, exits): right escapes must leave the run clean
    for label, schema, ref, exits in (
            ("tilde-escapes", "Ord/er~x", "#/components/schemas/Ord~1er~0x", ZERO),
            ("percent-space", "My Order", "#/components/schemas/My%20Order", ZERO),
            ("percent-unicode", "Bestellung\u00e4", "#/components/schemas/Bestellung%C3%A4",
             ZERO),
            ("tilde-2", "Order", "#/components/schemas/Ord~2er", TWO),
            ("tilde-alone", "Order", "#/components/schemas/Order~", TWO),
            ("percent-bad", "Order", "#/components/schemas/Ord%ZZer", TWO),
            ("http-url", "Order", "http://127.0.0.1:9/spec.yaml#/components/schemas/Order", TWO),
            ("file-url", "Order", "file:///etc/passwd", TWO),
            ("file-relative-escape", "Order", "../../../../../../etc/hosts#/x", TWO),
            ("no-hash", "Order", "components/schemas/Order", TWO),
            ("double-hash", "Order", "##/components/schemas/Order", TWO)):
        data = _as_json()
        schemas = data["components"]["schemas"]
        schemas[schema] = schemas.pop("Order")
        response = data["paths"]["/orders/{id}.json"]["get"]["responses"]["200"]
        response["content"]["application/json"]["schema"]["properties"]["order"] = {"$ref": ref}
        expect = () if exits == ZERO else ("openapi.yaml",)
        cases.append(_contract_case(f"ref-escape:{label}", yaml.safe_dump(data), exits,
                                    expect=expect))
    return cases


def _discriminator_cases() -> list[Case]:
    cases = []
    for label, discriminator in (
            ("mapping-nowhere", {"propertyName": "kind",
                                 "mapping": {"a": "#/components/schemas/Nowhere"}}),
            ("mapping-bare-name-nowhere", {"propertyName": "kind", "mapping": {"a": "Nowhere"}}),
            ("property-name-missing", {"mapping": {"a": "#/components/schemas/Order"}}),
            ("property-name-number", {"propertyName": 7}),
            ("mapping-a-list", {"propertyName": "kind", "mapping": ["Order"]}),
            ("not-an-object", "kind")):
        data = _as_json()
        data["components"]["schemas"]["Any"] = {
            "oneOf": [{"$ref": "#/components/schemas/Order"}], "discriminator": discriminator}
        response = data["paths"]["/orders/{id}.json"]["get"]["responses"]["200"]
        response["content"]["application/json"]["schema"]["properties"]["order"] = {
            "$ref": "#/components/schemas/Any"}
        cases.append(_contract_case(f"discriminator:{label}", yaml.safe_dump(data), FAILS,
                                    command="contract lint"))
    return cases


# --- YAML in every YAML file kind ---------------------------------------------------------------

def _laughs(depth: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, depth)]
    return "\n".join(lines) + f"\nbomb: *a{depth - 1}\n"


def _yaml_payloads(marker: Path) -> dict[str, str]:
    return {
        "billion-laughs": _laughs(),
        "merge-scalar": "base: &b 1\nthing:\n  <<: *b\n  x: 2\n",
        "merge-list-of-scalars": "base: &b 1\nthing:\n  <<: [*b, *b]\n",
        "python-apply": f'x: !!python/object/apply:os.system ["touch {marker}"]\n',
        "python-name": "x: !!python/name:os.system\n",
        "python-new": f'x: !!python/object/new:subprocess.check_output [["touch", "{marker}"]]\n',
        "tag-directive": "%TAG !! tag:evil.example.com,2024:\n---\nx: !!str 1\n",
        "anchor-cycle": "a: &a\n  b: *a\n",
    }


_YAML_KINDS = (("contract", CONTRACT, "contract lint"), ("cassette", CASSETTE, "verify"),
               ("baseline", "accepted.yaml", "verify --baseline {p}/accepted.yaml"),
               ("mapping", "contracts/mappings/shop-to-shop.yaml", "map lint"))


def _yaml_case(kind: str, relative: str, command: str, label: str) -> Case:
    case_id = f"yaml-attack:{kind}={label}"

    def setup(root: Path) -> list[str]:
        project = mini(root)
        marker = root / "PWNED"
        MARKERS[case_id] = marker
        text = _yaml_payloads(marker)[label]
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():  # the attack as the document's first key, the rest kept
            path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")
        return [*command.replace("{p}", str(project)).split(), "--project", str(project),
                "-f", "json"]
    return Case(case_id, setup, ANY if label == "tag-directive" else FAILS)


def yaml_cases() -> list[Case]:
    return [_yaml_case(kind, relative, command, label)
            for kind, relative, command in _YAML_KINDS
            for label in _yaml_payloads(Path("x"))]


def file_cases() -> list[Case]:
    return [*cassette_cases(), *dataset_cases(), *suite_cases(), *_json_number_cases(),
            *_ref_cases(), *_discriminator_cases(), *yaml_cases()]
