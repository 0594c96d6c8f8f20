"""Phone numbers in free text: the configured regions' numbers (``phonenumbers``' matcher,
Chinese mobiles by shape), numbers a phone word announces before or after them, and ``+``
numbers run into the digits after them. What counts is told in
:mod:`seamguard.privacy.detect`; other plans written nationally are in
:mod:`seamguard.privacy.national_phones`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from seamguard.privacy.kinds import Kind, Span
from seamguard.privacy.phone_types import number_kind
from seamguard.privacy.screens import screened

__all__ = ["NOT_PHONE", "PHONE_HINT", "labelled_phones", "personal_types", "phone_spans",
           "round_groups", "trunk_written", "whole_phone"]

# At least seven digits, possibly with separators: anything shorter is no phone number.
PHONE_HINT = re.compile(r"\d(?:[\s().-]{0,3}\d){6,}")
# Whole values that are plainly not phones, checked before the (slow) matcher runs.
NOT_PHONE = re.compile(
    r"^(?:\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?(?:Z|[+-]\d\d:?\d\d)?"  # ISO
    r"|[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"  # UUID
    r"|-?\d+\.\d+"  # decimals, money
    r"|[0-9a-fA-F]{32,}"  # hex digests
    r"|(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}"  # IPv4 addresses
    r")$"
)
_PERSONAL_TYPES: frozenset[int] | None = None
_GROUP = re.compile(r"\d+")
_ROUND = re.compile(r"[1-9]?[0-9]?0+")


def round_groups(raw: str) -> bool:
    """Every group of digits is a round number (``200-300-4000``, ``1500-2000``): a range, a
    price ladder or a code, which a phone number never is."""
    groups = _GROUP.findall(raw)
    return len(groups) >= 2 and all(_ROUND.fullmatch(group) for group in groups)


def personal_types() -> frozenset[int]:
    """The phonenumbers types that are somebody's phone (not toll-free, shared-cost, pager);
    a mobile line's voicemail too (Italy's eleven-digit ``+39 3…`` numbers)."""
    global _PERSONAL_TYPES
    if _PERSONAL_TYPES is None:
        from phonenumbers import PhoneNumberType as T

        _PERSONAL_TYPES = frozenset({T.MOBILE, T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE,
                                     T.PERSONAL_NUMBER, T.VOIP, T.VOICEMAIL})
    return _PERSONAL_TYPES


def _mobile(number: Any) -> bool:
    from phonenumbers import PhoneNumberType

    return number_kind(number) in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _accept_phone(raw: str, number: Any, region: str) -> bool:
    import phonenumbers

    if number_kind(number) not in personal_types():
        return False
    stripped = raw.lstrip("(")
    if stripped.startswith("+") or stripped.startswith("00"):
        return True
    if re.fullmatch(r"\d+", raw):
        # A bare digit run is an identifier unless it is a whole mobile number, or a fixed line
        # with its trunk prefix and area code (0571…): ids do not start with a zero.
        if _mobile(number):
            return raw.endswith(str(number.national_number))
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        trunk = str(metadata.national_prefix or "") if metadata is not None else ""
        return bool(trunk) and raw.startswith(trunk) and not raw.startswith(trunk * 2) \
            and raw[len(trunk):] == str(number.national_number)
    if _mobile(number):
        return True
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata is not None else None
    # A fixed line written nationally starts with the trunk prefix (CN: 0) where there is one.
    return not prefix or stripped.startswith(prefix)


# Chinese mobile numbers by shape: carriers open new prefixes before phonenumbers' metadata
# knows them (Faker still generates 149..., 166...), and a missed phone is a leak.
_CN_MOBILE = re.compile(r"(?<![\w.+-])(?:(?:\+|00)?86[ -]?)?(?:\(1[3-9]\d\)[ -]?|1[3-9]\d)"
                        r"(?:[ .-]?\d{4}){2}(?![\w.])")


# A number a phone label announces, whatever region's plan it follows ("電話 0912-345-678",
# "Tel. 06 1234 5678", "Mobile No. 9123 4567", "请致电 (415) 555-0132"): seven digits or more.
# Latin labels may be glued to Chinese text before them ("请Tel …") or to the number after them
# ("Tel13812345678").
_PHONE_LABEL = re.compile(
    r"(?:电话|電話|手机|手機|手机号|手機號|联系电话|聯絡電話|座机|座機|固话|联系方式|聯絡方式|联系|联络|聯絡|"
    r"致电|致電|拨打|撥打|来电|來電|短信|打给我|打給我|[\u260e\u260f\u2706]|\U0001f4de|\U0001f4f1|"
    # (and other languages' phone words: Tél., Teléfono, Telefone, Telefoon, Telepon, телефон,
    # điện thoại, โทร, Handphone)
    r"[тТ]елефон|[тТ]ел\.|[đĐ]iện\s?thoại|ĐT|đt|โทรศัพท์|โทร|"
    # (Arabic: هاتف, جوال, موبايل)
    r"(?:رقم\s)?(?:ال)?(?:هاتف|جوال)|موبايل|تلفون|"
    r"(?i:(?<![A-Za-z])(?:t[ée]l[ée]phone|t[ée]l|tel[ée]fono|telefone|telefoon|telepon|telefon"
    r"|handphone|ponsel|celular|cellulare|m[óo]vil|portable|mobil|"
    r"tel(?:ephone)?|phone|mobile|cell(?:phone)?|fax|mob|whats\s?app|"
    r"h/p|ph(?=\s*[:\uff1a]|\s+\+?\d)|sms|dial|"
    r"contact(?=\s*(?:no\b|number|num\b|#|[:\uff1a]\s*[+(\d]|(?:me|us)\b|\s+[+(]?\d))|"
    r"(?:my|our|his|her|their)\s+(?:number|no\.)|"
    r"(?:calls?|text|ring|reach|message|msg)(?:\s*(?:or|and|/)\s*(?:call|text|sms|whats\s?app))?"
    # (and other languages' "call me at": chiamami al, appelez-moi au, bel mij op, rufen Sie
    # mich unter, llámame al, ligue-me no)
    r"|chiama(?:mi|ci|re)|appele[zr](?:-(?:moi|nous))?|appelle-moi|bel\s+(?:mij|ons)"
    r"|rufen\s+sie\s+(?:mich|uns)|ruf\s+(?:mich|uns)|ll[áa]ma(?:me|nos)|ligue(?:-me)?)"
    r"(?![A-Za-z])\.?(?:\s+(?:me|us|him|her))?"
    r"(?:\s+(?:at|on|via|al|allo|au|op|unter|an|para|no|a))?(?![A-Za-z])))"
    r"\s*(?:号码|號碼|番号|번호|(?i:no\.?|number|num\b|#))?"
    r"\s*(?:(?i:is|was)(?![A-Za-z])|是|为|為|は|는|은)?\s*[:\uff1a]?\s*"
    r"(?P<value>\+?\(?\d[\d ().-]{5,20}\d)(?![\d])")
# A phone word right after the number: "4155552671 (mobile)", "9123 4567 is my cell",
# "13812345678 (手机)", in full-width brackets too.
_PHONE_LABEL_AFTER = re.compile(
    r"(?<![\w.+-])(?P<value>\+?\(?\d[\d ().-]{5,20}\d)(?![\d])\s*"
    r"(?:[(\[\uff08]\s*(?:[A-Za-z]+\s+)?|(?i:is\s+(?:my|our|his|her|their|the)\s+))"
    r"(?:手机|手機|电话|電話|(?i:mobile|cell|phone|tel|whats\s?app|home|work)(?![A-Za-z]))")
_PHONE_LIST_NEXT = re.compile(
    r"\s*(?:/|\u3001|,|\uff0c|;|\uff1b|&|\bor\b|或|及|和)\s*"
    r"(?P<value>\+?\(?\d[\d ().-]{5,20}\d)(?![\d])")
# Labels that as often announce something else ("call 1234567 times", "联系 …"): the number
# after them must be a valid number of some plan.
_WEAK_PHONE_LABEL = re.compile(
    r"(?i)^(?:call|text|contact|ring|reach|message|msg|sms|dial|ph\b|my|our|his|her|their"
    r"|chiama|appel|bel\s|rufen|ruf\s|ll[áa]ma|ligue"
    r"|联系|聯絡|联络)")


def labelled_phones(folded: str, regions: tuple[str, ...]) -> Iterator[Span]:
    import phonenumbers

    for match in _PHONE_LABEL.finditer(folded):
        value = match.group("value")
        if sum(char.isdigit() for char in value) < 7:
            continue
        try:
            number = phonenumbers.parse(value, regions[0] if regions else "CN")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number) and \
                number_kind(number) not in personal_types() and \
                len(str(number.national_number)) >= 10:
            # a hotline (400-811-1111) is no one's phone; seven digits that happen to be a
            # service number of the region ("109 6 525") are another plan's phone
            continue
        if _WEAK_PHONE_LABEL.match(match.group()) and not (
                _valid_anywhere(value, hints=_CUE_HINTS) or _NANP_RUN.fullmatch(value)
                or (trunk_written(value) and _valid_anywhere(value, possible=True,
                                                             hints=_CUE_HINTS))
                or (value.startswith("+") and _possible(value))):
            continue
        yield Span(match.start("value"), match.end("value"), Kind.PHONE)
        # more numbers listed after the first ("Mobile: 9123 4567 / 6612 3456", "…、…", "or …"):
        # each a valid number of some plan, and no date
        at = match.end("value")
        while (following := _PHONE_LIST_NEXT.match(folded, at)) is not None:
            listed = following.group("value")
            if sum(char.isdigit() for char in listed) < 7 or NOT_PHONE.match(listed) \
                    or not _valid_anywhere(listed):
                break
            yield Span(following.start("value"), following.end("value"), Kind.PHONE)
            at = following.end("value")
    if "(" in folded or "\uff08" in folded or "[" in folded or " is " in folded:
        for match in _PHONE_LABEL_AFTER.finditer(folded):
            value = match.group("value")
            if sum(char.isdigit() for char in value) >= 7 and not NOT_PHONE.match(value) \
                    and (_valid_anywhere(value) or _NANP_RUN.fullmatch(value)):
                yield Span(match.start("value"), match.end("value"), Kind.PHONE)


# Ten digits shaped like a North American number (area code and exchange start with 2-9, no
# N11 or N00 area code): after a phone word, somebody's even in an area code not yet in service.
_NANP_RUN = re.compile(r"(?:\+?1[ .-]?)?(?![2-9]11|[2-9]00)[2-9]\d\d[ .-]?[2-9]\d\d[ .-]?\d{4}")


# Plans tried for a number after a weak label: the regions' neighbours and the customers'.
_LABEL_HINTS = ("CN", "HK", "MO", "TW", "US", "JP", "KR", "SG", "GB")
# (and, for a number a call cue announces, the plans of the European customers' languages those
# cues are written in: "Chiamami al 094290320", "Appelez-moi au 0582990320")
_CUE_HINTS = (*_LABEL_HINTS, "DE", "FR", "IT", "NL", "ES", "AU")


def _valid_anywhere(value: str, *, possible: bool = False,
                    hints: tuple[str, ...] = _LABEL_HINTS) -> bool:
    """Valid in one of the hint plans (with ``possible``, of a possible length in one: a number
    written with its trunk prefix apart, as generated data and new ranges are)."""
    import phonenumbers

    check = phonenumbers.is_possible_number if possible else phonenumbers.is_valid_number
    for region in hints:
        try:
            if check(phonenumbers.parse(value, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


# An order or tracking word right before a phone-shaped number names the number: the order
# ("order 07700900123", "Order no. 15019283746", "<OrderRef>…", "<Order><no>…", "运单号…"), not
# a phone.
_ORDER_WORD_BEFORE = re.compile(
    r"(?:单号|(?:订单|运单|快递单|物流单|退款单|售后单|交易|流水|发票)(?:号码|编号|号)?|"
    r"(?i:(?<![A-Za-z])(?:order|trade|waybill|tracking|shipment|invoice|tid|oid)"
    r"(?:(?:[\s_-]?|>\s*<)(?:no|number|num|id|ref|sn|code)(?![A-Za-z]))?))"
    r"[\s#.:\uff1a=>\"'-]{0,4}$")


# A code in capitals a number is joined to by a dash or underscore ("SKU-13912345678",
# "ITEM_1391…", "PO-2026-1391…"): the digits are the code's, not a phone, unless the code is a
# phone word ("TEL-13812345678", "M-1381…"); a word in lower case names what the number is
# ("customer-1380431…", "user_1381…": a person's phone).
_CODE_BEFORE = re.compile(r"(?<![\w-])(?P<code>[A-Z][A-Z0-9]*)(?:[-_][A-Z0-9]+)*[-_]$")
_PHONE_CODES = frozenset({"tel", "tele", "telephone", "phone", "ph", "mobile", "mob", "mobi",
                          "cell", "cellphone", "fax", "m", "t", "h", "hp", "mp", "sms", "wa",
                          "whatsapp", "call", "contact", "dh", "sj", "shouji", "dianhua"})


def _joined_to_code(folded: str, start: int) -> bool:
    code = _CODE_BEFORE.search(folded, max(0, start - 40), start)
    return code is not None and code.group("code").lower() not in _PHONE_CODES


def phone_spans(folded: str, regions: tuple[str, ...]) -> Iterator[Span]:
    """Phone numbers in ``folded`` text (see the module docstring for what counts), none right
    after an order or tracking word, none joined to a code that is no phone word."""
    for span in _phone_spans(folded, regions):
        if not _ORDER_WORD_BEFORE.search(folded, max(0, span.start - 24), span.start) \
                and not (folded[span.start - 1:span.start] in ("-", "_")
                         and _joined_to_code(folded, span.start)):
            yield span


def _phone_spans(folded: str, regions: tuple[str, ...]) -> Iterator[Span]:
    if not PHONE_HINT.search(folded) or NOT_PHONE.match(folded.strip()):
        return
    from phonenumbers import Leniency, PhoneNumberMatcher

    seen: set[tuple[int, int]] = set()
    if "CN" in regions:
        for mobile in _CN_MOBILE.finditer(folded):
            seen.add(mobile.span())
            yield Span(mobile.start(), mobile.end(), Kind.PHONE)
        if "86" in folded:
            for line in _calling_code_lines(folded, seen):
                seen.add((line.start, line.end))
                yield line
        if regions == ("CN",) and folded.isdigit() and not folded.startswith("0"):
            return  # a bare digit run is a phone only as a whole mobile number, found above
        if _whole_mobile_found(folded, seen):
            return
    for region in regions:
        for match in PhoneNumberMatcher(folded, region, leniency=Leniency.VALID):
            where = (match.start, match.end)
            if where not in seen and _accept_phone(match.raw_string, match.number, region) \
                    and not round_groups(match.raw_string):
                seen.add(where)
                yield Span(match.start, match.end, Kind.PHONE)
    if "+" in folded:
        yield from _international_before_digits(folded, seen)


# A Chinese fixed line after the calling code written without ``+`` or ``00``
# ("86-571-87654321", "86 10 6234 5678"): groups apart, the area code and the number a valid
# fixed line.
_CALLING_CODE_LINE = re.compile(r"(?<![\w.+-])86[ -]\(?0?(?P<area>[1-9]\d{1,2})\)?[ -]"
                                r"(?P<number>\d{3,4}[ -]?\d{4})(?![\w.]|-\d{5})")


def _calling_code_lines(folded: str, seen: set[tuple[int, int]]) -> Iterator[Span]:
    import phonenumbers

    for match in _CALLING_CODE_LINE.finditer(folded):
        if any(start < match.end() and match.start() < end for start, end in seen):
            continue
        digits = match.group("area") + re.sub(r"\D", "", match.group("number"))
        try:
            number = phonenumbers.parse("+86" + digits, None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and \
                number_kind(number) in personal_types():
            yield Span(match.start(), match.end(), Kind.PHONE)


# A Chinese mobile written with its calling code and nothing else ("+8613812345678",
# "008613812345678"): no separator, no second number, one candidate for the matcher.
_CALLING_CODE_MOBILE = re.compile(r"(?:\+|00)86[0-9]{11}")


def _whole_mobile_found(folded: str, seen: set[tuple[int, int]]) -> bool:
    """``folded`` is one Chinese mobile with its calling code, already found whole: the
    matcher's one candidate is the whole text (nothing to split it at), so it can find only
    that span again, and a ``+`` number run into more digits needs digits after it."""
    return (0, len(folded)) in seen and _CALLING_CODE_MOBILE.fullmatch(folded) is not None


# A `+` number the matcher read together with the digits after it (`+853 6644 6212 1503212`):
# its groups are tried from the longest down.
_INTERNATIONAL = screened(re.compile(r"(?<![\w+])\+\d[\d\s().-]{6,30}\d"))
_TRUNK_IN_BRACKETS = re.compile(r"\+\d{1,3}\s?\(0\)")
_CALLING_CODE_APART = re.compile(r"\+\d{1,3}[ -]\d{7,12}")
# A calling code, then the national number in groups ("+852 5150 5405", "+65 8123-4567").
_CALLING_CODE_GROUPS = re.compile(r"\+\d{1,3}[ -]\d{1,5}(?:[ .-]\d{2,5}){1,4}")


def _possible(text: str) -> bool:
    import phonenumbers

    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(text, None)))
    except phonenumbers.NumberParseException:
        return False


def _grouped_after_code(text: str) -> bool:
    """``text`` is a calling code phonenumbers knows and, in groups, a national number of a
    length that code's plan dials (a range its metadata may not know yet: ``+852 5150 5405``)."""
    import phonenumbers

    if not _CALLING_CODE_GROUPS.fullmatch(text) or round_groups(text):
        return False
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return False
    # (every digit after the code is the national number: no trunk prefix read away)
    national = re.sub(r"\D", "", text)[len(str(number.country_code)):]
    return phonenumbers.region_code_for_number(number) not in (None, "ZZ", "001") \
        and str(number.national_number) == national \
        and phonenumbers.is_possible_number_with_reason(number) == \
        phonenumbers.ValidationResult.IS_POSSIBLE


def _international_before_digits(folded: str, seen: set[tuple[int, int]]) -> Iterator[Span]:
    import phonenumbers

    for match in _INTERNATIONAL.finditer(folded):
        if any(start < match.end() and match.start() < end for start, end in seen):
            continue
        cuts = [m.start() for m in re.finditer(r"[\s().-]+", match.group())]
        for cut in reversed(cuts):
            text = match.group()[:cut]
            try:
                number = phonenumbers.parse(text, None)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number) and \
                    number_kind(number) in personal_types():
                yield Span(match.start(), match.start() + cut, Kind.PHONE)
                break
        else:
            # "+49 (0) 1947 104058", "+44 (0)20 7946 0000": a calling code with the national
            # trunk prefix in brackets is written only for a phone, valid or (new ranges,
            # generated data) merely possible; so is E.164's own form, a `+` and ten digits or
            # more run together ("+441632960181")
            e164 = match.group()[1:].isdigit() and len(match.group()) >= 11
            # (and so is a calling code, one blank or dash, then the national number run
            # together: "+852 51505405", a range the metadata does not yet know; or the national
            # number in groups, of a length its plan dials: "+852 5150 5405")
            if ((_TRUNK_IN_BRACKETS.match(match.group()) or e164
                    or _CALLING_CODE_APART.fullmatch(match.group())) \
                    and _possible(match.group())) or _grouped_after_code(match.group()):
                yield Span(match.start(), match.end(), Kind.PHONE)




# A whole value written as a phone: digit groups with single separators, or a bracketed area code
# ("9123 4567", "415-555-0123", "(02) 1234 5678"), or a Chinese mobile run together.
_GROUPED = re.compile(r"\+?(?:\(\d{1,4}\)[ -]?)?\d{2,5}(?:[ .-]\d{2,5}){1,3}")
_CN_MOBILE_RUN = re.compile(r"(?:\+?86)?1[3-9]\d{9}")


# A whole value in a phone's national writing, its trunk 0 leading a group of its own or an
# area code in brackets ("(04107) 40269", "0906-154118", "008 72936691"): nine digits or more.
_YEAR = re.compile(r"(?:19|20)\d\d")
_TRUNK_WRITTEN = re.compile(r"(?:\(0\d{1,4}\)\s?|0\d{1,4}[ -])\d{2,8}(?:[ -]\d{2,8})?")


def trunk_written(value: str) -> bool:
    """``value`` is written as a national phone number, whether or not any plan allocates it
    (generated data and new ranges): a trunk ``0`` group or a bracketed area code, then one or
    two groups, nine to thirteen digits in all."""
    text = value.strip()
    # (a group that is a year makes it a batch or a dated id: "02-2024-0710")
    return bool(_TRUNK_WRITTEN.fullmatch(text)) and 9 <= sum(c.isdigit() for c in text) <= 13 \
        and not any(_YEAR.fullmatch(group) for group in re.split(r"[\s()-]+", text))


def whole_phone(value: str, *, nanp_run: bool = False, valid_nanp_run: bool = False) -> bool:
    """``value`` as a whole is somebody's phone number though no word says so: a Chinese mobile,
    or grouped digits (``9123 4567``) a mobile of a neighbouring or customer plan (of any
    personal type with a ``+``); with ``nanp_run``, ten digits shaped like a North American
    number too (``4155550123``); with ``valid_nanp_run``, such ten digits when they are also a
    valid US or Canadian number (under a key naming a bare ``number``). Dates, amounts, SKUs,
    timestamps and tracking numbers take none of these shapes."""
    import phonenumbers

    text = value.strip()
    if _CN_MOBILE_RUN.fullmatch(text):
        return True
    if (nanp_run or valid_nanp_run) and text.isdigit() and len(text) == 10 and \
            _NANP_RUN.fullmatch(text) and (nanp_run or _valid_in(text, ("US", "CA"))):
        return True
    if not _GROUPED.fullmatch(text) or round_groups(text) or NOT_PHONE.match(text):
        return False
    for region in _LABEL_HINTS:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        if _mobile(number) or (text.startswith("+") and
                               number_kind(number) in personal_types()):
            return True
    return False


def _valid_in(text: str, regions: tuple[str, ...]) -> bool:
    import phonenumbers

    for region in regions:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(text, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False
