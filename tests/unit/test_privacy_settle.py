"""The compiled JSON walk and write-back (``seamguard._privscreen``) give what the Python loops
give: the same scrubbed text, byte for byte, and the same counts, on generated documents, on
the repository's recorded traffic, and on hostile documents (deep nesting, numbers beyond 64
bits, NaN, duplicated keys, wrappers, rows read by their columns, names by their company,
declared-harmless keys, secrets); and the compiled write-back splices exactly what the Python
one does."""

from __future__ import annotations

import copy
import importlib.util
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.privacy import Pseudonymizer, TrafficScrubber, json_settle, json_text, record_keys
from seamguard.privacy import settled_walk as settled_walk_module
from seamguard.privacy.json_text import _splice, write_back
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scrubber import Scrubber
from seamguard.privacy.text_scrub import _NOTHING, _PLAIN
from tests.support.compiled import accelerator
from tests.unit.test_privacy_fast_path import POLICY, _replacers, texts

ROOT = Path(__file__).resolve().parents[2]
COMPILED = accelerator("_privscreen")
SPLICE = accelerator("_privsplice").splice


@pytest.fixture(autouse=True)
def _compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The compiled functions in place even where the package was installed without them."""
    monkeypatch.setattr(settled_walk_module, "settle", COMPILED.settle)
    monkeypatch.setattr(settled_walk_module, "may_name", COMPILED.may_name)
    monkeypatch.setattr(json_text, "splice", SPLICE)
    return


def _pair(replacer: Any, policy: PrivacyPolicy = POLICY) -> tuple[Scrubber, Scrubber]:
    compiled, python = Scrubber(policy, replacer), Scrubber(policy, replacer)
    compiled._compiled, python._compiled = True, False
    return compiled, python


# One long-lived pair per replacer, as a recording session has: remembered results carry over.
PAIRS = {name: _pair(replacer) for name, replacer in _replacers().items() if name != "scan"}


def _same(text: str, pair: tuple[Scrubber, Scrubber], monkeypatch: Any = None) -> None:
    compiled, python = pair
    before = (Counter(compiled.counts), Counter(python.counts))
    got = compiled.json_text(text)
    if monkeypatch is not None:  # the Python write-back for the Python loops
        monkeypatch.setattr(json_text, "splice", None)
    expected = python.json_text(text)
    if monkeypatch is not None:
        monkeypatch.setattr(json_text, "splice", SPLICE)
    assert got == expected
    assert compiled.counts - before[0] == python.counts - before[1]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts())
def test_the_compiled_walk_equals_the_python_loops(text: str) -> None:
    for pair in PAIRS.values():
        _same(text, pair)
        _same(text, pair)  # again, with everything remembered


def _corpus() -> list[dict[str, Any]]:
    """The privacy benchmark's corpus: the repository's cassettes, each copy with fresh Faker
    values in place of its pseudonyms (so there is personal data to find)."""
    spec = importlib.util.spec_from_file_location("privacy_benchmark",
                                                  ROOT / "benchmarks" / "privacy.py")
    assert spec is not None
    assert spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    return benchmark.build(150)  # type: ignore[no-any-return]


class _Request:
    """What vcrpy's request hook reads and writes."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.method, self.uri = data["method"], data["uri"]
        self.headers = dict(data.get("headers") or {})
        body = data.get("body")
        self.body = body.get("string") if isinstance(body, dict) else body

    def as_dict(self) -> dict[str, Any]:
        return {"method": self.method, "uri": self.uri, "headers": self.headers,
                "body": self.body}


def _recorded(corpus: list[dict[str, Any]], compiled: bool) -> list[Any]:
    traffic = TrafficScrubber(PrivacyPolicy.default(), Pseudonymizer(b"settle test key"))
    traffic.scrubber._compiled = compiled
    request, response = traffic.request_hook(), traffic.response_hook()
    out: list[Any] = []
    for _ in range(2):  # the second time through, everything is remembered
        for item in copy.deepcopy(corpus):
            out.append(request(_Request(item["request"])).as_dict())
            out.append(response(item["response"]))
    out.append(dict(traffic.scrubber.counts))
    return out


def test_recorded_traffic_is_scrubbed_the_same_by_both(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus()
    compiled = _recorded(corpus, True)
    monkeypatch.setattr(json_text, "splice", None)
    python = _recorded(corpus, False)
    assert compiled == python
    assert sum(compiled[-1].values()) > 1000  # (the traffic holds personal data to replace)


_PHONE = "13812345678"
_DEEP = 120
HOSTILE = [
    '{"a": ' * _DEEP + '"13812345678"' + "}" * _DEEP,
    "[" * _DEEP + '{"phone": "13812345678"}' + "]" * _DEEP,
    "[" * 5000 + "]" * 5000,
    '{"a": ' * 3000 + "1" + "}" * 3000,
    '{"id": 123456789012345678901234567890, "n": -99999999999999999999, "m": 13812345678}',
    '{"phone": 13812345678, "mobile": -13812345678, "order_id": 13812345678, "x": 999999}',
    '{"f": 1e19, "g": -9.3e18, "h": 9.2e18, "lat": 31.2304, "password": 1.5, "z": 0.1}',
    '{"x": NaN, "y": Infinity, "phone": "13812345678"}',
    '{"email": "a@b.cn", "email": "wang@corp.cn", "note": ""}',
    '{"phone": {"value": "13812345678"}, "note": {"value": "13812345678"}, "v": {"value": 1}}',
    '{"lianxi": "王五", "dh": "13812345678"}',
    '{"lianxi": " 王五", "dh": "13812345678"}',
    '{"lianxi": "王五", "dh": 13812345678}',
    '{"lianxi": "王五", "dh": "12345", "n": 12345, "m": -1234, "b": true}',
    '{"lianxi": "王五", "mobile": ""}',
    '{"goods_name": "真丝围巾", "company_name": "顺丰速运", "tel": "0755-83395188"}',
    json.dumps({f"k{i}": "王五" if i == 3 else "x" for i in range(80)} | {"dh": _PHONE}),
    '[["王五", "13812345678", "深圳市南山区科技园"], ["Inger Andersson", "0521 1234567"]]',
    '{"rows": [["Inger Andersson", "+46 8 518 313 53"], ["a", "b"]], "FieldKeys": "Name,Phone"}',
    '{"header": ["name", "phone"], "rows": [["王五", "13812345678"], ["赵六", "13912345678"]]}',
    '{"first_name": "Inger", "last_name": "Andersson", "email": "inger@example.se"}',
    '{"firstname": "", "lastname": "Andersson", "name": "Inger Andersson", "phone": "1"}',
    '{"idProperty": "email", "id": "wang@corp.cn", "properties": {"phone": "13812345678"}}',
    '{"type": "wechat", "value": "wxid_abcdefgh12345"}',
    '{"sign": "abcdef0123456789abcdef0123456789", "token": "", "password": "hunter2-secret"}',
    '{"note": "the key is hunter2-secret", "list": ["hunter2-secret", 1, null, false]}',
    '{"msgData": "{\\"receiver_mobile\\": \\"13812345678\\"}", "a": "\\u738b\\u4e94"}',
    '{"weird\\"key": "13812345678", "k": "tab\\tphone 13812345678"}',
    '{"items": [{"title": "红色 XL", "price": 199.00}, {"title": "蓝色", "price": 1e2}]}',
    '{"a": [1, 2, 3], "b": [], "c": {}, "d": [[[]]], "e": [{}, {"f": [null]}]}',
    # a replacement remembered under a plain key is not taken for a bare item (read as harmless)
    '[{"title": "gid://shopify/Customer/13812345678"}, "gid://shopify/Customer/13812345678"]',
    '"13812345678"', "13812345678", "null", "[]", "{}", '""', "[1e400]",
    '{"receiver": {"name": "王五", "mobile": "13812345678", "address": "深圳市南山区科技园"}}',
    # a Latin name under a key on no list, beside a contact (any length, accents, titles)
    '{"who": "Josette Picard", "mail": "josette.picard@example.fr"}',
    '{"x": "Émile Zola-Marchand", "tel": "+33 6 12 34 56 78"}',
    '{"x": "  Dr. Anna Smith", "x2": "Invoice March", "dh": "13812345678"}',
    # a person's names listed under a name key
    '{"names": ["山下 くみ子", "Kumiko Yamashita"], "phone": "+81 90-1234-5678"}',
    '{"contact": {"name": ["王五"], "mobile": "13812345678"}}',
    # whole numbers read as floats: a phone, an order id, a negative one, beyond 2^63
    '{"m": 13812345678.0, "order_no": 15019283746.0, "n": -13812345678.0, "big": 1e19}',
    '[[13812345678.0, 1.3812345678E10, 2399.5], {"mobile": 1234567.0, "lat": 1e7}]',
    '{"doc_id": 13812345678.0, "number": 13812345678.0, "token": 13812345678.0}',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_documents_are_scrubbed_the_same_by_both(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for replacer in _replacers().values():
        pair = _pair(replacer)
        _same(text, pair, monkeypatch)
        _same(text, pair, monkeypatch)


def test_declared_harmless_keys_and_secrets_are_read_the_same() -> None:
    policy = replace(PrivacyPolicy.default().with_secrets("s3cr3t-value-42"),
                     allow_keys=frozenset({"hotline"}))
    assert Scrubber(policy).key("hotline").allowed
    pair = _pair(Pseudonymizer(b"k"), policy)
    for text in ('{"hotline": "13812345678", "phone": "13812345678", "n": 13812345678}',
                 '{"hotline": ["13812345678", 13812345678], "x": "s3cr3t-value-42"}',
                 '{"hotline": {"phone": "13812345678"}, "id": 5}'):
        _same(text, pair)
        _same(text, pair)


def test_the_compiled_flags_name_the_kinds_the_records_read() -> None:
    assert json_settle._PERSON_KINDS == record_keys._PERSON_CONTEXT


@pytest.mark.parametrize("args", [
    (),
    ({"a": 1}, ("bad",), {}, _NOTHING, {}, [], None),
    ({"a": 1}, ((), ()), {}, _NOTHING, {}, [], None),
    ([1], (None, {}, "x", ""), {}, _NOTHING, {}, [], None),
    ([1], (None, {}, 0, ""), [], _NOTHING, {}, [], None),
    ([1], (None, {}, 0, ""), {}, _NOTHING, {}, [], "sink"),
    ("text", (None, {}, 0, ""), {}, _NOTHING, {}, [], None),
])
def test_the_compiled_walk_refuses_what_it_cannot_read(args: tuple[Any, ...]) -> None:
    with pytest.raises(TypeError):
        COMPILED.settle(*args)


@pytest.mark.parametrize("args", [
    (), ([], ((), ()), _NOTHING), ({"a": 1}, ((), ()), _NOTHING),
    ({"a": 1}, (("x",), ()), _NOTHING), ({"a": 1}, (((_PLAIN, {}, 0, ""),), []), _NOTHING),
])
def test_the_name_screen_refuses_what_it_cannot_read(args: tuple[Any, ...]) -> None:
    with pytest.raises(TypeError):
        COMPILED.may_name(*args)


def test_a_plan_that_does_not_fit_its_object_is_walked_in_python() -> None:
    context = (_PLAIN, {}, 0, "")
    document = {"a": {"b": "13812345678", "c": 1}}
    plans = {("b", "c"): ((context,), ())}  # one context for two keys
    literals, exact, deferred = COMPILED.settle(document, ((context,), ()), plans, _NOTHING,
                                                {}, [], None)
    assert (literals, exact) == (1, False)
    assert deferred == [(document, "a", document["a"], context)]


# --- the write-back -----------------------------------------------------------------------

_LITERALS = ["13812345678", "王五", "a", "", "x y", "Inger Andersson", "paid", "b@c.cn"]


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, dict[str, list[Any]]]:
    leaves = st.one_of(st.sampled_from(_LITERALS), st.integers(), st.none())
    document = draw(st.recursive(leaves, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(_LITERALS), inner,
                                                     max_size=4)), max_leaves=12))
    text = json.dumps(document, ensure_ascii=False, indent=draw(st.sampled_from([None, 1])))
    olds = draw(st.lists(st.sampled_from([*_LITERALS, "absent"]), max_size=4, unique=True))
    plan = {old: [json.dumps(f"<{old}>", ensure_ascii=False), draw(st.integers(0, 3))]
            for old in olds}
    return text, plan


@settings(max_examples=400, deadline=None)
@given(_documents())
def test_the_compiled_splice_equals_the_python_one(case: tuple[str, dict[str, list[Any]]]
                                                   ) -> None:
    text, plan = case
    mine, theirs = copy.deepcopy(plan), copy.deepcopy(plan)
    assert SPLICE(text, mine) == _splice(text, theirs)
    if SPLICE(text, copy.deepcopy(plan)) is not None:
        assert mine == theirs  # the counts left


def test_the_write_back_reaches_only_whole_literals(monkeypatch: pytest.MonkeyPatch) -> None:
    text = '{"a": "13812345678", "b": ["13812345678x", "x13812345678"], "13812345678": 1}'
    edits = [({}, "a", "13812345678", "PHONE")]
    # the key holds the value too: more occurrences than the walk replaced
    assert write_back(text, edits, 6) is None
    text = '{"a": "13812345678", "b": ["13812345678x", "x13812345678"], "c": 1}'
    compiled = write_back(text, edits, 6)
    monkeypatch.setattr(json_text, "splice", None)
    assert compiled == write_back(text, edits, 6) == text.replace('"13812345678"', '"PHONE"')
    assert SPLICE('"unclosed', {"unclosed": ['"x"', 1]}) == '"unclosed'
    with pytest.raises(TypeError):
        SPLICE(text, {"a": ("x", 1)})


def test_one_key_set_with_different_names_by_their_company(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the contexts kept per set of names deferred are those of that set, not the first one's
    for replacer in _replacers().values():
        pair = _pair(replacer)
        for text in ('{"ta": "王五", "who": "订单", "dh": "13812345678"}',
                     '{"ta": "订单", "who": "赵六", "dh": "13912345678"}',
                     '{"ta": "孙七", "who": "周八", "dh": "13712345678"}',
                     '{"ta": "王五", "who": "订单", "dh": "13812345678"}'):
            _same(text, pair, monkeypatch)
