# ruff: noqa: RUF001
"""Quick screens in front of detector patterns skip only searches that would find nothing.

Two laws, checked on every compiled pattern of the detector modules (screened in the product or
not): a screen finds one of its characters inside every non-empty match of its pattern, and a
screened pattern answers ``search``, ``match``, ``fullmatch`` and ``finditer`` exactly as the
pattern does, at any ``pos`` and ``endpos``. The strings are Faker values of fifteen locales,
free text around them, and hostile ones: every script the detectors read, case-folding
look-alikes (Kelvin sign, long s, dotless i), percent escapes, control characters.
"""

from __future__ import annotations

import importlib
import random
import re
from typing import Any

import pytest
from faker import Faker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.privacy.screens import screen, screened

_MODULES = ("detect", "secret_tokens", "names", "locales", "phones", "national_phones",
            "regional_ids", "street_lines", "traces", "obfuscated", "text_scrub", "mask")
_LOCALES = ("zh_CN", "zh_TW", "en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES", "pt_BR",
            "ja_JP", "ko_KR", "pl_PL", "ru_RU", "tr_TR", "vi_VN")


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for module_name in _MODULES:
        module = importlib.import_module(f"seamguard.privacy.{module_name}")
        for name, value in vars(module).items():
            pattern = getattr(value, "_pattern", value)  # (a screened one: its own pattern)
            if isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str):
                found.setdefault(id(pattern), (f"{module_name}.{name}", pattern))
    return sorted(found.values(), key=lambda item: item[0])


_PATTERNS = _patterns()
_ALPHABET = "".join((
    "0123456789+-()./:：，,;@%#&=_ \t\n\r\"'<>[]{}",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "\u212a\u017f\u0131\u0130ßÄÖÜéèñçąłŻ",
    "省市区县路街号栋室座单元先生女士小姐收启住所宛地址电话手机姓名联系人收件人",
    "微信密码订单身份证银行卡号", "様さんお届け先住所", "수령인받는사람주소로길가", "ул.д.Số ถนน",
    "０１２３４５６７８９＠", "\x00\u3000\u200b"))


def _corpus() -> list[str]:
    rng = random.Random(29)
    texts: list[str] = []
    for locale in _LOCALES:
        fake = Faker(locale)
        fake.seed_instance(31)
        for _ in range(25):
            values = [fake.name(), fake.address(), fake.phone_number(), fake.email(),
                      fake.company(), fake.sentence()]
            texts.extend(values)
            texts.append(f"收件人: {values[0]}, 电话 {values[2]}, 地址 {values[1]}")
            texts.append(f"Dear {values[0]}, ship to {values[1]} (tel. {values[2]})")
    for _ in range(600):
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(1, 40))))
    texts += ["", " ", "ſecret=abc123", "\u212aunde: Erik", "ıd_card 110101199003074578",
              "password%3Dsk_live_0123456789abcdef", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig",
              "ул. Котовского, д. 4/6", "12 Baker St", "Rua das Flores 12", "역삼81로 1"]
    return texts


_CORPUS = _corpus()


@pytest.mark.parametrize(("name", "pattern"), _PATTERNS, ids=[name for name, _ in _PATTERNS])
def test_every_match_holds_a_character_of_its_screen(name: str, pattern: re.Pattern[str]) -> None:
    quick = screen(pattern)
    if quick is None:
        return
    for text in _CORPUS:
        for match in pattern.finditer(text):
            if match.end() > match.start():
                assert quick.search(text, match.start(), match.end()) is not None, (name, text)


def _answers(pattern: Any, text: str, pos: int, endpos: int) -> list[Any]:
    def spans(match: re.Match[str] | None) -> Any:
        return None if match is None else (match.span(), match.groups())

    return [spans(pattern.search(text, pos, endpos)), spans(pattern.match(text, pos, endpos)),
            spans(pattern.fullmatch(text, pos, endpos)),
            [spans(match) for match in pattern.finditer(text, pos, endpos)]]


@pytest.mark.parametrize(("name", "pattern"), _PATTERNS, ids=[name for name, _ in _PATTERNS])
def test_a_screened_pattern_answers_as_the_pattern(name: str, pattern: re.Pattern[str]) -> None:
    quick = screened(pattern)
    rng = random.Random(name)
    for text in _CORPUS:
        pos = rng.randrange(len(text) + 1) if rng.random() < 0.3 else 0
        endpos = rng.randrange(pos, len(text) + 1) if rng.random() < 0.3 else len(text)
        assert _answers(quick, text, pos, endpos) == _answers(pattern, text, pos, endpos), text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PATTERNS), st.text(alphabet=_ALPHABET, max_size=60))
def test_screened_patterns_on_generated_text(named: tuple[str, re.Pattern[str]],
                                             text: str) -> None:
    _, pattern = named
    assert _answers(screened(pattern), text, 0, len(text)) == _answers(pattern, text, 0,
                                                                       len(text))


def test_case_folding_look_alikes_pass_the_screen() -> None:
    # (Python's case-insensitive matching takes the Kelvin sign for k, the long s for s and
    # the dotless i for i: their screens must too)
    for pattern, text in ((r"(?i)kunde:", "\u212aunde:"), (r"(?i)secret=", "\u017fecret="),
                          (r"(?i)id card", "\u0131d card")):
        compiled = re.compile(pattern)
        assert compiled.search(text) is not None
        assert screened(compiled).search(text) is not None


def test_no_screen_where_a_match_may_be_empty_or_anything() -> None:
    for pattern in (r"a*", r"(?:x|)y?", r"(?<=a)", r"[^a]+", r".+", r"\w+", r"(?=abc)"):
        assert screen(re.compile(pattern)) is None, pattern
        assert screened(re.compile(pattern)).pattern == pattern


def test_the_screen_picks_the_rarest_element_of_each_alternative() -> None:
    quick = screen(re.compile(r"(?i)(?:token|secret)\s*[=:]\s*\w+|联系人\s*[:：]"))
    assert quick is not None
    assert quick.search("13812345678 abcdef") is None
    assert quick.search("token=x") is not None
    assert quick.search("联系人") is not None
