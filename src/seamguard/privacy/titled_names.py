"""People named without a given name: a title before a family name only (``Ms Chen``,
``Mr. Wong``, ``Mrs Goh``), as a shop's notes and a courier's remarks address customers; and
Japanese names written in katakana (``ヤマダ タロウ``), as forms ask for a name's reading.

A title before a word is a name only when the word is a family name: a Chinese one in any
romanisation (Hong Kong, Taiwan, Singapore and Malaysia spellings too) anywhere, an English
one in a text that also holds a number long enough to be a phone (not ``Dr. Martens`` in a
product line). A katakana name is two katakana words whose first is a common family name or
whose second a common given name (Faker's ``ja_JP`` readings)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from seamguard.privacy.kinds import Kind, Span

__all__ = ["TITLED_CUE", "is_katakana_name", "katakana_name_spans", "titled_name_spans"]

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mdm|Madam|Mme|Mlle)"
# what a text needs before it is read for a titled name or a katakana one (a cheap screen)
TITLED_CUE = rf"(?<![\w.]){_TITLES}\.?\s+[A-Z][a-z]|[\u30a1-\u30fa\u30fc]{{2}}[ \u3000・]"
_TITLED = re.compile(rf"(?<![\w.]){_TITLES}\.?\s+(?P<family>[A-Z][a-z]{{1,11}}"
                     r"(?:-[A-Z][a-z]{1,11})?)(?![\w-])")
_PHONE_RUN = re.compile(r"\d(?:[ .()\-]?\d){6,}")
# Chinese family names as Singapore and Malaysia spell them (beside the pinyin and Hong Kong
# and Taiwan spellings of :mod:`seamguard.privacy.pinyin_names`)
_SOUTH_SEA = frozenset({"lim", "tan", "goh", "ong", "teo", "tay", "koh", "toh", "yeo", "chua",
                        "quek", "loh", "khoo", "seah", "neo", "foo", "ang", "heng", "chong",
                        "wee", "tey", "tiong", "liew", "yap", "chin", "ooi", "beh", "kee"})
_KANA = "\u30a1-\u30fa\u30fc"
_KATAKANA_NAME = re.compile(rf"(?<![{_KANA}\u30fb])(?P<family>[{_KANA}]{{2,6}})[ \u3000・]"
                            rf"(?P<given>[{_KANA}]{{2,6}})(?![{_KANA}\u30fb])")


@lru_cache(maxsize=1)
def _families() -> tuple[frozenset[str], frozenset[str]]:
    """Chinese family names in Latin letters; English family names."""
    from faker.providers.person.en_GB import Provider as British
    from faker.providers.person.en_US import Provider as American

    from seamguard.privacy.pinyin_names import _FAMILY

    english = frozenset(name.lower() for provider in (American, British)
                        for name in provider.last_names)
    return _FAMILY | _SOUTH_SEA, english


def titled_name_spans(text: str) -> Iterator[Span]:
    """A title and the family name after it (``Ms Chen``, ``Mr. Wong``)."""
    chinese, english = _families()
    phone: bool | None = None
    for match in _TITLED.finditer(text):
        family = match.group("family").lower()
        if family not in chinese:
            if family not in english:
                continue
            if phone is None:
                phone = _PHONE_RUN.search(text) is not None
            if not phone:
                continue
        yield Span(match.start(), match.end(), Kind.NAME)


@lru_cache(maxsize=1)
def _kana_names() -> tuple[frozenset[str], frozenset[str]]:
    from faker.providers.person.ja_JP import Provider

    return frozenset(Provider.last_kana_names), frozenset(Provider.first_kana_names)


def _kana_pair(family: str, given: str) -> bool:
    families, givens = _kana_names()
    return family in families or given in givens


def is_katakana_name(value: str) -> bool:
    """``value`` is, as a whole, a Japanese name in katakana (``ヤマダ タロウ``)."""
    match = _KATAKANA_NAME.fullmatch(value.strip())
    return match is not None and _kana_pair(match.group("family"), match.group("given"))


def katakana_name_spans(text: str) -> Iterator[Span]:
    """Japanese names in katakana in ``text``."""
    for match in _KATAKANA_NAME.finditer(text):
        if _kana_pair(match.group("family"), match.group("given")):
            yield Span(match.start(), match.end(), Kind.NAME)
