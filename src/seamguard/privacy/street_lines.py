"""English-language street lines in free text (a house number, then a capitalised street name
and its type), US military addresses, and the same written in capitals, as shipping labels and
carriers' manifests write them ("1 LEE STREET", "FLAT 60\\nPAULA COURT")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seamguard.privacy.kinds import Kind, Span
from seamguard.privacy.names import en_address, named_street_spans

__all__ = ["CAPITALS_CUE", "street_line_spans"]

# A US military or diplomatic address (Faker's en_US writes one address in fifteen so):
# "PSC 7540, Box 0917, APO AE 96248", "USNV Morgan, FPO AP 53733", "Unit 1234 Box 5678, DPO AA…".
_MILITARY_ADDRESS = re.compile(
    r"\b(?:PSC \d{3,5},? Box \d{3,5}|Unit \d{3,5},? Box \d{3,5}"
    r"|(?:USNS|USNV|USS|USCGC) [A-Z][a-z]+(?: [A-Z][a-z]+)?),? [ADF]PO (?:AA|AE|AP) \d{5}\b")
# (a house number may carry a letter or a comma before the street: "Flat 74e\nMartin Corner",
# "Flat 8, Catherine Curve")
_HAS_STREET_NUMBER = re.compile(
    r"\d[A-Za-z]?,?\s+(?:[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]|[\u0590-\u06ff\u3040-\u30ff\u3400-\u9fff"
    r"\uac00-\ud7a3])")
# A number and then words in capitals ("141 CARTER MOUNTAINS"): read again with each such word
# capitalised, one letter for one, so that positions stay.
CAPITALS_CUE = r"\d[A-Z]?,?\s+[A-Z]{2,}\s+[A-Z]{2,}"
_CAPITALS_AFTER_NUMBER = re.compile(CAPITALS_CUE)
_CAPITAL_WORD = re.compile(r"\b[A-Z]{2,}\b")


def street_line_spans(text: str) -> Iterator[Span]:
    """English street lines and military addresses in ``text``, in capitals too."""
    yield from _street_lines(text)
    if _CAPITALS_AFTER_NUMBER.search(text):
        cased = _CAPITAL_WORD.sub(lambda m: m.group()[0] + m.group()[1:].lower(), text)
        yield from _street_lines(cased)


def _street_lines(text: str) -> Iterator[Span]:
    if _HAS_STREET_NUMBER.search(text):
        yield from (Span(m.start(), m.end(), Kind.ADDRESS) for m in en_address().finditer(text))
        yield from (Span(start, end, Kind.ADDRESS) for start, end in named_street_spans(text))
    if "PO A" in text:
        yield from (Span(m.start(), m.end(), Kind.ADDRESS)
                    for m in _MILITARY_ADDRESS.finditer(text))
