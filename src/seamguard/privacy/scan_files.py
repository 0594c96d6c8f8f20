"""What ``privacy scan`` reads in a folder, and how it reads files that are not plain text.

A scan is a gate for "nothing personal was committed", so a file it passes over must be one that
cannot hold customers' data by its kind, and it says what it could not read. In a folder it reads
every file except source code (code is not data; a file named on the command line is read
whatever it is) and the folders of version control, caches and virtual environments; hidden files
such as ``.env`` are read. Spreadsheets (``.xlsx``, ``.xlsm``) are read cell by cell with openpyxl,
each row keyed by its header, and so are their other parts (:mod:`.scan_workbooks`); Excel
binary (``.xlsb``) and old-format (``.xls``) workbooks through python-calamine
(:mod:`.scan_calamine`), an ``.xlsb``'s XML parts too; other zip containers
(``.docx``, ``.ods``, ``.zip``…) member by member; bzip2 and xz files inflated, bounded like
gzip. A file that is none of those and no text in any charset is ``privacy.unreadable``, with
what it looks like (an image, a PDF, an old Office file), never silently skipped.
"""

from __future__ import annotations

import bz2
import contextlib
import contextvars
import lzma
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = ["BINARY_WORKBOOK", "BINARY_WORKBOOK_HINT", "MAX_MEMBERS", "SKIPPED_FOLDERS",
           "SOURCE_SUFFIXES", "WORKBOOK_SUFFIXES", "binary_kind", "binary_workbook_part",
           "container_of", "deeper", "inflate", "is_binary_workbook", "is_scanned",
           "special_kind", "trailing_note", "zip_members"]

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
MAX_MEMBERS = 10_000
_MAX_DEPTH = 3
_depth: contextvars.ContextVar[int] = contextvars.ContextVar("seamguard_scan_depth", default=0)


def is_scanned(path: Path) -> bool:
    """Whether a file met in a folder is read: anything but source code, junk files and the
    contents of version-control, cache and environment folders."""
    if any(part in SKIPPED_FOLDERS for part in path.parts):
        return False
    return path.suffix.lower() not in SOURCE_SUFFIXES and path.name.lower() not in _JUNK


def special_kind(path: Path) -> str | None:
    """What a path that is no regular file (nor folder) is, in words, found without opening it
    (a pipe's reader would wait for a writer); None for a regular file or a folder."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a link to a missing file" if path.is_symlink() else None
    except OSError as exc:  # a loop of links, a name too long
        return f"a path that cannot be followed ({exc.strerror or exc})"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "no regular file"


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
    (b"7z\xbc\xaf", "a 7-Zip archive: seamguard reads zip, tar, gzip, bzip2 and xz"),
    (b"Rar!", "a RAR archive: seamguard reads zip, tar, gzip, bzip2 and xz"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard-compressed file: seamguard reads zip, tar, gzip, "
                          "bzip2 and xz"),
    (b"\x04\x22\x4d\x18", "an LZ4-compressed file: seamguard reads zip, tar, gzip, bzip2 "
                          "and xz"),
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


@contextlib.contextmanager
def deeper() -> Iterator[None]:
    """One archive further in: refused (OverflowError) past the nesting a scan follows, so no
    archive that holds itself runs away."""
    depth = _depth.get()
    if depth >= _MAX_DEPTH:
        raise OverflowError(f"it nests archives more than {_MAX_DEPTH} deep")
    token = _depth.set(depth + 1)
    try:
        yield
    finally:
        _depth.reset(token)


# The compression methods zipfile inflates (stored, deflate, bzip2, lzma), and names for the
# others an archiver may have used.
_INFLATED = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                       zipfile.ZIP_LZMA})
_METHODS = {1: "shrink", 2: "reduce", 3: "reduce", 4: "reduce", 5: "reduce", 6: "implode",
            9: "deflate64", 10: "PKWARE implode", 18: "IBM TERSE", 19: "IBM LZ77",
            93: "Zstandard", 94: "MP3", 95: "xz", 96: "JPEG", 97: "WavPack", 98: "PPMd",
            99: "AES encryption"}


def _packing(info: zipfile.ZipInfo) -> str:
    """Why a member cannot be inflated, in words: its method, or its encryption."""
    method = info.compress_type
    if method == 99:
        return ("it is encrypted with AES (compression method 99): seamguard cannot read it; "
                "add it to the archive without a password")
    if method not in _INFLATED:
        return (f"it is compressed with method {method} "
                f"({_METHODS.get(method, 'unknown')}), which seamguard cannot inflate: add it "
                "to the archive again with deflate")
    return "it is encrypted (a password is needed): add it to the archive without one"


# An Excel binary workbook (.xlsb): its cells, strings and sheets are BIFF12 records in .bin
# parts, read through python-calamine; without it they are named as not read (its properties
# are XML like an .xlsx's, read either way).
BINARY_WORKBOOK = ("it is an Excel binary workbook (.xlsb): its cells, sheet names and text are "
                   "stored in Excel's binary format, which seamguard cannot read, so they were "
                   "not scanned (its XML parts, such as document properties, were)")
BINARY_WORKBOOK_HINT = ("open it in Excel and save it as .xlsx (Excel Workbook), or export its "
                        "sheets as CSV, and commit that instead; if it holds no customer data, "
                        "accept this warning in the baseline (docs/baseline.md)")


def is_binary_workbook(path: Path, suffix: str) -> bool:
    """Is a zip container an Excel binary workbook, by its name or its ``xl/workbook.bin``?"""
    if suffix == ".xlsb":
        return True
    with zipfile.ZipFile(path) as archive:
        return "xl/workbook.bin" in archive.NameToInfo


def binary_workbook_part(name: str) -> bool:
    """A part of an Excel binary workbook in its binary format (``xl/**/*.bin``)."""
    return name.startswith("xl/") and name.lower().endswith(".bin")


def zip_members(path: Path, max_bytes: int, scan: Callable[[Path, str], Iterator[Any]],
                shown: str, unreadable: Callable[[str, str], Any],
                skip: Callable[[str], bool] | None = None) -> Iterator[Any]:
    """Each file member of a zip container written to a private temporary file of its own name
    and read by ``scan(file, shown)``, ``shown`` being ``archive!member``; members ``skip``
    names are passed over (the caller has said why). The members' declared sizes are bounded in
    all by ``max_bytes`` (zipfile never inflates past a declared size) and nesting by a depth,
    so neither a zip bomb nor a zip holding itself runs away."""
    with zipfile.ZipFile(path) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()
                   and (skip is None or not skip(info.filename))]
        if len(members) > MAX_MEMBERS:
            raise OverflowError(f"it holds over {MAX_MEMBERS} files")
        total = sum(info.file_size for info in members)
        if total > max_bytes:
            raise OverflowError(f"it inflates to over the {max_bytes}-byte limit")
        with deeper(), tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
            for number, info in enumerate(members):
                if not is_scanned(Path(info.filename)):
                    continue
                where = f"{shown}!{info.filename}"
                # The member's own name only decides how it is read: written under a
                # plain one, so no name (`..`, 300 characters, a path) can go astray.
                suffix = PurePosixPath(info.filename).suffix[:16]
                target = Path(folder) / f"member{number}{suffix}"
                if info.compress_type not in _INFLATED or info.flag_bits & 1:
                    yield unreadable(where, f"was not scanned: {_packing(info)}")
                    continue
                try:
                    with archive.open(info) as source:
                        target.write_bytes(source.read(info.file_size + 1))
                except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError,
                        zlib.error, EOFError) as exc:  # encrypted, an unknown method, cut
                    yield unreadable(where, f"could not be scanned: {exc}")
                    continue
                yield from scan(target, where)
                target.unlink()

