"""CSV files whose rows end in more than one way (CRLF, LF, a lone CR), as a file appended to
by tools of two systems is: DuckDB's sniffer gives up on them, where pandas and spreadsheets
read each row. Such a file is read through a copy whose line ends, outside quoted values, are
all LF — the same rows on the same lines, and a quoted value keeps its own line ends."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["mixed_line_ends", "unify_line_ends"]

_BLOCK = 1 << 20
_EOL = re.compile(rb"\r\n?")


def mixed_line_ends(path: Path) -> bool:
    """Whether ``path`` ends its lines in more than one of CRLF, LF and a lone CR."""
    crlf = cr = lf = 0
    carry = b""
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            block = carry + block
            # a CR at the end of a block may be the first half of a CRLF: judged with the next
            carry = b"\r" if block.endswith(b"\r") else b""
            if carry:
                block = block[:-1]
            pairs = block.count(b"\r\n")
            crlf += pairs
            cr += block.count(b"\r") - pairs
            lf += block.count(b"\n") - pairs
            if sum(1 for n in (crlf, cr, lf) if n) > 1:
                return True
    cr += len(carry)
    return sum(1 for n in (crlf, cr, lf) if n) > 1


def unify_line_ends(path: Path, copy: Path) -> Path:
    """``copy``, written as ``path`` with every line end outside a quoted value as LF."""
    quoted = False
    pending = b""
    with path.open("rb") as source, copy.open("wb") as out:
        while block := source.read(_BLOCK):
            block = pending + block
            pending = b"\r" if block.endswith(b"\r") else b""
            if pending:
                block = block[:-1]
            parts = block.split(b'"')
            for index, part in enumerate(parts):
                if index:
                    quoted = not quoted
                if not quoted:
                    parts[index] = _EOL.sub(b"\n", part)
            out.write(b'"'.join(parts))
        if pending:
            out.write(pending if quoted else b"\n")
    return copy
