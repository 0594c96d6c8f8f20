"""The compiled loop over an embedded-document site (``seamguard._jsonscan.documents``): it
answers "clean" only where the Python loop of ``PlanDocument.clean`` does, on generated and
hostile texts (repeated keys, escapes, 19-digit runs, exponents, deep nesting, lone surrogates,
not JSON, not text), so a plan's verdicts are the same with and without the accelerator; and it
stays safe when its callbacks raise or change the values it was given."""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard import verify_gateway_documents
from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.document_scan import EXPONENT, LONG_DIGITS, SIXTEEN, screens_reference
from seamguard.documents import DEFAULT_MAX_DEPTH
from seamguard.project import find_project
from seamguard.verify_gateway import request_media
from seamguard.verify_gateway_documents import PlanDocument
from tests.support.compiled import accelerator
from tests.support.gateway import gateway_project


@pytest.fixture(scope="module")
def compiled() -> ModuleType:
    return accelerator()


def _contracts() -> tuple[Contract, Contract]:
    root = gateway_project(Path(tempfile.mkdtemp(prefix="seamguard-plan-docs-")), {})
    catalog = ContractCatalog(find_project(root, explicit=True))
    top, sf = catalog.load("taobao", "2.0"), catalog.load("sf", "v2")
    assert isinstance(top, Contract)
    assert isinstance(sf, Contract)
    return top, sf


TOP, SF = _contracts()
# TOP's answer: trade_attr documents (no integer in their schema); SF's request: msgData
# (RouteQuery, with integers: a float beyond 2^53 in it is looked for)
TRADES = PlanDocument.of(TOP, TOP.root("#/components/schemas/TradesSold"))
ROUTE_FORM = PlanDocument.of(SF, request_media(SF.match(  # type: ignore[arg-type,union-attr]
    "post", "/std/service#EXP_RECE_SEARCH_ROUTES").request,  # type: ignore[union-attr]
    "application/x-www-form-urlencoded").schema)

# Texts inside the strings: valid and invalid documents for both inner schemas, and hostile
# pieces (keys named twice, plain and escaped; escapes; digit runs; exponents; nesting; lone
# surrogates; not JSON).
INNER = [
    '{"erpHold": "0", "presell": true}', '{"erpHold": "1"}', '{}', '{"erpHold": "2"}',
    '{"erpHold": "0", "erpHold": "1"}', '{"erpHold": "0", "\\u0065rpHold": "1"}',
    '{"presell": "yes"}', '[]', '"text"', '1', 'null', '', '{', 'NaN', '{"a": 1e999}',
    '{"trackingType": 1, "trackingNumber": ["SF1"]}', '{"trackingType": 1.0e0, '
    '"trackingNumber": []}', '{"trackingType": 2, "trackingNumber": [], "methodType": '
    '12345678901234567.0}', '{"trackingType": 1, "trackingNumber": [], "methodType": '
    '1234567890123456789012}', '{"trackingType": 1, "trackingNumber": [], "methodType": 1e300}',
    '{"trackingType": 3, "trackingNumber": []}', '{"trackingType": 1}',
    '{"trackingType": 1, "trackingNumber": ["\\ud800"]}', '{"trackingType": 1, '
    '"trackingNumber": ["深圳:南山"], "language": "zh-CN", "language": "en"}',
    '[' * 130 + ']' * 130, '{"erpHold": "0", "x": ' + '[' * 129 + ']' * 129 + '}',
    '{"erpHold": "\\u0030"}', '\ufeff{}', '{"erpHold": "0"} ', ' {"presell": false}',
]
VALUES = st.one_of(st.sampled_from(INNER), st.text(alphabet='{}[]":,1e.\\u0a', max_size=16),
                   st.none(), st.integers(), st.just({"erpHold": "0"}))


def _trades(attrs: list[Any]) -> dict[str, Any]:
    return {"total_results": len(attrs), "trades": {"trade": [
        {"tid": 1, "status": "TRADE_FINISHED", "payment": "1.00", "trade_attr": attr}
        for attr in attrs]}}


def _verdicts(document: PlanDocument, instance: Any, compiled: ModuleType,
              **flags: bool) -> tuple[bool, bool]:
    answers = []
    for loop in (compiled.documents, None):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(verify_gateway_documents, "_DOCUMENTS", loop)
            answers.append(document.clean(instance, **flags))
    return answers[0], answers[1]


def test_the_validators_are_bound_first() -> None:
    # the compiled loop runs once a document's validator is bound (after its first call)
    assert TRADES.clean(_trades(['{"erpHold": "0"}']))
    assert ROUTE_FORM.clean({"msgData": '{"trackingType": 1, "trackingNumber": []}'},
                            typed_text=True)
    assert TRADES.sites[0][3].check is not None
    assert ROUTE_FORM.sites[0][3].check is not None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attrs=st.lists(VALUES, max_size=4), screened=st.booleans(), lossless=st.booleans())
def test_a_plan_answers_alike_with_and_without_the_compiled_loop(
        compiled: ModuleType, attrs: list[Any], screened: bool, lossless: bool) -> None:
    test_the_validators_are_bound_first()
    with_loop, without = _verdicts(TRADES, _trades(attrs), compiled, screened=screened,
                                   lossless=lossless)
    assert with_loop == without
    form = {"msgData": attrs[0]} if attrs else {}
    with_loop, without = _verdicts(ROUTE_FORM, form, compiled, typed_text=True)
    assert with_loop == without


@pytest.mark.parametrize("text", INNER)
def test_each_hostile_text_alone(compiled: ModuleType, text: str) -> None:
    test_the_validators_are_bound_first()
    for screened in (False, True):
        assert len(set(_verdicts(TRADES, _trades([text]), compiled, screened=screened))) == 1
    assert len(set(_verdicts(ROUTE_FORM, {"msgData": text}, compiled, typed_text=True))) == 1


def _reference(values: Any, loads: Any, check: Any, key: str | None, screened: bool,
               max_depth: int, integers: bool) -> bool:
    """What ``documents`` promises, in Python."""
    for text in tuple(values):
        if not isinstance(text, str):
            continue
        try:
            value = loads(text)
        except ValueError:
            return False
        flags, openings, repeats = screens_reference(text, value)
        if repeats or (not screened and (flags & LONG_DIGITS or openings > max_depth)) or (
                integers and flags & (EXPONENT | SIXTEEN)):
            return False
        if not check(value if key is None else {key: value}):
            return False
    return True


@settings(max_examples=800, deadline=None)
@given(values=st.lists(VALUES, max_size=5), key=st.sampled_from([None, "k"]),
       screened=st.booleans(), depth=st.sampled_from([0, 2, DEFAULT_MAX_DEPTH]),
       integers=st.booleans(), wrap=st.sampled_from([list, tuple]))
def test_documents_keeps_its_promise(compiled: ModuleType, values: list[Any], key: str | None,
                                     screened: bool, depth: int, integers: bool,
                                     wrap: Any) -> None:
    def check(instance: Any) -> Any:  # any truthy answer, as is_valid's
        inner = instance if key is None else instance[key]
        return 1 if not isinstance(inner, dict) or inner.get("erpHold") != "2" else 0

    arguments = (wrap(values), orjson.loads, check, key, screened, depth, integers)
    assert compiled.documents(*arguments) is _reference(*arguments)


def test_documents_survives_its_callbacks(compiled: ModuleType) -> None:
    values = ['{"a": 1}', '{"b": 2}', '{"c": 3}']

    def emptying(text: str) -> Any:  # changes the list it was given while it runs
        values.clear()
        return orjson.loads(text)

    assert compiled.documents(values, emptying, lambda _: True, None, True, 8, False) is True
    assert values == []

    def failing(text: str) -> Any:
        raise RuntimeError("the parser broke")

    with pytest.raises(RuntimeError, match="the parser broke"):
        compiled.documents(["{}"], failing, lambda _: True, None, True, 8, False)
    with pytest.raises(ZeroDivisionError):
        compiled.documents(["{}"], orjson.loads, lambda _: 1 / 0, "k", True, 8, False)
    # a parser's ValueError (orjson's JSONDecodeError is one): not shown, the loop decides
    assert compiled.documents(["{"], orjson.loads, lambda _: True, None, True, 8, False) is False
    for wrong in ((), ("{}",), ("{}", orjson.loads, bool, 3, True, 8, False),
                  ("{}", orjson.loads, bool, None, True, 8, False),
                  ([], orjson.loads, bool, None, True, "8", False)):
        with pytest.raises(TypeError):
            compiled.documents(*wrong)
