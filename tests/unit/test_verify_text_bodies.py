"""A body recorded as text is the same bytes read as UTF-8: vcrpy stores a body that is valid
UTF-8 as text, so a recording read back from its cassette must get the verdict its bytes got."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.support.gateway_fresh2 import MEANT as F2_MEANT
from tests.support.gateway_fresh2 import F2Case, platform_verdicts
from tests.support.gateway_fresh2 import cases as fresh2_cases
from tests.support.gateway_fresh2_project import ENV as F2_ENV
from tests.support.gateway_fresh2_project import write as write_fresh2
from tests.support.gateway_fresh4 import MEANT as F4_MEANT
from tests.support.gateway_fresh4 import cases as fresh4_cases
from tests.support.gateway_fresh4_project import ENV as F4_ENV
from tests.support.gateway_fresh4_project import write as write_fresh4


def _utf8_bytes(case: F2Case) -> bool:
    if not isinstance(case.body, bytes):
        return False
    try:
        case.body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize(("grouped", "write", "meant", "env"), [
    pytest.param(fresh2_cases, write_fresh2, F2_MEANT, F2_ENV, id="fresh2"),
    pytest.param(fresh4_cases, write_fresh4, F4_MEANT, F4_ENV, id="fresh4"),
])
def test_a_body_as_text_gets_the_verdict_of_its_utf8_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grouped, write, meant, env) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    as_bytes = {p: [c for c in items if _utf8_bytes(c)] for p, items in grouped().items()}
    as_bytes = {p: items for p, items in as_bytes.items() if items}
    # percent-encoded GBK forms under no charset are among them: the class that differed
    assert any("gbk" in c.name for items in as_bytes.values() for c in items)
    as_text = {p: [dataclasses.replace(c, body=c.body.decode("utf-8"))  # type: ignore[union-attr]
                   for c in items] for p, items in as_bytes.items()}
    before = platform_verdicts(tmp_path / "bytes", as_bytes, write, meant)
    after = platform_verdicts(tmp_path / "text", as_text, write, meant)
    assert [(c.name, found) for c, found in after] == [(c.name, found) for c, found in before]
    assert all(sorted(found, key=str) == sorted(c.expected, key=str) for c, found in after)


def test_utf8_under_a_gbk_label_is_said_whether_kept_as_bytes_or_as_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # vcrpy keeps a body as text only when its bytes are valid UTF-8: a text body under a GBK
    # label stands for UTF-8 bytes sent under that label, request and answer alike.
    for name, value in F4_ENV.items():
        monkeypatch.setenv(name, value)
    gbk_json = "application/json;charset=GBK"
    base = next(c for c in fresh4_cases()["jdl"] if c.name == "jdl-create-gbk-body-no-charset")
    text = base.body.decode("gbk")  # type: ignore[union-attr]
    assert not text.isascii()
    sent = [dataclasses.replace(base, name=f"request-{kind}", body=body, request_type=gbk_json)
            for kind, body in (("bytes", text.encode("utf-8")), ("text", text))]
    answer = json.dumps(base.answer, ensure_ascii=False) + " "  # beyond ASCII: 中文 inside
    assert not answer.isascii()
    sent += [dataclasses.replace(base, name=f"answer-{kind}", body=text.encode("gbk"),
                                 request_type="application/json;charset=GBK", answer=body,
                                 answer_type=gbk_json)
             for kind, body in (("bytes", answer.encode("utf-8")), ("text", answer))]
    verdicts = platform_verdicts(tmp_path, {"jdl": sent}, write_fresh4, F4_MEANT)
    found = {c.name: v for c, v in verdicts}
    assert found["request-text"] == found["request-bytes"]
    assert ("body.undecodable", "request:/body", "error") in found["request-text"]
    assert found["answer-text"] == found["answer-bytes"]
    assert any(code == "body.undecodable" for code, _, _ in found["answer-text"])
