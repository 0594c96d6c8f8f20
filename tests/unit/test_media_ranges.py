"""A response declared under a media range (``application/*``, ``*/*``) is read as what the
recorded answer says it is, so a JSON answer is checked against the range's schema."""

from __future__ import annotations

from seamguard.contracts.operations import MediaSpec, match_media


def test_a_json_answer_under_a_range_is_read_as_json() -> None:
    spec = MediaSpec("application/*", None)
    found = match_media({"application/*": spec}, "application/json; charset=utf-8")
    assert found is not None
    assert found.is_json
    assert found.media_type == "application/json"


def test_an_xml_answer_under_any_type_is_read_as_xml() -> None:
    found = match_media({"*/*": MediaSpec("*/*", None)}, "text/xml")
    assert found is not None
    assert found.media_type == "text/xml"


def test_an_exact_type_is_kept_as_declared() -> None:
    spec = MediaSpec("application/json", None)
    assert match_media({"application/json": spec}, "application/json") is spec


def test_a_plain_text_answer_under_any_type_keeps_the_range() -> None:
    found = match_media({"*/*": MediaSpec("*/*", None)}, "text/plain")
    assert found is not None
    assert found.media_type == "*/*"
