"""`seamguard probe --checks NAME` for a check this run cannot exercise: told, never a quiet
pass (schemathesis passes such a check without running it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.integration.test_probe import TOKEN, shop
from tests.integration.test_probe_st_habits import findings, root, st_probe
from tests.support.servers import serve

__all__ = ["root"]  # the fixture


def _not_run(root: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    with serve(shop([], broken=False)) as origin:
        code, output = st_probe(root, origin, "-H", f"X-Token: {TOKEN}", *extra)
    return code, [f for f in findings(output) if f["code"] == "probe.check-not-run"]


@pytest.mark.parametrize(("extra", "said"), [
    (["--checks", "ignored_auth"], "no probed operation declares a security requirement"),
    (["--checks", "negative_data_rejection"], "--mode positive generates none"),
    (["--checks", "positive_data_acceptance", "--mode", "negative"],
     "--mode negative generates none"),
    (["--checks", "use_after_free"], "only with --allow-unsafe"),
    (["-c", "ensure_resource_availability"], "only with --allow-unsafe"),
], ids=["ignored_auth", "negative", "positive", "use_after_free", "availability"])
def test_a_check_that_cannot_run_alone_fails_the_probe(root: Path, extra: list[str],
                                                        said: str) -> None:
    code, [finding] = _not_run(root, *extra)
    assert code == 1
    assert finding["severity"] == "error"
    assert said in str(finding["message"])
    assert "silently" in str(finding["hint"])


def test_a_check_that_cannot_run_beside_one_that_can_is_a_warning(root: Path) -> None:
    code, [finding] = _not_run(root, "--checks", "not_a_server_error,ignored_auth")
    assert code == 0
    assert finding["severity"] == "warning"
    assert "--checks ignored_auth" in str(finding["message"])


def test_checks_that_can_run_raise_nothing(root: Path) -> None:
    path = root / "contracts" / "shop" / "v1" / "openapi.yaml"
    contract = yaml.safe_load(path.read_text(encoding="utf-8"))
    contract["components"]["securitySchemes"] = {
        "token": {"type": "apiKey", "in": "header", "name": "X-Token"}}
    contract["security"] = [{"token": []}]
    path.write_text(yaml.safe_dump(contract), encoding="utf-8")
    for extra in (["--checks", "ignored_auth"],
                  ["--checks", "negative_data_rejection", "--mode", "all"], []):
        _, said = _not_run(root, *extra)
        assert said == [], extra


@pytest.mark.parametrize(("name", "said"), [
    ("NOT_A_SERVER_ERROR", "did you mean 'not_a_server_error'?"),
    ("Ignored-Auth", "did you mean 'ignored_auth'?"),
    ("max_response_time", "--max-response-time SECONDS"),
])
def test_check_names_in_other_spellings_name_the_right_one(root: Path, name: str,
                                                           said: str) -> None:
    from typer.testing import CliRunner

    from seamguard.cli import app

    result = CliRunner().invoke(app, ["probe", "shop", "--project", str(root), "-H",
                                      "X-Token: t", "--checks", name])
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split())


def test_a_check_enabled_by_name_in_schemathesis_toml_is_told_too(root: Path) -> None:
    (root / "schemathesis.toml").write_text(
        "[checks]\nenabled = false\n[checks.negative_data_rejection]\nenabled = true\n",
        encoding="utf-8")
    code, [finding] = _not_run(root)
    assert code == 1
    assert str(finding["message"]).startswith(
        "schemathesis.toml [checks.negative_data_rejection]: never exercised")
    (root / "schemathesis.toml").write_text(
        '[generation]\nmode = "all"\n[checks.negative_data_rejection]\nenabled = true\n',
        encoding="utf-8")
    assert _not_run(root)[1] == []
