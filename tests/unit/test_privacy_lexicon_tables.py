"""The word tables read off jieba's dictionary: one search of its text gives what a reading of
its lines one by one gives, and jieba itself is not imported for them; the tables stored
ahead by the build are taken only for the data they were derived from."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from faker.providers.person.zh_CN import Provider

from seamguard.privacy import lexicon, lexicon_store
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


def _derived() -> tuple[frozenset[str], frozenset[str]]:
    text = lexicon._dictionary()
    return lexicon._derive_common_words(text, *lexicon._names()), lexicon._derive_time_words(text)


def test_tables_stored_ahead_are_the_derived_ones(tmp_path: Path) -> None:
    path = lexicon.derive_and_store(tmp_path / "tables.txt")
    mark = lexicon._stamp(lexicon_store.dictionary_bytes())
    assert lexicon_store.read_tables(mark, path) == _derived()
    if lexicon_store.TABLE_FILE.exists():  # built by hatch_build.py: what a process takes
        assert lexicon._stored() == _derived()


def test_a_table_stored_for_other_data_is_not_taken(tmp_path: Path) -> None:
    data = lexicon_store.dictionary_bytes()
    path = lexicon.derive_and_store(tmp_path / "tables.txt")
    mark = lexicon._stamp(data)
    family, given = lexicon._names()
    rules = Path(lexicon.__file__).read_bytes()
    assert lexicon_store.stamp(data, family, given, COMPOUND_SURNAMES, rules) == mark
    others = [
        lexicon_store.stamp(data + b"\xe9\xab\x98\xe5\xba\xa6 9 n\n", family, given,
                            COMPOUND_SURNAMES, rules),
        lexicon_store.stamp(data, family - {"高"}, given, COMPOUND_SURNAMES, rules),
        lexicon_store.stamp(data, family, given | {"度"}, COMPOUND_SURNAMES, rules),
        lexicon_store.stamp(data, family, given, COMPOUND_SURNAMES - {"南宫"}, rules),
        lexicon_store.stamp(data, family, given, COMPOUND_SURNAMES, rules + b"#"),
    ]
    assert mark not in others
    assert len(set(others)) == len(others)
    for other in others:
        assert lexicon_store.read_tables(other, path) is None
    text = path.read_text("utf-8")
    for broken in (text[:-1], text + "x\n", text.replace(" v1 ", " v0 ", 1), "", "\n\n\n"):
        path.write_text(broken, "utf-8")
        assert lexicon_store.read_tables(mark, path) is None
    path.write_bytes(b"\xff\xfe")
    assert lexicon_store.read_tables(mark, path) is None
    assert lexicon_store.read_tables(mark, tmp_path / "missing.txt") is None


def test_without_a_stored_table_the_words_are_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "read_tables", lambda *_: None)
    for cached in (lexicon._stored, lexicon._common_words, lexicon._time_words):
        cached.cache_clear()
    try:
        assert lexicon._stored() is None
        test_common_words_are_those_of_a_line_by_line_reading()
        test_time_words_are_those_of_a_line_by_line_reading()
    finally:
        for cached in (lexicon._stored, lexicon._common_words, lexicon._time_words):
            cached.cache_clear()


def test_a_source_that_cannot_be_read_derives_the_words(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "__file__", str(tmp_path / "archive.zip" / "lexicon.py"))
    lexicon._stored.cache_clear()
    try:
        assert lexicon._stored() is None
    finally:
        lexicon._stored.cache_clear()


def test_the_build_derives_the_tables(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "seamguard_build", Path(__file__).resolve().parents[2] / "hatch_build.py")
    assert spec is not None
    assert spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    target = tmp_path / "seamguard" / "privacy" / "_lexicon_tables.txt"
    assert build.derive_lexicon_tables(target)
    assert lexicon_store.read_tables(lexicon._stamp(lexicon_store.dictionary_bytes()),
                                     target) == _derived()
