"""How datasets are read and named in SQL: identifiers and literals, DuckDB's scan of a file,
the missing-value cells pandas knows, column types as seamguard compares them, and database
errors in words."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["CSV_MISSING", "READ_HINTS", "database_errors", "describe_error", "exact_type",
           "file_scan", "first_line", "format_of", "literal", "quote"]

_DUCK_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}


def quote(name: str) -> str:
    """A quoted SQL identifier (both dialects use double quotes)."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: Any) -> str:
    """A SQL literal for a string, number, boolean or None."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


_INTEGERS = re.compile(r"^(U?(BIG|SMALL|TINY)?INT(EGER)?|BIGINT|INT|SMALLINT|TINYINT|LONG|SHORT|"
                       r"BYTE)$", re.IGNORECASE)
_DECIMAL = re.compile(r"^(DECIMAL|NUMERIC)\((\d+),\s*(\d+)\)$", re.IGNORECASE)


def exact_type(name: str | None) -> str | None:
    """The family of a column type whose values compare exactly as their SQL text does:
    ``integer``, ``text``, ``date``, ``decimal(S)`` (scale S, at most 20 integer digits), or
    None (floats, timestamps, nested types: compared through their text)."""
    if not name:
        return None
    if _INTEGERS.match(name) and not name.upper().startswith("UBIG"):
        return "integer"
    if name.upper() in ("VARCHAR", "STRING", "TEXT"):
        return "text"
    if name.upper() == "DATE":
        return "date"
    match = _DECIMAL.match(name)
    if match and int(match.group(2)) - int(match.group(3)) <= 20:
        return f"decimal({match.group(3)})"
    return None


def database_errors() -> tuple[type[BaseException], ...]:
    """Errors a query can raise on data it did not expect (bad cast, type mismatch, timeout)."""
    import sys

    import duckdb
    from sqlalchemy.exc import SQLAlchemyError

    spark = sys.modules.get("pyspark.errors")  # loaded when a Spark dataset was opened
    found: list[type[BaseException]] = [duckdb.Error, SQLAlchemyError]
    if spark is not None and isinstance(getattr(spark, "PySparkException", None), type):
        found.append(spark.PySparkException)
    return tuple(found)


def describe_error(exc: BaseException) -> str:
    """The first line of a database error, without any URL credentials."""
    return first_line(exc)


def file_scan(path: Path, fmt: str, dtypes: Mapping[str, str] | None = None,
              null_values: Sequence[str] = ()) -> str:
    """The DuckDB table function reading one file (or glob)."""
    where = literal(str(path))
    if fmt == "parquet":
        return f"read_parquet({where})"
    if fmt == "jsonl":
        # JSON strings stay text, as the API sent them: a date format no value can match turns
        # off DuckDB's date detection.
        return (f"read_json({where}, format='newline_delimited', dateformat='never', "
                f"timestampformat='never')")
    types = ""
    if dtypes:
        pairs = ", ".join(f"{literal(k)}: {literal(_DUCK_TYPES[v])}" for k, v in dtypes.items())
        types = f", types={{{pairs}}}"
    # Like the JSON Lines reader and pandas: no date or time sniffing, so an expectation on a
    # text column sees the text the file holds ("2024-05-05T10:00:00Z", not DuckDB's
    # "2024-05-05 10:00:00+00"), whichever engine runs it. The cells pandas.read_csv reads
    # as missing ("NA", "N/A", "null", …) are missing here too: an amount column with an
    # "N/A" is numbers with a gap, as GX on pandas sees it, not text.
    missing = ", ".join(literal(token) for token in dict.fromkeys([*CSV_MISSING, *null_values]))
    return (f"read_csv({where}, header=true, auto_type_candidates=['BOOLEAN', 'BIGINT', "
            f"'DOUBLE', 'VARCHAR'], nullstr=[{missing}]{types})")


# pandas.read_csv's default missing-value markers (its documented `na_values` list).
CSV_MISSING = ("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
               "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null")


def format_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl",
            ".xlsx": "xlsx", ".xlsm": "xlsx"}.get(suffix)


READ_HINTS = {
    "csv": "the file must be CSV with a header row; check its encoding (a GBK or UTF-16 "
           "export needs `encoding = \"gbk\"` or `\"utf-16\"` in the dataset's settings), its "
           "delimiter, and that `dtypes` names its columns",
    "jsonl": "the file must hold one JSON object per line, in UTF-8, each line ended by a "
             "line feed; the line named here is the first that is not",
    "parquet": "the file must be a complete Parquet file; write it again if it was cut short",
    "": "check the file's format and encoding (UTF-8), or set `format` in the dataset's settings",
}


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    line = text[0] if text else type(exc).__name__
    return re.sub(r"://[^@/\s]+@", "://***@", line)[:300]

