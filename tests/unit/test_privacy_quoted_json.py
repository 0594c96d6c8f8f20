# ruff: noqa: RUF001
"""A JSON text quoted in a message (an answer's body in a probe or record finding, often cut
short) is masked as the document would be: characters written as ``\\u`` escapes are read, and
each ``"key": "value"`` pair is masked by its key."""

from __future__ import annotations

import json

from seamguard.privacy import mask_text

BODY = {"收货人": "赵金凤", "手机": "１８８９５１２４１６４",
        "地址": "黑龙江省鹏县西峰杭州街A座 935521",
        "说明": "联系人：韦建国，身份证：310104196011074146"}


def test_escaped_characters_are_read_before_masking() -> None:
    quoted = "the answer says: " + json.dumps(BODY)[:-20] + "…"
    masked = mask_text(quoted)
    for value in ("赵金凤", "韦建国", "１８８９５１２４１６４", "黑龙江省鹏县西峰杭州街"):
        assert value not in masked
        assert json.dumps(value)[1:-1] not in masked
    assert "１８８****４１６４" in masked


def test_a_pair_is_masked_by_its_key_in_a_fragment_that_does_not_parse() -> None:
    masked = mask_text('status 400; response: {"code": 7, "contact_name": "John Smith", '
                       '"access_token": "q8Zr2mX0vT5kLw9", "note": "cut sh')
    assert "John Smith" not in masked
    assert "q8Zr2mX0vT5kLw9" not in masked
    assert '"code": 7' in masked


def test_text_without_anything_personal_keeps_its_escapes() -> None:
    text = json.dumps({"note": "café", "q": '"', "emoji": "😀", "city": "上海市"})
    assert mask_text(text) == text
    assert mask_text('{"name": "status", "in": "query"}') == '{"name": "status", "in": "query"}'
