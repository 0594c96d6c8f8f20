"""Alert webhooks that redirect or drip: the message is not carried on to wherever a redirect
points (another host, or the same one), all of a run's alerts share one deadline, and the run
says which alerts were not delivered."""

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


def test_many_dripping_webhooks_share_one_deadline() -> None:
    import time

    urls = [("HOOKS", f"json://127.0.0.1:{{port}}/h{n}") for n in range(20)]
    with servers.raw_server(servers.drip(0.2)) as hook:
        started = time.monotonic()
        findings = _send([(env, url.format(port=hook.port)) for env, url in urls], MESSAGE,
                         timeout=1.0, count=1, deadline=2.0)
        took = time.monotonic() - started
    assert took < 10, took  # twenty deadlines would be 40 s
    assert len(hook.requests) < 20
    skipped = [f for f in findings if "were not sent" in f.message]
    assert len(skipped) == 1
    assert skipped[0].code == "alert.failed"
    assert "deadline of 2 s" in skipped[0].message
