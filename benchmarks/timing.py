"""Timing helper shared by the stand-alone benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def best_of(fn: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """Best and median wall-clock seconds of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def best_of_cpu(fn: Callable[[], Any], repeats: int) -> tuple[float, float, float]:
    """Best and median wall-clock seconds of ``repeats`` calls, and their best CPU seconds
    (``time.process_time``: on a shared machine wall-clock time also counts the wait for a CPU)."""
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - start_cpu)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), min(cpu)
