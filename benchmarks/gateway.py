"""Gateway verification throughput: seamguard on a scaled cassette of gateway calls whose
bodies carry JSON inside strings, as a ratio to a hand-written loop in the same run.

    python benchmarks/gateway.py [--interactions N] [--repeats R]
    python benchmarks/run.py --only gateway [--quick]

The cassette mixes two protocols (built-in wire profiles; the small contracts of the test
suite, ``tests/support/gateway.py``):

* SF Fengqiao ``EXP_RECE_SEARCH_ROUTES``: a form POST whose ``msgData`` is a JSON string, the
  answer's ``apiResultData`` a JSON document inside a string holding ``msgData.routeResps``;
* Taobao TOP ``taobao.trades.sold.get``: a GET with its parameters in the query string, the
  answer wrapped in ``trades_sold_get_response``, each trade's ``trade_attr`` a JSON string
  declared with ``contentSchema``.

**seamguard**: ``RecordedVerifier.verify_cassette`` — routing by operation name, the request's
parameters (and the JSON inside ``msgData``) against the request schema, opening the envelope,
the in-band error rules, the payload and every embedded document against their schemas.

**XML rows**: the TOP half alone, answered in JSON and then the same answers in XML
(``format=xml``, ``text/xml``, as TOP writes them), verified by seamguard: their ratio is what
reading XML costs over JSON.

**Baseline** (what a person would write for exactly these two protocols): for each response,
``json.loads`` the body, ``json.loads`` the inner string (SF), pick the payload, and call a
pre-compiled jsonschema-rs validator's ``is_valid`` on it and on each embedded document (TOP's
``trade_attr``, parsed with ``json.loads``). A second baseline row adds the request side (the
form's ``msgData`` parsed and validated) so both sides do the same work.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from tests.support.gateway import SETTINGS, gateway_project  # noqa: E402
from tests.support.gateway_server import xml_answer  # noqa: E402
from timing import best_of  # noqa: E402

from seamguard.contracts.catalog import ContractCatalog  # noqa: E402
from seamguard.contracts.model import Contract  # noqa: E402
from seamguard.document_scan import ACCELERATED  # noqa: E402
from seamguard.project import find_project  # noqa: E402
from seamguard.recordings.cassettes import Cassette, Interaction  # noqa: E402
from seamguard.verify import RecordedVerifier  # noqa: E402

CITIES = ["深圳市", "广州市", "杭州市", "上海市", "北京市", "成都市"]


def _top(rng: random.Random) -> Interaction:
    trades = [{
        "tid": rng.randrange(10**15, 10**16), "status": rng.choice(
            ["WAIT_SELLER_SEND_GOODS", "TRADE_FINISHED", "TRADE_CLOSED"]),
        "payment": f"{rng.randrange(100, 99999) / 100:.2f}", "created": "2024-07-10 10:02:03",
        "receiver_mobile": "138****5678",
        "trade_attr": json.dumps({"erpHold": "0", "presell": rng.random() < 0.2}),
    } for _ in range(rng.randrange(1, 6))]
    body = {"trades_sold_get_response": {"total_results": len(trades), "has_next": False,
                                         "trades": {"trade": trades}}}
    query = {"method": "taobao.trades.sold.get", "app_key": "12345678", "v": "2.0",
             "sign_method": "md5", "timestamp": "2024-07-10 10:00:00", "format": "json",
             "fields": "tid,status,payment", "page_no": "1", "page_size": "40",
             "sign": "66987CB115214E59E6EC978214934FB8"}
    return Interaction(0, "GET", "https://eco.taobao.com/router/rest?" + urlencode(query), {},
                       None, 200, {"content-type": "application/json;charset=UTF-8"},
                       json.dumps(body, ensure_ascii=False))


def _sf(rng: random.Random) -> Interaction:
    mail = f"SF{rng.randrange(10**12, 10**13)}"
    routes = [{"acceptTime": f"2024-07-1{day} 0{day}:12:00", "acceptAddress": rng.choice(CITIES),
               "remark": "快件已发车", "opCode": rng.choice(["50", "30", "31", "44", "80"])}
              for day in range(rng.randrange(2, 9))]
    inner = {"success": True, "errorCode": "S0000", "errorMsg": None,
             "msgData": {"routeResps": [{"mailNo": mail, "routes": routes}]}}
    body = {"apiErrorMsg": "", "apiResponseID": "0001A1B2C3D4E5F6", "apiResultCode": "A1000",
            "apiResultData": json.dumps(inner, ensure_ascii=False)}
    form = {"partnerID": "SEAMGUARD", "requestID": "6c1f2d6e-0000-4000-8000-000000000001",
            "serviceCode": "EXP_RECE_SEARCH_ROUTES", "timestamp": "1720576800000",
            "msgDigest": "xQ1m0i7+Yk0QH1oF4r6m1g==",
            "msgData": json.dumps({"language": "zh-CN", "trackingType": 1,
                                   "trackingNumber": [mail], "methodType": 1})}
    return Interaction(0, "POST", "https://sfapi.sf-express.com/std/service",
                       {"content-type": "application/x-www-form-urlencoded;charset=UTF-8"},
                       urlencode(form), 200, {"content-type": "application/json;charset=UTF-8"},
                       json.dumps(body, ensure_ascii=False))


def _project(folder: Path, undeclared: str) -> Any:
    settings = SETTINGS.replace('cassettes = "cassettes"',
                                f'cassettes = "cassettes"\nundeclared_fields = "{undeclared}"')
    root = gateway_project(folder, {}, settings=settings)
    # the XML answer declared beside the JSON one, with the same schema
    contract = root / "contracts" / "taobao" / "2.0" / "openapi.yaml"
    text = contract.read_text(encoding="utf-8")
    declared = ('            application/json:\n'
                '              schema: {$ref: "#/components/schemas/TradesSold"}\n')
    assert declared in text
    contract.write_text(text.replace(declared, declared + declared.replace(
        "application/json", "text/xml")), encoding="utf-8")
    return find_project(root, explicit=True)


def _in_xml(item: Interaction) -> Interaction:
    """A TOP call asking for XML (``format=xml``), answered in XML as TOP writes it."""
    assert "format=json" in item.uri
    return Interaction(item.index, item.method, item.uri.replace("format=json", "format=xml"),
                       item.request_headers, item.request_body, item.status,
                       {"content-type": "text/xml;charset=UTF-8"},
                       xml_answer(json.loads(item.response_body)))  # type: ignore[arg-type]


def _validators(contract: Contract, operation_path: str, method: str, closed: bool,
                embedded: str | None) -> tuple[Any, Any, Any]:
    """Pre-compiled (payload, embedded-in-payload, request-document) validators."""
    operation = contract.match(method, operation_path)
    assert operation is not None
    media = operation.response(200).media("application/json")  # type: ignore[union-attr]
    payload_ref = media.schema  # type: ignore[union-attr]
    pick = contract.validator if closed else contract.bare_validator
    inner = pick(contract.root(f"#/components/schemas/{embedded}")) if embedded else None
    request = pick(contract.root("#/components/schemas/RouteQuery")) \
        if "RouteQuery" in json.dumps(contract.document) else None
    return pick(payload_ref), inner, request


def run(interactions: int, repeats: int) -> float:
    """Time seamguard and the baselines; returns seamguard's ratio to the response baseline."""
    assert interactions > 0
    rng = random.Random(20240710)
    distinct = [(_top if i % 2 else _sf)(rng) for i in range(2000)]
    items = [distinct[i % len(distinct)] for i in range(interactions)]
    items = [Interaction(i, it.method, it.uri, it.request_headers, it.request_body, it.status,
                         it.response_headers, it.response_body) for i, it in enumerate(items)]
    size = sum(len(str(it.response_body).encode()) for it in items)
    print(f"{interactions:,} interactions (half SF route searches, half TOP trades.sold.get; "
          f"{len(distinct):,} distinct), {size / 1e6:.1f} MB of response JSON")
    print("C accelerator (seamguard._jsonscan): " + (
        "built" if ACCELERATED else "not built, pure-Python screens (`python hatch_build.py` "
        "builds it in a checkout)"))
    with tempfile.TemporaryDirectory(prefix="seamguard-gateway-") as tmp:
        figures = _measure(Path(tmp), items, repeats)
    return figures


def _measure(tmp: Path, items: list[Interaction], repeats: int) -> float:
    verifiers = {}
    for mode in ("warning", "off"):
        project = _project(tmp / mode, mode)
        verifiers[mode] = RecordedVerifier(project, ContractCatalog(project))
    cassette = Cassette(path=tmp / "scaled.yaml", display="scaled.yaml", interactions=items)
    tops = [item for item in items if "taobao" in item.uri]
    top_json = Cassette(path=tmp / "top.yaml", display="top.yaml", interactions=tops)
    top_xml = Cassette(path=tmp / "top-xml.yaml", display="top-xml.yaml",
                       interactions=[_in_xml(item) for item in tops])
    catalog = verifiers["warning"].catalog
    top, sf = catalog.load("taobao", "2.0"), catalog.load("sf", "v2")
    assert isinstance(top, Contract)
    assert isinstance(sf, Contract)
    top_path, sf_path = "/router/rest#taobao.trades.sold.get", "/std/service#EXP_RECE_SEARCH_ROUTES"
    bare = {"top": _validators(top, top_path, "post", False, "TradeAttr"),
            "sf": _validators(sf, sf_path, "post", False, None)}
    closed = {"top": _validators(top, top_path, "post", True, "TradeAttr"),
              "sf": _validators(sf, sf_path, "post", True, None)}
    # Warm up (contracts load, validators compile) and check the cassette is clean: only the
    # notice that signatures went unchecked (no secret in the environment) may appear.
    for verifier in verifiers.values():
        for clean in (cassette, top_json, top_xml):
            first = verifier.verify_cassette(clean)
            assert {f.code for f in first} <= {"signature.unchecked"}, first[:3]

    def baseline(validators: dict[str, tuple[Any, Any, Any]], requests: bool) -> None:
        top_payload, top_attr, _ = validators["top"]
        sf_payload, _, sf_query = validators["sf"]
        for item in items:
            body = json.loads(item.response_body)  # type: ignore[arg-type]
            if "apiResultData" in body:
                payload = json.loads(body["apiResultData"])["msgData"]
                assert sf_payload.is_valid(payload)
                if requests:
                    form = dict(parse_qsl(item.request_body))  # type: ignore[arg-type]
                    assert sf_query.is_valid(json.loads(form["msgData"]))
            else:
                payload = body["trades_sold_get_response"]
                assert top_payload.is_valid(payload)
                for trade in payload["trades"]["trade"]:
                    assert top_attr.is_valid(json.loads(trade["trade_attr"]))

    runs = {
        "baseline": lambda: baseline(bare, False),
        "baseline+requests": lambda: baseline(bare, True),
        "closed": lambda: baseline(closed, True),
        "seamguard": lambda: verifiers["warning"].verify_cassette(cassette),
        "seamguard-off": lambda: verifiers["off"].verify_cassette(cassette),
        "top-json": lambda: verifiers["warning"].verify_cassette(top_json),
        "top-xml": lambda: verifiers["warning"].verify_cassette(top_xml),
    }
    timed: dict[str, list[float]] = {name: [] for name in runs}
    # CPU seconds of this thread too: on a shared machine, wall-clock time also counts the time
    # spent waiting for a CPU, which comes and goes between rows of one run.
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):  # interleaved, so a burst of load elsewhere hits every variant
        for name, fn in runs.items():
            gc.collect()
            gc.freeze()
            started = time.thread_time()
            best, _ = best_of(fn, 1)
            cpu[name].append(time.thread_time() - started)
            gc.unfreeze()
            timed[name].append(best)
    n = len(items)
    base = min(timed["baseline"])
    rows = [
        ("hand-written loop: json.loads envelope + inner string, is_valid (baseline)",
         "baseline"),
        ("  + the request side (msgData parsed and validated)", "baseline+requests"),
        ("  the same loop with seamguard's closed validators", "closed"),
        ("seamguard verify_cassette (default: undeclared fields reported)", "seamguard"),
        ("seamguard verify_cassette, undeclared_fields = off", "seamguard-off"),
        ("seamguard, the TOP half alone, answers in JSON", "top-json"),
        ("seamguard, the TOP half alone, the same answers in XML (format=xml)", "top-xml"),
    ]
    cpu_base = min(cpu["baseline"])
    print(f"{'':74} {'best':>8} {'median':>8} {'calls/s':>9} {'ratio':>6} {'cpu':>7} "
          f"{'ratio':>6}")
    for label, key in rows:
        values = sorted(timed[key])
        best, median = values[0], values[len(values) // 2]
        used = min(cpu[key])
        print(f"{label:74} {best:7.2f}s {median:7.2f}s {n / best:9,.0f} {best / base:5.2f}x "
              f"{used:6.2f}s {used / cpu_base:5.2f}x")
    ratio = min(timed["seamguard"]) / base
    same_work = min(timed["seamguard"]) / min(timed["baseline+requests"])
    print(f"headline: seamguard / baseline = {ratio:.2f}x (target <= 1.50x); against the "
          f"baseline with the request side: {same_work:.2f}x")
    print(f"XML: the TOP half in XML / the same in JSON = "
          f"{min(timed['top-xml']) / min(timed['top-json']):.2f}x (CPU "
          f"{min(cpu['top-xml']) / min(cpu['top-json']):.2f}x)")
    print(f"in CPU time (best of each row): seamguard / baseline = "
          f"{min(cpu['seamguard']) / cpu_base:.2f}x; against the baseline with the request "
          f"side: {min(cpu['seamguard']) / min(cpu['baseline+requests']):.2f}x")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    run(args.interactions, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
