"""The seventh seeded corpus (``tests.support.surface_pii``): every command that prints or
stores something, driven over a project whose personal values sit where no key list looks —
no seed, in any spelling, may reach an output, a written file, a log record or an alert."""

from __future__ import annotations

from pathlib import Path

from tests.support.surface_pii import KNOWN, drive, leaks


def test_no_planted_value_reaches_any_surface(tmp_path: Path) -> None:
    out = drive(tmp_path)
    # The provocations reached every surface they were aimed at.
    for surface in ("check", "verify", "drift-run", "drift-run:alert", "drift-run:log",
                    "drift-observe", "quality", "reconcile", "map-explain", "map-test",
                    "probe", "privacy-scan", "error:args:stderr", "error:toml:stderr",
                    "sync-test", "record", "record:log", "contract-diff", "privacy-scrub",
                    "baseline-save", "verify:annotations"):
        assert out.texts.get(surface), surface
    found = {surface: names - KNOWN for surface, names in leaks(out).items()
             if names - KNOWN}
    assert found == {}
