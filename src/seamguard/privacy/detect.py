"""Find personal data and secrets inside one string, by content, whatever key holds it.

Each detector is tuned for precision on integration traffic, where most long digit runs are
identifiers (order ids, waybill numbers, timestamps) rather than personal data:

* **phones** — ``phonenumbers.PhoneNumberMatcher`` (leniency ``VALID``) for every configured
  region, after folding full-width digits and punctuation. A bare digit run (no ``+``, no
  separators) counts only when it is a mobile number (an 11-digit ``1[3-9]…`` in China), and a
  fixed line written nationally only with its trunk prefix (``021-…``, ``(010) …``): an order id
  such as ``5829462287003`` is neither. Toll-free and shared-cost business numbers are not
  personal and are left alone.
* **e-mail addresses** — the addr-spec shape ``local@domain.tld``.
* **resident ID numbers** (GB 11643) — 18 characters, validated by ``stdnum.cn.ric`` (checksum,
  birth date and birth place); a mistyped number (wrong checksum) still counts when its
  province and birth date are real, which a random 18-digit id is about once in 7,000.
  A first-generation 15-digit number counts when the 18-digit number it became is valid.
* **passports and bank accounts** — only after a label (``护照号``, ``银行账号``,
  ``account no.``): their shapes alone say nothing.
* **bank cards** — 12 to 19 digits that pass Luhn (``stdnum.luhn``) *and* start like a card of a
  real scheme (Visa, Mastercard, UnionPay, Chinese banks' domestic ranges, Mir, RuPay, Amex, JCB,
  Discover, Diners, Maestro), or any Luhn-valid run after a payment word (``付款``, ``paid
  with``); Luhn alone would take one order id in ten, and a run right after an id label
  (``订单号``, ``tid:``) is an id.
* **secrets** — token formats that are secrets wherever they appear (JWTs, ``sk_live_``,
  ``shpat_``, HubSpot ``pat-``, Slack ``xox?-``, GitHub ``ghp_``, AWS ``AKIA``, Google ``AIza``,
  PEM private keys) and ``name=value`` pairs whose name is a credential (``access_token=``).
* **Chinese street addresses** — a street-level part (``…路690号``, ``…3栋2单元501室``) with the
  region and street words in front of it.
* **names in free text** — only with evidence beside them: a label in either script
  (``联系人:张伟``, ``收件人:Emily Carter``, ``ship to``, ``Dear``), a role or a verb addressing a
  person (``客户``, ``送给``), an honorific after (``李建国先生``), or a phone number right before
  or after (``张伟 13812345678``), and a Chinese family name first, and no ordinary word
  (:mod:`seamguard.privacy.lexicon`: 高度, 周末); a bare name cannot be told from any other
  word (an object holding a phone beside it is the scrubber's cue: :func:`is_bare_name`).
* **instant-messaging accounts** — a WeChat ID (six to twenty letters, digits, ``_`` or ``-``
  after a letter) or a QQ number (five to eleven digits) after a label (``微信:``, ``加微信``,
  ``WeChat ID``, ``vx``, ``QQ:``, ``QQ号``, ``扣扣``), and WeChat's internal ``wxid_…`` anywhere.
* **spelt-out contact details** (:mod:`seamguard.privacy.obfuscated`) — a mobile number in
  Chinese numerals (``一三八一二三四五六七八``), an e-mail with ``(at)``/``[dot]`` or `` at ``/
  `` dot `` for its punctuation.
* **English street lines** — a number, capitalised words and a street suffix (``12 Baker St``).
* **other locales' names and addresses** (:mod:`seamguard.privacy.locales`) — after a Japanese,
  Korean or European-language label (``お届け先``, ``수령인:``, ``Empfänger:``, ``住所``,
  ``주소``), and Korean road addresses and German street lines by their shape.

A key makes more kinds likely (see :mod:`seamguard.privacy.policy`); this module sees text only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from seamguard.privacy.kinds import PERSONAL_KINDS, Kind, Span, fold
from seamguard.privacy.locales import KO_NAME_CUE, LOCALE_CUE, NUMBERLESS_CUE, locale_spans
from seamguard.privacy.memory import remembers
from seamguard.privacy.names import (
    CJK,
    CUES_SIMPLIFIED,
    SIMPLIFIED,
    address_spans,
    cjk_name_spans,
    is_bare_name,
    is_japanese_name,
    name_spans,
    names_beside,
)
from seamguard.privacy.national_phones import national_phone_spans
from seamguard.privacy.obfuscated import SPELT_EMAIL_CUE, spelt_email_spans, spelt_phone_spans
from seamguard.privacy.partial_masks import partly_masked_spans
from seamguard.privacy.phones import PHONE_HINT, labelled_phones, phone_spans
from seamguard.privacy.pinyin_names import PASSPORT_ORDER_CUE
from seamguard.privacy.regional_ids import (
    document_spans,
    regional_id_spans,
    taiwan_mobile_spans,
)
from seamguard.privacy.screens import screened
from seamguard.privacy.secret_tokens import SECRET_TOKEN, secret_spans
from seamguard.privacy.street_lines import street_line_spans
from seamguard.privacy.titled_names import TITLED_CUE
from seamguard.privacy.traces import trace_spans

__all__ = ["PERSONAL_KINDS", "SECRET_TOKEN", "Kind", "Span", "fold", "is_bare_name",
           "is_japanese_name", "spans", "whole_kind"]


# --- e-mail -----------------------------------------------------------------------------------

_EMAIL = re.compile(
    # the at-sign may be percent-encoded (`a%40b.cn` in a URL written into a text); not an
    # scp or git remote (`deploy@build.example.com:/srv`, `git@github.com:org/repo.git`) nor
    # an asset's density suffix (`icon@2x.png`)
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~][A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{0,63}"
    r"(?:@|%40)(?!\d(?:\.\d)?x\.)"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
    r"[A-Za-z0-9])?)*\.(?:[A-Za-z]{2,24}|[Xx][Nn]--[A-Za-z0-9-]{2,59})"
    r"(?![A-Za-z0-9-]|\.[A-Za-z0-9]|:[\w~/.-])"
)


# Characters RFC 5322 allows in a local part that also separate query parameters.
_QUERY_SEPARATOR = re.compile(r"[&=?]")
_ENCODED_UTF8 = re.compile(r"%[89A-Fa-f][0-9A-Fa-f]")
# ... and those that separate a path's or a URL's parts.
_PATH_SEPARATOR = re.compile(r"[/?#&=]")


# A date-time stamp in basic ISO form (20261207T103015Z): a local part holding one is a
# generated id (an iCalendar UID, a Message-ID), no one's mailbox.
_STAMPED_ID = re.compile(r"(?:19|20)\d{6}T\d{4,6}Z?")


def _email_spans(folded: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(folded):
        text = match.group()
        local_end = text.rfind("@")
        local_end = local_end if local_end >= 0 else text.find("%40")
        if _STAMPED_ID.search(text, 0, local_end) is not None:
            continue
        if text[0] in "/?#&=" or folded[match.start() - 1:match.start()] in (":", "/", ";"):
            # Inside a path or a URL (`/srv/data/a@b.cn/x`, `…/track#contact=a@b.cn`, HTML's
            # `…&amp;email=a@b.cn`): the address is what follows the last separator, and a
            # URL's user (`ssh://git@host`) is none.
            separators = list(_PATH_SEPARATOR.finditer(text, 0, local_end))
            if separators and separators[-1].end() < local_end:
                cut = match.start() + separators[-1].end()
                if folded[max(0, cut - 3):cut] != "://":
                    yield Span(cut, match.end(), Kind.EMAIL)
                continue
        # `token=…&email=a@b.cn` reads as one address; the part after the last separator is
        # offered too, so that the address survives when a credential claims the front.
        separators = list(_QUERY_SEPARATOR.finditer(text, 0, local_end))
        if not (separators and _ENCODED_UTF8.search(text, 0, separators[-1].start())):
            yield Span(match.start(), match.end(), Kind.EMAIL)
        # (`name=%E5%90%95&email=a@b.cn`: percent-encoded UTF-8 before a separator is the
        # previous parameter's value, never a local part)
        if separators and separators[-1].end() < local_end:
            yield Span(match.start() + separators[-1].end(), match.end(), Kind.EMAIL)


# Internationalised addresses (RFC 6530): a local part or domain in any script, e.g.
# "zhang@例子.中国" or "用户@example.cn"; at least one side holds a non-ASCII letter.
# An address whose local part is quoted (RFC 5322: ``"john doe"@example.org``), in JSON-escaped
# text too (``\"john doe\"@…``).
_QUOTED_EMAIL = screened(re.compile(
    r'\\?"[^"\\\r\n]{1,62}\\?"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"))
_EMAIL_INTL = re.compile(
    r"(?<![\w.%+-])[\w.+-]{1,64}@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24}(?![\w-])")


# --- resident ID numbers and cards ------------------------------------------------------------

_RIC = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
# The same number written in groups ("440305 19590721 0493", "4403 0519 5907 2104 93").
_RIC_GROUPED = re.compile(r"(?<![0-9A-Za-z])\d{4,6}(?:[ -]\d{1,8}){2,4}[Xx]?(?![0-9A-Za-z])")
# Digit runs of card length, alone or in groups of 4 (Amex 4-6-5) with spaces or hyphens.
# Not the tail of a hyphenated id (Pinduoduo's "230701-482915307263841").
# (a magnetic stripe's track 1 starts "%B" before the number: "%B4111…^CHEN/WEI^2812…")
_CARD = re.compile(r"(?:(?<=%B)|(?<![0-9A-Za-z.]))(?<!\d-)\d(?:[ -]?\d){11,18}"
                   r"(?![0-9A-Za-z]|\.\d)")
_CARD_SCHEMES = re.compile(
    # Visa (16, 19; the long-retired 13-digit cards only after a payment word: a 13-digit
    # Shopify id starting with 4 passes Luhn one time in ten)
    r"^(?:4\d{15}(?:\d{3})?"
    r"|(?:5[1-5]\d{2}|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))\d{12}"  # Mastercard
    r"|62\d{14,17}"  # UnionPay (16-19)
    # Chinese banks' domestic cards (Bank of China 601382, ICBC 9558, ABC 95599) and the
    # newer UnionPay 81 range; Mir (2200-2204); RuPay (60, 65, 81, 82, 508)
    r"|60\d{14,17}|95\d{14,17}|8[12]\d{14,17}|220[0-4]\d{12,15}|508\d{13}"
    r"|3[47]\d{13}"  # Amex (15)
    r"|35\d{14,17}|(?:2131|1800)\d{11}"  # JCB (16-19; the old 15-digit ranges)
    # Maestro (12, 16-19): not 13-15 digits, Shopify's order and customer ids (5829461287002,
    # 5018203977902); those are cards only after a payment word
    r"|(?:5018|5020|5038|5893|6304|6759|676[1-3]|0604|6390)(?:\d{8}|\d{12,15})"
    r"|5[6-8](?:\d{10}|\d{14,17})"
    r"|(?:6011|65\d{2}|64[4-9]\d)\d{12,15}"  # Discover (16-19)
    r"|3(?:0[0-5]|[68]\d)\d{11,16})$"  # Diners (14-19)
)
# An order, trade or waybill number announced right before a card-shaped run: an id, not a card
# ("订单号 4…", "tid: 62…", "运单 SF…"); a card label (卡号, card no.) is found before this.
_ID_LABEL_BEFORE = re.compile(
    r"(?:订单|单号|编号|交易号|流水号|批次|运单|快递单|物流单|包裹|工单|退款单|售后单|发票|"
    r"(?i:\b(?:order|trade|tid|oid|waybill|tracking|mail\s*no|invoice|ref(?:erence)?|batch|"
    r"sku|ean|upc|gtin|barcode|serial|id)))"
    r"[\w\s#.\uff1a:=\"'-]{0,6}$")
# A payment word right before a Luhn-valid run of 12-19 digits makes it a card whatever its
# prefix ("付款 4142658070327", "paid with 9400…").
_PAYMENT_BEFORE = re.compile(
    r"(?:付款|支付|刷卡|扣款|退款至|退回|信用卡|借记卡|储蓄卡|银联|(?i:\b(?:pa(?:y|id)(?:\s+with)?|"
    r"card|visa|mastercard|unionpay|debit|credit)\b))[\s\uff1a:=]{0,3}$")


_PROVINCES = frozenset({"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
                        "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
                        "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"})


def is_resident_id(candidate: str) -> bool:
    """An 18-character resident identity number: checksum-, date- and place-valid
    (``stdnum.cn.ric``), or with a province and a real birth date but a wrong checksum, which is
    what a mistyped number looks like — still somebody's."""
    from stdnum.cn import ric

    if ric_valid(candidate):
        return True
    if candidate[:2] not in _PROVINCES:
        return False
    try:
        born = ric.get_birth_date(candidate)
    except ValueError:
        return False
    return 1900 <= born.year <= 2030


# A first-generation number (1984-2004): 15 digits, a 6-digit place, a 2-digit year, no check.
_RIC15 = re.compile(r"(?<![0-9A-Za-z.])\d{15}(?![0-9A-Za-z]|\.\d)")


def is_first_generation_id(candidate: str) -> bool:
    """A 15-digit resident identity number: written as the 18-digit one it became (``19``
    before the year, a checksum), its birth date is real and its place was in use when such
    numbers were issued (1984-2004, and not before the birth): the place is where the person
    was registered then, so a code created after the birth year (Guangzhou's Tianhe, 1985)
    still counts. A random 15-digit id passes about once in 4,000."""
    from stdnum.cn import ric

    if len(candidate) != 15 or not candidate.isdigit() or candidate[:2] not in _PROVINCES:
        return False
    body = f"{candidate[:6]}19{candidate[6:]}"
    try:
        born = ric.get_birth_date(body + ric.calc_check_digit(body + "0"))
    except (KeyError, ValueError):  # not a real date
        return False
    return _place_in_use(candidate[:6], max(born.year, 1984), 2004)


def _place_in_use(code: str, first: int, last: int) -> bool:
    """Whether python-stdnum's table of places has ``code`` in use in some year of
    ``first``..``last``."""
    from stdnum import numdb

    counties = [props.get("county", "") for _, props in numdb.get("cn/loc").info(code)]
    for county in ",".join(name for name in counties if name).split(","):
        if not county.startswith("["):
            return bool(county)
        start, end = county[1:].split("]")[0].split("-")
        if (not start or int(start) <= last) and (not end or int(end) >= first):
            return True
    return False


# Numbers a label announces: a passport ("护照号 E12345678"), a bank account ("银行账号 …",
# "account no. …"), whose shapes alone say nothing.
_PASSPORT = re.compile(
    r"(?:护照|通行证|(?i:passport))(?:\s*(?:号码|号|(?i:no\.?|number|#)))?\s*[:\uff1a]?\s*"
    r"(?P<value>[A-Za-z]{1,2}[0-9]{7,9})(?![0-9A-Za-z])")
# An IBAN anywhere (``DE89 3704 0044 0532 0130 00``, run together or grouped by four): valid per
# ``stdnum.iban`` (the country's length and layout and the mod-97 check), a bank account.
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?"
                   r"(?![A-Za-z0-9])")
_ACCOUNT = re.compile(
    r"(?:银行账号|银行帐号|银行卡号|银行卡|卡号|账号|帐号|账户|帐户|(?i:account\s*(?:no\.?|number|#)"
    r"|acct\.?\s*(?:no\.?|#)?|iban|card\s*(?:no\.?|number)))\s*[:\uff1a]?\s*"
    r"(?P<value>[A-Z]{0,2}\d(?:[ -]?\d){9,29})(?![0-9A-Za-z])")


def iban_valid(candidate: str) -> bool:
    """A valid IBAN (``stdnum.iban``: the country's layout and the check digits)."""
    from stdnum import iban

    return bool(iban.is_valid(candidate))


def ric_valid(candidate: str) -> bool:
    """Checksum-, date- and place-valid (``stdnum.cn.ric``): what grouped digits must be."""
    from stdnum.cn import ric

    try:
        return bool(ric.is_valid(candidate))
    except KeyError:  # python-stdnum's place table has gaps (a place with no county list)
        return False


def is_card_number(digits: str, *, scheme: bool = True) -> bool:
    """12-19 digits passing Luhn; with ``scheme``, also shaped like a real card scheme's."""
    from stdnum import luhn

    if not 12 <= len(digits) <= 19 or not digits.isdigit():
        return False
    if scheme and not _CARD_SCHEMES.match(digits):
        return False
    return bool(luhn.is_valid(digits))


def _grouped(raw: str) -> bool:
    """Separators, if any, split the digits into card-like groups (4-4-4-4, 4-6-5, ...)."""
    groups = re.split(r"[ -]", raw)
    if len(groups) == 1:
        return True
    sizes = [len(group) for group in groups]
    return sizes[:-1] == [4] * (len(sizes) - 1) or sizes == [4, 6, 5] or sizes == [4, 6, 4]


def _id_and_card_spans(folded: str) -> Iterator[Span]:
    for match in _RIC.finditer(folded):
        if is_resident_id(match.group()):
            yield Span(match.start(), match.end(), Kind.ID_NUMBER)
    if " " in folded or "-" in folded:
        for match in _RIC_GROUPED.finditer(folded):
            compact = re.sub(r"[ -]", "", match.group())
            if len(compact) == 18 and compact[:17].isdigit() and ric_valid(compact):
                yield Span(match.start(), match.end(), Kind.ID_NUMBER)
    for match in _RIC15.finditer(folded):
        if is_first_generation_id(match.group()):
            yield Span(match.start(), match.end(), Kind.ID_NUMBER)
    for match in _IBAN.finditer(folded):
        if iban_valid(match.group()):
            yield Span(match.start(), match.end(), Kind.CARD)
    for pattern, kind in ((_PASSPORT, Kind.ID_NUMBER), (_ACCOUNT, Kind.CARD)):
        for match in pattern.finditer(folded):
            yield Span(match.start("value"), match.end("value"), kind)
    for match in _CARD.finditer(folded):
        raw = match.group()
        digits = re.sub(r"[ -]", "", raw)
        if not _grouped(raw):
            continue
        before = max(0, match.start() - 24)
        if (is_card_number(digits) and (raw != digits or not _ID_LABEL_BEFORE.search(
                folded, before, match.start()))) or (
                is_card_number(digits, scheme=False)
                and _PAYMENT_BEFORE.search(folded, before, match.start())):
            yield Span(match.start(), match.end(), Kind.CARD)


# --- instant-messaging accounts ---------------------------------------------------------------

# After a Latin label or a blank the value needs a digit, ``_`` or ``-`` ("WeChat official" is
# no account); after a colon any WeChat-shaped word counts.
_ACCOUNT_LABEL = re.compile(
    r"(?:(?P<wx>微信号?|微信帐号|微信账号|微訊|(?i:(?<![A-Za-z])(?:we\s?chat(?:\s+id)?|weixin|wx|vx)"
    r"(?![A-Za-z])))|(?P<qq>(?i:(?<![A-Za-z])qq(?![A-Za-z]))\s*(?:号码|号|號碼|號)?|扣扣号?))"
    r"\s*(?P<colon>[:\uff1a=]|是|为|為)?\s*"
    r"(?P<value>[A-Za-z][A-Za-z0-9_-]{5,19}|[1-9][0-9]{4,10})(?![A-Za-z0-9_-])")
# (WeChat's own are 14 characters; older and hand-made ones are shorter, in either case)
_WXID = re.compile(r"(?<![A-Za-z0-9_])wxid_[A-Za-z0-9]{4,30}(?![A-Za-z0-9_])", re.ASCII)


def _account_spans(folded: str) -> Iterator[Span]:
    for match in _ACCOUNT_LABEL.finditer(folded):
        value = match.group("value")
        if match.group("qq") is not None and not value.isdigit():
            continue  # QQ numbers are digits ("QQ mail", "QQ group")
        if not (match.group("colon") or value.isdigit()
                or any(char.isdigit() or char in "_-" for char in value)
                or match.group("wx")[:1] in "微扣"):
            continue
        yield Span(match.start("value"), match.end("value"), Kind.ACCOUNT)
    if "wxid_" in folded:
        yield from (Span(m.start(), m.end(), Kind.ACCOUNT) for m in _WXID.finditer(folded))


# --- all together -----------------------------------------------------------------------------

# When spans overlap, the earlier kind in this order wins; then the longer span.
_PRIORITY = {Kind.SECRET: 0, Kind.EMAIL: 1, Kind.ID_NUMBER: 2, Kind.CARD: 3, Kind.PHONE: 4,
             Kind.ADDRESS: 5, Kind.ACCOUNT: 6, Kind.NAME: 7, Kind.IP: 2, Kind.LOCATION: 2,
             Kind.PLATE: 5}
_NAME_CUE = (r"(?i:\b(?:ship(?:ped)?\s+to|deliver(?:ed)?\s+to|bill\s+to|sold\s+to|attn"
             r"|c/o|dear|recipient|consignee|signed\s+(?:for\s+)?by|received\s+by"
             r"|collected\s+by|picked\s+up\s+by|hand(?:ed)?\s+(?:it|the\s+\w+)\s+to"
             r"|courier|driver|rider|assistant|customer|client|caller|tenant|empf(?:ä|ae)nger"
             r"|destinataire|destinatari[oa]|destinatário|ontvanger|odbiorca|mottagare"
             # greetings and closings before a name ("Hello Anne,", "Kind regards,\nTim")
             r"|hello|hi|hey|hallo|liebe[rs]?|bonjour|bonsoir|salut|ciao|buongiorno|gentile"
             r"|beste|hoi|hola|hej|regards|cheers|thanks|sincerely|gr(?:ü|ue)(?:ß|ss)en?"
             r"|cordialement|saluti|groeten?|atentamente|saludos|from|to|cc)\b"
             r"|\b(?:name|recipient|consignee|receiver|contact)\s+['\"\u201c\u2018]|님|씨"
             r"|[A-Za-z]\s*<[^<>\s@]+@)")
_INTERESTING = re.compile(
    rf"[\d@\uff20:\u2460-\u2468\u24ea\u2776-\u277e]|[{CJK}]|-----BEGIN|wxid_|{_NAME_CUE}|{SPELT_EMAIL_CUE}|{KO_NAME_CUE}"
    # (a French, Spanish, Portuguese or Italian street line may hold no digit: "avenue Meyer",
    # "Rua das Flores", "Vale de Silveira")
    r"|(?:rue|avenue|boulevard|chemin|allée|impasse|quai)\s"
    rf"|(?<![\w-])(?:{NUMBERLESS_CUE})\s|{PASSPORT_ORDER_CUE}|{TITLED_CUE}")


def spans(text: str, regions: tuple[str, ...] = ("CN",), *, identifiers: bool = False
          ) -> tuple[Span, ...]:
    """Every personal value and secret in ``text``, sorted and non-overlapping.

    Args:
        text: Any string (a JSON string value, a header, a line of a file).
        regions: ISO 3166 regions whose national phone formats count (``+`` numbers always do).
        identifiers: The text sits under a key that names an identifier (``order_id``,
            ``waybill_no``): bare digit runs are then ids, never phones, cards or ID numbers.

    Returns:
        The detections, left to right.
    """
    if len(text) < 5:
        # Short strings only where a role word, verb or addressee mark points at a Chinese name
        # ("送给张利", "张利收"): a bare two-character word is far more often a product or place.
        text = text.translate(CUES_SIMPLIFIED)
        return tuple(cjk_name_spans(text)) if _SHORT_NAME_CUE.search(text) else ()
    integral = _INTEGRAL_FLOAT.fullmatch(text)
    if integral is not None:
        # 13812345678.0: a number read as a float; its digits are what to look at
        return _spans(integral.group(1), regions, identifiers)
    return _spans(text, regions, identifiers)


# What a string under five characters needs before it is looked at (see ``spans``), and the
# characters it must start or end with, a cheap test before the pattern.
_SHORT_CUE_FIRST = frozenset("客买顾会收联寄发签付送交转致找我本買顧會聯簽轉")
_SHORT_CUE_LAST = frozenset("收启生士姐啟")
_SHORT_NAME_CUE = screened(re.compile(
    rf"[{CJK}]{{2}}.*?(?:收|启)$|^(?:客户|买家|顾客|客人|会员|收货人|收件人|联系人|寄件人|发件人"
    r"|签收人|付款人|收款人|送给|寄给|交给|转交|转给|发给|联系|致|找|我是|我叫|本人)"
    rf"|[{CJK}](?:先生|女士|小姐)$"))


def short_name_cue(text: str) -> bool:
    """A string under five characters holds a cue pointing at a name (either script)."""
    return _SHORT_NAME_CUE.search(text.translate(CUES_SIMPLIFIED)) is not None


_INTEGRAL_FLOAT = re.compile(r"(\d{7,19})\.0+")


@lru_cache(maxsize=1 << 16)
def _spans(text: str, regions: tuple[str, ...], identifiers: bool) -> tuple[Span, ...]:
    return _resolve(_found(text, regions, identifiers))


remembers(_spans.cache_clear)


def _found(text: str, regions: tuple[str, ...], identifiers: bool, *,
           whole: bool = False) -> list[Span]:
    """Every detector's spans, in order. With ``whole`` (``text`` without surrounding blanks),
    a detector is skipped once a span of the whole text ranks at least as high as any span it
    can give (its kinds' priorities are no better, and a tie goes to the span found first):
    what :func:`whole_kind` reads of the result is then the same."""
    found: list[Span] = list(secret_spans(text))
    if not _INTERESTING.search(text):
        return found
    ranked = _past(found, len(text)) if whole else _NO_RANK
    seen = len(found)  # (spans ranked so far: only those found since are read again)

    def skip(floor: int) -> bool:
        nonlocal ranked, seen
        if whole and len(found) > seen:
            ranked = min(ranked, _past(found[seen:], len(text)))
            seen = len(found)
        return ranked <= floor

    folded = fold(text)
    if ("@" in folded or "%40" in folded) and not skip(1):
        found.extend(_email_spans(folded))
        if '"@' in folded:
            found.extend(Span(m.start(), m.end(), Kind.EMAIL)
                         for m in _QUOTED_EMAIL.finditer(folded))
        if not folded.isascii():
            found.extend(Span(m.start(), m.end(), Kind.EMAIL) for m in _EMAIL_INTL.finditer(folded)
                         if not m.group().isascii())
    if not skip(1) and _SPELT_EMAIL.search(folded):
        found.extend(Span(start, end, Kind.EMAIL) for start, end in spelt_email_spans(folded))
    bare = identifiers and folded.strip().isdigit()
    if bare and len(folded.strip()) == 18 and ric_valid(folded.strip()):
        # under an id key too: checksum, birth date and a place in use together passed for 1
        # of 300,000 random 18-digit ids
        found.append(Span(folded.index(folded.strip()), len(folded.rstrip()), Kind.ID_NUMBER))
    if not bare:
        if not skip(2):
            found.extend(_id_and_card_spans(folded))
            found.extend(Span(start, end, Kind.ID_NUMBER)
                         for start, end in regional_id_spans(folded, identifiers=identifiers))
            found.extend(Span(start, end, Kind.ID_NUMBER) for start, end in document_spans(folded))
        if not skip(4):
            found.extend(phone_spans(folded, regions))
            found.extend(partly_masked_spans(folded))
        if not skip(2):
            found.extend(trace_spans(folded))
        if "TW" not in regions and not skip(4):
            found.extend(Span(start, end, Kind.PHONE) for start, end in taiwan_mobile_spans(folded))
        if not skip(4) and PHONE_HINT.search(folded):
            # (after an id label, a grouped number is the id: "批次 02-2024-0710", "SKU 215-…")
            found.extend(Span(start, end, Kind.PHONE)
                         for start, end in national_phone_spans(folded, regions)
                         if not _ID_LABEL_BEFORE.search(folded, max(0, start - 24), start))
        if not folded.isdigit():
            if not skip(4):
                found.extend(labelled_phones(folded, regions))
            if not skip(6):
                found.extend(_account_spans(folded))
    if not skip(4):
        # (numerals, circled digits and keycaps, in any script's sentence)
        found.extend(Span(start, end, Kind.PHONE) for start, end in spelt_phone_spans(folded))
    if _CJK_CHAR.search(text):
        if not skip(5):
            found.extend(address_spans(folded.translate(SIMPLIFIED)))
        if not skip(7):
            found.extend(name_spans(text))
            phones = [span for span in found if span.kind is Kind.PHONE]
            if phones:
                found.extend(names_beside(text, phones))
    elif not skip(7):
        found.extend(name_spans(text))
    if not skip(5) and LOCALE_CUE.search(text):
        found.extend(locale_spans(text))
    if not skip(5):
        found.extend(street_line_spans(text))
    return found


_NO_RANK = max(_PRIORITY.values()) + 1  # (no span of the whole text found yet)
_SPELT_EMAIL = re.compile(SPELT_EMAIL_CUE)
_CJK_CHAR = re.compile(f"[{CJK}]")


def _past(found: list[Span], length: int) -> int:
    """The best priority of a span covering all ``length`` characters, or ``_NO_RANK``."""
    return min((_PRIORITY[span.kind] for span in found
                if span.start == 0 and span.end == length), default=_NO_RANK)


def _resolve(found: list[Span]) -> tuple[Span, ...]:
    if len(found) <= 1:
        return tuple(found)
    ranked = sorted(found, key=lambda s: (_PRIORITY[s.kind], s.start - s.end, s.start))
    kept: list[Span] = []
    for span in ranked:
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    return tuple(sorted(kept, key=lambda s: s.start))


def whole_kind(text: str, regions: tuple[str, ...] = ("CN",)) -> Kind | None:
    """The kind of ``text`` when one detection covers all of it (surrounding blanks aside)."""
    if len(text) >= 5 and text == text.strip() and _INTEGRAL_FLOAT.fullmatch(text) is None:
        return _whole_kind(text, regions)  # (what ``spans`` reads of such a text, in short)
    found = spans(text, regions)
    if len(found) != 1:
        return None
    span = found[0]
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    if span.start == offset and span.end == offset + len(stripped):
        return span.kind
    return None


@lru_cache(maxsize=1 << 16)
def _whole_kind(text: str, regions: tuple[str, ...]) -> Kind | None:
    found = _resolve(_found(text, regions, False, whole=True))
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].kind
    return None


remembers(_whole_kind.cache_clear)
