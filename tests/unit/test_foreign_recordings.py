"""Recordings of other tools in the cassettes folder: a HAR archive is listed (never skipped in
silence), and each is refused saying which tool's recording it seems to be."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import DocumentError
from seamguard.project import find_project
from seamguard.recordings.cassettes import read_cassette
from tests.support.projects import good_order, interaction, mini_project, write_cassette

HAR = {"log": {"version": "1.2", "creator": {"name": "Polly.JS", "version": "6"},
               "entries": []}}


def test_a_har_archive_in_the_cassettes_folder_is_listed(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction({"order": good_order()})])
    (root / "fixtures" / "cassettes" / "shop.HAR").write_text(json.dumps(HAR), encoding="utf-8")
    project = find_project(root, explicit=True)
    assert [p.name for p in project.cassette_files()] == ["orders.yaml", "shop.HAR"]


@pytest.mark.parametrize(("data", "named"), [
    pytest.param(HAR, "a HAR archive written by Polly.JS", id="har"),
    pytest.param({"http_interactions": [], "recorded_with": "VCR 6.2.0"},
                 "a Ruby VCR cassette (`http_interactions`, recorded with VCR 6.2.0)",
                 id="ruby-vcr"),
    pytest.param({"http_interactions": [], "recorded_with": "betamax/0.8.1"},
                 "a Betamax cassette", id="betamax"),
    pytest.param({"mappings": []}, "a WireMock stub mapping", id="wiremock"),
    pytest.param({"data": {"pairs": []}, "meta": {}}, "a Hoverfly simulation", id="hoverfly"),
    pytest.param({"responses": []}, "the `responses` library", id="responses"),
    pytest.param([{"scope": "https://x", "method": "GET"}], "a nock recording", id="nock"),
])
def test_another_tools_recording_is_refused_by_name(tmp_path: Path, data: Any,
                                                    named: str) -> None:
    path = tmp_path / "rec.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_cassette(path, display="rec.json", max_bytes=1 << 20)
    assert named in caught.value.message
    assert (caught.value.file, caught.value.line) == ("rec.json", 1)
    assert "vcrpy" in (caught.value.hint or "")


def test_an_unknown_mapping_is_refused_as_before(tmp_path: Path) -> None:
    path = write_cassette(tmp_path / "c.yaml", [])
    path.write_text("hello: world\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_cassette(path, display="c.yaml", max_bytes=1 << 20)
    assert caught.value.message.endswith("expected a mapping with `interactions` and `version`")
