"""piccolo-admin's demo application (PyPI ``piccolo_admin``, code nobody here wrote), served on a
free loopback port with its own example data: a FastAPI API of movies, directors, studios and
tickets behind a session login with a CSRF cookie, and an OpenAPI 3.1 document pydantic wrote.

Started as its ``admin_demo`` command starts it, except that the SQLite file is the test's own
(the command keeps one inside the installed package) and the port is free rather than 8000.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.servers import serve

# The demo's own log-in (piccolo_admin/example/tables.py: USERNAME, PASSWORD).
USERNAME, PASSWORD = "piccolo", "piccolo123"


@dataclass(frozen=True)
class Demo:
    """The running demo: where it is and a logged-in session."""

    origin: str
    session: str  # the value of its `id` cookie
    csrf: str  # the value of its `csrftoken` cookie, echoed in X-CSRFToken on writes

    @property
    def cookie(self) -> str:
        return f"id={self.session}; csrftoken={self.csrf}"

    def openapi(self) -> bytes:
        """The API's OpenAPI document, as a logged-in user downloads it."""
        answer = httpx.get(f"{self.origin}/api/openapi.json", headers={"Cookie": self.cookie})
        answer.raise_for_status()
        return answer.content


@contextmanager
def piccolo_admin_demo(folder: Path) -> Iterator[Demo]:
    """Run the demo with a fresh database in ``folder``; yields it logged in."""
    from piccolo.engine.sqlite import SQLiteEngine
    from piccolo_admin.example import tables
    from piccolo_admin.example.app import APP

    engine = SQLiteEngine(path=str(folder / "piccolo-admin-demo.sqlite"))
    for table in tables.TABLE_CLASSES:
        table._meta._db = engine
    tables.create_schema(persist=False)
    tables.populate_data(engine="sqlite")
    with serve(APP) as origin, httpx.Client(base_url=origin) as client:
        client.get("/public/meta/")  # sets the csrftoken cookie
        csrf = client.cookies["csrftoken"]
        login = client.post("/public/login/", json={"username": USERNAME, "password": PASSWORD},
                            headers={"X-CSRFToken": csrf})
        login.raise_for_status()
        yield Demo(origin, client.cookies["id"], csrf)
