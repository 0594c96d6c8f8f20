"""Contracts, probe settings, suites and datasets built by an attacker or a careless user, for
``hostile_fresh4``.

* ``regex4``: a contract ``pattern`` that backtracks catastrophically (nested and overlapping
  quantifiers, alternations of one letter, ECMA-only syntax) in every place a recorded value
  meets it: a property, ``propertyNames``, ``patternProperties`` and a response header, each
  against a recorded value of 20,000 characters that almost matches. ``verify`` must answer
  within the time bound: a finding, or the pattern refused with one.
* ``probe-number4``: every number option of ``probe`` given a number it does not take (a
  fraction where a whole number is meant, an exponent, hex, a unit, a decimal comma, a
  fraction in slash form), and every number key of ``schemathesis.toml`` given a value of each
  TOML type, each against a loopback server that answers as the contract says.
* ``gx4``: every expectation type Great Expectations ships (walked from GX's own
  ``expectations.core``), its required kwargs filled by their declared type, on a column, pair
  of columns or column list the dataset does not have (or an impossible table bound): the run
  must not pass. And suites as each GX version exports them (0.13, 0.15, 0.18, 1.x: extra
  metadata, ``rendered_content``, ids, ``evaluation_parameters``), with one expectation that
  fails: a suite read as empty is a silent pass.
* ``dataset4``: duplicate headers, mixed types in the key column, a cell of 8 MB, NUL in a
  cell, an unterminated quote, duplicate keys in one JSON Lines object, Parquet with two columns
  of one name or a key column of nulls only, and a dataset named ``.xlsx``.
"""

from __future__ import annotations

import inspect
import io
import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support import hostile_servers as servers
from tests.support.hostile_cases import Case
from tests.support.hostile_operators import CSV, JSONL, _example
from tests.support.hostile_strategies import ANY, FAILS, HELD, TWO, Raw, json_args, mini, toml_value
from tests.support.projects import (
    MINI_CONTRACT,
    MINI_SETTINGS,
    good_order,
    interaction,
    mini_project,
)

ONE = frozenset({1})

# --- catastrophic patterns ----------------------------------------------------------------------

PATTERNS: dict[str, str] = {
    "nested-plus": "^(a+)+$",
    "alternation-same": "^(a|a)*$",
    "alternation-overlap": "^(a|aa)+$",
    "repeat-of-star": "^(.*a){25}$",
    "letters-star-star": "^([a-zA-Z]+)*$",
    "words-spaces": "^(\\w+\\s?)*$",
    "ecma-named-group": "^(?<g>a+)+$",
    "unicode-property": "^(\\p{L}+)+$",
    "backreference": "^(a+)+\\1$",
    "lookahead-nested": "^(?=(a+)+$)a*$",
}
_LONG = "a" * 20_000 + "!"


def _regex_contract(position: str, pattern: str) -> tuple[str, dict[str, Any], dict[str, str]]:
    quoted = json.dumps(pattern)
    headers = {"Content-Type": "application/json", "X-Request-Id": "r1"}
    order = good_order()
    contract = MINI_CONTRACT
    if position == "property":
        contract = contract.replace('note: {type: [string, "null"]}',
                                    f'note: {{type: [string, "null"], pattern: {quoted}}}')
        order["note"] = _LONG
    elif position == "property-names":
        contract = contract.replace("      required: [id, status, total, created_at]\n",
                                    "      required: [id, status, total, created_at]\n"
                                    f"      propertyNames: {{pattern: {quoted}}}\n")
        order[_LONG] = 1
    elif position == "pattern-properties":
        contract = contract.replace("      required: [id, status, total, created_at]\n",
                                    "      required: [id, status, total, created_at]\n"
                                    f"      patternProperties: {{{quoted}: {{type: integer}}}}\n")
        order[_LONG] = "text"
    else:
        contract = contract.replace("X-Request-Id: {required: true, schema: {type: string}}",
                                    "X-Request-Id: {required: true, schema: {type: string, "
                                    f"pattern: {quoted}}}}}")
        headers["X-Request-Id"] = _LONG
    return contract, order, headers


def _regex_case(position: str, label: str, pattern: str) -> Case:
    def setup(root: Path) -> list[str]:
        contract, order, headers = _regex_contract(position, pattern)
        project = mini_project(root / "p", contract=contract, interactions=[interaction(
            {"order": order}, headers={k: [v] for k, v in headers.items()})])
        return json_args("verify", project)
    # a key only patternProperties names may not match: nothing to find, but an answer in time
    exits = ANY if position == "pattern-properties" else FAILS
    return Case(f"regex4-{position}:{label}", setup, exits)


def _live_regex_case(which: str, label: str, pattern: str) -> Case:
    """The same pattern met by a live answer: ``probe`` (schemathesis validates in Python)
    and drift's live fetch."""
    body = json.dumps({"order": good_order(note="a" * 40 + "!")}).encode()

    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"X-Request-Id: r1\r\n" + f"Content-Length: {len(body)}\r\n"
                     "Connection: close\r\n\r\n".encode() + body)

    def setup(root: Path) -> list[str]:
        origin = HELD.enter_context(servers.raw_server(respond)).origin
        settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + (
            'live = [{path = "/orders/1.json"}]\n' if which == "live" else "") + \
            "[tool.seamguard.network]\ndeadline = 5.0\ntimeout = 2.0\n"
        contract = MINI_CONTRACT.replace(
            'note: {type: [string, "null"]}',
            f'note: {{type: [string, "null"], pattern: {json.dumps(pattern)}}}')
        project = mini_project(root / "p", contract=contract, settings=settings)
        command = "probe shop" if which == "probe" else "drift run"
        return [*json_args(command, project), *(["--max-examples", "2"]
                                                if which == "probe" else [])]
    return Case(f"regex4-{which}:{label}", setup, FAILS)


def regex_cases() -> list[Case]:
    return [*(_regex_case(position, label, pattern)
              for position in ("property", "property-names", "pattern-properties", "header")
              for label, pattern in PATTERNS.items()),
            *(_live_regex_case(which, label, pattern) for which in ("probe", "live")
              for label, pattern in PATTERNS.items())]


# --- probe numbers ------------------------------------------------------------------------------

_ORDER_BODY = json.dumps({"order": good_order()}).encode()


def _order_server(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: r1\r\n"
                 + f"Content-Length: {len(_ORDER_BODY)}\r\nConnection: close\r\n\r\n".encode()
                 + _ORDER_BODY)


def _probe_project(root: Path) -> Path:
    origin = HELD.enter_context(servers.raw_server(_order_server)).origin
    settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + \
        "[tool.seamguard.network]\ndeadline = 5.0\ntimeout = 2.0\n"
    return mini(root, settings)


# Values no whole number or no number of seconds is spelt with: each must be refused.
_NOT_WHOLE = ["2.5", "1e3", "0x10", "5s", "1,5", "10/2", "\u00bd", "2.01"]
_NOT_SECONDS = ["5s", "1,5", "10/2", "0x1p-2", "\u00bd", "1e", "--1"]
PROBE_OPTIONS: dict[str, list[str]] = {
    "--max-time": _NOT_WHOLE, "--seed": _NOT_WHOLE,
    # one pass of this many requests against a server that answers at once: without end
    "--max-examples": [*_NOT_WHOLE, "99999999", "100000000000000000000"],
    "--timeout": _NOT_SECONDS, "--max-response-time": _NOT_SECONDS,
}


def _probe_cli_case(option: str, value: str) -> Case:
    def setup(root: Path) -> list[str]:
        return [*json_args("probe shop", _probe_project(root)), "--max-examples", "1",
                option, value]
    return Case(f"probe-number4-cli:{option}={value}", setup, TWO, (option,))


# schemathesis.toml keys that hold numbers, and whether a fraction is one of them.
ST_KEYS: dict[str, bool] = {
    "max-time": False, "request-timeout": True, "seed": False, "max-redirects": False,
    "generation.max-examples": False, "checks.max_response_time": True,
}
ST_VALUES: dict[str, Any] = {
    "fraction": 2.5, "text-number": "10", "bool": True, "negative": -1, "huge-float": 1e300,
    "list": [5], "table": {"a": 1}, "nan": float("nan"), "inf": float("inf"), "zero": 0,
    "twenty-digits": 10**20, "empty-text": "", "date": Raw("1979-05-27"),
}


def _st_expected(key: str, label: str) -> frozenset[int]:
    fraction_ok = ST_KEYS[key]
    if label == "zero" or (key == "seed" and label in ("negative", "twenty-digits")):
        return ANY
    if label == "fraction" and fraction_ok:
        return ANY
    return TWO


def _st_case(key: str, label: str, value: Any) -> Case:
    def setup(root: Path) -> list[str]:
        project = _probe_project(root)
        *tables, name = key.split(".")
        text = (f"[{'.'.join(tables)}]\n" if tables else "") + f"{name} = {toml_value(value)}\n"
        (project / "schemathesis.toml").write_text(text, encoding="utf-8")
        return [*json_args("probe shop", project), "--max-examples", "1"]
    return Case(f"probe-number4-toml:{key}={label}", setup, _st_expected(key, label),
                ("schemathesis.toml",))


def probe_cases() -> list[Case]:
    return [*(_probe_cli_case(option, value) for option, values in PROBE_OPTIONS.items()
              for value in values),
            *(_st_case(key, label, value) for key in ST_KEYS
              for label, value in ST_VALUES.items())]


# --- Great Expectations suites ------------------------------------------------------------------

SUITE = "suites/hubspot_contacts.json"
_TABLE_KWARGS: dict[str, dict[str, Any]] = {
    "expect_table_column_count_to_be_between": {"min_value": 10_000, "max_value": 20_000},
    "expect_table_column_count_to_equal": {"value": 10_000},
    "expect_table_columns_to_match_ordered_list": {"column_list": ["no_such_column"]},
    "expect_table_columns_to_match_set": {"column_set": ["no_such_column"],
                                          "exact_match": True},
    "expect_table_row_count_to_be_between": {"min_value": 10**9, "max_value": 10**10},
    "expect_table_row_count_to_equal": {"value": 10**9},
    "expect_table_row_count_to_equal_other_table": {"other_table_name": "no_such_table"},
    "unexpected_rows_expectation": {"unexpected_rows_query": "SELECT * FROM {batch}"},
    "expect_query_results_to_match_comparison": {
        "base_query": "SELECT 1", "comparison_data_source_name": "nowhere",
        "comparison_query": "SELECT 2"},
}


def _filled(name: str, annotation: Any) -> Any:
    """A value of the declared type for a required kwarg the test does not care about."""
    if name.startswith("column_") and name[-1] in "AB":
        return f"no_such_{name[-1].lower()}"
    if name == "column":
        return "no_such_column"
    if name == "column_list":
        return ["no_such_column", "no_such_other"]
    if name == "value_pairs_set":
        return [["a", "b"]]
    if name == "quantile_ranges":
        return {"quantiles": [0.5], "value_ranges": [[0, 1]]}
    text = str(annotation)
    if "List" in text or "Sequence" in text or "list" in text:
        return ["x"]
    if "bool" in text:
        return True
    if "float" in text or "int" in text:
        return 1
    if text.startswith("<class 'dict'>"):
        return {}
    return "x"


def gx_expectations() -> dict[str, dict[str, Any]]:
    """Every expectation type of GX's core, with its required kwargs filled."""
    import great_expectations.expectations.core as core
    from great_expectations.expectations.expectation import Expectation

    found: dict[str, dict[str, Any]] = {}
    for value in vars(core).values():
        if not (inspect.isclass(value) and issubclass(value, Expectation)):
            continue
        name = value.__module__.rsplit(".", 1)[-1]
        fields = getattr(value, "__fields__", None) or getattr(value, "model_fields", {})
        required = {key: _filled(key, getattr(f, "outer_type_", getattr(f, "annotation", "")))
                    for key, f in fields.items()
                    if getattr(f, "required", None) is True
                    or (callable(getattr(f, "is_required", None)) and f.is_required())}
        found[name] = {**required, **_TABLE_KWARGS.get(name, {})}
    return found


def _suite_with(root: Path, expectations: list[dict[str, Any]],
                shape: Callable[[list[dict[str, Any]]], dict[str, Any]] | None = None) -> Path:
    project = _example(root)
    path = project / SUITE
    suite = json.loads(path.read_text(encoding="utf-8"))
    if shape is None:
        suite["expectations"] = expectations
    else:
        suite = shape(expectations)
    path.write_text(json.dumps(suite, ensure_ascii=False, indent=2), encoding="utf-8")
    return project


def _gx_case(name: str, kwargs: dict[str, Any]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _suite_with(root, [{"type": name, "kwargs": kwargs}])
        return [*json_args("quality", project), "--only", "suite=hubspot_contacts"]
    return Case(f"gx4-type:{name}", setup, FAILS, ("hubspot_contacts.json",))


_FAILING = {"type": "expect_table_row_count_to_equal", "kwargs": {"value": 10**9}}


def _legacy(version: str, **extra: Any) -> Callable[[list[dict[str, Any]]], dict[str, Any]]:
    def shape(expectations: list[dict[str, Any]]) -> dict[str, Any]:
        return {"expectation_suite_name": "hubspot_contacts", "data_asset_type": "Dataset",
                "ge_cloud_id": None,
                "meta": {"great_expectations_version": version, "citations": [{
                    "citation_date": "2023-01-01T00:00:00Z", "comment": "profiled",
                    "batch_request": {"datasource_name": "pg", "data_asset_name": "contacts"}}]},
                "expectations": [{"expectation_type": e["type"], "kwargs": e["kwargs"],
                                  "meta": {"notes": "from the profiler"}, **extra}
                                 for e in expectations]}
    return shape


def _modern(version: str, **extra: Any) -> Callable[[list[dict[str, Any]]], dict[str, Any]]:
    def shape(expectations: list[dict[str, Any]]) -> dict[str, Any]:
        return {"name": "hubspot_contacts", "id": "0c1b6a86-7bb8-4e7b-a1f5-5d9d1c0f8e21",
                "notes": "exported", "meta": {"great_expectations_version": version},
                "expectations": [{**e, "id": f"0c1b6a86-7bb8-4e7b-a1f5-5d9d1c0f8e2{n}",
                                  "meta": {}, "notes": None, "description": None,
                                  "rendered_content": None, "severity": "critical", **extra}
                                 for n, e in enumerate(expectations)]}
    return shape


EXPORTS: dict[str, Callable[[list[dict[str, Any]]], dict[str, Any]]] = {
    "ge-0.13": _legacy("0.13.49"),
    "ge-0.15": _legacy("0.15.50", ge_cloud_id=None),
    "ge-0.18": _legacy("0.18.12", rendered_content=[{"name": "atomic.prescriptive.summary",
                                                      "value_type": "StringValueType"}]),
    "gx-1.0": _modern("1.0.5"),
    "gx-1.3": _modern("1.3.9", expectation_context={"description": "row count"}),
    "gx-1.x-catalog": _modern("1.5.0", catalog_entry_id=None, windows=None,
                              batch_id="pg-contacts"),
}


def _export_case(label: str, shape: Callable[[list[dict[str, Any]]], dict[str, Any]],
                 expectations: list[dict[str, Any]], suffix: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = _suite_with(root, expectations, shape)
        return [*json_args("quality", project), "--only", "suite=hubspot_contacts"]
    return Case(f"gx4-export:{label}{suffix}", setup, FAILS, ("hubspot_contacts.json",))


def gx_cases() -> list[Case]:
    cases = [_gx_case(name, kwargs) for name, kwargs in sorted(gx_expectations().items())]
    for label, shape in EXPORTS.items():
        cases.append(_export_case(label, shape, [_FAILING], ""))
        # 0.x evaluation parameters: a bound that comes from another run
        cases.append(_export_case(label, shape, [{
            "type": "expect_table_row_count_to_be_between",
            "kwargs": {"min_value": {"$PARAMETER": "urn:great_expectations:validations:x"},
                       "max_value": 10}}], "+parameter"))
    return cases


# --- datasets -----------------------------------------------------------------------------------

PARQUET = "fixtures/datasets/hubspot_deals.parquet"
_CONTACTS = ("quality", "hubspot_contacts")
_ORDERS = ("quality", "shopify_orders")
_DEALS = ("quality", "hubspot_deals")


def _csv_rows(path: Path) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _csv_write(path: Path, rows: list[list[str]]) -> None:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _csv_dup_key_header(path: Path) -> None:
    rows = _csv_rows(path)
    index = rows[0].index("shopify_customer_id")
    rows[0][(index + 1) % len(rows[0])] = "shopify_customer_id"
    _csv_write(path, rows)


def _csv_dup_all(path: Path) -> None:
    rows = _csv_rows(path)
    _csv_write(path, [[*row, *row] for row in rows])


def _csv_mixed_key(path: Path) -> None:
    rows = _csv_rows(path)
    index = rows[0].index("shopify_customer_id")
    for number, row in enumerate(rows[1:]):
        row[index] = ["1.5", "abc", "", "1e400", "[1]", "true"][number % 6]
    _csv_write(path, rows)


def _csv_cell(value: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        rows = _csv_rows(path)
        rows[1][rows[0].index("email")] = value
        _csv_write(path, rows)
    return change


def _unterminated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data + b'"unterminated,' + b"x" * 1000)


def _jsonl_dup_key(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = '{"id": 1, ' + lines[0][1:].replace('"id":', '"id_": ', 1)[:-1] + ', "id": 2}'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _jsonl_mixed_id(path: Path) -> None:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for number, record in enumerate(lines):
        record["id"] = [1, "1", [1], {"a": 1}, None, 1.5][number % 6]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")


def _jsonl_field(key: str, value: Any) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        lines[0][key] = value
        path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    return change


def _parquet_dup_columns(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    pq.write_table(pa.Table.from_arrays([*table.columns, table.column(0)],
                                        names=[*table.column_names, table.column_names[0]]),
                   path)


def _parquet_null_key(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    index = table.column_names.index("shopify_order_id")
    pq.write_table(table.set_column(index, "shopify_order_id",
                                    pa.nulls(table.num_rows, pa.string())), path)


def _parquet_nested_key(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    index = table.column_names.index("shopify_order_id")
    nested = pa.array([{"id": str(n)} for n in range(table.num_rows)])
    pq.write_table(table.set_column(index, "shopify_order_id", nested), path)


def _parquet_huge_cell(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    index = table.column_names.index("shopify_order_id")
    values = table.column(index).to_pylist()
    values[0] = "9" * (8 << 20)
    pq.write_table(table.set_column(index, "shopify_order_id", pa.array(values, pa.string())),
                   path)


_MB8 = "x" * (8 << 20)
DATASETS: list[tuple[str, str, Callable[[Path], None], tuple[str, str], frozenset[int]]] = [
    ("csv-duplicate-key-header", CSV, _csv_dup_key_header, _CONTACTS, FAILS),
    ("csv-every-header-twice", CSV, _csv_dup_all, _CONTACTS, FAILS),
    ("csv-mixed-types-in-key", CSV, _csv_mixed_key, _CONTACTS, FAILS),
    ("csv-cell-8mb", CSV, _csv_cell(_MB8), _CONTACTS, FAILS),
    ("csv-nul-in-cell", CSV, _csv_cell("a\x00b@example.com"), _CONTACTS, ANY),
    ("csv-unterminated-quote", CSV, _unterminated, _CONTACTS, FAILS),
    ("csv-header-only", CSV, lambda p: p.write_bytes(p.read_bytes().split(b"\n")[0] + b"\n"),
     _CONTACTS, ANY),
    ("csv-empty", CSV, lambda p: p.write_bytes(b""), _CONTACTS, FAILS),
    ("csv-bom-then-duplicate", CSV, lambda p: (_csv_dup_key_header(p), p.write_bytes(
        b"\xef\xbb\xbf" + p.read_bytes()))[-1], _CONTACTS, FAILS),
    ("jsonl-duplicate-key-in-object", JSONL, _jsonl_dup_key, _ORDERS, FAILS),
    ("jsonl-mixed-types-in-key", JSONL, _jsonl_mixed_id, _ORDERS, FAILS),
    ("jsonl-string-8mb", JSONL, _jsonl_field("note", _MB8), _ORDERS, ANY),
    ("jsonl-nul-in-string", JSONL, _jsonl_field("email", "a\x00b@example.com"), _ORDERS, ANY),
    ("jsonl-truncated-last-line", JSONL, lambda p: p.write_bytes(p.read_bytes()[:-40]),
     _ORDERS, FAILS),
    ("jsonl-empty-key", JSONL, _jsonl_field("", 1), _ORDERS, ANY),
    ("parquet-duplicate-columns", PARQUET, _parquet_dup_columns, _DEALS, FAILS),
    ("parquet-null-key-column", PARQUET, _parquet_null_key, _DEALS, FAILS),
    ("parquet-struct-key-column", PARQUET, _parquet_nested_key, _DEALS, ANY),
    ("parquet-cell-8mb", PARQUET, _parquet_huge_cell, _DEALS, ANY),
]


def _dataset_case(label: str, relative: str, change: Callable[[Path], None],
                  command: tuple[str, str], exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        change(project / relative)
        verb, name = command
        return [*json_args(verb, project), "--only", f"dataset={name}"]
    return Case(f"dataset4:{label}", setup, exits)


def _xlsx_case(label: str, edit: Callable[[str], str]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        (project / "fixtures/datasets/hubspot_contacts.xlsx").write_bytes(
            b"PK\x03\x04" + b"\x00" * 200)
        settings = project / "pyproject.toml"
        settings.write_text(edit(settings.read_text(encoding="utf-8")), encoding="utf-8")
        return [*json_args("quality", project), "--only", "dataset=hubspot_contacts"]
    return Case(f"dataset4:{label}", setup, FAILS)


def dataset_cases() -> list[Case]:
    old = 'path = "fixtures/datasets/hubspot_contacts.csv"'
    return [*(_dataset_case(*row) for row in DATASETS),
            _xlsx_case("xlsx-path", lambda t: t.replace(
                old, 'path = "fixtures/datasets/hubspot_contacts.xlsx"', 1)),
            _xlsx_case("xlsx-format", lambda t: t.replace(
                old, old + '\nformat = "xlsx"', 1)),
            _xlsx_case("xlsx-as-csv", lambda t: t.replace(
                old, 'path = "fixtures/datasets/hubspot_contacts.xlsx"\nformat = "csv"', 1))]


def file_cases() -> list[Case]:
    return [*regex_cases(), *probe_cases(), *gx_cases(), *dataset_cases()]

