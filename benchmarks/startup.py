"""Command-line start-up: wall time of whole ``seamguard`` processes, against ``python -c pass``.

Rows, each the best (and median) of R runs, interleaved so a burst of load hits every row:

* ``python -c pass`` [BASELINE]: the interpreter alone;
* ``python -c 'import typer.main'``: the command-line framework alone, for the profile;
* ``seamguard --version``: the CLI, up to a command body (typer builds the command tree);
* ``seamguard --help``: the same, plus typer's rich help screen;
* ``seamguard check --help``, ``seamguard contract diff --help``: a command's help screen (the
  root group's options are read first, and its callback runs, before the command's);
* ``seamguard check --no-such-option``: a usage error (exit code 2).

The aim is ``--help`` and a command's ``--help`` at most 0.25 s of wall time (best of R). Then the
ten slowest imports of ``seamguard check --help`` from ``python -X importtime``.

    python benchmarks/startup.py [--repeats R]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ROWS = {
    "python -c pass  [BASELINE]": [PY, "-c", "pass"],
    "python -c 'import typer.main'": [PY, "-c", "import typer.main"],
    "seamguard --version": [PY, "-m", "seamguard", "--version"],
    "seamguard --help": [PY, "-m", "seamguard", "--help"],
    "seamguard check --help": [PY, "-m", "seamguard", "check", "--help"],
    "seamguard contract diff --help": [PY, "-m", "seamguard", "contract", "diff", "--help"],
    "seamguard check --no-such-option": [PY, "-m", "seamguard", "check", "--no-such-option"],
}
EXIT = {"seamguard check --no-such-option": 2}  # other rows exit 0
AIM = 0.25  # seconds of wall time, best of R, for the help screens
AIMED = ("seamguard --help", "seamguard check --help", "seamguard contract diff --help")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                      env.get("PYTHONPATH")]))
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc files
    return env


def run(repeats: int = 10) -> dict[str, float]:
    env = _env()
    for label, command in ROWS.items():  # warm the file cache and the .pyc files
        _spawn(label, command, env)
    times: dict[str, list[float]] = {label: [] for label in ROWS}
    cpu: dict[str, list[float]] = {label: [] for label in ROWS}
    for _ in range(repeats):
        for label, command in ROWS.items():
            used = _children_cpu()
            start = time.perf_counter()
            _spawn(label, command, env)
            times[label].append(time.perf_counter() - start)
            cpu[label].append(_children_cpu() - used)
    base = min(times[_BASE])
    base_cpu = min(cpu[_BASE])
    rows = [[label, f"{min(runs) * 1000:.0f} ms", f"{statistics.median(runs) * 1000:.0f} ms",
             f"{min(runs) / base:.1f}x", f"{(min(runs) - base) * 1000:.0f} ms",
             f"{min(cpu[label]) * 1000:.0f} ms", f"{min(cpu[label]) / base_cpu:.1f}x"]
            for label, runs in times.items()]
    widths = [max(len(row[i]) for row in [*rows, _HEADER]) for i in range(len(_HEADER))]
    for row in [_HEADER, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(f"best of {repeats} processes each (CPU: user + system time of the process, less "
          f"sensitive to other work on the machine); load average {_load()}")
    worst = max(AIMED, key=lambda label: min(times[label]))
    verdict = "met" if min(times[worst]) <= AIM else "NOT met"
    print(f"aim: help screens <= {AIM:.2f} s wall (best): {verdict}; slowest is {worst!r} at "
          f"{min(times[worst]):.3f} s")
    _importtime(env)
    return {label: min(runs) for label, runs in times.items()}


_BASE = "python -c pass  [BASELINE]"
_HEADER = ["process", "wall best", "median", "vs baseline", "above baseline", "CPU best",
           "CPU vs baseline"]


def _spawn(label: str, command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT, check=False)
    if result.returncode != EXIT.get(label, 0):
        raise SystemExit(f"{label}: exit code {result.returncode}\n{result.stderr.decode()}")


def _children_cpu() -> float:
    """User + system seconds of the finished child processes so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _importtime(env: dict[str, str]) -> None:
    result = subprocess.run([PY, "-X", "importtime", "-m", "seamguard", "check", "--help"],
                            capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    rows = []
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), len(parts[2]) - len(parts[2].lstrip()), parts[2].strip()))
    top = [row for row in rows if row[1] <= 3]  # top-level imports and their children
    top.sort(reverse=True)
    total = sum(cumulative for cumulative, depth, _ in rows if depth == 1)
    print(f"\n`python -X importtime -m seamguard check --help`: {total / 1000:.0f} ms of imports; "
          "slowest (cumulative, nested):")
    for cumulative, depth, name in top[:10]:
        print(f"  {cumulative / 1000:6.0f} ms  {'  ' * (depth - 1)}{name}")


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    run(args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
