"""Random regular expressions from a small grammar (atoms, quantifiers, nested and alternated
groups), split by ``backtracking_risk`` into refused and allowed; every allowed one is run on
strings that make catastrophic patterns blow up (a long run of one character class, then one
that fails), in a child process with a time limit. An allowed pattern that times out is a
missed catastrophic one.

    python -m tests.support.regex_backtracking [SEED] [COUNT]   # missed / allowed, refused
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

from seamguard.mapping.regex_safety import backtracking_risk

__all__ = ["generate", "slow_patterns"]

_ATOMS = ["a", "b", r"\d", r"\w", r"\s", ".", "[ab]", "[a-z]", "-", ","]
_QUANTIFIERS = ["", "", "?", "*", "+", "{1,3}", "{2}"]
_GROUP_QUANTIFIERS = ["*", "+", "{10,}", "?", ""]
_ATTACKS = ["a" * 28 + "!", "1" * 28 + "!", " " * 28 + "!", "ab" * 14 + "!", "a-" * 14 + "!",
            "a," * 14 + "!", "1a" * 14 + "!"]
_CHILD = """
import json, re, sys
for pattern in json.loads(sys.stdin.read()):
    for text in json.loads(sys.argv[1]):
        re.search(pattern, text)
"""


def generate(seed: int, count: int) -> list[str]:
    """``count`` patterns drawn with ``seed``."""
    rnd = random.Random(seed)

    def sequence(depth: int) -> str:
        parts = []
        for _ in range(rnd.randint(1, 3)):
            if depth < 2 and rnd.random() < 0.35:
                inner = sequence(depth + 1)
                if rnd.random() < 0.3:
                    inner += "|" + sequence(depth + 1)
                parts.append(f"(?:{inner}){rnd.choice(_GROUP_QUANTIFIERS)}")
            else:
                parts.append(rnd.choice(_ATOMS) + rnd.choice(_QUANTIFIERS))
        return "".join(parts)

    return [sequence(0) for _ in range(count)]


def _finishes(patterns: list[str], seconds: float) -> bool:
    try:
        subprocess.run([sys.executable, "-c", _CHILD, json.dumps(_ATTACKS)],
                       input=json.dumps(patterns), text=True, timeout=seconds, check=True)
    except subprocess.TimeoutExpired:
        return False
    return True


def slow_patterns(patterns: list[str], seconds: float = 3.0, batch: int = 20) -> list[str]:
    """The patterns that do not finish the attack strings within ``seconds`` (batched, and a
    slow batch bisected one by one)."""
    slow = []
    for start in range(0, len(patterns), batch):
        chunk = patterns[start:start + batch]
        if not _finishes(chunk, seconds):
            slow += [p for p in chunk if not _finishes([p], seconds)]
    return slow


def main(argv: list[str]) -> int:
    seed = int(argv[0]) if argv else 1
    count = int(argv[1]) if len(argv) > 1 else 1000
    patterns = generate(seed, count)
    allowed = [p for p in patterns if backtracking_risk(p) is None]
    missed = slow_patterns(allowed)
    for pattern in missed:
        print(f"  MISSED {pattern}")
    print(f"regex backtracking (seed {seed}): missed {len(missed)} of {len(allowed)} allowed; "
          f"{len(patterns) - len(allowed)} refused")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
