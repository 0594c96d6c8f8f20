"""The privacy walk's compiled parts put in place for a test, and a JSON body recorded through
the scrubber with or without them: for tests that check both walks give the same answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from seamguard.privacy import json_text
from seamguard.privacy import settled_walk as settled_walk_module
from seamguard.privacy.scrubber import Scrubber
from tests.support.compiled import accelerator


def use_compiled_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled walk in place even where the package was installed without it."""
    compiled = accelerator("_privscreen")
    monkeypatch.setattr(settled_walk_module, "settle", compiled.settle)
    monkeypatch.setattr(settled_walk_module, "may_name", compiled.may_name)
    monkeypatch.setattr(json_text, "splice", accelerator("_privsplice").splice)


def recorded_json(document: Any, compiled: bool) -> str:
    """``document`` as JSON text, scrubbed as a recording is, by the compiled walk or not."""
    scrubber = Scrubber()
    scrubber._compiled = compiled
    text = scrubber.json_text(json.dumps(document, ensure_ascii=False))
    assert text is not None
    return text
