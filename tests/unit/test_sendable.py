"""Requests whose text no HTTP client can send are refused when they are read, naming the field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from seamguard.project_platforms import LiveRequestSettings
from seamguard.sendable import header_problem, path_problem, unencodable, url_problem


@pytest.mark.parametrize(("entry", "said"), [
    ({"path": "/orders/\udcff.json"}, "byte 0xff"),
    ({"path": "/orders/1\x00.json"}, "control character"),
    ({"path": "/orders/1\t.json"}, "control character"),
    ({"path": "/o", "headers": {"X-Note": "订单"}}, "header X-Note holds the character '订'"),
    ({"path": "/o", "headers": {"X Note": "a"}}, "not an HTTP token"),
    ({"path": "/o", "headers": {"X-A": "a\r\nX-B: b"}}, "'\\r'"),
    ({"path": "/o", "headers": {"X-A": "\udcfe"}}, "byte 0xfe"),
    ({"path": "/o", "params": {"a": "\udcff"}}, "`params/a`"),
    ({"path": "/o", "params": {"a": ["x", "\ud800"]}}, "U+D800"),
    ({"path": "/o", "json": {"k": ["\udcc3"]}, "safe": True}, "`json/k/0`"),
    ({"path": "/o", "body": "\udcff"}, "`body`"),
    ({"operation": "taobao.\udcff"}, "`operation`"),
])
def test_unsendable_text_is_refused_naming_the_field(entry: dict[str, object], said: str
                                                      ) -> None:
    with pytest.raises(ValidationError) as caught:
        LiveRequestSettings.model_validate(entry)
    assert said in str(caught.value)


@pytest.mark.parametrize("entry", [
    {"path": "/orders/订单 1.json", "params": {"q": "订单\x00"}},
    {"path": "/o", "headers": {"Accept-Language": "zh-CN,zh;q=0.9", "X-T": "a\tb"}},
    {"path": "/o", "json": {"名字": "张三"}, "safe": True},
])
def test_text_a_client_can_send_is_kept(entry: dict[str, object]) -> None:
    assert LiveRequestSettings.model_validate(entry).path is not None


def test_the_checks_name_nothing_in_clean_text() -> None:
    assert path_problem("/orders/{id}.json?a=1") is None
    assert header_problem("X-Request-Id", "abc 123") is None
    assert list(unencodable({"a": ["b", {"c": "d"}]})) == []


@pytest.mark.parametrize(("url", "said"), [
    ("http://::1:9/spec", "IPv6 address goes in brackets"),
    ("http://127.0.0.1:abc/spec", "not a valid URL"),
    ("http://127.0.0.1:99999/", "not a valid URL"),
    ("http://a.example/\udcff", "byte 0xff"),
    ("http://a.example/a b", "' '"),
    ("ftp://a.example/", "absolute http(s) URL"),
    ("http://:80/", "names no host"),
])
def test_urls_no_client_can_send_to_are_named(url: str, said: str) -> None:
    problem = url_problem(url)
    assert problem is not None
    assert said in problem


@pytest.mark.parametrize("url", ["http://[::1]:8000/api", "https://api.example.com/{version}",
                                 "http://订单.example/v1", "https://a.example/p?q=1#f"])
def test_urls_a_client_can_send_to_pass(url: str) -> None:
    assert url_problem(url) is None


def test_a_published_spec_url_with_a_bare_ipv6_address_is_a_settings_error() -> None:
    from seamguard.project_platforms import PublishedSpecSettings

    with pytest.raises(ValidationError, match="brackets"):
        PublishedSpecSettings.model_validate({"url": "http://::1:9/spec"})
