"""`Hit` and `Replacer` live in their own module and are still reachable where they were."""

from __future__ import annotations

from seamguard.privacy import hits, scrubber, text_scrub
from seamguard.privacy.kinds import Kind


def test_hit_and_replacer_are_the_same_objects_from_every_module() -> None:
    assert text_scrub.Hit is scrubber.Hit is hits.Hit
    assert text_scrub.Replacer is scrubber.Replacer is hits.Replacer


def test_a_text_scrubber_reports_hits_of_the_shared_type() -> None:
    found: list[hits.Hit] = []
    scrubbed = text_scrub.TextScrubber(on_hit=found.append).text("call 13812345678 please")
    assert "13812345678" not in scrubbed
    assert [(hit.kind, hit.value) for hit in found] == [(Kind.PHONE, "13812345678")]
    assert all(type(hit) is hits.Hit for hit in found)
