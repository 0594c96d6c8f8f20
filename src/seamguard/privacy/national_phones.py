"""Phone numbers of other plans, written nationally (no ``+``), that a shop's traffic carries
beside those of its own regions.

The configured regions' matcher (:func:`seamguard.privacy.detect.phone_spans`) reads numbers of
those regions; customers in North America, Taiwan, Japan or Korea write theirs without a country
code too. Such a number counts only when it is *written* as a phone, grouped the way its plan
groups it, because a bare digit run is far more often an order id:

* **North America** (NANP): ``(415) 555-0132``, ``415-555-0132``, ``415.555.0132``,
  ``1-415-555-0132``, ``001-415-555-0132``, ``+1-537-640-6812``, with an extension
  (``x1234``). By shape (area code and exchange start with 2-9): phonenumbers knows only the
  area codes in service, and a number in a new or test area code is still somebody's.
* **trunk-prefix plans** (Taiwan, Japan, Korea): a ``0``, an area or mobile code in brackets or
  before a separator, nine to eleven digits (``(02) 2345-6789``, ``090-1234-5678``), valid in
  one of those plans or of a possible length (generated test data and new ranges ignore the
  list of codes in service); a Taiwan mobile number also run together (``0912345678``), and
  any number grouped two or three, four, four with hyphens (``97-5432-3194``).

A number with a trunk prefix run together (``05251537324``, ``07700900123``) counts when it is
valid in one of the European, Korean, Japanese or Australian plans.

Hong Kong, Macau and Taiwan numbers written with their calling code but no ``+`` (``852 9123
4567``, ``(852)91234567``, ``886-912-345-678``) count when valid with it.

Hong Kong, Macau and Singapore numbers are eight digits with no trunk prefix. Run together
(``91234567``) no shape tells them from an id, so they count only after a phone label or under a
phone key; grouped four and four (``9123 4567``, ``6612-3456``) they count in running text too
when they are a mobile number of one of these plans (no id label before them: the caller checks).
Toll-free and other business numbers (a Chinese ``400-811-1111`` hotline, a US ``800``) are
nobody's phone and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seamguard.privacy.phone_types import number_kind
from seamguard.privacy.screens import screened

__all__ = ["national_phone_spans"]

_NANP = re.compile(
    r"(?<![\w.+-])(?:(?:\+1|001|1)[ .-]?)?"
    r"(?:\([2-9]\d\d\)[ ]?[2-9]\d\d[.-]|[2-9]\d\d-[2-9]\d\d-|[2-9]\d\d\.[2-9]\d\d\.)\d{4}"
    r"(?:[ ]?(?:x|ext\.?|#)[ ]?\d{1,5})?(?![\w-]|\.\d)")
# An area code no plan uses for people (N00, N11: service and easily recognisable codes): a
# number in one counts only when valid in some plan.
_NANP_AREA = re.compile(r"^(?:(?:\+1|001|1)[ .-]?)?\(?[2-9](?:00|11)\b")
_TRUNK = re.compile(
    r"(?<![\w.+-])(?:\(0[1-9]\d{0,3}\)[ ]?|0[1-9]\d{0,3}[ -])\d{2,4}[ -]?\d{3,4}(?![\w-]|\.\d)")
_TRUNK_REGIONS = ("TW", "JP", "KR")
# Two or three digits, four, four, with hyphens: how Japan and China group a number (Faker's
# ja_JP writes numbers so, trunk prefix or not); no date, amount or id is grouped so.
_HYPHENATED_2_4_4 = screened(re.compile(r"(?<![\w.+-])\d{2,3}-\d{4}-\d{4}(?![\w-]|\.\d)"))
# A calling code written without its `+` ("852 9123 4567", "(852)91234567", "886-912-345-678").
_BARE_CALLING_CODE = re.compile(
    r"(?<![\w.+-])(?:\((?:852|853|886)\)[ -]?|(?:00)?(?:852|853|886)[ -])\d[\d -]{6,12}\d"
    r"(?![\w-]|\.\d)")
# A Taiwan mobile number run together: ids do not start with a zero.
_TW_MOBILE_RUN = re.compile(r"(?<![\w.+-])09\d{8}(?![\w.])")
# Any trunk-prefixed number run together, as Faker's de_DE, en_GB and ko_KR write them
# (05251537324, 07700900123, 01012345678): valid in one of these plans, not just possible.
_TRUNK_RUN = re.compile(r"(?<![\w.+-])0[1-9]\d{8,10}(?![\w.])")
_RUN_REGIONS = ("DE", "GB", "KR", "JP", "FR", "IT", "ES", "NL", "AU")
_BRACKETED_REGIONS = ("GB", "DE", "FR", "IT", "ES", "NL", "AU")
# Eight digits grouped four and four, alone (not a group of a longer run: an IBAN, a card).
_EIGHT_GROUPED = re.compile(r"(?<![\w.+-])(?<!\d[ -])\d{4}[ -]\d{4}(?![\w-]|[ .]\d)")
_EIGHT_REGIONS = ("HK", "MO", "SG")
# An id word before such a number in other languages than the caller's id labels know
# ("build 9123 4567", "Versandnummer 5123 4567", "pedido 6123 4567").
_ID_WORD_BEFORE = re.compile(
    r"(?i:build|run|job|ticket|case|versand\w*|sendung\w*|auftrag\w*|bestell\w*|rechnung\w*"
    r"|lieferschein|commande|facture|pedido|factura|ordine|fattura|bestelling|factuur)"
    r"[\s#.:=-]{0,3}$")
# An id word right after such a number names it ("9123 4567 room code", "… 单号").
_ID_WORD_AFTER = re.compile(
    r"\s*(?:room\s+|door\s+|access\s+)?(?:(?i:code|pin|id|ref|sku|order|batch|lot|serial)"
    r"(?![A-Za-z])|单号|编号|订单|批次|码)")


def national_phone_spans(folded: str, regions: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Numbers of the plans above in ``folded`` text (full-width digits already folded); none
    whose groups are all round numbers (a range such as ``200-300-4000``)."""
    from seamguard.privacy.phones import round_groups

    for start, end in _national_phone_spans(folded, regions):
        if not round_groups(folded[start:end]):
            yield start, end


def _national_phone_spans(folded: str, regions: tuple[str, ...]
                          ) -> Iterator[tuple[int, int]]:
    if "US" not in regions and ("-" in folded or "." in folded or "(" in folded):
        for match in _NANP.finditer(folded):
            if _personal_somewhere(match.group(), ("US", *regions, "CN"),
                                   shape_ok=_NANP_AREA.search(match.group()) is None):
                yield match.span()
    if "0" in folded and ("-" in folded or " " in folded or "(" in folded):
        for match in _TRUNK.finditer(folded):
            digits = sum(char.isdigit() for char in match.group())
            hints = tuple(region for region in _TRUNK_REGIONS if region not in regions)
            # (an area code in brackets is written only for a phone: of a possible length in a
            # European or Australian plan too, "(0151) 496 0990", "(030) 1234 5678")
            bracketed = tuple(region for region in _BRACKETED_REGIONS if region not in regions) \
                if match.group().startswith("(") else ()
            if 9 <= digits <= 11 and (
                    (hints and _personal_somewhere(match.group(), hints, shape_ok=True))
                    or (bracketed and _personal_somewhere(match.group(), bracketed,
                                                          shape_ok=True))):
                yield match.span()
    if "-" in folded:
        for match in _HYPHENATED_2_4_4.finditer(folded):
            # (with a trunk prefix so grouped it is a mobile or a landline: a free-dial number
            # is written 0120-…, 0800-…; 080-0855-1973 is read as one only when run together)
            if match.group()[0] == "0" or _personal_somewhere(
                    match.group(), ("JP", *regions, "CN"), shape_ok=True):
                yield match.span()
    if "85" in folded or "886" in folded:
        for match in _BARE_CALLING_CODE.finditer(folded):
            if _personal_somewhere("+" + match.group().lstrip("(0"), ("HK",)):
                yield match.span()
    if "09" in folded and "TW" not in regions:
        for match in _TW_MOBILE_RUN.finditer(folded):
            if _personal_somewhere(match.group(), ("TW",)):
                yield match.span()
    if " " in folded or "-" in folded:
        hints = tuple(region for region in _EIGHT_REGIONS if region not in regions)
        for match in _EIGHT_GROUPED.finditer(folded) if hints else ():
            if not _ID_WORD_AFTER.match(folded, match.end()) and \
                    not _ID_WORD_BEFORE.search(folded, max(0, match.start() - 24),
                                               match.start()) and \
                    _mobile_somewhere(match.group(), hints):
                yield match.span()
    if "0" in folded:
        hints = tuple(region for region in _RUN_REGIONS if region not in regions)
        for match in _TRUNK_RUN.finditer(folded):
            if not _gtin(match.group()) and _personal_somewhere(match.group(), hints):
                yield match.span()


def _gtin(digits: str) -> bool:
    """A 12- or 13-digit run with a valid GTIN check digit: a UPC or an EAN (036000291452)."""
    from stdnum import ean

    return len(digits) in (12, 13) and bool(ean.is_valid(digits))


def _personal_somewhere(raw: str, hints: tuple[str, ...], *, shape_ok: bool = False) -> bool:
    """Valid and personal in one of ``hints`` (with ``shape_ok``, a possible length is
    enough), and no business number in any."""
    import phonenumbers

    from seamguard.privacy.phones import personal_types

    personal = False
    for region in hints:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            personal = personal or (shape_ok and phonenumbers.is_possible_number(number))
            continue
        if number_kind(number) not in personal_types():
            return False  # a hotline somewhere (400-811-1111, 800-…): nobody's phone
        personal = True
    return personal


def _mobile_somewhere(raw: str, hints: tuple[str, ...]) -> bool:
    """A valid mobile number in one of ``hints``."""
    import phonenumbers

    for region in hints:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and number_kind(number) in (
                phonenumbers.PhoneNumberType.MOBILE,
                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
            return True
    return False
