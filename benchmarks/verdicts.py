"""Dump the findings of recorded verification on every benchmark set, to compare two commits.

    python benchmarks/verdicts.py OUT.json [--stripe-spec PATH] [--sets example,requests,...]
    python benchmarks/verdicts.py --compare BEFORE.json AFTER.json

A change meant to make verification faster must not change what it reports. This writes, for
each set, every finding of ``RecordedVerifier.verify`` (code, severity, message, location,
expected, actual, hint), in order, as JSON:

* ``example``: the repository's cassettes (``fixtures/cassettes``), as ``seamguard check``'s
  ``recorded`` check reads them;
* ``synthetic``: the set generated from the example's contracts, with drift (``synthetic.py``);
* ``gateway``: the 2,000 distinct interactions of the gateway benchmark (``gateway.py``), then
  the same with planted defects: a wrong type and an undeclared field inside the embedded
  ``apiResultData`` and ``trade_attr`` documents, an in-band error, a missing required field, a
  body that is not JSON, an unknown operation name;
* ``requests``: the example's REST calls again, each with one planted request defect in turn:
  ``limit=abc`` where the call sends a ``limit`` (else an undeclared query parameter), a JSON
  request body that does not parse, a JSON object body sent as an array;
* ``large``: GET responses generated from the large contract (Stripe's when given, else the
  generated one), every 5th drifted (``largespec.py``), with the undeclared-field check on and
  off.

``--compare`` prints the first differences and exits 1 if any set differs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import largespec  # noqa: E402

from seamguard.contracts.catalog import ContractCatalog  # noqa: E402
from seamguard.findings import Finding  # noqa: E402
from seamguard.project import find_project  # noqa: E402
from seamguard.recordings.cassettes import Cassette, Interaction  # noqa: E402
from seamguard.verify import RecordedVerifier  # noqa: E402


def _finding(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "code": finding.code, "severity": str(finding.severity), "check": finding.check,
        "message": finding.message, "hint": finding.hint,
        "expected": _plain(finding.expected), "actual": _plain(finding.actual),
        "where": [loc.platform, loc.version, loc.operation, loc.pointer, loc.file,
                  loc.interaction, loc.line],
    }


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=repr, ensure_ascii=False))


def _verify(verifier: RecordedVerifier, cassette: Cassette) -> list[dict[str, Any]]:
    out = []
    for interaction in cassette.interactions:
        out.extend(_finding(f) for f in verifier.verify(cassette, interaction))
    return out


def example_set() -> list[dict[str, Any]]:
    project = find_project(ROOT, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    out = []
    for path in project.cassette_files():
        cassette = verifier.read(path)
        if isinstance(cassette, Finding):
            out.append(_finding(cassette))
            continue
        out.extend(_verify(verifier, cassette))
    return out


def synthetic_set() -> list[dict[str, Any]]:
    from synthetic import synthetic_interactions

    project = find_project(ROOT, explicit=True)
    catalog = ContractCatalog(project)
    items = synthetic_interactions(project, catalog)
    cassette = Cassette(path=ROOT / "synthetic.yaml", display="synthetic.yaml",
                        interactions=items)
    return _verify(RecordedVerifier(project, catalog), cassette)


def gateway_set(folder: Path) -> list[dict[str, Any]]:
    import gateway

    rng = random.Random(20240710)
    items = [(gateway._top if i % 2 else gateway._sf)(rng) for i in range(2000)]
    planted = [_plant(item, k) for k, item in enumerate(items[:240])]
    items = [replace(item, index=k) for k, item in enumerate([*items, *planted])]
    out = []
    for mode in ("warning", "off"):
        project = gateway._project(folder / mode, mode)
        verifier = RecordedVerifier(project, ContractCatalog(project))
        cassette = Cassette(path=folder / "gateway.yaml", display="gateway.yaml",
                            interactions=items)
        out.extend({"mode": mode, **f} for f in _verify(verifier, cassette))
    return out


def _plant(item: Interaction, k: int) -> Interaction:
    """One planted defect per interaction, of 8 kinds in turn."""
    body = json.loads(item.response_body)  # type: ignore[arg-type]
    kind = k % 8
    uri, request_body = item.uri, item.request_body
    if "apiResultData" in body:  # SF: the payload is a JSON document inside a string
        inner = json.loads(body["apiResultData"])
        route = inner["msgData"]["routeResps"][0]
        if kind == 0:
            route["mailNo"] = 12345
        elif kind == 1:
            route["routes"][0]["x_new_field"] = "1"
        elif kind == 2:
            body["apiResultCode"] = "A1001"
            body["apiErrorMsg"] = "system busy"
        elif kind == 3:
            del route["routes"][0]["opCode"]
        elif kind == 4:
            body["apiResultData"] = "{not json"
        elif kind == 5:
            assert isinstance(request_body, str)
            request_body = request_body.replace("EXP_RECE_SEARCH_ROUTES",
                                                "EXP_RECE_SEARCH_ROUTE")
        elif kind == 6:
            inner["success"] = False
            inner["errorCode"] = "8016"
        else:
            inner["msgData"] = []
        if kind != 4:
            body["apiResultData"] = json.dumps(inner, ensure_ascii=False)
    else:  # TOP: an envelope, and trade_attr a JSON string declared with contentSchema
        payload = body["trades_sold_get_response"]
        trade = payload["trades"]["trade"][0]
        if kind == 0:
            trade["trade_attr"] = json.dumps({"erpHold": 0, "presell": "yes"})
        elif kind == 1:
            trade["x_new_field"] = "1"
        elif kind == 2:
            body = {"error_response": {"code": 40, "msg": "Missing required arguments",
                                       "sub_code": "isv.missing-parameter", "sub_msg": "x"}}
        elif kind == 3:
            del trade["status"]
        elif kind == 4:
            trade["trade_attr"] = "{broken"
        elif kind == 5:
            uri = uri.replace("taobao.trades.sold.get", "taobao.trades.sold.gett")
        elif kind == 6:
            trade["status"] = "UNKNOWN_STATUS"
        else:
            body = {"unexpected": True}
    return replace(item, uri=uri, request_body=request_body,
                   response_body=json.dumps(body, ensure_ascii=False))


def requests_set() -> list[dict[str, Any]]:
    project = find_project(ROOT, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    items: list[Interaction] = []
    for path in project.cassette_files():
        cassette = verifier.read(path)
        if isinstance(cassette, Finding):
            continue
        for item in cassette.interactions:
            route = verifier.router.route(item)
            if route is None or route.gateway or route.webhook:
                continue
            target = verifier._target(cassette, item)
            if isinstance(target, Finding):
                continue
            items.append(_plant_request(item, len(items)))
    cassette = Cassette(path=ROOT / "requests.yaml", display="requests.yaml",
                        interactions=[replace(item, index=k) for k, item in enumerate(items)])
    return _verify(verifier, cassette)


def _plant_request(item: Interaction, k: int) -> Interaction:
    """One planted request defect, of 3 kinds in turn (a query one where there is no body)."""
    body = item.request_body
    kind = k % 3 if body else 0
    if kind == 0:
        if re.search(r"[?&]limit=", item.uri):
            return replace(item, uri=re.sub(r"([?&]limit=)[^&#]*", r"\1abc", item.uri))
        return replace(item, uri=item.uri + ("&" if "?" in item.uri else "?")
                       + "seamguard_probe=1")
    if kind == 1:
        return replace(item, request_body="{not json")
    text = body.decode() if isinstance(body, bytes) else str(body)
    return replace(item, request_body=f"[{text}]")


def large_set(folder: Path, stripe: Path | None, limit: int) -> list[dict[str, Any]]:
    out = []
    for mode in ("warning", "off"):
        spec = largespec.build(folder / mode, stripe, undeclared=mode)
        catalog, contract = largespec.load(spec)
        items = largespec.get_responses(contract, drift=True, limit=limit)
        verifier = RecordedVerifier(spec.project, catalog)
        cassette = Cassette(path=folder / "large.yaml", display="large.yaml",
                            interactions=items)
        out.extend({"mode": mode, **f} for f in _verify(verifier, cassette))
    return out


def compare(before: Path, after: Path) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    status = 0
    for name in sorted(set(a) | set(b)):
        left, right = a.get(name), b.get(name)
        if left == right:
            print(f"{name}: identical ({len(left or [])} findings)")
            continue
        status = 1
        if left is None or right is None:
            print(f"{name}: only in {'after' if left is None else 'before'}")
            continue
        print(f"{name}: DIFFERENT ({len(left)} findings before, {len(right)} after)")
        shown = 0
        for k, (x, y) in enumerate(zip(left, right, strict=False)):
            if x != y and shown < 5:
                print(f"  #{k}\n    before: {x}\n    after:  {y}")
                shown += 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--spec", "--stripe-spec", dest="stripe_spec", default=None,
                        help=f"a published OpenAPI document, e.g. Stripe's (or ${largespec.ENV})")
    parser.add_argument("--sets", default="example,synthetic,gateway,requests,large",
                        help="comma-separated: example, synthetic, gateway, requests, large")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give OUT.json, or --compare BEFORE AFTER")
    _, stripe = largespec.spec_source(args.stripe_spec)
    sets: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="seamguard-verdicts-") as tmp:
        folder = Path(tmp)
        wanted = set(args.sets.split(","))
        if "example" in wanted:
            sets["example"] = example_set()
        if "synthetic" in wanted:
            sets["synthetic"] = synthetic_set()
        if "gateway" in wanted:
            sets["gateway"] = gateway_set(folder / "gateway")
        if "requests" in wanted:
            sets["requests"] = requests_set()
        if "large" in wanted:
            # Few responses: a validator per response schema (as seamguard once compiled them)
            # holds the whole closure of each, on the generated contract about 175 MB apiece.
            sets["large-generated"] = large_set(folder / "generated", None, 6)
            if stripe is not None:
                sets["large-stripe"] = large_set(folder / "stripe", stripe, 60)
    args.out.write_text(json.dumps(sets, ensure_ascii=False, indent=1), encoding="utf-8")
    for name, found in sets.items():
        codes: dict[str, int] = {}
        for f in found:
            codes[f["code"]] = codes.get(f["code"], 0) + 1
        print(f"{name}: {len(found)} findings {dict(sorted(codes.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
