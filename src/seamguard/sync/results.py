"""What a sync run returns: its examples, timings, coverage and failures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from seamguard.sync.execute import Trace
from seamguard.sync.properties import Violation
from seamguard.sync.script import Script

__all__ = ["Failure", "RunResult"]


@dataclass
class Failure:
    target: str
    violation: Violation
    script: Script
    trace: Trace
    seed: int | None
    variant: str | None
    regression: Path | None = None  # the saved script this failure replayed, if any
    others: list[Violation] = field(default_factory=list)
    examples: int | None = None  # examples played until the first failure
    seconds: float | None = None  # seconds until the first failure
    shrink_runs: int = 0
    first: Violation | None = None  # what the unshrunk failure broke first


@dataclass
class RunResult:
    target: str
    seed: int
    examples: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    first_failure_examples: int | None = None
    first_failure_seconds: float | None = None
    replayed: int = 0
    property_seconds: dict[str, float] = field(default_factory=dict)  # checking time each
    play_seconds: float = 0.0  # delivering scripts and reading state back
    model_seconds: float = 0.0
    coverage: Counter[str] = field(default_factory=Counter)  # what the played scripts did
    transport: str = "webhook"
    seed_source: str = "--seed"  # where the seed came from (printed beside it)

