"""Datasets in the encodings and dialects files arrive in, for ``hostile_fresh10``.

* ``ds10``: the orders dataset written as UTF-16 (either order, with or without a mark),
  UTF-32, GBK, with a UTF-8 mark, in Excel's ``sep=`` habit, with semicolons, tabs or pipes,
  old Mac line ends, quoted newlines, a header with a trailing space or an invisible character,
  a value with a no-break space, one line of several megabytes; and files that are not what
  their suffix says (a CSV named ``.parquet``, a Parquet frame around junk, a gzip or a zip
  named ``.csv``, JSON lines named ``.csv``). Each variant that holds a status outside the
  suite's set is met by ``quality``: a finding or a refusal naming the file, never a pass.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh6_data import _GOOD, _quality_project
from tests.support.hostile_strategies import ANY, FAILS, ONE, json_args

CLEAN = frozenset({0})
_ROWS: list[tuple[str, ...]] = [("id", "status", "total"), ("1", "paid", "10.00"),
                                 ("2", "lost", "5.50"), ("3", "paid", "7.25")]


def _csv(sep: str = ",", end: str = "\n", rows: list[tuple[str, ...]] | None = None) -> str:
    return "".join(sep.join(row) + end for row in (rows or _ROWS))


def _zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("orders.csv", data)
    return out.getvalue()


_TEXT = _csv()
_HEADER = "id,status,total\n"
_HUGE = _HEADER + "1,paid," + "9" * 6_000_000 + "\n2,lost,5.50\n"

# label -> (bytes, file name, exits, names)
DATA: dict[str, tuple[bytes, str, frozenset[int], tuple[str, ...]]] = {
    "utf16-le-bom": (_TEXT.encode("utf-16"), "orders.csv", FAILS, ("orders.csv",)),
    "utf16-be-bom": (b"\xfe\xff" + _TEXT.encode("utf-16-be"), "orders.csv", FAILS,
                     ("orders.csv",)),
    "utf16-le-no-bom": (_TEXT.encode("utf-16-le"), "orders.csv", FAILS, ("orders.csv",)),
    "utf32-bom": (_TEXT.encode("utf-32"), "orders.csv", FAILS, ("orders.csv",)),
    "utf8-bom": (b"\xef\xbb\xbf" + _TEXT.encode(), "orders.csv", ONE, ("status",)),
    "utf8-bom-twice": (b"\xef\xbb\xbf\xef\xbb\xbf" + _TEXT.encode(), "orders.csv", FAILS,
                       ("orders.csv",)),
    "gbk-status": (_csv(rows=[_ROWS[0], ("1", "已付款", "1.00")]).encode("gbk"), "orders.csv",
                   FAILS, ("orders.csv",)),
    # A CSV is read through DuckDB's scan, which finds the delimiter itself (docs/quality.md,
    # "Both engines read a file through the same scan"): these read as the orders they are, and
    # the status outside the set is the finding, placed at the suite's expectation.
    "excel-sep-semicolon": (("sep=;\n" + _csv(";")).encode(), "orders.csv", ONE, ("status",)),
    "excel-sep-comma": (("sep=,\n" + _TEXT).encode(), "orders.csv", ONE, ("status",)),
    "semicolons": (_csv(";").encode(), "orders.csv", ONE, ("status",)),
    "tabs-named-csv": (_csv("\t").encode(), "orders.csv", ONE, ("status",)),
    "pipes": (_csv("|").encode(), "orders.csv", ONE, ("status",)),
    # old Mac line ends are read row by row as pandas reads them (quality/line_ends.py)
    "mac-line-ends": (_csv(end="\r").encode(), "orders.csv", ONE, ("status",)),
    "windows-line-ends": (_csv(end="\r\n").encode(), "orders.csv", ONE, ("status",)),
    # a quoted cell holding a line end, or a quote escaped the backslash way, is one odd cell
    # of a row read as written: the finding at the expectation refusing it is the answer
    "quoted-newline": ((_HEADER + '1,"pa\nid",1.00\n2,lost,5.50\n').encode(), "orders.csv",
                       ONE, ("status",)),
    "backslash-quote": ((_HEADER + '1,"pa\\"id",1.00\n2,lost,5.50\n').encode(), "orders.csv",
                        ONE, ("status",)),
    "header-trailing-space": (("id,status ,total\n" + _csv(rows=_ROWS[1:])).encode(),
                              "orders.csv", FAILS, ("status",)),
    "header-zero-width": (("id,status\u200b,total\n" + _csv(rows=_ROWS[1:])).encode(),
                          "orders.csv", FAILS, ("status",)),
    "header-quoted=breaks": (('"id","status","total"\n' + _csv(rows=_ROWS[1:])).encode(),
                             "orders.csv", ONE, ("status",)),
    # a cell is compared as written: `paid` followed by an invisible space is not `paid`, and
    # the finding is placed at the expectation that refuses it
    "value-nbsp": ((_HEADER + "1,paid\u00a0,1.00\n").encode(), "orders.csv", ONE, ("status",)),
    "value-fullwidth-space": ((_HEADER + "1,paid\u3000,1.00\n").encode(), "orders.csv", ONE,
                              ("status",)),
    # a trailing delimiter adds an unnamed empty column; the rows read as they are
    "trailing-delimiter": (_csv().replace("\n", ",\n").encode(), "orders.csv", ONE,
                           ("status",)),
    "huge-line": (_HUGE.encode(), "orders.csv", FAILS, ("orders.csv",)),
    # docs/quality.md: `quality.dataset-empty` is a warning at the file's line 1 (its
    # expectations checked nothing): said, naming the file, not a failure
    "header-only": (_HEADER.encode(), "orders.csv", ANY, ("orders.csv",)),
    "blank-lines-only": (b"\n\n\n\n", "orders.csv", FAILS, ("orders.csv",)),
    "bom-only": (b"\xef\xbb\xbf", "orders.csv", FAILS, ("orders.csv",)),
    "gzip-named-csv": (gzip.compress(_TEXT.encode()), "orders.csv", FAILS, ("orders.csv",)),
    "zip-named-csv": (_zip(_TEXT.encode()), "orders.csv", FAILS, ("orders.csv",)),
    "jsonl-named-csv": (b'{"id": 1, "status": "lost"}\n', "orders.csv", FAILS,
                        ("orders.csv",)),
    "csv-named-parquet": (_TEXT.encode(), "orders.parquet", FAILS, ("orders.parquet",)),
    "parquet-frame-junk": (b"PAR1" + b"\x00" * 64 + b"\x08\x00\x00\x00PAR1", "orders.parquet",
                           FAILS, ("orders.parquet",)),
    "parquet-magic-only": (b"PAR1PAR1", "orders.parquet", FAILS, ("orders.parquet",)),
    "parquet-footer-huge": (b"PAR1" + b"\x00" * 16 + b"\xff\xff\xff\x7fPAR1",
                            "orders.parquet", FAILS, ("orders.parquet",)),
    "nul-bytes-only": (b"\x00" * 4096, "orders.csv", FAILS, ("orders.csv",)),
    "control=keeps": (_csv(rows=[_ROWS[0], _ROWS[1], _ROWS[3]]).encode(), "orders.csv", CLEAN,
                      ()),
}


def _settings(name: str) -> str:
    return f'[tool.seamguard]\n\n[tool.seamguard.datasets.orders]\npath = "data/{name}"\n' \
           'key = ["id"]\n'


def _data_case(label: str, data: bytes, name: str, exits: frozenset[int],
               names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _quality_project(root, {"name": "orders", "expectations": _GOOD}, data=data,
                                   settings=_settings(name), data_name=name)
        return json_args("quality", project)
    return Case(f"ds10:{label}", setup, exits, names)


def data_cases() -> list[Case]:
    return [_data_case(label, *spec) for label, spec in DATA.items()]
