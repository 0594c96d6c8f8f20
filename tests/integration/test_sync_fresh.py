"""A slice of ``tests.support.sync_fresh``: planted bugs of other kinds than the example's
variants, behind each transport, are detected, and other correct ways to write a part pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sync_fresh import FLAVOURS, add_targets, detect


@pytest.fixture
def fresh(example: Path) -> Path:
    add_targets(example)
    return example


@pytest.mark.parametrize("flavour", ["poll_seen_cache", "version_unpadded_text",
                                     "poll_keyset_ties", "queue_ack_then_compensate",
                                     "poll_skips_cursor_ties", "queue_nack_in_flight"])
def test_a_planted_bug_is_detected_and_a_correct_part_passes(fresh: Path, flavour: str) -> None:
    verdict = detect(fresh, flavour, seed=1, examples=20)
    assert verdict.broken == FLAVOURS[flavour].broken
    assert verdict.right, verdict.line()


def test_the_fresh_targets_copy_the_examples_with_this_factory(fresh: Path) -> None:
    text = (fresh / "pyproject.toml").read_text(encoding="utf-8")
    for target in ("fresh_sync", "fresh_poll", "fresh_queue"):
        head = f"[tool.seamguard.sync.targets.{target}]"
        body = text[text.index(head):].split("\n\n", 1)[0]
        assert 'app = "tests.support.sync_fresh:create_app"' in body
    assert text.count('FRESH_SYNC_FLAVOR = "{variant}"') == 3
