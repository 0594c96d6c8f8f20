"""GX 1.x's ``unexpected_rows_expectation``: a query over ``{batch}`` that returns the rows
breaking a rule no column expectation can state (an order total that is not its lines minus
discount plus shipping), run where the data lives.

GX runs it on SQL and Spark data sources only; here it runs on every dataset, files included
(DuckDB), with ``{batch}`` read as the dataset. It succeeds when the query returns no row; its
observed value is the number of rows returned, and its samples are their first rows, shown
with the dataset's key and the columns the query names.
"""

from __future__ import annotations

import re
import string
from typing import Any

from seamguard.quality.compiler import Outcome
from seamguard.quality.datasets import Dataset, describe_error, quote
from seamguard.quality.suites import Expectation

__all__ = ["TYPE", "query_problem", "run_unexpected_rows"]

TYPE = "unexpected_rows_expectation"


def query_problem(query: Any) -> str | None:
    """Why ``query`` is not an unexpected-rows query GX would run; None when it is one."""
    if not isinstance(query, str) or not query.strip():
        return "`unexpected_rows_query` must be a SELECT over {batch} (a non-empty string)"
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(query) if name is not None}
    except ValueError as exc:
        return f"`unexpected_rows_query` has an unpaired or malformed brace: {exc}"
    if fields - {"batch"}:
        return (f"`unexpected_rows_query` names {sorted(fields - {'batch'})}; only {{batch}} "
                "is filled in")
    if "batch" not in fields:
        return "`unexpected_rows_query` must read {batch}, the dataset the suite checks"
    return None


def run_unexpected_rows(dataset: Dataset, exp: Expectation, *, key: list[str],
                        sample_rows: int) -> Outcome:
    """Count the query's rows and keep the first ``sample_rows`` of them."""
    query = str(exp.kwargs["unexpected_rows_query"]).strip().rstrip(";")
    sql = query.replace("{batch}", dataset.relation)
    try:
        total = int(dataset.connection.rows(f"SELECT count(*) FROM {dataset.relation}")[0][0])
        count = int(dataset.connection.rows(f"SELECT count(*) FROM ({sql}) sg_q")[0][0])
        samples: list[dict[str, Any]] = []
        if count and sample_rows:
            shown = _shown_columns(dataset, key, query)
            names = ", ".join(f"sg_q.{quote(c)}" for c in shown) or "*"
            rows = dataset.connection.rows(
                f"SELECT {names} FROM ({sql}) sg_q LIMIT {int(sample_rows)}")
            samples = [dict(zip(shown, row, strict=True)) for row in rows] if shown else []
    except Exception as exc:  # the user's SQL: DuckDB, SQLAlchemy, Spark and sqlglot errors
        return Outcome(exp, False, error=f"the query failed: {describe_error(exc)}")
    percent = 100.0 * count / total if total else 0.0
    return Outcome(exp, count == 0, element_count=total, unexpected_count=count,
                   unexpected_percent=percent, observed=count, samples=samples)


def _shown_columns(dataset: Dataset, key: list[str], query: str) -> list[str]:
    """The key, then the dataset's columns the query names (a word match, any case)."""
    words = {w.lower() for w in re.findall(r"[^\W\d]\w*", query)}
    named = [c for c in dataset.columns if c.lower() in words and c not in key]
    return [*key, *named]
