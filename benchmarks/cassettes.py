"""Streamed cassette reading: time and peak memory, each measured in a fresh child process.

The cassette is the repository's recorded interactions repeated to N (default 100,000, about
340 MB) and written as vcrpy writes it (``yaml.dump``, block style, default width: long bodies
fold over several lines). Each row runs in its own child process, so its peak RSS
(``VmHWM``) is its own; the time is of the read alone, without interpreter start-up:

* baseline: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the whole file (libyaml), with the
  cyclic garbage collector paused (as seamguard's whole-file parse does; with it on, as a
  plain call runs, the collector rescans the growing tree and the same load is slower);
* whole-file read: one YAML parse then the shape checks (the reader seamguard used to use for
  every cassette, and still uses for a file outside vcrpy's regular layout);
* streamed: ``open_cassette(...).each()``, one interaction at a time, nothing kept;
* streamed, then the line of the last interaction (what a finding there costs).

    python benchmarks/cassettes.py [--interactions N]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

MB = 1_048_576
MODES = {
    "baseline": "yaml.load CSafeLoader, cyclic GC paused  [BASELINE]",
    "baseline-gc": "yaml.load CSafeLoader, cyclic GC on",
    "whole": "whole-file read (one parse + shape checks)",
    "streamed": "streamed: open_cassette(...).each()",
    "streamed+line": "streamed, then line_of(last interaction)",
}


def write_cassette(path: Path, n: int) -> int:
    """The repository's interactions repeated to ``n``, as vcrpy's yaml.dump writes them."""
    items: list[Any] = []
    for source in sorted((ROOT / "fixtures" / "cassettes").rglob("*.yaml")):
        with source.open(encoding="utf-8") as handle:
            items.extend(yaml.load(handle, Loader=yaml.CSafeLoader)["interactions"])
    # Dumped one item at a time and repeated: byte for byte what one dump of n separate dicts
    # gives (a block sequence under a key is not indented; separate dicts get no aliases).
    texts = [yaml.dump([item], Dumper=yaml.CSafeDumper, allow_unicode=True) for item in items]
    with path.open("w", encoding="utf-8") as out:
        out.write("interactions:\n")
        for k in range(n):
            out.write(texts[k % len(texts)])
        out.write("version: 1\n")
    return path.stat().st_size


def child(mode: str, path: Path) -> dict[str, Any]:
    """One measurement, in this (child) process."""
    from seamguard.recordings.cassettes import _read_whole, open_cassette

    limit = path.stat().st_size + 1
    gc.collect()
    if mode == "baseline":
        gc.disable()
    start, cpu = time.perf_counter(), time.process_time()
    count = 0
    if mode in ("baseline", "baseline-gc"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        count = len(data["interactions"])
    elif mode == "whole":
        count = len(_read_whole(path, display=path.name, max_bytes=limit, max_depth=128)
                    .interactions)
    else:
        cassette = open_cassette(path, display=path.name, max_bytes=limit)
        for _ in cassette.each():
            count += 1
        if mode == "streamed+line":
            assert cassette.line_of(count - 1) is not None
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "rss": peak_rss(), "count": count}


def peak_rss() -> int:
    """This process's peak resident memory in bytes (Linux: VmHWM, which, unlike ru_maxrss,
    does not carry over the parent's size from before the exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measure(mode: str, path: Path, timeout: float) -> dict[str, Any]:
    result = subprocess.run([sys.executable, __file__, "--child", mode, str(path)],
                            capture_output=True, text=True, timeout=timeout, check=True)
    return json.loads(result.stdout)


def idle_rss() -> int:
    """Peak RSS of a child that imports seamguard's reader and reads nothing."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import cassettes; "
            "import seamguard.recordings.cassettes; print(cassettes.peak_rss())")
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True).stdout)


def run(n: int, repeats: int = 1, workdir: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="seamguard-cassettes-", dir=workdir) as tmp:
        path = Path(tmp) / "scaled.yaml"
        started = time.perf_counter()
        size = write_cassette(path, n)
        print(f"cassette: {n:,} interactions, {size / MB:.0f} MB of YAML (vcrpy's layout, "
              f"written in {time.perf_counter() - started:.1f} s); each row is a fresh child "
              f"process, best of {repeats}; load average {_load()}")
        results: dict[str, dict[str, Any]] = {}
        for _ in range(repeats):  # interleaved, so a burst of load hits every row
            for mode in MODES:
                got = measure(mode, path, timeout=3600)
                assert got["count"] == n, (mode, got)
                best = results.get(mode)
                if best is None or got["seconds"] < best["seconds"]:
                    results[mode] = {**got, "rss": max(got["rss"], best["rss"] if best else 0),
                                     "cpu": min(got["cpu"], best["cpu"] if best else got["cpu"])}
        base, base_cpu = results["baseline"]["seconds"], results["baseline"]["cpu"]
        whole = results["whole"]["seconds"]
        rows = [[label, f"{got['seconds']:.2f} s", f"{size / MB / got['seconds']:.0f}",
                 f"{got['rss'] / MB:,.0f} MB", f"{got['seconds'] / base:.2f}x",
                 f"{got['cpu']:.2f} s", f"{got['cpu'] / base_cpu:.2f}x",
                 f"{whole / got['seconds']:.2f}x"]
                for mode, label in MODES.items() for got in [results[mode]]]
        _table(rows, ["read", "wall", "MB/s", "peak RSS", "vs baseline", "CPU", "CPU vs baseline",
                      "speed-up vs whole-file read"])
        print(f"peak RSS of a child that imports the reader and reads nothing: "
              f"{idle_rss() / MB:.0f} MB; load average {_load()}")
        return results


def _table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    run(args.interactions, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
