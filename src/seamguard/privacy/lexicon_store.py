"""The word tables of :mod:`seamguard.privacy.lexicon`, derived once and stored beside it.

Deriving them reads jieba's dictionary (5 MB, 349,046 lines) with Faker's zh_CN names: about a
quarter of a second, paid by every process that meets its first Chinese name candidate.
``python hatch_build.py`` (and the wheel's build hook) derives them ahead and writes them to
``_lexicon_tables.txt``, stamped with a hash of everything they are derived from: the
dictionary's bytes, Faker's family and given names, the compound family names and the source
of the module that derives them. A process takes the stored tables only when its own stamp,
computed from what is installed, is the one written; otherwise (no file, another jieba or
Faker, an edited rule) it derives them as before, so the answers cannot differ.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Iterable
from importlib.resources import files
from pathlib import Path

__all__ = ["TABLE_FILE", "dictionary_bytes", "read_tables", "stamp", "write_tables"]

TABLE_FILE = Path(__file__).with_name("_lexicon_tables.txt")
_HEADER = "seamguard lexicon tables v1 "
Tables = tuple[frozenset[str], frozenset[str]]


def dictionary_bytes() -> bytes:
    """jieba's dictionary as stored, found without importing jieba (its import loads the
    segmenter's modules, which are never run here)."""
    spec = importlib.util.find_spec("jieba")
    if spec is not None and spec.origin is not None:
        path = Path(spec.origin).parent / "dict.txt"
        if path.is_file():
            return path.read_bytes()
    return (files("jieba") / "dict.txt").read_bytes()


def stamp(dictionary: bytes, family: Iterable[str], given: Iterable[str],
          compound: Iterable[str], rules: bytes) -> str:
    """What the tables are derived from, hashed: a table stored under another stamp is not
    taken."""
    digest = hashlib.blake2b(dictionary, digest_size=20)
    for part in (family, given, compound):
        digest.update(b"\x00" + "\n".join(sorted(part)).encode())
    digest.update(b"\x00" + rules)
    return digest.hexdigest()


def read_tables(mark: str, path: Path = TABLE_FILE) -> Tables | None:
    """The tables stored under ``mark`` at ``path``, or None (no file, another stamp, a file
    not of this layout)."""
    try:
        header, common, time_words, end = path.read_text("utf-8").split("\n")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if header != _HEADER + mark or end != "":
        return None
    return frozenset(common.split(" ")) - {""}, frozenset(time_words.split(" ")) - {""}


def write_tables(mark: str, derive: Callable[[], Tables], path: Path = TABLE_FILE) -> Path:
    """Derives the tables and stores them under ``mark`` (the words hold no blank and no line
    break: the dictionary's fields are separated by blanks)."""
    common, time_words = derive()
    for word in common | time_words:
        if not word or " " in word or "\n" in word:
            raise ValueError(f"a word the table layout cannot hold: {word!r}")
    path.write_text(f"{_HEADER}{mark}\n{' '.join(sorted(common))}\n"
                    f"{' '.join(sorted(time_words))}\n", "utf-8")
    return path
