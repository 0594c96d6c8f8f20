"""Addresses inside paths and remotes, and personal data in wrappings: JSONP, multipart bodies,
URL fragments, CSV text with a header row."""

from __future__ import annotations

import pytest

from seamguard.privacy import mask_text


@pytest.mark.parametrize("text", [
    "scp user@host:path/x", "git@github.com:org/repo.git", "deploy@build.example.com:/srv/app",
    "rsync u@h.example.org:~/x", "ssh://git@gitlab.example.com:2222/a.git",
    "https://bot@ci.example.com/job/1", "file@2x.png", "icon@1.5x.webp", "/srv/a@b/x",
    "node_modules/@babel/core", "lodash@4.17.21",
])
def test_paths_and_remotes_are_no_addresses(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "masked"), [
    ("see /srv/data/alice@example.com/file.txt", "see /srv/data/a***@example.com/file.txt"),
    ("https://x.example.com/track?sku=SKU-1#contact=pamela.b@example.net",
     "https://x.example.com/track?sku=SKU-1#contact=p***@example.net"),
    ("mail: zhang@example.com: thanks", "mail: z***@example.com: thanks"),
])
def test_an_address_in_a_path_or_url_is_masked_alone(text: str, masked: str) -> None:
    assert mask_text(text) == masked


def _body(body: str, content_type: str) -> str:
    from seamguard.privacy.http import TrafficScrubber

    out = TrafficScrubber().body(body.encode(), {"Content-Type": [content_type]})
    assert isinstance(out, bytes)
    return out.decode()


def test_a_jsonp_reply_is_read_by_its_keys() -> None:
    reply = ('jQuery1124_1765012345678({"order_info": {"receiver_name": "木村 陽一", '
             '"order_sn": "240612-558812345678901"}});')
    for scrubbed in (mask_text(reply), _body(reply, "application/javascript")):
        assert "木村 陽一" not in scrubbed
        assert scrubbed.startswith("jQuery1124_1765012345678({")
        assert scrubbed.endswith("}});")
        assert "240612-558812345678901" in scrubbed


def test_csv_text_is_read_by_its_header() -> None:
    text = ("order_id,receiver,mobile,amount,sku\r\n"
            "2851934567123456789,우영식,+38(960)114-3036x308,1288.50,SKU-JP-4471-RED\r\n")
    for scrubbed in (mask_text(text), mask_text(f"export:\n{text}"[8:]),
                     _body(text, "text/plain")):
        assert "우영식" not in scrubbed
        assert "114-3036" not in scrubbed
        assert "2851934567123456789,".replace(",", "") in scrubbed
        assert "SKU-JP-4471-RED" in scrubbed


@pytest.mark.parametrize("text", [
    "Total: 5 (see below)\nline two", "a,b\n1,2\n", "name,qty\nwidget,3\n",
])
def test_text_that_only_looks_wrapped_is_kept(text: str) -> None:
    assert mask_text(text) == text


def test_multipart_fields_are_one_record() -> None:
    boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    body = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                   for k, v in [("name", "Zbyněk Pavlík"), ("phone", "+420 778 723 755"),
                                ("order_id", "2851934567123456789")]) + f"--{boundary}--\r\n"
    scrubbed = _body(body, f"multipart/form-data; boundary={boundary}")
    assert "Zbyněk Pavlík" not in scrubbed
    assert "778 723 755" not in scrubbed
    assert "2851934567123456789" in scrubbed
    assert scrubbed.count(f"--{boundary}") == 4


def test_a_first_line_with_personal_data_is_no_header() -> None:
    text = "Ship to Manbir Gaba, H.No. 53\nMajumdar Nagar, Phone 9876543210\n"
    masked = mask_text(text)
    assert "Manbir Gaba" not in masked
    assert "9876543210" not in masked


@pytest.mark.parametrize(("text", "values"), [
    ("주문번호,수령인,연락처,주소,상품명\n"
     "2026120612345,우영식,010-6977-9546,서울 강남구 테헤란로 5,보온병\n",
     ["우영식", "6977", "테헤란로"]),
    ("注文番号,お届け先氏名,電話番号,住所\n"
     "A-1001,木村 陽一,090-1234-5678,東京都港区芝公園4丁目2番8号\n",
     ["木村", "1234", "芝公園"]),
])
def test_japanese_and_korean_headers_name_their_columns(text: str, values: list[str]) -> None:
    masked = mask_text(text)
    for value in values:
        assert value not in masked
    assert masked.splitlines()[0] == text.splitlines()[0]
    assert ("2026120612345" in masked) or ("A-1001" in masked)
