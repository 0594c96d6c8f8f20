# ruff: noqa: RUF001
"""Personal data and secrets in places no list names: keys in other languages, pinyin and run
together, first-generation ID numbers, labelled passports and bank accounts, names written next
to a label, a phone number or an honorific, English street addresses. The values come from
Faker and python-stdnum, not written around the detectors."""

from __future__ import annotations

import base64
import gzip
import json
import logging
import random
from pathlib import Path
from urllib.parse import quote, quote_plus, unquote, unquote_plus

import phonenumbers
import pytest
from faker import Faker
from stdnum.cn import ric

from seamguard.findings import Finding, Severity
from seamguard.privacy import (
    Pseudonymizer,
    Scrubber,
    TrafficScrubber,
    classify_key,
    mask_finding,
    mask_logs,
    mask_text,
    mask_value,
)
from seamguard.privacy.detect import Kind
from seamguard.privacy.mask import Masker
from seamguard.privacy.scan import scan_files

zh, en = Faker("zh_CN"), Faker("en_US")
zh.seed_instance(41)
en.seed_instance(41)
rng = random.Random(41)
MOBILE = zh.phone_number()
ZH_NAME = next(name for name in iter(zh.name, None) if len(name) in (2, 3))
EN_NAME = f"{en.first_name()} {en.last_name()}"


def _first_generation_id() -> str:
    while True:
        area = rng.choice(["110105", "310115", "440305", "330106", "420111"])
        body = f"{area}19{rng.randint(50, 98)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        body += f"{rng.randint(0, 999):03d}"
        if ric.is_valid(body + ric.calc_check_digit(body + "0")):
            return body[:6] + body[8:]


ID15 = _first_generation_id()


@pytest.mark.parametrize(("key", "kind"), [
    ("shoujihao", Kind.PHONE), ("kehuDianhua", Kind.PHONE), ("lianxidianhua", Kind.PHONE),
    ("RECEIVERMOBILE", Kind.PHONE), ("Telefonnummer", Kind.PHONE), ("電話番号", Kind.PHONE),
    ("收货人电话", Kind.PHONE), ("联系方式", Kind.PHONE), ("contactNo", Kind.PHONE),
    ("dizhi", Kind.ADDRESS), ("shouhuodizhi", Kind.ADDRESS), ("anschrift", Kind.ADDRESS),
    ("客户地址", Kind.ADDRESS), ("住所", Kind.ADDRESS), ("direccion", Kind.ADDRESS),
    ("lianxiren", Kind.NAME), ("xingming", Kind.NAME), ("BUYERNAME", Kind.NAME),
    ("买家姓名", Kind.NAME), ("氏名", Kind.NAME), ("nombre", Kind.NAME),
    ("youxiang", Kind.EMAIL), ("courriel", Kind.EMAIL),
    ("shenfenzheng", Kind.ID_NUMBER), ("身份证号码", Kind.ID_NUMBER),
    ("passportNumber", Kind.ID_NUMBER), ("护照号码", Kind.ID_NUMBER), ("huzhao", Kind.ID_NUMBER),
    ("银行账号", Kind.CARD), ("开户账号", Kind.CARD), ("收款账号", Kind.CARD),
    ("yinhangzhanghao", Kind.CARD),
    ("mima", Kind.SECRET), ("登录密码", Kind.SECRET), ("LOGINPWD", Kind.SECRET),
    ("x_partner_sig", Kind.SECRET), ("privateKeyPem", Kind.SECRET), ("creds", Kind.SECRET),
])
def test_unlisted_keys_are_read_by_their_words(key: str, kind: Kind) -> None:
    assert classify_key(key) is kind


@pytest.mark.parametrize("key", ["order_id", "orderid", "timestamp", "status", "notes",
                                 "description", "shipping", "appkey", "tokentype", "商品名称",
                                 "订单号", "idempotencykey", "mailno", "receiver"])
def test_ordinary_keys_stay_ordinary(key: str) -> None:
    assert classify_key(key) in (None, Kind.NAME if key == "receiver" else None)


def test_a_known_chinese_key_keeps_its_meaning_and_does_not_spread_to_english() -> None:
    # 收货人 is a name key; inside 收货人电话 it reads "receiver": the English word `receiver`
    # must stay a role (a name-shaped value only), not become a name key
    assert classify_key("收货人") is Kind.NAME
    assert classify_key("receiver") is None


@pytest.mark.parametrize(("text", "value"), [
    (f"身份证 {ID15}", ID15), (f"备注：证件号{ID15}，已核验", ID15), (f"old id {ID15}.", ID15),
    ("护照号：E23268656", "23268656"), ("passport no. G35515058", "35515058"),
    ("Passport: EA1234567", "1234567"),
    ("银行账号：13613412524273167", "13613412524273167"),
    ("开户账号 6217 0000 1234 5678 901", "0000 1234 5678"),
    ("account no. 1361 3412 5242 7316 7", "3412 5242 7316"),
    ("电话057182191614", "82191614"), ("座机 0571 8219 1614", "8219 1614"),
    ("password: Tr0ub4dor&0afr3f", "0afr3f"), ("api key jANcAbuuRpfNJ5ZjT8W17PzZvXGjtXQS", "jANc"),
    ("江苏省苏州市吴中区木渎镇金山村7组87号", "金山村7组87号"),
])
def test_labelled_and_first_generation_numbers_are_found(text: str, value: str) -> None:
    masked = mask_text(text)
    assert value not in masked, masked


@pytest.mark.parametrize("template", [
    "收件人：{en}", "联系人 {en}", "ship to {en} at the door", "Dear {en},", "客户{en}",
    "ship to {zh}", "Dear {zh}", "请联系{zh}先生", "订单备注: 送给{zh}，手机{m}",
    "{zh} {m}", "{m} {zh} 北京市朝阳区建国路88号",
])
def test_names_beside_a_label_a_phone_or_an_honorific(template: str) -> None:
    text = template.format(en=EN_NAME, zh=ZH_NAME, m=MOBILE)
    masked = mask_text(text)
    assert EN_NAME not in masked, masked
    assert ZH_NAME not in masked, masked


@pytest.mark.parametrize("text", [
    "王老吉凉茶 2 箱", "商品名称: 王老吉 数量 12", "联系我们", "Dear Customer",
    "order 5829462287003 at 2024-07-10 total 199.00", "SF1234567890123", "1700000000",
    "20240710120000", "Version 2 Release Notes", "token expired", "password reset link",
    "Attention Required",
])
def test_product_names_ids_and_prose_stay(text: str) -> None:
    assert mask_text(text) == text


def test_english_street_addresses() -> None:
    for _ in range(20):
        street = en.street_address()
        assert street not in mask_text(f"ship to {EN_NAME} at {street}, phone 555")
        assert street not in mask_text(f"地址：{street}")


def test_unlisted_keys_in_a_recording_and_a_second_scrub_changes_nothing() -> None:
    record = {"shoujihao": "057182191614", "lianxiren": ZH_NAME, "dizhi": "文三路C座",
              "huzhao": "E23268656", "yinhangzhanghao": "13613412524273167", "sfz": ID15,
              "mima": "hunter2", "order_id": "5829462287003"}
    scrubber = Scrubber(replacer=Pseudonymizer(b"unlisted"))
    once = scrubber.value(record)
    assert once["order_id"] == "5829462287003"
    for key in record:
        if key != "order_id":
            assert once[key] != record[key], key
    assert Scrubber(replacer=Pseudonymizer(b"unlisted")).value(once) == once
    masked = mask_value(record)
    assert masked["mima"] == "<redacted>"
    assert Scrubber(replacer=Masker()).value(masked) == masked


def _traffic() -> TrafficScrubber:
    return TrafficScrubber(replacer=Pseudonymizer(b"unlisted"))


INTL = [phonenumbers.format_number(phonenumbers.example_number_for_type(region, kind),
                                   phonenumbers.PhoneNumberFormat.E164)
        for region in ("GB", "US", "HK", "TW", "JP")
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)]


@pytest.mark.parametrize("url", [
    f"https://shop.example.cn/customers/{MOBILE}",
    f"https://shop.example.cn/api/members/{MOBILE}/orders",
    f"https://shop.example.cn/p#{quote(MOBILE[:3] + ' ' + MOBILE[3:7] + ' ' + MOBILE[7:])}",
    f"https://shop.example.cn/cb#state=1&phone={MOBILE}",
    f"https://shop.example.cn/x?next={quote('https://b.cn/y?m=' + quote('+86' + MOBILE))}",
    *(f"https://shop.example.cn/x?p={number}" for number in INTL),  # `+` left unencoded
])
def test_phones_in_url_paths_fragments_nested_urls_and_unencoded_plus(url: str) -> None:
    out = _traffic().url(url)
    number = unquote(unquote(url)).split("=")[-1] if "?p=" in url else MOBILE
    flat = unquote(unquote(out)).replace(" ", "")
    assert number[-8:] not in flat, out


def test_record_ids_in_paths_stay() -> None:
    url = "https://api.hubapi.com/crm/v3/objects/deals/19823400101/associations/5829462287003"
    assert _traffic().url(url) == url


def test_percent_encoded_header_values_and_form_shaped_text_bodies() -> None:
    traffic = _traffic()
    disposition = traffic.header("Content-Disposition",
                                 f"attachment; filename*=UTF-8''{quote(ZH_NAME + MOBILE)}.pdf")
    assert quote(MOBILE) not in disposition
    assert MOBILE not in unquote(disposition)
    form = f"name=x&phone={quote_plus('+86 ' + MOBILE)}&mail={quote('a.b+c@example.com')}"
    for content_type in ("text/plain", None):
        headers = {"Content-Type": [content_type]} if content_type else {}
        body = traffic.body(form.encode(), headers)
        assert isinstance(body, bytes)
        assert MOBILE[3:] not in unquote_plus(body.decode())
        assert "a.b+c@example.com" not in unquote(body.decode())
    plain = "see you at 10=ok"
    assert traffic.body(plain.encode(), {"Content-Type": ["text/plain"]}) == plain.encode()


def test_privacy_scan_reads_gzip_files_every_member_and_bounded(tmp_path: Path) -> None:
    (tmp_path / "orders.json.gz").write_bytes(gzip.compress(
        json.dumps({"m": MOBILE}).encode()))
    (tmp_path / "export.csv.gz").write_bytes(
        gzip.compress(b"id,note\n1,ok\n") + gzip.compress(f"2,{ID15}\n".encode()))
    (tmp_path / "broken.gz").write_bytes(b"not gzip at all")
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"0" * 200_000))
    findings = list(scan_files([tmp_path], max_bytes=100_000))
    by_file = {(Path(f.location.file or "").name, f.code) for f in findings}
    assert ("orders.json.gz", "privacy.personal-data") in by_file
    assert ("export.csv.gz", "privacy.personal-data") in by_file  # in the second member
    assert ("broken.gz", "privacy.unreadable") in by_file
    assert ("bomb.txt.gz", "privacy.unreadable") in by_file
    assert all(MOBILE not in f.message and ID15 not in f.message for f in findings)


def test_log_records_with_bodies_as_bytes_reprs_and_parsed_queries_are_masked(
        caplog: pytest.LogCaptureFixture) -> None:
    mask_logs()
    caplog.set_level(logging.DEBUG, logger="vcr.cassette")
    gbk = f"收货人：{ZH_NAME}，手机{MOBILE}，身份证{ID15}".encode("gbk")
    json_body = json.dumps({"银行账号": "13613412524273167", "mima": "Pw3x&9kLm"},
                           ensure_ascii=False).encode()
    response = {"status": {"code": 200}, "body": {"string": gbk}}
    logging.getLogger("vcr.cassette").info("Appending request %s and response %s",
                                           {"body": json_body}, response)
    logging.getLogger("vcr.matchers").debug(
        "Failure details: [('query', \"[] != [('p', ' 447400123456')]\")]")
    text = "\n".join(record.getMessage() for record in caplog.records)
    for value in (MOBILE, ID15, ZH_NAME, "13613412524273167", "Pw3x&9kLm", "7400123456"):
        assert value not in text, text
    assert "\\xca" not in text  # the GBK body is shown as text


def test_json_wrapped_in_base64_is_scrubbed_and_wrapped_again() -> None:
    document = json.dumps({"shoujihao": MOBILE, "n": "ok"}).encode()
    for wrap in (base64.b64encode, base64.urlsafe_b64encode):
        for strip in (False, True):
            value = wrap(document).decode()
            value = value.rstrip("=") if strip else value
            scrubber = Scrubber(replacer=Pseudonymizer(b"unlisted"))
            out = scrubber.value({"payload": value})["payload"]
            inner = base64.urlsafe_b64decode(out + "=" * (-len(out) % 4))
            assert MOBILE.encode() not in inner
            assert json.loads(inner)["n"] == "ok"
            assert scrubber.value({"payload": out})["payload"] == out
    plain = base64.b64encode(b'{"a": 1}').decode()
    assert mask_value({"p": plain}) == {"p": plain}


@pytest.mark.parametrize("kind", ["jcb16", "jcb15", "maestro", "visa16", "visa19", "mastercard",
                                  "amex", "discover", "diners"])
def test_faker_cards_of_every_scheme_are_found(kind: str) -> None:
    faker = Faker("en_US")
    faker.seed_instance(7)
    numbers = [faker.credit_card_number(card_type=kind) for _ in range(60)]
    for number in numbers:
        assert number not in mask_text(f"card {number} on file"), number


def test_numbers_read_as_floats_are_masked_in_reports() -> None:
    phone = float(MOBILE)  # a phone column with a gap, as pandas reads it
    finding = Finding(code="quality.expectation-failed", severity=Severity.ERROR,
                      check="quality", message=f"unexpected values: {phone}",
                      actual={"sample": [phone, 19.99]}, expected=phone)
    masked = mask_finding(finding)
    blob = json.dumps([masked.message, masked.actual, masked.expected], default=str)
    assert MOBILE not in blob, blob
    assert "19.99" in blob
    for ordinary in ("199.00", "1234567.00", "5829462287003.5"):
        assert mask_text(ordinary) == ordinary


@pytest.mark.parametrize(("text", "gone"), [
    ("收件人：陳大文，電話：0912-345-678，地址：台北市信義區信義路五段7號",
     ("0912-345-678", "345-678", "信義路五段7號", "陳大文")),
    ("Tel. 06 1234 5678", ("1234 5678",)),
    ("Mobile: +44 7400 123456", ("7400 123456",)),
    ("手機號碼：0912345678", ("0912345678",)),
])
def test_numbers_a_phone_label_announces_and_traditional_addresses(
        text: str, gone: tuple[str, ...]) -> None:
    masked = mask_text(text)
    for value in gone:
        assert value not in masked, masked


def test_hotlines_after_a_phone_label_stay() -> None:
    assert mask_text("客服电话：400-811-1111") == "客服电话：400-811-1111"


def test_names_in_text_scrub_once() -> None:
    faker = Faker("zh_CN")
    faker.seed_instance(5)
    for _ in range(60):
        name = faker.name()
        for template in ("请联系{}先生", "Dear {}, 您好", "{} 13812345678", "送给{}女士"):
            text = template.format(name)
            once = Scrubber(replacer=Pseudonymizer(b"unlisted")).text(text)
            assert name not in once
            assert Scrubber(replacer=Pseudonymizer(b"unlisted")).text(once) == once, once


@pytest.mark.parametrize("url", [
    "https://open.example.cn/api?timestamp=2024-07-31+23:59:59&v=2.0",
    "https://open.example.cn/api?q=a+b+1234567&n=+",
])
def test_a_plus_inside_a_query_value_is_a_blank(url: str) -> None:
    assert _traffic().url(url) == url


def _short_names(count: int) -> list[str]:
    """Two- and three-character Chinese names from Faker (a family name and a given name)."""
    names: set[str] = set()
    while len(names) < count:
        name = zh.last_name() + zh.first_name()
        if len(name) in (2, 3):
            names.add(name)
    return sorted(names)


@pytest.mark.parametrize("template", [
    # strings under five characters, where a verb, a role word or an addressee mark points
    "送给{n}", "寄给{n}", "客户{n}", "致{n}", "找{n}", "{n}收", "{n}亲启", "{n}女士",
    # a name run into more Chinese, ended by a particle
    "客户{n}的订单", "联系人{n}已签收", "买家{n}于今日付款", "会员{n}在门店自提", "顾客{n}说不要了",
])
def test_short_strings_and_names_followed_by_particles(template: str) -> None:
    for name in _short_names(12):
        text = template.format(n=name)
        masked = mask_text(text)
        assert name not in masked, masked
        assert mask_value({"note": text}) != {"note": text}


@pytest.mark.parametrize("text", [
    # role words and verbs followed by a common word, not a name (满, 方, 顾, 全, 金 are family
    # names too)
    "客户满意度", "客户满意度的提升", "客户满意度调查已完成", "会员等级", "联系方式", "顾客须知",
    "寄给顾客", "致全体", "联系客服", "客户金额", "联系我们",
    # short words beside no cue, and parcel marks that are actions
    "黄金", "江门", "王老吉", "门卫代收", "本人签收", "已签收", "待签收", "前台收",
])
def test_short_words_and_role_word_continuations_stay(text: str) -> None:
    assert mask_text(text) == text
    assert mask_value({"title": text, "phone": MOBILE})["title"] == text


def test_vcrpy_matcher_failure_details_are_scrubbed_as_the_queries_they_parse(
        caplog: pytest.LogCaptureFixture) -> None:
    from urllib.parse import quote

    from vcr import matchers
    from vcr.request import Request

    mask_logs()
    caplog.set_level(logging.DEBUG, logger="vcr.matchers")
    push = f'<Body><Route lianxiren="{ZH_NAME}" shoujihao="{MOBILE}"/></Body>'
    asked = Request("GET", f"http://127.0.0.1:9/orders/1.json?lx={quote(ZH_NAME)}&dh={MOBILE}"
                           f"&p=+447400123456&x={quote(push)}", None, {})
    recorded = Request("GET", "http://127.0.0.1:9/orders/2.json?a=1", None, {})
    assert not matchers.requests_match(asked, recorded, [matchers.query, matchers.path])
    text = "\n".join(record.getMessage() for record in caplog.records
                     if record.name == "vcr.matchers")
    assert "Failure details" in text
    assert "orders/2.json" in text
    for value in (MOBILE, ZH_NAME, "7400123456"):
        assert value not in text, text
