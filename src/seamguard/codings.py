"""``Content-Encoding`` undone chunk by chunk, bounded by the bytes each coding produces.

One home for every inflate: live answers (:mod:`seamguard.net`) and recorded bodies
(:mod:`seamguard.recordings.bodies`) read through :class:`Decoding`, so a coding either side can
read, the other can too, and a bomb stops at the same cap.

* ``gzip`` / ``x-gzip`` — every member (RFC 1952 allows several; zero bytes after the last one
  are padding), anything else after a member is an error;
* ``deflate`` — with its zlib header, or raw as some servers send it;
* ``br`` — brotli (the ``brotli`` package, the decoder httpx uses too);
* ``identity`` — nothing to undo;
* a list (``gzip, br``): the codings were applied in the order listed and are undone in reverse.

No coding may produce more than the cap in all, the intermediate ones of a list included: a
brotli stream inside gzip is bounded as it inflates, never read whole first.
"""

from __future__ import annotations

import zlib
from typing import Protocol

__all__ = ["DECODABLE", "CodingError", "Decoding", "Overflow"]

DECODABLE = frozenset({"gzip", "x-gzip", "deflate", "br", "identity"})


class CodingError(ValueError):
    """The body is not what its ``Content-Encoding`` says, or names a coding not decodable."""


class Overflow(Exception):
    """A coding produced more than the cap."""


class _Stage(Protocol):
    def feed(self, data: bytes, room: int) -> bytes:
        """``data`` decoded to at most about ``room + 1`` bytes; raises Overflow beyond."""

    def finish(self) -> None:
        """Raises CodingError when the compressed data stopped short."""


class _Zlib:
    """gzip (every member) or deflate (zlib-wrapped or raw)."""

    def __init__(self, coding: str) -> None:
        self._gzip = coding != "deflate"
        self._raw_retry = not self._gzip
        self._inflater = zlib.decompressobj(wbits=47 if self._gzip else 15)
        self._coding = coding

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            out = self._inflater.decompress(data, room + 1)
            # Another member may follow (gzip); zero bytes after the last one are padding.
            while self._inflater.eof and self._inflater.unused_data.strip(b"\0") \
                    and len(out) <= room:
                if not self._gzip:
                    raise CodingError(
                        f"body says Content-Encoding: {self._coding} but has "
                        f"{len(self._inflater.unused_data)} bytes after the end of the "
                        "compressed data")
                rest = self._inflater.unused_data.lstrip(b"\0")
                self._inflater = zlib.decompressobj(wbits=47)
                out += self._inflater.decompress(rest, room - len(out) + 1)
        except zlib.error as exc:
            if self._raw_retry:
                # Some servers send deflate without its zlib header.
                self._inflater, self._raw_retry = zlib.decompressobj(wbits=-15), False
                return self.feed(data, room)
            raise CodingError(f"body says Content-Encoding: {self._coding} but cannot be "
                              f"inflated ({exc})") from None
        self._raw_retry = False
        if len(out) > room or self._inflater.unconsumed_tail:
            raise Overflow
        return out

    def finish(self) -> None:
        """A gzip or deflate stream cut short is read as far as it goes (servers and proxies
        cut them; what arrived is still scrubbed and checked)."""


class _Brotli:
    def __init__(self) -> None:
        import brotli

        self._brotli = brotli
        self._decompressor = brotli.Decompressor()

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            out: bytes = self._decompressor.process(data, output_buffer_limit=room + 1)
        except self._brotli.error as exc:
            raise CodingError(f"body says Content-Encoding: br but cannot be decoded "
                              f"({exc})") from None
        if len(out) > room or not self._decompressor.can_accept_more_data():
            raise Overflow  # more output is waiting: over the cap
        return out

    def finish(self) -> None:
        # A brotli stream names its own end; bytes that never reach it are no brotli.
        if not self._decompressor.is_finished():
            raise CodingError("body says Content-Encoding: br but its brotli stream is "
                              "incomplete or is no brotli")


class Decoding:
    """A ``Content-Encoding`` (one coding or a list) undone as chunks arrive.

    Args:
        encoding: The header's value.
        max_bytes: What each coding may produce in all.

    Raises:
        CodingError: A coding that cannot be decoded.
    """

    def __init__(self, encoding: str, max_bytes: int) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        unknown = [c for c in codings if c not in DECODABLE]
        if unknown:
            raise CodingError(f"Content-Encoding: {encoding.strip()} cannot be looked into "
                              f"(only {', '.join(sorted(DECODABLE - {'identity'}))} can be "
                              "decoded)")
        self._stages: list[_Stage] = [
            _Brotli() if coding == "br" else _Zlib(coding)
            for coding in reversed(codings) if coding != "identity"]
        self._made = [0] * len(self._stages)
        self.max_bytes = max_bytes

    @property
    def active(self) -> bool:
        """Whether there is anything to undo."""
        return bool(self._stages)

    def feed(self, chunk: bytes) -> bytes:
        """The next decoded bytes; raises :class:`Overflow` once a coding passes the cap and
        :class:`CodingError` when the bytes are not what the coding says."""
        data = chunk
        for index, stage in enumerate(self._stages):
            data = stage.feed(data, self.max_bytes - self._made[index])
            self._made[index] += len(data)
        return data

    def finish(self) -> None:
        """Raises :class:`CodingError` when a coding's data stopped short (see the stages)."""
        for stage in self._stages:
            stage.finish()

    def all(self, body: bytes) -> bytes:
        """A whole body decoded."""
        data = self.feed(body)
        self.finish()
        return data
