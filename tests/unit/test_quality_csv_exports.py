"""CSV exports as Chinese ERPs and CRMs write them: GBK text, ``\\N`` for a missing value, money
as text (``￥1,234.50``, full-width digits) reconciled against the number the shop stored."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from pydantic import ValidationError

from seamguard.project import find_project
from seamguard.quality.datasets import DatasetError, Datasets
from seamguard.quality.reconcile import reconcile
from seamguard.quality.sqlmap import stored_decimal_sql

# Full-width digits, stop and comma, as a Chinese input method types them.
FULL_WIDTH = str.maketrans("0123456789.,",
                           "".join(map(chr, [*range(0xFF10, 0xFF1A), 0xFF0E, 0xFF0C])))
ROWS = "order_no,buyer,total,note\r\nSO1,王伟,\"￥1,234.50\",请周末送货\r\nSO2,李娜,12.00,\\N\r\n"


def _project(tmp_path: Path, dataset: str, *, extra: str = "") -> Path:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.seamguard]\n\n[tool.seamguard.datasets.crm]\n" + dataset
        + '\nkey = ["order_no"]\n' + extra, encoding="utf-8")
    return tmp_path


def _rows(project: Path) -> list[tuple[object, ...]]:
    with Datasets(find_project(project, explicit=True)) as datasets:
        crm = datasets.open("crm")
        return crm.connection.rows(f"SELECT * FROM {crm.relation} ORDER BY 1")


def test_a_gbk_export_reads_as_the_text_it_holds(tmp_path: Path) -> None:
    (tmp_path / "crm.csv").write_bytes(ROWS.encode("gbk"))
    project = _project(tmp_path, 'path = "crm.csv"\nencoding = "gbk"\nnull_values = ["\\\\N"]')
    assert _rows(project) == [("SO1", "王伟", "￥1,234.50", "请周末送货"),
                              ("SO2", "李娜", "12.00", None)]


def test_without_null_values_a_backslash_n_stays_text_as_pandas_reads_it(tmp_path: Path) -> None:
    (tmp_path / "crm.csv").write_text(ROWS, encoding="utf-8")
    assert _rows(_project(tmp_path, 'path = "crm.csv"'))[1][3] == "\\N"


def test_bytes_the_declared_encoding_cannot_read_are_placed(tmp_path: Path) -> None:
    (tmp_path / "crm.csv").write_bytes(b"order_no,buyer\nSO1,ok\nSO2,\x81\x20\n")
    project = _project(tmp_path, 'path = "crm.csv"\nencoding = "gbk"')
    with pytest.raises(DatasetError, match=r"crm\.csv:3: bytes 81 on line 3 are not gbk") \
            as caught:
        _rows(project)
    assert caught.value.line == 3
    assert "gb18030" in (caught.value.hint or "")


def test_a_gbk_file_read_as_utf8_names_the_setting(tmp_path: Path) -> None:
    (tmp_path / "crm.csv").write_bytes(ROWS.encode("gbk"))
    with pytest.raises(DatasetError) as caught:
        _rows(_project(tmp_path, 'path = "crm.csv"'))
    assert 'encoding = \\"gbk\\"' in (caught.value.hint or "").replace('"', '\\"')


def test_an_unknown_encoding_is_a_settings_error() -> None:
    from seamguard.project_data_settings import DatasetSettings

    with pytest.raises(ValidationError, match="not an encoding Python knows"):
        DatasetSettings(path="a.csv", encoding="gbkk")


def test_globs_of_gbk_files_are_decoded_together(tmp_path: Path) -> None:
    for day in ("0405", "0406"):
        (tmp_path / f"crm_{day}.csv").write_bytes(
            f"order_no,buyer\r\nSO{day},张三\r\n".encode("gbk"))
    assert [r[0] for r in _rows(_project(tmp_path, 'path = "crm_*.csv"\nencoding = "gbk"'))] \
        == ["SO0405", "SO0406"]


@pytest.mark.parametrize(("text", "number"), [
    ("￥1,234.50", "1234.50"), ("¥ 1,234.50", "1234.50"), ("1,234,567.8", "1234567.8"),
    ("1,234.50".translate(FULL_WIDTH), "1234.50"), ("12.5 元", "12.5"), ("-1,000", "-1000"),
    (" 7 ", "7"),
    ("1,23.4", None), ("1.234,50", None), ("abc", None)])
def test_money_text_reads_as_the_number_it_spells(text: str, number: str | None) -> None:
    sql = stored_decimal_sql("duckdb", "x")
    (found,) = duckdb.execute(f"SELECT {sql} FROM (SELECT ?::VARCHAR AS x)", [text]).fetchone() \
        or (None,)
    assert found == (Decimal(number) if number is not None else None)


def test_money_text_reconciles_with_the_shop_s_numbers(tmp_path: Path) -> None:
    (tmp_path / "crm.csv").write_bytes(ROWS.encode("gbk"))
    (tmp_path / "shop.csv").write_text(
        "order_no,buyer,total,note\nSO1,王伟,1234.5,请周末送货\nSO2,李娜,12,\n", encoding="utf-8")
    project = find_project(_project(
        tmp_path, 'path = "crm.csv"\nencoding = "gbk"\nnull_values = ["\\\\N"]',
        extra='\n[tool.seamguard.datasets.shop]\npath = "shop.csv"\n'
              '\n[tool.seamguard.reconcile.orders]\nsource = "shop"\ntarget = "crm"\n'
              'key = "order_no"\nmoney = ["total"]\n'), explicit=True)
    with Datasets(project) as datasets:
        result = reconcile(project, datasets, "orders", project.settings.reconcile["orders"])
    assert result.differences == []
    assert [(m[1], m[2]) for m in result.money] == [("1246.50", "1246.50")]


def test_money_text_that_reads_as_no_number_is_shown_as_stored(tmp_path: Path) -> None:
    (tmp_path / "crm.csv").write_text('order_no,total\nSO1,"1.234,50"\nSO2,"￥12.00"\n',
                                      encoding="utf-8")
    (tmp_path / "shop.csv").write_text("order_no,total\nSO1,1234.5\nSO2,12\n", encoding="utf-8")
    project = find_project(_project(
        tmp_path, 'path = "crm.csv"\ndtypes = { total = "string" }',
        extra='\n[tool.seamguard.datasets.shop]\npath = "shop.csv"\n'
              '\n[tool.seamguard.reconcile.orders]\nsource = "shop"\ntarget = "crm"\n'
              'key = "order_no"\nmoney = ["total"]\n'), explicit=True)
    with Datasets(project) as datasets:
        result = reconcile(project, datasets, "orders", project.settings.reconcile["orders"])
    assert [(d[0], d[1], d[3]) for d in result.differences] == [("SO1", "total", "1.234,50")]
