# ruff: noqa: RUF001
"""Contact details spelt to slip past a platform's filter: mobile numbers in Chinese numerals and
e-mail addresses with their ``@`` and dots in words; and the numerals and English sentences of
the same shapes that stay."""

from __future__ import annotations

import pytest

from seamguard.privacy import Kind, Pseudonymizer, Scrubber, detect, mask_text


@pytest.mark.parametrize(("text", "phone"), [
    ("手机一三八一二三四五六七八", "一三八一二三四五六七八"),
    ("加我 幺三八 一二三四 五六七八", "幺三八 一二三四 五六七八"),
    ("我的手机：138一二三四5678", "138一二三四5678"),
    ("电话 一五零-〇〇〇〇-一二三四 谢谢", "一五零-〇〇〇〇-一二三四"),
])
def test_mobile_numbers_in_chinese_numerals_are_phones(text: str, phone: str) -> None:
    assert [text[s.start:s.end] for s in detect(text) if s.kind is Kind.PHONE] == [phone]
    masked = mask_text(text)
    assert phone not in masked
    scrubber = Scrubber(replacer=Pseudonymizer(b"spelt"))
    once = scrubber.value(text)
    assert phone not in once
    assert scrubber.value(once) == once


@pytest.mark.parametrize("text", ["zhang.wei(at)example.com", "zhang [at] example [dot] com",
                                  "zhang AT example DOT com", "li.na at qq dot com",
                                  "wang88 at gmail dot com", "lina at 163 dot com",
                                  "邮箱：zhang.wei（at）example.com"])
def test_spelt_out_email_addresses_are_emails(text: str) -> None:
    assert any(span.kind is Kind.EMAIL for span in detect(text)), text
    masked = mask_text(text)
    assert "example" not in masked or "zhang" not in masked
    assert not any(word in masked for word in ("li.na", "wang88", "lina at"))


@pytest.mark.parametrize("text", [
    "三件八折，一二三四五六七八九十", "第一二三四五六七八九十一名", "订单一三八号",
    "arrive at noon dot com", "see you at 5 dot com", "Stay at home dot", "meet at office dot cn",
    "look at example.com", "Order placed at 10:00 via app", "一二三四五六七八九十一二",
])
def test_numerals_and_sentences_of_the_same_shapes_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "address"), [
    ("zhang dot wei at example dot com", "zhang dot wei at example dot com"),
    ("email me: zhang dot wei at gmail dot com", "zhang dot wei at gmail dot com"),
    ("zhang.wei[at]example.com", "zhang.wei[at]example.com"),
    ("zhang.wei(at)example(dot)com", "zhang.wei(at)example(dot)com"),
    ("张伟 at qq dot com", "张伟 at qq dot com"),
    ("zhang [dot] wei [at] example [dot] com", "zhang [dot] wei [at] example [dot] com"),
    ("Ping me: zhang.wei (at) example (dot) co (dot) uk 谢谢",
     "zhang.wei (at) example (dot) co (dot) uk"),
    ("备注zhang.wei(at)example.com", "zhang.wei(at)example.com"),
    ("邮箱zhangwei艾特qq点com", "zhangwei艾特qq点com"),
])
def test_addresses_with_every_part_spelt_out_are_emails_whole(text: str, address: str) -> None:
    start = text.index(address)
    assert [(s.start, s.end) for s in detect(text) if s.kind is Kind.EMAIL] == [
        (start, start + len(address))]
    for out in (mask_text(text), Scrubber(replacer=Pseudonymizer(b"spelt")).text(text)):
        assert not any(part in out for part in ("zhang", "wei at", "张伟")), out


@pytest.mark.parametrize("text", ["I am at work dot com", "张伟 at the door",
                                  "zhangwei at example dot org chart"])
def test_words_around_a_bare_at_without_a_mailbox_stay(text: str) -> None:
    assert not [s for s in detect(text) if s.kind is Kind.EMAIL]
