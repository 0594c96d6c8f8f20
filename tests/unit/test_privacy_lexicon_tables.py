"""The word tables read off jieba's dictionary: one search of its text gives what a reading of
its lines one by one gives, and jieba itself is not imported for them."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files

from faker.providers.person.zh_CN import Provider

from seamguard.privacy import lexicon
from seamguard.privacy.names import COMPOUND_SURNAMES


def _lines() -> list[str]:
    return (files("jieba") / "dict.txt").read_text("utf-8").splitlines()


def test_common_words_are_those_of_a_line_by_line_reading() -> None:
    family = set(Provider.last_names) | {name[0] for name in COMPOUND_SURNAMES}
    given = frozenset(Provider.first_names)
    expected: set[str] = set()
    for line in _lines():
        if line[0] in family and (line[2:3] == " " or line[3:4] == " "):
            word, count, tag = line.split(" ")
            if (tag not in lexicon._PERSON_TAGS and (int(count) >= lexicon._FREQUENT
                                                      or word[1:] not in given)) \
                    or int(count) >= lexicon._FREQUENT_NAME:
                expected.add(word)
    assert len(expected) > 20_000
    assert lexicon._common_words() == expected
    assert lexicon.is_common_word("高度")
    assert not lexicon.is_common_word("王小明")


def test_time_words_are_those_of_a_line_by_line_reading() -> None:
    expected: set[str] = set()
    for line in _lines():
        if line[2:3] == " ":
            word, count, tag = line.split(" ")
            if (tag == "t" and int(count) >= 50) or (tag == "d" and int(count) >= 300):
                expected.add(word)
    assert len(expected) > 500
    assert lexicon._time_words() == expected
    assert lexicon.starts_with_time_word("明天到")


def test_the_tables_do_not_import_jieba() -> None:
    code = ("import sys; from seamguard.privacy import lexicon; lexicon._common_words(); "
            "lexicon._time_words(); print('jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
