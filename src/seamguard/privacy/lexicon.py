"""Chinese words that start with a family-name character but name no one (高度, 方便, 黄金, 周末).

A cue (a role word, a phone number beside it, an object holding a phone or an address) makes a
two- or three-character string after a family name look like a person's name; many ordinary
words pass that test too. They are told apart with jieba's dictionary (349,046 words with their
frequency and part of speech; ``nr`` marks person names), read as data — jieba's segmenter is
never run:

* a word the dictionary tags as anything but a person name (``nr``, ``nrt``, ``nrfg``) is an
  ordinary word when it is frequent (300 or more in jieba's counts), or when what follows its
  family name is no common given name (Faker's zh_CN list): 毛重 (3) is a word, 江东 (231, 东 a
  common given name) may be somebody;
* a word tagged as a name but as frequent as 1,000 is a word too (jieba tags 谢谢 and 叶子
  ``nr``);
* plus the few shop words the dictionary lacks (包邮, 满减);
* and brands named like people (李宁, 华为, 周大福, 康师傅: jieba tags many ``nr``), which a
  note's first word or an addressee mark does not make a person (``李宁的订单``); after a role
  word or a label (``客户李宁``, ``收件人: 李宁``) they still count as names.

Measured beside a phone number ("{w} 13812345678"): of 3,000 distinct Faker zh_CN names two are
taken for words (沈阳, a city, and 高峰, "peak"), where the hand-written list missed none; of 72
ordinary words starting with a family-name character (高度, 方便, 毛重, 包装...) 12 are still
taken for names (温馨, 华丽: a given name after a family name, rare in jieba's counts), where the
hand-written list took 69.

Both tables are derived ahead by ``python hatch_build.py`` and the wheel's build hook and
taken only where their stamp matches what is installed (:mod:`lexicon_store`); otherwise the
first use derives them (about 0.2 s).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from seamguard.privacy.lexicon_store import (
    TABLE_FILE,
    dictionary_bytes,
    read_tables,
    stamp,
    write_tables,
)

__all__ = ["derive_and_store", "is_brand", "is_common_word", "starts_with_time_word"]

_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
_FREQUENT = 300
# jieba tags some everyday words as names (谢谢 1089, 叶子 1205): this frequent, they are words.
_FREQUENT_NAME = 1000
# Words of shop texts that start with a family-name character and are missing from jieba's
# dictionary.
_DOMAIN_WORDS = frozenset({"包邮", "满减", "欧码", "高帮", "单号"})


# Chinese consumer brands and shop names starting with a family-name character, whose names a
# shop's notes write like a person's ("李宁的订单", "华为的手机", "周大福收").
_BRANDS = frozenset({
    "李宁", "安踏", "华为", "周大福", "周生生", "周六福", "周黑鸭", "康师傅", "蒙牛",
    "伊利", "海尔", "海信", "海天", "方太", "马应龙", "贝因美", "欧莱雅", "王老吉",
    "苏泊尔", "乔丹", "林肯", "江小白", "百雀羚", "百草味", "韩束", "卫龙", "钱大妈",
    "林清轩", "薛记", "陈克明", "温碧泉", "金龙鱼", "金六福", "元气森林", "汤臣倍健",
    "花西子", "鲁花", "徐福记", "全聚德", "谭木匠", "杜蕾斯", "罗莱", "富安娜", "茅台",
    "郎酒", "牛栏山", "胡庆余堂", "白云山", "云南白药", "李锦记", "雷士", "欧普", "方正",
    "华硕", "戴尔", "惠普", "苏宁", "国美", "唐狮", "森马", "马克华菲", "贵人鸟",
    "鸿星尔克", "江南布衣", "魏家凉皮", "蔡林记", "袁记", "谢馥春", "洪湖", "秦池",
    "孔府家酒", "古井贡", "黄飞红", "曾记", "沈大成", "杨记", "钟薛高", "喜茶", "奈雪",
    "蜜雪冰城", "柳工", "格力", "美的", "小米", "万科", "顾家", "林氏木业", "黄天鹅",
    "良品铺子", "三只松鼠", "左家右厨",
    # foods sold under a figure's name, which jieba tags as the person (张飞, 王中王)
    "张飞牛肉", "王中王",
    # foreign brands as Chinese writes them, which jieba tags as people too (任天堂, 夏普)
    "任天堂", "夏普", "索尼", "松下", "佳能", "尼康", "东芝", "卡西欧", "雅马哈", "飞利浦",
    "戴森", "西门子", "博世", "施华洛世奇", "任天堂株式会社",
    # carriers, who sign for and hand over parcels in route texts ("已由顺丰签收")
    "顺丰", "申通", "中通", "圆通", "韵达", "京东", "邮政", "德邦", "极兔", "百世", "安能", "天天",
    "宅急送", "菜鸟", "丰巢",
})


def brands() -> frozenset[str]:
    """The brands and shops named like people (see :func:`is_brand`)."""
    return _BRANDS


def is_brand(value: str) -> bool:
    """``value`` is a brand or a shop named like a person (李宁, 华为)."""
    return value in _BRANDS


def is_common_word(value: str) -> bool:
    """True when ``value`` (two or three Chinese characters) is an ordinary word; never a
    compound family name (南宫, 司徒: places and titles too, in the dictionary)."""
    from seamguard.privacy.names import COMPOUND_SURNAMES

    if value[:2] in COMPOUND_SURNAMES:
        return False
    return value in _DOMAIN_WORDS or value in _common_words()


def starts_with_time_word(value: str) -> bool:
    """``value`` opens with a time word or a time adverb (明天到, 周一送, 马上到, 下周): what a
    note writes after a phone number, no name.

    jieba's time words (``t``, counted 50 or more: 明天, 周一, 凌晨) and frequent adverbs (``d``,
    300 or more: 马上, 尽快) that start with a family-name character; of 9,330 distinct Faker
    zh_CN names one (凌晨, itself a word) opens with one, of 8,571 zh_TW names none.
    """
    return value[:2] in _time_words()


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    stored = _stored()
    return stored[1] if stored is not None else _derive_time_words(_dictionary())


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    stored = _stored()
    if stored is not None:
        return stored[0]
    family, given = _names()
    return _derive_common_words(_dictionary(), family, given)


def _derive_time_words(dictionary: str) -> frozenset[str]:
    words: set[str] = set()
    for word, count, tag in re.findall(r"\n([^ \n]{2}) (\d+) ([td])(?=\n)", dictionary):
        if (tag == "t" and int(count) >= 50) or (tag == "d" and int(count) >= 300):
            words.add(word)
    return frozenset(words)


def _derive_common_words(dictionary: str, family: frozenset[str],
                         given: frozenset[str]) -> frozenset[str]:
    # "word count tag": only words of two or three characters after a family name (one
    # search of the text: a loop over its 349,046 lines cost four times as much)
    first = "".join(sorted(re.escape(char) for char in family if len(char) == 1))
    words: set[str] = set()
    for word, count, tag in re.findall(
            rf"\n([{first}][^ \n]{{1,2}}) (\d+) ([^ \n]*)(?=\n)", dictionary):
        times = int(count)
        if times >= _FREQUENT_NAME or (
                tag not in _PERSON_TAGS and (times >= _FREQUENT or word[1:] not in given)):
            words.add(word)
    return frozenset(words)


def _names() -> tuple[frozenset[str], frozenset[str]]:
    """Faker's zh_CN family names (and the compound ones' first characters), its given names."""
    from faker.providers.person.zh_CN import Provider

    from seamguard.privacy.names import COMPOUND_SURNAMES

    family = frozenset(set(Provider.last_names) | {name[0] for name in COMPOUND_SURNAMES})
    return family, frozenset(Provider.first_names)


def _stamp(dictionary: bytes) -> str:
    """The stamp of what both tables are derived from (see :mod:`lexicon_store`)."""
    from seamguard.privacy.names import COMPOUND_SURNAMES

    family, given = _names()
    return stamp(dictionary, family, given, COMPOUND_SURNAMES, Path(__file__).read_bytes())


@lru_cache(maxsize=1)
def _stored() -> tuple[frozenset[str], frozenset[str]] | None:
    """Both tables as derived ahead for the dictionary, names and rules installed, or None
    (also where this module's source cannot be read to stamp them: a zip or a bytecode-only
    install)."""
    try:
        mark = _stamp(dictionary_bytes())
    except OSError:
        return None
    return read_tables(mark)


def derive_and_store(path: Path = TABLE_FILE) -> Path:
    """Derives both tables from what is installed and stores them, stamped, at ``path``."""
    data = dictionary_bytes()

    def derive() -> tuple[frozenset[str], frozenset[str]]:
        text = _text(data)
        family, given = _names()
        return _derive_common_words(text, family, given), _derive_time_words(text)

    return write_tables(_stamp(data), derive, path)


def _dictionary() -> str:
    """jieba's dictionary (``word count tag`` lines), each line between line feeds."""
    return _text(dictionary_bytes())


def _text(data: bytes) -> str:
    # as a text file reads: any line break (CRLF, CR) becomes a line feed
    return "\n" + data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n") + "\n"
