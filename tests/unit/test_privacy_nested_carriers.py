"""Bodies that hold records another way: NDJSON / JSON Lines (each line scrubbed by its keys), a
form inside a JSON string (read as a form, by its parameter names), and a JSON document inside a
form field whose ``+08:00`` time zone is no blank encoded twice."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, quote_plus

import pytest

from seamguard.privacy import Masker, Pseudonymizer, TrafficScrubber

HK, QQ, WECHAT = "9123 4567", "1105932317", "gcfa_7738"
PSEUDONYMS = TrafficScrubber(replacer=Pseudonymizer(b"nested"))
MASKS = TrafficScrubber(replacer=Masker())


def _record(n: int) -> dict[str, str]:
    return {"order_no": f"582946128700{n}", "whatsapp": HK, "qq": QQ, "wechat": WECHAT,
            "created": "2024-07-10T10:00:00+08:00"}


@pytest.mark.parametrize("media", ["application/x-ndjson", "application/jsonl",
                                   "application/json", "text/plain"])
@pytest.mark.parametrize("traffic", [PSEUDONYMS, MASKS])
def test_json_lines_are_scrubbed_line_by_line_by_their_keys(media: str,
                                                            traffic: TrafficScrubber) -> None:
    body = "".join(json.dumps(_record(n)) + "\n" for n in range(3)).encode()
    out = traffic.body(body, {"Content-Type": [media]})
    assert isinstance(out, bytes)
    for value in (HK, QQ, WECHAT):
        assert value.encode() not in out
    lines = out.decode().splitlines()
    assert len(lines) == 3
    assert [json.loads(line)["order_no"] for line in lines] == [
        f"582946128700{n}" for n in range(3)]
    assert traffic.body(out, {"Content-Type": [media]}) == out  # a second scrub: unchanged


def test_lines_that_are_not_all_json_are_read_as_text() -> None:
    body = f'{{"a": 1}}\nnot json, tel {HK}\n'.encode()
    out = MASKS.body(body, {"Content-Type": ["application/x-ndjson"]})
    assert isinstance(out, bytes)
    assert HK.encode() not in out


@pytest.mark.parametrize("traffic", [PSEUDONYMS, MASKS])
def test_a_form_inside_a_json_string_is_read_by_its_parameter_names(
        traffic: TrafficScrubber) -> None:
    form = "&".join(f"{key}={quote_plus(value)}" for key, value in _record(1).items())
    body = json.dumps({"payload": form}).encode()
    out = traffic.body(body, {"Content-Type": ["application/json"]})
    assert isinstance(out, bytes)
    inner = parse_qs(json.loads(out)["payload"])
    for key in ("whatsapp", "qq", "wechat"):
        assert inner[key][0] != _record(1)[key]
    assert inner["order_no"] == ["5829461287001"]
    assert inner["created"] == ["2024-07-10T10:00:00+08:00"]


def test_a_json_field_of_a_form_keeps_its_time_zone_and_is_encoded_once() -> None:
    document = json.dumps(_record(1))
    body = f"biz_content={quote_plus(document)}&charset=utf-8".encode()
    out = MASKS.body(body, {"Content-Type": ["application/x-www-form-urlencoded"]})
    assert isinstance(out, bytes)
    inner = json.loads(parse_qs(out.decode())["biz_content"][0])  # one decoding is enough
    assert inner["created"] == "2024-07-10T10:00:00+08:00"
    assert inner["order_no"] == "5829461287001"
    assert HK not in inner["whatsapp"]
