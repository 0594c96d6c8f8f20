"""Datasets as SQL relations: files through an embedded DuckDB, SQL databases through SQLAlchemy,
Spark datasets through one SparkSession.

Every dataset of one run that lives in the same place shares one connection (one in-memory DuckDB
for all files, one engine per database URL, one SparkSession), so suites and reconciliations can
join datasets (reference integrity, keyed comparison) where the data is, instead of moving it into
Python. SQL is written in DuckDB's dialect (PostgreSQL's for SQL databases) and a Spark connection
transpiles it (``quality.spark``). Credentials come only from environment variables and never
appear in a message.
"""

from __future__ import annotations

import glob
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from seamguard.errors import UsageError
from seamguard.model_errors import shown_part
from seamguard.project import DatasetSettings, Project
from seamguard.quality.connections import (  # re-exported: callers import them here
    Connection,
    Dataset,
    Dialect,
    Kind,
    columns_text,
)
from seamguard.quality.csv_encoding import EncodingError, is_utf8, transcode
from seamguard.quality.dataset_reading import (  # re-exported: callers import them here
    CSV_MISSING,
    READ_HINTS,
    database_errors,
    describe_error,
    exact_type,
    file_scan,
    first_line,
    format_of,
    literal,
    quote,
)
from seamguard.quality.file_screens import (  # non_object_line, ragged_csv_row: re-exported
    blank_only,
    byte_order_mark_in,
    csv_problem,
    duplicate_in_header,
    encoding_problem,
    non_object_line,
    nul_bytes,
    ragged_csv_row,
)
from seamguard.quality.line_ends import mixed_line_ends, unify_line_ends
from seamguard.spelling import nearest

__all__ = ["CSV_MISSING", "Connection", "Dataset", "DatasetError", "Datasets", "Dialect", "Kind",
           "columns_text", "database_errors", "describe_error", "exact_type", "file_scan",
           "literal", "quote"]




_SPARK_READ_HINT = ("check the path or table and that Spark can read it (the message above is "
                    "Spark's own)")


# Files of a glob checked for permission before DuckDB or Spark reads them (a glob over a
# folder of thousands is checked by its first ones; the reader reports the rest).
_GLOB_CHECKS = 1000


class DatasetError(UsageError):
    """A dataset cannot be opened: missing file or table, unreachable database, bad settings."""


@dataclass
class Datasets:
    """Opens each dataset once per run and closes every connection at the end."""

    project: Project
    _duck: Connection | None = None
    _spark: Connection | None = None
    _engines: dict[str, Connection] = field(default_factory=dict)
    _open: dict[str, Dataset] = field(default_factory=dict)
    _scratch: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Datasets:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for conn in [self._duck, self._spark, *self._engines.values()]:
            if conn is not None:
                conn.close()
        self._duck, self._spark, self._engines, self._open = None, None, {}, {}
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def settings(self, name: str) -> DatasetSettings:
        known = self.project.settings.datasets
        if name not in known:
            close = nearest(name, list(known))
            raise DatasetError(
                f"unknown dataset {name!r} (declared: {', '.join(sorted(known)) or 'none'})",
                file=self.project.relative(self.project.pyproject),
                pointer=f"tool.seamguard.datasets.{name}",
                hint=f"did you mean {close!r}?" if close else
                "declare it under [tool.seamguard.datasets.NAME]")
        return known[name]

    def open(self, name: str) -> Dataset:
        if name in self._open:
            return self._open[name]
        settings = self.settings(name)
        if settings.kind == "file":
            dataset = self._open_file(name, settings)
        elif settings.kind == "sql":
            dataset = self._open_sql(name, settings)
        else:
            dataset = self._open_spark(name, settings)
        self._open[name] = dataset
        return dataset

    def file_path(self, name: str, settings: DatasetSettings) -> tuple[Path, str]:
        pointer = f"tool.seamguard.datasets.{name}"
        if not settings.path:
            raise DatasetError(f"dataset {name!r} needs `path`", pointer=pointer,
                               file=self.project.relative(self.project.pyproject),
                               hint="give the file's path relative to the project, e.g. "
                                    'path = "fixtures/datasets/orders.jsonl"')
        path = self.project.root / settings.path
        self._require_readable(name, settings.path, path)
        if path.is_dir():
            raise DatasetError(f"dataset {name!r}: {settings.path} is a folder, where a file "
                               "was expected", pointer=f"{pointer}.path",
                               file=self.project.relative(self.project.pyproject),
                               hint=f"name a file, or a glob such as {settings.path}/*.parquet")
        fmt = settings.format or format_of(path)
        if fmt is None:
            raise DatasetError(f"cannot tell the format of {settings.path!r}",
                               pointer=f"{pointer}.format", hint='set format = "csv", '
                               '"parquet", "jsonl" or "xlsx"')
        if not any(ch in settings.path for ch in "*?[") and not path.is_file():
            raise DatasetError(f"dataset {name!r}: no file {settings.path}"
                               + (" (it is not a regular file)" if path.exists() else ""),
                               pointer=f"{pointer}.path",
                               file=self.project.relative(self.project.pyproject),
                               hint="generate the example data with "
                                    "`python -m tests.support.make_datasets`, or fix the path")
        if path.is_file() and path.stat().st_size == 0:
            raise DatasetError(f"dataset {name!r}: {settings.path} is empty",
                               pointer=f"{pointer}.path",
                               file=self.project.relative(self.project.pyproject),
                               hint="an empty export is a failed export: check the job that "
                                    "writes it")
        return path, fmt

    def _require_readable(self, name: str, written: str, path: Path) -> None:
        """A dataset file (each file a glob matches) the user may not read stops the run
        (``path.refused``, exit 2) as any other refused input does, not as damaged data."""
        from seamguard.document_reading import require_readable
        from seamguard.errors import PathRefused

        globbed = any(ch in written for ch in "*?[")
        try:
            if not globbed:
                require_readable(path, display=self.project.relative(path))
                return
            for number, match in enumerate(glob.iglob(str(path))):
                if number >= _GLOB_CHECKS:
                    break
                require_readable(Path(match), display=self.project.relative(Path(match)))
        except PathRefused as exc:
            raise DatasetError(f"dataset {name!r}: {exc.file}: {exc.message}", file=exc.file,
                               pointer=f"tool.seamguard.datasets.{name}.path",
                               hint=exc.hint) from exc

    def _open_spark(self, name: str, settings: DatasetSettings) -> Dataset:
        from seamguard.quality.spark import read_frame, spark_session

        pointer = f"tool.seamguard.datasets.{name}"
        table, location = settings.table, settings.path or ""
        fmt: str | None = settings.format
        if table is None and (fmt or format_of(Path(location))) == "xlsx":
            raise DatasetError(f"dataset {name!r}: Spark reads CSV, Parquet and JSON Lines, not "
                               "workbooks", pointer=f"{pointer}.kind",
                               hint='read a workbook with kind = "file" (DuckDB), or export it '
                                    "as Parquet for Spark")
        if self._spark is None:
            self._spark = Connection("spark", spark_session(self.project.settings.spark,
                                                            settings.master), "spark")
        spark = self._spark.spark()
        view = f"ds_{name}"
        where = ""
        if table is not None:  # a table of the session's catalog (a lake table)
            where = f"table {table}"
        elif "://" in location:  # s3a://, hdfs://, abfss://, gs://
            fmt = fmt or format_of(Path(location))
            if fmt is None:
                raise DatasetError(f"cannot tell the format of {location!r}",
                                   pointer=f"{pointer}.format", hint='set format = "csv", '
                                   '"parquet" or "jsonl"')
            where = location
        else:
            path, fmt = self.file_path(name, settings)
            location, where = str(path), self.project.relative(path)
        try:
            frame = (spark.table(table) if table is not None
                     else read_frame(spark, settings, location, fmt or "parquet"))
            frame.createOrReplaceTempView(view)
        except Exception as exc:  # Spark's AnalysisException and friends
            raise DatasetError(f"dataset {name!r}: cannot read {where}: {first_line(exc)}",
                               pointer=pointer, hint=_SPARK_READ_HINT) from None
        return Dataset(name, settings, self._spark, quote(view), list(frame.columns), where,
                       frame=frame, types={str(c): str(t) for c, t in frame.dtypes})

    def _duckdb(self) -> Connection:
        if self._duck is None:
            import duckdb

            handle = duckdb.connect()
            handle.execute("SET TimeZone = 'UTC'")  # local times without offset read as UTC
            self._duck = Connection("duckdb", handle, "duckdb")
        return self._duck

    def _open_file(self, name: str, settings: DatasetSettings) -> Dataset:
        path, fmt = self.file_path(name, settings)
        if fmt == "xlsx":
            return self._open_workbook(name, settings, path)
        declared = fmt == "csv" and not is_utf8(settings.encoding)
        problem = encoding_problem(path, fmt) if fmt in ("csv", "jsonl") and path.is_file() \
            and not declared else None
        if problem:
            shown = self.project.relative(path)
            hint = problem[1] + (f', or set encoding = "{problem[2]}" in the dataset\'s settings'
                                 if fmt == "csv" and problem[2] else "")
            raise DatasetError(f"dataset {name!r}: {shown}: {problem[0]}", file=shown, line=1,
                               hint=hint)
        text = fmt in ("csv", "jsonl") and path.is_file() and not declared
        nul = nul_bytes(path, csv=fmt == "csv") if text else None
        if nul:
            shown = self.project.relative(path)
            raise DatasetError(f"dataset {name!r}: {shown}: {nul[1]}: a {fmt.upper()} file "
                               "never does, so it is binary, cut short while written, or a "
                               "preallocated (sparse) file", file=shown, line=nul[0],
                               hint="export the dataset again; if only stray NULs are wrong, "
                                    "tr -d '\\000' < FILE removes them")
        conn = self._duckdb()
        scanned = self._decoded(name, path, settings) if fmt == "csv" else path
        if fmt == "csv" and scanned.is_file():
            if mixed_line_ends(scanned):  # DuckDB's sniffer gives up on them
                scanned = unify_line_ends(scanned, self._scratch_folder() / f"{name}.lf.csv")
            self._csv_screens(name, path, scanned)
        source = file_scan(scanned, fmt, settings.dtypes, settings.null_values)
        view = quote(f"ds_{name}")
        try:
            conn.duckdb().execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM {source}")
            described = conn.rows(f"DESCRIBE {view}")
            columns = [row[0] for row in described]
        except Exception as exc:  # duckdb raises its own IOException / InvalidInputException
            if fmt == "csv":
                self._ragged(name, path, scanned)
            # DuckDB names the file it read: a copy in the scratch folder is the user's file
            message = first_line(exc).replace(str(scanned), str(self.project.relative(path)))
            # DuckDB names the line of malformed JSON ("... at byte 6 in line 4: ..."), one
            # past the line itself (measured with DuckDB 1.x): point at the line.
            found = re.search(r"Malformed JSON .* in line (\d+):", message) \
                if path.is_file() else None
            line = int(found.group(1)) - 1 if found and int(found.group(1)) > 1 else None
            if "COLUMN_TYPES" in message:  # `dtypes` names a column the file lacks
                raise DatasetError(
                    f"dataset {name!r}: `dtypes` names a column {settings.path} does not have: "
                    f"{message}", pointer=f"tool.seamguard.datasets.{name}.dtypes",
                    hint="name the file's own columns in `dtypes` (its header row)") from None
            raise DatasetError(f"dataset {name!r}: cannot read {settings.path}: {message}",
                               file=self.project.relative(path) if line else None,
                               line=line,
                               pointer=f"tool.seamguard.datasets.{name}.path",
                               hint=READ_HINTS.get(fmt or "", READ_HINTS[""])) from None
        if fmt == "csv" and len(columns) == 1:
            # One column although the header has a delimiter: DuckDB gave up splitting rows.
            self._ragged(name, path, scanned)
        self._duplicates(name, path, scanned, fmt)
        marked = byte_order_mark_in(columns) if fmt in ("csv", "parquet") else None
        if marked is not None:
            shown = self.project.relative(path)
            raise DatasetError(f"dataset {name!r}: {shown}: {marked[0]}",
                               file=shown if fmt == "csv" else None,
                               line=1 if fmt == "csv" else None, hint=marked[1],
                               pointer=None if fmt == "csv" else
                               f"tool.seamguard.datasets.{name}.path")
        if fmt == "jsonl" and path.is_file():
            # DuckDB reads a file with one line that is no object as a single `json` column
            # (and every later check then misses the columns), and a `null` line among
            # objects as a row of nulls: name that line
            self._not_an_object(name, path)
            if columns == ["json"] and blank_only(path):  # DuckDB's column of no records
                shown = self.project.relative(path)
                raise DatasetError(
                    f"dataset {name!r}: {shown} holds no records, only blank lines",
                    file=shown, line=1,
                    hint="an export without records is a failed export: check the job that "
                         "writes it (one JSON object per line)")
        return Dataset(name, settings, conn, view, columns, self.project.relative(path), path,
                       types={str(row[0]): str(row[1]) for row in described})

    def _open_workbook(self, name: str, settings: DatasetSettings, path: Path) -> Dataset:
        from seamguard.quality.workbook import WorkbookError, read_sheet

        shown = self.project.relative(path)
        if not path.is_file():
            raise DatasetError(f"dataset {name!r}: {settings.path} names no single workbook",
                               pointer=f"tool.seamguard.datasets.{name}.path",
                               hint="a workbook dataset is one .xlsx file; give its path")
        try:
            table = read_sheet(path, settings.sheet,
                               int(self.project.settings.max_document_mb * 1_048_576))
        except WorkbookError as exc:
            raise DatasetError(f"dataset {name!r}: {shown}: {exc.message}",
                               file=shown if exc.line else None, line=exc.line,
                               pointer=None if exc.line else
                               f"tool.seamguard.datasets.{name}."
                               + ("sheet" if "no sheet" in exc.message else "path"),
                               hint=exc.hint) from None
        conn = self._duckdb()
        view = quote(f"ds_{name}")
        duck = conn.duckdb()
        duck.register(f"ds_{name}_sheet", table)
        duck.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM "
                     f"{quote(f'ds_{name}_sheet')}")
        described = conn.rows(f"DESCRIBE {view}")
        return Dataset(name, settings, conn, view, [str(row[0]) for row in described], shown,
                       path, types={str(row[0]): str(row[1]) for row in described})

    def _duplicates(self, name: str, path: Path, scanned: Path, fmt: str | None) -> None:
        """Refuse a CSV or Parquet file whose header names one column twice."""
        found = duplicate_in_header(self._duckdb().duckdb(), path, scanned, fmt or "")
        if found is None:
            return
        column, first, second = found
        shown = self.project.relative(path)
        raise DatasetError(
            f"dataset {name!r}: {shown}: the header names the column "
            f"{shown_part(str(column))!r} twice "
            f"(columns {first} and {second}), so a suite would check one and not the other",
            # a CSV header is line 1; a Parquet schema has no line: the dataset's setting
            file=shown if fmt == "csv" else None, line=1 if fmt == "csv" else None,
            pointer=None if fmt == "csv" else f"tool.seamguard.datasets.{name}.path",
            hint="rename or drop one of them in the export that writes this file")

    def _scratch_folder(self) -> Path:
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="seamguard-csv-")
        return Path(self._scratch.name)

    def _decoded(self, name: str, path: Path, settings: DatasetSettings) -> Path:
        """A CSV in a declared legacy encoding, decoded to UTF-8 in the run's scratch folder."""
        if is_utf8(settings.encoding):
            return path
        try:
            return transcode(path, settings.encoding, self._scratch_folder() / name)
        except EncodingError as exc:
            shown = self.project.relative(exc.path)
            raise DatasetError(f"dataset {name!r}: {shown}:{exc.line}: {exc.reason}",
                               file=shown, line=exc.line,
                               pointer=f"tool.seamguard.datasets.{name}.encoding",
                               hint="check the export's encoding (gb18030 holds every character "
                                    "gbk lacks) and set `encoding` to it") from None

    def _csv_screens(self, name: str, path: Path, scanned: Path) -> None:
        """Refuse what DuckDB would read as something else: no header, a quote never closed."""
        found = csv_problem(scanned)
        if found is not None:
            line, problem, hint = found
            shown = self.project.relative(path)
            raise DatasetError(f"dataset {name!r}: {shown}:{line}: {problem}", file=shown,
                               line=line, hint=hint)

    def _ragged(self, name: str, path: Path, scanned: Path) -> None:
        """Raise a DatasetError at the first CSV row whose field count is not the header's,
        read in ``scanned`` (the file, or its decoded or line-end copy: the same lines) and
        shown as ``path``."""
        if not scanned.is_file():  # a glob: DuckDB's own message names the file
            return
        found = ragged_csv_row(scanned)
        if found is None:
            return
        line, expected, actual = found
        raise DatasetError(
            f"dataset {name!r}: {self.project.relative(path)}:{line}: the row has {actual} "
            f"fields, where the header has {expected}", file=self.project.relative(path),
            line=line,
            hint="quote a value that holds the delimiter (\"a, b\"), or fix the export that "
                 "wrote this row")

    def _not_an_object(self, name: str, path: Path) -> None:
        found = non_object_line(path)
        if found is None:
            return
        line, kind = found
        raise DatasetError(
            f"dataset {name!r}: {self.project.relative(path)}:{line}: the line is {kind}, "
            "where JSON Lines datasets hold one JSON object per line",
            file=self.project.relative(path), line=line,
            hint="write each record as an object ({\"id\": 1, ...}), or fix the export that "
                 "wrote this line")

    def _open_sql(self, name: str, settings: DatasetSettings) -> Dataset:
        pointer = f"tool.seamguard.datasets.{name}"
        if not settings.url_env:
            raise DatasetError(f"dataset {name!r} needs `url_env`", pointer=pointer,
                               hint="name an environment variable holding the SQLAlchemy URL")
        url = os.environ.get(settings.url_env)
        if not url:
            raise DatasetError(f"dataset {name!r}: environment variable {settings.url_env} "
                               "is not set", pointer=f"{pointer}.url_env",
                               hint=f"export {settings.url_env}=postgresql+psycopg://…")
        if (settings.table is None) == (settings.query is None):
            raise DatasetError(f"dataset {name!r}: give exactly one of `table` or `query`",
                               pointer=pointer, hint="name the table (table = \"orders\") or "
                                                     "write the SELECT (query = \"...\"), not both")
        conn = self._engine(name, url, settings)
        if settings.table is not None:
            relation = (f"{quote(settings.db_schema)}." if settings.db_schema else "") + quote(
                settings.table)
            where = f"table {settings.table} in ${settings.url_env}"
        else:
            relation = f"({settings.query}) AS {quote('q_' + name)}"
            where = f"query in ${settings.url_env}"
        try:
            columns, types = self._sql_columns(conn, relation)
        except DatasetError:
            raise
        except Exception as exc:
            message = first_line(exc)
            if "does not exist" in message or "UndefinedTable" in type(exc).__name__:
                raise DatasetError(f"dataset {name!r}: {where} does not exist ({message})",
                                   pointer=f"{pointer}.table",
                                   hint="check the table's name and `schema`, and that the "
                                        "URL names the right database") from None
            raise DatasetError(f"dataset {name!r}: cannot read {where}: {message}",
                               pointer=pointer, hint="check the query and that the URL's user "
                                                     "may read what it names") from None
        return Dataset(name, settings, conn, relation, columns, where, types=types)

    def _engine(self, name: str, url: str, settings: DatasetSettings) -> Connection:
        if url in self._engines:
            return self._engines[url]
        from sqlalchemy import create_engine, make_url
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

        from seamguard.sendable import not_utf8

        # The URL holds a password: say what is wrong with it, never the URL itself.
        try:
            unreadable = not_utf8(url)
            if unreadable:
                raise ValueError(f"it holds {unreadable.split(':')[0]}")
            parsed = make_url(url)
        except (ArgumentError, ValueError) as exc:
            why = "" if isinstance(exc, ArgumentError) else " (its port is not a number)" \
                if "int()" in str(exc) else f" ({str(exc).splitlines()[0]})"
            raise DatasetError(f"dataset {name!r}: ${settings.url_env} is not a SQLAlchemy "
                               f"URL{why}",
                               pointer=f"tool.seamguard.datasets.{name}.url_env",
                               hint=f"set {settings.url_env} to e.g. "
                                    "postgresql://user@host:5432/db") from None
        if parsed.get_backend_name() != "postgresql":
            raise DatasetError(f"dataset {name!r}: ${settings.url_env} names the backend "
                               f"{parsed.get_backend_name()!r}: only PostgreSQL URLs are "
                               "supported for now",
                               pointer=f"tool.seamguard.datasets.{name}.url_env",
                               hint="export the data to a file dataset (CSV, Parquet, JSON "
                                    "Lines), or point the URL at PostgreSQL")
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            engine = create_engine(
                parsed, pool_pre_ping=False,
                connect_args={"connect_timeout": max(1, round(settings.connect_timeout)),
                              "options": "-c statement_timeout=600000 -c TimeZone=UTC"})
        except (ImportError, NoSuchModuleError) as exc:
            # SQLAlchemy imports the URL's driver (postgresql+psycopg2, +asyncpg, ...) here
            missing = getattr(exc, "name", None) or parsed.get_driver_name()
            raise DatasetError(
                f"dataset {name!r}: ${settings.url_env} names the PostgreSQL driver "
                f"{parsed.get_driver_name()!r}, which is not installed ({missing})",
                pointer=f"tool.seamguard.datasets.{name}.url_env",
                hint="write postgresql+psycopg://… (psycopg comes with seamguard), or install "
                     "the driver the URL names") from None
        label = parsed.render_as_string(hide_password=True)
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            engine.dispose()
            raise DatasetError(
                f"dataset {name!r}: database {parsed.host}:{parsed.port or 5432} unreachable "
                f"({first_line(exc.orig or exc)})", pointer=f"tool.seamguard.datasets.{name}",
                hint=f"check ${settings.url_env} and that the server is up "
                     f"(gave up after {settings.connect_timeout:g} s)") from None
        self._engines[url] = Connection("postgresql", engine, label)
        return self._engines[url]

    @staticmethod
    def _sql_columns(conn: Connection, relation: str) -> tuple[list[str], dict[str, str]]:
        """The columns and, where the driver describes them (psycopg), their types as
        PostgreSQL prints them (``int8``, ``numeric(15,2)``), named as ``exact_type`` reads them."""
        from sqlalchemy import text

        with conn.engine().connect() as db:
            result = db.execute(text(f"SELECT * FROM {relation} LIMIT 0"))
            columns = list(result.keys())
            described = getattr(result, "cursor", None)
            types = {}
            for column in getattr(described, "description", None) or []:
                shown = getattr(column, "type_display", None)
                if isinstance(shown, str):
                    types[str(column.name)] = _PG_TYPES.get(shown, shown)
            return columns, types


# PostgreSQL's short names of the integer types, in the SQL standard's spelling.
_PG_TYPES = {"int2": "SMALLINT", "int4": "INTEGER", "int8": "BIGINT"}
