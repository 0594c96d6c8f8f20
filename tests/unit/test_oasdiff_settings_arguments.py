"""oasdiff.yaml as `drift run`'s published-spec diff reads it: the stability threshold is
honoured, and a regex or level it cannot take is named at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.oasdiff_settings import diff_arguments
from seamguard.errors import UsageError


def test_the_stability_level_of_the_file_is_honoured(tmp_path: Path) -> None:
    (tmp_path / "oasdiff.yaml").write_text("stability-level: alpha\n", encoding="utf-8")
    assert diff_arguments(tmp_path).policy.stability_level == "alpha"
    (tmp_path / "oasdiff.yaml").write_text("match-path: ^/v1\n", encoding="utf-8")
    assert diff_arguments(tmp_path).policy.stability_level == "beta"


@pytest.mark.parametrize(("line", "said"), [
    ("match-path: '('", "not a regular expression"),
    ("filter-extension: '[x'", "not a regular expression"),
    ("stability-level: gold", "not draft, alpha, beta or stable"),
])
def test_a_value_it_cannot_take_is_named_at_its_line(tmp_path: Path, line: str,
                                                     said: str) -> None:
    (tmp_path / "oasdiff.yaml").write_text(f"fail-on: ERR\n{line}\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        diff_arguments(tmp_path)
    assert caught.value.line == 2
    assert caught.value.file == "oasdiff.yaml"
    assert said in caught.value.message
    assert line.split(":")[0] in caught.value.message
