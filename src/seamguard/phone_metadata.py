"""phonenumbers' metadata, loaded whole before code that may run on several threads.

phonenumbers loads a region's metadata on first use, and a thread that asks for a region while
another is loading it gets ``None`` (its ``metadata_for_region`` marks the region as loaded
before it is). DuckDB calls a Python scalar function from its own worker threads, so a mapping
rule such as ``phone_e164`` run inside a reconciliation could fail with "'NoneType' object has
no attribute 'country_code'" on the first rows. Loading everything first (about 0.1 s, once per
process) removes the race.
"""

from __future__ import annotations

import threading

__all__ = ["load_phone_metadata"]

_LOCK = threading.Lock()
_LOADED = False


def load_phone_metadata() -> None:
    """Load every region's phone metadata, once per process (thread-safe)."""
    global _LOADED
    if _LOADED:
        return
    with _LOCK:
        if not _LOADED:
            import phonenumbers

            phonenumbers.PhoneMetadata.load_all()
            _LOADED = True
