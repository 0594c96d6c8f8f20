"""Read a vcrpy YAML cassette one interaction at a time, in memory bounded by the largest one.

vcrpy writes a regular layout: ``interactions:`` at column 0, each interaction a block sequence
item starting with ``- `` at one fixed column, then ``version: 1``. ``scan`` splits the file
into those items by their lines alone and parses each item on its own, so a 400 MB cassette
never becomes one YAML tree, and the line of every interaction is known without composing one.

Most items are parsed by a small reader of the block subset vcrpy emits (mappings, sequences,
single-line plain and quoted scalars), whose scalars are resolved by the same YAML 1.2 rules as
``seamguard.documents``; an item it does not recognise is given to the YAML parser instead. The
reader is compiled (``seamguard._cassread``, built with the package when a C compiler is there)
and handing back what it does not decide on to ``_ItemReader._fast``, the pure-Python reference
it is tested against, which reads every item when it is not built.

Soundness: a line starting at the items' column (or left of it) always ends an item, since
anything inside an item is indented further; a scalar or flow collection that carried on past
such a line leaves the item before it unterminated, and its parse fails. Any parse failure, and
anything outside the regular layout (anchors, document markers, unusual line breaks, bytes that
are not UTF-8, a file over the size limit), raises ``Irregular``: the caller then reads the file
whole with the full parser, which gives exactly the value or the error (file, line, hint) it
always gave.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NamedTuple

import yaml

from seamguard.document_yaml import RESOLVED_STARTS
from seamguard.documents import parse_text, plain_key, plain_scalar
from seamguard.errors import DocumentError

_compiled: Callable[..., Any] | None
try:
    from seamguard._cassread import item as _compiled  # type: ignore[import-not-found,no-redef]
except ImportError:  # not built (no C compiler where the package was installed)
    _compiled = None
if os.environ.get("SEAMGUARD_PURE"):  # the reference alone, as where nothing is built
    _compiled = None

__all__ = ["Irregular", "ScannedItem", "scan"]


class ScannedItem(NamedTuple):
    """One interaction as read: its first line, its parsed value, and its text."""

    line: int
    value: Any
    text: str


class Irregular(Exception):
    """The file leaves vcrpy's regular layout (or is broken): read it whole instead."""


class _Slow(Exception):
    """This item is outside the subset the line reader knows: give it to the YAML parser."""


_BOM = b"\xef\xbb\xbf"
_INTERACTIONS = re.compile(r"interactions:[ ]*(?:#.*)?\n?\Z")
# Line breaks YAML counts that a split on "\n" would not (NEL, LS, PS, a lone CR), and a
# byte-order mark inside the file: looked for in the decoded text, each a fast `in` scan.
_ODD_CHARACTERS = ("\x85", "\u2028", "\u2029", "\ufeff")
_LONE_CR = re.compile("\r(?!\n)")
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_./-]{0,255}):( |\Z)")
_SINGLE = re.compile(r"'[^']*(?:''[^']*)*'\Z")
# Inside a single-quoted scalar: a piece with every quote paired (open), or closed by one.
_OPEN_SINGLE = re.compile(r"[^']*(?:''[^']*)*\Z")
_CLOSED_SINGLE = re.compile(r"[^']*(?:''[^']*)*'")
# Characters a YAML stream may not hold raw, plus the ones the reader leaves to the parser.
_NOT_PLAIN_TEXT = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                             "\U00010000-\U0010ffff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_CACHED = 4096
_MISSING = object()
_BLANK = 1 << 30  # the indent of a blank row: deeper than any
_BLOCK = 1 << 20  # bytes read at a time


def scan(stream: BinaryIO, *, max_bytes: int, max_depth: int) -> Iterator[ScannedItem]:
    """Each interaction of a vcrpy cassette, in file order.

    Raises ``Irregular`` (possibly after some items were yielded) when the file must be read
    whole; it is only exhausted without one when every item and the top level (``version: 1``
    and any other key) parse exactly as the whole-file parser would read them.
    """
    outside: list[str] = []  # the top level, with the interactions replaced by []
    chunk: list[bytes] = []  # the raw lines of the current item
    start = column = 0
    deeper = b""  # the indentation of a line inside the current item
    state = "before"  # -> "opened" (after `interactions:`) -> "items" -> "after"
    reader = _ItemReader(max_depth)
    total = 0
    lines = _Lines(stream, max_bytes + 1)
    for number, raw in lines:
        total += len(raw)
        if total > max_bytes:
            raise Irregular
        if deeper and raw.startswith(deeper):  # most lines: inside an item, checked with it
            chunk.append(raw)
            more = lines.run(deeper)  # (and the lines after it inside the item, in one piece)
            if more:
                total += len(more)
                if total > max_bytes:
                    raise Irregular
                chunk.append(more)
            continue
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM):]
        line = _decode(raw)
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        head = body[:1]
        quiet = head in ("", "\n", "#") or (head == "\t" and not body.strip())  # blank, comment
        if head == "\t" and not quiet and not (state == "items" and indent > column):
            raise Irregular  # a tab where a node would start: leave it to the parser
        if state == "items":
            if quiet or indent > column:
                chunk.append(raw)
                continue
            yield reader.item(start, chunk, column)
            chunk = []
            if indent == column and body.startswith("- "):
                start = _item_start(number, body)
                chunk.append(raw)
                continue
            if indent:
                raise Irregular
            state, deeper = "after", b""
        if state == "opened":
            if quiet:
                outside.append(line)
                continue
            if not body.startswith("- "):
                raise Irregular  # `interactions:` is empty or not a block sequence
            state, column, start = "items", indent, _item_start(number, body)
            deeper = b" " * (column + 1)
            chunk.append(raw)
            continue
        if not quiet and not indent:
            if state == "before" and head in ("{", "["):
                raise Irregular  # flow style (JSON is YAML too): parse it whole
            if body.startswith(("- ", "---", "...", "%")) or body.rstrip() == "-":
                raise Irregular  # a list at the top, a second document, a directive
            if _INTERACTIONS.match(body):
                if state != "before":
                    raise Irregular
                state = "opened"
                outside.append("interactions: []\n")
                continue
        outside.append(line)
    if state == "items":
        yield reader.item(start, chunk, column)
    if state != "after" and state != "items":
        raise Irregular
    _check_top(outside, max_depth)


class _Lines:
    """The numbered lines of a stream, split at "\n" alone as iterating over it splits them,
    read in blocks (at most ``limit`` bytes in all); ``run`` takes the lines that come next
    and start with a prefix in one piece, so the lines inside an item cost no loop turn."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream = stream
        self.budget = limit
        self.buffer = bytearray()
        self.at = 0
        self.number = 0
        self.eof = False
        self.patterns: dict[bytes, re.Pattern[bytes]] = {}

    def __iter__(self) -> _Lines:
        return self

    def _fill(self) -> bool:
        """Reads the next block onto what is left of the buffer; False at the end."""
        block = self.stream.read(min(_BLOCK, self.budget)) if self.budget > 0 else b""
        if not block:
            self.eof = True
            return False
        self.budget -= len(block)
        del self.buffer[:self.at]  # (a bytearray drops its head without copying the rest)
        self.buffer += block
        self.at = 0
        return True

    def _take(self, stop: int) -> bytes:
        piece = bytes(self.buffer[self.at:stop])
        self.at = stop
        return piece

    def __next__(self) -> tuple[int, bytes]:
        searched = 0  # bytes after ``at`` known to hold no line break
        while True:
            end = self.buffer.find(b"\n", self.at + searched)
            if end >= 0:
                break
            searched = len(self.buffer) - self.at
            if self.eof or not self._fill():
                if self.at >= len(self.buffer):
                    raise StopIteration
                end = len(self.buffer) - 1
                break
        self.number += 1
        return self.number, self._take(end + 1)

    def run(self, prefix: bytes) -> bytes:
        """The lines from here up to the first that does not start with ``prefix``."""
        pattern = self.patterns.get(prefix)
        if pattern is None:
            pattern = self.patterns[prefix] = re.compile(b"\n(?!" + re.escape(prefix) + b")")
        resume = 0  # bytes after ``at`` known to hold no end of the run
        while True:
            buffer, at = self.buffer, self.at
            if len(buffer) - at <= len(prefix) and not self.eof and self._fill():
                continue
            if not buffer.startswith(prefix, at):
                return b""
            match = pattern.search(buffer, at + resume)
            if match is not None and (self.eof or len(buffer) - match.end() >= len(prefix)):
                stop = match.end()
                break
            if match is None and self.eof:
                stop = len(buffer)
                break
            # a line break too near the end to tell what follows it: read on, and look again
            # from there (or from the last bytes that could hold one)
            resume = (match.start() if match is not None
                      else max(len(buffer) - len(prefix) - 1, at)) - at
            self._fill()
        piece = self._take(stop)
        self.number += piece.count(b"\n") + (not piece.endswith(b"\n"))
        return piece


def _decode(raw: bytes) -> str:
    """UTF-8 text with YAML's line breaks as "\\n" alone; Irregular for anything else."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Irregular from None
    if any(odd in text for odd in _ODD_CHARACTERS):
        raise Irregular
    if "\r" in text:
        if _LONE_CR.search(text):
            raise Irregular
        text = text.replace("\r\n", "\n")
    return text


def _item_start(number: int, body: str) -> int:
    """The line of an item that opens with ``- ``: where its value starts (as a YAML node)."""
    rest = body[2:].lstrip(" ")
    if not rest.strip() or rest.startswith("#"):
        raise Irregular  # the value starts on a later line
    return number


def _check_top(outside: list[str], max_depth: int) -> None:
    """The top level without the interactions must be a cassette of format version 1."""
    try:
        top = parse_text("".join(outside), file="", max_depth=max_depth, binary=True)
    except DocumentError:
        raise Irregular from None
    if not isinstance(top, dict) or top.get("interactions") != [] or top.get("version") != 1:
        raise Irregular


class _ItemReader:
    """Parses one sequence item of vcrpy's block layout into plain Python values."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        # Rows and scalars repeat (header names and values, methods, statuses): parsed once.
        self.cache: dict[str, Any] = {}
        self.entries: dict[str, tuple[str, str | None] | None] = {}
        self.scalars: dict[str, Any] = {}
        self.rows: list[tuple[int, str]] = []
        self.at = 0

    def item(self, line: int, raw: list[bytes], column: int) -> ScannedItem:
        text = _decode(b"".join(raw))
        try:
            value = NotImplemented if _compiled is None else _compiled(
                text, column, self.max_depth, RESOLVED_STARTS, self._plain, self._key)
            if value is NotImplemented:  # (undecided by the compiled reader)
                value = self._fast(text, column)
        except _Slow:
            value = self._slow(text)
        return ScannedItem(line, value, text)

    def _key(self, text: str) -> str:
        """A key as ``_entry`` reads it (for the compiled reader); a null key is left to the
        YAML parser, which refuses it with its line."""
        value = self._plain(text)
        if value is None:
            raise _Slow
        return plain_key(text, value)

    def _slow(self, text: str) -> Any:
        try:
            if "&" in text and any(getattr(event, "anchor", None)
                                   for event in yaml.parse(text, Loader=yaml.CSafeLoader)):
                raise Irregular  # anchors must stay unique across the whole file
            # The item's list sits one level below the file's top-level mapping.
            value = parse_text(text, file="", max_depth=self.max_depth - 1, binary=True)
        except (DocumentError, yaml.YAMLError):
            raise Irregular from None
        if not isinstance(value, list) or len(value) != 1:
            raise Irregular
        return value[0]

    def _fast(self, text: str, column: int) -> Any:
        rows = self.rows = []
        lines = text.split("\n")
        if not lines[-1]:
            lines.pop()
        for line in lines:
            body = line.lstrip(" ")
            if not body:  # blank: only a quoted scalar may hold it (as a line break)
                rows.append((_BLANK, ""))
                continue
            if body[0] == "\t" or body[-1] in " \t":
                raise _Slow
            rows.append((len(line) - len(body), body))
        self.at = 0
        items = self._sequence(column, 2)  # the file's mapping is level 1, the list level 2
        if len(items) != 1 or self.at != len(rows):
            raise _Slow
        return items[0]

    def _block(self, column: int, depth: int) -> Any:
        if self.rows[self.at][1].startswith("- "):
            return self._sequence(column, depth)
        return self._mapping(column, depth)

    def _sequence(self, column: int, depth: int) -> list[Any]:
        if depth > self.max_depth:
            raise _Slow
        rows, items = self.rows, []
        end = len(rows)
        entries, scalars = self.entries, self.scalars
        while self.at < end:
            indent, body = rows[self.at]
            if indent != column or not body.startswith("- "):
                break
            rest = body[2:]
            if not rest or rest[0] == " " or rest.startswith("-"):
                raise _Slow
            try:  # the caches of _entry and _scalar, looked up here without a call
                entry = entries[rest]
            except KeyError:
                entry = self._entry(rest)
            if entry is not None:  # `- key: ...`: a mapping on the item's line
                rows[self.at] = (column + 2, rest)
                items.append(self._mapping(column + 2, depth + 1))
                continue
            at = self.at = self.at + 1
            if at < end and rows[at][0] > column:
                items.append(self._scalar(rest, column))
                if self.at < end and rows[self.at][0] > column:
                    raise _Slow  # a scalar continued on the next line
                continue
            value = scalars.get(rest, _MISSING)
            items.append(self._scalar(rest, column) if value is _MISSING else value)
        return items

    def _mapping(self, column: int, depth: int) -> dict[str, Any]:
        if depth > self.max_depth:
            raise _Slow
        rows, result = self.rows, {}
        end = len(rows)
        entries, scalars = self.entries, self.scalars
        while self.at < end:
            indent, body = rows[self.at]
            if indent < column:
                break
            if indent != column:
                raise _Slow
            try:  # the caches of _entry and _scalar, looked up here without a call
                entry = entries[body]
            except KeyError:
                entry = self._entry(body)
            if entry is None:
                raise _Slow
            key, text = entry
            if key in result:
                raise _Slow  # the parser names both lines
            at = self.at = self.at + 1
            if text is not None:
                if at < end and rows[at][0] > column:
                    result[key] = self._scalar(text, column)
                    if self.at < end and rows[self.at][0] > column:
                        raise _Slow
                    continue
                value = scalars.get(text, _MISSING)
                result[key] = self._scalar(text, column) if value is _MISSING else value
                continue
            value = None
            if at < end:
                below, first = rows[at]
                if below > column:
                    value = self._block(below, depth + 1)
                elif below == column and first.startswith("- "):
                    value = self._sequence(column, depth + 1)
            result[key] = value
        return result

    def _entry(self, body: str) -> tuple[str, str | None] | None:
        """``key: value`` as (key, value text), ``key:`` as (key, None); None if not a key."""
        entries = self.entries
        try:
            return entries[body]
        except KeyError:
            pass
        match = _KEY.match(body)
        if match is None:
            entry = None
        else:
            rest = body[match.end():]
            entry = self._key(match[1]), (rest if match[2] else None)
        if len(body) < 256:
            if len(entries) >= _MAX_CACHED:
                entries.clear()
            entries[body] = entry
        return entry

    def _scalar(self, text: str, column: int) -> Any:
        """A scalar starting at ``text``, on the row before ``self.at``; a single-quoted one
        may go on over the rows indented past ``column``."""
        rows = self.rows
        single_line = self.at >= len(rows) or rows[self.at][0] <= column
        if single_line:
            value = self.scalars.get(text, _MISSING)
            if value is not _MISSING:
                return value
        if not text:
            raise _Slow
        first = text[0]
        if first == "'":
            if _NOT_PLAIN_TEXT.search(text):
                raise _Slow
            if _SINGLE.match(text):
                value = text[1:-1].replace("''", "'")
            else:
                return self._folded(text[1:], column)
        elif first == '"':
            inner = text[1:-1]
            if (len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner
                    or _NOT_PLAIN_TEXT.search(inner)):
                raise _Slow
            value = inner
        elif not _plain_start(text) or not _plain_text(text):
            raise _Slow
        elif not single_line:
            return self._plain_rows(text, column)
        else:
            value = self._plain(text)
        if single_line and len(text) < 256:
            scalars = self.scalars
            if len(scalars) >= _MAX_CACHED:
                scalars.clear()
            scalars[text] = value
        return value

    def _folded(self, first: str, column: int) -> str:
        """A single-quoted scalar over several rows (the rows carry no blanks at either end,
        see ``_fast``): a line break between two rows reads as one space, blank rows as
        line breaks."""
        text, piece, blanks = first, first, 0
        rows = self.rows
        while _OPEN_SINGLE.match(piece) is not None:  # every quote paired: not closed yet
            if self.at >= len(rows) or rows[self.at][0] <= column:
                raise _Slow  # unterminated within the item's rows
            piece = rows[self.at][1]
            self.at += 1
            if not piece:
                blanks += 1
                continue
            if _NOT_PLAIN_TEXT.search(piece):
                raise _Slow
            text += ("\n" * blanks if blanks else " ") + piece
            blanks = 0
        end = _CLOSED_SINGLE.match(piece)
        if end is None or end.end() != len(piece):
            raise _Slow  # something after the closing quote
        return text[:-1].replace("''", "'")

    def _plain_rows(self, first: str, column: int) -> Any:
        """A plain scalar, continued over the rows indented past ``column`` (one space each)."""
        rows, text = self.rows, first
        while self.at < len(rows) and rows[self.at][0] > column:
            piece = rows[self.at][1]
            if not piece or piece[0] in _INDICATORS or not _plain_text(piece):
                raise _Slow
            text += " " + piece
            self.at += 1
        return self._plain(text)

    def _plain(self, text: str) -> Any:
        cache = self.cache
        try:
            return cache[text]
        except KeyError:
            pass
        try:
            value = plain_scalar(text)
        except ValueError:
            raise _Slow from None
        if len(text) < 256:
            if len(cache) >= _MAX_CACHED:
                cache.clear()
            cache[text] = value
        return value


def _plain_start(text: str) -> bool:
    """Whether ``text`` may start a plain scalar (no indicator; ``-1`` and ``-x`` may)."""
    first = text[0]
    return first != " " and (first not in _INDICATORS or (first == "-" and text[1:2].isalnum()))


def _plain_text(text: str) -> bool:
    """Whether ``text`` may stand in a block plain scalar as one line of it, as it is."""
    return not (": " in text or " #" in text or text[-1] == ":" or "\t" in text
                or _NOT_PLAIN_TEXT.search(text))
