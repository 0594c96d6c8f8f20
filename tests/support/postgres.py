"""The PostgreSQL server the tests run against (CI provides it; tests never skip without it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

URL = os.environ.get("SEAMGUARD_TEST_POSTGRES_URL",
                     "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def throwaway_schema(prefix: str) -> Iterator[str]:
    """A fresh schema name (``prefix_<random>``), dropped with everything in it afterwards, so
    concurrent test runs never share tables."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        yield name
    finally:
        engine = sa.create_engine(URL)
        try:
            with engine.begin() as conn:
                conn.execute(sa.schema.DropSchema(name, cascade=True, if_exists=True))
        finally:
            engine.dispose()
