"""Broken upstreams nobody wrote the drift job around: each gives exactly its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.recordings.cassettes import read_cassette
from tests.support.drift_upstreams import (
    CASES,
    UPSTREAM_CONTRACT,
    Upstream,
    night,
    upstream_service,
    upstream_settings,
)
from tests.support.projects import mini_project
from tests.support.servers import serve

BY_KIND = {case.kind: case for case in CASES}


def _run(tmp_path: Path, case: Upstream) -> tuple[set[str], list[dict[str, Any]], int, Path]:
    state: dict[str, Any] = {}
    with serve(upstream_service(state)) as origin:
        root = mini_project(tmp_path / case.kind, contract=UPSTREAM_CONTRACT,
                            settings=upstream_settings(origin, case))
        outcome, codes, findings = night(root)
    assert outcome == "ran"
    return codes, findings, state.get("requests", 0), root


@pytest.mark.parametrize("kind", sorted(BY_KIND))
def test_each_upstream_gives_exactly_its_findings(tmp_path: Path, kind: str) -> None:
    codes, findings, _, _ = _run(tmp_path, BY_KIND[kind])
    assert codes == BY_KIND[kind].expected, [(f["code"], f["message"]) for f in findings]


def test_a_cursor_jumping_a_page_without_a_total_is_proven_skipped(tmp_path: Path) -> None:
    _, findings, requests, _ = _run(tmp_path, BY_KIND["cursor-jumps"])
    [skipped] = [f for f in findings if f["code"] == "drift.page-skipped"]
    assert "asked again with limit=6" in skipped["message"]
    assert "between page 1's last record (3) and page 2's first (7)" in skipped["message"]
    assert "(ids 4, 5, 6)" in skipped["message"]
    assert requests == 3  # two pages, and the first asked again once


def test_an_empty_page_announcing_more_is_short_and_its_records_skipped(
        tmp_path: Path) -> None:
    _, findings, _, _ = _run(tmp_path, BY_KIND["empty-page-more"])
    [short] = [f for f in findings if f["code"] == "drift.page-short"]
    assert short["severity"] == "warning"
    assert "page 2 of" in short["message"]
    assert "served 0 record(s) of the 3 asked for (limit=3)" in short["message"]
    [skipped] = [f for f in findings if f["code"] == "drift.page-skipped"]
    assert "(ids 4, 5, 6)" in skipped["message"]


def test_the_recount_of_a_healthy_list_is_not_recorded(tmp_path: Path) -> None:
    codes, _, requests, root = _run(tmp_path, BY_KIND["healthy"])
    assert codes == set()
    assert requests == 4  # three pages and the recount
    [cassette] = (root / "reports" / "drift" / "shop").glob("*.yaml")
    kept = read_cassette(cassette, display=cassette.name, max_bytes=1 << 20).interactions
    assert ["limit=6" in i.uri for i in kept] == [False, False, False]


def test_a_record_served_twice_on_one_page_is_repeated(tmp_path: Path) -> None:
    _, findings, _, _ = _run(tmp_path, BY_KIND["duplicate-in-page"])
    [repeated] = [f for f in findings if f["code"] == "drift.page-repeated"]
    assert "page 1 of" in repeated["message"]
    assert "serves 1 record(s) twice on the same page (ids 1)" in repeated["message"]


def test_an_offset_list_shrinking_mid_walk_is_unstable(tmp_path: Path) -> None:
    _, findings, _, _ = _run(tmp_path, BY_KIND["offset-shrinks"])
    [unstable] = findings
    assert (unstable["code"], unstable["severity"]) == ("drift.paging-unstable", "warning")
    assert "stated 9 record(s) in all on page 1 and 6 on page 2" in unstable["message"]
    assert "up to 3 record(s) may have been skipped" in unstable["message"]


def test_another_json_media_type_is_a_media_type_mismatch(tmp_path: Path) -> None:
    _, findings, _, _ = _run(tmp_path, BY_KIND["vnd-json"])
    [mismatch] = findings
    assert mismatch["code"] == "drift.media-type-mismatch"
    assert "answered JSON as application/vnd.api+json" in mismatch["message"]


@pytest.mark.parametrize(("kind", "said"), [
    ("not-modified", "304 Not Modified to a request that was not conditional"),
    ("token-expired", "410 Gone: the resource, or the page token asked with, is no longer"),
    ("gzip-twice", "body is still gzip-compressed after its Content-Encoding was undone"),
])
def test_a_failed_fetch_says_what_happened(tmp_path: Path, kind: str, said: str) -> None:
    _, findings, _, _ = _run(tmp_path, BY_KIND[kind])
    [failed] = [f for f in findings if f["code"] == "drift.fetch-failed"]
    assert said in failed["message"]
