"""Format-preserving pseudonyms for recordings, deterministic per project, recognisable as ours.

A recorded phone becomes another *valid* phone of the same shape (country code, separators and
full-width digits kept; ``phonenumbers.is_valid_number`` holds), an e-mail a fake e-mail, an ID
number a checksum-, date- and place-valid fake (``stdnum.cn.ric``), a card a Luhn-valid fake of
the same length and issuer prefix, a name a fake name (Faker's ``zh_CN`` or ``en_US`` data), an
address a fake street address under the same province / city / district. Normalisers such as
``phone_e164`` therefore run on recorded data, and mappings can be checked end to end.

**Deterministic per project.** The free part of every pseudonym comes from HMAC-SHA256 under the
project's key (``$SEAMGUARD_PSEUDONYM_KEY``, else ``.seamguard/pseudonym.key``, generated on
first use and kept out of git), computed over a canonical form of the value (a phone's E.164
form, a lower-cased e-mail): the same customer gets the same pseudonym in every cassette and
every spelling, so joins still work; without the key nobody can map a pseudonym back.

**Recognisable, so re-scrubbing is idempotent.** Part of every pseudonym is a *check* computed
from the rest with a public keyed hash (BLAKE2b under a fixed seamguard key). A scrubber leaves
values that pass their check alone, and ``privacy scan`` does not report them — on any machine,
without the secret key. A real value passes a check only by chance; the rates, per distinct real
value, are:

============  ===========================================================  ==================
kind          check                                                        real value passes
============  ===========================================================  ==================
phone         the last 4 digits (3 for short numbers)                      1 in 10,000
e-mail        a reserved domain (example.com/.net/.org) *and* 4 digits     0 for deliverable
ID number     birth date and sequence on a 128-point lattice per region    1 in 156,000
card          5 of the middle digits                                       1 in 100,000
name (CJK)    a compound surname and the last character of the given name  about 1 in 50,000
name (Latin)  a double-barrelled surname whose second half is the check    about 1 in 100,000
address       street from the pseudonym vocabulary, building and room      under 1 in 100,000
============  ===========================================================  ==================

A lone given name (no family-name field beside it) has room for one check character only:
1 in 100 (CJK) or 1 in 690 (Latin); a lone family name is ours when it is one of the compound
surnames we use (about 1 person in 500 has one).
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from seamguard.privacy.detect import Kind, fold
from seamguard.privacy.mask import region_prefix
from seamguard.privacy.policy import NamePart
from seamguard.privacy.pseudonym_digits import DigitPseudonyms, _check, _check_digits
from seamguard.privacy.pseudonym_key import KEY_ENV, KEY_FILE, load_key, project_key
from seamguard.privacy.traces import (
    ip_pseudonym,
    is_global_ip,
    location_pseudonym,
    own_location,
    own_plate,
    plate_pseudonym,
)

__all__ = ["KEY_ENV", "KEY_FILE", "ZH_GIVEN_CHARS", "NamePart", "Pseudonymizer", "load_key",
           "project_key"]

_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
# (not 欧阳: 欧 and 阳 make a common real name too, see ZH_GIVEN_CHARS)
_COMPOUND_SURNAMES = ("澹台", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
                      "长孙", "宇文", "司徒", "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫",
                      "西门", "百里")

# --- Faker's vocabularies (read as data; no Faker instance is needed) -------------------------


# The characters of a pseudonym's given name: 100 characters people's names use, none of them
# in the given or family names real names are commonly drawn from (Faker's zh_CN and zh_TW
# lists, the compound family names). A pseudonym therefore never equals a common real name nor
# holds one: drawn from common given names, 公孙 + 柳 + … held 孙柳, somebody else's name, and a
# replaced value read as a real name beside it. A fixed list: pseudonyms stay the same whatever
# Faker's version.
ZH_GIVEN_CHARS = tuple(sorted(
    "奕岚弈昀昊晔晖晗晞晟暄曜曦朗梓槿樾汐沅沐泓泠洵溪滢漪潇澄澜瀚炜烨焕煜熙熠珂珏珣珩珺琇琛"
    "琦琪琬琰瑄瑗瑛瑭瑶瑾璇璞璟璨皓祎禛笙筠筱箐纾绫绮缇翊翎翱芊芷苒苓茜莘菁菡蓓蕊蕙薇谦赟"
    "逸遥钰铭铮隽霁靖韬韵颢馨骁骅麟"))


def _zh_given_chars() -> tuple[str, ...]:
    return ZH_GIVEN_CHARS


@cache
def _en_first() -> tuple[str, ...]:
    from faker.providers.person.en_US import Provider

    return tuple(sorted({name for name in Provider.first_names if name.isalpha()}))


@cache
def _en_last() -> tuple[str, ...]:
    from faker.providers.person.en_US import Provider

    return tuple(sorted({name for name in Provider.last_names if name.isalpha()}))


@cache
def _zh_streets() -> tuple[str, ...]:
    from faker.providers.address.zh_CN import Provider

    return tuple(sorted(name for name in set(Provider.districts) if name[-1] not in "街路道"))


@cache
def _en_street_suffixes() -> tuple[str, ...]:
    return ("Street", "Avenue", "Road", "Lane", "Drive", "Court", "Place", "Way")


@cache
def _ric_regions() -> tuple[str, ...]:
    """County codes valid in every year (no date range in stdnum's table), sorted."""
    from stdnum import numdb

    codes: list[str] = []
    for _, low, high, _props, counties in numdb.get("cn/loc").prefixes:
        if low != high:
            continue
        for _, county_low, county_high, props, _ in counties:
            county = props.get("county", "")
            if county_low == county_high and not county.startswith("[") and \
                    not county_low.endswith("00") and county not in ("市辖区", "县"):
                codes.append(low + county_low)
    return tuple(sorted(codes))


_RIC_EPOCH = datetime.date(1950, 1, 1)
_RIC_DAYS = 20_000  # birth dates 1950-01-01 .. 2004-10-04
_RIC_SPACE = _RIC_DAYS * 1000
_RIC_FREE = 128
_RIC_STEP = _RIC_SPACE // _RIC_FREE

class Pseudonymizer(DigitPseudonyms):
    """The replacer for recordings: format-preserving, keyed, recognisable pseudonyms.

    Args:
        key: The project's secret key (see :func:`load_key`).
        region: Region for phone numbers written without a country code.
    """

    pseudonyms = True

    # --- the replacer interface ---------------------------------------------------------------

    def replace(self, kind: Kind, value: str, part: NamePart = None) -> str:
        """A pseudonym of ``value`` (a value of ``kind``)."""
        if kind is Kind.SECRET:
            raise ValueError(f"secrets are redacted, never pseudonymised ({kind})")
        if kind is Kind.NAME:
            return self.name(value, part)
        makers = {Kind.PHONE: self.phone, Kind.EMAIL: self.email, Kind.ID_NUMBER: self.id_number,
                  Kind.CARD: self.card, Kind.ADDRESS: self.address, Kind.ACCOUNT: self.account,
                  Kind.PLATE: self._plate, Kind.IP: self._ip, Kind.LOCATION: self._location}
        return makers[kind](value)

    def is_own(self, kind: Kind, value: str, part: NamePart = None) -> bool:
        """True when ``value`` is a pseudonym this scheme produced (its check holds)."""
        if kind is Kind.NAME:
            return self._own_name(value, part)
        checks = {Kind.PHONE: self._own_phone, Kind.EMAIL: self._own_email,
                  Kind.ID_NUMBER: self._own_id_number, Kind.CARD: self._own_card,
                  Kind.ADDRESS: self._own_address, Kind.ACCOUNT: self._own_account,
                  Kind.PLATE: own_plate, Kind.IP: _own_ip, Kind.LOCATION: own_location}
        check = checks.get(kind)
        return check(value) if check is not None else False

    def _plate(self, value: str) -> str:
        return plate_pseudonym(self._secret, value)

    def _ip(self, value: str) -> str:
        return ip_pseudonym(self._secret, value)

    def _location(self, value: str) -> str:
        return location_pseudonym(self._secret, value)

    def replace_names(self, family: str, given: str) -> tuple[str, str]:
        """A family and given name that belong together, replaced together."""
        if _cjk(family + given):
            surname, given_name = self._zh_full(family + given)
            return surname, given_name
        canonical = f"{given.strip()} {family.strip()}"
        first = self._pick(_en_first(), "en-first", canonical)
        return self._en_double(canonical, first), first

    def own_names(self, family: str, given: str) -> bool:
        """True when a family / given pair is one of ours."""
        if _cjk(family + given):
            return self._own_zh_full(family + given)
        return self._own_en_double(family, given)

    # --- e-mail -------------------------------------------------------------------------------

    def email(self, value: str) -> str:
        """``mia.hayes274821@example.net``: a Faker name and two free digits, a check of four,
        a reserved domain (nobody's mailbox)."""
        canonical = fold(value).strip().lower()
        first = self._pick(_en_first(), "email-first", canonical).lower()
        last = self._pick(_en_last(), "email-last", canonical).lower()
        domain = self._pick(_RESERVED_DOMAINS, "email-domain", canonical)
        base = f"{first}.{last}{self._digits('email-free', canonical, 2)}"
        return f"{base}{_check_digits('email', f'{base}@{domain}', 4)}@{domain}"

    @staticmethod
    def _own_email(value: str) -> bool:
        local, _, domain = fold(value).strip().lower().rpartition("@")
        if domain not in _RESERVED_DOMAINS or len(local) < 5 or not local[-4:].isdigit():
            return False
        return local[-4:] == _check_digits("email", f"{local[:-4]}@{domain}", 4)

    # --- resident ID numbers ------------------------------------------------------------------

    def id_number(self, value: str) -> str:
        """A valid 18-character number (place, birth date, sequence, checksum) on our lattice."""
        from stdnum.cn import ric

        canonical = fold(value).strip().upper()
        if not re.fullmatch(r"\d{17}[\dX]", canonical):
            # a first-generation (15-digit) number, a passport (E12345678), a Hong Kong, Macau
            # or Taiwan number: its digits, with a check, so that a second scrub knows it (an
            # HKID's check letter `A` becomes a digit: six digits alone hold no check)
            return self._generic_digits(re.sub(r"(?<=\d)\(A\)$", "(0)", value.strip())
                                        if value.strip().endswith("(A)") else value)
        regions = _ric_regions()
        free = self._secret("ric-free", canonical) % _RIC_FREE
        number = canonical
        for counter in range(50):
            region = regions[self._secret("ric-region", canonical, counter) % len(regions)]
            point = (_check("ric", region) + free * _RIC_STEP) % _RIC_SPACE
            day, sequence = divmod(point, 1000)
            born = _RIC_EPOCH + datetime.timedelta(days=day)
            body = f"{region}{born:%Y%m%d}{sequence:03d}"
            number = body + ric.calc_check_digit(body + "0")
            if ric.is_valid(number):
                break
        if value.strip().endswith("x"):
            number = number.lower()
        return number

    @staticmethod
    def _own_id_number(value: str) -> bool:
        from stdnum.cn import ric

        number = fold(value).strip().upper()
        if not re.fullmatch(r"\d{17}[\dX]", number):
            return Pseudonymizer._own_generic_digits(value)
        try:
            born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        except ValueError:
            return False
        point = (born - _RIC_EPOCH).days * 1000 + int(number[14:17])
        offset = (point - _check("ric", number[:6])) % _RIC_SPACE
        return (offset % _RIC_STEP == 0 and offset // _RIC_STEP < _RIC_FREE
                and number[-1] == ric.calc_check_digit(number))

    # --- names --------------------------------------------------------------------------------

    def name(self, value: str, part: NamePart = None) -> str:
        """A fake name of the same script: a whole name, or only a given or family name."""
        canonical = value.strip()
        if _cjk(canonical):
            if part == "family":
                return self._pick(_COMPOUND_SURNAMES, "zh-family", canonical)
            if part == "given":
                first = self._pick(_zh_given_chars(), "zh-given", canonical)
                return first + _zh_check_char("zh-given", first)
            surname, given = self._zh_full(canonical)
            return surname + given
        first = self._pick(_en_first(), "en-first", canonical)
        if part == "given":
            return f"{first}-{_en_check(_en_first(), 'en-given', first)}"
        if part == "family":
            return self._en_double(canonical, None)
        return f"{first} {self._en_double(canonical, first)}"

    def _zh_full(self, canonical: str) -> tuple[str, str]:
        surname = self._pick(_COMPOUND_SURNAMES, "zh-family", canonical)
        first = self._pick(_zh_given_chars(), "zh-given", canonical)
        return surname, first + _zh_check_char("zh-full", surname + first)

    def _en_double(self, canonical: str, first: str | None) -> str:
        last = self._pick(_en_last(), "en-last", canonical)
        second = _en_check(_en_last(), "en-family", f"{first or ''}|{last}")
        return f"{last}-{second}"

    def _own_name(self, value: str, part: NamePart) -> bool:
        text = value.strip()
        if _cjk(text):
            if part == "family":
                return text in _COMPOUND_SURNAMES
            if part == "given":
                return len(text) == 2 and text[1] == _zh_check_char("zh-given", text[0])
            return self._own_zh_full(text)
        if part == "given":
            first, _, second = text.partition("-")
            return bool(second) and second == _en_check(_en_first(), "en-given", first)
        if part == "family":
            return self._own_en_double(text, "")
        first, _, family = text.partition(" ")
        return self._own_en_double(family, first)

    @staticmethod
    def _own_zh_full(text: str) -> bool:
        return (len(text) == 4 and text[:2] in _COMPOUND_SURNAMES
                and text[3] == _zh_check_char("zh-full", text[:3]))

    @staticmethod
    def _own_en_double(family: str, first: str) -> bool:
        last, _, second = family.strip().partition("-")
        return bool(second) and second == _en_check(_en_last(), "en-family", f"{first}|{last}")

    # --- addresses ----------------------------------------------------------------------------

    def address(self, value: str) -> str:
        """A fake street address; a Chinese one keeps its province / city / district."""
        canonical = fold(value).strip()
        if _cjk(canonical):
            prefix = region_prefix(canonical)
            if len(prefix) == len(canonical):
                return value  # only a region: not personal
            street = self._pick(_zh_streets(), "zh-street", canonical)
            suffix = self._pick(("路", "街"), "zh-street-suffix", canonical)
            number = self._secret("zh-number", canonical) % 899 + 1
            building, room = _zh_unit(f"{prefix}{street}{suffix}{number}")
            return f"{prefix}{street}{suffix}{number}号{building}栋{room}室"
        number = self._secret("en-number", canonical) % 9899 + 100
        street = self._pick(_en_last(), "en-street", canonical)
        suffix = _en_check(_en_street_suffixes(), "en-suffix", f"{number} {street}")
        apartment = _check_digits("en-apt", f"{number} {street} {suffix}", 3)
        return f"{number} {street} {suffix}, Apt {apartment}"

    @staticmethod
    def _own_address(value: str) -> bool:
        text = fold(value).strip()
        match = _ZH_OWN_ADDRESS.search(text)
        if match is not None:
            head = text[:match.start("building")].removesuffix("号")
            building, room = _zh_unit(head)
            return match.group("building") == str(building) and match.group("room") == str(room)
        match = _EN_OWN_ADDRESS.fullmatch(text)
        if match is None:
            return False
        base = f"{match.group('number')} {match.group('street')}"
        return (match.group("suffix") == _en_check(_en_street_suffixes(), "en-suffix", base)
                and match.group("apt") == _check_digits(
                    "en-apt", f"{base} {match.group('suffix')}", 3))


_ZH_OWN_ADDRESS = re.compile(r"[路街]\d{1,3}号(?P<building>\d{1,2})栋(?P<room>\d{3,4})室$")
_EN_OWN_ADDRESS = re.compile(
    r"(?P<number>\d{3,5}) (?P<street>[A-Za-z]+) (?P<suffix>[A-Za-z]+), Apt (?P<apt>\d{3})")


def _own_ip(value: str) -> bool:
    """Our IP pseudonyms are in blocks that are never global."""
    return not is_global_ip(value)


def _zh_unit(head: str) -> tuple[int, int]:
    """Building (1-30) and room (floor 1-28, flat 1-6) as the check of an address."""
    point = _check("zh-unit", head) % (30 * 28 * 6)
    building, rest = divmod(point, 28 * 6)
    floor, flat = divmod(rest, 6)
    return building + 1, (floor + 1) * 100 + flat + 1


def _zh_check_char(label: str, text: str) -> str:
    chars = _zh_given_chars()
    return chars[_check(label, text) % len(chars)]


def _en_check(options: tuple[str, ...], label: str, text: str) -> str:
    return options[_check(label, text) % len(options)]



def _cjk(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" for char in text)
