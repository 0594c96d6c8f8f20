# ruff: noqa: RUF001
"""The sixth corpus end to end through the CLI: ``drift run`` against a 127.0.0.1 server that
answers with platform payloads (recorded into a cassette, compared with a contract whose every
field has the wrong type so findings quote the values, alerts posted to a webhook), ``record``
and ``probe`` against the same server, and ``quality`` over the same people in CSV, Parquet
and xlsx datasets whose suites fail on them.

Every stdout, stderr, written file and alert is a path's output; what a path was given is the
planted text, so an ordinary value (order number, amount, company) it does not print back counts
as a false replacement only where a recording or sample holds it."""

from __future__ import annotations

import json
import tempfile
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tests.support.fresh_pii import Value
from tests.support.fresh_pii5 import opened5
from tests.support.fresh_pii6_values import ORDINARY
from tests.support.leak_paths import Outputs, _stamp, files, run


def _wrong(value: Any) -> dict[str, Any]:
    """A schema ``value`` breaks at every leaf: strings declared integers, numbers strings."""
    if isinstance(value, dict):
        return {"type": "object", "properties": {k: _wrong(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"type": "array", "items": _wrong(value[0]) if value else {}}
    if isinstance(value, str):
        return {"type": "integer"}
    return {"type": "string", "format": "email"}


def _payloads(v: dict[str, str]) -> dict[str, Any]:
    from tests.support.fresh_pii6 import platform_payloads

    o = ORDINARY
    bodies = platform_payloads(v, o)
    bodies["drift"] = {"customer": {"id": o["order_no"], "mobile": v["e2e/drift-phone"],
                                    "name": v["e2e/drift-name"], "email": v["e2e/drift-mail"],
                                    "cert_no": v["e2e/drift-id"], "total": o["amount"],
                                    "note": f"客户{v['e2e/drift-name']}来电"
                                            f"{v['e2e/drift-phone']}，单号{o['sf']}"}}
    return bodies


def _app(bodies: dict[str, Any]) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    async def answer(request: Request) -> Response:
        body = bodies.get(request.path_params["platform"])
        if body is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        return JSONResponse(body, headers={"X-Request-Id": ORDINARY["batch"]})

    return Starlette(routes=[Route("/v1/{platform}", answer)])


def _contract(bodies: dict[str, Any]) -> str:
    paths = {f"/{name}": {"get": {"responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": _wrong(body)}}}}}} for name, body in bodies.items()}
    return json.dumps({"openapi": "3.1.0", "info": {"title": "Partner", "version": "v1"},
                       "paths": paths}, ensure_ascii=False, indent=1)


def settings(origin: str, live: Iterable[str], datasets: Iterable[str], alerts_env: str) -> str:
    """A project's settings: one platform whose live paths are ``live`` at ``origin``, the
    ``datasets`` as CSV, Parquet and xlsx files, alerts sent to the URLs in ``alerts_env``."""
    paths = "".join(f'\n[[tool.seamguard.platforms.partner.live]]\npath = "/{name}"\n'
                    for name in live)
    declared = "".join(textwrap.dedent(f"""
        [tool.seamguard.datasets.{name}]
        path = "data/{name}.{ext}"
        key = ["id"]
        """) for name, ext in zip(datasets, ("csv", "parquet", "xlsx"), strict=True))
    return textwrap.dedent(f"""
        [tool.seamguard]

        [tool.seamguard.alerts]
        urls_env = ["{alerts_env}"]
        min_severity = "info"
        on = ["drift", "quality"]

        [tool.seamguard.platforms.partner]
        versions = ["v1"]
        base_url = "{origin}/{{version}}"
        """) + paths + declared


def _rows(v: dict[str, str]) -> list[dict[str, str]]:
    o = ORDINARY
    return [{"id": "1", "phone": v["e2e/quality-phone"], "mail": v["e2e/quality-mail"],
             "cert": v["e2e/quality-id"], "note": f"收件人{v['e2e/quality-name']}",
             "order_no": o["order_no"], "amount": o["amount"], "company": o["company"],
             "tracking": o["sf"]},
            {"id": "2", "phone": "n/a", "mail": "ok", "cert": o["long_run"],
             "note": o["company_en"], "order_no": o["tid"], "amount": o["amount"],
             "company": o["company"], "tracking": o["waybill_long"]}]


_PEOPLE = ("people_csv", "people_pq", "people_xl")
_EXPECTATIONS = [
    {"type": "expect_column_values_to_match_regex",
     "kwargs": {"column": "phone", "regex": "^\\+86[0-9]{11}$"}},
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "mail", "value_set": ["ok"]}},
    {"type": "expect_column_value_lengths_to_be_between",
     "kwargs": {"column": "cert", "min_value": 1, "max_value": 4}},
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "note", "value_set": ["ok"]}},
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "order_no", "value_set": ["0"]}},
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "company", "value_set": ["0"]}},
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "tracking", "value_set": ["0"]}}]


def write_datasets(root: Path, rows: list[dict[str, str]], names: Sequence[str],
                   expectations: list[dict[str, Any]]) -> None:
    """``rows`` as the CSV, Parquet and xlsx datasets ``names``, each with a suite of
    ``expectations``."""
    import pandas as pd

    frame = pd.DataFrame(rows, dtype="string")
    (root / "data").mkdir()
    csv, parquet, xlsx = names
    frame.to_csv(root / "data" / f"{csv}.csv", index=False)
    frame.to_parquet(root / "data" / f"{parquet}.parquet", index=False)
    frame.to_excel(root / "data" / f"{xlsx}.xlsx", index=False)
    (root / "suites").mkdir()
    for name in names:
        (root / "suites" / f"{name}.json").write_text(
            json.dumps({"name": name, "expectations": expectations}), "utf-8")


def _texts(out: Outputs) -> dict[tuple[str, str], str]:
    shown: dict[tuple[str, str], str] = {}
    for surface, blobs in out.texts.items():
        command, _, kind = surface.partition("|")
        text = "\n".join(blob.decode("utf-8", "replace") for blob in blobs)
        key = (f"cli {command}", kind)
        shown[key] = shown.get(key, "") + "\n" + opened5(text)
    return shown


def cli_outputs(values: list[Value], seed: int) -> tuple[dict[tuple[str, str], str],
                                                         dict[tuple[str, str], str]]:
    """What ``drift run``, ``record``, ``probe`` and ``quality`` printed, wrote and alerted, by
    (command, kind); and what each recording or sample was given."""
    v = {value.name: value.value for value in values}
    return run_cli(_payloads(v), _rows(v), _PEOPLE, _EXPECTATIONS, f"fresh-pii6-{seed}",
                   "FRESH_PII6_ALERTS", probe=True)


def run_cli(bodies: dict[str, Any], rows: list[dict[str, str]], datasets: Sequence[str],
            expectations: list[dict[str, Any]], key: str, alerts_env: str, *,
            probe: bool) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """A project served ``bodies`` from 127.0.0.1 (a contract each answer breaks at every
    leaf) with ``rows`` as ``datasets``: what ``drift run``, ``record``, ``probe`` (when asked)
    and ``quality`` printed, wrote and alerted, by (command, kind); and what each recording or
    sample was given. ``key`` is the pseudonym key."""
    from tests.support.servers import receiver, serve

    out = Outputs()
    received: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as scratch, serve(_app(bodies)) as origin, \
            serve(receiver(received)) as hook:
        root = Path(scratch) / "p"
        (root / "contracts" / "partner" / "v1").mkdir(parents=True)
        (root / "contracts" / "partner" / "v1" / "openapi.json").write_text(
            _contract(bodies), "utf-8")
        (root / "pyproject.toml").write_text(
            settings(origin, list(bodies), datasets, alerts_env), "utf-8")
        write_datasets(root, rows, datasets, expectations)
        env = {"SEAMGUARD_PSEUDONYM_KEY": key,
               alerts_env: f"json://{hook[len('http://'):]}/hook"}
        commands = [("drift run", ["drift", "run"]),
                    ("record", ["record", "partner", "GET", "/drift", "--base-url",
                                f"{origin}/v1", "--cassette", "recorded"])]
        if probe:
            commands.append(("probe", ["probe", "partner", "--base-url", f"{origin}/v1",
                                       "-n", "2"]))
        commands += [("quality", ["quality"]), ("quality json", ["quality", "-f", "json"])]
        for surface, argv in commands:
            since = _stamp(root)
            run(out, surface, argv, root, env)
            files(out, surface, root, since)
            for message in received:
                out.add(surface + "|alert", json.dumps(message, ensure_ascii=False))
            received.clear()
    shown = _texts(out)
    # a drift run's recording and report hold every answer, ``record``'s cassette the one it
    # asked for (its report holds none);
    # quality's samples the failing columns of every row (the amount is in no failing column)
    recorded = json.dumps(bodies, ensure_ascii=False)
    sampled = json.dumps([{k: row[k] for k in row if k != "amount"} for row in rows],
                         ensure_ascii=False)
    given = {key: recorded for key in shown
             if key[0] == "cli drift run" and key[1] in ("recording", "file")}
    given.update({key: json.dumps(bodies["drift"], ensure_ascii=False) for key in shown
                  if key == ("cli record", "recording")})
    given.update({key: sampled for key in shown if key[0].startswith("cli quality")
                  and key[1] in ("file", "stdout")})
    return shown, given
