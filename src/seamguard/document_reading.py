"""Files read bounded: regular files only, at most ``max_bytes`` read whatever the file claims,
UTF-8 decoded, every refusal a ``DocumentError`` naming the file."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from seamguard.errors import DocumentError, PathRefused

DEFAULT_MAX_BYTES = 64 * 1024 * 1024



def read_bytes(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``; DocumentError for anything else.

    The size a file reports is not trusted (devices and ``/proc`` files report 0 or lie), so the
    read itself stops after ``max_bytes + 1`` bytes. Folders, devices, pipes and sockets are
    refused before reading; a pipe is opened non-blocking so that opening it cannot hang.
    """
    name = display or str(path)
    with open_regular(path, max_bytes=max_bytes, display=name) as stream:
        try:
            raw = stream.read(max_bytes + 1)
        except OSError as exc:
            raise _os_error(exc, name) from None
    if len(raw) > max_bytes:
        raise DocumentError(f"file is over the {size_text(max_bytes)} limit",
                            file=name, hint=_SIZE_HINT)
    return raw


_SIZE_HINT = "raise the limit with max_document_mb in [tool.seamguard] if this is intended"


@contextmanager
def open_regular(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> Iterator[BinaryIO]:
    """A regular file opened for binary reading, after the checks ``read_bytes`` makes.

    Refuses (DocumentError) a file whose reported size is over ``max_bytes``, folders, devices,
    pipes and sockets; the caller still has to stop reading after ``max_bytes + 1`` bytes.
    """
    name = display or str(path)
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise DocumentError(f"file is {size_text(info.st_size)}, over the "
                                f"{size_text(max_bytes)} limit", file=name, hint=_SIZE_HINT)
        _require_regular(info, name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _os_error(exc, name) from None
    try:
        try:
            _require_regular(os.fstat(fd), name)  # it may have been swapped since the stat
        except OSError as exc:
            raise _os_error(exc, name) from None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            try:
                yield stream
            except OSError as exc:
                # A read that fails part way (an I/O error, a /proc file that refuses reads):
                # the file cannot be read, like one that cannot be opened.
                raise _os_error(exc, name) from None
    finally:
        os.close(fd)


def size_text(size: int) -> str:
    """A byte count for people: ``512 bytes``, ``1.5 KB``, ``64.0 MB``."""
    if size >= 1_048_576:
        return f"{size / 1_048_576:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"


def _require_regular(info: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError("this is a folder, where a file was expected", file=name,
                            hint="name a file here, not a folder")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError("this is not a regular file (a device, pipe or socket)", file=name,
                            hint="seamguard reads plain files only; copy the content to a file")


# What the system refuses the user running seamguard: the project is unusable as it is. (A link
# loop or a missing file is the file's own fault, reported like any other damage to it.)
_REFUSED = (errno.EACCES, errno.EPERM)


REFUSED_HINT = ("make the file and the folders above it readable by the user running seamguard "
                "(chmod u+r on the file, u+rx on its folders)")


def require_readable(path: Path, *, display: str | None = None) -> None:
    """PathRefused when the user running seamguard may not open ``path`` for reading.

    For files that another library opens (DuckDB, SQLite): without this, its own words for a
    refused path ("IO Error", "unable to open database file") would read as a damaged file.
    Any other problem (no such file, a loop) is left to the caller's own checks.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno in _REFUSED:
            raise _os_error(exc, display or str(path)) from None
        return
    os.close(fd)


def _os_error(exc: OSError, name: str) -> DocumentError:
    kind = PathRefused if exc.errno in _REFUSED else DocumentError
    return kind(_os_problem(exc), file=name, hint=_os_hint(exc))


def _os_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot read file: a symbolic link loop (a link points back to itself)"
    if exc.errno == errno.ENOENT:
        return "file does not exist (or is a broken symbolic link)"
    return f"cannot read file: {exc.strerror or exc}"


def _os_hint(exc: OSError) -> str | None:
    if exc.errno in (errno.ELOOP, errno.ENOENT):
        return "check where the path (and any symbolic link on it) points"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return REFUSED_HINT
    return "check that the path names a plain file that can be read (not a special file)"


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> str:
    """Read a UTF-8 file, refusing oversized, non-regular or undecodable input precisely."""
    name = display or str(path)
    raw = read_bytes(path, max_bytes=max_bytes, display=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from seamguard.text_encoding import encoding_of_bom

        named = encoding_of_bom(raw)
        if named:
            raise DocumentError(f"invalid UTF-8 (byte 0x{raw[0]:02x} at offset 0): the file "
                                f"is in {named}, by its byte-order mark", file=name, line=1,
                                hint="save the file as UTF-8, e.g. iconv -f UTF-16 -t UTF-8"
                                ) from None
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DocumentError(
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            file=name,
            line=line,
            hint="save the file as UTF-8",
        ) from None
