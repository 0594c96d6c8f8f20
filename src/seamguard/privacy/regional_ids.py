"""Identity card numbers of Hong Kong, Macau and Taiwan, and Taiwan's mobile numbers written
the national way, found by their shape and check digit.

* Hong Kong (HKID): one or two letters, six digits, a check digit or ``A`` in parentheses
  (``A123456(3)``); the weighted sum mod 11 must hold. Without the parentheses the shape is a
  common SKU, so it is not looked for.
* Taiwan (National ID and the resident certificate's new form): a letter, ``1``/``2`` (sex) or
  ``8``/``9``, eight digits; the letter's two-digit code and the digits, weighted, sum to a
  multiple of ten. A random code of that shape passes one time in ten (``J150448340`` is as
  likely a SKU), so it counts after an identity-card word only (``身分證``, ``ID``), and never
  under an identifier key (``sku``, ``order_no``); under an ID number key it is found by key.
* Macau (BIR): ``1``, ``5`` or ``7``, six digits, a check digit in parentheses
  (``1234567(8)``); the check's rule is not public, so it too needs an identity-card word.
* the mainland travel permits of Hong Kong and Macau residents (``H``/``M`` and eight digits)
  and of Taiwan residents (eight digits), after a permit word (``回乡证``, ``台胞证``,
  ``通行证``, ``permit``): their shapes alone are those of any code;
* the foreigner's permanent residence ID: since 2023 eighteen digits laid out as the resident
  ID's, ``9`` first, a province, a three-digit country code, the birth date and the MOD 11-2
  check; before, three letters (an ISO 3166 country), a province, the birth date (YYMMDD) and
  four digits — both anywhere, the country, the province and the date must be real;
* a sole trader's unified social credit code (``92`` first: registered by the market regulator as
  an individual business, 个体工商户): the trader is a person, and the code names them as an ID
  number does; anywhere, when its check character holds (python-stdnum). A company's code
  (``91…``) stays;
* Taiwan mobiles written nationally with separators (``0912-345-678``, ``0912 345 678``),
  which the Chinese numbering plan would not parse: valid per ``phonenumbers`` for ``TW``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seamguard.privacy.screens import screened

__all__ = ["document_spans", "hkid_valid", "regional_id_spans", "sole_trader_valid",
           "taiwan_id_valid", "taiwan_mobile_spans"]

_HKID = screened(re.compile(r"(?<![0-9A-Za-z])([A-Z]{1,2})(\d{6})\(([0-9A])\)"))
_TWID = re.compile(r"(?<![0-9A-Za-z])([A-Z])([1289]\d{8})(?![0-9A-Za-z])")
_MOID = re.compile(r"(?<![0-9A-Za-z])[157]\d{6}\(\d\)")
_TW_MOBILE = re.compile(r"(?<![\w.+-])09\d{2}[ -]\d{3}[ -]\d{3}(?![\w.])")
# Taiwan's letter codes: A=10 ... Z=33, in the order the household registers took them.
_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"


def hkid_valid(letters: str, digits: str, check: str) -> bool:
    """The HKID check: weights 9..2 over the letters (a single letter after a blank, 36) and
    digits, the sum plus the check a multiple of 11 (``A`` stands for 10)."""
    values = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters] + [
        int(d) for d in digits]
    total = sum(value * weight for value, weight in zip(values, range(9, 1, -1), strict=True))
    return (total + (10 if check == "A" else int(check))) % 11 == 0


def taiwan_id_valid(letter: str, digits: str) -> bool:
    """The Taiwan ID check: the letter's code (tens weight 1, units 9), digits 8..1, the last
    digit weight 1; the sum a multiple of ten."""
    code = _TW_LETTERS.index(letter) + 10
    values = [int(d) for d in digits]
    total = code // 10 + (code % 10) * 9 + sum(
        value * weight for value, weight in zip(values[:8], range(8, 0, -1), strict=True))
    return (total + values[8]) % 10 == 0


def regional_id_spans(folded: str, *, identifiers: bool = False) -> Iterator[tuple[int, int]]:
    """Where HK, Macau and Taiwan identity numbers sit in ``folded`` text."""
    if "(" in folded:
        for match in _HKID.finditer(folded):
            if hkid_valid(*match.groups()):
                yield match.start(), match.end()
        for match in _MOID.finditer(folded):
            if _labelled(folded, match.start()):
                yield match.start(), match.end()
    if not identifiers:
        for match in _TWID.finditer(folded):
            if taiwan_id_valid(*match.groups()) and _labelled(folded, match.start()):
                yield match.start(), match.end()


# Words before a number that say it is an identity card's: 身分證/身份证, 證件, 居留證, ID, BIR.
_ID_LABEL = re.compile(
    r"(?:身[分份][證证]|[證证]件|居[留民]|統一證號|(?i:\b(?:id|identity|national|hkid|bir|"
    r"resident)\b))[^\n]{0,12}$")


def _labelled(folded: str, start: int) -> bool:
    """An identity-card word shortly before ``start``: Taiwan's and Macau's shapes alone are
    those of a common product code (one in ten and three in ten random ones would pass)."""
    return _ID_LABEL.search(folded, max(0, start - 20), start) is not None


def taiwan_mobile_spans(folded: str) -> Iterator[tuple[int, int]]:
    """Taiwan mobile numbers written nationally with separators."""
    if "09" not in folded:
        return
    import phonenumbers

    for match in _TW_MOBILE.finditer(folded):
        try:
            number = phonenumbers.parse(match.group(), "TW")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            yield match.start(), match.end()


_PERMIT = re.compile(
    r"(?:台胞[证證]|回[乡鄉][证證]|通行[证證]|(?i:\b(?:home\s+return\s+|travel\s+|entry\s+)?permit))"
    r"(?:\s*(?:号码|號碼|号|號|(?i:no\.?|number|#)))?\s*[:\uff1a]?\s*"
    # (an exit-entry permit since 2014: C, a letter and seven digits, CA1234567)
    r"(?P<value>[A-Za-z]{0,2}[0-9]{8,10}|[A-Za-z]{2}[0-9]{7})(?![0-9A-Za-z])")
_FOREIGNER_NEW = re.compile(r"(?<![0-9A-Za-z])9\d{16}[\dXx](?![0-9A-Za-z])")
_FOREIGNER_OLD = re.compile(r"(?<![0-9A-Za-z])([A-Z]{3})(\d{2})(\d{6})\d{4}(?![0-9A-Za-z])")
_PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65"})


def _real_date(year: int, month: int, day: int) -> bool:
    import datetime

    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _countries() -> frozenset[str]:
    from faker.providers.address import Provider

    return frozenset(Provider.alpha_3_country_codes) - {"CHN"}


def foreigner_id_valid(candidate: str) -> bool:
    """A permanent residence ID of either form (see the module docstring)."""
    from stdnum.iso7064 import mod_11_2

    text = candidate.upper()
    if len(text) == 18 and text[0] == "9":
        return (text[1:3] in _PROVINCE_CODES and text[3:6] != "000"
                and _real_date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
                and 1900 <= int(text[6:10]) <= 2030 and mod_11_2.is_valid(text))
    match = _FOREIGNER_OLD.fullmatch(text)
    return match is not None and match.group(1) in _countries() \
        and match.group(2) in _PROVINCE_CODES and _real_date(
            1900 + int(match.group(3)[:2]), int(match.group(3)[2:4]), int(match.group(3)[4:]))


# (eighteen characters of the code's alphabet, no I, O, S, V or Z; the check character last)
_SOLE_TRADER = re.compile(r"(?<![0-9A-Za-z])92[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")


def sole_trader_valid(text: str) -> bool:
    """A unified social credit code of an individual business, its check character right."""
    from stdnum.cn import uscc

    return _SOLE_TRADER.fullmatch(text) is not None and uscc.is_valid(text)


def document_spans(folded: str) -> Iterator[tuple[int, int]]:
    """Travel permits after a permit word, sole traders' credit codes and permanent residence
    IDs anywhere."""
    if "92" in folded:
        for match in _SOLE_TRADER.finditer(folded):
            if sole_trader_valid(match.group()):
                yield match.start(), match.end()
    for match in _PERMIT.finditer(folded):
        yield match.start("value"), match.end("value")
    for pattern in (_FOREIGNER_NEW, _FOREIGNER_OLD):
        for match in pattern.finditer(folded):
            if foreigner_id_valid(match.group()):
                yield match.start(), match.end()
