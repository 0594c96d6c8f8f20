"""An answer whose length its headers do not say is a probe finding (``http_framing``)."""

from __future__ import annotations

import pytest

from seamguard.probe_own_checks import framing_problem


@pytest.mark.parametrize("headers", [
    {"Content-Length": ["-5"]}, {"Content-Length": ["0x1f"]}, {"content-length": ["1e3"]},
    {"Content-Length": ["10", "20"]}, {"Content-Length": ["10, 20"]},
    {"Content-Length": ["99999999999999999999"]}, {"Content-Length": [" "]},
    {"Transfer-Encoding": ["zebra, chunked"]}, {"Transfer-Encoding": ["chunked, gzip"]},
    {"Transfer-Encoding": ["gzip"]},
])
def test_a_length_nobody_can_know_is_a_problem(headers: dict[str, list[str]]) -> None:
    assert framing_problem(headers) is not None


@pytest.mark.parametrize("headers", [
    {}, {"Content-Length": ["10"]}, {"Content-Length": ["10", "10"]},
    {"Content-Length": ["10, 10"]}, {"Transfer-Encoding": ["chunked"]},
    {"Transfer-Encoding": ["gzip, chunked"]}, {"transfer-encoding": ["Chunked"]},
    {"Content-Type": ["application/json"]},
])
def test_a_well_framed_answer_is_no_problem(headers: dict[str, list[str]]) -> None:
    assert framing_problem(headers) is None
