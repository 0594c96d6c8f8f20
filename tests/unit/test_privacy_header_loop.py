"""The compiled header loop (``seamguard._privheaders``) gives what
``TrafficScrubber.headers``' Python loop gives: the same scrubbed headers, the same hits in the
same order and the same counts, on generated headers (personal values, secrets, URLs,
percent-encoded and non-ASCII values, names by their company, lists, tuples, None and numbers)
met again and again by long-lived scrubbers, as a recording session meets them; and it hands
back to Python (None, before doing anything) what it does not take."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

import pytest
from faker import Faker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.privacy import Masker, Pseudonymizer, TrafficScrubber
from seamguard.privacy import http as http_module
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scan import Recogniser
from seamguard.privacy.scrubber import Hit
from tests.support.compiled import accelerator

COMPILED = accelerator("_privheaders").headers
POLICY = PrivacyPolicy.default().with_secrets("hunter2-secret")

_ZH, _EN = Faker("zh_CN"), Faker("en_US")
_ZH.seed_instance(21)
_EN.seed_instance(22)
_VALUES = [
    *(_ZH.phone_number() for _ in range(6)), *(_EN.phone_number() for _ in range(4)),
    *(_ZH.email() for _ in range(3)), *(_ZH.name() for _ in range(4)),
    *(quote(_ZH.name()) for _ in range(3)), *(_ZH.address() for _ in range(2)),
    *(_ZH.ssn() for _ in range(2)), *(_EN.credit_card_number() for _ in range(2)),
    "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "hunter2-secret", "application/json; charset=utf-8",
    "gzip", "keep-alive", "Mon, 07 Dec 2026 09:14:09 GMT", "nginx/1.25", "no-cache", "",
    "https://shop.example.com/cb?phone=13812345678&email=a%40b.cn", "/orders?mobile=13912345678",
    "session=abc123; Path=/; HttpOnly", "attachment; filename=\"张三-简历.pdf\"",
    "attachment; filename*=UTF-8''%E5%BC%A0%E4%B8%89.pdf", "王五 13812345678", "100%", "ünïcödé",
    "13812345678", "+86 138 1234 5678", "0", "42", "7f3a9c1e-2b4d-4e6f-8a1b-9c0d2e3f4a5b",
]
_NAMES = ["Content-Type", "content-length", "Authorization", "Cookie", "Set-Cookie", "Location",
          "Referer", "X-Phone", "X-Contact-Mobile", "X-Lx", "X-Dh", "X-Request-Id", "Api-Key",
          "X-Email", "Content-Disposition", "Date", "Server", "X-Note", "x-sign", "X-Trace"]
_VALUE = st.one_of(st.sampled_from(_VALUES), st.none(), st.integers(-10, 10**12),
                   st.text(max_size=12))
_HEADER_VALUE = st.one_of(_VALUE, st.lists(_VALUE, max_size=3),
                          st.lists(_VALUE, max_size=3).map(tuple))
HEADERS = st.dictionaries(st.sampled_from(_NAMES), _HEADER_VALUE, max_size=8)


def _pair(replacer: Any) -> tuple[tuple[TrafficScrubber, list[Hit]],
                                  tuple[TrafficScrubber, list[Hit]]]:
    made = []
    for _ in range(2):
        hits: list[Hit] = []
        made.append((TrafficScrubber(POLICY, replacer, on_hit=hits.append), hits))
    return made[0], made[1]


# long-lived pairs (compiled, Python): remembered header values carry over between examples
PAIRS = {"pseudonyms": _pair(Pseudonymizer(b"header loop test key")), "masks": _pair(Masker()),
         "scan": _pair(Recogniser())}


@pytest.fixture(autouse=True)
def _compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled loop in place even where the package was installed without it."""
    monkeypatch.setattr(http_module, "scrub_headers", COMPILED)


def _both(headers: dict[str, Any], name: str,
          monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    (compiled, compiled_hits), (python, python_hits) = PAIRS[name]
    compiled_hits.clear()
    python_hits.clear()
    before = Counter(compiled.scrubber.counts), Counter(python.scrubber.counts)
    got = compiled.headers(headers)
    with monkeypatch.context() as patch:
        patch.setattr(http_module, "scrub_headers", None)
        expected = python.headers(headers)
    assert got == expected
    assert [type(value) for value in got.values()] == [type(v) for v in expected.values()]
    assert list(got) == list(expected)
    assert compiled_hits == python_hits
    assert Counter(compiled.scrubber.counts) - before[0] \
        == Counter(python.scrubber.counts) - before[1]
    return got, expected


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(HEADERS, st.sampled_from(sorted(PAIRS)))
def test_the_compiled_loop_equals_the_python_loop(headers: dict[str, Any], name: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _both(headers, name, monkeypatch)
        _both(headers, name, monkeypatch)  # again: the remembered values now


def test_personal_values_and_secrets_are_replaced_by_both(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    headers = {"X-Phone": "13812345678", "Authorization": "Bearer abc.def.ghi",
               "Content-Type": "application/json", "X-Emails": ["a.b@example.cn", None],
               "Content-Length": 12}
    for _ in range(2):
        got, _expected = _both(headers, "pseudonyms", monkeypatch)
        assert got["X-Phone"] != "13812345678"
        assert got["Authorization"].endswith("<redacted>")
        assert got["X-Emails"][0] != "a.b@example.cn"
        assert got["X-Emails"][1] is None
        assert got["Content-Type"] == "application/json"
        assert got["Content-Length"] == "12"


class _Items(list[Any]):
    pass


@pytest.mark.parametrize("headers", [
    {"X-Lx": "%E7%8E%8B%E4%BA%94", "X-Dh": "13812345678"},  # a name read with its siblings
    {"X-Lx": ["王五"], "X-Dh": "13812345678"},
    {"X-Dh": _Items(["13812345678"])},  # a list subclass reads its items its own way
    {1: "13812345678"},  # a name that is not a str
])
def test_what_the_python_loop_must_read_is_handed_back(headers: dict[Any, Any]) -> None:
    scrubber = TrafficScrubber(POLICY, Masker())
    assert COMPILED(headers, scrubber._seen, scrubber.header) is None


def test_a_mapping_that_is_not_a_dict_is_handed_back() -> None:
    scrubber = TrafficScrubber(POLICY, Masker())
    headers = _Mapping({"X-Dh": "13812345678"})
    assert COMPILED(headers, scrubber._seen, scrubber.header) is None
    assert scrubber.headers(headers)["X-Dh"] != "13812345678"


class _Mapping(dict[str, Any]):
    pass


def test_bad_arguments_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="headers"):
        COMPILED({}, [], print)
    with pytest.raises(TypeError, match="headers"):
        COMPILED({})
