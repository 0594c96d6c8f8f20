"""The eleventh corpus (:mod:`tests.support.fresh_pii11`) on its building seeds: every carrier
through the vcrpy hooks, ``mask_text``, ``mask_value`` and a masked finding leaves no planted
value in any spelling and keeps every ordinary value it was given (``python -m
tests.support.fresh_pii11`` adds ``privacy scan``/``scrub`` and the CLI)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pytest

from seamguard.privacy import mask_text, mask_value
from seamguard.privacy.json_text import load_json
from tests.support.fresh_pii4 import _given_text, _kept, _through_hooks
from tests.support.fresh_pii8 import _finding8
from tests.support.fresh_pii10 import unfolded
from tests.support.fresh_pii11 import SEEDS, carriers, opened11
from tests.support.fresh_pii11_values import ORDINARY, leak_forms, make_values


def _light(text: str) -> str:
    """A text path's output opened as the corpus spells values in text (percent-escapes, once
    and twice, HTML entities, ``\\u`` escapes); the whole of ``opened11`` (base64, hex, GBK
    bytes) is for the hooks, which may write a value wrapped."""
    once = unquote(text)
    return unfolded(" ".join((text, once, unquote(once))))


def _outputs(interaction: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, what it was given, what it printed) for one interaction."""
    given = json.dumps([interaction["request"], interaction["response"]], ensure_ascii=False,
                       default=str)
    out = [("hooks", given, opened11(_through_hooks(interaction)))]
    for side, body in (("request", interaction["request"]["body"]),
                       ("response", interaction["response"]["body"]["string"])):
        text = _given_text(body)
        if not text:
            continue
        out.append((f"mask_text {side}", text, _light(mask_text(text))))
        try:
            parsed = load_json(text)
        except ValueError:
            continue
        out.append((f"mask_value {side}", text,
                    _light(json.dumps(mask_value(parsed), ensure_ascii=False))))
        out.append((f"finding {side}", text, _light(_finding8(parsed))))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_the_building_seeds_leak_nothing_and_keep_the_ordinary_values(seed: int) -> None:
    values = make_values(seed)
    leaks, lost = [], []
    for name, interaction in carriers(values):
        for path, given, shown in _outputs(interaction):
            leaks += [(path, name, value.name) for value in values
                      if any(form in shown for form in leak_forms(value))]
            lost += [(path, name, key) for key, value in ORDINARY.items()
                     if any(form in given for form in _kept(value))
                     and not any(form in shown for form in _kept(value))]
    assert leaks == []
    assert lost == []
