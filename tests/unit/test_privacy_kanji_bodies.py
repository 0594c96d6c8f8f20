"""Undeclared Shift_JIS bodies of Japanese written in kanji alone are read as Japanese, not as
the rare ideographs their bytes make in GB18030; Chinese bodies keep their reading."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy.http import TrafficScrubber
from seamguard.recordings.bodies import decode


@pytest.mark.parametrize("record", [
    {"addr": "青森県稲城市竜泉1丁目13番7号", "name": "木村陽一"},
    {"addr": "香川県横浜市保土ケ谷区方京32丁目25番9号", "name": "佐藤聡太郎"},
    {"住所": "栃木県日野市東三島17丁目4番16号"},
])
def test_japanese_in_kanji_is_read_as_shift_jis(record: dict[str, str]) -> None:
    text = json.dumps(record, ensure_ascii=False)
    decoded = decode(text.encode("cp932"), "application/json")
    assert decoded is not None
    assert decoded.text == text


@pytest.mark.parametrize(("text", "charset"), [
    ('{"name": "张伟", "addr": "上海市浦东新区张江镇碧波路690号"}', "gb18030"),
    ('{"name": "闫鑫", "note": "鑫鑫"}', "gb18030"),
    ('{"name": "陳怡君", "addr": "台北市信義區信義路五段7號"}', "big5"),
])
def test_chinese_bodies_keep_their_reading(text: str, charset: str) -> None:
    decoded = decode(text.encode(charset), "application/json")
    assert decoded is not None
    assert decoded.text == text


def test_a_kanji_address_in_shift_jis_is_scrubbed() -> None:
    body = json.dumps({"address": "青森県稲城市竜泉1丁目13番7号", "order_id": "5829461287005"},
                      ensure_ascii=False).encode("cp932")
    out = TrafficScrubber().body(body, {"Content-Type": ["application/json"]})
    assert isinstance(out, bytes)
    text = out.decode("cp932")
    assert "竜泉" not in text
    assert "5829461287005" in text
