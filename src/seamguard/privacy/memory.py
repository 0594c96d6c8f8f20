"""What the privacy code remembers across scrubbers, and how to forget it.

Detection and phone parsing remember their answers per process, keyed by the values they read
(a customer's phone, an address), so that a recording of several cassettes reads each value
once. Those tables hold personal values in memory for as long as the process lives; a
long-running process (the pytest plugin, a service embedding the hooks) can drop them with
:func:`forget_values`, and a benchmark calls it so that every run starts as a new process does.
Tables keyed only by key names or media types are not personal and are kept.
"""

from __future__ import annotations

from collections.abc import Callable

_CLEARS: list[Callable[[], None]] = []


def remembers(clear: Callable[[], None]) -> None:
    """Register the ``clear`` of a process-wide table keyed by values read from data."""
    _CLEARS.append(clear)


def forget_values() -> None:
    """Empty every process-wide table keyed by values read from data."""
    for clear in _CLEARS:
        clear()
