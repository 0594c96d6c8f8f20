"""What an observed value may show of itself in a report.

A value seamguard read from traffic (a recorded or live answer, a request), from a dataset or from
a record being traced is quoted in a report, a log line, an alert or the terminal only when it is
provably not personal; detectors find the personal values that look like something (a phone, an
e-mail, a name after a cue), but a bare name where a status belongs looks like nothing. Shown as
they are:

* a value the contract declares (an enum member, a ``const``), a number, a boolean, a date or a
  time — any text without letters;
* an identifier-shaped token: lower-case words, ``snake_case``, ``kebab-case``, ``camelCase``,
  ``UPPER_CASE``, dotted, with digits, a URL's parts — unless one of its words is a person's
  given or family name (Faker's lists, romanised Chinese ones included);
* a capitalised word that is nobody's given or family name (``Internal Server Error``);
* Chinese text that reads as ordinary dictionary words (jieba's, person names excluded) and
  holds no family-name character standing alone.

Every other word is shown by its shape: its first character, then ``*`` for each letter
(``Zachary Woods`` -> ``Z****** W****``, ``韦建国`` -> ``韦**``); digits and punctuation stay, so
length and character classes still show. Shapes hold ``*``, so shaping is idempotent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from functools import lru_cache
from typing import Any

from seamguard.privacy.mask import MASK, REDACTED
from seamguard.privacy.organisations import is_organisation

__all__ = ["declared_values", "observed", "requote", "shape"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A word: a run of letters of one kind (Latin letters with their accents, CJK, any other
# script), so "备注: 韦建国" is two words and "order_paid" three.
_WORD = re.compile(rf"[{_CJK}]+|[^\W\d_{_CJK}]+")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_TITLE = re.compile(r"[A-Z][a-z]+")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Ordinary English words (Faker's lorem list, place and desk words) and people's English
    and romanised Chinese given and family names, lower-case."""
    from faker.providers.person.zh_CN import Provider as Chinese

    from seamguard.privacy.names import _latin_words

    ordinary, names = _latin_words()
    romanised = {name.lower() for name in (*Chinese.last_romanized_names,
                                           *Chinese.first_romanized_names)}
    return ordinary, frozenset(names | romanised) - ordinary


def _is_name(word: str) -> bool:
    """A given name of a Latin-script locale, or an English or romanised Chinese name."""
    from seamguard.privacy.latin_names import known_given

    low = word.lower()
    ordinary, names = _vocabulary()
    return low in names or (low not in ordinary and known_given(low.capitalize()))


@lru_cache(maxsize=1)
def _chinese_words() -> tuple[frozenset[str], frozenset[str]]:
    """jieba's dictionary words of two to four characters that name no person, and the
    family-name characters (Faker's zh_CN list, and zh_TW's in traditional characters: 劉,
    陳, 張, 黃)."""
    from importlib.resources import files

    from faker.providers.person.zh_CN import Provider
    from faker.providers.person.zh_TW import Provider as Taiwan

    from seamguard.privacy.lexicon import brands

    words: set[str] = set()
    persons: set[str] = set()
    organisations: set[str] = set()
    places: set[str] = set()
    for line in (files("jieba") / "dict.txt").read_text("utf-8").splitlines():
        word, _, rest = line.partition(" ")
        if rest.endswith(" nt"):
            organisations.add(word)
        elif rest.endswith(" ns"):
            places.add(word)
        if 2 <= len(word) <= 4:
            (persons if rest.endswith((" nr", " nrt", " nrfg")) else words).add(word)
    # a brand jieba tags as a person (华为, 海尔, 索尼) is known to it as a company too
    # (华为公司, 海尔集团): a company's name, not a person's
    words.update(word for word in persons if any(
        word + suffix in organisations for suffix in _COMPANY_SUFFIXES))
    # a place of three characters or more jieba tags as a person (张家界, 玄武区) is a place
    # when it is a division, or such a division's name before 市, 县, 区 or 省 (张家界市); two
    # are a given name's length (梁平, 黄岩: places and people alike), and stay hidden
    words.update(word for word in persons if len(word) >= 3 and (word[-1] in _DIVISIONS or any(
        word + suffix in places for suffix in _DIVISIONS)))
    # (and a brand named like a person: 李宁, 任天堂)
    words.update(word for word in brands() if 2 <= len(word) <= 4)
    family = frozenset(name[0] for name in (*Provider.last_names, *Taiwan.last_names))
    return frozenset(words), family


_DIVISIONS = "市县区省"
_COMPANY_SUFFIXES = ("公司", "集团", "股份", "集团公司", "有限公司", "技术", "科技", "电器",
                     "电子", "汽车", "银行")


def _chinese_pieces(run: str) -> Iterator[tuple[str, bool]]:
    """The run cut into dictionary words (longest first), each with whether it may be shown:
    a character standing alone is shown unless it is a family name's; from a family name on,
    the next two characters are hidden with it (a given name), from a compound one the next
    four."""
    from seamguard.privacy.names import COMPOUND_SURNAMES

    words, family = _chinese_words()
    at = 0
    while at < len(run):
        if run[at:at + 2] in COMPOUND_SURNAMES:  # (欧阳, 上官: words of the dictionary too)
            yield run[at:at + 4], False
            at += 4
            continue
        size = next((n for n in (4, 3, 2) if run[at:at + n] in words), 1)
        piece = run[at:at + size]
        if size == 1 and piece in family:
            yield run[at:at + 3], False
            at += 3
            continue
        yield piece, True
        at += size


def _latin_safe(word: str) -> bool:
    """A Latin word of a token is shown unless it is a person's name: a capitalised word
    (alone, or in the middle of a code: ``Order`` in ``gid://shopify/Order/1``) that is a
    given or family name is never shown, other words are (``Internal Server Error``, codes,
    states, ``zh-CN``); an accented word or one of another script only in lower case."""
    if len(word) <= 1:
        return True
    if not word.isascii():  # accented or another script: lower-case words only
        return word[:1].islower()
    return not any(_TITLE.fullmatch(part) and _is_name(part) for part in _CAMEL.findall(word))


def _shape_word(word: str) -> str:
    return word[0] + MASK * (len(word) - 1)


def _shape_token(token: str) -> str:
    if REDACTED in token and token.strip("\"',:;{}[]()") == REDACTED:
        return token
    from seamguard.privacy.names import dotted_spans

    dotted = dotted_spans(token) if "\u00b7" in token or "\u30fb" in token or \
        "\u2022" in token or "\u2027" in token else []
    parts: list[str] = []
    last = 0
    for match in _WORD.finditer(token):
        word = match.group()
        parts.append(token[last:match.start()])
        if token[match.end():match.end() + 1] == MASK:  # the head of a mask (J****, 黑龙江省****)
            parts.append(word)
        elif any(start <= match.start() < end for start, end in dotted):  # 扎西·多吉
            parts.append(_shape_word(word))
        elif word[0] >= "\u3400" and is_organisation(word):  # a company: 杭州…科技有限公司
            parts.append(word)
        elif word[0] >= "\u3400" and re.fullmatch(f"[{_CJK}]+", word):
            parts.extend(piece if shown else _shape_word(piece)
                         for piece, shown in _chinese_pieces(word))
        else:
            parts.append(word if _latin_safe(word) else _shape_word(word))
        last = match.end()
    parts.append(token[last:])
    return "".join(parts)


@lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """``text`` with every word that is not provably impersonal shown by its shape."""
    if not text or not any(char.isalpha() for char in text):
        return text
    tokens = re.split(r"(\s+)", text)
    for index in range(0, len(tokens), 2):
        tokens[index] = _shape_token(tokens[index])
    return "".join(tokens)


def declared_values(expected: Any) -> frozenset[str]:
    """The strings a finding's ``expected`` declares (an enum's members, a ``const``)."""
    if isinstance(expected, str):
        return frozenset({expected})
    if isinstance(expected, list | tuple | set | frozenset):
        return frozenset(item for item in expected if isinstance(item, str))
    return frozenset()


def _spelling(word: str) -> str:
    """A word without its case and separators, as an enum member may be spelt another way."""
    return re.sub(r"[\s_\-.]+", "", word).casefold()


def observed(value: Any, declared: Collection[str] = (),
             swaps: dict[str, str] | None = None) -> tuple[Any, dict[str, str]]:
    """``value`` (a scalar, or JSON-like data: a sample row, a record) with every string that
    is neither declared nor provably impersonal shown by its shape — object keys too — and
    the shapes it gave, original -> shape."""
    swaps = {} if swaps is None else swaps
    # a declared value spelt another way (`Pending` for `pending`, `in-transit` for
    # `IN_TRANSIT`) is the contract's word, and what the finding is about: shown
    spelt = {key for key in map(_spelling, declared) if key}

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            if item in declared or (spelt and _spelling(item) in spelt):
                return item
            shaped = swaps.get(item)
            if shaped is None:
                shaped = shape(item)
                if shaped != item:
                    swaps[item] = shaped
            return shaped
        if isinstance(item, dict):
            return {walk(key) if isinstance(key, str) else key: walk(inner)
                    for key, inner in item.items()}
        if isinstance(item, list | tuple):
            return type(item)(walk(inner) for inner in item)
        return item

    return walk(value), swaps


def requote(text: str, swaps: dict[str, str]) -> str:
    """``text`` (a message, a hint) with each shaped value replaced wherever it is quoted: as
    written, JSON-escaped or as a Python repr, where it stands apart from the words around it;
    and cut short after a quote, as a message cuts a long value (``"Zachary Woods, 12 Ba…``)."""
    if not text or not swaps:
        return text
    for original, shaped in sorted(swaps.items(), key=lambda item: -len(item[0])):
        for before, after in _spellings(original, shaped):
            if before in text:
                text = re.sub(rf"(?<![^\W_]){re.escape(before)}(?![^\W_])",
                              lambda _, after=after: after, text)  # type: ignore[misc]
    if "\u2026" in text:
        text = _CUT.sub(lambda match: _cut(match, swaps), text)
    return text


_CUT = re.compile('"([^"\n]{8,}?)\u2026')


def _cut(match: re.Match[str], swaps: dict[str, str]) -> str:
    head = match.group(1)
    for original, shaped in swaps.items():
        for written in (json.dumps(original, ensure_ascii=False)[1:-1], json.dumps(original)[1:-1]):
            if written.startswith(head):
                return '"' + json.dumps(shaped, ensure_ascii=False)[1:len(head) + 1] + "\u2026"
    return match.group()


def _spellings(original: str, shaped: str) -> Iterator[tuple[str, str]]:
    yield original, shaped
    for before, after in ((json.dumps(original, ensure_ascii=False)[1:-1],
                           json.dumps(shaped, ensure_ascii=False)[1:-1]),
                          (json.dumps(original)[1:-1], json.dumps(shaped)[1:-1]),
                          (repr(original)[1:-1], repr(shaped)[1:-1])):
        if before != original:
            yield before, after
