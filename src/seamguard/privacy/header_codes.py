"""The text of an Excel page header or footer, read by the grammar of its codes.

A header is one string of three sections (``&L``, ``&C``, ``&R``) whose text runs through
formatting codes: ``&B`` ``&I`` ``&U`` ``&E`` ``&S`` ``&X`` ``&Y`` ``&O`` ``&H`` toggle a style,
``&"font,style"`` sets a font, ``&K`` + six hex digits (or a theme colour ``&Kxx+nnn``) a colour,
``&`` + one to three digits a font size; ``&P`` and ``&N`` (with an optional ``+n``/``-n``)
print page numbers, ``&D`` ``&T`` ``&F`` ``&A`` ``&Z`` ``&G`` the date, the time, the file, the
sheet, the path and a picture; ``&&`` is an ampersand (MS-OI29500 2.1.619, the grammar Office
uses). A style code does not break the text it sits in (``138&B1234&B5678`` prints one
number); a section or a field does.

A font size's digits are ambiguous when the text after it starts with digits: ``&1213812345678``
is size 1, 12 or 121 and what follows. The reading kept is the one whose text holds the most
personal data by content, so no phone typed straight after a size is cut short and passed
over. A page offset's digits (``&P+12``) are read too, apart from the text.
"""

from __future__ import annotations

import re

__all__ = ["header_text"]

_SECTIONS = frozenset("LCR")
_FIELDS = frozenset("DTFAZG")  # P and N take an offset: read apart
_STYLES = frozenset("BIUESXYOH")
_COLOUR = re.compile(r"[0-9A-Fa-f]{6}|[0-9]{2}[+-][0-9]{3}")
_OFFSET = re.compile(r"[+-][0-9]+")
_DIGITS = re.compile(r"[0-9]+")
# A font size's own digits first as the documented two-digit size, then one, then three.
_SIZE_ORDER = (2, 1, 3)


def header_text(code: str) -> str:
    """What a header or footer prints, its sections and fields apart, then the page offsets its
    codes hold, whitespace folded to single blanks."""
    pieces: list[str] = []  # what is printed, a blank wherever a section or a field breaks it
    extra: list[str] = []  # page offsets
    at, end = 0, len(code)
    while at < end:
        amp = code.find("&", at)
        if amp < 0:
            pieces.append(code[at:])
            break
        pieces.append(code[at:amp])
        mark = code[amp + 1:amp + 2]
        at = amp + 2
        if mark == "&":
            pieces.append("&")
        elif mark in _SECTIONS or mark in _FIELDS:
            pieces.append(" ")
        elif mark in ("P", "N"):
            pieces.append(" ")
            offset = _OFFSET.match(code, at)
            if offset:
                extra.append(offset.group()[1:])
                at = offset.end()
        elif mark == '"':  # a font's name (宋体, "Arial,Bold"): never a customer's data
            close = code.find('"', at)
            at = end if close < 0 else close + 1
        elif mark == "K":
            colour = _COLOUR.match(code, at)
            at = colour.end() if colour else at
        elif len(mark) == 1 and "0" <= mark <= "9":
            digits = _DIGITS.match(code, amp + 1)
            assert digits is not None  # mark is a digit
            run = digits.group()
            at = digits.end()
            if len(run) > 3:  # the size runs into text that starts with digits
                following = code[at:].split("&", 1)[0]
                pieces.append(run[_size_length(run, following):])
        elif mark in _STYLES or not mark:
            pass  # a style goes on, the text with it; a lone "&" at the end prints nothing
        else:
            pieces.append(mark)  # no code: Office prints the character
    text = "".join(pieces)
    return " ".join(" ".join([text, *extra]).split())


def _size_length(run: str, following: str) -> int:
    """How many of ``run``'s digits are the font size: the reading under which the text after
    it holds the most personal data (the documented two-digit size when none holds any)."""
    from seamguard.privacy.detect import spans

    def rank(length: int) -> tuple[bool, bool, int, int]:
        text = run[length:] + following
        found = sum(span.end - span.start for span in spans(text))
        # a value found; not one that starts with a digit the size left (0 is a trunk or an
        # international prefix to a phone detector); the most of it; then the documented size
        return found > 0, not text.startswith("0"), found, -_SIZE_ORDER.index(length)

    return max(_SIZE_ORDER, key=rank)
