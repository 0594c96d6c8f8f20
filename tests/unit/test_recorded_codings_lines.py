"""A recorded ``Content-Encoding`` written on two header lines (vcrpy keeps each line's value)
means both codings were applied, as ``gzip, gzip`` on one line does: both are undone and the
body is checked."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import good_order, interaction, mini_project


def test_codings_on_two_lines_are_both_undone(tmp_path: Path) -> None:
    item = interaction("x")
    item["response"]["headers"]["Content-Encoding"] = ["gzip", "gzip"]
    item["response"]["body"]["string"] = gzip.compress(gzip.compress(json.dumps(
        {"order": good_order(status="lost")}).encode()))
    project = mini_project(tmp_path / "p", interactions=[item])
    result = CliRunner().invoke(app, ["verify", "--project", str(project), "-f", "json"])
    assert result.exit_code == 1
    [finding] = json.loads(result.output)["findings"]
    assert finding["location"]["pointer"] == "/order/status"
