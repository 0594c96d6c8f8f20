"""An alert webhook that answers with a redirect: the message is not carried on to wherever it
points (another host, or the same one), and the run says the alert was not delivered."""

from __future__ import annotations

import pytest

from seamguard.alerts import Message, _send
from tests.support import hostile_servers as servers

MESSAGE = Message(title="seamguard drift on shop: 1 to look at", body="- [error] x",
                  notify_type="failure")


def _redirect(location: str, status: str = "307 Temporary Redirect") -> servers.Responder:
    return servers.raw_answer(b"", status=status, headers={"Location": location})


@pytest.mark.parametrize("status", ["307 Temporary Redirect", "308 Permanent Redirect",
                                    "302 Found"])
def test_a_redirect_to_another_host_is_not_followed(status: str) -> None:
    with servers.raw_server(servers.json_answer({})) as elsewhere:
        target = elsewhere.origin.replace("127.0.0.1", "localhost") + "/hook"
        with servers.raw_server(_redirect(target, status)) as hook:
            findings = _send([("HOOK", f"json://u:secret@127.0.0.1:{hook.port}/hook")],
                             MESSAGE, timeout=2.0, count=1, deadline=5.0)
        assert len(hook.requests) == 1
    assert elsewhere.requests == []
    assert [f.code for f in findings] == ["alert.failed"]
    assert findings[0].location.pointer == "env:HOOK"


def test_a_webhook_that_answers_200_is_still_sent() -> None:
    with servers.raw_server(servers.json_answer({})) as hook:
        findings = _send([("HOOK", f"json://127.0.0.1:{hook.port}/hook")], MESSAGE,
                         timeout=2.0, count=1, deadline=5.0)
    assert [f.code for f in findings] == ["alert.sent"]
    assert len(hook.requests) == 1


def test_redirects_are_followed_again_after_the_alerts() -> None:
    from requests import Session

    before = Session.get_redirect_target
    with servers.raw_server(_redirect("/elsewhere")) as hook:
        _send([("HOOK", f"json://127.0.0.1:{hook.port}/hook")], MESSAGE, timeout=2.0, count=1,
              deadline=5.0)
    assert Session.get_redirect_target is before
