"""A SQLite drift history checked for damage before it is read, and sealed after it is written.

SQLite keeps no checksums: a flipped byte inside a row, or a copy cut short at a page boundary,
reads back as other values or fewer rows, and a history that reads wrongly reports old findings
as new and new ones as resolved, without a word. So after each write seamguard keeps a CRC-32
of the whole file in the header's ``user_version`` field (which SQLite itself never uses),
computed with the header fields every write changes left out; before a history is read, its
bytes must match that seal and pass SQLite's own ``quick_check``. A history without a seal (0:
new, or written by something else) is held to ``quick_check`` alone, and sealed once written.
"""

from __future__ import annotations

import sqlite3
import zlib
from contextlib import closing
from pathlib import Path

__all__ = ["damage", "seal"]

# Header bytes every write may change: the change counter (24), user_version itself (60), and
# the version-valid-for number with the writing SQLite's version (92).
_MASKED = ((24, 28), (60, 64), (92, 100))
_CHUNK = 1 << 20
# How long to wait for another writer's lock (SQLite's own default).
_LOCK_WAIT = 5.0


def _digest(path: Path) -> int:
    with path.open("rb") as handle:
        header = bytearray(handle.read(100))
        for start, end in _MASKED:
            header[start:end] = bytes(len(header[start:end]))
        crc = zlib.crc32(header)
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    # user_version is a signed 32-bit integer, and 0 means "not sealed"
    return (crc & 0x7FFFFFFF) or 1


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=_LOCK_WAIT, isolation_level=None)


def damage(path: Path) -> str | None:
    """What is wrong with the SQLite history at ``path``; None when nothing is found.

    None too when the file does not exist, is empty, or SQLite cannot open it at all (not a
    database, locked, a folder): the caller's own open reports those.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        with closing(_connect(path)) as db:
            # A shared lock for the whole check: no writer changes the file under the digest
            # (opening also rolls back a crashed writer's hot journal first).
            db.execute("BEGIN")
            problems = [str(row[0]) for row in db.execute("PRAGMA quick_check(3)")]
            sealed = db.execute("PRAGMA user_version").fetchone()[0]
            found = _digest(path) if sealed else None
            db.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        # "malformed" is damage; anything else (not a database, locked, a newer format) the
        # caller's own open reports
        return f"SQLite finds it damaged: {error}" if "malformed" in str(error) else None
    except sqlite3.Error:
        return None
    except UnicodeDecodeError:  # SQLite quoted a damaged page's text, no longer UTF-8
        return "SQLite finds it damaged: its text is no longer UTF-8"
    except OSError as error:
        return f"cannot read it: {error.strerror or error}"
    if problems != ["ok"]:
        return "SQLite finds it damaged: " + "; ".join(
            p for p in problems if not p.startswith("***"))[:400]
    if sealed and found != sealed:
        return ("its bytes changed since seamguard last wrote it (a flipped byte, a copy cut "
                "short, or another program's write)")
    return None


def seal(path: Path) -> None:
    """Record the digest of the history at ``path`` in its header (after a write)."""
    with closing(_connect(path)) as db:
        if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the rows into the file first
        db.execute("BEGIN EXCLUSIVE")
        try:
            db.execute(f"PRAGMA user_version = {_digest(path)}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
