"""Message brokers and databases on 127.0.0.1 that refuse, stall or speak another protocol, and
the URLs a careless user writes for them, for ``hostile_fresh4``.

* ``queue4``: the broker of a queue sync target (``broker_url`` of
  ``[tool.seamguard.sync.targets.shop_queue]``, or ``$SEAMGUARD_BROKER_URL``) given as a URL of
  another scheme, without a host, with a port that is no port, with spaces or a line break,
  percent-escapes that do not decode; and pointing at a port where nothing listens, a server
  that accepts the connection and then says nothing, one that answers garbage, one that answers
  with the protocol header of another AMQP version, one that closes at once. ``sync test`` must
  stop with a usage error (exit 2) that names the setting (or the variable) and says how to
  start a broker, within the time bound.
* ``dsn4``: the SQLAlchemy URL of a SQL dataset (``url_env``) of another backend (MySQL,
  MariaDB, an unknown dialect), not a URL, with a port of letters, and pointing at the same
  kinds of servers, each run by ``quality`` on a suite of that dataset.
* ``poll4``: each setting of a polling sync target (``shop_poll``) given a value that names
  nothing (a polling API, a path the service does not serve, a placeholder, a profile, a
  mapping, an app factory), run by ``sync test``.

Each server speaks first only when it is the server's turn (an AMQP or PostgreSQL client sends
first): it reads what the client sends, then does its one thing.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_operators import _example
from tests.support.hostile_strategies import ANY, FAILS, HELD, TWO, json_args

Behaviour = Callable[[socket.socket], None]


def _until_peer_closes(conn: socket.socket, limit: float) -> None:
    """Holds the connection open, saying nothing, until the client hangs up (or ``limit``)."""
    conn.settimeout(limit)
    with contextlib.suppress(OSError):
        while conn.recv(4096):
            pass


def _stall(conn: socket.socket) -> None:
    conn.recv(4096)
    _until_peer_closes(conn, 600)


def _garbage(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"\x16\x03\x01garbage that is no protocol at all\r\n" * 20)
    _until_peer_closes(conn, 30)  # the client reads it all before the socket goes


def _close(conn: socket.socket) -> None:
    conn.recv(4096)


def _amqp_other_version(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"AMQP\x01\x01\x00\x0a")  # AMQP 1.0's header: a broker refusing 0-9-1


def _http(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def _drip(conn: socket.socket) -> None:
    conn.recv(4096)
    for byte in b"AMQP\x00\x00\x09\x01" * 100:
        conn.sendall(bytes([byte]))
        time.sleep(2)  # the pace of the drip is the behaviour under test, not a wait


def _pg_error(conn: socket.socket) -> None:
    conn.recv(4096)
    # an SSL request is answered "N", then the startup packet: an ErrorResponse
    conn.sendall(b"N")
    with contextlib.suppress(OSError):
        conn.recv(4096)
    fields = b"SFATAL\x00C28P01\x00Mpassword authentication failed for user \"x\"\x00\x00"
    conn.sendall(b"E" + (len(fields) + 4).to_bytes(4, "big") + fields)


BEHAVIOURS: dict[str, Behaviour] = {
    "accepts-then-stalls": _stall, "answers-garbage": _garbage, "closes-at-once": _close,
    "other-protocol-version": _amqp_other_version, "answers-http": _http,
    "drips-a-byte-every-2s": _drip,
}


@contextlib.contextmanager
def tcp_server(behave: Behaviour) -> Iterator[int]:
    """A loopback port whose every connection gets ``behave``; yields the port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def handle(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(30)
            behave(conn)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


# Sockets kept bound (never listening) for the life of the process: a connection to one is
# refused, and no other test's server can be given its port meanwhile (a port bound and closed
# at once may be handed to a server of a test running beside this one).
_HELD: list[socket.socket] = []


def free_port() -> int:
    """A loopback port where nothing listens: bound, never listened on, kept for the process."""
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    _HELD.append(held)
    return int(held.getsockname()[1])


# --- the broker of a queue target ---------------------------------------------------------------

BAD_BROKER_URLS: dict[str, str] = {
    "http-scheme": "http://guest:guest@127.0.0.1:5672/",
    "amqps-scheme": "amqps://guest:guest@127.0.0.1:5671/",
    "no-scheme": "127.0.0.1:5672",
    "no-host": "amqp://",
    "only-user": "amqp://guest@/",
    "port-letters": "amqp://127.0.0.1:rabbit/",
    "port-past-65535": "amqp://127.0.0.1:99999/",
    "port-negative": "amqp://127.0.0.1:-1/",
    "ipv6-unclosed": "amqp://[::1:5672/",
    "space-in-host": "amqp://rabbit host:5672/",
    "line-break": "amqp://127.0.0.1:5672/\nvhost",
    "bad-percent": "amqp://gu%zzest:pw@127.0.0.1:5672/%ff%fe",
    "empty": "   ",
    "unicode-host": "amqp://\uff52\uff41\uff42\uff42\uff49\uff54:5672/",
}


def _queue_project(root: Path, broker: str | None) -> Path:
    project = _example(root)
    settings = project / "pyproject.toml"
    text = settings.read_text(encoding="utf-8")
    anchor = 'transport = "queue"\n'
    assert anchor in text
    if broker is not None:
        escaped = broker.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        text = text.replace(anchor, f'{anchor}broker_url = "{escaped}"\n', 1)
    settings.write_text(text, encoding="utf-8")
    return project


def _queue_case(label: str, url: Callable[[], str], via: str) -> Case:
    env: dict[str, str] = {}

    def setup(root: Path) -> list[str]:
        value = url()
        if via == "env":
            env["SEAMGUARD_BROKER_URL"] = value
        project = _queue_project(root, value if via == "setting" else None)
        return [*json_args("sync test", project), "--target", "shop_queue", "--examples", "1"]
    names = ("broker_url",) if via == "setting" else ("SEAMGUARD_BROKER_URL",)
    return Case(f"queue4-{via}:{label}", setup, TWO, names, env=env)


def _served(behave: Behaviour, scheme: str = "amqp://guest:guest@127.0.0.1:{port}/") \
        -> Callable[[], str]:
    def url() -> str:
        return scheme.format(port=HELD.enter_context(tcp_server(behave)))
    return url


def queue_cases() -> list[Case]:
    cases = []
    for via in ("setting", "env"):
        for label, value in BAD_BROKER_URLS.items():
            cases.append(_queue_case(label, lambda v=value: v, via))
        cases.append(_queue_case("nothing-listens", lambda: (
            f"amqp://guest:guest@127.0.0.1:{free_port()}/"), via))
        for label, behave in BEHAVIOURS.items():
            cases.append(_queue_case(label, _served(behave), via))
    return cases


# --- the URL of a SQL dataset --------------------------------------------------------------------

BAD_DSNS: dict[str, str] = {
    "mysql": "mysql+pymysql://u:p@127.0.0.1:3306/shop",
    "mariadb": "mariadb://u:p@127.0.0.1:3306/shop",
    "unknown-dialect": "oracle9000://u:p@127.0.0.1/shop",
    "not-a-url": "host=127.0.0.1 dbname=shop",
    "port-letters": "postgresql://u:p@127.0.0.1:pg/shop",
    "port-past-65535": "postgresql://u:p@127.0.0.1:99999/shop",
    "driver-missing": "postgresql+psycopg2://u:p@127.0.0.1:5432/shop",
    "sqlite-nowhere": "sqlite:////nonexistent/folder/shop.sqlite",
    "bad-query-option": "postgresql://u:p@127.0.0.1:1/shop?sslmode=sometimes",
    "line-break": "postgresql://u:p@127.0.0.1:5432/shop\nx",
}


def _sql_project(root: Path) -> Path:
    project = _example(root)
    settings = project / "pyproject.toml"
    text = settings.read_text(encoding="utf-8")
    old = 'path = "fixtures/datasets/hubspot_contacts.csv"\n'
    assert old in text
    text = text.replace(old, 'kind = "sql"\nurl_env = "HG4_DSN"\ntable = "hubspot_contacts"\n'
                             'connect_timeout = 3.0\n', 1)
    settings.write_text(text, encoding="utf-8")
    return project


def _dsn_case(label: str, url: Callable[[], str]) -> Case:
    env: dict[str, str] = {}

    def setup(root: Path) -> list[str]:
        env["HG4_DSN"] = url()
        return [*json_args("quality", _sql_project(root)), "--only", "dataset=hubspot_contacts"]
    # documented: the finding quality.dataset-unavailable at the dataset's settings (exit 1)
    return Case(f"dsn4:{label}", setup, FAILS, ("HG4_DSN",), env=env)


def dsn_cases() -> list[Case]:
    cases = [_dsn_case(label, lambda v=value: v) for label, value in BAD_DSNS.items()]
    cases.append(_dsn_case("nothing-listens", lambda: (
        f"postgresql+psycopg://u:p@127.0.0.1:{free_port()}/shop")))
    for label, behave in {**BEHAVIOURS, "auth-refused": _pg_error}.items():
        cases.append(_dsn_case(label, _served(
            behave, "postgresql+psycopg://u:p@127.0.0.1:{port}/shop")))
    return cases





# --- the settings of a polling target -----------------------------------------------------------

POLL_CHANGES: dict[str, tuple[str, str]] = {
    "polling-unknown": ("polling", '"nosuch-orders"'),
    "polling-empty": ("polling", '""'),
    "tick-nowhere": ("tick", '"/admin/nowhere"'),
    "tick-no-slash": ("tick", '"admin/poll"'),
    "tick-empty": ("tick", '""'),
    "reset-nowhere": ("reset", '"/admin/nowhere"'),
    "clock-nowhere": ("clock", '"/admin/nowhere"'),
    "record-state-unknown-placeholder": ("record_state", '"/orders/{nokey}"'),
    "review-queue-nowhere": ("review_queue", '"/nowhere"'),
    "transport-unknown": ("transport", '"kafka"'),
    "profile-unknown": ("profile", '"nosuch"'),
    "timestamp-style-unknown": ("timestamp_styles", '["local"]'),
    "mappings-unknown": ("mappings", '["nosuch-mapping"]'),
    "mappings-empty": ("mappings", "[]"),
    "app-not-importable": ("app", '"nosuch.module:create_app"'),
    "app-no-colon": ("app", '"fixtures.integrations.shop_sync.app"'),
    "app-not-callable": ("app", '"fixtures.integrations.shop_sync.app:__name__"'),
    "source-listen-bad-port": ("source_listen", '"127.0.0.1:99999"'),
    "source-listen-no-port": ("source_listen", '"127.0.0.1"'),
    "crm-listen-bad-port": ("crm_listen", '"127.0.0.1:http"'),
}


def _poll_case(label: str, key: str, value: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        settings = project / "pyproject.toml"
        text = settings.read_text(encoding="utf-8")
        head = "[tool.seamguard.sync.targets.shop_poll]\n"
        start = text.index(head) + len(head)
        end = text.index("\n[", start)
        table = text[start:end].splitlines()
        table = [line for line in table if not line.startswith(f"{key} =")]
        table.append(f"{key} = {value}")
        settings.write_text(text[:start] + "\n".join(table) + text[end:], encoding="utf-8")
        return [*json_args("sync test", project), "--target", "shop_poll", "--examples", "2"]
    # a relative tick path is joined to the service's base URL as any client joins it
    exits = ANY if label == "tick-no-slash" else FAILS
    return Case(f"poll4:{label}", setup, exits, ("shop_poll",))


def poll_cases() -> list[Case]:
    return [_poll_case(label, key, value) for label, (key, value) in POLL_CHANGES.items()]


def service_cases() -> list[Case]:
    return [*queue_cases(), *dsn_cases(), *poll_cases()]
