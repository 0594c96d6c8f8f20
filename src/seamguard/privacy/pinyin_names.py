"""Chinese names written in Latin letters: Hanyu Pinyin (``Xiaoming Wang``, ``WANG Xiaoming``)
and the Hong Kong and Taiwan spellings of family names (``CHAN Tai-man``, ``Chen Chih-ming``).

A shop's Chinese customers appear so on cross-border platforms (Amazon, Shopee, Lazada),
in passports and in English notes. The given name is no word of the Latin locales' lists of
given names, so the evidence is its shape: a known family name beside a word that is one to
three pinyin syllables. A family name in capitals before the given name is the passport
order and counts anywhere, as does a family name in capitals after the given name (``Wei
ZHANG``) and a booking's ``ZHANG/WEI`` (family name, a slash, the given name, in capitals, an
airline's or a hotel's passenger name); the other orders count after a cue (``Customer``,
``Attn:``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seamguard.privacy.kinds import Kind, Span

__all__ = ["PASSPORT_ORDER_CUE", "is_romanised_name", "passport_order_spans"]

# common family names, in pinyin and in Hong Kong, Macau and Taiwan spellings
_FAMILY = frozenset((
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "wu", "xu", "sun",
    "zhu", "ma", "hu", "guo", "lin", "he", "gao", "liang", "zheng", "luo", "song", "xie",
    "tang", "han", "cao", "deng", "xiao", "feng", "zeng", "cheng", "cai", "peng", "pan",
    "yuan", "yu", "dong", "su", "ye", "lu", "wei", "jiang", "tian", "du", "ding", "shen",
    "fan", "fu", "zhong", "dai", "cui", "ren", "jin", "qiu", "qin", "gu", "hou", "shao",
    "meng", "long", "wan", "duan", "lei", "qian", "yin", "yi", "chang", "kong", "bai", "mao",
    "hao", "xiong", "jia", "yan", "ou", "kang", "shi", "niu", "hong", "gong", "mo", "chan",
    "wong", "leung", "cheung", "lau", "ng", "ho", "tsang", "lam", "chow", "yeung", "kwok",
    "tse", "chiu", "lee", "hsu", "tsai", "chu", "kwan", "mak", "choi", "fung", "yip", "lui",
    "tam", "siu", "au", "poon", "law", "chung", "tung", "hui", "chin", "tsui", "kwong", "lo",
    "hsieh", "chou"))

_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|ia"
          r"|ie|in|iu|ua|uo|ui|un|ue|ve|a|o|e|i|u|v)")
_SYLLABLES = re.compile(rf"(?:{_INITIAL}{_FINAL}){{1,3}}")
# Wade-Giles and Cantonese given-name syllables are hyphenated ("Chih-ming", "Tai-man")
_HYPHENATED = re.compile(r"[a-z]{1,6}-[a-z]{1,6}")
# a syllable as Hong Kong's government romanisation writes it ("Tsz", "Keung", "Hoi", "Yee"):
# an initial, one to three vowels, a nasal or stop ending; or a syllable without a vowel
_CANTONESE = re.compile(r"tsz|sze|sz|ng|(?:ts|ch|kw|gw|ng|sh|[bpmfdtnlgkhjswy])?[aeiouy]{1,3}"
                        r"(?:ng|n|m|k|p|t)?")

_WORD = r"[A-Z][A-Za-z]{0,14}"
# what a text needs before it is read for a name in passport order (a cheap screen)
PASSPORT_ORDER_CUE = (r"(?<![\w-])[A-Z]{2,7}(?:[ ,]+[A-Z][a-z]|/[A-Z]{2})"
                      r"|[A-Z][a-z]{1,14} [A-Z]{2,7}(?![\w-])")
# (Hong Kong writes the given name's two syllables apart: "CHAN Tsz Wai")
_PASSPORT_ORDER = re.compile(rf"(?<![\w-])(?P<family>[A-Z]{{2,7}})[ ,]+(?P<given>{_WORD}"
                             rf"(?:-[A-Za-z]{{1,6}})?)(?P<second> [A-Z][a-z]{{1,5}})?(?![\w-])")
# the family name last, in capitals ("Wei ZHANG"); a passenger name ("ZHANG/XIAOMING MR"):
# read apart from the first order, whose family name may be the last word of another match
# ("Customer LI Lingna")
_FAMILY_LAST = re.compile(r"(?<![\w-])(?P<given>[A-Z][a-z]{1,14}(?:-[A-Za-z]{1,6})?) "
                          r"(?P<family>[A-Z]{2,7})(?![\w-])")
_PASSENGER = re.compile(r"(?<![\w/-])(?P<family>[A-Z]{2,7})/(?P<given>[A-Z]{2,14})"
                        r"(?: (?:MR|MS|MRS|MISS|MSTR|CHD|INF))?(?![\w/-])")


def _given(word: str) -> bool:
    lower = word.lower()
    return _SYLLABLES.fullmatch(lower) is not None or _CANTONESE.fullmatch(lower) is not None or (
        _HYPHENATED.fullmatch(lower) is not None
        and all(_SYLLABLES.fullmatch(part) or part.isalpha() for part in lower.split("-")))


def is_romanised_name(value: str) -> bool:
    """``value`` is, as a whole, a family name and a given name in Latin letters (either order,
    ``Xiaoming Wang``, ``WANG Xiaoming``, ``Chen Chih-ming``)."""
    words = value.replace(",", " ").split()
    if len(words) != 2 or not all(word[:1].isupper() for word in words):
        return False
    first, second = words
    return (first.lower() in _FAMILY and _given(second)) or \
        (second.lower() in _FAMILY and _given(first))


def passport_order_spans(text: str) -> Iterator[Span]:
    """Names whose family name is in capitals: first (``WANG Xiaoming``, ``CHAN Tai-man``), last
    (``Xiaoming WANG``) or before a slash (``WANG/XIAOMING``)."""
    for pattern in (_PASSPORT_ORDER, _FAMILY_LAST, _PASSENGER):
        for match in pattern.finditer(text):
            family, given = match.group("family"), match.group("given")
            if family.lower() in _FAMILY and (pattern is _PASSENGER or not given.isupper()) \
                    and _given(given):
                second = match.groupdict().get("second")
                end = match.end() if second is None or _given(second[1:]) \
                    else match.end("given")
                yield Span(match.start(), end, Kind.NAME)
