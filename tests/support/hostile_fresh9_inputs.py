"""Datasets damaged as CSV writers damage them and command lines in other tools' habits, for
``hostile_fresh9``.

* ``csv9``: line ends of three kinds in one file, a quote left open (last row, middle row, the
  header), a header named twice or empty, NUL bytes, a 2 GB sparse file (read bounded, never
  whole), a Parquet file of nested columns (a struct, a list, a map) held to a scalar
  expectation, a Parquet file whose column is named twice.
* ``cli9``: what users of oasdiff (``breaking``, ``--fail-on ERR``, ``--format yaml``),
  schemathesis (``--checks all``, ``--hypothesis-max-examples``, ``--base-url``) and Great
  Expectations (``checkpoint run``, ``suite list``) type: each an error naming the word typed,
  exit 2, never run as something else.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh6_data import _GOOD, _SETTINGS, _quality_project
from tests.support.hostile_strategies import ANY, FAILS, TWO, json_args, mini

CLEAN = frozenset({0})
_CSV = b"id,status,total\n1,paid,10.00\n2,open,5.50\n3,paid,7.25\n"
_IN_SET = [{"type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": "status", "value_set": ["paid", "open"]}}]


def _parquet(table: dict[str, Any], names: list[str] | None = None) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq
    data = pa.table(table)
    if names is not None:
        data = data.rename_columns(names)
    sink = io.BytesIO()
    pq.write_table(data, sink)
    return sink.getvalue()


_NESTED = {"id": [1, 2, 3], "status": [{"a": "paid"}, {"a": "open"}, {"a": "x"}],
           "total": ["10.00", "5.50", "7.25"]}
_LISTS = {"id": [1, 2, 3], "status": [["paid"], ["open", "x"], []],
          "total": ["10.00", "5.50", "7.25"]}


def _map_column() -> bytes:
    import pyarrow as pa
    status = pa.array([[("a", "paid")], [("b", "open")], []], type=pa.map_(pa.string(),
                                                                              pa.string()))
    return _parquet({"id": [1, 2, 3], "status": status, "total": ["1", "2", "3"]})


# label -> (bytes maker, file name, exits, names)
DATASETS: dict[str, tuple[Callable[[], bytes], str, frozenset[int], tuple[str, ...]]] = {
    # rows ending in CRLF, LF and a lone CR are read row by row, as pandas reads them (README):
    # the row with an unknown status is the finding, named by its column
    "mixed-line-ends": (lambda: b"id,status,total\r\n1,paid,10.00\n2,lost,5.50\r3,paid,7.25\n",
                        "orders.csv", FAILS, ("status",)),
    "quote-open-last-row": (lambda: _CSV + b'4,"paid,1.00\n', "orders.csv", FAILS,
                            ("orders.csv",)),
    "quote-open-middle-row": (lambda: b'id,status,total\n1,"paid,10.00\n2,open,5.50\n'
                              b"3,paid,7.25\n", "orders.csv", FAILS, ("orders.csv",)),
    "quote-open-header": (lambda: b'id,"status,total\n1,paid,10.00\n', "orders.csv", FAILS,
                          ("orders.csv",)),
    # a quote inside an unquoted cell is that cell's text to Python's csv, pandas and GX
    # alike: the row is judged as data, and the finding names the column and the suite
    "quote-inside-bare-cell": (lambda: b'id,status,total\n1,pa"id,10.00\n', "orders.csv",
                               FAILS, ("status",)),
    "header-twice": (lambda: b"id,status,status\n1,paid,open\n2,open,paid\n", "orders.csv",
                     FAILS, ("status",)),
    "header-empty-name": (lambda: b"id,,total\n1,paid,10.00\n", "orders.csv", FAILS,
                          ("orders.csv",)),
    # a header name padded with spaces is read as the name (as DuckDB and pandas' skipinitialspace
    # writers mean it); its rows keep every expectation
    "header-blank-spaces": (lambda: b"id, status ,total\n1,paid,10.00\n", "orders.csv", CLEAN,
                            ()),
    "nul-in-cell": (lambda: b"id,status,total\n1,pa\x00id,10.00\n2,open,5.50\n", "orders.csv",
                    FAILS, ("orders.csv",)),
    "nul-only-line": (lambda: b"id,status,total\n1,paid,10.00\n\x00\x00\x00\n", "orders.csv",
                      FAILS, ("orders.csv",)),
    "sparse-2gb": (lambda: b"", "orders.csv", FAILS, ("orders.csv",)),
    "sparse-2gb-after-rows": (lambda: _CSV, "orders.csv", FAILS, ("orders.csv",)),
    "only-blank-lines": (lambda: b"\n\n\n\n", "orders.csv", FAILS, ("orders.csv",)),
    # a header without rows is the warning quality.dataset-empty naming the file, as a header
    # alone is in the earlier campaigns
    "header-then-blank-lines": (lambda: b"id,status,total\n\n\n\n", "orders.csv", ANY,
                                ("orders.csv",)),
    "parquet-struct-column": (lambda: _parquet(_NESTED), "orders.parquet", FAILS, ("status",)),
    "parquet-list-column": (lambda: _parquet(_LISTS), "orders.parquet", FAILS, ("status",)),
    "parquet-map-column": (_map_column, "orders.parquet", FAILS, ("status",)),
    "parquet-name-twice": (lambda: _parquet({"id": [1, 2], "a": ["paid", "lost"],
                                             "b": ["x", "y"]}, ["id", "status", "status"]),
                           "orders.parquet", FAILS, ("status",)),
    "jsonl-nested-status": (lambda: b'{"id": 1, "status": {"a": "paid"}, "total": "1"}\n',
                            "orders.jsonl", FAILS, ("status",)),
    "jsonl-key-twice": (lambda: b'{"id": 1, "status": "paid", "status": "lost"}\n',
                        "orders.jsonl", FAILS, ("status",)),
}


def _dataset_case(label: str, make: Callable[[], bytes], name: str, exits: frozenset[int],
                  names: tuple[str, ...]) -> Case:
    settings = _SETTINGS.replace("data/orders.csv", f"data/{name}")

    def setup(root: Path) -> list[str]:
        project = _quality_project(root, {"name": "orders", "expectations": [*_GOOD,
                                                                              *_IN_SET]},
                                   data=make(), settings=settings, data_name=name)
        if label.startswith("sparse"):
            with (project / "data" / name).open("r+b") as sparse:
                sparse.truncate(2 << 30)
                os.fsync(sparse.fileno())
        return json_args("quality", project)
    return Case(f"csv9:{label}", setup, exits, names)


# --- other tools' habits ---------------------------------------------------------------------

# label -> (arguments after `seamguard`, the word the message must name)
HABITS: dict[str, tuple[list[str], str]] = {
    "oasdiff-breaking": (["breaking", "a.yaml", "b.yaml"], "breaking"),
    "oasdiff-changelog": (["changelog", "a.yaml", "b.yaml"], "changelog"),
    "oasdiff-contract-breaking": (["contract", "breaking", "a.yaml", "b.yaml"], "breaking"),
    # oasdiff's level words and an upper-case format name are read as seamguard's own (README,
    # `--fail-on ERR`): a clean project stays clean under them
    "oasdiff-fail-on-err": (["check", "--fail-on", "ERR"], ""),
    "oasdiff-format-yaml": (["verify", "--format", "yaml"], "yaml"),
    "oasdiff-f-yaml": (["check", "-f", "yaml"], "yaml"),
    "oasdiff-format-singular": (["verify", "--format", "JSON"], ""),
    "schemathesis-checks-all": (["probe", "--checks", "all"], "--checks"),
    "schemathesis-max-examples": (["probe", "--hypothesis-max-examples", "5"],
                                  "--hypothesis-max-examples"),
    "schemathesis-base-url": (["probe", "--base-url", "http://127.0.0.1:9"], "--base-url"),
    "schemathesis-run": (["run", "openapi.yaml"], "run"),
    "schemathesis-workers": (["probe", "--workers", "4"], "--workers"),
    "gx-checkpoint-run": (["checkpoint", "run", "orders"], "checkpoint"),
    "gx-suites-checkpoint": (["suites", "checkpoint", "run"], "checkpoint"),
    "gx-suite-list": (["suite", "list"], "suite"),
    "gx-quality-suite-name": (["quality", "--suite", "orders"], "--suite"),
    "gx-datasource": (["datasource", "list"], "datasource"),
    "pytest-k": (["check", "-k", "orders"], "-k"),
    # the option itself is unknown, so the option is what the message names (with its spelling)
    "vcr-record-mode-once": (["record", "--record-mode", "onse"], "--record-mode"),
    "verify-cassette-dir": (["verify", "--cassette-dir", "fixtures"], "--cassette-dir"),
    "fail-on-number": (["check", "--fail-on", "2"], "2"),
    "dash-dash-then-option": (["verify", "--", "--fail-on", "error"], "--fail-on"),
}


def _habit_case(label: str, argv: list[str], word: str) -> Case:
    def setup(root: Path) -> list[str]:
        return [*argv, "--project", str(mini(root))] if argv[-1] != "error" else \
            [*argv[:-3], "--project", str(mini(root)), *argv[-3:]]
    return Case(f"cli9:{label}", setup, TWO if word else CLEAN, (word,) if word else ())


def input_cases() -> list[Case]:
    return [*(_dataset_case(label, *row) for label, row in DATASETS.items()),
            *(_habit_case(label, *row) for label, row in HABITS.items())]

