"""Which rules of a mapping read each other's output (``$target.x``) in a circle."""

from __future__ import annotations

__all__ = ["rule_cycles"]


def rule_cycles(reads: dict[int, list[int]]) -> list[list[int]]:
    """Each circle of rules reading each other (once, from its lowest rule), closed."""
    found: list[list[int]] = []
    seen: set[frozenset[int]] = set()

    def walk(index: int, chain: list[int]) -> None:
        for following in reads.get(index, []):
            if following in chain:
                cycle = chain[chain.index(following):]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    start = cycle.index(min(cycle))
                    ordered = cycle[start:] + cycle[:start]
                    found.append([*ordered, ordered[0]])
            elif len(chain) < len(reads) + 1:
                walk(following, [*chain, following])

    for index in sorted(reads):
        walk(index, [index])
    return found
