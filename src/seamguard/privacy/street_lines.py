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
    r"\d[A-Za-z]?,?\s+(?:[A-ZÀ-ÖØ-ÞĀ-ŽǍ-ǜ][a-zß-öø-ÿā-žǍ-ǜ]|[\u0590-\u06ff\u3040-\u30ff\u3400-\u9fff"
    r"\uac00-\ud7a3])")
# A Chinese address written in English order, the room first and the road last ("Room 501,
# No. 3 Lane 12, Changning Rd"; "Flat 2B, Block 5, No. 88 Zhongshan N Rd"): "No." and a number
# before a road, a lane or a room in front.
_ENGLISH_ORDER = re.compile(
    r"(?<![A-Za-z])(?:(?:Room|Rm\.?|Flat|Apt\.?|Unit|Suite)\s*[0-9]{1,5}[A-Za-z]?,?\s+)?"
    r"(?:(?:Building|Bldg\.?|Block|Tower)\s*[0-9A-Z]{1,3},?\s+)?"
    r"No\.\s*[0-9]{1,5}(?:-[0-9]{1,4})?,?\s+"
    r"(?:(?:Lane|Alley|Nong|Long)\s*[0-9]{1,4},?\s+)?"
    r"(?:[A-Z][a-z]+\s+){1,3}(?:(?:[NSEW]|North|South|East|West|Middle|Central)\.?\s+)?"
    r"(?:Rd|Road|St|Street|Ave|Avenue|Blvd|Boulevard|Lu|Jie|Dadao|Hwy|Highway)\b\.?")
# A post-office box rents a mailbox to its holder: "P.O. Box 1234", "PO Box #88", "邮政信箱 8号".
_PO_BOX = re.compile(
    r"(?<![A-Za-z])(?i:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box)\s*#?\s*[0-9]{1,6}(?![0-9])"
    r"|邮政信箱\s*[0-9]{1,6}(?:号|信箱|分箱)*")
# A number and then words in capitals ("141 CARTER MOUNTAINS"): read again with each such word
# capitalised, one letter for one, so that positions stay.
CAPITALS_CUE = r"\d[A-Z]?,?\s+[A-Z]{2,}\s+[A-Z]{2,}"
_CAPITALS_AFTER_NUMBER = re.compile(CAPITALS_CUE)
_CAPITAL_WORD = re.compile(r"\b[A-Z]{2,}\b")


def street_line_spans(text: str) -> Iterator[Span]:
    """English street lines and military addresses in ``text``, in capitals too."""
    yield from _street_lines(text)
    if "No." in text:
        yield from (Span(m.start(), m.end(), Kind.ADDRESS) for m in _ENGLISH_ORDER.finditer(text))
    if "Box" in text or "BOX" in text or "box" in text or "信箱" in text:
        yield from (Span(m.start(), m.end(), Kind.ADDRESS) for m in _PO_BOX.finditer(text))
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
