"""The fifth corpus's datasets: a GBK CSV export whose unlisted columns hold the corpus's
values (addresses by building and unit, villages, English-order addresses, sole traders' credit
codes, first-generation IDs, minority and pinyin names) and whose column NAMES are personal data
(a pivot by customer phone and by name), checked by a suite that fails on every such column, so
that ``seamguard quality`` prints samples and the columns it expected and saw.

``python -m tests.support.fresh_pii5_data`` measures ``DATA_SEEDS``; ``… check``
``DATA_CHECK_SEEDS``; or give seeds. A
leak is a planted value in any spelling in the command's output (text and JSON); a false
replacement is an order number missing from the samples that name it.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.support.fresh_pii import Value
from tests.support.fresh_pii4 import Measure
from tests.support.fresh_pii5 import CHECK_SEEDS, SEEDS, opened5
from tests.support.fresh_pii5_values import leak_forms, make_values

# (a run of the quality command takes a while: one seed of each group by default)
DATA_SEEDS = SEEDS[:1]
DATA_CHECK_SEEDS = CHECK_SEEDS[:2]

_COLUMNS = {"c_unit": "addr/unit", "c_village": "addr/rural", "c_line": "addr/english-order",
            "c_box": "addr/pobox", "c_doc": "doc/sole-trader", "c_prev_doc": "doc/id15",
            "c_who": "name/minority", "c_py": "name/pinyin-tones",
            "c_permit": "doc/hkmo-permit"}
# pivot columns named after people: a phone and a name
_PIVOTS = ("keys/phone", "keys/name")
_ORDERS = ("20261206183012004", "20261206183012005")

_SETTINGS = """
[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"

[tool.seamguard.datasets.exports]
path = "data/exports.csv"
encoding = "gbk"
key = ["order_no"]
"""


def _project(root: Path, values: list[Value]) -> Path:
    from tests.support.projects import mini_project

    v = {value.name: value.value for value in values}
    mini_project(root, settings=_SETTINGS)
    pivots = [v[name] for name in _PIVOTS]
    header = ["order_no", *_COLUMNS, *pivots]
    rows = [[order, *(v[name] for name in _COLUMNS.values()), "3", "1"] for order in _ORDERS]
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in [header, *rows]) + "\n"
    data = root / "data"
    data.mkdir(exist_ok=True)
    (data / "exports.csv").write_bytes(text.encode("gbk", "replace"))
    expectations = [{"type": "expect_column_values_to_be_in_set",
                     "kwargs": {"column": column, "value_set": ["ok"]}}
                    for column in [*_COLUMNS, *pivots]]
    expectations.append({"type": "expect_table_columns_to_match_ordered_list",
                         "kwargs": {"column_list": ["order_no", *_COLUMNS]}})
    (root / "suites").mkdir(exist_ok=True)
    (root / "suites" / "exports.json").write_text(json.dumps(
        {"name": "exports", "expectations": expectations}, ensure_ascii=False), "utf-8")
    return root


def measure(seed: int) -> Measure:
    """One seed's export through ``seamguard quality`` (text and JSON)."""
    from typer.testing import CliRunner

    from seamguard.cli import app

    values = [value for value in make_values(seed)
              if value.name in {*_COLUMNS.values(), *_PIVOTS}]
    runner = CliRunner()
    outputs: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as scratch:
        root = _project(Path(scratch) / "p", values)
        for label, extra in (("quality text", []), ("quality json", ["-f", "json"])):
            result = runner.invoke(app, ["quality", "--project", str(root), *extra])
            if result.exit_code not in (0, 1):
                raise RuntimeError(result.output)
            outputs[label] = result.output
    leaks = sorted({(path, "gbk_export", value.name) for path, text in outputs.items()
                    for value in values if any(form in opened5(text)
                                               for form in leak_forms(value))})
    lost = sorted({(path, "gbk_export", "order_no") for path, text in outputs.items()
                   if "order_no" in text and not any(order in text for order in _ORDERS)})
    return Measure(leaks, lost)


def main(argv: list[str]) -> int:
    from tests.support.fresh_pii import report_seeds, seeds_chosen

    report_seeds(measure, seeds_chosen(argv, DATA_SEEDS, DATA_CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
