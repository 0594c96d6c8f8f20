# ruff: noqa: RUF001
"""The tenth corpus end to end through the CLI, as the ninth's
(:mod:`tests.support.fresh_pii9_cli`): ``drift run`` against a 127.0.0.1 server answering with
the tenth corpus's platform payloads (recorded, compared with a contract every field of which
has the wrong type, alerts posted to a webhook), ``record`` of one answer, and ``quality`` over
CSV, Parquet and xlsx datasets whose failing samples hold a phone written as a float, a pinyin
passenger name and a street beside order numbers and products named after a place."""

from __future__ import annotations

import json
from typing import Any

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_cli import run_cli
from tests.support.fresh_pii8_cli import _first_items, _only
from tests.support.fresh_pii10_values import ORDINARY


def _payloads(v: dict[str, str]) -> dict[str, Any]:
    from tests.support.fresh_pii10 import platform_payloads

    o = ORDINARY
    bodies = platform_payloads(v, o)
    bodies["drift"] = {"booking": {"order_sn": o["tts_order"], "pax": v["e2e/drift-name"],
                                   "sku": o["sku"], "total": o["amount"],
                                   "memo": f"{v['e2e/drift-name']} 联系 (+86)"
                                           f"{v['e2e/drift-phone']}，运单 {o['sf']}"}}
    return bodies


def _rows(v: dict[str, str]) -> list[dict[str, str]]:
    o = ORDINARY
    return [{"id": "1", "contact": v["e2e/quality-phone"] + ".0", "who": v["e2e/quality-name"],
             "where": v["e2e/quality-address"], "sku": o["sku"], "amount": o["amount"],
             "product": o["duck"], "tracking": o["sf"]},
            {"id": "2", "contact": "n/a", "who": o["herbal"], "where": o["ticket"],
             "sku": o["version"], "amount": o["amount"], "product": o["shoes"],
             "tracking": o["yt"]}]


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
    shown, given = run_cli(bodies, _rows(v), _BUYERS, _EXPECTATIONS, f"fresh-pii10-{seed}",
                           "FRESH_PII10_ALERTS", probe=False)
    if ("cli drift run", "file") in given:
        given["cli drift run", "file"] = json.dumps(_first_items(bodies), ensure_ascii=False)
    return shown, given
