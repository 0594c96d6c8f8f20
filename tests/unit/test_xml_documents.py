"""XML bodies read into JSON-like documents: the convention, its laws, and hostile input."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.xml_documents import XmlProblem, is_xml_media, loads_xml, looks_like_xml

# The shapes the Go SDK for TOP reads (``xml:"trades>trade"``): a list is a wrapper element
# holding repeated item elements.
TOP_PAGE = """<?xml version="1.0" encoding="utf-8" ?>
<trades_sold_get_response>
  <total_results>2</total_results>
  <has_next>false</has_next>
  <trades list="true">
    <trade><tid>1873045529201</tid><payment>536.00</payment>
      <orders list="true"><order><oid>1</oid></order></orders></trade>
    <trade><tid>1873045529202</tid><payment>12.50</payment><pay_time/></trade>
  </trades>
  <request_id>16mkzzbqb0dan</request_id>
</trades_sold_get_response>"""


def test_top_page_has_the_json_answer_s_shape() -> None:
    assert loads_xml(TOP_PAGE) == {"trades_sold_get_response": {
        "total_results": "2", "has_next": "false",
        "trades": {"trade": [
            {"tid": "1873045529201", "payment": "536.00", "orders": {"order": [{"oid": "1"}]}},
            {"tid": "1873045529202", "payment": "12.50", "pay_time": ""}]},
        "request_id": "16mkzzbqb0dan"}}


def test_top_error_response() -> None:
    body = ("<error_response><code>27</code><msg>Invalid session</msg>"
            "<sub_code>invalid-sessionkey</sub_code><sub_msg>SessionKey非法</sub_msg>"
            "<request_id>zt9kzbkxbv2s</request_id></error_response>")
    assert loads_xml(body) == {"error_response": {
        "code": "27", "msg": "Invalid session", "sub_code": "invalid-sessionkey",
        "sub_msg": "SessionKey非法", "request_id": "zt9kzbkxbv2s"}}


def test_pinduoduo_error_response() -> None:
    body = ("<?xml version='1.0' encoding='UTF-8'?><error_response><error_code>10019"
            "</error_code><error_msg>access_token已过期</error_msg><sub_code/><sub_msg/>"
            "</error_response>")
    assert loads_xml(body) == {"error_response": {"error_code": "10019",
                                                  "error_msg": "access_token已过期",
                                                  "sub_code": "", "sub_msg": ""}}


def test_sf_legacy_response_keeps_attributes_and_text() -> None:
    body = ('<Response service="RoutePushService"><Head>ERR</Head>'
            '<ERROR code="4001">系统发生数据错误或运行时异常</ERROR></Response>')
    assert loads_xml(body) == {"Response": {
        "service": "RoutePushService", "Head": "ERR",
        "ERROR": {"code": "4001", "#text": "系统发生数据错误或运行时异常"}}}


def test_attributes_read_as_sf_s_json_push_mode_writes_them() -> None:
    body = ('<Request service="RoutePushService" lang="zh-CN"><Body>'
            '<WaybillRoute id="e7a92fef732c567" mailno="SF1462053916511" opCode="44"/>'
            "</Body></Request>")
    assert loads_xml(body) == {"Request": {"service": "RoutePushService", "lang": "zh-CN",
                                           "Body": {"WaybillRoute": {
                                               "id": "e7a92fef732c567",
                                               "mailno": "SF1462053916511", "opCode": "44"}}}}


def test_an_attribute_named_like_a_child_element_is_kept_apart() -> None:
    assert loads_xml('<r id="a"><id>b</id><id>c</id></r>') == {"r": {"@id": "a",
                                                                   "id": ["b", "c"]}}


def test_repeated_children_are_arrays_single_ones_are_not() -> None:
    assert loads_xml("<r><a>1</a><b>2</b><a>3</a></r>") == {"r": {"a": ["1", "3"], "b": "2"}}
    assert loads_xml("<r><a>1</a></r>") == {"r": {"a": "1"}}
    # list="true" makes even one child (or none) a list, and is not kept as an attribute
    assert loads_xml('<r><l list="true"><i>1</i></l></r>') == {"r": {"l": {"i": ["1"]}}}
    assert loads_xml('<r><l list="true"/></r>') == {"r": {"l": {}}}


def test_namespaces_are_dropped_and_cdata_is_text() -> None:
    body = ('<s:Envelope xmlns:s="urn:x" s:id="7"><s:Body><v><![CDATA[<b>1</b>]]></v>'
            "</s:Body></s:Envelope>")
    assert loads_xml(body) == {"Envelope": {"id": "7", "Body": {"v": "<b>1</b>"}}}


def test_blank_lines_before_the_declaration_are_not_an_error() -> None:
    assert loads_xml('\ufeff\r\n  <?xml version="1.0"?>\n<m>1</m>\n') == {"m": "1"}


def test_declared_charset_of_already_decoded_text_is_ignored() -> None:
    # decode_body read the bytes as GBK already; the parser must not decode again
    assert loads_xml('<?xml version="1.0" encoding="GBK"?><m>交易不存在</m>') == {
        "m": "交易不存在"}


@pytest.mark.parametrize(("body", "kind", "words"), [
    ("<a><b></a>", "not-well-formed", "mismatched tag at line 1 column"),
    ("", "not-well-formed", "no element found"),
    ("{\"a\": 1}", "not-well-formed", "(invalid token) at line 1 column 1"),
    ("<a>&nbsp;</a>", "not-well-formed", "undefined entity"),
    ("<a/><b/>", "not-well-formed", "junk after document element"),
    # billion laughs: refused at the DTD, before anything is expanded
    ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
     '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
     '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
     "<lolz>&lol3;</lolz>", "unsafe", "billion laughs"),
    # XXE: an external entity is never fetched
    ('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', "unsafe", "XXE"),
    ('<!DOCTYPE r SYSTEM "http://169.254.169.254/latest">', "unsafe", "DTD"),
    ("<a>" * 200 + "</a>" * 200, "too-deep", "deeper than 128"),
])
def test_bad_xml_is_a_problem_never_a_crash(body: str, kind: str, words: str) -> None:
    with pytest.raises(XmlProblem) as raised:
        loads_xml(body)
    assert raised.value.kind == kind
    assert words in raised.value.reason


def test_depth_bound_is_the_callers() -> None:
    deep = "<a>" * 20 + "</a>" * 20
    assert loads_xml(deep, max_depth=20)
    with pytest.raises(XmlProblem):
        loads_xml(deep, max_depth=19)


def test_a_very_deep_document_is_refused_without_recursion() -> None:
    with pytest.raises(XmlProblem) as raised:
        loads_xml("<a>" * 100_000 + "</a>" * 100_000, max_depth=256)
    assert raised.value.kind == "too-deep"


def test_media_types() -> None:
    assert is_xml_media("text/xml;charset=UTF-8")
    assert is_xml_media("application/xml")
    assert is_xml_media("application/soap+xml; charset=utf-8")
    assert not is_xml_media("application/json")
    assert not is_xml_media("text/html")
    assert not is_xml_media(None)
    assert looks_like_xml("\ufeff  <?xml version='1.0'?><a/>")
    assert not looks_like_xml('{"a": "<b>"}')


# -- laws ------------------------------------------------------------------------------------

_NAMES = st.from_regex(r"[a-z][a-z_]{0,6}", fullmatch=True)
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
                ).filter(lambda t: t.strip() != "")
_DOCS: st.SearchStrategy[Any] = st.recursive(
    _TEXT, lambda inner: st.dictionaries(_NAMES, inner | st.lists(inner, min_size=2,
                                                                   max_size=3),
                                         min_size=1, max_size=4), max_leaves=12)


def _write(name: str, value: Any) -> str:
    if isinstance(value, dict):
        return f"<{name}>{''.join(_write_member(k, v) for k, v in value.items())}</{name}>"
    return f"<{name}>{escape(value)}</{name}>"


def _write_member(name: str, value: Any) -> str:
    if isinstance(value, list):
        return "".join(_write(name, item) for item in value)
    return _write(name, value)


@given(_DOCS)
def test_written_documents_read_back_the_same(document: Any) -> None:
    """Any JSON-like document of objects, arrays of two or more and non-blank texts, written as
    XML by the convention, reads back as itself."""
    assert loads_xml(_write("root", document)) == {"root": document}


@given(st.text(max_size=200))
def test_any_text_reads_or_is_a_problem(text: str) -> None:
    kind = None
    try:
        document: Any = loads_xml(text)
    except XmlProblem as problem:
        kind, document = problem.kind, None
    assert kind in (None, "not-well-formed", "unsafe", "too-deep")
    if kind is None:
        assert isinstance(document, dict)
        assert len(document) == 1


def _tree(element: Any) -> Any:
    """The convention, written as a walk over a parsed tree: a reference for the streaming
    builder (which sees expat's events, names and attributes as expat writes them)."""
    def local(name: str) -> str:
        return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]

    is_list = element.attrib.get("list", "").strip().lower() == "true"
    attributes = {local(k): v for k, v in element.attrib.items()
                  if not (is_list and k == "list")}
    children = [(local(child.tag), _tree(child)) for child in element]
    text = (element.text or "") + "".join(child.tail or "" for child in element)
    if not children and not attributes and not is_list:
        return text if text.strip() else ""
    names = [name for name, _ in children]
    out: dict[str, Any] = {f"@{k}" if k in names else k: v for k, v in attributes.items()}
    for name, child in children:
        if is_list or names.count(name) > 1:
            out.setdefault(name, []).append(child)
        else:
            out[name] = child
    if text.strip():
        out["#text"] = text
    return out


_PIECES = st.sampled_from([
    "<a>", "</a>", "<b>", "</b>", '<c list="true">', "</c>", "<d/>", '<e x="1" b="2"/>',
    '<n:f xmlns:n="urn:n" n:y="3">', "</n:f>", '<g xmlns="urn:g">', "</g>", "t", " ",
    "<![CDATA[<x> & y]]>", "<!-- c -->", "&amp;", "中文", '<b list="false">', "\n"])


@given(st.lists(_PIECES, max_size=16))
def test_the_streaming_reader_agrees_with_a_tree_walk(pieces: list[str]) -> None:
    """Names with and without namespaces, attributes (with `list`), mixed text, CDATA and
    comments read the same as a walk over defusedxml's tree of the same text."""
    from defusedxml.ElementTree import fromstring

    text = "<root>" + "".join(pieces) + "</root>"
    try:
        tree = fromstring(text)
    except Exception:  # not well-formed: the reader says so too
        with pytest.raises(XmlProblem):
            loads_xml(text)
        return
    assert loads_xml(text) == {"root": _tree(tree)}
