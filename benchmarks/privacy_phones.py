"""Privacy: phone pseudonyms timed alone (the check that a phone is not already a pseudonym,
then its pseudonym), replayed on the calls a cold scrub of the privacy corpus makes, against
``json.loads`` of the same bodies (benchmarks/README.md, section 10).

The calls (``Pseudonymizer.is_own`` and ``Pseudonymizer.replace`` of phones) are captured during
one scrub of ``benchmarks/privacy.py``'s corpus, then replayed in their order with the parse and
area-code caches emptied before each pass, as a new process has them; each pass is timed in CPU
time, garbage collection off, and the median of seven is shown with the first pass apart (which
also reads the phone plans' metadata once). ``--source`` points at another checkout's ``src``.

    python benchmarks/privacy_phones.py [--interactions N] [--source DIR]
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
    from seamguard.privacy import Pseudonymizer, TrafficScrubber, forget_values
    from seamguard.privacy.kinds import Kind
    from seamguard.privacy.policy import PrivacyPolicy

    import privacy as bench

    print(f"seamguard from {Path(seamguard.__file__).parent.parent}")

    corpus = bench.build(count)
    bodies = bench._bodies(corpus)
    calls: list[tuple[str, Any, Any]] = []
    replace, is_own = Pseudonymizer.replace, Pseudonymizer.is_own

    def replaced(self: Any, kind: Any, value: str, part: Any = None) -> str:
        if kind is Kind.PHONE:
            calls.append(("replace", self, value))
        return replace(self, kind, value, part)

    def owned(self: Any, kind: Any, value: str, part: Any = None) -> bool:
        if kind is Kind.PHONE:
            calls.append(("is_own", self, value))
        return is_own(self, kind, value, part)

    Pseudonymizer.replace, Pseudonymizer.is_own = replaced, owned  # type: ignore[method-assign]
    forget_values()
    traffic = TrafficScrubber(PrivacyPolicy.default(), Pseudonymizer(b"benchmark key"))
    request, response = traffic.request_hook(), traffic.response_hook()
    for item in corpus:
        request(bench._VcrRequest(item["request"]))
        response(item["response"])
    Pseudonymizer.replace, Pseudonymizer.is_own = replace, is_own  # type: ignore[method-assign]
    gc.collect()
    gc.disable()
    spent: list[float] = []
    parsed: list[float] = []
    for _ in range(8):
        forget_values()
        start = time.process_time()
        for body in bodies:
            json.loads(body)
        parsed.append(time.process_time() - start)
        start = time.process_time()
        answers = [replace(p, Kind.PHONE, value) if name == "replace"
                   else is_own(p, Kind.PHONE, value) for name, p, value in calls]
        spent.append(time.process_time() - start)
    gc.enable()
    digest = hashlib.sha256(repr(answers).encode()).hexdigest()[:12]
    first, took, unit = spent[0], statistics.median(spent[1:]), statistics.median(parsed)
    print(f"{len(calls):,} calls ({sum(name == 'replace' for name, _, _ in calls):,} pseudonyms):"
          f" {took * 1000:.1f} ms (first pass {first * 1000:.1f} ms), json.loads of the bodies "
          f"{unit * 1000:.1f} ms, ratio {took / unit:.3f}x; answers {digest}")


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
