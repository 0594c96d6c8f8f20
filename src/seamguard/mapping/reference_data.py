"""Reference data and the parsing built on it, behind the transforms in ``transforms.py``.

ISO data comes from ``pycountry`` (imported on first use: loading its databases costs more than
a whole ``seamguard`` start-up); tabulated here is what ISO lacks: Chinese province names and
compound surnames, ISO 4217 minor units, country aliases ("UK", "美国"), Java date-pattern
letters. The parsers (numbers, date-times, phones, names) and lookup-table files live here too.
A value they cannot read gives None, which each transform turns into its ``TransformError``; a
bad spec parameter (zone, region, pattern, table file) raises ``UsageError``.
"""

from __future__ import annotations

import csv
import difflib
import gettext
import io
import os
import re
import unicodedata
import zoneinfo
from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import phonenumbers

from seamguard.documents import parse_text, read_text
from seamguard.errors import DocumentError, UsageError
from seamguard.spelling import nearest

if TYPE_CHECKING:
    from seamguard.regex_limits import BoundedRegex

__all__ = [
    "COMPOUND_SURNAMES", "FALSE_TOKENS", "PROVINCES", "TRUE_TOKENS", "china_province_code",
    "compile_regex", "country_alpha2", "currency_exponent", "e164", "email_address",
    "fixed_decimal", "folded", "iso_utc", "json_type", "load_table", "mask_middle",
    "number_from_text", "parse_decimal", "parse_instant", "phone_region", "split_full_name",
    "strptime_format", "title_case", "to_boolean", "trim", "utc_date", "zone_info",
]

TRUE_TOKENS = frozenset({"true", "yes", "y", "on", "1", "是"})
FALSE_TOKENS = frozenset({"false", "no", "n", "off", "0", "否"})

_JSON_TYPES: Mapping[type, str] = MappingProxyType({
    str: "string", int: "integer", bool: "boolean", float: "number", Decimal: "number",
    list: "array", tuple: "array", dict: "object", type(None): "null",
})

# Two-character surnames (复姓), simplified and traditional spellings. A name starting with one
# of these splits after two characters: 欧阳娜娜 -> 欧阳 + 娜娜, not 欧 + 阳娜娜.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容",
    "令狐", "夏侯", "长孙", "宇文", "司徒", "司空", "轩辕", "端木", "独孤",
    "南宫", "西门", "万俟", "闻人", "澹台", "公冶", "太史", "申屠", "钟离",
    "宗政", "濮阳", "淳于", "单于", "呼延", "赫连", "拓跋", "百里", "东郭",
    "南门", "羊舌", "微生", "梁丘", "左丘", "东门", "第五", "公良", "漆雕",
    "乐正", "壤驷", "公西", "巫马", "谷梁", "宰父", "夹谷", "段干", "司寇",
    "子车", "颛孙", "亓官", "仲孙", "鲜于", "闾丘", "公羊", "歐陽", "司馬",
    "諸葛", "東方", "尉遲", "公孫", "長孫", "軒轅", "獨孤", "南宮", "鍾離",
    "濮陽", "赫連", "東郭", "聞人", "顓孫", "鮮于", "閭丘", "樂正",
})

# ISO 3166-2:CN subdivision code (after "CN-") -> Chinese names without the 省/市/自治区/...
# suffix, simplified first. All 34 province-level divisions.
PROVINCES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "BJ": ("北京",), "TJ": ("天津",), "HE": ("河北",), "SX": ("山西",),
    "NM": ("内蒙古", "內蒙古"), "LN": ("辽宁", "遼寧"), "JL": ("吉林",),
    "HL": ("黑龙江", "黑龍江"), "SH": ("上海",), "JS": ("江苏", "江蘇"), "ZJ": ("浙江",),
    "AH": ("安徽",), "FJ": ("福建",), "JX": ("江西",), "SD": ("山东", "山東"), "HA": ("河南",),
    "HB": ("湖北",), "HN": ("湖南",), "GD": ("广东", "廣東"), "GX": ("广西", "廣西"),
    "HI": ("海南",), "CQ": ("重庆", "重慶"), "SC": ("四川",), "GZ": ("贵州", "貴州"),
    "YN": ("云南", "雲南"), "XZ": ("西藏",), "SN": ("陕西", "陝西"), "GS": ("甘肃", "甘肅"),
    "QH": ("青海",), "NX": ("宁夏", "寧夏"), "XJ": ("新疆",), "TW": ("台湾", "臺灣", "台灣"),
    "HK": ("香港",), "MO": ("澳门", "澳門"),
})

# Longest first, so 壮族自治区 is removed whole rather than leaving 壮族 behind.
_PROVINCE_SUFFIXES = (
    "维吾尔自治区", "維吾爾自治區", "壮族自治区", "壯族自治區", "回族自治区", "回族自治區",
    "特别行政区", "特別行政區", "自治区", "自治區", "省", "市",
)
_PROVINCE_PREFIXES = ("中国", "中國")

# Words of English and pinyin names that say what kind of division it is, not which one:
# "Guangxi Zhuangzu Zizhiqu", "Hong Kong SAR", "Guangdong Province" all reduce to the place.
_PROVINCE_NOISE = frozenset({
    "sheng", "shi", "zizhiqu", "sar", "province", "municipality", "city", "autonomous",
    "region", "special", "administrative", "zhuangzu", "huizu", "uygur", "uyghur", "zhuang",
    "hui",
})
_PROVINCE_ALIASES: Mapping[str, str] = MappingProxyType({
    "innermongolia": "NM", "tibet": "XZ", "macau": "MO", "peking": "BJ", "canton": "GD",
})

# Aliases ISO and pycountry's translations lack; they take precedence over translated names.
_COUNTRY_ALIASES: Mapping[str, str] = MappingProxyType({
    "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "russia": "RU", "turkey": "TR", "holland": "NL",
    "macau": "MO", "prc": "CN", "mainland china": "CN", "america": "US", "usa": "US",
    "south korea": "KR", "north korea": "KP", "ivory coast": "CI", "vatican": "VA",
    "中国大陆": "CN", "中國大陸": "CN", "大陆": "CN", "内地": "CN", "中国内地": "CN",
    "中国香港": "HK", "中國香港": "HK", "香港特别行政区": "HK", "中国澳门": "MO",
    "中國澳門": "MO", "澳门特别行政区": "MO", "台湾": "TW", "台灣": "TW", "台湾省": "TW",
    "中国台湾": "TW", "中國台灣": "TW", "韩国": "KR", "南韩": "KR", "韓國": "KR", "朝鲜": "KP",
    "北韩": "KP", "俄罗斯": "RU", "俄国": "RU", "英格兰": "GB", "美利坚": "US",
})

# ISO 4217 currencies whose minor unit is not 2 decimal places. Codes with no minor unit at all
# (precious metals, SDR, testing codes, accounting units) have no exponent: amounts in them are
# not money a shop charges, so converting one is a spec mistake.
_EXPONENTS_NOT_2: Mapping[str, int] = MappingProxyType({
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3, "CLF": 4, "UYW": 4,
})
_NO_MINOR_UNIT = frozenset({
    "XAD", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA",
    "XXX",
})


# Zero-width spaces and byte-order marks are not whitespace to Python, but they arrive from
# copy-pasted spreadsheet cells and are invisible in every admin UI.
_SPACE = "[\\s\u200b\u2060\ufeff]+"
_TRIM = re.compile(f"\\A{_SPACE}|{_SPACE}\\Z")


def trim(text: str) -> str:
    """Strip surrounding whitespace, including the full-width space U+3000."""
    return _TRIM.sub("", text)


def folded(text: str) -> str:
    """Full-width digits and letters folded to ASCII (NFKC), surrounding space removed."""
    return unicodedata.normalize("NFKC", text).strip()


def json_type(value: Any) -> str:
    """The JSON type of a parsed value: ``"string"``, ``"integer"``, ..., ``"null"``."""
    if (kind := _JSON_TYPES.get(type(value))) is None:  # a subclass: slower, and rare
        kind = next((n for t, n in _JSON_TYPES.items() if isinstance(value, t)),
                    "object" if isinstance(value, Mapping) else type(value).__name__)
    return kind


def to_boolean(text: str) -> bool | None:
    """``true/false, yes/no, y/n, on/off, 1/0, 是/否`` in any case or width, else None."""
    token = folded(text).casefold()
    return True if token in TRUE_TOKENS else False if token in FALSE_TOKENS else None


def currency_exponent(code: str) -> int:
    """The ISO 4217 minor-unit exponent of a currency (``CNY`` 2, ``JPY`` 0, ``KWD`` 3).

    Raises:
        UsageError: Not an ISO 4217 currency with a minor unit.
    """
    code = code.strip().upper()
    if code in _NO_MINOR_UNIT or code not in _currency_codes():
        raise UsageError(f"unknown currency {code!r}",
                         hint="an ISO 4217 code with a minor unit, e.g. CNY, USD, JPY, KWD")
    return _EXPONENTS_NOT_2.get(code, 2)


@cache
def _currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


# --- countries and provinces ------------------------------------------------------------------


def _key(text: str) -> str:
    """Lookup form of a name: NFKC (full-width letters), case-folded, no dots, single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().replace(".", "")
    return " ".join(text.split())


@cache
def _country_index() -> Mapping[str, str]:
    import pycountry

    index: dict[str, str] = {}
    locales = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in ("zh_CN", "zh_TW", "zh_HK")
    ]
    countries = list(pycountry.countries)
    for country in countries:
        names = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
        for name in filter(None, names):
            index.setdefault(_key(name), country.alpha_2)
            for locale in locales:
                index.setdefault(_key(locale.gettext(name)), country.alpha_2)
    index.update(_COUNTRY_ALIASES)
    for country in countries:  # codes last: a code always means its own country
        for code in (country.alpha_2, country.alpha_3, country.numeric):
            index[_key(code)] = country.alpha_2
    return MappingProxyType(index)


def country_alpha2(text: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name or code in English or Chinese, or None."""
    return _country_index().get(_key(text))


def _english_province_key(text: str) -> str:
    words = re.split(r"[^a-z]+", _key(text))
    return "".join(word for word in words if word not in _PROVINCE_NOISE)


@cache
def _province_index() -> Mapping[str, str]:
    import pycountry

    index: dict[str, str] = {}
    for division in pycountry.subdivisions:
        if division.country_code != "CN":
            continue
        suffix = division.code.removeprefix("CN-")
        index[_english_province_key(division.name)] = division.code
        for key in (division.code, suffix):
            index[key.casefold()] = division.code
        for name in PROVINCES.get(suffix, ()):
            index[name] = division.code
    for alias, suffix in _PROVINCE_ALIASES.items():
        index[alias] = f"CN-{suffix}"
    return MappingProxyType(index)


def china_province_code(text: str) -> str | None:
    """ISO 3166-2 code (``CN-GD``) of a Chinese province-level division, or None.

    Takes Chinese names with or without their suffix (广东省, 广东, 广西壮族自治区, 中国香港),
    English or pinyin names (Guangdong, Guangdong Sheng, Inner Mongolia, Hong Kong SAR) and
    codes (``CN-GD``, ``GD``).
    """
    index = _province_index()
    name = "".join(unicodedata.normalize("NFKC", text).split())
    found = index.get(name.casefold())
    if found is None:
        name = next((name[len(p):] for p in _PROVINCE_PREFIXES if name.startswith(p)), name)
        name = next((name[: -len(s)] for s in _PROVINCE_SUFFIXES if name.endswith(s)), name)
        found = index.get(name) or index.get(_english_province_key(text))
    return found


# --- names ------------------------------------------------------------------------------------

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Middle dots join the parts of transliterated names: 克里斯蒂亚诺·罗纳尔多.
_NAME_SEPARATOR = re.compile("[\\s\u00b7\u2022\u2027\u30fb]+")


def split_full_name(name: str) -> list[str]:
    """``[family, given]`` of a trimmed full name (see the ``split_name`` transform)."""
    separators = list(_NAME_SEPARATOR.finditer(name))
    if separators:
        if _CJK.match(name) and all(s.group().isspace() for s in separators):
            first = separators[0]  # 张 伟: Chinese order, family name first
            return [name[: first.start()], name[first.end() :]]
        last = separators[-1]  # Alice Smith, 罗纳尔多: family name last
        return [name[last.end() :], name[: last.start()]]
    if len(name) > 1 and _CJK.match(name):
        family = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
        return [name[:family], name[family:]]
    return [name, ""]


def title_case(text: str) -> str:
    """Capitalise each word: ``mary-jane o'neil`` -> ``Mary-Jane O'Neil``; CJK is unchanged.

    Unlike ``str.title`` it is idempotent: a word runs on over combining marks (``str.title``
    restarts after one), and of a title-case expansion only the first character stays upper
    (U+0149 becomes U+02BC + ``n``, where ``str.title`` gives U+02BC + ``N``).
    """
    out: list[str] = []
    in_word = False
    for char in text:
        is_word = unicodedata.category(char)[0] in "LMN"
        if is_word and not in_word:
            titled = char.title()
            out.append(titled[:1] + titled[1:].lower())
        else:
            out.append(char.lower() if is_word else char)
        in_word = is_word
    return "".join(out)


# --- numbers ----------------------------------------------------------------------------------

# Plain decimal notation. The exponent is capped so that a hostile "1e999999999" cannot make a
# transform build a billion-digit int.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?", re.ASCII)
_DECIMALS = Context(prec=60, rounding=ROUND_HALF_UP)


def parse_decimal(value: str | int | float) -> Decimal | None:
    """Exact decimal of a number or its text (full-width digits folded), or None.

    A float is read as its shortest spelling (2.675, not 2.67499999...); NaN and infinities,
    which JSON cannot carry, give None.
    """
    if isinstance(value, int):
        return Decimal(value)
    text = repr(value) if isinstance(value, float) else unicodedata.normalize("NFKC", value)
    text = text.strip()
    return Decimal(text) if _NUMBER.fullmatch(text) else None


def number_from_text(text: str) -> int | float | None:
    """JSON number of a decimal text: an int if written whole (``"42"``), else a float."""
    if (number := parse_decimal(text)) is None:
        return None
    if re.fullmatch(r"[+-]?\d+", folded(text), re.ASCII):
        return int(number)
    result = float(number)
    return None if abs(result) == float("inf") else result


def fixed_decimal(number: Decimal, places: int) -> str | None:
    """Text with exactly ``places`` decimals, rounded half up, never ``-0.00``; None if the
    number has more digits than the arithmetic carries (60).
    """
    try:
        fixed = number.quantize(Decimal(1).scaleb(-places), context=_DECIMALS)
    except InvalidOperation:
        return None
    return f"{abs(fixed) if fixed.is_zero() else fixed:f}"


# --- dates and times --------------------------------------------------------------------------

# Java/ICU pattern letter -> allowed run lengths -> strptime directive.
_JAVA_LETTERS: Mapping[str, Mapping[int, str]] = MappingProxyType({
    "y": {2: "%y", 4: "%Y"}, "u": {4: "%Y"}, "M": {1: "%m", 2: "%m", 3: "%b", 4: "%B"},
    "d": {1: "%d", 2: "%d"}, "H": {1: "%H", 2: "%H"}, "h": {1: "%I", 2: "%I"},
    "m": {1: "%M", 2: "%M"}, "s": {1: "%S", 2: "%S"}, "S": dict.fromkeys(range(1, 7), "%f"),
    "a": {1: "%p"}, "E": {3: "%a", 4: "%A"}, "X": dict.fromkeys(range(1, 4), "%z"),
    "x": dict.fromkeys(range(1, 4), "%z"), "Z": dict.fromkeys(range(1, 4), "%z"),
})
_JAVA_TOKEN = re.compile(r"'([^']*)'|([A-Za-z])\2*|.", re.DOTALL)


def strptime_format(pattern: str) -> str:
    """Java-style ``yyyy-MM-dd HH:mm:ss`` -> strptime ``%Y-%m-%d %H:%M:%S``.

    Letters: yyyy yy uuuu, M MM MMM MMMM, d dd, H HH, h hh, m mm, s ss, S..SSSSSS (fraction),
    a (AM/PM), EEE EEEE (weekday), X XX XXX x Z (offset); text in single quotes is literal.
    A pattern containing ``%`` already is a strptime format and is used as it is.
    """
    if "%" in pattern:
        return pattern
    out: list[str] = []
    for match in _JAVA_TOKEN.finditer(pattern):
        quoted, letter = match.group(1), match.group(2)
        if quoted is not None:
            out.append(quoted.replace("%", "%%") if quoted else "'")
        elif letter is None:
            out.append(match.group().replace("%", "%%"))
        elif (directive := _JAVA_LETTERS.get(letter, {}).get(len(match.group()))) is not None:
            out.append(directive)
        else:
            raise UsageError(f"unsupported date pattern letters {match.group()!r} in {pattern!r}",
                             hint="supported: yyyy yy MM dd HH hh mm ss SSS a EEE XXX Z; "
                             "quote literal letters: 'T'")
    return "".join(out)


def compile_regex(pattern: str, replacement: str) -> BoundedRegex:
    """Compile a spec's regular expression, checking the replacement's group references too.

    The pattern runs bounded (``seamguard.regex_limits``): a shape the static check below does
    not know gives each value a ``RegexTimeout`` finding instead of hanging the run.

    Raises:
        UsageError: Either is invalid, or the pattern backtracks catastrophically (a long
            value it fails to match would hang the run).
    """
    from seamguard.mapping.regex_safety import backtracking_risk
    from seamguard.regex_limits import REWRITE_HINT, BoundedRegex

    risk = backtracking_risk(pattern)
    if risk is not None:
        raise UsageError(
            f"pattern {pattern[:80]!r} backtracks catastrophically: {risk}; a long value it "
            "does not match would take exponential time", hint=REWRITE_HINT)
    try:
        bounded = BoundedRegex(pattern)
        re.compile(pattern).sub(replacement, "")  # parses the replacement even without a match
    except re.error as error:
        raise UsageError(f"invalid regular expression or replacement: {error}",
                         hint="Python syntax: a group is \\1 or \\g<name> in the replacement"
                         ) from None
    return bounded


def zone_info(name: str) -> tzinfo:
    """The IANA time zone ``name`` (``Asia/Shanghai``); UsageError with a did-you-mean if none."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, sorted(zoneinfo.available_timezones()), n=1)
        raise UsageError(f"unknown time zone {name!r}",
                         hint=f"did you mean {close[0]!r}?" if close else
                         "an IANA zone name such as Asia/Shanghai or UTC") from None


def parse_instant(text: str, pattern: str | None, zone: tzinfo) -> datetime | None:
    """The UTC instant of a date-time in strptime ``pattern`` or ISO-8601, or None.

    A value without offset is local time in ``zone``. With a pattern, ISO-8601 is accepted
    only with an offset: that is what ``iso_utc`` writes, so normalising twice is harmless.
    """
    parsed = None
    if pattern is not None:
        try:
            parsed = datetime.strptime(text, pattern)
        except ValueError:
            parsed = None
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        if pattern is not None and parsed.tzinfo is None:
            return None
    try:
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)).astimezone(UTC)
    except OverflowError:  # an offset pushes it out of years 1-9999
        return None


def utc_date(text: str) -> str | None:
    """``YYYY-MM-DD`` of an ISO-8601 date, or the UTC date of a date-time with offset, or None.

    A date-time without offset gives None: its date depends on a time zone.
    """
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass  # not a bare date; maybe a date-time
    try:
        aware = datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return None
    moment = parse_instant(text, None, UTC) if aware else None
    return None if moment is None else moment.date().isoformat()


def iso_utc(moment: datetime) -> str:
    """``2024-07-14T03:20:05Z``: seconds, or milli/microseconds when there is a fraction."""
    micro = (moment := moment.astimezone(UTC)).microsecond
    spec = "seconds" if not micro else "milliseconds" if micro % 1000 == 0 else "microseconds"
    return moment.replace(tzinfo=None).isoformat(timespec=spec) + "Z"



# --- contact data -----------------------------------------------------------------------------

_EMAIL = re.compile(r"[^@\s]+@(?:[^@\s.]+\.)+[^@\s.]+")


def email_address(text: str) -> str | None:
    """An e-mail address folded (NFKC), trimmed and lower-cased, or None unless ``a@b.c``."""
    address = folded(text).lower()
    return address if _EMAIL.fullmatch(address) else None


def mask_middle(text: str, keep_start: int, keep_end: int, char: str) -> str:
    """Mask the middle, showing at most ``keep_start + keep_end`` characters.

    At least four characters (all of a shorter text) stay masked, so a short value is never
    shown whole: the longer end gives way first.
    """
    size = len(text)
    head, tail = min(keep_start, size), min(keep_end, size)
    while head + tail > max(size - 4, 0):
        if tail >= head:
            tail -= 1
        else:
            head -= 1
    return text[:head] + char * (size - head - tail) + text[size - tail :]


def phone_region(region: str) -> str:
    """A phone region code, upper-cased; UsageError with a did-you-mean if unknown."""
    if region.upper() not in phonenumbers.SUPPORTED_REGIONS:
        close = nearest(region.upper(), phonenumbers.SUPPORTED_REGIONS)
        raise UsageError(f"unknown phone region {region!r}",
                         hint=f"did you mean {close!r}?" if close else
                         "an ISO 3166-1 alpha-2 code such as CN, US, HK")
    return region.upper()


def e164(text: str, region: str) -> str | None:
    """E.164 form of a valid phone number without extension, or None.

    A number without country code is read as one of ``region``.
    """
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) or number.extension:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- lookup-table files -----------------------------------------------------------------------


def _column(name: str | None, header: list[str], fallback: int, file: str) -> str:
    if name is None:
        return header[fallback]
    if name not in header:
        close = nearest(name, header)
        raise UsageError(f"lookup table has no column {name!r}", file=file,
                         hint=f"did you mean {close!r}?" if close else
                         f"columns: {', '.join(header)}")
    return name


def load_table(
    file: str, key: str | None, value: str | None, base_dir: Path | None
) -> dict[str, Any]:
    """Load a lookup table: CSV (TSV) with a header row, or a JSON object of key -> value.

    Args:
        file: The path as the spec writes it (named in errors).
        key: CSV column of the keys (default: the first).
        value: CSV column of the values (default: the second); CSV values stay text.
        base_dir: What a relative ``file`` is relative to (the project root).

    Raises:
        UsageError: The file is missing, unreadable or malformed, a column does not exist, or
            a key is listed twice with different values.
    """
    path = Path(file) if base_dir is None else base_dir / file
    if base_dir is not None:
        inside = Path(os.path.realpath(path))
        root = Path(os.path.realpath(base_dir))
        if root != inside and root not in inside.parents:
            raise UsageError("lookup table is outside the project, so it was not read",
                             file=file, hint="keep lookup tables inside the project folder")
    if not path.exists() and not path.is_symlink():
        raise UsageError("lookup table not found", file=file, hint=f"looked for {path}")
    try:
        text = read_text(path, display=file)  # utf-8-sig: Excel writes a BOM
    except DocumentError as error:
        raise UsageError(f"cannot read lookup table: {error.message}", file=file,
                         line=error.line, hint=error.hint) from None
    if path.suffix.lower() == ".json":
        if key is not None or value is not None:
            raise UsageError("key and value name CSV columns; a JSON table is one object of "
                             "key -> value", file=file)
        try:
            table = parse_text(text, file=file, json_only=True)
        except DocumentError as error:
            raise UsageError(f"lookup table is not valid JSON: {error.message}", file=file,
                             line=error.line, hint=error.hint) from None
        if not isinstance(table, dict):
            raise UsageError("a JSON lookup table must be an object of key -> value", file=file)
        return table
    reader = csv.reader(io.StringIO(text), delimiter="\t" if path.suffix == ".tsv" else ",")
    try:
        rows = list(reader)
    except csv.Error as error:
        raise UsageError(f"malformed CSV: {error}", file=file, line=reader.line_num) from None
    if not rows or len(rows[0]) < 2:
        raise UsageError("a CSV lookup table needs a header row and two columns", file=file)
    header = rows[0]
    at_key = header.index(_column(key, header, 0, file))
    at_value = header.index(_column(value, header, 1, file))
    result: dict[str, Any] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        if len(row) != len(header):
            raise UsageError(f"row has {len(row)} cells, the header {len(header)}", file=file,
                             line=line)
        if result.get(row[at_key], row[at_value]) != row[at_value]:
            raise UsageError(f"key {row[at_key]!r} is listed twice with different values",
                             file=file, line=line)
        result[row[at_key]] = row[at_value]
    return result
