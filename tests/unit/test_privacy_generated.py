"""Generated personal values (Faker zh_CN / en_US, python-stdnum) in every place a recording or a
report can hold them — unlisted keys, JSON keys, nested JSON, free text glued to Chinese, bare and
nested query parameters, cookies, XML comments and CDATA, GBK bodies with a declared, a missing or
a wrong charset — must leave no trace in any spelling (digits, full-width, URL- or JSON-escaped).

None of these values were written by hand: the detectors are tested on what a generator makes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import quote, quote_plus

import pytest
from stdnum import luhn
from stdnum.cn import ric

from seamguard.privacy import TrafficScrubber, mask_text
from tests.support.generated_pii import SEEDS, assert_gone


def _body(content_type: str, data: bytes) -> Callable[[TrafficScrubber], bytes | str | None]:
    return lambda t: t.body(data, {"Content-Type": [content_type]})


def _gbk(text: str) -> bytes:
    return text.encode("gbk")


PLACES: dict[str, Callable[[str], Callable[[TrafficScrubber], bytes | str | None]]] = {
    "json-unlisted-key": lambda v: _body("application/json", json.dumps(
        {"zz_misc": v}, ensure_ascii=False).encode()),
    "json-key": lambda v: _body("application/json", json.dumps(
        {v: 1}, ensure_ascii=False).encode()),
    "json-list": lambda v: _body("application/json", json.dumps([v], ensure_ascii=False).encode()),
    "json-ascii-escapes": lambda v: _body("application/json", json.dumps({"k": f"x {v}"}).encode()),
    "json-in-string": lambda v: _body("application/json", json.dumps(
        {"ext": json.dumps({"k": v}, ensure_ascii=False)}, ensure_ascii=False).encode()),
    "free-text-glued": lambda v: _body("application/json", json.dumps(
        {"note": f"备注{v}谢谢"}, ensure_ascii=False).encode()),
    "text-plain": lambda v: _body("text/plain", f"客户留言：{v}".encode()),  # noqa: RUF001
    "form": lambda v: _body("application/x-www-form-urlencoded",
                            f"a=1&zz={quote_plus(v)}".encode()),
    "form-gbk": lambda v: _body("application/x-www-form-urlencoded; charset=GBK",
                                f"a=1&zz={quote_plus('备注' + v, encoding='gbk')}".encode()),
    "xml-text-attr-cdata": lambda v: _body("application/xml", (
        f"<r><zz>{v}</zz><q a='{v}'/><![CDATA[{v}]]></r>").encode()),
    "xml-comment": lambda v: _body("application/xml", f"<r><!-- 旧值 {v} --></r>".encode()),
    "xml-gbk-prolog": lambda v: _body("text/xml", _gbk(
        f'<?xml version="1.0" encoding="GBK"?><r><zz>{v}</zz></r>')),
    "gbk-json-declared": lambda v: _body("application/json; charset=GBK", _gbk(json.dumps(
        {"zz": f"备注 {v}"}, ensure_ascii=False))),
    "gbk-json-undeclared": lambda v: _body("application/json", _gbk(json.dumps(
        {"zz": f"备注 {v}"}, ensure_ascii=False))),
    "gbk-json-declared-utf8": lambda v: _body("application/json; charset=utf-8", _gbk(
        json.dumps({"zz": f"备注 {v}"}, ensure_ascii=False))),
    "query": lambda v: lambda t: t.url(f"https://x.example.cn/a?zz={quote(v)}&y=2"),
    "query-bare-parameter": lambda v: lambda t: t.url(f"https://x.example.cn/a?{quote(v)}"),
    "query-nested-url": lambda v: lambda t: t.url(
        "https://x.example.cn/cb?next=" + quote(f"https://y.example.cn/p?zz={quote(v)}")),
    "path-after-naming-segment": lambda v: lambda t: t.url(
        f"https://x.example.cn/customers/by-phone/{quote(v)}"
        if v[-1].isdigit() and "@" not in v else f"https://x.example.cn/users/{quote(v)}/orders"),
    "header-unlisted": lambda v: lambda t: t.header("X-Zz", v),
    "cookie": lambda v: lambda t: t.header("Cookie", f"a=b; zz={v}"),
    "set-cookie": lambda v: lambda t: t.header("Set-Cookie", f"zz={quote(v)}; Path=/"),
    "report-message": lambda v: lambda _t: mask_text(f"expected a number, got {v!r}"),
    "report-json-ascii": lambda v: lambda _t: mask_text(json.dumps({"zz": v})),
}
# Addresses and tokens are text: they have no digits-only spelling in a URL path.
_NOT_IN_PATH = ("address", "jwt", "stripe", "aliyun")


# A bare name is found only where a key or a label announces it (test below).
_UNLABELLED = [name for name in sorted(SEEDS) if "name" not in name]


@pytest.mark.parametrize(("name", "place"), [
    (name, place) for name in _UNLABELLED for place in sorted(PLACES)
    if not (place == "path-after-naming-segment" and name.startswith(_NOT_IN_PATH))])
def test_a_generated_value_leaves_no_trace(name: str, place: str) -> None:
    output = PLACES[place](SEEDS[name])(TrafficScrubber())
    assert output is not None
    assert_gone(name, output)


def test_the_generated_seeds_are_real_looking() -> None:
    assert all(ric.is_valid(SEEDS[f"id{i}"]) for i in range(3))
    assert all(luhn.is_valid(SEEDS[k]) for k in ("unionpay", "visa", "mastercard", "amex"))
    assert all("座" in SEEDS[f"address{i}"] for i in range(3))  # Faker's zh_CN street format


def test_a_bare_order_id_in_a_path_stays() -> None:
    """Path segments stay identifiers unless the segment before names a personal field."""
    url = "https://x.example.cn/deals/19823400101/orders/5829462287003"
    assert TrafficScrubber().url(url) == url


NAMED = {
    "json-name-key": lambda v: _body("application/json", json.dumps(
        {"receiverName": v}, ensure_ascii=False).encode()),
    "json-label": lambda v: _body("application/json", json.dumps(
        {"remark": f"收件人：{v}，请尽快发货"}, ensure_ascii=False).encode()),  # noqa: RUF001
    "gbk-form-label": lambda v: _body("application/x-www-form-urlencoded; charset=GBK", (
        "remark=" + quote_plus(f"联系人:{v}", encoding="gbk")).encode()),
    "xml-name-element": lambda v: _body("application/xml", f"<r><j_contact>{v}</j_contact></r>"
                                        .encode()),
}


@pytest.mark.parametrize(("name", "place"), [
    (name, place) for name in sorted(SEEDS) if "name" in name for place in sorted(NAMED)
    if not (name == "en-name" and place != "json-name-key")])
def test_a_generated_name_under_a_key_or_label_leaves_no_trace(name: str, place: str) -> None:
    assert_gone(name, NAMED[place](SEEDS[name])(TrafficScrubber()))


def _grouped(number: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, start = [], 0
    for size in sizes:
        parts.append(number[start:start + size])
        start += size
    return sep.join(parts)


@pytest.mark.parametrize("index", range(3))
@pytest.mark.parametrize(("sizes", "sep"), [((6, 8, 4), " "), ((6, 8, 4), "-"),
                                            ((4, 4, 4, 4, 2), " ")])
def test_a_resident_id_written_in_groups_is_found(index: int, sizes: tuple[int, ...],
                                                  sep: str) -> None:
    spelled = _grouped(SEEDS[f"id{index}"], sizes, sep)
    masked = mask_text(f"证件号 {spelled} 已核验")
    assert spelled not in masked
    assert SEEDS[f"id{index}"][6:14] not in masked


@pytest.mark.parametrize("text", [
    "四川成都武侯区人民南路四段1号", "北京市海淀区中关村大街二段27号院3号楼",
    "联系 zhang.wei@例子.中国 或 用户@example.cn"])
def test_sections_and_internationalised_addresses(text: str) -> None:
    masked = mask_text(text)
    assert not any(part in masked for part in ("段1号", "段27号", "zhang.wei@", "用户@"))


def test_grouped_digits_that_are_no_id_stay() -> None:
    text = "订单 2024 0712 0931 0700 12 号, 1234 5678 9012 3456 78"
    assert mask_text(text) == text


def test_every_readable_part_of_a_finding_is_masked() -> None:
    from seamguard.findings import Finding, Location, Severity
    from seamguard.privacy import mask_finding

    finding = Finding(
        code="field.undeclared", severity=Severity.WARNING, check="recorded",
        message="field is not declared",
        location=Location(file="fixtures/cassettes/c.yaml", line=2,
                          pointer=f"/customers/{SEEDS['email0']}/{SEEDS['mobile0']}",
                          key=SEEDS["id0"], operation=f"GET /by-phone/{SEEDS['mobile1']}"),
        hint=f"ask {SEEDS['en-email0']}", actual=int(SEEDS["mobile2"]),
        reproduce=(f"curl 'http://127.0.0.1/c?email={SEEDS['email1']}'",))
    shown = repr(mask_finding(finding))
    for name in ("email0", "mobile0", "id0", "mobile1", "en-email0", "mobile2", "email1"):
        assert_gone(name, shown)
    assert "fixtures/cassettes/c.yaml" in shown
