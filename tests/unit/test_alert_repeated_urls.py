"""An alert URL listed twice (in one variable or two) is sent to once, and the repeat is named
by its variable, never by the URL and its token."""

from __future__ import annotations

import pytest

from seamguard.alerts import Message, _distinct, _send, _urls
from tests.support import hostile_servers as servers

MESSAGE = Message(title="seamguard drift on shop: 1 to look at", body="- [error] x",
                  notify_type="failure")


def test_a_repeated_url_is_sent_once_and_named_by_its_variable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    with servers.raw_server(servers.json_answer({})) as hook:
        url = f"json://u:tok3n@127.0.0.1:{hook.port}/h"
        other = f"json://u:tok3n@127.0.0.1:{hook.port}/other"
        monkeypatch.setenv("HOOK", f"{url} {other} {url}")
        monkeypatch.setenv("MORE", url)
        urls, missing = _urls(["HOOK", "MORE"])
        assert missing == []
        kept, repeated = _distinct(urls)
        assert kept == [("HOOK", url), ("HOOK", other)]
        assert [f.location.pointer for f in repeated] == ["env:HOOK", "env:MORE"]
        assert "URL 3 of HOOK" in repeated[0].message
        assert "URL 1 of HOOK" in repeated[0].message
        assert all("tok3n" not in f.message + (f.hint or "") for f in repeated)
        assert all(f.severity.value == "warning" for f in repeated)
        findings = _send(kept, MESSAGE, timeout=2.0, count=1, deadline=5.0)
    assert [f.code for f in findings] == ["alert.sent"]
    assert len(hook.requests) == 2
