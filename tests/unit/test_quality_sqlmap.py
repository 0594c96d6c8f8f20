"""The mapping compiled to SQL computes what the Python mapping engine computes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.mapping.engine import compile_mapping
from seamguard.mapping.spec import load_mapping
from seamguard.quality.sqlmap import NotCompilable, compile_rule, compile_rules
from tests.support.projects import REPO

MAPPINGS = REPO / "contracts" / "mappings"
ORDERS = load_mapping(MAPPINGS / "shopify-order-to-hubspot-deal.yaml", display="orders")
ENGINE = compile_mapping(ORDERS.spec, base_dir=REPO)

_text = st.text(alphabet=st.sampled_from("ab 中文#-VIP618,"), max_size=12)
_price = st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False).map(str)
_when = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.strftime("%Y-%m-%dT%H:%M:%S")).flatmap(
    lambda t: st.sampled_from([f"{t}+08:00", f"{t}Z", f"{t}-05:30"]))
orders = st.fixed_dictionaries({
    "id": st.integers(min_value=1, max_value=2**53),
    "name": _text,
    "total_price": _price,
    "currency": st.sampled_from(["CNY", " cny", "usd "]),
    "financial_status": st.sampled_from(sorted(ORDERS.spec.enums["deal_stage"])),
    "processed_at": _when,
    "tags": _text,
    "cancel_reason": st.none() | st.sampled_from(["customer", "fraud"]),
})


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    return connection


def _sql_values(con: duckdb.DuckDBPyConnection, records: list[dict[str, Any]],
                tmp: Path) -> list[dict[str, Any]]:
    path = tmp / "orders.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    fields, failed = compile_rules("duckdb", ORDERS.spec)
    assert not failed
    select = ", ".join(f'{f.sql} AS "{f.target}"' for f in fields)
    rows = con.execute(
        f"SELECT {select} FROM read_json('{path}', format='newline_delimited', "
        "dateformat='never', timestampformat='never', columns={id: 'BIGINT', name: 'VARCHAR', "
        "total_price: 'VARCHAR', currency: 'VARCHAR', financial_status: 'VARCHAR', "
        "processed_at: 'VARCHAR', tags: 'VARCHAR', cancel_reason: 'VARCHAR'}) s").fetchall()
    return [dict(zip([f.target for f in fields], row, strict=True)) for row in rows]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(orders, min_size=1, max_size=8))
def test_compiled_rules_agree_with_the_python_engine(
        con: duckdb.DuckDBPyConnection, tmp_path: Path, records: list[dict[str, Any]]) -> None:
    for record, row in zip(records, _sql_values(con, records, tmp_path), strict=True):
        expected, _ = ENGINE.apply(record)
        for target, value in row.items():
            want = expected.get(target)
            got = None if value is None else str(value)
            if target == "shopify_tags" or target == "dealname":
                want, got = (want or None), (got or None)  # empty and absent are one
            assert got == want, (target, record)


def test_transform_without_sql_form_names_its_step() -> None:
    contacts = load_mapping(MAPPINGS / "shopify-customer-to-hubspot-contact.yaml",
                            display="contacts").spec
    _, failed = compile_rules("postgresql", contacts)
    assert [(index, rule.target, exc.step) for index, rule, exc in failed] == [
        (3, "mobilephone", "phone_e164")]
    with pytest.raises(NotCompilable, match="phone_e164"):
        compile_rule("duckdb", contacts, 3, contacts.fields[3])


def test_postgres_reads_nested_source_paths_from_jsonb() -> None:
    contacts = load_mapping(MAPPINGS / "shopify-customer-to-hubspot-contact.yaml",
                            display="contacts").spec
    city = compile_rule("postgresql", contacts, 4, contacts.fields[4])
    assert city.sql == """trim(CAST((s."default_address"->>'city') AS TEXT))"""


@pytest.mark.parametrize("dialect", ["duckdb", "postgresql"])
def test_a_backtracking_regex_replace_is_never_sent_to_a_database(dialect: str) -> None:
    rule = ORDERS.spec.fields[1].model_copy(update={"transforms": [
        {"regex_replace": {"pattern": r"(\w+\s?)+$", "replacement": "x"}}]})
    from seamguard.errors import UsageError

    # the transform itself refuses the pattern (as `map lint` does), so no SQL form is tried
    with pytest.raises(UsageError, match="backtracks catastrophically") as caught:
        compile_rule(dialect, ORDERS.spec, 1, rule)
    assert caught.value.pointer == "/fields/1/transforms/0"
    assert r"(\\w+\\s?)+$" in caught.value.message
    # the prefix the example mapping writes still compiles
    assert "Shopify " in compile_rule(dialect, ORDERS.spec, 1, ORDERS.spec.fields[1]).sql


@pytest.mark.parametrize(("step", "said"), [
    ({"truncate": {"length": 60}}, "unknown parameter 'length'"),
    ({"decimal": {"places": "two"}}, "places"),
    ({"regex_replace": {"pattern": "("}}, "regex_replace")])
def test_parameters_a_transform_refuses_are_a_usage_error_at_the_step(
        step: dict[str, Any], said: str) -> None:
    from seamguard.errors import UsageError
    from seamguard.mapping.spec import FieldRule

    rule = FieldRule(target="title", source="title", transforms=["trim", step])
    with pytest.raises(UsageError, match=said) as caught:
        compile_rule("duckdb", ORDERS.spec, 7, rule)
    assert caught.value.pointer == "/fields/7/transforms/1"
    assert caught.value.message.startswith("rule 7 (title): transform ")
