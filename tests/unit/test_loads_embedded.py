"""Documents inside a screened document's strings, read without a screen of their own.

``loads_json_screened`` must read a text as ``loads_json`` does, and say "screened" only when
every string in the value (and every string inside those, read by ``loads_embedded``) is read
by ``loads_embedded`` as ``loads_json`` reads it, for the same depth limit or a larger one. The
reference is ``_loads_json`` (json's decoder with its checks), as in ``test_loads_json_fast``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from seamguard.contracts.id_precision import may_hold_lossy, text_may_hold_lossy
from seamguard.documents import _loads_json, loads_embedded, loads_json_screened, loads_json_screens
from tests.unit.test_loads_json_fast import _VALUES, HOSTILE, _outcome, _same


def _strings(value: Any) -> list[str]:
    found, stack = [], [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            stack.extend(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _same_outcome(ours: tuple[str, Any], reference: tuple[str, Any]) -> bool:
    if ours[0] != reference[0]:
        return False
    return _same(ours[1], reference[1]) if ours[0] == "value" else ours[1] == reference[1]


def _check(text: str, depth: int = 128, levels: int = 3) -> None:
    """The text reads as the reference reads it; when screened, so does every string in it,
    through ``levels`` levels of documents inside strings; when also said lossless, none of
    those documents may hold a float beyond 2^53 (``may_hold_lossy`` and
    ``text_may_hold_lossy`` say no)."""
    try:
        value, screened, lossless = loads_json_screens(text, depth)
        ours: tuple[str, Any] = ("value", value)
        assert loads_json_screened(text, depth)[1] == screened
    except ValueError as exc:
        ours, screened, lossless = (type(exc).__name__, str(exc)), False, False
    assert _same_outcome(ours, _outcome(_loads_json, text, depth)), text[:200]
    assert screened or not lossless
    if not screened:
        return
    if lossless:
        assert not may_hold_lossy(ours[1]), text[:200]
    documents = [ours[1]]
    for _ in range(levels):
        inner = []
        for string in (s for document in documents for s in _strings(document)):
            for limit in (depth, depth + 1, 128):
                if limit < depth:
                    continue
                embedded = _outcome(loads_embedded, string, limit)
                assert _same_outcome(embedded, _outcome(_loads_json, string, limit)), \
                    (text[:200], string[:200], limit)
                if embedded[0] == "value":
                    inner.append(embedded[1])
                    if lossless:
                        assert not may_hold_lossy(embedded[1]), (text[:200], string[:200])
                if lossless:
                    assert not text_may_hold_lossy(string), (text[:200], string[:200])
        documents = inner


# Outer documents whose strings hold what a screen must catch, written so that the outer
# text's own screen could miss it: digits and brackets behind \u escapes, long runs and deep
# nesting inside strings, documents inside documents inside strings.
_LONG = "1" * 20
_DEEP = "[" * 129 + "]" * 129
_EMBEDDED_HOSTILE = [
    json.dumps({"a": f"[{_LONG}]"}),
    json.dumps({"a": f"[{_LONG}]"}).replace("1", "\\u0031"),
    json.dumps({"a": f"[{_LONG[:10]}\\u0031{_LONG[10:]}]"}),
    json.dumps({"a": f"[{_LONG[:18]}]"}).replace('"a": "[1', '"a": "[\\u0031'),
    json.dumps({"a": _DEEP}),
    json.dumps({"a": _DEEP}).replace("[", "\\u005b"),
    json.dumps({"a": _DEEP}).replace("]", "\\u005d"),
    json.dumps({"a": "[" * 64 + "]" * 64, "b": "[" * 65 + "]" * 65}),
    json.dumps({"a": json.dumps({"b": json.dumps({"c": _LONG})})}),
    json.dumps({"a": json.dumps({"b": json.dumps([_DEEP])})}),
    json.dumps({"a": json.dumps({"b": "\\ud800"})}),
    json.dumps({"a": '"\\ud800"'}),
    json.dumps({"a": "1e999", "b": "NaN", "c": "[1,]", "d": "\ufeff[1]", "e": "1" * 19}),
    json.dumps({"a": "-" + "9" * 19, "b": "9" * 18}),
    json.dumps({"a": "[" * 128 + "]" * 128}),
    json.dumps({"a": "[" * 129}),
    # floats beyond 2^53, in the text, in its strings, behind escapes
    json.dumps({"a": 1e16, "b": 2.0**60, "c": 1234567890123456.0, "d": -9007199254740993.0}),
    json.dumps({"a": json.dumps([1e16]), "b": json.dumps({"c": json.dumps(1.5e300)})}),
    json.dumps({"a": "[1E20]", "b": "[12345678901234567.5]", "c": "[9007199254740993.0]"}),
    json.dumps({"a": "[1\\u0065" + "20]"}),
    json.dumps({"a": "[1\\u004520]", "b": "[123456789012345678\\u002e5]"}),
    json.dumps({"a": "[1\\n" + "e20]", "b": "[1" + "\\t" + "E20]"}),
    '{"a": 1.0E+16, "b": "x"}',
    '[9007199254740992.0]',
    '[900719925474099.5, 1e5, 1.5, "2e+16", "abcdef1234567890123456."]',
    *HOSTILE,
    *(json.dumps({"a": text}) for text in HOSTILE),
    *(json.dumps({"a": text}, ensure_ascii=False) for text in HOSTILE),
]


@pytest.mark.parametrize("text", _EMBEDDED_HOSTILE)
def test_strings_of_a_screened_document_read_as_json_reads_them(text: str) -> None:
    for depth in (8, 64, 128, 129, 256):
        _check(text, depth)


@settings(max_examples=300, deadline=None)
@given(value=_VALUES, inner=_VALUES, ascii_=st.booleans(), depth=st.sampled_from([2, 8, 128]))
@example(value=[], inner=int(_LONG), ascii_=True, depth=128)
def test_generated_documents_inside_strings(value: Any, inner: Any, ascii_: bool,
                                             depth: int) -> None:
    text = json.dumps({"v": value, "doc": json.dumps(inner, ensure_ascii=ascii_),
                       "twice": json.dumps({"d": json.dumps([inner, value])})},
                      ensure_ascii=ascii_)
    _check(text, depth)


def test_the_usual_payload_is_screened() -> None:
    """The gateway answers seamguard checks are screened (else the fast reading never runs
    and the tests above prove nothing about it)."""
    body = json.dumps({"apiResultCode": "A1000", "apiResultData": json.dumps(
        {"success": True, "msgData": {"routeResps": [{"mailNo": "SF1234567890123",
                                                      "remark": "快件已发车"}]}},
        ensure_ascii=False)}, ensure_ascii=False)
    assert loads_json_screened(body, 128)[1]
    assert not loads_json_screened(body.replace("SF", "\\u0053F"), 128)[1]
    assert loads_json_screens(body, 128)[2]  # and said free of floats beyond 2^53
    assert not loads_json_screens(body, 128, lossless=False)[2]  # (when asked)
    lossy = body.replace('{"apiResultCode"', '{"n": 1e16, "apiResultCode"')
    assert not loads_json_screens(lossy, 128)[2]
