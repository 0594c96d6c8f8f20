"""The compiled JSON walk with pointers tracked (``privacy scan``): every hit comes out as the
Python loops give it — the same kind, value and JSON pointer, in the same order — and so does
the scanned text, on generated documents, on hostile ones, and on a scan of recorded traffic
written as a cassette."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from seamguard.privacy import json_text
from seamguard.privacy import scan as scan_module
from seamguard.privacy import scrubber as scrubber_module
from seamguard.privacy import settled_walk as settled_walk_module
from seamguard.privacy.scrubber import Hit, Scrubber
from seamguard.privacy.text_scrub import _NOTHING, _PLAIN
from seamguard.recordings.cassettes import ReadableYaml
from tests.support.compiled import accelerator
from tests.unit.test_privacy_fast_path import POLICY, _replacers, texts
from tests.unit.test_privacy_settle import HOSTILE, _corpus

COMPILED = accelerator("_privscreen")
SPLICE = accelerator("_privsplice").splice


@pytest.fixture(autouse=True)
def _compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The compiled functions in place even where the package was installed without them."""
    monkeypatch.setattr(settled_walk_module, "settle", COMPILED.settle)
    monkeypatch.setattr(settled_walk_module, "may_name", COMPILED.may_name)
    monkeypatch.setattr(json_text, "splice", SPLICE)
    return


class _Tracked:
    """A scrubber that reads pointers (as a scan does), with the hits it reported."""

    def __init__(self, replacer: Any, compiled: bool) -> None:
        self.hits: list[Hit] = []
        self.scrubber = Scrubber(POLICY, replacer, on_hit=self.hits.append)
        self.scrubber._compiled = compiled

    def read(self, text: str) -> tuple[str | None, list[tuple[Any, str, str]]]:
        self.hits.clear()
        scrubbed = self.scrubber.json_text(text)
        return scrubbed, [(hit.kind, hit.pointer, hit.value) for hit in self.hits]


# One long-lived pair per replacer: what is remembered carries over from one document to the next.
PAIRS = {name: (_Tracked(replacer, True), _Tracked(replacer, False))
         for name, replacer in _replacers().items()}


def _same(text: str) -> None:
    for compiled, python in PAIRS.values():
        for _ in range(2):  # again, with everything remembered
            assert compiled.read(text) == python.read(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts())
def test_tracked_hits_of_the_compiled_walk_equal_the_python_loops(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_tracked_hits_of_hostile_documents_are_the_same(text: str) -> None:
    _same(text)


def test_a_hit_deep_in_plain_objects_and_lists_names_its_place() -> None:
    text = ('{"data": {"items": [{"a~b/c": [1, {"note": "call 13812345678"}]}], "x": 1}, '
            '"list": [[{"k": "wang@corp.cn"}]]}')
    compiled, _python = PAIRS["scan"]
    _scrubbed, hits = compiled.read(text)
    assert [pointer for _kind, pointer, _value in hits] == [
        "/data/items/0/a~0b~1c/1/note", "/list/0/0/k"]


def test_the_compiled_walk_builds_pointers_only_from_str_tokens() -> None:
    context = (_PLAIN, {}, 0, 5)  # a key token that is not a str
    with pytest.raises(TypeError):
        COMPILED.settle({"a": "x y z 13812345678"}, ((context,), ()), {}, _NOTHING, {}, [],
                        None, "")
    with pytest.raises(TypeError):
        COMPILED.settle([1], (_PLAIN, {}, 0, ""), {}, _NOTHING, {}, [], None, b"/")
    # without a pointer, nothing reads the token
    assert COMPILED.settle({"a": 1}, ((context,), ()), {}, _NOTHING, {}, [], None)[0] == 1
    # a list's items are named by their index
    deferred = COMPILED.settle(["13812345678"], (_PLAIN, {}, 0, ""), {}, _NOTHING, {}, [],
                               None, "/root")[2]
    assert deferred == [(["13812345678"], 0, "13812345678", (_PLAIN, {}, 0, ""), "/root/0")]


def _findings(cassette: Path) -> list[tuple[Any, ...]]:
    return [(finding.code, finding.message, finding.location.file, finding.location.line,
             finding.location.pointer)
            for finding in scan_module.scan_files([cassette], max_bytes=1 << 30)]


def test_a_scan_of_recorded_traffic_finds_the_same_with_either_walk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cassette = tmp_path / "traffic.yaml"
    cassette.write_text(ReadableYaml.serialize(
        {"interactions": copy.deepcopy(_corpus()), "version": 1}), "utf-8")
    compiled = _findings(cassette)
    monkeypatch.setattr(scrubber_module, "settle", None)  # the Python loops
    assert not Scrubber(POLICY)._compiled
    assert _findings(cassette) == compiled
    assert len(compiled) > 1000
