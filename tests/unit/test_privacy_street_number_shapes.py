"""Street lines without a house number or with an everyday suffix, and phones under keys that
name nothing."""

from __future__ import annotations

import pytest

from seamguard.privacy import mask_text, mask_value


@pytest.mark.parametrize(("text", "value"), [
    ("Ship to Raj, 77, Krish Ganj. Phone", "Krish Ganj"),
    ("Ship to Raj, 076\nDass Ganj. Phone", "Dass Ganj"),
    ("Ship to Raj, 31/30, Luthra Circle.", "Luthra Circle"),
    ("Ontvanger: Jan, Rubenboulevard 59. Telefoon", "Rubenboulevard"),
    ("Destinatário: Ana, Favela Cassiano, 64. Telefone", "Favela Cassiano"),
    ("entregar na Rua das Flores amanhã", "Rua das Flores"),
    ("morada: Vale de Silveira", "Silveira"),
    ("enviar a Calle de Alcalá", "Alcalá"),
    ("consegna in Via della Spiga", "Spiga"),
    ("Deliver to Ann, 308 Patel Basin. Mobile", "Patel Basin"),
    ("Deliver to Ann, Level 3 0 Logan Nook.", "Logan Nook"),
])
def test_street_lines_are_masked(text: str, value: str) -> None:
    assert value not in mask_text(text)


@pytest.mark.parametrize("text", [
    "The Vale Hotel", "Via Email 3 times", "Rua X", "5 Top Part", "2 Water Basin",
    "we sold 3 Apple Basin sets", "order 12, Grade A",
])
def test_ordinary_text_is_kept(text: str) -> None:
    assert mask_text(text) == text


def test_a_valid_us_number_under_a_key_that_names_nothing_is_masked() -> None:
    masked = mask_value({"v1": "6148737187", "trade_no": "4155552671", "ts": "1733456789",
                         "rows": [["6148737187", "SO-001", 12.5]]})
    assert masked["v1"] != "6148737187"
    assert masked["rows"][0][0] != "6148737187"
    assert masked["rows"][0][1:] == ["SO-001", 12.5]
    assert masked["trade_no"] == "4155552671"  # an id's key keeps it
    assert masked["ts"] == "1733456789"


def test_a_number_in_national_phone_writing_is_masked_though_no_plan_allocates_it() -> None:
    masked = mask_value({"v6": "(00850) 82936", "v7": "00147 371878", "v2": "008 72936691",
                         "when": "06 12 2026", "short": "(02) 123 45"})
    for key, value in (("v6", "82936"), ("v7", "371878"), ("v2", "72936691")):
        assert value not in masked[key]
    assert masked["when"] == "06 12 2026"
    assert masked["short"] == "(02) 123 45"


def test_a_keyless_row_quoted_in_a_report_line_is_read_as_rows() -> None:
    line = 'Kingdee rows: [["SO-001", "6148737187", 12.5], ["SO-002", "x"]] differ'
    masked = mask_text(line)
    assert "6148737187" not in masked
    assert masked.startswith('Kingdee rows: [["SO-001",')
    assert masked.endswith("] differ")
    assert mask_text('tags ["a", "b"] and [1, 2] kept') == 'tags ["a", "b"] and [1, 2] kept'


@pytest.mark.parametrize("text", [
    "香港灣仔德輔道中286號", "香港灣仔皇后大道東28號", "香港上環干諾道西5號",
    "寄往 皇后大道中99號 收",
    "人民路东3号",
])
def test_a_street_with_its_part_after_the_street_word_is_masked(text: str) -> None:
    masked = mask_text(text)
    assert masked != text
    assert not any(number in masked for number in ("286", "28號", "5號", "99號", "3号"))
    assert mask_value({"id": 1, "where": text})["where"] != text


@pytest.mark.parametrize("text", ["皇后大道中", "德輔道中站", "道中3号", "路中3号"])
def test_a_street_part_without_a_street_before_it_is_kept(text: str) -> None:
    assert mask_text(text) == text
