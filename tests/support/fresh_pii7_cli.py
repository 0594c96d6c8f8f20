# ruff: noqa: RUF001
"""The seventh corpus end to end through the CLI, as the sixth's
(:mod:`tests.support.fresh_pii6_cli`): ``drift run`` against a 127.0.0.1 server answering with
the seventh corpus's platform payloads and typed records (recorded, compared with a contract
every field of which has the wrong type, alerts posted to a webhook), ``record`` of one answer,
and ``quality`` over CSV, Parquet and xlsx datasets whose failing samples hold Hong Kong phones
and IDs, names and e-mails beside SKUs whose digits are a mobile's."""

from __future__ import annotations

from typing import Any

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_cli import run_cli
from tests.support.fresh_pii7_values import ORDINARY


def _payloads(v: dict[str, str]) -> dict[str, Any]:
    from tests.support.fresh_pii7 import platform_payloads, typed_record

    o = ORDINARY
    bodies = platform_payloads(v, o)
    bodies["typed"] = typed_record(v, o)
    bodies["drift"] = {"member": {"member_no": o["order_no"], "contact_way": v["e2e/drift-phone"],
                                  "display": v["e2e/drift-name"], "doc": v["e2e/drift-id"],
                                  "sku": o["sku"], "total": o["amount"],
                                  "memo": f"会员{v['e2e/drift-name']}来电 {v['e2e/drift-phone']}"
                                          f"，单号 {o['sf']}，证件 {v['e2e/drift-id']}"}}
    return bodies


def _rows(v: dict[str, str]) -> list[dict[str, str]]:
    o = ORDINARY
    return [{"id": "1", "contact_way": v["e2e/quality-phone"], "ref": v["e2e/quality-mail"],
             "doc": v["e2e/drift-id"], "memo": f"签收人:{v['e2e/quality-name']}",
             "sku": o["sku"], "amount": o["amount"], "company": o["company"],
             "tracking": o["jd"]},
            {"id": "2", "contact_way": "n/a", "ref": o["uuid"], "doc": o["md5"],
             "memo": o["product"], "sku": o["sku_plain"], "amount": o["amount"],
             "company": o["company_en"], "tracking": o["yt"]}]


def _only(column: str, value: str) -> dict[str, Any]:
    return {"type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": column, "value_set": [value]}}


_MEMBERS = ("members_csv", "members_pq", "members_xl")
_EXPECTATIONS = [
    {"type": "expect_column_values_to_match_regex",
     "kwargs": {"column": "contact_way", "regex": "^\\+86[0-9]{11}$"}},
    {"type": "expect_column_value_lengths_to_be_between",
     "kwargs": {"column": "doc", "min_value": 1, "max_value": 4}},
    _only("ref", "ok"), _only("memo", "ok"), _only("sku", "0"), _only("company", "0"),
    _only("tracking", "0")]


def cli_outputs(values: list[Value], seed: int) -> tuple[dict[tuple[str, str], str],
                                                         dict[tuple[str, str], str]]:
    """What ``drift run``, ``record`` and ``quality`` printed, wrote and alerted, by
    (command, kind); and what each recording or sample was given."""
    v = {value.name: value.value for value in values}
    return run_cli(_payloads(v), _rows(v), _MEMBERS, _EXPECTATIONS, f"fresh-pii7-{seed}",
                   "FRESH_PII7_ALERTS", probe=False)
