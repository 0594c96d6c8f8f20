#!/usr/bin/env python
"""seamguard benchmarks: figures given as ratios to a baseline measured in the same run.

    python benchmarks/run.py [--interactions N] [--quick] [--repeats R] [--seed S]

1. Recorded-response validation throughput: the repository's cassettes, replicated to N
   interactions, verified by ``RecordedVerifier.verify_cassette`` versus ``json.loads`` +
   ``is_valid`` of the same bodies with bare, pre-compiled jsonschema-rs validators; where
   seamguard's time goes; and the cost of parsing the N-interaction cassette file.
2. Load-and-index time of a large generated OpenAPI 3.0.3 contract versus the bare YAML parse
   of the same files, its peak memory, and the first validator compile on it.
3-4. Mapping throughput and observed-drift inference (benchmarks/mapping.py, drift.py).
5. Sync properties on the example service: examples/s per property, and examples and seconds
   until each deliberately broken variant is caught, per transport (webhook, polling, queue;
   median of seeds 1-5; benchmarks/sync.py).
8. Gateway verification on N generated TOP and SF calls with JSON inside strings, against a
   hand-written loop (benchmarks/gateway.py).
11. Streamed cassette reading: time and peak RSS of reading an N-interaction cassette one
    interaction at a time, each in a child process, against ``yaml.load`` with CSafeLoader
    (benchmarks/cassettes.py).
12. Command-line start-up: ``seamguard --help`` and ``--version`` as whole processes, against
    ``python -c pass`` (benchmarks/startup.py).
13. Memory on a large contract (Stripe's, given by path, or the generated one): peak RSS with
    recorded GET responses, and growth per compiled response schema (benchmarks/memory.py).

The run ends with the scoreboard: every performance aim beside the figure this run measured for
it, taken from what the sections returned (benchmarks/scoreboard.py).

See benchmarks/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import io
import itertools
import json
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

import bigspec  # noqa: E402
import yaml  # noqa: E402
from examples import ExampleMaker  # noqa: E402

from seamguard.contracts.catalog import ContractCatalog  # noqa: E402
from seamguard.contracts.model import Contract, load_contract, match_media  # noqa: E402
from seamguard.contracts.refs import DocumentSet  # noqa: E402
from seamguard.contracts.validation import violations  # noqa: E402
from seamguard.documents import LineLocator  # noqa: E402
from seamguard.errors import SeamguardError  # noqa: E402
from seamguard.project import find_project  # noqa: E402
from seamguard.recordings.cassettes import (  # noqa: E402
    Cassette,
    Interaction,
    decode_body,
    read_cassette,
)
from seamguard.verify import RecordedVerifier  # noqa: E402

MB = 1_048_576


# -- measuring --------------------------------------------------------------------------------


@dataclasses.dataclass
class Timing:
    runs: list[float]

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def measure(fn: Callable[[], Any], repeats: int) -> tuple[Timing, Any]:
    """Run ``fn`` ``repeats`` times; keep the last result.

    Before each run everything the harness holds is collected and frozen (``gc.freeze``), so the
    cyclic collector still runs as it would for the measured code, but never rescans the
    benchmark's own data (the N interactions, earlier results).
    """
    runs, result = [], None
    for _ in range(repeats):
        result = None
        took, result = once(fn)
        runs.append(took)
    return Timing(runs), result


def measure_many(fns: dict[str, Callable[[], Any]], repeats: int) -> dict[str, tuple[Timing, Any]]:
    """Like ``measure`` for several functions, interleaved (A B C A B C ...), so that a burst of
    load from elsewhere on the machine hits all of them rather than one."""
    runs: dict[str, list[float]] = {name: [] for name in fns}
    results: dict[str, Any] = {}
    for _ in range(repeats):
        for name, fn in fns.items():
            results[name] = None
            took, results[name] = once(fn)
            runs[name].append(took)
    return {name: (Timing(runs[name]), results[name]) for name in fns}


def once(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    gc.freeze()
    try:
        start = time.perf_counter()
        result = fn()
        took = time.perf_counter() - start
    finally:
        gc.unfreeze()
    return took, result


def without_gc(fn: Callable[[], Any]) -> Any:
    """``fn()`` with the cyclic garbage collector paused (what seamguard could do around parsing:
    a parsed document is a large acyclic tree that the collector rescans again and again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return fn()
    finally:
        if enabled:
            gc.enable()


def peak_memory(fn: Callable[[], Any]) -> tuple[int, Any]:
    """Peak traced allocation (bytes) while ``fn`` runs, and its result."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


# -- printing ---------------------------------------------------------------------------------


def heading(text: str) -> None:
    print()
    print(text)
    print("=" * len(text))


def table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
            for i, cell in enumerate(cells)
        )

    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def secs(value: float) -> str:
    if value < 0.001:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1e3:.1f} ms"
    return f"{value:.2f} s"


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "-"


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base > 0 else "-"


def size(n: int) -> str:
    return f"{n / MB:.1f} MB"


def profile_top(fn: Callable[[], Any], limit: int, *, restrict: str | None = None,
                sort: str = "cumulative") -> tuple[str, pstats.Stats]:
    profiler = cProfile.Profile()
    gc.collect()
    profiler.enable()
    fn()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(sort)
    if restrict:
        stats.print_stats(restrict, limit)
    else:
        stats.print_stats(limit)
    text = out.getvalue()
    # keep the table, drop pstats' preamble
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    body = [ln.replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")
            for ln in lines[start:] if ln.strip()]
    return "\n".join(body), stats


def cumulative_of(stats: pstats.Stats, wanted: dict[str, tuple[str, str]]) -> dict[str, float]:
    """Cumulative time of selected functions, by (file suffix, function name)."""
    found = dict.fromkeys(wanted, 0.0)
    for (file, _, func), (_, _, _, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        for label, (suffix, name) in wanted.items():
            if file.endswith(suffix) and (func == name or (file == "~" and name in func)):
                found[label] += cum
    return found


# -- benchmark 1: recorded responses ----------------------------------------------------------


@dataclasses.dataclass
class Planned:
    """One interaction both sides check, and what the bare side needs for it."""

    interaction: Interaction
    bare: Any
    closed: Any
    body: bytes | str
    wbits: int  # 0: not compressed
    contract: Contract
    ref: Any  # the SchemaRef of the body


def source_interactions(project: Any, catalog: ContractCatalog,
                        synthetic: bool = False) -> tuple[list[Interaction], str]:
    folder = ROOT / "fixtures" / "cassettes"
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if synthetic:
        files = []
    interactions: list[Interaction] = []
    unreadable = []
    for path in files:
        try:
            cassette = read_cassette(path, display=str(path), max_bytes=64 << 20)
        except SeamguardError as exc:
            unreadable.append(f"{path.relative_to(ROOT)}: {exc}")
            continue
        interactions.extend(cassette.interactions)
    for problem in unreadable:
        print(f"  ! unreadable cassette skipped: {problem}")
    if interactions:
        read = len(files) - len(unreadable)
        return interactions, (f"recorded: {read} cassette file(s) under fixtures/cassettes, "
                              f"{len(interactions)} interactions")
    from synthetic import synthetic_interactions

    interactions = synthetic_interactions(project, catalog)
    why = "--synthetic" if synthetic else "fixtures/cassettes has no readable cassette"
    return interactions, (f"SYNTHETIC ({why}): {len(interactions)} interactions generated from "
                          "the contracts, some made to drift")


def plan(verifier: RecordedVerifier, catalog: ContractCatalog,
         interactions: list[Interaction]) -> tuple[list[Planned], Counter[str], float]:
    """Which interactions have a JSON schema to validate against, with their bare validators."""
    kept: list[Planned] = []
    skipped: Counter[str] = Counter()
    cache: dict[Any, tuple[Any, Any]] = {}
    compile_time = 0.0
    for item in interactions:
        route = verifier.router.route(item)
        if route is None or route.version is None:
            skipped["not routed to a platform/version"] += 1
            continue
        contract = catalog.load(route.platform, route.version)
        if not isinstance(contract, Contract):
            skipped["contract does not load"] += 1
            continue
        if route.webhook:
            operation = contract.webhooks.get(route.path)
            if operation is None:
                skipped["undocumented webhook"] += 1
                continue
            media = match_media(operation.request, item.request_headers.get("content-type"))
            body, headers = item.request_body, item.request_headers
        else:
            operation = contract.match(item.method, route.path)
            if operation is None:
                skipped["undocumented operation"] += 1
                continue
            response = operation.response(item.status)
            if response is None:
                skipped["undocumented status"] += 1
                continue
            media = response.media(item.response_headers.get("content-type"))
            body, headers = item.response_body, item.response_headers
        if media is None or media.schema is None or not media.is_json:
            skipped["no JSON schema for the body"] += 1
            continue
        encoding = headers.get("content-encoding", "").lower() if isinstance(body, bytes) else ""
        wbits = {"gzip": 47, "deflate": 15}.get(encoding, 0)
        text, problem = decode_body(body, headers, verifier.max_body)
        if problem is not None or not text or not text.strip():
            skipped["body empty or undecodable"] += 1
            continue
        try:
            json.loads(text)
        except json.JSONDecodeError:
            skipped["body is not JSON"] += 1
            continue
        key = (id(contract), media.schema)
        if key not in cache:
            start = time.perf_counter()
            cache[key] = (contract.bare_validator(media.schema),
                          contract.validator(media.schema))
            compile_time += time.perf_counter() - start
        bare, closed = cache[key]
        assert body is not None
        kept.append(Planned(item, bare, closed, body, wbits, contract, media.schema))
    return kept, skipped, compile_time


def vcr_record(item: Interaction) -> dict[str, Any]:
    """An interaction in vcrpy's on-disk shape."""

    def body(value: bytes | str | None) -> Any:
        return value

    return {
        "request": {
            "body": body(item.request_body),
            "headers": {name: [value] for name, value in item.request_headers.items()},
            "method": item.method,
            "uri": item.uri,
        },
        "response": {
            "body": {"string": item.response_body if item.response_body is not None else ""},
            "headers": {name: [value] for name, value in item.response_headers.items()},
            "status": {"code": item.status, "message": "OK" if item.status < 400 else "Error"},
        },
    }


def write_cassette(path: Path, templates: list[Interaction], n: int) -> None:
    """A cassette of ``n`` interactions cycling over ``templates``, as vcrpy writes it (YAML).

    Each distinct interaction is dumped once with ``yaml.CSafeDumper`` and its text repeated:
    the result is byte-for-byte what one ``yaml.dump({"interactions": [...], "version": 1})``
    of ``n`` separate dicts gives (PyYAML does not indent a block sequence under a mapping key,
    and separate dicts get no aliases), without spending minutes in the emitter.
    """
    texts = [yaml.dump([vcr_record(item)], Dumper=yaml.CSafeDumper, allow_unicode=True)
             for item in templates]
    with path.open("w", encoding="utf-8") as out:
        out.write("interactions:\n")
        for k in range(n):
            out.write(texts[k % len(texts)])
        out.write("version: 1\n")


def bench_recorded(n: int, repeats: int, workdir: Path, synthetic: bool) -> dict[str, Any]:
    heading(f"1. Recorded-response validation throughput (N = {n:,})")
    project = find_project(ROOT, explicit=True)
    catalog = ContractCatalog(project)
    verifier = RecordedVerifier(project, catalog)

    start = time.perf_counter()
    templates, source = source_interactions(project, catalog, synthetic)
    print(f"source: {source}")
    kept, skipped, compile_time = plan(verifier, catalog, templates)
    prep = time.perf_counter() - start
    print(f"with a JSON body schema: {len(kept)} of {len(templates)} distinct interactions; "
          f"skipped on both sides: {sum(skipped.values())}"
          + (f" ({', '.join(f'{k}: {v}' for k, v in skipped.most_common())})" if skipped else ""))
    if not kept:
        print("nothing to measure")
        return {}
    webhooks = sum(1 for p in kept if verifier.router.route(p.interaction).webhook)  # type: ignore[union-attr]
    body_bytes = [len(p.body) for p in kept]
    print(f"distinct bodies: {len(kept)} ({webhooks} webhook deliveries), body size "
          f"median {statistics.median(body_bytes):,.0f} B, max {max(body_bytes):,} B; "
          f"bare validators compiled in {secs(compile_time)} (setup {secs(prep)})")

    # Replicate to N, preserving order (cycling over the distinct interactions).
    chosen = list(itertools.islice(itertools.cycle(kept), n))
    scaled = [dataclasses.replace(p.interaction, index=k) for k, p in enumerate(chosen)]
    bare_items = [(p.bare, p.body, p.wbits) for p in chosen]
    closed_items = [(p.closed, p.body, p.wbits) for p in chosen]
    scaled_path = workdir / "scaled-cassette.yaml"
    dump_time, _ = once(lambda: write_cassette(scaled_path, [p.interaction for p in kept], n))
    file_size = scaled_path.stat().st_size
    print(f"scaled cassette: {n:,} interactions, {size(file_size)} of YAML at "
          f"{scaled_path.name} (written in {secs(dump_time)})")

    def cassette() -> Cassette:
        return Cassette(path=scaled_path, display="scaled-cassette.yaml", interactions=scaled)

    # Cold: a fresh project/catalog/verifier; contracts load and validators compile lazily.
    def cold() -> list[Any]:
        fresh_project = find_project(ROOT, explicit=True)
        fresh = RecordedVerifier(fresh_project, ContractCatalog(fresh_project))
        return fresh.verify_cassette(cassette())

    cold_time, cold_findings = once(cold)
    del cold_findings

    # Warm: the verifier has its contracts and validators; the cassette's line locator is built
    # (the cold run paid for it if there were findings).
    subject = cassette()
    warm_first, findings = once(lambda: verifier.verify_cassette(subject))
    # The same verification with undeclared_fields = "off" (open schemas, no unevaluatedProperties).
    open_project = dataclasses.replace(
        project, settings=project.settings.model_copy(update={"undeclared_fields": "off"}))
    open_verifier = RecordedVerifier(open_project, ContractCatalog(open_project))
    open_verifier.verify_cassette(subject)  # warm: contracts loaded, validators compiled
    by_code = Counter(f.code for f in findings)
    with_findings = len({f.location.interaction for f in findings})

    def bare_loop(items: list[tuple[Any, Any, int]]) -> int:
        valid = 0
        loads = json.loads
        for validator, body, wbits in items:
            if wbits:
                body = zlib.decompress(body, wbits)
            if validator.is_valid(loads(body)):
                valid += 1
        return valid

    def bare_errors_loop() -> int:
        errors = 0
        loads = json.loads
        for validator, body, wbits in bare_items:
            if wbits:
                body = zlib.decompress(body, wbits)
            instance = loads(body)
            if not validator.is_valid(instance):
                errors += sum(1 for _ in validator.iter_errors(instance))
        return errors

    def json_loop() -> None:
        loads = json.loads
        for _, body, wbits in bare_items:
            loads(zlib.decompress(body, wbits) if wbits else body)

    # The iter_errors variant only differs from the baseline when some body is invalid.
    some_invalid = any(not p.bare.is_valid(json.loads(_inflate(p.body, p.wbits))) for p in kept)
    group: dict[str, Callable[[], Any]] = {
        "seamguard": lambda: verifier.verify_cassette(subject),
        "seamguard_open": lambda: open_verifier.verify_cassette(subject),
        "bare": lambda: bare_loop(bare_items),
        "closed": lambda: bare_loop(closed_items),
        "json": json_loop,
    }
    if some_invalid:
        group["bare_errors"] = bare_errors_loop
    timed = measure_many(group, repeats)
    seam, _ = timed["seamguard"]
    seam_open, _ = timed["seamguard_open"]
    base, bare_valid = timed["bare"]
    closed, closed_valid = timed["closed"]
    json_only, _ = timed["json"]

    rows = [
        ["seamguard verify_cassette (warm)", secs(seam.best), secs(seam.median),
         rate(n, seam.best), ratio(seam.best, base.best)],
        ["seamguard, undeclared_fields = off", secs(seam_open.best), secs(seam_open.median),
         rate(n, seam_open.best), ratio(seam_open.best, base.best)],
        ["bare: json.loads + is_valid  [BASELINE]", secs(base.best), secs(base.median),
         rate(n, base.best), "1.00x"],
        *([["bare: json.loads + is_valid + iter_errors if invalid",
            secs(timed["bare_errors"][0].best), secs(timed["bare_errors"][0].median),
            rate(n, timed["bare_errors"][0].best),
            ratio(timed["bare_errors"][0].best, base.best)]] if some_invalid else []),
        ["seamguard's closed validators, same bare loop", secs(closed.best), secs(closed.median),
         rate(n, closed.best), ratio(closed.best, base.best)],
        ["json.loads alone", secs(json_only.best), secs(json_only.median),
         rate(n, json_only.best), ratio(json_only.best, base.best)],
        ["seamguard cold first run (fresh verifier)", secs(cold_time), "-",
         rate(n, cold_time), ratio(cold_time, base.best)],
    ]
    print()
    table(rows, ["measurement", "best", "median", "responses/s", "vs baseline"])
    target = seam.best / base.best
    print(f"\nheadline: seamguard {rate(n, seam.best)} responses/s vs bare "
          f"{rate(n, base.best)} responses/s = {target:.2f}x the bare time "
          f"(target ≤ 1.20x: {'met' if target <= 1.2 else 'NOT met'})")
    print(f"runs: seamguard {', '.join(secs(t) for t in seam.runs)}; baseline "
          f"{', '.join(secs(t) for t in base.runs)}; first warm run {secs(warm_first)}")
    print(f"outcome: bare validators accept {bare_valid:,}/{n:,} bodies, seamguard's (closed) "
          f"validators accept {closed_valid:,}/{n:,}; seamguard reported {len(findings):,} "
          f"findings on {with_findings:,} interactions "
          f"({', '.join(f'{code} {count:,}' for code, count in by_code.most_common(8))})")

    if findings:
        print("(the cold run and the first warm run each built the scaled file's LineLocator on "
              "their first finding: see its row under Cassette parsing; the timed warm runs "
              "reuse it)")
    if not some_invalid:
        print("(every body is valid for the bare validators, so the iter_errors variant of the "
              "baseline would be the baseline itself: not measured)")

    phase_ladder(verifier, subject)
    profile_breakdown(verifier, subject, n, seam.best)
    validator_what_ifs(kept, min(n, 20_000))
    prefix_n = min(n, 5_000)
    prefix_path = scaled_path
    if prefix_n < n:
        prefix_path = workdir / "prefix-cassette.yaml"
        write_cassette(prefix_path, [p.interaction for p in kept], prefix_n)
    parse = bench_parse(scaled_path, n, file_size, prefix_path, prefix_n)
    return {"n": n, "seamguard": seam, "baseline": base, "cold": cold_time, "parse": parse}


def _inflate(body: bytes | str, wbits: int) -> bytes | str:
    return zlib.decompress(body, wbits) if wbits else body  # type: ignore[arg-type]


def validator_what_ifs(kept: list[Planned], count: int) -> None:
    """Rust side only: is_valid on pre-parsed bodies, for the validators seamguard could build.

    * open: the bare validator (seamguard's conversion without the undeclared-field rule);
    * closed: what seamguard validates with (``unevaluatedProperties: false`` on closed objects);
    * closed, additionalProperties where possible: the same, with ``additionalProperties: false``
      instead on closed schemas that have no in-place applicator (allOf/anyOf/oneOf/$ref/...), where
      both keywords mean the same;
    * closed, no format checks: ``validate_formats=False``;
    * closed, every wrapper closed: the rewrite before ``x-seamguard-sole`` (an anyOf/oneOf
      around one closed object branch, ``oneOf: [{$ref: X}, {type: null}]``, carrying its own
      ``unevaluatedProperties: false`` over an open branch).
    Uses Contract internals (_skeletons, _compile's arguments); skipped if they moved.
    """
    import jsonschema_rs

    from seamguard.contracts.schema import SchemaConverter

    print(f"\nValidator-side what-ifs: jsonschema-rs is_valid only, on {count:,} pre-parsed bodies "
          "(the same cycle as above), best of 3:")
    try:
        variants: dict[Any, tuple[Any, Any]] = {}
        items = []
        for p in kept:
            key = id(p.closed)
            if key not in variants:
                contract, ref = p.contract, p.ref
                skeletons = {uri: _additional(doc) for uri, doc in contract._skeletons.items()}
                registry = jsonschema_rs.Registry(list(skeletons.items()))
                swapped = jsonschema_rs.Draft202012Validator(
                    _additional(contract.schema(ref)), validate_formats=True, registry=registry)
                formatless = jsonschema_rs.Draft202012Validator(
                    contract.schema(ref), validate_formats=False,
                    registry=jsonschema_rs.Registry(list(contract._skeletons.items())))
                SchemaConverter.sole_branch_closes = False
                try:
                    before = load_contract(contract.docs.root, platform=contract.platform,
                                           version=contract.version, closed=True)
                finally:
                    SchemaConverter.sole_branch_closes = True
                wrapped = before.validator(ref)
                variants[key] = (swapped, formatless, wrapped)
            items.append((p.bare, p.closed, *variants[key],
                          json.loads(_inflate(p.body, p.wbits))))
    except Exception as exc:  # internals moved
        print(f"  n/a: {type(exc).__name__}: {exc}")
        return
    cycle = list(itertools.islice(itertools.cycle(items), count))
    labels = ["open (bare) validators", "closed (seamguard's) validators",
              "closed, additionalProperties where no applicator", "closed, no format checks",
              "closed, every wrapper closed (previous rewrite)"]

    def loop(column: int) -> Callable[[], int]:
        def run() -> int:
            return sum(1 for item in cycle if item[column].is_valid(item[5]))
        return run

    timed = measure_many({label: loop(k) for k, label in enumerate(labels)}, 3)
    base = timed[labels[0]][0].best
    rows = [[label, secs(timed[label][0].best), f"{timed[label][0].best / count * 1e6:.2f} µs",
             f"{timed[label][1]:,}/{count:,}", ratio(timed[label][0].best, base)]
            for label in labels]
    table(rows, ["validator", "best", "per body", "valid", "vs open"])


_APPLICATORS = ("allOf", "anyOf", "oneOf", "$ref", "if", "then", "else", "not",
                "dependentSchemas", "$dynamicRef")


def _additional(node: Any) -> Any:
    if isinstance(node, list):
        return [_additional(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _additional(value) for key, value in node.items()}
    if out.get("unevaluatedProperties") is False and not any(k in out for k in _APPLICATORS):
        del out["unevaluatedProperties"]
        out["additionalProperties"] = False
    return out


def phase_ladder(verifier: RecordedVerifier, whole: Cassette) -> None:
    """Time growing prefixes of what ``RecordedVerifier.verify`` does; each step's cost is the
    difference to the previous row. Mirrors seamguard/verify.py (``_clean``, the path of an
    interaction without findings, private methods included); interactions it cannot answer
    (findings, signed pushes, gateway calls) stop where ``_clean`` hands them to the full check.
    """
    from seamguard.documents import loads_json
    from seamguard.verify import _Where

    # Shares are what matter here: the first 30,000 interactions at most, three interleaved runs.
    subject = Cassette(path=whole.path, display=whole.display,
                       interactions=whole.interactions[:30_000], _locator=whole._locator)
    items = subject.interactions
    router = verifier.router

    def upto(stage: int) -> Callable[[], None]:
        def run() -> None:
            for item in items:
                route = router.route(item)
                if stage < 1 or route is None or route.params is not None:
                    continue
                plan = verifier.plan(route, item.method)
                if plan is None:
                    continue
                if route.webhook:
                    headers, body = item.request_headers, item.request_body
                    checks = plan.body(0, headers.get("content-type"))
                else:
                    headers, body = item.response_headers, item.response_body
                    checks = plan.body(item.status, headers.get("content-type"))
                if stage < 2 or checks is None:
                    continue
                for name, header in checks.headers:
                    value = headers.get(name)
                    if value is not None and header.schema is not None:
                        verifier._header_verdict(plan.contract, header, value)
                if stage < 3 or checks.schema is None:
                    continue
                text, _ = decode_body(body, headers, verifier.max_body)
                instance = loads_json(text or "null", max_depth=verifier.max_depth)
                if stage < 4:
                    continue
                if plan.enveloped:
                    where = _Where(subject.display, item.index)
                    where.platform, where.version = plan.platform, plan.version
                    where.operation = plan.operation.label
                    opened = verifier.gateway.open(plan.platform, instance, plan.operation,
                                                   verifier._maker(where), plan.contract)
                    if isinstance(opened, list):
                        continue
                    instance = opened[0]
                if checks.sites:
                    violations(plan.contract, checks.schema, instance)
                elif checks.validator is not None:
                    checks.validator.is_valid(instance)
        return run

    def full() -> None:
        verifier.verify_cassette(subject)

    steps = [
        ("route (Router.route)", upto(0)),
        ("+ plan: operation, status/media (OperationPlan.body)", upto(1)),
        ("+ response header checks", upto(2)),
        ("+ body decode + loads_json", upto(3)),
        ("+ is_valid (violations() where embedded documents)", upto(4)),
        ("= verify_cassette (+ full check of the rest, findings, lines)", full),
    ]
    print(f"\nWhere seamguard's time goes: cumulative prefixes of RecordedVerifier.verify over "
          f"the first {len(items):,} interactions, best of 3 interleaved runs:")
    rows = []
    previous = 0.0
    try:
        timed = measure_many(dict(steps), 3)
    except Exception as exc:  # the internals moved: say so instead of guessing
        print(f"  n/a: {type(exc).__name__}: {exc}")
        return
    results = [(label, timed[label][0].best) for label, _ in steps]
    total = results[-1][1] if results else 0.0
    for label, best in results:
        step = max(best - previous, 0.0)
        rows.append([label, secs(best), secs(step), f"{100 * step / total:.0f}%" if total else "-",
                     f"{step / len(items) * 1e6:.2f} µs"])
        previous = best
    table(rows, ["prefix", "cumulative", "this step", "share", "per response"])


def profile_breakdown(verifier: RecordedVerifier, subject: Cassette, n: int,
                      unprofiled: float) -> None:
    # The shares are what matter here: profile the first 20,000 interactions at most.
    count = min(n, 20_000)
    part = Cassette(path=subject.path, display=subject.display,
                    interactions=subject.interactions[:count], _locator=subject._locator)
    text, stats = profile_top(lambda: verifier.verify_cassette(part), 14)
    total = stats.total_tt  # type: ignore[attr-defined]
    n = count
    print(f"\ncProfile of one warm verify_cassette over the first {count:,} interactions "
          f"(profiled: {secs(total)}; unprofiled, at the best rate above: "
          f"{secs(unprofiled * count / len(subject.interactions))}; the profiler inflates many "
          "small Python calls), top 14 by cumulative time:")
    print(text)
    picked = cumulative_of(stats, {
        "Router.route": ("routing.py", "route"),
        "RecordedVerifier._clean (plan path)": ("verify.py", "_clean"),
        "OperationPlan.body": ("verify_plan.py", "body"),
        "RecordedVerifier._target (full check)": ("verify.py", "_target_of"),
        "RecordedVerifier._check_header": ("verify.py", "_check_header"),
        "decode_body": ("bodies.py", "decode_body"),
        "loads_json": ("documents.py", "loads_json"),
        "orjson.loads": ("~", "orjson.loads"),
        "json's decoder (fallback)": ("decoder.py", "raw_decode"),
        "validation.violations": ("validation.py", "violations"),
        "validator.is_valid (Rust)": ("~", "is_valid"),
        "validator.iter_errors (Rust)": ("~", "iter_errors"),
        "validation._explain": ("validation.py", "_explain"),
        "RecordedVerifier._violation": ("verify.py", "_violation"),
        "RecordedVerifier._finding": ("verify.py", "_finding"),
        "Cassette.line_of": ("cassettes.py", "line_of"),
    })
    rows = [[label, secs(cum), f"{100 * cum / total:.0f}%", f"{cum / n * 1e6:.2f} µs"]
            for label, cum in picked.items()]
    print("\nSelected functions (cumulative, from the same profile; nested, so shares overlap):")
    table(rows, ["function", "cumulative", "share", "per response"])


def bench_parse(path: Path, n: int, file_size: int, prefix: Path, prefix_n: int) -> dict[str, Any]:
    """read_cassette on the N-interaction file (one run: at N = 100,000 it is hundreds of MB);
    the baseline and the line locator on a prefix of at most 5,000 interactions."""
    print("\nCassette parsing (one run each; the default 64 MB max_bytes is raised to fit)")
    full, cassette = measure(
        lambda: read_cassette(path, display=path.name, max_bytes=file_size + 1), 1)
    assert len(cassette.interactions) == n
    del cassette
    gc.collect()
    prefix_size = prefix.stat().st_size
    text = prefix.read_text(encoding="utf-8")
    timed = measure_many({
        "read": lambda: read_cassette(prefix, display=prefix.name, max_bytes=prefix_size + 1),
        "raw": lambda: yaml.load(text, Loader=yaml.CSafeLoader),
        "nogc": lambda: without_gc(
            lambda: read_cassette(prefix, display=prefix.name, max_bytes=prefix_size + 1)),
    }, 1)
    text = ""
    read, raw, nogc = timed["read"][0], timed["raw"][0], timed["nogc"][0]
    del timed
    locate, line = measure(lambda: LineLocator(prefix).line_of(f"/interactions/{prefix_n - 1}"),
                           1)
    assert line is not None
    rows = []
    if prefix_n < n:
        rows.append([f"read_cassette, all {n:,} interactions", size(file_size),
                     secs(full.best), f"{file_size / MB / full.best:.1f}", rate(n, full.best),
                     "-"])
    where = f"{prefix_n:,} interactions"
    rows += [
        [f"read_cassette, {where}", size(prefix_size), secs(read.best),
         f"{prefix_size / MB / read.best:.1f}", rate(prefix_n, read.best),
         ratio(read.best, raw.best)],
        [f"yaml.load CSafeLoader, {where}  [BASELINE]", size(prefix_size), secs(raw.best),
         f"{prefix_size / MB / raw.best:.1f}", rate(prefix_n, raw.best), "1.00x"],
        [f"read_cassette, {where}, cyclic GC off (what-if)", size(prefix_size), secs(nogc.best),
         f"{prefix_size / MB / nogc.best:.1f}", rate(prefix_n, nogc.best),
         ratio(nogc.best, raw.best)],
        [f"LineLocator first line_of, {where}", size(prefix_size), secs(locate.best),
         f"{prefix_size / MB / locate.best:.1f}", rate(prefix_n, locate.best),
         ratio(locate.best, raw.best)],
    ]
    table(rows, ["measurement", "file", "time", "MB/s", "interactions/s", "vs baseline"])
    print("LineLocator composes the whole file's node tree; verify() pays it once per cassette, "
          "on the cassette's first finding (to give the finding a line number).")
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"peak RSS of this process so far: {size(peak)}")
    except (ImportError, OSError):
        pass
    return {"full": full.best, "read": read, "raw": raw, "locate": locate.best}


# -- benchmark 2: large spec ------------------------------------------------------------------


def bench_spec(repeats: int, workdir: Path, quick: bool, seed: int) -> dict[str, Any]:
    sizes = ({"entities": 400, "resources": 60, "chain": 50, "common": 60} if quick else
             {"entities": 3000, "resources": 500, "chain": 60, "common": 400})
    heading("2. Load and index a large generated OpenAPI 3.0.3 contract")
    folder = workdir / "bigspec"
    gen_time, info = once(lambda: bigspec.generate(folder, seed=seed, **sizes))
    entry, second = info["entry"], info["second"]
    print(f"generated (seed {seed}) in {secs(gen_time)}: {entry.name} "
          f"{size(entry.stat().st_size)} + {second.name} {size(second.stat().st_size)}; "
          f"{info['schemas']:,} component schemas + {info['common_schemas']} in the second file, "
          f"{info['paths']:,} paths / {info['operations']:,} operations, allOf chain of "
          f"{info['chain']}")

    texts = [entry.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")]

    def raw_parse() -> list[Any]:
        return [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts]

    def load() -> Contract:
        return load_contract(entry, platform="big", version="v1")

    split_runs: list[tuple[float, float]] = []

    def split() -> Contract:
        """load_contract's steps timed apart: parse both documents, then convert + index."""
        start = time.perf_counter()
        docs = DocumentSet(root=entry, display=str)
        docs.load(docs.entry_uri)
        docs.load(second.resolve().as_uri())
        parsed = time.perf_counter()
        contract = Contract("big", "v1", docs)
        contract.index()
        split_runs.append((parsed - start, time.perf_counter() - parsed))
        assert len(docs.documents) == 2, "the second file was loaded under another URI"
        return contract

    timed = measure_many({"raw": raw_parse, "load": load, "split": split,
                          "nogc": lambda: without_gc(load)}, repeats)
    raw, loaded, nogc = timed["raw"][0], timed["load"][0], timed["nogc"][0]
    parse_only = Timing([p for p, _ in split_runs])
    index_only = Timing([i for _, i in split_runs])
    fresh = [timed["load"][1], timed["split"][1]]
    del timed

    compile_runs: list[float] = []
    for contract in fresh:  # never used yet: the first compile also builds the registry
        operation = contract.match("get", bigspec.DEEPEST_PATH)
        assert operation is not None
        media = operation.response(200).media("application/json")  # type: ignore[union-attr]
        took, validator = once(lambda contract=contract, media=media:
                               contract.validator(media.schema))
        compile_runs.append(took)
    compiled = Timing(compile_runs)
    again, _ = measure(lambda: contract._compile(contract.schema(media.schema)), repeats)
    bare_compile, _ = measure(lambda: contract.bare_validator(media.schema), 1)

    instance = ExampleMaker(contract, max_depth=3).make(contract.schema(media.schema))
    instance_bytes = len(json.dumps(instance))
    check, found = measure(lambda: violations(contract, media.schema, instance), repeats)
    valid = validator.is_valid(instance)

    peak_raw, _ = peak_memory(raw_parse)
    peak_load, _ = peak_memory(load)

    # path matching on a big index: distinct concrete paths, so the match cache never hits
    requests = [f"/v1/res{r:04d}/{k}" for k in range(3) for r in range(sizes["resources"])]
    miss, matched = measure(lambda: [contract.match("get", p) for p in requests], 1)
    assert all(op is not None for op in matched)
    hit, _ = measure(lambda: [contract.match("get", p) for p in requests], 1)

    rows = [
        ["yaml.load CSafeLoader, both files  [BASELINE]", secs(raw.best), secs(raw.median),
         size(peak_raw), "1.00x"],
        ["load_contract (parse + convert + index)", secs(loaded.best), secs(loaded.median),
         size(peak_load), ratio(loaded.best, raw.best)],
        ["  its parse step (DocumentSet.load, both files)", secs(parse_only.best),
         secs(parse_only.median), "-", ratio(parse_only.best, raw.best)],
        ["  its convert + index step (Contract + index())", secs(index_only.best),
         secs(index_only.median), "-", ratio(index_only.best, raw.best)],
        ["load_contract, cyclic GC off during the call (what-if)", secs(nogc.best),
         secs(nogc.median), "-", ratio(nogc.best, raw.best)],
        ["first validator compile, deepest response (+ registry)", secs(compiled.best),
         secs(compiled.median), "-", ratio(compiled.best, raw.best)],
        ["compile again (registry built)", secs(again.best), secs(again.median), "-",
         ratio(again.best, raw.best)],
        ["bare_validator, deepest response (re-convert + registry)", secs(bare_compile.best),
         "-", "-", ratio(bare_compile.best, raw.best)],
        [f"violations() on one {instance_bytes / 1024:.0f} KB instance", secs(check.best),
         secs(check.median), "-", ratio(check.best, raw.best)],
        [f"contract.match, {len(requests):,} distinct item paths, uncached", secs(miss.best), "-",
         "-", f"{miss.best / len(requests) * 1e6:.0f} µs/match"],
        ["  the same paths again (match cache hits)", secs(hit.best), "-", "-",
         f"{hit.best / len(requests) * 1e6:.1f} µs/match"],
    ]
    print()
    table(rows, ["measurement", "best", "median", "peak mem", "vs baseline"])
    print(f"\nheadline: load + index {secs(loaded.best)} = {loaded.best / raw.best:.2f}x the bare "
          f"YAML parse of the same files; peak traced memory {size(peak_load)} "
          f"({peak_load / max(peak_raw, 1):.2f}x the bare parse's)")
    print(f"contract: {len(contract.operations):,} operations indexed, {len(contract._roots):,} "
          f"payload schemas converted; deepest response instance valid: {valid}, "
          f"{len(found)} violation(s)")
    for violation in found[:5]:
        print(f"  {violation.code} {violation.pointer}: {violation.message}")
    del matched
    text, stats = profile_top(load, 12, sort="tottime")
    print(f"\ncProfile of one load_contract (profiled: {secs(stats.total_tt)}), "  # type: ignore[attr-defined]
          "top 12 by own time:")
    print(text)
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats("seamguard", 12)
    lines = out.getvalue().splitlines()
    begin = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    print("\nsame profile, seamguard's own functions, top 12 by cumulative time:")
    print("\n".join(ln.replace(str(ROOT) + "/", "") for ln in lines[begin:] if ln.strip()))
    return {"raw": raw, "load": loaded, "peak": peak_load}


# -- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=None,
                        help="interactions in the scaled cassette (default 100000; --quick 1000)")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes for a smoke run (< 20 s); figures are not meaningful")
    parser.add_argument("--repeats", type=int, default=None,
                        help="timed runs per measurement (default 3; --quick 2)")
    parser.add_argument("--seed", type=int, default=20240701, help="seed of the generated spec")
    parser.add_argument("--records", type=int, default=None,
                        help="generated orders for the mapping benchmark (default 1000000; "
                             "--quick 5000)")
    parser.add_argument("--quality-rows", default=None,
                        help="synced deals for the quality benchmark, comma-separated (default "
                             "1000000; --quick 100000; 5M: 1000000,5000000)")
    parser.add_argument("--quality-postgres", action="store_true",
                        help="quality benchmark: also PostgreSQL (server at "
                             "SEAMGUARD_BENCH_POSTGRES_URL or 127.0.0.1:5432/test)")
    parser.add_argument("--quality-spark", action="store_true",
                        help="quality benchmark: also GX on local Spark, 1M deals (slow start)")
    parser.add_argument("--no-spark", action="store_true",
                        help="quality benchmark: leave out the TPC-H-like Spark rows (printed "
                             "by default when pyspark is importable)")
    parser.add_argument("--only",
                        choices=("recorded", "spec", "mapping", "drift", "diff", "sync",
                                 "quality", "gateway", "strength", "privacy", "cassettes",
                                 "startup", "memory"),
                        default=None,
                        help="run one benchmark")
    parser.add_argument("--spec", "--stripe-spec", dest="stripe_spec", default=None,
                        help="memory benchmark: a published OpenAPI document (Stripe's "
                             "spec3.yaml, or any other; or $SEAMGUARD_BENCH_SPEC); default: the "
                             "generated contract")
    parser.add_argument("--synthetic", action="store_true",
                        help="benchmark 1 on cassettes generated from the contracts (with drift, "
                             "so findings are built) instead of fixtures/cassettes")
    args = parser.parse_args(argv)
    n = args.interactions or (1000 if args.quick else 100_000)
    repeats = args.repeats or (2 if args.quick else 3)

    import jsonschema_rs

    print(f"seamguard benchmarks{' (--quick: smoke sizes)' if args.quick else ''}")
    print(f"python {platform.python_version()} ({platform.python_implementation()}), "
          f"jsonschema-rs {_version('jsonschema_rs', jsonschema_rs)}, PyYAML {yaml.__version__} "
          f"(libyaml {'yes' if getattr(yaml, '__with_libyaml__', False) else 'no'}), "
          f"{os.cpu_count()} CPUs, {platform.platform()}")
    print(f"repeats: {repeats} (best and median shown); all timings wall clock (perf_counter)")
    print(f"load average at start: {_load()} (other work on the machine inflates medians more "
          "than bests)")
    started = time.perf_counter()
    figures: dict[str, Any] = {}  # each section's returned figures, for the scoreboard
    with tempfile.TemporaryDirectory(prefix="seamguard-bench-") as tmp:
        workdir = Path(tmp)
        if args.only in (None, "recorded"):
            figures["recorded"] = bench_recorded(n, repeats, workdir, args.synthetic)
        if args.only in (None, "spec"):
            bench_spec(min(repeats, 2) if not args.quick else 1, workdir, args.quick, args.seed)
        if args.only in (None, "mapping"):
            heading("3. Mapping throughput (compiled mapping vs a hand-written function)")
            from mapping import run as bench_mapping

            bench_mapping(args.records or (5000 if args.quick else 1_000_000), repeats)
        if args.only in (None, "drift"):
            heading("4. Observed-drift inference (profile + compare vs parsing alone)")
            from drift import run as bench_drift

            bench_drift(2000 if args.quick else 100_000, repeats)
        if args.only in (None, "diff"):
            heading("5. contract diff on two versions of a large generated contract")
            from diff import run as bench_diff

            bench_diff(1 if args.quick else min(repeats, 2), 20 if args.quick else 200,
                       args.seed, workdir, entities=300 if args.quick else 3000)
        if args.only in (None, "sync"):
            heading("6. Sync properties (examples/s; examples and seconds to catch each variant)")
            from sync import run as bench_sync

            bench_sync(examples=30 if args.quick else 100, seeds=1 if args.quick else 5,
                       budget=60)
        if args.only in (None, "quality"):
            heading("7. Expectation suites and reconciliation (vs a hand-written DuckDB query)")
            from quality import run as bench_quality
            from quality import run_headline

            figures["headline"] = run_headline(0.1 if args.quick else 1.0,
                                               spark=not args.no_spark)

            sizes = args.quality_rows or ("100000" if args.quick else "1000000")
            bench_quality([int(n) for n in sizes.split(",")], 1 if args.quick else 2,
                          postgres=args.quality_postgres, spark=args.quality_spark)
        if args.only in (None, "gateway"):
            heading("8. Gateway verification (envelopes, JSON inside strings, requests) vs a "
                    "hand-written loop")
            from gateway import run as bench_gateway

            figures["gateway"] = bench_gateway(n, repeats)
        if args.only in (None, "strength"):
            heading("9. Mapping strength (mutation testing) per rule, vs one `map test`")
            from strength import run as bench_strength

            bench_strength([50] if args.quick else [50, 100, 200], 1 if args.quick else repeats)
        if args.only in (None, "privacy"):
            heading("10. Privacy: scrubbing per interaction and scan MB/s (vs json.loads)")
            from privacy import run as bench_privacy

            figures["privacy"] = bench_privacy(n, repeats, workdir)
        if args.only in (None, "cassettes"):
            heading("11. Streamed cassette reading (time and peak RSS, each in a child process)")
            from cassettes import run as bench_cassettes

            figures["cassettes"] = bench_cassettes(n, 1, workdir)
        if args.only in (None, "startup"):
            heading("12. Command-line start-up (whole processes, vs `python -c pass`)")
            from startup import run as bench_startup

            figures["startup"] = bench_startup(5 if args.quick else 10)
        if args.only in (None, "memory"):
            heading("13. Memory: a large contract with recorded GET responses; growth per "
                    "compiled schema")
            from memory import run as bench_memory

            figures["memory"] = bench_memory(args.stripe_spec,
                                             [1, 20] if args.quick else [1, 50, 100, 200, 500])
    show_scoreboard(figures, quick=args.quick)
    print(f"\ntotal benchmark time: {secs(time.perf_counter() - started)}; load average at end: "
          f"{_load()}")
    return 0


def show_scoreboard(figures: dict[str, Any], *, quick: bool) -> None:
    """The aims as one table, from the figures the sections above returned."""
    import scoreboard
    import startup

    scoreboard.show([
        scoreboard.recorded(figures.get("recorded")),
        *scoreboard.memory(figures.get("memory")),
        *scoreboard.cassettes(figures.get("cassettes")),
        *scoreboard.headline(figures.get("headline")),
        scoreboard.startup(figures.get("startup"), startup.AIMED, startup.AIM),
        scoreboard.gateway(figures.get("gateway")),
        *scoreboard.privacy(figures.get("privacy")),
    ], quick=quick)


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _version(dist: str, module: Any) -> str:
    try:
        from importlib.metadata import version

        return version(dist.replace("_", "-"))
    except Exception:
        return str(getattr(module, "__version__", "?"))


if __name__ == "__main__":
    sys.exit(main())
