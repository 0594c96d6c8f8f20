"""schemathesis.toml values fill what the command line left at its default."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.errors import UsageError
from seamguard.probe import ProbeOptions
from seamguard.probe_config import StSettings, read_settings


def test_the_command_line_wins_and_the_file_beats_the_defaults() -> None:
    settings = StSettings({"generation": {"max-examples": 7, "mode": "all"},
                           "request-timeout": 3.5, "seed": 11})
    options = ProbeOptions(platform="p", max_examples=40, given=frozenset({"max_examples"}))
    chosen = settings.defaults_for(options)
    assert (chosen.max_examples, chosen.mode, chosen.timeout, chosen.seed) == (40, "all", 3.5,
                                                                              11)
    assert StSettings().defaults_for(options) is options


def test_header_and_auth_values_of_the_file_are_secrets() -> None:
    settings = StSettings({"headers": {"Authorization": "Bearer tok-1"},
                           "auth": {"basic": {"username": "u", "password": "pw-2"}},
                           "project": [{"headers": {"X-Key": "k-3"}}]})
    secrets = settings.secrets()
    assert {"Bearer tok-1", "tok-1", "pw-2", "k-3"} <= set(secrets)


def test_the_headers_the_file_sends_are_known_by_name() -> None:
    settings = StSettings({"headers": {"X-Key": "k"}, "project": [{"auth": {"basic": {}}}]})
    assert settings.sent_headers() == {"X-Key": "k", "Authorization": ""}


ST_TOML = """\
workers = 4
max-failures = 1
generation.database = ":memory:"

[cache]
enabled = true

[phases.stateful]
enabled = true

[[project]]
title = "a"

[[project]]
title = "b"
workers = "auto"
generation = { database = "none" }
"""


def _settings(text: str) -> StSettings:
    import tomllib

    return StSettings(tomllib.loads(text), "schemathesis.toml", None, text)


def test_settings_the_probe_overrides_are_said_with_their_lines() -> None:
    said = {key: (why, line) for key, why, line in _settings(ST_TOML).unheeded()}
    assert {key: line for key, (_, line) in said.items()} == {
        "workers": 1, "max-failures": 2, "generation.database": 3, "cache": 5,
        "phases.stateful.enabled": 9, "project[1].workers": 16}
    assert "--seed" in said["workers"][0]
    assert "--allow-unsafe" in said["phases.stateful.enabled"][0]
    allowed = {key for key, _, _ in _settings(ST_TOML).unheeded(allow_unsafe=True)}
    assert "phases.stateful.enabled" not in allowed


def test_every_documented_setting_is_acted_on_or_said() -> None:
    import importlib.resources
    import json

    from seamguard.probe_config import _DROPPED, _UNHEEDED

    schema = json.loads(importlib.resources.files("schemathesis").joinpath(
        "config/schema.json").read_text(encoding="utf-8"))
    documented = set(schema["properties"]) | set(schema["$defs"]["ProjectConfig"]["properties"])
    # acted on: passed to schemathesis' engine, or read by the probe itself
    acted_on = {"analysis", "auth", "base-url", "checks", "continue-on-failure", "dictionaries",
                "generation", "headers", "hooks", "max-redirects", "max-stream-events",
                "max-time", "operations", "origin", "parameters", "phases", "project", "proxy",
                "rate-limit", "request-cert", "request-cert-key", "request-retries",
                "request-timeout", "seed", "servers", "suppress-health-check", "title",
                "tls-verify"}
    assert documented - acted_on == set(_UNHEEDED)
    assert set(_DROPPED) <= set(_UNHEEDED)


def test_the_probe_runs_one_worker_without_a_cache_whatever_the_file_says() -> None:
    from seamguard.probe_config import build_config

    config = build_config(_settings(ST_TOML), {"base-url": "http://127.0.0.1:1"})
    assert config.cache.enabled is False
    assert config.max_failures is None
    assert [p.workers for p in config.projects.named.values()] == [1, 1]
    assert config.projects.default.workers == 1


def test_the_file_is_found_above_the_project_up_to_the_repository_root(tmp_path: Path) -> None:
    from seamguard.probe_config import read_settings

    repo = tmp_path / "repo"
    project = repo / "services" / "shop"
    project.mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / "schemathesis.toml").write_text("workers = 2\n", encoding="utf-8")
    found = read_settings(project, "schemathesis.toml")
    assert found.display == "../../schemathesis.toml"
    assert [(key, line) for key, _, line in found.unheeded()] == [("workers", 1)]
    (tmp_path / "schemathesis.toml").write_text("seed = 1\n", encoding="utf-8")
    (repo / "schemathesis.toml").unlink()
    assert read_settings(project, "schemathesis.toml").data == {}  # outside the repository


@pytest.mark.parametrize(("text", "name", "line"), [
    ("seed = 1\nmax-time = 1000000000\n", "max-time", 2),  # the option's bound: a day
    ("max-time = 0\n", "max-time", 1),
    ("max-time = true\n", "max-time", 1),
    ("request-timeout = 86400\n", "request-timeout", 1),  # the option's bound: an hour
    ("request-timeout = \"10\"\n", "request-timeout", 1),
    ("[checks]\nmax_response_time = 7200.0\n", "checks.max_response_time", 2),
    ("[[project]]\ntitle = \"a\"\n\n[[project]]\nrequest-timeout = 1e9\n",
     "project[1].request-timeout", 5),
])
def test_a_duration_past_its_options_bound_is_a_settings_error(
        tmp_path: Path, text: str, name: str, line: int) -> None:
    (tmp_path / "schemathesis.toml").write_text(text, encoding="utf-8")
    settings = read_settings(tmp_path, "schemathesis.toml")
    with pytest.raises(UsageError) as caught:
        settings.defaults_for(ProbeOptions(platform="p"))
    assert (caught.value.file, caught.value.line) == ("schemathesis.toml", line)
    assert f"`{name}`" in caught.value.message
    assert "seconds" in (caught.value.hint or "")


def test_durations_within_the_bounds_are_taken(tmp_path: Path) -> None:
    (tmp_path / "schemathesis.toml").write_text(
        "max-time = 86400\nrequest-timeout = 3600\n[checks]\nmax_response_time = 0.5\n",
        encoding="utf-8")
    chosen = read_settings(tmp_path, "x").defaults_for(ProbeOptions(platform="p"))
    assert (chosen.max_time, chosen.timeout) == (86_400, 3600)


@pytest.mark.parametrize(("text", "name", "line", "said"), [
    ("max-time = 2.5\n", "max-time", 1, "a whole number"),
    ("[generation]\nmax-examples = 100000000000000000000\n", "generation.max-examples", 2,
     "at most 10000 requests"),  # one pass of it never ends
    ("[generation]\nmax-examples = 2.5\n", "generation.max-examples", 2, "a whole number"),
    ("[generation]\nmax-examples = \"10\"\n", "generation.max-examples", 2, "from 1 to 10000"),
    ("seed = 1e300\n", "seed", 1, "a whole number"),
    ("max-redirects = 1e300\n", "max-redirects", 1, "a whole number"),
    ("max-redirects = 100000000000000000000\n", "max-redirects", 1, "at most 100"),
])
def test_a_count_that_is_no_whole_number_or_past_its_bound_is_a_settings_error(
        tmp_path: Path, text: str, name: str, line: int, said: str) -> None:
    (tmp_path / "schemathesis.toml").write_text(text, encoding="utf-8")
    settings = read_settings(tmp_path, "schemathesis.toml")
    with pytest.raises(UsageError) as caught:
        # the command line's --max-examples does not hide a wrong value in the file
        settings.defaults_for(ProbeOptions(platform="p", given=frozenset({"max_examples"})))
    assert (caught.value.file, caught.value.line) == ("schemathesis.toml", line)
    assert f"`{name}`" in caught.value.message
    assert said in caught.value.message
    assert caught.value.hint


def test_the_command_line_refuses_max_examples_past_one_pass() -> None:
    from typer.testing import CliRunner

    from seamguard.cli import app

    result = CliRunner().invoke(app, ["probe", "shop", "--max-examples", "99999999"])
    assert result.exit_code == 2
    assert "--max-examples" in result.output
