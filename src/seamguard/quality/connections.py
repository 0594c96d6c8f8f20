"""Where a run's datasets live and what an opened one is: a :class:`Connection` (an in-memory
DuckDB, one SQLAlchemy engine, or a SparkSession) and a :class:`Dataset` (its SQL relation,
columns and the connection holding it). :mod:`seamguard.quality.datasets` opens them."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from seamguard.model_errors import shown_part
from seamguard.project import DatasetSettings

__all__ = ["Connection", "Dataset", "Dialect", "Kind", "columns_text"]

Dialect = Literal["duckdb", "postgresql"]  # the dialect SQL is written in
Kind = Literal["duckdb", "postgresql", "spark"]  # what runs it


class Connection:
    """One place datasets live: an in-memory DuckDB, one SQLAlchemy engine, or a SparkSession.

    ``kind`` is what runs the SQL; ``dialect`` the dialect it is written in (Spark reads DuckDB's,
    transpiled).
    """

    def __init__(self, kind: Kind, handle: Any, label: str) -> None:
        self.kind: Kind = kind
        self.dialect: Dialect = "postgresql" if kind == "postgresql" else "duckdb"
        self._handle = handle
        self.label = label

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        if self.kind == "duckdb":
            return [tuple(row) for row in self._handle.execute(sql).fetchall()]
        if self.kind == "spark":
            from seamguard.quality.spark import spark_sql

            return [tuple(row) for row in self._handle.sql(spark_sql(sql)).collect()]
        from sqlalchemy import text

        with self._handle.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]

    @contextlib.contextmanager
    def session(self) -> Iterator[Callable[[str], list[tuple[Any, ...]]]]:
        """One database session (temporary tables live as long as it): ``run(sql) -> rows``."""
        if self.kind == "spark":
            yield self.rows
            return
        if self.kind == "duckdb":
            def run_duck(sql: str) -> list[tuple[Any, ...]]:
                cursor = self._handle.execute(sql)
                return [tuple(row) for row in cursor.fetchall()] if cursor.description else []

            yield run_duck
            return
        from sqlalchemy import text

        with self._handle.connect() as conn:
            def run_pg(sql: str) -> list[tuple[Any, ...]]:
                result = conn.execute(text(sql))
                return [tuple(row) for row in result] if result.returns_rows else []

            yield run_pg

    def duckdb(self) -> Any:
        return self._handle

    def engine(self) -> Any:
        return self._handle

    def spark(self) -> Any:
        return self._handle

    def close(self) -> None:
        if self.kind == "duckdb":
            self._handle.close()
        elif self.kind == "postgresql":
            self._handle.dispose()
        # a SparkSession outlives the run: starting one costs seconds, and the process (or the
        # cluster) owns it


@dataclass
class Dataset:
    """A dataset opened for a run: its SQL relation, columns and the connection holding it."""

    name: str
    settings: DatasetSettings
    connection: Connection
    relation: str  # what follows FROM
    columns: list[str]
    where: str  # for messages: a relative path or ``table in $ENV``
    path: Path | None = None
    frame: Any = None  # Spark datasets: the DataFrame behind the view
    types: dict[str, str] = field(default_factory=dict)  # column -> type, where known cheaply

    @property
    def dialect(self) -> Dialect:
        return self.connection.dialect

    @property
    def key(self) -> list[str]:
        return list(self.settings.key)


def columns_text(dataset: Dataset) -> str:
    """Where a dataset's columns come from and what they are, for a missing column's message.

    A file's column names are its first row, which is data when the export has no header (or
    a reader took a row for it): each is shown only when provably impersonal, else by its
    shape, as an observed value is."""
    names = dataset.columns
    shown = ", ".join(repr(shown_part(str(name))) for name in names[:12]) + (
        ", ..." if len(names) > 12 else "")
    return f"{dataset.where} has {'no columns' if not names else 'columns ' + shown}"
