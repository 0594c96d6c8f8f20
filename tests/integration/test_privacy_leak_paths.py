"""The paths corpus (``tests.support.leak_paths``): seeded personal values and secrets planted in
every kind of input, the real CLI run over them as a subprocess — bad input quoted back, findings
and samples, alerts by webhook and e-mail, live recordings, the vcrpy hooks, pytest's debug log —
and no value, in any spelling, in any output, written file or alert."""

from __future__ import annotations

from pathlib import Path

from tests.support.leak_paths import NAMES, drive, leaks
from tests.support.leak_paths_world import make_seeds


def test_no_planted_value_escapes_by_any_path(tmp_path: Path) -> None:
    seeds = make_seeds(20261207)
    out = drive(tmp_path, seeds)
    # The provocations reached what they were aimed at.
    for surface in ("drift-run|alert", "drift-run|mail", "drift-run|file", "probe|stdout",
                    "record:credentials|file", "vcr-hooks|file", "pytest-log|stdout",
                    "bad:contract-yaml:debug|stdout", "bad:settings-toml|stderr",
                    "privacy-scan|stdout"):
        assert any(out.texts.get(surface, [])), surface
    found = {surface: names - set(NAMES) for surface, names in leaks(out, seeds).items()
             if names - set(NAMES)}
    assert found == {}
