"""Privacy: the search for a name by its company (``RecordScrubber._bare_names``) timed alone,
replayed on the calls a cold scrub of the privacy corpus makes, against ``json.loads`` of the
same bodies (benchmarks/README.md, section 10).

The calls are captured during one scrub of ``benchmarks/privacy.py``'s corpus, then replayed;
each is timed as the median CPU time of seven passes, garbage collection off while timing.
``--source`` points at another checkout's ``src`` (to time it on the same corpus).

    python benchmarks/privacy_bare_names.py [--interactions N] [--source DIR]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run(count: int) -> None:
    import seamguard  # noqa: I001  (seamguard first: the corpus module puts its src first)
    from seamguard.privacy import Pseudonymizer, TrafficScrubber, forget_values, records
    from seamguard.privacy.policy import PrivacyPolicy

    import privacy as bench

    print(f"seamguard from {Path(seamguard.__file__).parent.parent}")

    corpus = bench.build(count)
    bodies = bench._bodies(corpus)
    calls: list[tuple[Any, Any, Any]] = []
    search = records.RecordScrubber._bare_names

    def captured(self: Any, value: Any, plan: Any) -> Any:
        calls.append((self, value, plan))
        return search(self, value, plan)

    records.RecordScrubber._bare_names = captured  # type: ignore[method-assign]
    forget_values()
    traffic = TrafficScrubber(PrivacyPolicy.default(), Pseudonymizer(b"benchmark key"))
    request, response = traffic.request_hook(), traffic.response_hook()
    for item in corpus:
        request(bench._VcrRequest(item["request"]))
        response(item["response"])
    records.RecordScrubber._bare_names = search  # type: ignore[method-assign]
    gc.collect()
    gc.disable()
    spent: list[float] = []
    parsed: list[float] = []
    for _ in range(7):
        start = time.process_time()
        for body in bodies:
            json.loads(body)
        parsed.append(time.process_time() - start)
        start = time.process_time()
        found = [search(scrubber, value, plan) for scrubber, value, plan in calls]
        spent.append(time.process_time() - start)
    gc.enable()
    answers = hashlib.sha256(repr([sorted(map(str, names)) for names in found]).encode())
    took, unit = statistics.median(spent), statistics.median(parsed)
    print(f"{len(calls):,} calls: _bare_names {took * 1000:.1f} ms, json.loads of the bodies "
          f"{unit * 1000:.1f} ms, ratio {took / unit:.3f}x; answers {answers.hexdigest()[:12]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=3_000)
    parser.add_argument("--source", type=Path, default=ROOT / "src")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(args.source))
    run(args.interactions)


if __name__ == "__main__":
    main()
