"""Privacy: scrubbing cost per recorded interaction, and `privacy scan` throughput, each as a
ratio to ``json.loads`` of the same bodies in the same run.

The corpus is the repository's cassettes replicated to N interactions; in every copy each
personal value is replaced by a fresh Faker value (zh_CN phones, names, e-mails), so the copies
hold as many distinct customers as real traffic would and caches do not flatter the figures.

* scrub: the vcrpy hooks of :class:`seamguard.privacy.TrafficScrubber` with pseudonyms on every
  interaction (URL, headers, request and response bodies), against ``json.loads`` of its bodies;
* scan: ``scan_files`` on the N-interaction cassette file (its streamed read included, and
  reported on its own, beside a whole-file YAML parse), in MB/s, against ``json.loads`` of the
  bodies in that file.

    python benchmarks/privacy.py [--interactions N] [--repeats R]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import best_of, best_of_cpu  # noqa: E402

from seamguard.documents import load_document  # noqa: E402
from seamguard.privacy import (  # noqa: E402
    Kind,
    Pseudonymizer,
    TrafficScrubber,
    forget_values,
    json_text,
)
from seamguard.privacy.json_settle import ACCELERATED  # noqa: E402
from seamguard.privacy.policy import PrivacyPolicy  # noqa: E402
from seamguard.privacy.scan import Recogniser, scan_files  # noqa: E402
from seamguard.privacy.scrubber import Hit  # noqa: E402
from seamguard.recordings.cassettes import ReadableYaml  # noqa: E402

MB = 1_048_576


def _interactions() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted((ROOT / "fixtures" / "cassettes").rglob("*.yaml")):
        data = load_document(path, max_bytes=64 * MB, display=path.name)
        out.extend(data["interactions"])
    return out


def _personal_values(interactions: list[dict[str, Any]]) -> dict[str, Kind]:
    """Every personal value the cassettes hold (their pseudonyms), found by a scan."""
    found: dict[str, Kind] = {}

    def keep(hit: Hit) -> None:
        if hit.kind is not Kind.SECRET and len(hit.value) >= 2:
            found[hit.value] = hit.kind

    traffic = TrafficScrubber(PrivacyPolicy.default(), _Everything(), on_hit=keep)
    for item in interactions:
        for part in ("request", "response"):
            message = item[part]
            body = message.get("body")
            body = body.get("string") if isinstance(body, dict) else body
            if body:
                traffic.body(body, dict(message.get("headers") or {}))
    return found


class _Everything(Recogniser):
    """Reports pseudonyms too (they are what the corpus replaces)."""

    def is_own(self, kind: Kind, value: str, part: Any = None) -> bool:
        return False

    def own_names(self, family: str, given: str) -> bool:
        return False


def build(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """``count`` interactions: the cassettes' ones, each copy with fresh personal values."""
    from faker import Faker

    base = _interactions()
    values = sorted(_personal_values(base).items(), key=lambda item: -len(item[0]))
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    while len(out) < count:
        replacements = {value: _fresh(kind, value, fake, rng) for value, kind in values}
        for item in base:
            if len(out) >= count:
                break
            clone = copy.deepcopy(item)
            for part in ("request", "response"):
                message = clone[part]
                body = message.get("body")
                holder, key = (body, "string") if isinstance(body, dict) else (message, "body")
                text = holder.get(key)
                if isinstance(text, str) and text:
                    for old, new in replacements.items():
                        if old in text:
                            text = text.replace(old, new)
                    holder[key] = text
            out.append(clone)
    return out


def _fresh(kind: Kind, value: str, fake: Any, rng: random.Random) -> str:
    if kind is Kind.PHONE:
        if value.startswith("+1"):
            return f"+1415{rng.randrange(2, 10)}{rng.randrange(10**6):06d}"
        digits = fake.phone_number()
        return ("+86" if value.startswith("+86") else "") + digits
    if kind is Kind.EMAIL:
        return f"{fake.user_name()}{rng.randrange(10**4)}@{fake.free_email_domain()}"
    if kind is Kind.NAME:
        return fake.name() if len(value) > 2 else fake.first_name()
    if kind is Kind.ADDRESS:
        return fake.address().split(" ")[0]
    return value


def _bodies(interactions: list[dict[str, Any]]) -> list[str]:
    bodies = []
    for item in interactions:
        for part in ("request", "response"):
            body = item[part].get("body")
            body = body.get("string") if isinstance(body, dict) else body
            if isinstance(body, str) and body.lstrip()[:1] in ("{", "["):
                bodies.append(body)
    return bodies


def _parse_all(bodies: list[str]) -> None:
    for body in bodies:
        json.loads(body)


def run(count: int, repeats: int, workdir: Path) -> dict[str, float]:
    """Prints the figures; returns the scrub and scan ratios to json.loads."""
    started = time.perf_counter()
    corpus = build(count)
    bodies = _bodies(corpus)
    size = sum(len(b.encode()) for b in bodies)
    print(f"corpus: {len(corpus):,} interactions ({len(bodies):,} JSON bodies, "
          f"{size / MB:.1f} MB of bodies) built in {time.perf_counter() - started:.1f} s")
    parse_best, _, parse_cpu = best_of_cpu(lambda: _parse_all(bodies), repeats)

    scrubbed: list[dict[str, Any]] = []

    def scrub(compiled: bool = True) -> None:
        # A fresh scrubber per run, and nothing remembered from the run before: a recording
        # process starts with empty caches too.
        forget_values()
        traffic = TrafficScrubber(PrivacyPolicy.default(), Pseudonymizer(b"benchmark key"))
        traffic.scrubber._compiled = traffic.scrubber._compiled and compiled
        request, response = traffic.request_hook(), traffic.response_hook()
        scrubbed.clear()
        with _splice(compiled):
            for item in corpus:
                req = request(_VcrRequest(item["request"]))
                scrubbed.append({"request": req.as_dict(),
                                 "response": response(item["response"])})

    scrub_best, scrub_median, scrub_cpu = best_of_cpu(scrub, repeats)
    per = scrub_best / len(corpus) * 1e6
    print(f"scrub (vcrpy hooks, pseudonyms): {scrub_best:.2f} s best, {scrub_median:.2f} s "
          f"median = {per:.0f} µs per interaction; json.loads of the same bodies "
          f"{parse_best:.2f} s -> ratio {scrub_best / parse_best:.2f}x; CPU {scrub_cpu:.2f} s "
          f"against {parse_cpu:.2f} s")
    if ACCELERATED:
        _compare_python_loops(scrub, scrubbed, repeats, parse_cpu)

    # The scan reads what a recording wrote: the corpus as the hooks scrubbed it.
    cassette = workdir / "privacy-bench.yaml"
    cassette.write_text(ReadableYaml.serialize({"interactions": scrubbed, "version": 1}),
                        "utf-8")
    file_mb = cassette.stat().st_size / MB
    yaml_best, _ = best_of(lambda: load_document(cassette, max_bytes=4096 * MB,
                                                 display=cassette.name), 1)
    stream_best, _, stream_cpu = best_of_cpu(lambda: _read_streamed(cassette), repeats)
    scan_bodies = _bodies(scrubbed)
    scan_parse, _, scan_parse_cpu = best_of_cpu(lambda: _parse_all(scan_bodies), repeats)

    def scan() -> None:
        forget_values()
        findings = list(scan_files([cassette], max_bytes=4096 * MB))
        assert not [f for f in findings if f.code != "privacy.unreadable"], findings[:3]

    scan_best, scan_median, scan_cpu = best_of_cpu(scan, repeats)
    print(f"scan of the scrubbed {file_mb:.0f} MB cassette: {scan_best:.2f} s best, "
          f"{scan_median:.2f} s median = {file_mb / scan_best:.1f} MB/s; json.loads of its "
          f"bodies {scan_parse:.2f} s -> ratio {scan_best / scan_parse:.2f}x; the streamed "
          f"cassette read the scan makes {stream_best:.2f} s (without it "
          f"{(scan_best - stream_best) / scan_parse:.2f}x); a whole-file YAML parse "
          f"{yaml_best:.2f} s; CPU {scan_cpu:.2f} s against {scan_parse_cpu:.2f} s")
    scrub_ratio, scan_ratio = scrub_cpu / parse_cpu, scan_cpu / scan_parse_cpu
    print(f"in CPU time (process_time, best of the repeats): scrub / json.loads = "
          f"{scrub_ratio:.2f}x, scan / json.loads = {scan_ratio:.2f}x (the streamed read alone "
          f"{stream_cpu / scan_parse_cpu:.2f}x, the scan without it "
          f"{(scan_cpu - stream_cpu) / scan_parse_cpu:.2f}x); load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return {"scrub": scrub_best / parse_best, "scan": scan_best / scan_parse,
            "scrub_cpu": scrub_ratio, "scan_cpu": scan_ratio}


@contextlib.contextmanager
def _splice(compiled: bool) -> Iterator[None]:
    """The compiled write-back in place, or the Python one."""
    saved = json_text.splice
    json_text.splice = saved if compiled else None
    try:
        yield
    finally:
        json_text.splice = saved


def _compare_python_loops(scrub: Any, scrubbed: list[dict[str, Any]], repeats: int,
                          parse_cpu: float) -> None:
    """The scrub with the compiled walk and write-back against the Python loops, alternated in
    this process (so both see the same load), and their outputs compared."""
    compiled_out = json.dumps(scrubbed, sort_keys=True, default=str)
    spent: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(max(repeats, 3)):
        for compiled in (False, True):
            spent[compiled].append(best_of_cpu(lambda c=compiled: scrub(c), 1)[2])
            if not compiled:
                python_out = json.dumps(scrubbed, sort_keys=True, default=str)
    fast, slow = statistics.median(spent[True]), statistics.median(spent[False])
    print(f"scrub, compiled walk against the Python loops (alternated, median of "
          f"{len(spent[True])} each, CPU): {fast:.2f} s = {fast / parse_cpu:.2f}x against "
          f"{slow:.2f} s = {slow / parse_cpu:.2f}x; outputs identical: "
          f"{compiled_out == python_out}")


def _read_streamed(cassette: Path) -> None:
    """The cassette read one interaction at a time, as ``privacy scan`` reads it."""
    from seamguard.documents import DEFAULT_MAX_DEPTH, open_regular
    from seamguard.recordings.stream import scan

    with open_regular(cassette, max_bytes=4096 * MB) as stream:
        for _ in scan(stream, max_bytes=4096 * MB, max_depth=DEFAULT_MAX_DEPTH):
            pass


class _VcrRequest:
    """The attributes of a ``vcr.request.Request`` the hook touches, over a cassette dict."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.uri = data["uri"]
        self.method = data["method"]
        # the hook replaces headers and body; the corpus itself is never changed
        self.headers = {k: v[0] if isinstance(v, list) and v else v
                        for k, v in (data.get("headers") or {}).items()}
        self.body = data.get("body")

    def as_dict(self) -> dict[str, Any]:
        return {"method": self.method, "uri": self.uri, "body": self.body,
                "headers": {k: [v] for k, v in self.headers.items()}}


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="seamguard-privacy-bench-") as tmp:
        run(args.interactions, args.repeats, Path(tmp))


if __name__ == "__main__":
    main()
