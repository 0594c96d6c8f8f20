"""Regexes the static check allows that still backtrack, run through a mapping's
``regex_replace`` as ``check`` runs it: each must end (with a finding or a result), never hang.

Patterns are drawn as alternations of short sequences whose branches overlap (``(\\w\\w|\\w\\d|
\\d\\w)+$``: one stretch of text splits into iterations in many ways, a shape the static check
does not know), plus ``regex_backtracking``'s grammar. Each pattern runs on the attack strings in
a child process with a wall limit; one that does not finish in it is a hang.

    python -m tests.support.regex_runtime [SEED] [COUNT]   # hangs / allowed, findings
"""

from __future__ import annotations

import json
import queue
import random
import subprocess
import sys
import threading
from typing import IO

from seamguard.mapping.regex_safety import backtracking_risk
from tests.support.regex_backtracking import generate

__all__ = ["overlapping", "run_patterns"]

_CLASSES = ["a", "1", r"\w", r"\d", "[a-z]", "[a1]", "."]
_ENDS = ["$", "!", r"\s", r"\.", "b$", ""]
_ATTACKS = ["1" * 60 + "!", "a" * 60 + "!", "a1" * 30 + "!", "1" * 60, "a" * 60]
_CHILD = """
import json, sys
from seamguard.mapping.transforms import TRANSFORMS, TransformError
for pattern in json.loads(sys.stdin.read()):
    verdict = "ok"
    try:
        bound = TRANSFORMS.get("regex_replace").bind({"pattern": pattern, "replacement": "x"})
        for text in json.loads(sys.argv[1]):
            try:
                bound(text)
            except TransformError:
                verdict = "finding"
    except Exception as exc:
        verdict = "refused"
    print(json.dumps([pattern, verdict]), flush=True)
"""


def overlapping(seed: int, count: int) -> list[str]:
    """``count`` repeated alternations of two-class sequences whose branches overlap."""
    rnd = random.Random(seed)
    patterns = []
    for _ in range(count):
        branches = {"".join(rnd.choice(_CLASSES) for _ in range(2))
                    for _ in range(rnd.randint(2, 4))}
        patterns.append(f"({'|'.join(sorted(branches))}){rnd.choice('+*')}{rnd.choice(_ENDS)}")
    return patterns


def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def run_patterns(patterns: list[str], seconds: float = 12.0) -> dict[str, str]:
    """Each pattern's verdict: ok, finding, refused (the transform would not take it) or hang
    (the child did not finish it within ``seconds``); a hang restarts the child after it."""
    verdicts: dict[str, str] = {}
    rest = list(patterns)
    while rest:
        process = subprocess.Popen([sys.executable, "-c", _CHILD, json.dumps(_ATTACKS)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(json.dumps(rest))
        process.stdin.close()
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
        # the first pattern also waits for the child's imports
        for number, pattern in enumerate(list(rest)):
            try:
                line = lines.get(timeout=seconds + (10.0 if number == 0 else 0.0))
            except queue.Empty:
                verdicts[pattern] = "hang"
                process.kill()
                process.wait()
                break
            verdicts[pattern] = json.loads(line)[1]
        process.wait()
        rest = [p for p in rest if p not in verdicts]
    return verdicts


def main(argv: list[str]) -> int:
    seed = int(argv[0]) if argv else 1
    count = int(argv[1]) if len(argv) > 1 else 100
    drawn = list(dict.fromkeys(overlapping(seed, count) + generate(seed, count)))
    allowed = [p for p in drawn if backtracking_risk(p) is None]
    verdicts = run_patterns(allowed)
    hangs = [p for p, v in verdicts.items() if v == "hang"]
    for pattern in hangs:
        print(f"  HANG {pattern}")
    findings = sum(v == "finding" for v in verdicts.values())
    print(f"regex runtime (seed {seed}): hang {len(hangs)} of {len(allowed)} allowed; "
          f"{findings} ended in a finding; {len(drawn) - len(allowed)} refused statically")
    return 1 if hangs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
