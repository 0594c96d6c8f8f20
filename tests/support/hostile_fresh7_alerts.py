"""Alerts configured or delivered badly, for ``hostile_fresh7``.

A nightly ``drift run`` whose live answer breaks the contract (so there is something to alert
about) sends its alert to a webhook on 127.0.0.1 that misbehaves: a 500, a 404, a redirect loop,
a redirect to another host, a drip, a listener that never answers, a reset, garbage, a TLS
record, a 60 MB answer, a 429 with a century of ``Retry-After``, nothing listening. Or the
variable holds a URL apprise cannot use (no host, an unknown service, a port out of range, a
broken IPv6 literal, a control character) or the ``[tool.seamguard.alerts]`` table is wrong (a
misspelt topic, a severity nobody has, a URL written in the file itself, a variable name given
as a string). Every run must end within the network deadline with the contract finding (exit 1)
and a word about the alert naming its variable, or a usage error naming the setting (exit 2);
the token in a URL must never be printed.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh_net import _origin_settings
from tests.support.hostile_strategies import HELD, ONE, TWO, mini
from tests.support.projects import good_order

# The token an alert URL carries: it must never reach the output.
TOKEN = "tok7SECRETz9Q"
ENV = "HG7_ALERT_URLS"
_ALERTS = f"""
[tool.seamguard.alerts]
urls_env = ["{ENV}"]
on = ["drift"]
min_severity = "info"
timeout = 1.0
"""


def _answer(status: str, body: bytes = b"{}", **headers: str) -> servers.Responder:
    return servers.raw_answer(body, status=status, headers=headers)


def _redirect_elsewhere() -> servers.Responder:
    target = HELD.enter_context(servers.raw_server(_answer("200 OK")))
    return _answer("307 Temporary Redirect", b"",
                   Location=target.origin.replace("127.0.0.1", "localhost") + "/hook")


def _self_redirect() -> servers.Responder:
    return _answer("302 Found", b"", Location="/hook")


def _tls_alert(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(b"\x15\x03\x01\x00\x02\x02\x46")


# label -> the webhook's misbehaviour
HOOKS: dict[str, Callable[[], servers.Responder]] = {
    "hook-500": lambda: _answer("500 Internal Server Error", b'{"error": "boom"}'),
    "hook-404": lambda: _answer("404 Not Found", b"<html>no</html>"),
    "hook-401": lambda: _answer("401 Unauthorized", b"{}", WWW_Authenticate="Bearer"),
    "hook-redirect-self": _self_redirect,
    "hook-redirect-other-host": _redirect_elsewhere,
    "hook-drip": lambda: servers.drip(0.3),
    "hook-drip-headers": lambda: servers.drip_everything(0.3),
    "hook-silent": servers.silent,
    "hook-reset": servers.reset,
    "hook-garbage": servers.garbage,
    "hook-tls-alert": lambda: _tls_alert,
    "hook-huge": lambda: servers.huge(60),
    "hook-429-century": lambda: _answer("429 Too Many Requests", Retry_After="3153600000"),
    "hook-503-retry-2099": lambda: _answer("503 Service Unavailable",
                                           Retry_After="Thu, 01 Jan 2099 00:00:00 GMT"),
    "hook-gzip-bomb": lambda: servers.bomb("gzip"),
    "hook-short-body-silence": servers.short_body_then_silence,
}

# label -> the value of the variable (``{port}`` a listening hook that answers 200)
URLS: dict[str, str] = {
    "url-no-host": f"json://:{TOKEN}@/hook",
    "url-unknown-service": f"notaservice://{TOKEN}@127.0.0.1/hook",
    "url-port-out-of-range": f"json://u:{TOKEN}@127.0.0.1:99999/hook",
    "url-ipv6-unclosed": f"json://u:{TOKEN}@[::1/hook",
    "url-newline-inside": f"json://u:{TOKEN}@127.0.0.1:{{port}}/ho\nok",
    "url-only-scheme": "json://",
    "url-no-scheme": f"127.0.0.1:{{port}}/hook?token={TOKEN}",
    "url-https-to-plain": f"jsons://u:{TOKEN}@127.0.0.1:{{port}}/hook",
    "url-nothing-listening": f"json://u:{TOKEN}@127.0.0.1:9/hook",
    "url-two-one-broken": f"json://u:{TOKEN}@127.0.0.1:{{port}}/hook notaservice://{TOKEN}",
    "url-comma-separated-broken": f"json://u:{TOKEN}@127.0.0.1:{{port}}/a,,,json://",
    "url-token-in-query-500": f"json://127.0.0.1:{{port500}}/hook?token={TOKEN}",
    # forty webhooks that never answer: each bounded alone, the alerts together must not
    # hold the run for forty deadlines
    "url-forty-silent": " ".join(f"json://u:{TOKEN}@127.0.0.1:{{silent}}/h{n}"
                                 for n in range(40)),
    "url-forty-dripping": " ".join(f"json://u:{TOKEN}@127.0.0.1:{{drip}}/h{n}"
                                   for n in range(40)),
    "url-same-twice": f"json://u:{TOKEN}@127.0.0.1:{{port}}/h json://u:{TOKEN}@127.0.0.1:{{port}}/h",
}

URLS["url-100k-long"] = f"json://u:{TOKEN}@127.0.0.1:{{port}}/" + "a" * 100_000
_DELIVERED = {"url-100k-long"}

# label -> (replacement of the alerts table, exits, names)
TABLES: dict[str, tuple[str, frozenset[int], tuple[str, ...]]] = {
    "on-misspelt": (_ALERTS.replace('on = ["drift"]', 'on = ["drfit"]'), TWO, ("drift",)),
    "severity-unknown": (_ALERTS.replace('"info"', '"critical"'), TWO, ("min_severity",)),
    "urls-env-string": (_ALERTS.replace(f'["{ENV}"]', f'"{ENV}"'), TWO, ("urls_env",)),
    "urls-env-url": (_ALERTS.replace(f'["{ENV}"]', f'["json://u:{TOKEN}@127.0.0.1/h"]'), TWO,
                     ("urls_env",)),
    "url-in-file": (_ALERTS + f'urls = ["json://u:{TOKEN}@127.0.0.1/h"]\n', TWO, ("urls",)),
    "timeout-zero": (_ALERTS.replace("timeout = 1.0", "timeout = 0"), TWO, ("timeout",)),
    "timeout-string": (_ALERTS.replace("timeout = 1.0", 'timeout = "1s"'), TWO, ("timeout",)),
    "report-url-number": (_ALERTS + "report_url = 5\n", TWO, ("report_url",)),
    "report-url-token": (_ALERTS + f'report_url = "https://ci.example/r?token={TOKEN}"\n',
                         ONE, ()),
    "on-empty-string": (_ALERTS.replace('on = ["drift"]', 'on = [""]'), TWO, ("on",)),
    "alerts-array-of-tables": (_ALERTS.replace("[tool.seamguard.alerts]",
                                               "[[tool.seamguard.alerts]]"), TWO, ("alerts",)),
}

_BROKEN = json.dumps({"order": good_order(status="lost")}).encode()


def _project(root: Path, extra: str) -> list[str]:
    api = HELD.enter_context(servers.raw_server(servers.raw_answer(
        _BROKEN, headers={"X-Request-Id": "r"}))).origin
    settings, command = _origin_settings(api, "live")
    return [*command, "--project", str(mini(root, settings + extra)), "-f", "json"]


def _hook_case(label: str, make: Callable[[], servers.Responder]) -> Case:
    env: dict[str, str] = {}

    def setup(root: Path) -> list[str]:
        hook = HELD.enter_context(servers.raw_server(make()))
        env[ENV] = f"json://u:{TOKEN}@127.0.0.1:{hook.port}/hook"
        return _project(root, _ALERTS)
    return Case(f"alert7-hook:{label}", setup, ONE, (ENV,), env)


def _url_case(label: str, value: str) -> Case:
    env: dict[str, str] = {}

    def setup(root: Path) -> list[str]:
        good = HELD.enter_context(servers.raw_server(_answer("200 OK")))
        bad = HELD.enter_context(servers.raw_server(_answer("500 Internal Server Error")))
        silent = HELD.enter_context(servers.raw_server(servers.silent()))
        drip = HELD.enter_context(servers.raw_server(servers.drip(0.3)))
        env[ENV] = value.replace("{port}", str(good.port)).replace(
            "{port500}", str(bad.port)).replace("{silent}", str(silent.port)).replace(
            "{drip}", str(drip.port))
        return _project(root, _ALERTS)
    # a long URL the hook takes is delivered: nothing to name
    names = () if label in _DELIVERED else (ENV,)
    return Case(f"alert7-url:{label}", setup, ONE, names, env)


def _table_case(label: str, table: str, exits: frozenset[int], names: tuple[str, ...]) -> Case:
    env: dict[str, str] = {}

    def setup(root: Path) -> list[str]:
        hook = HELD.enter_context(servers.raw_server(_answer("200 OK")))
        env[ENV] = f"json://u:{TOKEN}@127.0.0.1:{hook.port}/hook"
        return _project(root, table)
    return Case(f"alert7-table:{label}", setup, exits, names, env)


def alert_cases() -> list[Case]:
    return [*(_hook_case(label, make) for label, make in HOOKS.items()),
            *(_url_case(label, value) for label, value in URLS.items()),
            *(_table_case(label, *row) for label, row in TABLES.items())]
