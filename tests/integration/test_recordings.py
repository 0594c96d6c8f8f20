"""The example cassettes are genuine vcrpy recordings: re-recording reproduces them exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.projects import REPO


def test_re_recording_reproduces_the_committed_cassettes(tmp_path: Path) -> None:
    out = tmp_path / "cassettes"
    subprocess.run(
        [sys.executable, "-m", "tests.support.record_examples", "--out", str(out)],
        cwd=REPO, check=True, capture_output=True, timeout=300,
    )
    committed = REPO / "fixtures" / "cassettes"
    names = sorted(p.relative_to(committed).as_posix() for p in committed.rglob("*.yaml"))
    recorded = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml"))
    assert recorded == names
    for name in names:
        assert (out / name).read_bytes() == (committed / name).read_bytes(), name
