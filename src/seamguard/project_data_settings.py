"""The settings of what the sync, mapping and data-quality checks test: sync targets and
profiles, datasets, reconciliations, mapping strength, suites and Spark."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from seamguard.project_model import EnvName, PathSetting, _Model


class SyncProfileSettings(_Model):
    """A delivery profile declared in the project (``[tool.seamguard.sync.profiles.<name>]``)."""

    extends: str | None = Field(default=None, description="a built-in profile to start from")
    title: str | None = None
    topic_header: str | None = None
    event_id_header: str | None = None
    signature_header: str | None = None
    delivery_id_header: str | None = None
    triggered_at_header: str | None = None
    headers: dict[str, str] | None = None
    ordering: Literal["unordered", "ordered"] | None = None
    duplicates: bool | None = None
    new_id_copies: bool | None = None
    timestamp_styles: list[Literal["offset", "utc", "naive"]] | None = None
    offsets: list[str] | None = None
    timezone: str | None = None
    max_attempts: int | None = Field(default=None, ge=1, le=100, strict=True)
    retry_horizon: str | None = None
    signing: dict[str, Any] | None = Field(
        default=None, description="a wire [signing] table: how deliveries are signed")
    replay_tolerance: str | None = None


class SyncTargetSettings(_Model):
    """One system under test for the sync properties (``[tool.seamguard.sync.targets.<name>]``)."""

    app: str | None = Field(default=None, description="module:factory of an ASGI app")
    object: str | None = Field(default=None, description="module:factory of a Python object")
    url: str | None = Field(default=None, description="base URL of a running service")
    mappings: list[str] = Field(min_length=1)
    transport: Literal["webhook", "queue", "poll"] = Field(
        default="webhook", description="how events reach the service (docs/sync.md)")
    in_check: bool = Field(
        default=True, description="false: `seamguard check` leaves this target out (it says so "
        "in an info finding); `seamguard sync test` and the pytest plugin still run it. For a "
        "target that needs a server the project's main gate must not require")
    profile: str = "shopify"
    timestamp_styles: list[Literal["offset", "utc", "naive"]] | None = None
    webhook_path: str = "/webhooks"
    secret_env: EnvName | None = None
    secret_default: str = "seamguard-test-secret"
    reset: str | None = None
    review_queue: str | None = None
    record_state: str | None = None
    record_state_mappings: list[str] | None = None
    polling: str | None = Field(default=None, description="(transport poll) the platform API "
                                "the service polls: taobao-trades or shopify-orders")
    source_listen: str = Field(default="127.0.0.1:0", description="where the platform double "
                               "listens for a `url` target polling it")
    clock: str | None = Field(default=None, description="POST path that sets the service's "
                              'clock in tests: {"now": "<ISO 8601>"} (docs/sync.md, "Time")')
    tick: str | None = Field(default=None, description="POST path that runs the service's "
                             "scheduled work once (a poll)")
    sql_url: str | None = Field(default=None, description="read the review queue with SQL "
                                "from this database (placeholders as in `env`)")
    review_sql: str | None = Field(default=None, description="SELECT event_id, topic, key, "
                                   "reason FROM ... (instead of the review_queue endpoint)")
    broker_url: str | None = Field(default=None, description="(transport queue) the RabbitMQ "
                                   "broker: amqp://user:password@host:port/vhost; default "
                                   "$SEAMGUARD_BROKER_URL, else amqp://guest:guest@127.0.0.1:5672/")
    crm_token: str = "seamguard-test-token"
    crm_listen: str = Field(default="127.0.0.1:0", description="where the CRM double listens "
                            "for a `url` target (host:port; port 0 picks a free one)")
    env: dict[str, str] = Field(default_factory=dict)
    variant: str | None = None

    @field_validator("source_listen", "crm_listen")
    @classmethod
    def _host_and_port(cls, value: str) -> str:
        host, colon, port = value.rpartition(":")
        if not colon or not host.strip() or not port.isascii() or not port.isdigit() \
                or int(port) > 65535:
            raise ValueError(f"{value!r} is not host:port with a port from 0 to 65535 "
                             "(0: any free one), e.g. 127.0.0.1:0")
        return value


class SyncSettings(_Model):
    """``[tool.seamguard.sync]``: the budget of the sync properties and the systems they test."""

    examples: int = Field(default=60, ge=1, le=1_000_000, strict=True)
    deadline: float = Field(default=5.0, gt=0, le=3600, strict=True,
                            description="seconds per delivery")
    seed: int | None = None
    shrink_budget: int = Field(default=200, ge=0, strict=True,
                               description="extra examples spent shrinking a failure")
    regressions: PathSetting = "tests/sync-regressions"
    targets: dict[str, SyncTargetSettings] = Field(default_factory=dict)
    profiles: dict[str, SyncProfileSettings] = Field(default_factory=dict)



class DatasetSettings(_Model):
    """``[tool.seamguard.datasets.NAME]``: a synced dataset a suite or reconciliation reads.

    ``file`` (CSV, Parquet, JSON Lines, Excel workbooks; read by DuckDB), ``sql`` (any
    SQLAlchemy URL, read from the environment variable ``url_env``; work is pushed down to the
    database) or ``spark``.
    """

    kind: Literal["file", "sql", "spark"] = "file"
    path: PathSetting | None = Field(default=None,
                                     description="file or glob, relative to the project")
    format: Literal["csv", "parquet", "jsonl", "xlsx"] | None = None
    sheet: str | None = Field(default=None, description="xlsx only: the sheet to read "
                              "(default: the first)")
    url_env: EnvName | None = Field(default=None,
                                description="environment variable holding the SQLAlchemy URL")
    table: str | None = None
    query: str | None = None
    db_schema: str | None = Field(default=None, alias="schema")
    connect_timeout: float = Field(default=10.0, gt=0, le=3600, strict=True)
    master: str | None = Field(default=None, description="Spark master for this dataset "
                               "(default: [tool.seamguard.spark] master)")
    mapping: str | None = Field(default=None,
                                description="mapping (file stem) whose target records this holds")
    contract: str | None = Field(
        default=None, description="platform@version#/pointer of the record schema, if no mapping")
    key: list[str] = Field(default_factory=list, description="columns identifying a row")
    dtypes: dict[str, Literal["string", "integer", "number", "boolean"]] = Field(
        default_factory=dict, description="column types to force when reading CSV")
    encoding: str = Field(default="utf-8", description="CSV only: the file's text encoding "
                          "(gbk, gb18030, big5, shift_jis, latin-1, utf-16, ...)")
    null_values: list[str] = Field(
        default_factory=list, description="CSV only: cells read as missing besides pandas' "
        "defaults ('', NA, NULL, null, None, ...), e.g. \\N of a MySQL or PostgreSQL export")
    pii: Literal["clear", "masked"] = Field(
        default="clear", description="masked: personal-data columns must hold masked values")
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)

    @field_validator("key")
    @classmethod
    def _distinct_key(cls, value: list[str]) -> list[str]:
        twice = sorted({column for column in value if value.count(column) > 1})
        if twice:
            raise ValueError(f"{', '.join(map(repr, twice))} listed twice; a key names each "
                             "column once")
        return value

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        import codecs

        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"{value!r} is not an encoding Python knows, e.g. gbk, gb18030, "
                             "big5, utf-16") from None
        return value

    @field_validator("contract")
    @classmethod
    def _schema_ref(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^@#\s]+@[^@#\s]+#/\S*", value):
            raise ValueError(f"{value!r} is not platform@version#/pointer, e.g. "
                             "shopify@2024-07#/components/schemas/Order")
        return value


class ReconcileSettings(_Model):
    """``[tool.seamguard.reconcile.NAME]``: a keyed source-to-target comparison, through a mapping
    or, without one, of same-named columns (``key`` and ``fields``)."""

    mapping: str | None = Field(default=None, description="mapping (file stem) from source "
                                "to target; without it same-named columns are compared")
    key: list[str] = Field(default_factory=list,
                           description="key columns on both sides (without a mapping)")
    target: str = Field(description="dataset holding the synced records")
    source: str | None = Field(default=None, description="dataset holding the source extract")
    cassettes: bool = Field(default=False,
                            description="use recorded API pages as the source extract")
    status: str | None = Field(default=None, description="target field to count per value")
    money: list[str] = Field(default_factory=list, description="target fields to total")
    fields: list[str] | None = Field(default=None,
                                     description="target fields to compare (default: all)")
    tolerance: dict[str, Annotated[Decimal, Field(ge=0)]] = Field(
        default_factory=dict,
        description="per decimal field, the largest difference still counted as equal "
                    "(default: none; stored values must equal the mapping's output)")

    @field_validator("key", mode="before")
    @classmethod
    def _key_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _mapping_or_key(self) -> ReconcileSettings:
        if self.mapping is None and not self.key:
            raise ValueError("give `mapping = NAME`, or `key` (and `fields`) to compare "
                             "same-named columns")
        if self.mapping is None and self.cassettes:
            raise ValueError("`cassettes = true` needs a mapping to read the recorded pages")
        return self


class MappingSettings(_Model):
    """``[tool.seamguard.mapping]``: how mapping strength (mutation testing) is reported."""

    strength: Literal["warning", "info", "off"] = Field(
        default="warning",
        description="severity of a rule whose mutants survive the examples; off: only "
                    "`seamguard map test --strength` measures it")
    strength_max_mutants: int = Field(
        default=5000, ge=1, description="mutants judged per mapping at most (the budget)")


class QualitySettings(_Model):
    """``[tool.seamguard.quality]``: where suites live and how they run."""

    suites: PathSetting = "suites"
    engine: Literal["auto", "compiled", "gx"] = "auto"
    sample_rows: int = Field(default=20, ge=0, le=10_000, strict=True)


class SparkSettings(_Model):
    """``[tool.seamguard.spark]``: the one SparkSession a run uses for Spark datasets."""

    master: str | None = Field(default=None, description="local[N], spark://host:7077, yarn, "
                               "k8s://…; default local[*] (or a Spark dataset's own master)")
    remote: str | None = Field(default=None, description="a Spark Connect URL, sc://host:15002 "
                               "(instead of master)")
    app_name: str = "seamguard"
    driver_memory: str | None = Field(default=None, description="spark.driver.memory, e.g. 4g")
    shuffle_partitions: int | None = Field(
        default=None, ge=1, description="spark.sql.shuffle.partitions; default: the local "
        "threads for a local master, Spark's own default on a cluster")
    conf: dict[str, str | int | float | bool] = Field(
        default_factory=dict, description="any other Spark configuration, e.g. "
        "{\"spark.executor.memory\" = \"8g\"}")

    @field_validator("remote")
    @classmethod
    def _connect_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("sc://"):
            raise ValueError("a Spark Connect URL starts with sc://, e.g. sc://spark-host:15002")
        return value

    @model_validator(mode="after")
    def _one_target(self) -> SparkSettings:
        if self.master and self.remote:
            raise ValueError("give `master` or `remote` (Spark Connect), not both")
        return self
