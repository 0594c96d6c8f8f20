"""Cassette bodies in shapes other recorders write: a parsed JSON body is checked as the JSON it
stands for, and a compressed body cut off before its first byte is said to be cut off."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from seamguard.recordings.bodies import decode_body
from tests.support.projects import codes_at, good_order, interaction, mini_project, verify_project


def test_a_parsed_json_body_is_checked_as_json(tmp_path: Path) -> None:
    item = interaction({"order": good_order(status="lost")})
    item["response"]["body"]["string"] = {"order": good_order(status="lost")}
    project = mini_project(tmp_path, interactions=[item])
    assert codes_at(verify_project(project)) == [("field.unknown-enum", "/order/status")]


def test_a_parsed_json_list_body_is_checked_as_json(tmp_path: Path) -> None:
    item = interaction({"order": good_order()})
    item["response"]["body"]["string"] = [{"order": good_order()}]
    project = mini_project(tmp_path, interactions=[item])
    assert codes_at(verify_project(project)) == [("field.wrong-type", "")]


def test_a_gzip_body_cut_before_its_data_is_no_empty_body() -> None:
    cut = gzip.compress(json.dumps({"order": good_order()}).encode())[:20]
    text, problem = decode_body(cut, {"content-encoding": "gzip"}, 1 << 20)
    assert text is None
    assert problem is not None
    assert "inflate to nothing" in problem


def test_an_empty_gzip_labelled_body_stays_empty() -> None:
    assert decode_body(b"", {"content-encoding": "gzip"}, 1 << 20) == ("", None)
