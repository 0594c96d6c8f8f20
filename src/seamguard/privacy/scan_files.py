"""What ``privacy scan`` reads in a folder, and how it reads files that are not plain text.

A scan is a gate for "nothing personal was committed", so a file it passes over must be one that
cannot hold customers' data by its kind, and it says what it could not read. In a folder it reads
every file except source code (code is not data; a file named on the command line is read
whatever it is) and the folders of version control, caches and virtual environments; hidden files
such as ``.env`` are read. Spreadsheets (``.xlsx``, ``.xlsm``) are read cell by cell with openpyxl,
each row keyed by its header; other zip containers (``.docx``, ``.ods``, ``.zip``…) member by
member; bzip2 and xz files inflated, bounded like gzip. A file that is none of those and no text
in any charset is ``privacy.unreadable``, with what it looks like (an image, a PDF, an old Office
file), never silently skipped.
"""

from __future__ import annotations

import bz2
import contextvars
import lzma
import re
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = ["SKIPPED_FOLDERS", "SOURCE_SUFFIXES", "binary_kind", "container_of", "inflate",
           "is_scanned", "trailing_note", "workbook_notes",
           "workbook_rows",
           "zip_members"]

# Folders of version control, caches, dependencies and virtual environments: never data.
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv",
                             "venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache",
                             ".ruff_cache", ".hypothesis", ".idea"})
# Source code: an integration's code is not its data (a file named on purpose is still read).
SOURCE_SUFFIXES = frozenset({
    ".py", ".pyi", ".pyx", ".ipynb", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".vue",
    ".java", ".kt", ".kts", ".scala", ".groovy", ".go", ".rb", ".php", ".rs", ".c", ".h", ".cc",
    ".cpp", ".hpp", ".cs", ".swift", ".m", ".mm", ".sh", ".bash", ".zsh", ".ps1", ".bat", ".lua",
    ".pl", ".dart", ".css", ".scss", ".less",
})
# Operating systems' own files beside data.
_JUNK = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})
_MAX_MEMBERS = 10_000
_MAX_DEPTH = 3
_depth: contextvars.ContextVar[int] = contextvars.ContextVar("seamguard_scan_depth", default=0)


def is_scanned(path: Path) -> bool:
    """Whether a file met in a folder is read: anything but source code, junk files and the
    contents of version-control, cache and environment folders."""
    if any(part in SKIPPED_FOLDERS for part in path.parts):
        return False
    return path.suffix.lower() not in SOURCE_SUFFIXES and path.name.lower() not in _JUNK


def container_of(head: bytes, suffix: str) -> str | None:
    """What a file is by its first bytes: ``workbook``, ``zip``, ``gzip``, ``bz2``, ``xz``, or
    None for anything else (text, or a binary file :func:`binary_kind` names)."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "workbook" if suffix in WORKBOOK_SUFFIXES else "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    # "BZh", the block size and a block's or the end's magic: a text that starts "BZh" is text
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] in (b"1AY&SY",
                                                                          b"\x17rE8P\x90"):
        return "bz2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    return None


_MAGIC = (
    (b"%PDF", "a PDF document: seamguard cannot read PDFs"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"RIFF", "an image, sound or video file"), (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"), (b"BM", "a bitmap image"),
    (b"\xd0\xcf\x11\xe0", "an old-format (.xls/.doc) or password-protected Office file: save it "
                          "unprotected as .xlsx, .docx or CSV to have it scanned"),
    (b"SQLite format 3\x00", "an SQLite database: export its tables as CSV to have them "
                             "scanned"),
    (b"7z\xbc\xaf", "a 7-Zip archive: seamguard reads zip, gzip, bzip2 and xz"),
    (b"Rar!", "a RAR archive: seamguard reads zip, gzip, bzip2 and xz"),
)


def binary_kind(head: bytes) -> str | None:
    """In words, what a binary file seems to be, from its first bytes (None: unknown, or text:
    a CSV that starts "BMW," or a note that starts "RIFF" is read as the text it is)."""
    if not _binary(head):
        return None
    for magic, words in _MAGIC:
        if head.startswith(magic):
            return words
    return None


def _binary(head: bytes) -> bool:
    """Control characters, or bytes that are no UTF-8 (beyond a character cut at the end)."""
    if any(byte < 9 or 13 < byte < 32 for byte in head):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 3
    return False


_STREAM_MAGIC = {"bz2": b"BZh", "xz": b"\xfd7zXZ\x00", "gzip": b"\x1f\x8b"}


def inflate(data: bytes, kind: str, max_bytes: int) -> tuple[bytes, int]:
    """A bzip2 or xz file's content, refused past ``max_bytes`` (every stream in it), and how
    many bytes follow its last stream that are no stream (read by no tool, so reported)."""
    out = bytearray()
    while data:
        if out and not data.startswith(_STREAM_MAGIC[kind]):
            return bytes(out), len(data)
        inflater: Any = bz2.BZ2Decompressor() if kind == "bz2" else lzma.LZMADecompressor()
        out += inflater.decompress(data, max_bytes + 1 - len(out))
        if len(out) > max_bytes or (not inflater.eof and inflater.needs_input is False):
            raise OverflowError(f"it inflates to over the {max_bytes}-byte limit")
        if not inflater.eof:
            raise ValueError(f"the data ends before the {kind} stream does")
        data = inflater.unused_data
    return bytes(out), 0


def trailing_note(count: int, kind: str) -> str:
    """The warning for bytes after a compressed file's last stream."""
    return (f"was scanned up to the end of its {kind} data; the {count} byte(s) after it "
            "were not read")


def zip_members(path: Path, max_bytes: int, scan: Callable[[Path, str], Iterator[Any]],
                shown: str, unreadable: Callable[[str, str], Any]) -> Iterator[Any]:
    """Each file member of a zip container written to a private temporary file of its own name
    and read by ``scan(file, shown)``, ``shown`` being ``archive!member``. The members' declared
    sizes are bounded in all by ``max_bytes`` (zipfile never inflates past a declared size) and
    nesting by a depth, so neither a zip bomb nor a zip holding itself runs away."""
    depth = _depth.get()
    if depth >= _MAX_DEPTH:
        raise OverflowError(f"it nests archives more than {_MAX_DEPTH} deep")
    with zipfile.ZipFile(path) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > _MAX_MEMBERS:
            raise OverflowError(f"it holds over {_MAX_MEMBERS} files")
        total = sum(info.file_size for info in members)
        if total > max_bytes:
            raise OverflowError(f"it inflates to over the {max_bytes}-byte limit")
        token = _depth.set(depth + 1)
        try:
            with tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
                for number, info in enumerate(members):
                    if not is_scanned(Path(info.filename)):
                        continue
                    where = f"{shown}!{info.filename}"
                    # The member's own name only decides how it is read: written under a
                    # plain one, so no name (`..`, 300 characters, a path) can go astray.
                    suffix = PurePosixPath(info.filename).suffix[:16]
                    target = Path(folder) / f"member{number}{suffix}"
                    try:
                        with archive.open(info) as source:
                            target.write_bytes(source.read(info.file_size + 1))
                    except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError,
                            zlib.error, EOFError) as exc:  # encrypted, an unknown method, cut
                        yield unreadable(where, f"could not be scanned: {exc}")
                        continue
                    yield from scan(target, where)
                    target.unlink()
        finally:
            _depth.reset(token)


def workbook_rows(path: Path, max_bytes: int
                  ) -> Iterator[tuple[str, int, dict[str, Any] | list[Any]]]:
    """A workbook's rows as ``(sheet, row number, values)``: the first non-empty row of each
    sheet as a list (a header can name a customer too), every later row as a dict keyed by that
    header, so a column called 手机 or buyer tells what its cells hold. Cell values as their
    cached results (formulas are not evaluated), dates as ISO text."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    with zipfile.ZipFile(path) as archive:
        if sum(info.file_size for info in archive.infolist()) > max_bytes:
            raise OverflowError(f"it inflates to over the {max_bytes}-byte limit")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            header: list[str] | None = None
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                values = [_plain(cell) for cell in row]
                if all(value is None or value == "" for value in values):
                    continue
                if header is None:
                    header = [str(value) if value not in (None, "") else get_column_letter(i)
                              for i, value in enumerate(values, start=1)]
                    yield sheet.title, number, [v for v in values if v is not None]
                    continue
                names = _distinct(header + [get_column_letter(i)
                                            for i in range(len(header) + 1, len(values) + 1)])
                yield sheet.title, number, {names[i]: value for i, value in enumerate(values)
                                            if value is not None}
    finally:
        book.close()


# Parts of a workbook beside its cells that hold what people typed: comments (old and
# threaded) and their authors, text boxes and shapes.
_NOTE_PARTS = re.compile(r"xl/(comments[^/]*\.xml|comments/[^/]+\.xml|threadedComments/[^/]+\.xml"
                         r"|persons/[^/]+\.xml|drawings/[^/]+\.xml)")


def workbook_notes(path: Path, shown: str, scan: Callable[[Path, str], Iterator[Any]]
                   ) -> Iterator[Any]:
    """A workbook's comments and text boxes, each part read by ``scan(file, shown!part)`` (the
    workbook's size was bounded before its cells were read)."""
    with zipfile.ZipFile(path) as archive, \
            tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
        for number, info in enumerate(archive.infolist()):
            if not _NOTE_PARTS.fullmatch(info.filename):
                continue
            target = Path(folder) / f"part{number}.xml"
            target.write_bytes(archive.read(info))
            yield from scan(target, f"{shown}!{info.filename}")


def _distinct(names: list[str]) -> list[str]:
    """Header names made unique (``电话``, ``电话 (2)``), so no cell is lost under a name twice."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
