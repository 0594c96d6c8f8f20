"""[tool.seamguard.spark]: where the session runs and which configuration it gets."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from seamguard.project import SparkSettings
from seamguard.quality.spark import java_pattern, session_options, spark_sql


def test_a_local_master_gets_its_threads_as_shuffle_partitions() -> None:
    where, url, conf = session_options(SparkSettings(master="local[3]"))
    assert (where, url) == ("master", "local[3]")
    assert conf["spark.sql.shuffle.partitions"] == "3"
    assert conf["spark.sql.session.timeZone"] == "UTC"
    assert conf["spark.sql.legacy.javaCharsets"] == "true"  # a dataset's `encoding = "gbk"`


def test_a_cluster_keeps_sparks_default_unless_set() -> None:
    _, url, conf = session_options(SparkSettings(master="spark://head:7077",
                                                 driver_memory="4g",
                                                 conf={"spark.executor.memory": "8g",
                                                       "spark.dynamicAllocation.enabled": True}))
    assert url == "spark://head:7077"
    assert "spark.sql.shuffle.partitions" not in conf
    assert conf["spark.driver.memory"] == "4g"
    assert conf["spark.executor.memory"] == "8g"
    assert conf["spark.dynamicAllocation.enabled"] == "true"
    assert session_options(SparkSettings(master="yarn", shuffle_partitions=64))[2][
        "spark.sql.shuffle.partitions"] == "64"


def test_spark_connect_is_a_remote_url() -> None:
    assert session_options(SparkSettings(remote="sc://spark:15002"))[:2] == (
        "remote", "sc://spark:15002")
    with pytest.raises(ValidationError, match="sc://"):
        SparkSettings(remote="spark://spark:7077")
    with pytest.raises(ValidationError, match="not both"):
        SparkSettings(master="local[2]", remote="sc://spark:15002")


def test_a_dataset_master_is_used_when_the_table_gives_none() -> None:
    assert session_options(SparkSettings(), "local[1]")[1] == "local[1]"
    assert session_options(SparkSettings())[1] == "local[*]"


@pytest.mark.parametrize(("strftime", "java"), [
    ("%Y-%m-%dT%H:%M:%SZ", "yyyy-MM-dd'T'HH:mm:ss'Z'"),
    ("%d/%m/%Y", "dd/MM/yyyy"),
    ("at %H o'clock", "'at' HH 'o''clock'"),
])
def test_date_patterns_quote_their_literal_letters(strftime: str, java: str) -> None:
    assert java_pattern(strftime) == java


def test_duckdb_idioms_are_rewritten_for_spark() -> None:
    sql = spark_sql("SELECT strftime(timezone('UTC', timezone('Asia/Shanghai', "
                    "TRY_CAST(x AS TIMESTAMP))), '%Y-%m-%d'), "
                    "regexp_replace(x, '(a)', '\\1-$', 'g'), regexp_matches(x, '^a') FROM t")
    assert "TO_UTC_TIMESTAMP(TRY_CAST(x AS TIMESTAMP), 'Asia/Shanghai')" in sql
    assert "FROM_UTC_TIMESTAMP(" in sql
    assert "TIMEZONE(" not in sql
    assert "'yyyy-MM-dd'" in sql
    assert "'$1-\\\\$'" in sql
    assert "RLIKE '^a'" in sql


def test_a_spark_query_error_is_a_finding_not_a_traceback() -> None:
    """A Spark query the analyser rejects is one of the database errors a suite reports."""
    from pyspark.errors import AnalysisException

    from seamguard.quality.datasets import database_errors

    assert issubclass(AnalysisException, database_errors())
