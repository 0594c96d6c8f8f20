"""Which Unicode encoding a file's byte-order mark names: every reader of project files says
"the file is UTF-16" instead of "invalid UTF-8 at offset 0" when a tool saved it that way."""

from __future__ import annotations

__all__ = ["encoding_of_bom"]

# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_MARKS = ((b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"), (b"\x00\x00\xfe\xff",
          "UTF-32 (big-endian)"), (b"\xff\xfe", "UTF-16 (little-endian)"),
          (b"\xfe\xff", "UTF-16 (big-endian)"))


def encoding_of_bom(head: bytes) -> str | None:
    """The encoding a file starting with ``head`` declares by its byte-order mark, other than
    UTF-8 (which readers take in their stride); None without one."""
    return next((name for mark, name in _MARKS if head.startswith(mark)), None)
