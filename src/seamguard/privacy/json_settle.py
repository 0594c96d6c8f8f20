"""Which values of a parsed JSON document the scrubber's walk must look at in Python.

Most values of a recorded body cannot change: a string its key meaning's cache already holds as
harmless, a bool or null, a small int, a float. The compiled walk (``seamguard._privscreen``,
built with the package when a C compiler is there) goes through a document's plain objects and
lists doing exactly what :class:`~seamguard.privacy.scrubber.Scrubber`'s plain loops do for
those, and hands back the rest, in walk order (with their JSON pointers when a scan reads
them), for the same loop bodies to handle; ``seamguard._privsplice`` writes replaced literals
back. Without them (or with ``SEAMGUARD_PURE=1``) the loops run in Python as they always did;
both give the same edits, hits, pointers and literal counts (``tests/unit/test_privacy_settle.py``
and ``test_privacy_settle_tracked.py`` compare them).

A context is ``(info, cache, flags, escaped key)``: what a key means, its cache of scrubbed
strings, the flags below (what of a number, a float, a wrapper or a row can matter under it),
and the key as a JSON pointer token.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from seamguard.privacy.kinds import Kind
from seamguard.privacy.policy import KeyInfo

__all__ = ["ACCELERATED", "DEFER", "PLAIN_FIRST", "Context", "context_flags", "may_name", "settle",
           "splice"]

Context = tuple[KeyInfo, dict[str, Any], int, str]

INT_ALWAYS = 1  # any int under the key may be replaced
INT_BIG = 2  # a positive int of 1,000,000 or more may be
FLOAT_EXACT = 4  # a float's spelling matters
WRAPS = 8  # {"value": "…"} under the key is read as its string (beside other members too)
ROWS = 16  # a list of 2 to 64 items with a string may be a record's row
PERSON = 32  # the key names a contact kind: a name beside it is a person's
CONTACT = 64  # the value is read for a contact when a name may sit beside it
DEFER = 128  # the value is handed back whatever it is (it needs its object's reading)
ALLOWED = 256  # the key is declared harmless: its strings are left as they are
PLAIN_FIRST = 512  # a string is screened before its cache is read (remembered edits not taken)
HOLDER = 1024  # the key names a person: an object under it is handed back (its name is theirs)
_PERSON_KINDS = frozenset({Kind.PHONE, Kind.EMAIL, Kind.ID_NUMBER, Kind.ADDRESS, Kind.ACCOUNT})


def context_flags(info: KeyInfo, secrets: tuple[str, ...]) -> int:
    """The flags of a key meaning, as ``scrubber._scalar_matters`` and the loops read it."""
    flags = 0
    if info.kind is not None or info.secret == "always" or secrets:
        flags |= INT_ALWAYS
    if not info.identifier or info.bare_number:
        flags |= INT_BIG
    if info.secret == "always" or info.kind is Kind.LOCATION:
        flags |= FLOAT_EXACT
    if info.kind is not None:
        flags |= WRAPS
    if not (info.kind is not None or info.secret is not None or info.identifier
            or info.allowed) or info.person_ref:
        flags |= ROWS
    if info.kind in _PERSON_KINDS:
        flags |= PERSON
    if info.secret is None:
        flags |= CONTACT
    if info.allowed:
        flags |= ALLOWED
    if info.person_noun or info.kind is Kind.NAME:
        flags |= HOLDER
    return flags


settle: Callable[..., tuple[int, bool, list[tuple[Any, ...]]]] | None
splice: Callable[[str, dict[str, list[Any]]], str | None] | None
may_name: Callable[[dict[Any, Any], Any, Any], bool] | None
if os.environ.get("SEAMGUARD_PURE"):
    settle = splice = may_name = None
else:
    try:
        from seamguard._privscreen import (  # type: ignore[import-not-found,no-redef]
            may_name,
            settle,
        )
        from seamguard._privsplice import splice  # type: ignore[import-not-found,no-redef]
    except ImportError:  # not built (no C compiler where the package was installed)
        settle = splice = may_name = None
ACCELERATED = settle is not None
