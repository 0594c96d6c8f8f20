"""Sync rules, privacy settings, suites and datasets built by an attacker or a careless user,
for ``hostile_fresh3``.

* ``sync-rule``: the ``identity``, ``version`` and ``sync`` parts of a copy of an example mapping
  in shapes YAML allows and the rules do not (a list for a table, a policy misspelt, an owner
  that is neither side, a duration that is none, a state machine whose states lead nowhere or
  contradict the conflict policy), run by ``map lint``.
* ``privacy-settings``: ``[tool.seamguard.privacy]`` with values of the wrong type, kinds that do
  not exist (a "did you mean" is expected), regions that are no ISO code, an empty region list,
  key lists of one empty name, run by ``privacy scan``.
* ``suite-nonsense``: expectations whose kwargs are each fine and together nonsense (a minimum
  above the maximum, ``mostly`` outside 0..1, a column pair of one column, an empty value set,
  a regex that does not compile or backtracks catastrophically), run by ``quality``.
* ``dataset-odd``: a Parquet file with no rows or no columns, a CSV whose line is longer than
  the document limit, NUL bytes in a header, JSON Lines of mixed encodings, a CSV that is a
  DuckDB database.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_operators import CSV, JSONL, MAPPING, _example
from tests.support.hostile_strategies import ANY, FAILS, TWO, json_args, mini
from tests.support.projects import MINI_SETTINGS

ONE = frozenset({1})

# --- sync rules ---------------------------------------------------------------------------------

Change = Callable[[dict[str, Any]], None]


def _set(*path: Any, value: Any) -> Change:
    def change(spec: dict[str, Any]) -> None:
        node = spec
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _machine(**changes: Any) -> Change:
    def change(spec: dict[str, Any]) -> None:
        spec["sync"]["state_machines"][0].update(changes)
    return change


SYNC_CASES: list[tuple[str, Change, frozenset[int], tuple[str, ...]]] = [
    ("sync-a-list", _set("sync", value=[{"conflict": {}}]), FAILS, ()),
    ("sync-a-text", _set("sync", value="last_write_wins"), FAILS, ()),
    ("conflict-a-list", _set("sync", "conflict", value=["last_write_wins"]), FAILS, ()),
    ("policy-misspelt", _set("sync", "conflict", "*", value={"policy": "last_writer_wins"}),
     FAILS, ("last_write_wins",)),
    ("policy-a-number", _set("sync", "conflict", "*", value={"policy": 1}), FAILS, ()),
    ("policy-missing", _set("sync", "conflict", "*", value={"expire_after": "P1D"}), FAILS, ()),
    ("policy-unknown-key", _set("sync", "conflict", "*", value={
        "policy": "last_write_wins", "expires_after": "P1D"}), FAILS, ("expire_after",)),
    ("owner-nobody", _set("sync", "conflict", "pipeline", value={"policy": "owner",
                                                                  "owner": "nobody"}),
     FAILS, ()),
    ("owner-missing", _set("sync", "conflict", "pipeline", value={"policy": "owner"}), FAILS,
     ()),
    ("conflict-unknown-field", _set("sync", "conflict", "dealnmae", value={
        "policy": "manual_review"}), FAILS, ("dealname",)),
    ("expire-not-duration", _set("sync", "conflict", "shopify_tags", value={
        "policy": "merge_set", "expire_after": "30 days"}), FAILS, ()),
    ("expire-empty-duration", _set("sync", "conflict", "shopify_tags", value={
        "policy": "merge_set", "expire_after": "P"}), FAILS, ()),
    ("expire-huge", _set("sync", "conflict", "shopify_tags", value={
        "policy": "merge_set", "expire_after": "P99999999999999999999D"}), FAILS, ()),
    ("expire-on-lww", _set("sync", "conflict", "*", value={
        "policy": "last_write_wins", "expire_after": "P1D"}), ANY, ()),
    ("merge-set-on-number", _set("sync", "conflict", "amount", value={"policy": "merge_set"}),
     ANY, ()),
    ("machine-unknown-field", _machine(field="dealstag"), FAILS, ("dealstage",)),
    ("machine-initial-unknown", _machine(initial=["nowhere"]), FAILS, ()),
    ("machine-initial-empty", _machine(initial=[]), ANY, ()),  # any state may be first
    ("machine-target-unknown", _machine(transitions={"contractsent": ["limbo"],
                                                     "closedwon": [], "closedlost": [],
                                                     "decisionmakerboughtin": []}), FAILS,
     ()),
    ("machine-transitions-list", _machine(transitions=["contractsent", "closedwon"]), FAILS,
     ()),
    ("machine-transitions-text", _machine(transitions={"contractsent": "closedwon"}), FAILS,
     ()),
    ("machine-twice-one-field", lambda spec: spec["sync"]["state_machines"].append(
        dict(spec["sync"]["state_machines"][0])), FAILS, ()),
    ("machine-on-manual-review", _set("sync", "conflict", "dealstage", value={
        "policy": "manual_review"}), ANY, ()),
    ("machine-cycle-only", _machine(initial=["contractsent"], transitions={
        "contractsent": ["closedwon"], "closedwon": ["contractsent"],
        "closedlost": [], "decisionmakerboughtin": []}), ANY, ()),
    ("refunds-unknown", _set("sync", "refunds", value="refund_all"), FAILS, ()),
    ("deletes-unknown", _set("sync", "deletes", value="nuke"), FAILS, ()),
    ("deletes-a-list", _set("sync", "deletes", value=["archive"]), FAILS, ()),
    ("identity-unknown-source", _set("identity", value={"source": "idd",
                                                         "target": "shopify_order_id"}),
     FAILS, ()),
    ("identity-a-list", _set("identity", value=["id"]), FAILS, ()),
    ("identity-empty", _set("identity", value={}), FAILS, ()),
    ("version-unknown-field", _set("version", value={"field": "updated", "tie_break": ["id"]}),
     FAILS, ()),
    ("version-tie-break-text", _set("version", value={"field": "updated_at",
                                                       "tie_break": "id"}), ANY, ()),
    ("version-tie-break-unknown", _set("version", value={"field": "updated_at",
                                                          "tie_break": ["nid"]}), FAILS, ()),
    ("version-null", _set("version", value=None), ANY, ()),  # as if not given
]


def _sync_case(label: str, change: Change, exits: frozenset[int],
               expect: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / MAPPING
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(spec)
        path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        return json_args("map lint", project)
    return Case(f"sync-rule:{label}", setup, exits, (Path(MAPPING).name, *expect))


# --- privacy settings -----------------------------------------------------------------------------

PRIVACY_CASES: list[tuple[str, str, tuple[str, ...]]] = [
    ("regions-text", 'regions = "CN"', ()),
    ("regions-empty", "regions = []", ()),
    ("regions-unknown", 'regions = ["XX", "CHN"]', ("XX",)),
    ("regions-number", "regions = [86]", ()),
    ("keys-kind-misspelt", 'keys = { phnoe = ["kontakt_tel"] }', ("phone",)),
    ("keys-kind-unknown", 'keys = { passport_scan = ["p"] }', ()),
    ("keys-text", 'keys = { phone = "kontakt_tel" }', ()),
    ("keys-a-list", 'keys = ["phone"]', ()),
    ("allow-number", "allow = [4008111111]", ()),
    ("allow-table", "allow = { a = 1 }", ()),
    ("allow-keys-text", 'allow_keys = "x"', ()),
    ("platforms-kind-misspelt", '[tool.seamguard.privacy.platforms.shop]\n'
                                'keys = { emial = ["mail"] }', ("email",)),
    ("platforms-a-list", 'platforms = ["shop"]', ()),
    ("pseudonym-env-lowercase", 'pseudonym_key_env = "my key"', ()),
    ("pseudonym-file-empty", 'pseudonym_key_file = ""', ()),
    ("scan-text", 'scan = "fixtures"', ()),
    ("scan-empty-path", 'scan = [""]', ()),
    ("unknown-key", 'regexes = ["(a+)+$"]', ()),
    ("privacy-a-list", None, ()),  # type: ignore[list-item]
]


def _privacy_case(label: str, lines: str | None, expect: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        if lines is None:
            text = MINI_SETTINGS + "\n[[tool.seamguard.privacy]]\nregions = [\"CN\"]\n"
        elif lines.startswith("["):
            text = MINI_SETTINGS + "\n" + lines + "\n"
        else:
            text = MINI_SETTINGS + "\n[tool.seamguard.privacy]\n" + lines + "\n"
        project = mini(root, text)
        return ["privacy", "scan", "--project", str(project), "-f", "json"]
    return Case(f"privacy-settings:{label}", setup, TWO, ("pyproject.toml", *expect))


# --- suites -------------------------------------------------------------------------------------

SUITE = "suites/hubspot_contacts.json"
_COLUMN = "shopify_customer_id"

SUITE_CASES: list[tuple[str, dict[str, Any], frozenset[int]]] = [
    ("between-min-above-max", {"type": "expect_column_values_to_be_between",
                               "kwargs": {"column": _COLUMN, "min_value": 10,
                                          "max_value": 1}}, FAILS),
    ("row-count-negative", {"type": "expect_table_row_count_to_be_between",
                            "kwargs": {"min_value": -5, "max_value": -1}}, FAILS),
    ("mostly-above-one", {"type": "expect_column_values_to_not_be_null",
                          "kwargs": {"column": "email", "mostly": 2}}, FAILS),
    ("mostly-negative", {"type": "expect_column_values_to_not_be_null",
                         "kwargs": {"column": "email", "mostly": -0.5}}, FAILS),
    ("mostly-text", {"type": "expect_column_values_to_not_be_null",
                     "kwargs": {"column": "email", "mostly": "most"}}, FAILS),
    ("pair-one-column", {"type": "expect_column_pair_values_to_be_equal",
                         "kwargs": {"column_A": "email", "column_B": "email"}}, ANY),
    ("value-set-empty", {"type": "expect_column_values_to_be_in_set",
                         "kwargs": {"column": "lifecyclestage", "value_set": []}}, FAILS),
    ("value-set-text", {"type": "expect_column_values_to_be_in_set",
                        "kwargs": {"column": "lifecyclestage", "value_set": "lead"}}, FAILS),
    ("lengths-min-above-max", {"type": "expect_column_value_lengths_to_be_between",
                               "kwargs": {"column": "email", "min_value": 50,
                                          "max_value": 3}}, FAILS),
    ("regex-broken", {"type": "expect_column_values_to_match_regex",
                      "kwargs": {"column": "email", "regex": "([a-z"}}, FAILS),
    ("regex-catastrophic", {"type": "expect_column_values_to_match_regex",
                            "kwargs": {"column": "email", "regex": "^(([a-z0-9.]+)+)+!$"}},
     FAILS),
    ("regex-number", {"type": "expect_column_values_to_match_regex",
                      "kwargs": {"column": "email", "regex": 5}}, FAILS),
    ("strict-equal-bounds", {"type": "expect_column_values_to_be_between",
                             "kwargs": {"column": _COLUMN, "min_value": 3, "max_value": 3,
                                        "strict_min": True, "strict_max": True}}, FAILS),
    ("between-text-bounds", {"type": "expect_column_values_to_be_between",
                             "kwargs": {"column": _COLUMN, "min_value": "z",
                                        "max_value": 5}}, FAILS),
    ("column-unknown", {"type": "expect_column_values_to_be_unique",
                        "kwargs": {"column": "shopify_customer_idd"}}, FAILS),
    ("column-empty", {"type": "expect_column_values_to_be_unique", "kwargs": {"column": ""}},
     FAILS),
]


def _suite_case(label: str, expectation: dict[str, Any], exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / SUITE
        suite = json.loads(path.read_text(encoding="utf-8"))
        suite["expectations"].append(expectation)
        path.write_text(json.dumps(suite, ensure_ascii=False, indent=2), encoding="utf-8")
        return [*json_args("quality", project), "--only", "suite=hubspot_contacts"]
    return Case(f"suite-nonsense:{label}", setup, exits, ("hubspot_contacts.json",))


# --- datasets -----------------------------------------------------------------------------------

PARQUET = "fixtures/datasets/hubspot_deals.parquet"
_DEALS = "quality --only dataset=hubspot_deals"
_CONTACTS = "quality --only dataset=hubspot_contacts"
_ORDERS = "quality --only dataset=shopify_orders"


def _parquet_rows_none(path: Path) -> None:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    pq.write_table(table.slice(0, 0), path)


def _parquet_columns_none(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({}), path)


def _duckdb_as(path: Path) -> None:
    import duckdb

    path.unlink()
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select 1 as a")


def _long_line(path: Path) -> None:
    head, rest = path.read_bytes().split(b"\n", 1)
    path.write_bytes(head + b"\n" + b"a" * (3 * 1024 * 1024) + b"," * 6 + b"\n" + rest)


def _mixed_jsonl(path: Path) -> None:
    lines = path.read_bytes().splitlines()
    lines[1] = json.dumps({"id": 1, "name": "上海市浦东新区"}, ensure_ascii=False).encode("gbk")
    lines[2] = lines[2].decode("utf-8").encode("utf-16")
    path.write_bytes(b"\n".join(lines) + b"\n")


def _csv_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)


DATASET_CASES: list[tuple[str, str, Callable[[Path], None], str, frozenset[int]]] = [
    ("parquet-no-rows", PARQUET, _parquet_rows_none, _DEALS, ANY),
    ("parquet-no-columns", PARQUET, _parquet_columns_none, _DEALS,
     FAILS),
    ("parquet-zero-bytes", PARQUET, lambda p: p.write_bytes(b""), _DEALS,
     FAILS),
    ("parquet-is-csv", PARQUET, lambda p: p.write_bytes(b"a,b\n1,2\n"),
     _DEALS, FAILS),
    ("csv-line-past-limit", CSV, _long_line, _CONTACTS, FAILS),
    ("csv-nul-in-header", CSV, lambda p: p.write_bytes(p.read_bytes().replace(
        b"email", b"em\x00ail", 1)), _CONTACTS, FAILS),
    ("csv-only-nuls", CSV, lambda p: p.write_bytes(b"\x00" * 4096),
     _CONTACTS, FAILS),
    ("csv-is-duckdb", CSV, _duckdb_as, _CONTACTS, FAILS),
    ("csv-header-only-crlf", CSV, lambda p: p.write_bytes(p.read_bytes().split(b"\n")[0]
                                                          + b"\r\n"),
     _CONTACTS, ANY),
    ("csv-zip", CSV, lambda p: _csv_bytes(p, _zip_of(p.read_bytes())),
     _CONTACTS, FAILS),
    ("jsonl-mixed-encodings", JSONL, _mixed_jsonl, _ORDERS, FAILS),
    ("jsonl-only-blank-lines", JSONL, lambda p: p.write_bytes(b"\n\n\n"),
     _ORDERS, ANY),
    ("reconcile-parquet-no-columns", PARQUET, _parquet_columns_none, "reconcile", FAILS),
    ("reconcile-csv-is-duckdb", CSV, _duckdb_as, "reconcile", FAILS),
]


def _zip_of(data: bytes) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("hubspot_contacts.csv", data)
    return buffer.getvalue()


def _dataset_case(label: str, relative: str, change: Callable[[Path], None], command: str,
                  exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        if label == "csv-line-past-limit":
            settings = project / "pyproject.toml"
            text = settings.read_text(encoding="utf-8")
            settings.write_text(text.replace("[tool.seamguard]\n",
                                             "[tool.seamguard]\nmax_document_mb = 1\n", 1),
                                encoding="utf-8")
        change(project / relative)
        return json_args(command, project)
    # the dataset by name: a file that reads but breaks a suite is named by the suite's line
    return Case(f"dataset-odd:{label}", setup, exits, (Path(relative).stem,))


def rule_cases() -> list[Case]:
    return [*(_sync_case(*row) for row in SYNC_CASES),
            *(_privacy_case(*row) for row in PRIVACY_CASES),
            *(_suite_case(*row) for row in SUITE_CASES),
            *(_dataset_case(*row) for row in DATASET_CASES)]
