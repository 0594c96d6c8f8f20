"""Requests whose text no HTTP client can send are refused when they are read, naming the field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from seamguard.project_platforms import LiveRequestSettings
from seamguard.sendable import header_problem, path_problem, unencodable


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
