# ruff: noqa: RUF001
"""Shapes platforms really send: a company under a person's key or in a report's sample, a
letter under an e-mail key, a Chinese display name before an address in angle brackets, a card
on a magnetic track, a platform's error quoting an app secret after a blank."""

from __future__ import annotations

import pytest

from seamguard.privacy import mask_text, mask_value
from seamguard.privacy.observed import observed
from seamguard.privacy.organisations import is_organisation
from seamguard.quality.privacy import masked_rows


@pytest.mark.parametrize("company", ["杭州云栖数码科技有限公司", "深圳市前海微众信息股份有限公司",
                                     "Northwind Trading Co., Ltd.", "Contoso Pty Ltd",
                                     "上海某某贸易有限公司（浦东分公司）"])
def test_a_company_is_an_organisation(company: str) -> None:
    assert is_organisation(company)


@pytest.mark.parametrize("text", ["王芳 杭州云栖数码科技有限公司", "张伟", "Mary Smith",
                                  "公司", "有限公司", "Dear Mary, from Contoso Ltd"])
def test_a_person_or_a_person_beside_a_company_is_not(text: str) -> None:
    assert not is_organisation(text)


@pytest.mark.parametrize("key", ["customer_name", "buyer_name", "FName"])
def test_a_company_under_a_persons_key_stays(key: str) -> None:
    for company in ("杭州云栖数码科技有限公司", "Northwind Trading Co., Ltd."):
        assert mask_value({key: company, "mobile": "13812345678"})[key] == company
    assert mask_value({key: "王芳", "mobile": "13812345678"})[key] != "王芳"


def test_a_company_in_a_kingdee_row_beside_its_contact_stays() -> None:
    row = ["CUST0001", "杭州云栖数码科技有限公司", "卢伟", "13512340054", "2388.50"]
    answer = {"Result": [row],
              "FieldKeys": "FNumber,FName,FContact,FTel,FAmount"}
    row = mask_value(answer)["Result"][0]
    assert row[1] == "杭州云栖数码科技有限公司"
    assert row[4] == "2388.50"
    assert "卢伟" not in row
    assert "13512340054" not in row


def test_a_quality_sample_shows_a_company_and_shapes_a_person() -> None:
    rows = masked_rows([{"id": "1", "company": "杭州云栖数码科技有限公司", "note": "收件人董雪"}],
                       set())
    assert rows[0]["company"] == "杭州云栖数码科技有限公司"
    assert "董雪" not in rows[0]["note"]
    assert observed("杭州云栖数码科技有限公司")[0] == "杭州云栖数码科技有限公司"


def test_a_letter_under_an_e_mail_key_is_read_by_its_content() -> None:
    letter = ("Dear Mary Smith,\nyour order 20261207093015882 from Northwind Trading Co., Ltd. "
              "has shipped. Write to mary.smith@example.com")
    masked = mask_value({"mail": letter})["mail"]
    assert "20261207093015882" in masked
    assert "Northwind Trading Co., Ltd." in masked
    assert "Mary Smith" not in masked
    assert "mary.smith@example.com" not in masked
    assert mask_value({"email": "mary.smith@example.com"})["email"] != "mary.smith@example.com"


@pytest.mark.parametrize("text", ['"王芳" <wangfang@example.cn>', "王芳<wangfang@example.cn>",
                                  "From: “王芳” <wangfang@example.cn>"])
def test_a_chinese_display_name_is_a_name(text: str) -> None:
    masked = mask_text(text)
    assert "王芳" not in masked
    assert "wangfang@" not in masked
    assert mask_value({"reply_to": text})["reply_to"] == masked


def test_a_desk_as_display_name_stays() -> None:
    assert mask_text("客服 <kf@example.cn>").startswith("客服 <")


def test_a_card_on_a_magnetic_track_is_a_card() -> None:
    for track in ("%B4111111111111111^CHEN/WEI^28121010000000000000?",
                  ";4111111111111111=28121010000000000?"):
        assert "4111111111111111" not in mask_text(track)
        assert "4111111111111111" not in str(mask_value({"t": track}))
    assert "20261207093015882" in mask_text("ref%B20261207093015882")


@pytest.mark.parametrize("text", [
    "app_secret 3f9a0c1b2d4e5f60718293a4b5c6d7e8 does not match app_key 12345678",
    "invalid client secret 9Fk2Lm8Qx7Rt5Zp1 for app",
    "client_secret 0a1b2c3d4e5f67890a1b2c3d4e5f6789 expired"])
def test_an_app_secret_quoted_after_a_blank_is_a_secret(text: str) -> None:
    secret = next(word for word in text.split() if sum(c.isdigit() for c in word) > 3
                  and any(c.isalpha() for c in word))
    assert secret not in mask_text(text)
    assert secret not in str(mask_value({"sub_msg": text}))
    assert "12345678" in mask_text(text) or "12345678" not in text


@pytest.mark.parametrize("text", ["the secret sauce is 12 herbs", "app secret expired 2026"])
def test_words_after_secret_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "name"), [
    ("张伟先生您好，您的订单已发货", "张伟"), ("王芳女士你好", "王芳"),
    ("Hi 张伟，your order has shipped", "张伟"), ("Hello 王芳, welcome back", "王芳"),
    ("hey 李娜!", "李娜")])
def test_a_chinese_name_in_a_greeting_is_a_name(text: str, name: str) -> None:
    assert name not in mask_text(text)
    assert name not in mask_value({"sms": text})["sms"]


@pytest.mark.parametrize("text", ["Hi 客服, where is my order", "hello 满意度调查", "Chi 张伟"])
def test_a_greeting_before_no_name_stays(text: str) -> None:
    assert mask_text(text) == text


def test_a_form_widget_titled_by_its_field_is_read_as_that_field() -> None:
    widgets = [{"title": "姓名", "value": "赵磊"}, {"title": "手机", "value": "13812345678"},
               {"caption": "Contact name", "value": "Mary Smith"},
               {"title": "颜色", "value": "红色"},
               {"title": "订单号", "value": "20261207093015882"}]
    masked = mask_value({"data": {"widgets": widgets}})["data"]["widgets"]
    assert [item["value"] for item in masked][3:] == ["红色", "20261207093015882"]
    assert not {"赵磊", "13812345678", "Mary Smith"} & {item["value"] for item in masked}


@pytest.mark.parametrize(("text", "secret"), [
    ("X-Api-Key=9fA8dK2mQ7zX4pL1vB6n", "9fA8dK2mQ7zX4pL1vB6n"),
    ("session_key 9fA8dK2mQ7zX4pL1vB6n expired", "9fA8dK2mQ7zX4pL1vB6n"),
    ("session-key=9fA8dK2mQ7zX4pL1vB6n", "9fA8dK2mQ7zX4pL1vB6n"),
    ("Invalid signature 9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B4C", "9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B4C")])
def test_a_key_or_signature_named_with_a_dash_or_a_blank_is_a_secret(text: str,
                                                                     secret: str) -> None:
    assert secret not in mask_text(text)
    assert secret not in mask_value({"msg": text})["msg"]


@pytest.mark.parametrize("text", ["signature required", "the signature on delivery note 2"])
def test_a_signature_word_stays(text: str) -> None:
    assert mask_text(text) == text
