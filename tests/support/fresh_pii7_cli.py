# ruff: noqa: RUF001
"""The seventh corpus end to end through the CLI, as the sixth's
(:mod:`tests.support.fresh_pii6_cli`): ``drift run`` against a 127.0.0.1 server answering with
the seventh corpus's platform payloads and typed records (recorded, compared with a contract
every field of which has the wrong type, alerts posted to a webhook), ``record`` of one answer,
and ``quality`` over CSV, Parquet and xlsx datasets whose failing samples hold Hong Kong phones
and IDs, names and e-mails beside SKUs whose digits are a mobile's."""

from __future__ import annotations

import json
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_cli import _app, _contract, _texts
from tests.support.fresh_pii7_values import ORDINARY
from tests.support.leak_paths import Outputs, _stamp, files, run


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


def _settings(origin: str, names: list[str]) -> str:
    live = "".join(f'\n[[tool.seamguard.platforms.partner.live]]\npath = "/{name}"\n'
                   for name in names)
    datasets = "".join(textwrap.dedent(f"""
        [tool.seamguard.datasets.{name}]
        path = "data/{name}.{ext}"
        key = ["id"]
        """) for name, ext in (("members_csv", "csv"), ("members_pq", "parquet"),
                               ("members_xl", "xlsx")))
    return textwrap.dedent(f"""
        [tool.seamguard]

        [tool.seamguard.alerts]
        urls_env = ["FRESH_PII7_ALERTS"]
        min_severity = "info"
        on = ["drift", "quality"]

        [tool.seamguard.platforms.partner]
        versions = ["v1"]
        base_url = "{origin}/{{version}}"
        """) + live + datasets


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


def _datasets(root: Path, v: dict[str, str]) -> None:
    import pandas as pd

    frame = pd.DataFrame(_rows(v), dtype="string")
    (root / "data").mkdir()
    frame.to_csv(root / "data" / "members_csv.csv", index=False)
    frame.to_parquet(root / "data" / "members_pq.parquet", index=False)
    frame.to_excel(root / "data" / "members_xl.xlsx", index=False)
    expectations = [
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "contact_way", "regex": "^\\+86[0-9]{11}$"}},
        {"type": "expect_column_value_lengths_to_be_between",
         "kwargs": {"column": "doc", "min_value": 1, "max_value": 4}},
        _only("ref", "ok"), _only("memo", "ok"), _only("sku", "0"), _only("company", "0"),
        _only("tracking", "0")]
    (root / "suites").mkdir()
    for name in ("members_csv", "members_pq", "members_xl"):
        (root / "suites" / f"{name}.json").write_text(
            json.dumps({"name": name, "expectations": expectations}), "utf-8")


def cli_outputs(values: list[Value], seed: int) -> tuple[dict[tuple[str, str], str],
                                                         dict[tuple[str, str], str]]:
    """What ``drift run``, ``record`` and ``quality`` printed, wrote and alerted, by
    (command, kind); and what each recording or sample was given."""
    from tests.support.servers import receiver, serve

    v = {value.name: value.value for value in values}
    bodies = _payloads(v)
    out = Outputs()
    received: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as scratch, serve(_app(bodies)) as origin, \
            serve(receiver(received)) as hook:
        root = Path(scratch) / "p"
        (root / "contracts" / "partner" / "v1").mkdir(parents=True)
        (root / "contracts" / "partner" / "v1" / "openapi.json").write_text(
            _contract(bodies), "utf-8")
        (root / "pyproject.toml").write_text(_settings(origin, list(bodies)), "utf-8")
        _datasets(root, v)
        env = {"SEAMGUARD_PSEUDONYM_KEY": f"fresh-pii7-{seed}",
               "FRESH_PII7_ALERTS": f"json://{hook[len('http://'):]}/hook"}
        for surface, argv in (("drift run", ["drift", "run"]),
                              ("record", ["record", "partner", "GET", "/drift", "--base-url",
                                          f"{origin}/v1", "--cassette", "recorded"]),
                              ("quality", ["quality"]),
                              ("quality json", ["quality", "-f", "json"])):
            since = _stamp(root)
            run(out, surface, argv, root, env)
            files(out, surface, root, since)
            for message in received:
                out.add(surface + "|alert", json.dumps(message, ensure_ascii=False))
            received.clear()
    shown = _texts(out)
    recorded = json.dumps(bodies, ensure_ascii=False)
    sampled = json.dumps([{k: row[k] for k in row if k != "amount"} for row in _rows(v)],
                         ensure_ascii=False)
    given = {key: recorded for key in shown
             if key[0] == "cli drift run" and key[1] in ("recording", "file")}
    given.update({key: json.dumps(bodies["drift"], ensure_ascii=False) for key in shown
                  if key == ("cli record", "recording")})
    given.update({key: sampled for key in shown if key[0].startswith("cli quality")
                  and key[1] in ("file", "stdout")})
    return shown, given
