"""Privacy: where the scrub's and the scan's CPU time goes, step by step, in units of
``json.loads`` of the same bodies (the profile table of benchmarks/README.md, section 10).

Each step is a function of the privacy package, wrapped by a timer that subtracts the time of
the wrapped functions it calls, so the rows add up to the instrumented total; the rest is what
no wrapper covers (the hooks, request copies, the scan's loop). The streamed cassette read is
timed alone. The corpus, the hooks and the cassette are those of ``benchmarks/privacy.py``.

    python benchmarks/privacy_steps.py [--interactions N]
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import privacy as bench  # noqa: E402

from seamguard.privacy import Pseudonymizer, TrafficScrubber, forget_values  # noqa: E402
from seamguard.privacy import http as http_module  # noqa: E402
from seamguard.privacy import scan as scan_module  # noqa: E402
from seamguard.privacy import scrubber as scrubber_module  # noqa: E402
from seamguard.privacy.policy import PrivacyPolicy  # noqa: E402
from seamguard.recordings.cassettes import ReadableYaml  # noqa: E402

MB = 1_048_576
STEPS: list[tuple[Any, str, str]] = [
    (scrubber_module, "fast_loads", "JSON parse (orjson)"),
    (scrubber_module, "load_json", "re-serialising: parse keeping number spellings"),
    (scrubber_module.Scrubber, "_walk_into", "re-serialising: walk"),
    (scrubber_module, "dump_json", "re-serialising: dump"),
    (scrubber_module.Scrubber, "_collect", "JSON walk over the parsed body"),
    (scrubber_module.Scrubber, "_scrub_text", "detection and pseudonyms of strings not remembered"),
    (scrubber_module, "write_back", "write-back of replaced strings into the text"),
    (scrubber_module, "literal_count", "literal count of unchanged bodies"),
    (scrubber_module.Scrubber, "json_text", "json_text itself"),
    (http_module.TrafficScrubber, "form", "form bodies and URL queries"),
    (http_module.TrafficScrubber, "headers", "headers"),
    (http_module.TrafficScrubber, "url", "URLs"),
    (http_module.TrafficScrubber, "text_body", "dispatch by media type"),
    (http_module.TrafficScrubber, "body", "body plumbing (encoding, charset, length)"),
]


class Steps:
    """Exclusive CPU time per wrapped function."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._stack: list[float] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        function = getattr(owner, name)

        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            self._stack.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                took = time.process_time() - start
                inner = self._stack.pop()
                self.spent[label] = self.spent.get(label, 0.0) + took - inner
                if self._stack:
                    self._stack[-1] += took

        setattr(owner, name, timed)


def _cpu(fn: Callable[[], Any], repeats: int = 1) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _parse_all(bodies: list[str]) -> None:
    for body in bodies:
        json.loads(body)


def run(count: int, workdir: Path) -> None:
    corpus = bench.build(count)
    bodies = bench._bodies(corpus)
    scrubbed: list[dict[str, Any]] = []

    def scrub() -> None:
        scrubbed.clear()
        forget_values()  # every run starts as a new recording process does
        traffic = TrafficScrubber(PrivacyPolicy.default(), Pseudonymizer(b"benchmark key"))
        request, response = traffic.request_hook(), traffic.response_hook()
        for item in corpus:
            req = request(bench._VcrRequest(item["request"]))
            scrubbed.append({"request": req.as_dict(), "response": response(item["response"])})

    cassette = workdir / "privacy-steps.yaml"

    def scan() -> None:
        forget_values()
        list(scan_module.scan_files([cassette], max_bytes=4096 * MB))

    unit_scrub = _cpu(lambda: _parse_all(bodies), 3)
    plain_scrub = _cpu(scrub)
    cassette.write_text(ReadableYaml.serialize({"interactions": scrubbed, "version": 1}),
                        "utf-8")
    scan_bodies = bench._bodies(scrubbed)
    unit_scan = _cpu(lambda: _parse_all(scan_bodies), 3)
    plain_scan = _cpu(scan)
    read = _cpu(lambda: bench._read_streamed(cassette))
    steps = Steps()
    for owner, name, label in STEPS:
        steps.wrap(owner, name, label)
    for phase, fn, unit, plain in (("scrub", scrub, unit_scrub, plain_scrub),
                                   ("scan", scan, unit_scan, plain_scan)):
        steps.spent.clear()
        instrumented = _cpu(fn)
        rows = dict(steps.spent)
        if phase == "scan":
            rows["streamed cassette read (timed alone)"] = read
        rows["the rest (hooks, copies, the scan's loop)"] = instrumented - sum(rows.values())
        print(f"{phase}, {len(corpus):,} interactions: {plain / unit:.2f}x in CPU time "
              f"({plain:.2f} s; json.loads of its bodies {unit:.3f} s); instrumented "
              f"{instrumented / unit:.2f}x")
        for label, spent in sorted(rows.items(), key=lambda row: -row[1]):
            print(f"  {spent / unit:6.2f}x  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="seamguard-privacy-steps-") as tmp:
        run(args.interactions, Path(tmp))


if __name__ == "__main__":
    main()
