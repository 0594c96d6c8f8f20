"""Spark datasets: one SparkSession per run, built from ``[tool.seamguard.spark]``.

The quality and reconcile SQL is written once, in DuckDB's dialect, and transpiled for Spark by
sqlglot (``spark_sql``): Spark runs the same compiled suites and reconciliations as DuckDB and
PostgreSQL, with the same counts. A Spark dataset is a temporary view over a file, a glob or a
lake path (``s3a://…``), or a table of the session's catalog. The session is local in tests, a
cluster master or a Spark Connect URL (``sc://…``) in production.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from typing import TYPE_CHECKING, Any

from seamguard.quality.datasets import DatasetError

if TYPE_CHECKING:
    from seamguard.project import DatasetSettings, SparkSettings

__all__ = ["session_options", "spark_session", "spark_sql"]

_LOCAL = re.compile(r"^local(?:\[(\d+|\*)(?:,\s*\d+)?\])?$")


def session_options(settings: SparkSettings, master: str | None = None
                    ) -> tuple[str, str, dict[str, str]]:
    """Where the session runs and its configuration: ``("master"|"remote", url, conf)``.

    Args:
        settings: ``[tool.seamguard.spark]``.
        master: a Spark dataset's own ``master``, used when the settings give none.
    """
    conf: dict[str, str] = {
        # Local times without an offset are read as UTC, as DuckDB and PostgreSQL are told to.
        "spark.sql.session.timeZone": "UTC",
        # Spark 4 reads CSV only in the Unicode charsets unless told otherwise; a dataset's
        # `encoding` (GBK, Big5, Shift_JIS) needs Java's charsets.
        "spark.sql.legacy.javaCharsets": "true",
    }
    if settings.remote:
        where, url = "remote", settings.remote
    else:
        where, url = "master", settings.master or master or "local[*]"
    local = _LOCAL.match(url) if where == "master" else None
    partitions = settings.shuffle_partitions
    if local is not None:
        conf["spark.ui.enabled"] = "false"
        conf["spark.ui.showConsoleProgress"] = "false"
        if partitions is None:
            # Spark's default of 200 shuffle partitions is meant for clusters; on one machine
            # each is a task of its own, so use the local threads.
            threads = local.group(1)
            partitions = (os.cpu_count() or 1) if threads in (None, "*") else int(threads or 1)
            partitions = max(1, partitions)
    if partitions is not None:
        conf["spark.sql.shuffle.partitions"] = str(partitions)
    if settings.driver_memory:
        conf["spark.driver.memory"] = settings.driver_memory
    for name, value in settings.conf.items():
        conf[name] = str(value).lower() if isinstance(value, bool) else str(value)
    return where, url, conf


def spark_session(settings: SparkSettings, master: str | None = None) -> Any:
    """The run's SparkSession (created, or the one already running in this process)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DatasetError("Spark datasets need pyspark", hint="pip install 'seamguard[spark]'"
                           ) from None
    for name in ("py4j", "pyspark"):
        logging.getLogger(name).setLevel(logging.ERROR)
    where, url, conf = session_options(settings, master)
    builder = SparkSession.builder.appName(settings.app_name)
    builder = builder.remote(url) if where == "remote" else builder.master(url)
    for name, value in conf.items():
        builder = builder.config(name, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # py4j / Spark Connect raise their own kinds
        raise DatasetError(f"cannot start a Spark session on {url}: "
                           f"{str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r}",
                           pointer="tool.seamguard.spark",
                           hint="check `master` / `remote` and that Java 17+ is installed"
                           ) from None
    if where == "master":
        spark.sparkContext.setLogLevel("ERROR")
    for name, value in conf.items():  # a session already running takes the SQL settings
        if name.startswith("spark.sql."):
            spark.conf.set(name, value)
    return spark


def read_frame(spark: Any, settings: DatasetSettings, path: str, fmt: str) -> Any:
    """A Spark dataset as a DataFrame: a file, glob or lake path, read like DuckDB reads it."""
    reader = spark.read
    if fmt == "parquet":
        return reader.parquet(path)
    if fmt == "jsonl":
        # Strings stay strings, as the API sent them (no timestamp inference).
        return (reader.option("inferTimestamp", "false").option("prefersDecimal", "false")
                .json(path))
    return _read_csv(reader, settings, path)


# DuckDB's CSV types, tried in its order (BOOLEAN, BIGINT, DOUBLE, else VARCHAR), as Spark
# column conditions on a cell's text; a number with a leading zero (01234) stays text there.
_BOOLEAN = "^(?i)(true|false)$"
_LEADING_ZERO = "^[-+]?0[0-9]"
_WHOLE = "^[-+]?[0-9]+$"


def _read_csv(reader: Any, settings: DatasetSettings, path: str) -> Any:
    """A CSV as DuckDB's scan reads it (``datasets.file_scan``): pandas' missing-value cells
    (and the dataset's ``null_values``) are missing, and each column gets the first of
    boolean, bigint, double that every value it holds reads as, else stays text.

    Spark's own ``inferSchema`` reads ``NULL`` or ``N/A`` as text, types a column holding one
    as text, and reads ``01234`` as a number: every check would then see other values than
    on DuckDB. So the file is read as text, and the types are decided by one aggregate."""
    from pyspark.sql import functions as F

    from seamguard.quality.datasets import CSV_MISSING

    raw = (reader.option("encoding", settings.encoding).option("header", "true")
           .option("inferSchema", "false").csv(path))
    markers = list(dict.fromkeys([*CSV_MISSING, *settings.null_values]))
    cells = {c: F.when(raw[c].isin(markers), F.lit(None)).otherwise(raw[c])
             for c in raw.columns}
    forced = {"string": "string", "integer": "bigint", "number": "double",
              "boolean": "boolean"}
    guessed = [c for c in raw.columns if c not in settings.dtypes]
    counts = []
    for c in guessed:
        cell = cells[c]
        number = cell.try_cast("double").isNotNull() & ~cell.rlike(_LEADING_ZERO)
        counts += [F.count(cell), F.count(F.when(cell.rlike(_BOOLEAN), 1)),
                   F.count(F.when(number & cell.rlike(_WHOLE)
                                  & cell.try_cast("bigint").isNotNull(), 1)),
                   F.count(F.when(number, 1))]
    found = raw.select(*counts).first() if counts else []
    kinds = {c: forced[kind] for c, kind in settings.dtypes.items()}
    for n, c in enumerate(guessed):
        present, booleans, wholes, numbers = found[4 * n: 4 * n + 4]
        kinds[c] = ("string" if not present else "boolean" if booleans == present
                    else "bigint" if wholes == present else "double" if numbers == present
                    else "string")
    return raw.select([cells[c].cast(kinds.get(c, "string")).alias(c) for c in raw.columns])


@functools.lru_cache(maxsize=512)
def spark_sql(sql: str) -> str:
    """DuckDB-dialect SQL as Spark SQL (sqlglot), cached: suites repeat their queries.

    sqlglot translates the functions both engines have; three DuckDB idioms of the compiled
    mappings mean something else in Spark and are rewritten first: ``timezone(tz, t)`` (the
    session's time zone is UTC, so a local time becomes ``to_utc_timestamp`` and an instant
    ``from_utc_timestamp``), ``strftime`` literals (Java's date patterns quote them), and
    ``\\1`` back-references in ``regexp_replace`` (Java writes ``$1``). ``min_by(x, y, n)`` (the
    n smallest, which the compiled suites sample failing rows with) is kept whole: Spark 4
    has it, sqlglot would drop ``n``.
    """
    import sqlglot
    from sqlglot import exp

    def rewrite(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.ArgMin | exp.ArgMax) and node.args.get("count") is not None:
            name = "min_by" if isinstance(node, exp.ArgMin) else "max_by"
            return exp.Anonymous(this=name, expressions=[
                node.this.transform(rewrite), node.expression.transform(rewrite),
                node.args["count"].copy()])
        if isinstance(node, exp.Anonymous) and str(node.name).lower() == "timezone" and len(
                node.expressions) == 2:
            zone, value = node.expressions[0], node.expressions[1].transform(rewrite)
            if isinstance(value, exp.Cast) and value.to.is_type(exp.DataType.Type.TIMESTAMPNTZ):
                local = value.copy()
                local.set("to", exp.DataType.build("TIMESTAMP"))
                return exp.Anonymous(this="to_utc_timestamp", expressions=[local, zone.copy()])
            return exp.Anonymous(this="from_utc_timestamp", expressions=[value.copy(),
                                                                         zone.copy()])
        if isinstance(node, exp.TimeToStr) and isinstance(node.args.get("format"), exp.Literal):
            return exp.Anonymous(this="date_format", expressions=[
                node.this.copy().transform(rewrite),
                exp.Literal.string(java_pattern(node.args["format"].this))])
        if isinstance(node, exp.RegexpReplace) and isinstance(
                node.args.get("replacement"), exp.Literal):
            replacement = str(node.args["replacement"].this)
            java = re.sub(r"\\(\d)", r"$\1", replacement.replace("$", "\\$"))
            node.set("replacement", exp.Literal.string(java))
            node.set("modifiers", None)
        return node

    tree = sqlglot.parse_one(sql, read="duckdb").transform(rewrite)
    return tree.sql(dialect="spark")


_STRFTIME = {"Y": "yyyy", "m": "MM", "d": "dd", "H": "HH", "M": "mm", "S": "ss", "f": "SSSSSS",
             "y": "yy", "b": "MMM", "B": "MMMM", "a": "EEE", "A": "EEEE", "z": "XX", "%": "%"}


def java_pattern(strftime: str) -> str:
    """A strftime pattern as a Java date pattern (letters outside ``%`` codes quoted)."""
    out: list[str] = []
    literal = ""
    position = 0
    while position < len(strftime):
        char = strftime[position]
        if char == "%" and position + 1 < len(strftime):
            code = strftime[position + 1]
            if code not in _STRFTIME:
                raise ValueError(f"strftime code %{code} has no Spark form")
            if literal:
                out.append("'" + literal.replace("'", "''") + "'")
                literal = ""
            out.append(_STRFTIME[code])
            position += 2
            continue
        if char.isalpha() or char == "'":
            literal += char
        else:
            if literal:
                out.append("'" + literal.replace("'", "''") + "'")
                literal = ""
            out.append(char)
        position += 1
    if literal:
        out.append("'" + literal.replace("'", "''") + "'")
    return "".join(out)
