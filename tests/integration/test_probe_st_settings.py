"""`seamguard probe` reads schemathesis.toml and the hooks it names, as `st run` does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.broken_api import broken_api, broken_project, probe
from tests.support.servers import serve


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return broken_project(tmp_path / "p")


def test_the_settings_file_chooses_checks_and_sends_its_headers(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ST_API_KEY", "file-key-4b3a2910")
    (root / "schemathesis.toml").write_text(
        'headers = { "X-Api-Key" = "${ST_API_KEY}" }\n\n'
        "[generation]\nmax-examples = 2\n\n"
        "[checks]\nnot_a_server_error.enabled = false\n"
        "status_code_conformance.enabled = false\n", encoding="utf-8")
    calls: list[tuple[str, dict[str, str]]] = []
    with serve(broken_api(calls)) as origin:
        code, found = probe(root, origin, "--include-path", "/items/{id}",
                            "--include-path", "/profile")
    assert code == 1
    assert {f["code"] for f in found} == {"probe.schema-violation"}  # the 500s are not judged
    assert {headers.get("x-api-key") for _, headers in calls} == {"file-key-4b3a2910"}
    reports = "".join(p.read_text(encoding="utf-8") for p in (root / "reports").rglob("*")
                      if p.is_file())
    assert "file-key-4b3a2910" not in json.dumps(found) + reports


@pytest.fixture
def custom_check() -> Iterator[str]:
    """The name of the check the test's hooks register; unregistered afterwards, so later
    probes in this process do not run it."""
    from schemathesis.checks import CHECKS

    yield "no_boom_probe"
    if "no_boom_probe" in CHECKS.get_all_names():
        CHECKS.unregister("no_boom_probe")


def test_a_hooks_module_brings_custom_checks_by_name(root: Path, custom_check: str) -> None:
    (root / "st_hooks_probe.py").write_text(
        "import schemathesis\n\n\n@schemathesis.check\n"
        f"def {custom_check}(ctx, response, case):\n"
        "    if 'boom' in response.text:\n"
        "        raise AssertionError('the answer says boom')\n", encoding="utf-8")
    (root / "schemathesis.toml").write_text('hooks = "st_hooks_probe"\n', encoding="utf-8")
    with serve(broken_api([])) as origin:
        code, found = probe(root, origin, "-n", "2", "--checks", custom_check)
    assert code == 1
    [finding] = found
    assert finding["code"] == "probe.no-boom-probe"
    assert "the answer says boom" in finding["message"]


@pytest.mark.parametrize(("text", "said"), [
    ("[generation]\nmax-exampels = 2\n", "Did you mean 'max-examples'?"),
    ("[generation\nmax-examples = 2\n", "schemathesis.toml:1: schemathesis.toml is not valid"),
    ('hooks = "no_such_hooks_module"\n', "No module named 'no_such_hooks_module'"),
    ("seed = 1\n\n[generation]\nmax_examples = 2\n", "schemathesis.toml:4: schemathesis "
                                                     "refuses these settings"),
    ('seed = 1\nheaders = { "X-Key" = "${NO_SUCH_PROBE_VARIABLE}" }\n',
     "schemathesis.toml:2: schemathesis refuses these settings: Missing environment variable"),
])
def test_a_settings_file_schemathesis_refuses_is_a_usage_error(root: Path, text: str,
                                                               said: str) -> None:
    (root / "schemathesis.toml").write_text(text, encoding="utf-8")
    code, output = probe(root, "http://127.0.0.1:9")
    assert code == 2
    assert said in output
    assert "schemathesis.toml" in output


def test_a_base_url_of_the_settings_file_that_is_not_probed_is_said(root: Path) -> None:
    (root / "schemathesis.toml").write_text('base-url = "http://127.0.0.1:1/api"\n',
                                            encoding="utf-8")
    with serve(broken_api([])) as origin:
        _, found = probe(root, origin, "-n", "1", "--include-path", "/status")
    [warning] = [f for f in found if f["code"] == "probe.settings-ignored"]
    assert warning["severity"] == "warning"
    assert "http://127.0.0.1:1/api" in warning["message"]
    assert f"{origin}/api/v1" in warning["message"]


def test_settings_only_st_run_acts_on_are_said_not_dropped(root: Path) -> None:
    (root / "schemathesis.toml").write_text(
        "color = false\n\n[reports.junit]\nenabled = true\npath = \"out/junit.xml\"\n\n"
        "[[project]]\ntitle = \"shop\"\nwait-for-schema = 30\n", encoding="utf-8")
    with serve(broken_api([])) as origin:
        _, found = probe(root, origin, "-n", "1", "--include-path", "/status")
    said = {f["message"].split(" sets ")[1].split(",")[0]: f for f in found
            if f["code"] == "probe.settings-ignored"}
    assert set(said) == {"color", "reports", "project[0].wait-for-schema"}
    assert {f["severity"] for f in said.values()} == {"info"}
    assert [said[k]["location"]["line"] for k in ("color", "reports",
                                                  "project[0].wait-for-schema")] == [1, 3, 9]
    assert "junit.xml" in said["reports"]["message"]
    assert not (root / "out").exists()


def test_workers_and_max_failures_of_the_file_are_said_and_every_failure_reported(
        root: Path) -> None:
    (root / "schemathesis.toml").write_text("workers = 4\nmax-failures = 1\n",
                                            encoding="utf-8")
    with serve(broken_api([])) as origin:
        _, found = probe(root, origin, "-n", "1", "--include-path", "/status")
    said = {f["message"].split(" sets ")[1].split(",")[0]: f["location"]["line"]
            for f in found if f["code"] == "probe.settings-ignored"}
    assert said == {"workers": 1, "max-failures": 2}


@pytest.mark.parametrize(("given", "said"), [
    ("contracts/shop/v1/openapi.yaml", "seamguard probe shop --version v1"),
    ("http://127.0.0.1:9/openapi.json", "pass the service's address with --url"),
])
def test_a_schema_given_where_the_platform_goes_names_the_platform(root: Path, given: str,
                                                                   said: str) -> None:
    from typer.testing import CliRunner

    from seamguard.cli import app

    result = CliRunner().invoke(app, ["probe", given, "--project", str(root)])
    assert result.exit_code == 2
    assert said in " ".join(result.output.split())
