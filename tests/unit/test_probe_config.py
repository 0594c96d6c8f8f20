"""schemathesis.toml values fill what the command line left at its default."""

from __future__ import annotations

from seamguard.probe import ProbeOptions
from seamguard.probe_config import StSettings


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
