# ruff: noqa: RUF001
"""The eighth corpus end to end through the CLI, as the sixth's
(:mod:`tests.support.fresh_pii6_cli`): ``drift run`` against a 127.0.0.1 server answering with
the eighth corpus's platform payloads (recorded, compared with a contract every field of which
has the wrong type, alerts posted to a webhook), ``record`` of one answer, and ``quality`` over
CSV, Parquet and xlsx datasets whose failing samples hold Macau and Taiwan phones, a pinyin
name and a Hong Kong address beside waybills and SKUs whose digits look like phones."""

from __future__ import annotations

import json
from typing import Any

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_cli import run_cli
from tests.support.fresh_pii8_values import ORDINARY


def _payloads(v: dict[str, str]) -> dict[str, Any]:
    from tests.support.fresh_pii8 import platform_payloads

    o = ORDINARY
    bodies = platform_payloads(v, o)
    bodies["drift"] = {"buyer": {"order_sn": o["shopee_sn"], "contact": v["e2e/drift-phone"],
                                 "display": v["e2e/drift-name"], "mail": v["e2e/drift-email"],
                                 "sku": o["sku"], "total": o["amount"],
                                 "memo": f"客戶{v['e2e/drift-name']}來電 {v['e2e/drift-phone']}"
                                         f"，運單 {o['zto']}"}}
    return bodies


def _rows(v: dict[str, str]) -> list[dict[str, str]]:
    o = ORDINARY
    return [{"id": "1", "contact": v["e2e/quality-phone"], "who": v["e2e/quality-name"],
             "where": v["e2e/quality-address"], "sku": o["sku"], "amount": o["amount"],
             "company": o["company"], "tracking": o["zto"]},
            {"id": "2", "contact": "n/a", "who": o["company_en"], "where": o["city"],
             "sku": o["sku_dash"], "amount": o["amount"], "company": o["company_en"],
             "tracking": o["cainiao"]}]


def _only(column: str, value: str) -> dict[str, Any]:
    return {"type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": column, "value_set": [value]}}


_BUYERS = ("buyers_csv", "buyers_pq", "buyers_xl")
_EXPECTATIONS = [
    {"type": "expect_column_values_to_match_regex",
     "kwargs": {"column": "contact", "regex": "^\\+86[0-9]{11}$"}},
    _only("who", "ok"), _only("where", "ok"), _only("sku", "0"), _only("company", "0"),
    _only("tracking", "0")]


def _first_items(value: Any) -> Any:
    """``value`` with every array cut to its first item: a drift report names array items by
    one pointer (``/extra/*/value``) and quotes the first value met there."""
    if isinstance(value, dict):
        return {key: _first_items(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_first_items(value[0])] if value else []
    return value


def cli_outputs(values: list[Value], seed: int) -> tuple[dict[tuple[str, str], str],
                                                         dict[tuple[str, str], str]]:
    """What ``drift run``, ``record`` and ``quality`` printed, wrote and alerted, by
    (command, kind); and what each recording or sample was given (a drift report: the first
    item of each array)."""
    v = {value.name: value.value for value in values}
    bodies = _payloads(v)
    shown, given = run_cli(bodies, _rows(v), _BUYERS, _EXPECTATIONS, f"fresh-pii8-{seed}",
                           "FRESH_PII8_ALERTS", probe=False)
    if ("cli drift run", "file") in given:
        given["cli drift run", "file"] = json.dumps(_first_items(bodies), ensure_ascii=False)
    return shown, given
