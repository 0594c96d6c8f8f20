"""Grouped eight-digit mobiles in running text, US numbers under a bare ``number`` key, and
ordinary words that look like a street line or a name after a label."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy import Scrubber, mask_text, mask_value


@pytest.mark.parametrize("text", [
    "Reach Mary on 9123 4567 after six",
    "Ask for Wong, 9123 4567, before noon",
    "Leave it at the door 9123 4567",
    "Ping 6123 4567 tonight",  # Macau / Hong Kong mobile
    "at 8123-4567 pls",  # Singapore mobile, hyphenated
])
def test_an_eight_digit_mobile_grouped_four_four_in_a_sentence_is_masked(text: str) -> None:
    number = next(word.strip(",") for word in text.split() if word[:1].isdigit())
    assert number not in mask_text(text)


@pytest.mark.parametrize("text", [
    "Order 9123 4567 shipped", "SKU 9123 4567", "ref 2024 0315", "range 2023-2024",
    "IBAN GB82 WEST 1234 5698 7654 32", "the 9123 4567 room code", "1234 5678 units",
])
def test_grouped_ids_codes_and_non_mobiles_stay(text: str) -> None:
    assert mask_text(text) == text


def test_a_us_number_under_a_bare_number_key_is_replaced_as_string_and_json_number() -> None:
    assert mask_value({"number": "4155550123"})["number"] != "4155550123"
    text = Scrubber().json_text(json.dumps({"number": 4155550123}))
    assert text is not None
    assert "4155550123" not in text


@pytest.mark.parametrize("text", [
    "Recurring 5", "Occurring 3", "Referring 2 items", "Kunde: Neukunde",
    "Kunde: Bestandskunde", "Kundin: Stammkundin", "Empfänger: Packstation",
    "Empfänger: Lieferung", "Kunde: Unbekannt",
])
def test_ordinary_words_after_a_label_or_before_a_number_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "personal"), [
    ("Kaiserring 5", "Kaiserring 5"), ("Fliegnerring 7", "Fliegnerring 7"),
    ("Kunde: Hans Müller", "Hans Müller"), ("Kunde: Müller", "Müller"),
    ("Kunde: Leung", "Leung"), ("Kunde: Cheung", "Cheung"),
])
def test_street_lines_and_names_of_the_same_shapes_are_still_masked(text: str,
                                                                    personal: str) -> None:
    assert personal not in mask_text(text)
