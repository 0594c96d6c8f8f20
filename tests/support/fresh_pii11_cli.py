# ruff: noqa: RUF001
"""The eleventh corpus end to end through the CLI, as the tenth's
(:mod:`tests.support.fresh_pii10_cli`): ``drift run`` against a 127.0.0.1 server answering with
the eleventh corpus's vendor payloads (recorded, compared with a contract every field of which
has the wrong type, alerts posted to a webhook), ``record`` of one answer, and ``quality`` over
CSV, Parquet and xlsx datasets whose failing samples hold a grouped ``+86`` mobile, a name and
a Hong Kong address in traditional script beside EAN-13s, UUIDs and products named after a
surname."""

from __future__ import annotations

import json
from typing import Any

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_cli import run_cli
from tests.support.fresh_pii8_cli import _first_items, _only
from tests.support.fresh_pii11_values import ORDINARY


def _payloads(v: dict[str, str]) -> dict[str, Any]:
    from tests.support.fresh_pii11 import platform_payloads

    o = ORDINARY
    bodies = platform_payloads(v, o)
    bodies["drift"] = {"payout": {"ref": o["ref"], "beneficiary": v["e2e/drift-name"],
                                  "swift": o["swift"], "total": o["amount"],
                                  "note": f"{v['e2e/drift-name']} 電話 "
                                          f"{v['e2e/drift-phone']}，單號 {o['cainiao']}"}}
    return bodies


def _rows(v: dict[str, str]) -> list[dict[str, str]]:
    o = ORDINARY
    return [{"id": "1", "contact": v["e2e/quality-phone"], "who": v["e2e/quality-name"],
             "where": v["e2e/quality-address"], "sku": o["ean"], "amount": o["amount"],
             "product": o["beef"], "tracking": o["uuid"]},
            {"id": "2", "contact": "n/a", "who": o["duck"], "where": o["fishball"],
             "sku": o["version"], "amount": o["amount"], "product": o["ham"],
             "tracking": o["zto"]}]


_BUYERS = ("buyers_csv", "buyers_pq", "buyers_xl")
_EXPECTATIONS = [
    {"type": "expect_column_values_to_match_regex",
     "kwargs": {"column": "contact", "regex": "^\\+86[0-9]{11}$"}},
    _only("who", "ok"), _only("where", "ok"), _only("sku", "0"), _only("product", "0"),
    _only("tracking", "0")]


def cli_outputs(values: list[Value], seed: int) -> tuple[dict[tuple[str, str], str],
                                                         dict[tuple[str, str], str]]:
    """What ``drift run``, ``record`` and ``quality`` printed, wrote and alerted, by
    (command, kind); and what each recording or sample was given (a drift report: the first
    item of each array)."""
    v = {value.name: value.value for value in values}
    bodies = _payloads(v)
    shown, given = run_cli(bodies, _rows(v), _BUYERS, _EXPECTATIONS, f"fresh-pii11-{seed}",
                           "FRESH_PII11_ALERTS", probe=False)
    if ("cli drift run", "file") in given:
        given["cli drift run", "file"] = json.dumps(_first_items(bodies), ensure_ascii=False)
    return shown, given
