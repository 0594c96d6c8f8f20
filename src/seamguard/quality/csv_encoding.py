"""CSV exports in a legacy encoding (GBK, GB18030, Big5, Shift-JIS, Latin-1, UTF-16): decoded to
UTF-8 once per run, so DuckDB, GX and every check read the same text the export holds.

A Chinese ERP or CRM often exports GBK; DuckDB reads only UTF-8 (other encodings need an
extension that is downloaded at run time), so the file is decoded here, in blocks, into a
scratch folder the run removes at its end.
"""

from __future__ import annotations

import codecs
import glob
from pathlib import Path

__all__ = ["EncodingError", "is_utf8", "transcode"]

_BLOCK = 1 << 20


class EncodingError(ValueError):
    """A byte sequence the declared encoding cannot decode: the file and line say where."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(reason)
        self.path, self.line, self.reason = path, line, reason


def is_utf8(encoding: str) -> bool:
    """True for the encodings DuckDB reads as they are (UTF-8, with or without a BOM)."""
    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


def transcode(source: Path, encoding: str, scratch: Path) -> Path:
    """``source`` (a file or a glob) decoded from ``encoding`` into UTF-8 files in ``scratch``;
    the path to scan instead (a glob when ``source`` is one). Raises EncodingError."""
    scratch.mkdir(parents=True, exist_ok=True)
    pattern = str(source)
    many = any(ch in pattern for ch in "*?[")
    files = sorted(Path(p) for p in glob.glob(pattern)) if many else [source]
    written = scratch
    for number, path in enumerate(files):
        written = scratch / f"{number:05d}.csv"
        _decode_file(path, encoding, written)
    return scratch / "*.csv" if many else written


def _decode_file(path: Path, encoding: str, target: Path) -> None:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    line = 1
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while True:
            block = src.read(_BLOCK)
            try:
                dst.write(decoder.decode(block, final=not block))
            except UnicodeDecodeError as exc:
                at = line + block[:max(exc.start, 0)].count(b"\n")
                bad = exc.object[exc.start:exc.end].hex(" ") if exc.object else "?"
                raise EncodingError(path, at, f"bytes {bad} on line {at} are not {encoding}")\
                    from None
            if not block:
                return
            line += block.count(b"\n")
