"""Datasets of types and shapes exports really have, for ``hostile_fresh7``.

* ``pq7``: Parquet files whose columns are dictionary-encoded, ``large_string``, binary,
  decimal, timestamps with a zone or past pandas' nanosecond range (year 9999, year 1),
  durations, nested structs, lists and maps, an all-null column, unsigned 64-bit ids above
  ``2**63``, NaN, duplicate column names, no rows, no columns, bytes appended after the
  footer; Arrow IPC and Feather files named ``.parquet``. A
  planted break of the suite (a status outside its set) must still be found; a file that cannot
  be read as the suite needs is named, never read as fewer rows in silence.
* ``csv7``: CSV files that are empty, only a byte-order mark, only a header, a header with a
  BOM and CRLF and a quoted line break in a cell, a NUL byte, a header whose names carry
  blanks or a BOM in the middle, only blank lines after the header.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh6_data import _GOOD, _SETTINGS, _quality_project
from tests.support.hostile_strategies import ANY, FAILS, ONE, json_args

CLEAN = frozenset({0})
_SUITE = {"name": "orders", "expectations": _GOOD}


def _parquet(table: Any) -> bytes:
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _table(status: Any = None, **extra: Any) -> Any:
    import pyarrow as pa

    columns: dict[str, Any] = {
        "id": pa.array([1, 2, 3], pa.int64()),
        "status": status if status is not None else pa.array(["paid", "open", "paid"]),
        "total": pa.array(["10.00", "5.50", "7.25"]),
    }
    columns.update(extra)
    return pa.table(columns)


def _bad_status() -> Any:
    import pyarrow as pa

    return pa.array(["paid", "lost", "paid"])


def _pq(make: Callable[[], Any]) -> Callable[[], bytes]:
    return lambda: _parquet(make())


def _pa() -> Any:
    import pyarrow as pa

    return pa


def _dictionary(bad: bool) -> Any:
    pa = _pa()
    values = ["paid", "lost" if bad else "open", "paid"]
    return _table(pa.array(values).dictionary_encode())


def _duplicate_names() -> bytes:
    pa = _pa()
    table = pa.Table.from_arrays([pa.array([1, 2, 3]), pa.array(["paid", "lost", "paid"]),
                                  pa.array(["paid", "open", "paid"])],
                                 names=["id", "status", "status"])
    return _parquet(table)


def _no_rows() -> bytes:
    pa = _pa()
    return _parquet(pa.table({"id": pa.array([], pa.int64()), "status": pa.array([], pa.string()),
                              "total": pa.array([], pa.string())}))


def _no_columns() -> bytes:
    pa = _pa()
    return _parquet(pa.table({}))


def _bytes_after_footer() -> bytes:
    """A file a second writer appended to after the first closed it."""
    return _parquet(_table(_bad_status())) + b"garbage-after-footer"


def _arrow_ipc(feather: bool) -> bytes:
    import pyarrow.feather as feather_io
    import pyarrow.ipc as ipc

    table = _table(_bad_status())
    sink = io.BytesIO()
    if feather:
        feather_io.write_feather(table, sink)
        return sink.getvalue()
    with ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _timestamps(year: int) -> Any:
    pa = _pa()
    when = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    return _table(_bad_status(), created_at=pa.array([when] * 3, pa.timestamp("us", tz="UTC")))


# label -> (bytes maker, exits, names)
PARQUET: dict[str, tuple[Callable[[], bytes], frozenset[int], tuple[str, ...]]] = {
    "control": (_pq(_table), CLEAN, ()),
    "control-broken": (_pq(lambda: _table(_bad_status())), ONE, ("status",)),
    "dictionary-keeps": (_pq(lambda: _dictionary(False)), CLEAN, ()),
    "dictionary-breaks": (_pq(lambda: _dictionary(True)), ONE, ("status",)),
    "large-string-breaks": (_pq(lambda: _table(_pa().array(["paid", "lost", "paid"],
                                                             _pa().large_string()))),
                            ONE, ("status",)),
    "binary-status": (_pq(lambda: _table(_pa().array([b"paid", b"lost", b"paid"],
                                                      _pa().binary()))), FAILS, ("status",)),
    "status-integers": (_pq(lambda: _table(_pa().array([1, 2, 1]))), FAILS, ("status",)),
    "all-null-status": (_pq(lambda: _table(_pa().nulls(3, _pa().string()))), ONE, ("status",)),
    "null-type-status": (_pq(lambda: _table(_pa().nulls(3))), FAILS, ("status",)),
    "decimal-total": (_pq(lambda: _table(_bad_status(), total=_pa().array(
        [decimal.Decimal("10.00")] * 3, _pa().decimal128(38, 2)))), ONE, ("status",)),
    "decimal256-total": (_pq(lambda: _table(_bad_status(), total=_pa().array(
        [decimal.Decimal("1" * 60)] * 3, _pa().decimal256(70, 0)))), ONE, ("status",)),
    "timestamp-year-9999": (_pq(lambda: _timestamps(9999)), ONE, ("status",)),
    "timestamp-year-1": (_pq(lambda: _timestamps(1)), ONE, ("status",)),
    "date32-year-1": (_pq(lambda: _table(_bad_status(), day=_pa().array(
        [dt.date(1, 1, 1)] * 3, _pa().date32()))), ONE, ("status",)),
    "duration-column": (_pq(lambda: _table(_bad_status(), took=_pa().array(
        [dt.timedelta(days=10 ** 6)] * 3, _pa().duration("us")))), ONE, ("status",)),
    "struct-column": (_pq(lambda: _table(_bad_status(), address=_pa().array(
        [{"city": "杭州", "zip": "310000"}] * 3))), ONE, ("status",)),
    "list-column": (_pq(lambda: _table(_bad_status(), tags=_pa().array([["a", "b"], [], None])
                                       )), ONE, ("status",)),
    "map-column": (_pq(lambda: _table(_bad_status(), attrs=_pa().array(
        [[("k", "v")]] * 3, _pa().map_(_pa().string(), _pa().string())))), ONE, ("status",)),
    "uint64-above-int64": (_pq(lambda: _table(_bad_status(), id=_pa().array(
        [2 ** 64 - 1, 2 ** 63, 1], _pa().uint64()))), ONE, ("status",)),
    "nan-total": (_pq(lambda: _table(_bad_status(), total=_pa().array(
        [float("nan"), float("inf"), -0.0]))), ONE, ("status",)),
    "status-as-struct": (_pq(lambda: _table(_pa().array([{"v": "paid"}] * 3))), FAILS,
                         ("status",)),
    "duplicate-column-names": (_duplicate_names, FAILS, ("status",)),
    "no-rows": (_no_rows, ANY, ("orders.parquet",)),
    "no-columns": (_no_columns, FAILS, ("orders.parquet",)),
    "bytes-after-footer": (_bytes_after_footer, FAILS, ("orders.parquet",)),
    "arrow-ipc-named-parquet": (lambda: _arrow_ipc(False), FAILS, ("orders.parquet",)),
    "feather-named-parquet": (lambda: _arrow_ipc(True), FAILS, ("orders.parquet",)),
}

_CSV = b"id,status,total\n1,paid,10.00\n2,lost,5.50\n3,paid,7.25\n"
# label -> (bytes, exits, names)
CSV: dict[str, tuple[bytes, frozenset[int], tuple[str, ...]]] = {
    "empty-file": (b"", FAILS, ("orders.csv",)),
    "bom-only": (b"\xef\xbb\xbf", FAILS, ("orders.csv",)),
    "bom-crlf-only": (b"\xef\xbb\xbf\r\n", FAILS, ("orders.csv",)),
    "header-only": (b"id,status,total\n", ANY, ("orders.csv",)),
    "header-only-bom-crlf": (b"\xef\xbb\xbfid,status,total\r\n", ANY, ("orders.csv",)),
    "header-then-blank-lines": (b"id,status,total\n\n\n\n", ANY, ("orders.csv",)),
    "bom-crlf-quoted-newline-breaks": (b"\xef\xbb\xbfid,status,total\r\n1,paid,\"10\r\n.00\"\r\n"
                                       b"2,lost,5.50\r\n", ONE, ("status",)),
    "bom-crlf-breaks": (b"\xef\xbb\xbf" + _CSV.replace(b"\n", b"\r\n"), ONE, ("status",)),
    "nul-byte-in-cell": (_CSV.replace(b"lost", b"lo\x00st"), FAILS, ("status",)),
    "header-blanks": (_CSV.replace(b"id,status,total", b" id , status , total "), FAILS,
                      ("status",)),
    "bom-in-header-middle": (_CSV.replace(b"status", b"\xef\xbb\xbfstatus", 1), FAILS,
                             ("status",)),
    "two-boms": (b"\xef\xbb\xbf\xef\xbb\xbf" + _CSV, FAILS, ("orders.csv",)),
    "utf8-bom-then-utf16": (b"\xef\xbb\xbf" + _CSV.decode().encode("utf-16-le"), FAILS,
                            ("orders.csv",)),
    "mixed-line-ends-breaks": (b"id,status,total\r\n1,paid,10.00\n2,lost,5.50\r3,paid,7.25\r\n",
                               FAILS, ("status",)),
    "header-duplicate-status": (b"id,status,status\n1,paid,lost\n2,open,open\n", FAILS,
                                ("status",)),
    "quote-never-closed": (b'id,status,total\n1,"paid,10.00\n2,lost,5.50\n', FAILS,
                           ("orders.csv",)),
}


def _parquet_case(label: str, make: Callable[[], bytes], exits: frozenset[int],
                  names: tuple[str, ...]) -> Case:
    settings = _SETTINGS.replace("data/orders.csv", "data/orders.parquet")

    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(
            root, _SUITE, data=make(), settings=settings, data_name="orders.parquet"))
    return Case(f"pq7:{label}", setup, exits, names)


def _csv_case(label: str, data: bytes, exits: frozenset[int], names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(root, _SUITE, data=data))
    return Case(f"csv7:{label}", setup, exits, names)


def data_cases() -> list[Case]:
    return [*(_parquet_case(label, *row) for label, row in PARQUET.items()),
            *(_csv_case(label, *row) for label, row in CSV.items())]

