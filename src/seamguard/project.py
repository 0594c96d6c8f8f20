"""A seamguard project: a folder with ``pyproject.toml`` whose ``[tool.seamguard]`` holds settings.

The standard layout (every folder configurable)::

    pyproject.toml          [tool.seamguard] settings
    contracts/<platform>/<version>/openapi.yaml
    fixtures/cassettes/     vcrpy recordings, any depth
    reports/                what each run writes
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from seamguard.baseline import DriftIgnore
from seamguard.documents import DEFAULT_MAX_BYTES, read_text
from seamguard.errors import DocumentError, SeamguardError, SettingsError
from seamguard.model_errors import ENV_NAME_PATTERN, first_problem
from seamguard.wire.profile import WireProfile, builtin_table, merge_tables

__all__ = [
    "AuthSettings",
    "NetworkSettings",
    "PlatformSettings",
    "PrivacySettings",
    "Project",
    "Settings",
    "SyncProfileSettings",
    "SyncSettings",
    "SyncTargetSettings",
    "find_project",
]

CONTRACT_SUFFIXES = (".yaml", ".yml", ".json")


def _named_path(value: str) -> str:
    # An empty path is the project folder itself: reports written among the sources, the whole
    # project read as suites, a baseline silently left out.
    if not value.strip():
        raise ValueError(f"expected a file or folder path, relative to the project; found "
                         f"{value!r} (leave the key out for its default)")
    return value


PathSetting = Annotated[str, AfterValidator(_named_path)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class AuthSettings(_Model):
    """How to authenticate live requests; the secret itself only ever comes from ``env``."""

    # an HTTP header name (RFC 9110 token): no spaces, colons or line breaks
    header: str = Field(default="Authorization", pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
    env: str = Field(pattern=ENV_NAME_PATTERN)
    scheme: str | None = None


class LiveRequestSettings(_Model):
    """One request the nightly drift job sends to the live platform (or its sandbox), and
    one entry of a ``seamguard record`` request file.

    A path-routed platform names a ``path``; a gateway platform names an ``operation`` and its
    business ``params``, and seamguard builds the signed gateway call from the wire profile.
    A path request may carry one body: ``json``, ``form`` or ``body`` (text).
    """

    path: str | None = Field(default=None, description="appended to base_url, e.g. /orders.json")
    operation: str | None = Field(default=None,
                                  description="gateway operation, e.g. taobao.trades.sold.get")
    method: Literal["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] = "GET"
    params: dict[str, Any] = Field(default_factory=dict)
    safe: bool = Field(default=False,
                       description="allow a method other than GET/HEAD (or a gateway operation "
                                   "the profile does not list as read-only) for this request")
    name: str | None = None
    json_body: Any = Field(default=None, alias="json", description="a JSON request body")
    form: dict[str, str | list[str]] | None = Field(
        default=None, description="a form body (application/x-www-form-urlencoded)")
    body: str | None = Field(default=None, description="a text body (set Content-Type in "
                                                        "headers)")
    headers: dict[str, str] = Field(default_factory=dict,
                                    description="request headers (credentials come from the "
                                                "platform's auth, never from here)")
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)

    @field_validator("path")
    @classmethod
    def _below_base_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("/"):
            raise ValueError(f"{value!r} must be a path below base_url starting with /, "
                             "e.g. /orders.json (a request never leaves the platform's host)")
        return value

    @field_validator("method", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _path_or_operation(self) -> LiveRequestSettings:
        if (self.path is None) == (self.operation is None):
            raise ValueError("give exactly one of `path` (REST) or `operation` (gateway)")
        bodies = [name for name, value in (("json", self.json_body), ("form", self.form),
                                           ("body", self.body)) if value is not None]
        if len(bodies) > 1:
            raise ValueError(f"give one body, not {' and '.join(bodies)}")
        if self.path is not None:
            nested = sorted(k for k, v in self.params.items() if isinstance(v, dict) or (
                isinstance(v, list) and any(isinstance(i, dict | list) for i in v)))
            if nested:
                raise ValueError(f"query parameters must be scalars (or lists of scalars, "
                                 f"repeated): {', '.join(nested)}")
        elif bodies:
            raise ValueError(f"a gateway operation takes its parameters in `params`, not "
                             f"`{bodies[0]}`: the wire profile builds the body")
        return self


# A drift ignore rule is an acceptance of the shared baseline format (seamguard.baseline).
IgnoreSettings = DriftIgnore


def forgotten_history(url: str) -> bool:
    """Whether ``url`` is a SQLite database without a file (in memory, gone after the run)."""
    return re.match(r"^sqlite(\+\w+)?://(/\s*|/:memory:)?(\?.*)?$", url.strip()) is not None


class DriftSettings(_Model):
    """``[tool.seamguard.drift]``: where the nightly history lives and what to ignore."""

    history: str = Field(default="sqlite:///reports/drift-history.sqlite",
                         description="SQLAlchemy URL; a relative sqlite path is under the project")
    history_env: str | None = Field(
        default=None, pattern=ENV_NAME_PATTERN,
        description="environment variable holding the history URL (PostgreSQL)")
    ignore: list[IgnoreSettings] = Field(default_factory=list)

    @field_validator("history")
    @classmethod
    def _kept(cls, value: str) -> str:
        # sqlite:// and sqlite:///:memory: are valid URLs of a database the run forgets: every
        # finding would be new every night, and no alert could say "resolved".
        if forgotten_history(value):
            raise ValueError(f"{value!r} names no file: the history would be forgotten when the "
                             "run ends (use sqlite:///reports/drift-history.sqlite, or leave the "
                             "key out)")
        return value


class PublishedSpecSettings(_Model):
    """Where a platform publishes its current OpenAPI document, for the nightly drift job."""

    url: str = Field(description="http(s) URL of the published OpenAPI document (JSON or YAML)")
    auth: bool = Field(default=False, description="send the platform's auth header with it")
    timeout: float = Field(default=30.0, gt=0, le=3600, strict=True,
                           description="seconds per attempt")

    @field_validator("url")
    @classmethod
    def _absolute(cls, value: str) -> str:
        if not re.match(r"^https?://[^/]+", value):
            raise ValueError("must be an absolute http(s) URL")
        return value


AlertTopic = Literal["drift", "quality", "reconcile", "sync"]


class AlertSettings(_Model):
    """``[tool.seamguard.alerts]``: where alert messages go (apprise URLs, from the environment)."""

    urls_env: list[str] = Field(
        default_factory=list,
        description="environment variables holding apprise URLs (they carry tokens, so never "
                    "in the file); several URLs in one variable are space-separated")
    on: list[AlertTopic] = Field(
        default_factory=lambda: list[AlertTopic](["drift", "quality", "reconcile"]),
        description="which checks may alert")
    min_severity: Literal["error", "warning", "info"] = "warning"
    report_url: str | None = Field(
        default=None, description="link to the published report (e.g. the CI artifact page); "
                                  "default: the report's path")
    timeout: float = Field(default=10.0, gt=0, le=3600, strict=True,
                           description="seconds per connection and read")


class NetworkSettings(_Model):
    """``[tool.seamguard.network]``: the bounds of every request to a live service (nightly drift
    fetch, published specs, probing, alerts)."""

    timeout: float = Field(default=10.0, gt=0, le=3600, strict=True,
                           description="seconds per connect and per read")
    deadline: float = Field(default=60.0, gt=0, le=86_400, strict=True,
                            description="seconds per request in total: connect, send and every "
                                        "byte of the answer (a server dripping bytes ends here)")
    max_redirects: int = Field(default=5, ge=0, le=50, strict=True,
                               description="same-host redirects followed (other hosts: never)")


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
    secret_env: str | None = Field(default=None, pattern=ENV_NAME_PATTERN)
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


class PlatformSettings(_Model):
    """One upstream or downstream platform and the contract versions the project holds for it.

    ``protocol`` picks a built-in wire profile (``rest``, ``taobao-top``, ``jd``, ``pinduoduo``,
    ``sf-fengqiao``, ``errcode``); the ``wire`` table overrides its keys (docs/gateway-platforms.md)
    and, once validated, holds the merged profile.
    """

    title: str | None = None
    versions: list[str] = Field(min_length=1)
    base_url: str
    protocol: str = "rest"
    wire: WireProfile = Field(default_factory=WireProfile)
    secret_env: str | None = Field(
        default=None, pattern=ENV_NAME_PATTERN,
        description="environment variable holding the signing secret (app secret, checkword); "
                    "signatures are checked when it is set")
    credentials: dict[str, str] = Field(
        default_factory=dict, description="request parameter -> environment variable the live "
                                          "client reads it from (app_key, session, ...)")
    version_header: str | None = None
    webhook_topic_header: str | None = None
    webhook_urls: dict[str, str] = Field(default_factory=dict)
    auth: AuthSettings | None = None
    live: list[LiveRequestSettings] = Field(default_factory=list)
    sandbox_hosts: list[str] = Field(
        default_factory=list,
        description="hosts (globs such as *.sandbox.example.com) where `seamguard record` may "
                    "send requests that change data; loopback addresses always count")
    published_spec: PublishedSpecSettings | None = None
    custom_fields: list[str] = Field(
        default_factory=list,
        description="fields the project added to this platform's open records (e.g. HubSpot "
                    "custom properties); mapping lint treats other undeclared names as typos")

    @model_validator(mode="before")
    @classmethod
    def _merge_wire(cls, data: Any) -> Any:
        # The `wire` table overrides the chosen protocol's profile key by key, so validation
        # errors point at what the user wrote (tool.seamguard.platforms.X.wire.<key>).
        if not isinstance(data, dict):
            return data
        from seamguard.wire.profile import BUILTIN_PROTOCOLS

        protocol = data.get("protocol", "rest")
        if not isinstance(protocol, str) or protocol not in BUILTIN_PROTOCOLS:
            return data  # the protocol validator below explains
        override = data.get("wire", {})
        if isinstance(override, WireProfile):
            return data
        if not isinstance(override, dict):
            return data
        return {**data, "wire": merge_tables(builtin_table(protocol), override)}

    @field_validator("protocol")
    @classmethod
    def _known_protocol(cls, value: str) -> str:
        from seamguard.wire.profile import BUILTIN_PROTOCOLS

        if value not in BUILTIN_PROTOCOLS:
            close = difflib.get_close_matches(value, BUILTIN_PROTOCOLS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"unknown protocol {value!r} (built in: "
                             f"{', '.join(BUILTIN_PROTOCOLS)}){hint}")
        return value

    @model_validator(mode="after")
    def _live_fits_protocol(self) -> PlatformSettings:
        for index, request in enumerate(self.live):
            if request.operation is not None and not self.wire.gateway:
                raise ValueError(f"live[{index}] names an operation, but this platform is "
                                 "routed by path (set `protocol` or [wire.operation])")
            if request.path is not None and self.wire.gateway:
                raise ValueError(f"live[{index}] names a path, but this gateway platform "
                                 "names operations: use `operation = \"...\"`")
        return self

    @field_validator("base_url")
    @classmethod
    def _absolute(cls, value: str) -> str:
        if not re.match(r"^https?://[^/]+", value):
            raise ValueError("must be an absolute http(s) URL, e.g. https://api.example.com/v1")
        placeholders = re.findall(r"\{([^{}]*)\}", value)
        unknown = sorted({name for name in placeholders if name != "version"})
        if unknown:
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}: only {{version}} is "
                             "filled in, e.g. https://api.example.com/{version}")
        if re.sub(r"\{version\}", "", value).count("{") or "}" in re.sub(
                r"\{version\}", "", value):
            raise ValueError("unbalanced { or } (only {version} is filled in)")
        try:
            parts = urlsplit(value.replace("{version}", "v"))
            parts.port  # noqa: B018 - raises ValueError for a port out of range
        except ValueError as exc:
            raise ValueError(f"not a valid URL ({exc}), e.g. https://api.example.com/v1"
                             ) from None
        if not parts.hostname:
            raise ValueError("names no host, e.g. https://api.example.com/v1")
        return value.rstrip("/")

    @field_validator("versions")
    @classmethod
    def _distinct_versions(cls, value: list[str]) -> list[str]:
        for version in value:
            if not version.strip() or "/" in version or "\\" in version or version in (".", ".."):
                raise ValueError(f"version {version!r} must name one folder under "
                                 "contracts/<platform>/ (no slashes, not empty)")
        repeated = sorted({version for version in value if value.count(version) > 1})
        if repeated:
            raise ValueError(f"version {repeated[0]!r} is listed twice")
        return value


class DatasetSettings(_Model):
    """``[tool.seamguard.datasets.NAME]``: a synced dataset a suite or reconciliation reads.

    ``file`` (CSV, Parquet, JSON Lines; read by DuckDB), ``sql`` (any SQLAlchemy URL, read from
    the environment variable ``url_env``; work is pushed down to the database) or ``spark``.
    """

    kind: Literal["file", "sql", "spark"] = "file"
    path: PathSetting | None = Field(default=None,
                                     description="file or glob, relative to the project")
    format: Literal["csv", "parquet", "jsonl"] | None = None
    url_env: str | None = Field(default=None, pattern=ENV_NAME_PATTERN,
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


PrivacyKind = Literal["phone", "email", "name", "address", "id_number", "card", "account",
                      "secret"]


class PrivacyPlatformSettings(_Model):
    """``[tool.seamguard.privacy.platforms.NAME]``: keys one platform adds (they apply to every
    recording: a key means the same wherever it shows up)."""

    keys: dict[PrivacyKind, list[str]] = Field(default_factory=dict)
    allow_keys: list[str] = Field(default_factory=list)


class PrivacySettings(_Model):
    """``[tool.seamguard.privacy]``: what counts as personal data beyond the built-in detection
    (docs/privacy.md)."""

    regions: list[str] = Field(
        default_factory=lambda: ["CN"], min_length=1,
        description="ISO 3166 regions whose national phone formats are recognised")
    keys: dict[PrivacyKind, list[str]] = Field(
        default_factory=dict, description="extra keys per kind, e.g. phone = [\"kontakt_tel\"]")
    allow: list[str] = Field(default_factory=list,
                             description="values that are never personal data (your hotline)")
    allow_keys: list[str] = Field(default_factory=list,
                                  description="keys whose values are never personal data")
    platforms: dict[str, PrivacyPlatformSettings] = Field(default_factory=dict)
    scan: list[PathSetting] | None = Field(
        default=None, description="what `privacy scan` reads without arguments (default: the "
                                  "cassettes, fixtures/ and the file datasets)")
    pseudonym_key_env: str = Field(default="SEAMGUARD_PSEUDONYM_KEY", pattern=ENV_NAME_PATTERN)
    pseudonym_key_file: PathSetting = ".seamguard/pseudonym.key"

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, value: list[str]) -> list[str]:
        import phonenumbers

        regions = [region.upper() for region in value]
        unknown = [region for region in regions if region not in phonenumbers.SUPPORTED_REGIONS]
        if unknown:
            raise ValueError(f"unknown phone region(s) {', '.join(unknown)}: use ISO 3166 "
                             "alpha-2 codes such as CN, HK, TW, US")
        return regions


class Settings(_Model):
    """Everything under ``[tool.seamguard]``."""

    contracts: PathSetting = "contracts"
    cassettes: PathSetting = "fixtures/cassettes"
    reports: PathSetting = "reports"
    fail_on: Literal["error", "warning", "info"] = "error"
    # report.html links each finding to its file; with this template (``{path}`` absolute,
    # ``{line}``), also to an editor, e.g. "vscode://file/{path}:{line}".
    editor_url: str | None = None
    # Accepted findings (docs/baseline.md), applied to every run; --baseline overrides.
    baseline: PathSetting | None = None
    max_body_mb: float = Field(default=10.0, gt=0, le=4096, strict=True)
    max_document_mb: float = Field(default=64.0, gt=0, le=4096, strict=True)

    @field_validator("max_body_mb", "max_document_mb")
    @classmethod
    def _at_least_a_byte(cls, value: float) -> float:
        # gt=0 let through sizes that round to a limit of 0 bytes (5e-324), refusing every file
        if int(value * 1_048_576) < 1:
            raise ValueError(f"{value!r} MB is less than one byte; the limit is in megabytes "
                             "(e.g. 10, or 0.5 for 512 KB)")
        return value
    # Deeper documents are refused before any recursive code walks them.
    max_depth: int = Field(default=128, ge=8, le=256, strict=True)
    # "off" skips the undeclared-field check, which is about a third of validation time.
    undeclared_fields: Literal["error", "warning", "info", "off"] = "warning"
    platforms: dict[str, PlatformSettings] = Field(default_factory=dict)
    drift: DriftSettings = Field(default_factory=DriftSettings)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    datasets: dict[str, DatasetSettings] = Field(default_factory=dict)
    reconcile: dict[str, ReconcileSettings] = Field(default_factory=dict)
    quality: QualitySettings = Field(default_factory=QualitySettings)
    spark: SparkSettings = Field(default_factory=SparkSettings)
    mapping: MappingSettings = Field(default_factory=MappingSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    network: NetworkSettings = Field(default_factory=NetworkSettings)


@dataclass(frozen=True)
class Project:
    """A loaded project: its root folder and validated settings."""

    root: Path
    settings: Settings

    @property
    def pyproject(self) -> Path:
        return self.root / "pyproject.toml"

    @property
    def contracts_dir(self) -> Path:
        return self.root / self.settings.contracts

    @property
    def cassettes_dir(self) -> Path:
        return self.root / self.settings.cassettes

    @property
    def reports_dir(self) -> Path:
        return self.root / self.settings.reports

    def relative(self, path: Path) -> str:
        """A path as the user sees it: relative to the project root when inside it."""
        # The path as written first: a symbolic link is named, not what it points to.
        absolute, root = os.path.abspath(path), os.path.abspath(self.root)
        if absolute.startswith(root + os.sep):
            return Path(absolute).relative_to(root).as_posix()
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside, or a symbolic link loop
            return str(path)

    def contract_file(self, platform: str, version: str) -> Path:
        """The entry document of one platform version: ``openapi.*`` or the folder's only file."""
        folder = self.contracts_dir / platform / version
        for suffix in CONTRACT_SUFFIXES:
            candidate = folder / f"openapi{suffix}"
            if candidate.is_file():
                return candidate
        files = sorted(p for p in folder.glob("*") if p.suffix in CONTRACT_SUFFIXES)
        if len(files) == 1:
            return files[0]
        raise SettingsError(
            f"no contract for {platform}@{version}: expected {self.relative(folder)}/openapi.yaml",
            file=self.relative(self.pyproject),
            line=self.setting_line(f"platforms.{platform}.versions"),
            pointer=f"tool.seamguard.platforms.{platform}.versions",
            hint="add the OpenAPI document there, or remove the version from the settings",
        )

    def cassette_files(self) -> list[Path]:
        """Every entry named like a cassette: a folder or broken link among them is listed too,
        so that reading it reports the problem instead of skipping it silently."""
        if not self.cassettes_dir.is_dir():
            return []
        return sorted(
            path for path in self.cassettes_dir.rglob("*")
            if path.suffix in (".yaml", ".yml", ".json")
        )

    def setting_line(self, dotted: str) -> int | None:
        """Best-effort line of ``tool.seamguard.<dotted>`` in pyproject.toml."""
        return _line_of(self.pyproject, dotted)

    def check_layout(self) -> None:
        """Fail early, with a hint, when settings name a platform or version with no contract,
        or a folder setting names a file."""
        for dotted, folder in (("contracts", self.contracts_dir),
                               ("cassettes", self.cassettes_dir),
                               ("quality.suites", self.root / self.settings.quality.suites)):
            if folder.exists() and not folder.is_dir():
                raise SettingsError(
                    f"{dotted} = {self.relative(folder)!r} is a file, where a folder was expected",
                    file=self.relative(self.pyproject), line=self.setting_line(dotted),
                    pointer=f"tool.seamguard.{dotted}",
                    hint="point the setting at a folder (relative to the project)")
        known = sorted(p.name for p in self.contracts_dir.glob("*") if p.is_dir())
        for name, platform in self.settings.platforms.items():
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else (
                    f"create {self.settings.contracts}/{name}/<version>/openapi.yaml"
                )
                raise SettingsError(
                    f"unknown platform {name!r}: there is no folder "
                    f"{self.settings.contracts}/{name}/ (known: {', '.join(known) or 'none'})",
                    file=self.relative(self.pyproject),
                    line=_line_of(self.pyproject, f"platforms.{name}"),
                    pointer=f"tool.seamguard.platforms.{name}",
                    hint=hint,
                )
            for version in platform.versions:
                self.contract_file(name, version)


def find_project(start: Path | None = None, *, explicit: bool = False) -> Project:
    """Load the project at ``start`` (exactly, if ``explicit``) or the nearest one above it."""
    origin = (start or Path.cwd()).resolve()
    candidates = [origin] if explicit else [origin, *origin.parents]
    for folder in candidates:
        pyproject = folder / "pyproject.toml"
        # The folder named with --project must hold a readable file; while searching upwards,
        # anything that is not a regular file is passed by.
        if pyproject.is_file() or (explicit and (pyproject.exists() or pyproject.is_symlink())):
            table = _seamguard_table(pyproject)
            if table is not None:
                return Project(root=folder, settings=_validate(table, pyproject))
            if explicit:
                break
    raise SettingsError(
        f"no seamguard project at {origin}" if explicit else
        f"no seamguard project found in {origin} or its parents",
        file=str(origin / "pyproject.toml"),
        hint="run `seamguard init` to create one, or pass --project DIR",
    )


def _seamguard_table(pyproject: Path) -> dict[str, Any] | None:
    try:
        text = read_text(pyproject, max_bytes=DEFAULT_MAX_BYTES)
    except DocumentError as exc:
        raise SettingsError(f"cannot read pyproject.toml: {exc.message}", file=str(pyproject),
                            line=exc.line, hint=exc.hint) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):
            line = text.count("\n") or 1
        raise SettingsError(
            f"invalid TOML: {exc}",
            file=str(pyproject),
            line=line,
            hint="check quoting and brackets near that line",
        ) from None
    except RecursionError:
        raise SettingsError("pyproject.toml nests arrays or tables too deeply to read",
                            file=str(pyproject), hint="no setting needs that depth") from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        found = re.search(r"\d{4300}", text)
        raise SettingsError(
            f"invalid TOML: a value cannot be read ({str(exc).split(';')[0]})",
            file=str(pyproject), line=text.count("\n", 0, found.start()) + 1 if found else None,
            hint="no setting needs a number that long") from None
    tool = data.get("tool", {})
    table = tool.get("seamguard") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise SettingsError(
            "[tool.seamguard] must be a table of settings",
            file=str(pyproject), pointer="tool.seamguard",
            line=next((number for number, line in enumerate(text.split("\n"), start=1)
                       if re.match(r"^\s*(?:tool\.)?seamguard\s*=", line)), None),
            hint="write the settings under a [tool.seamguard] header")
    return table


def _with_nul(value: Any, path: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The path of the first string (value or key) holding a NUL character."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, item in items:
        here = (*path, str(key))
        if "\x00" in here[-1]:
            return here
        found = _with_nul(item, here)
        if found is not None:
            return found
    return None


def _validate(table: dict[str, Any], pyproject: Path) -> Settings:
    nul = _with_nul(table)
    if nul is not None:
        # No file name, URL, header or variable name holds one: an editor or a tool wrote it.
        raise SettingsError(
            "a setting holds a NUL character (\\u0000), which no path, name or URL can",
            file=str(pyproject), line=_line_of(pyproject, ".".join(nul)),
            pointer=".".join(["tool", "seamguard", *nul]),
            hint="remove the \\u0000 escape (or the raw NUL byte) from this value")
    try:
        return Settings.model_validate(table)
    except ValidationError as exc:
        problem = first_problem(exc, table, aliases={"db_schema": "schema",
                                                      "json_body": "json"})
        loc = [str(part) for part in problem.path]
        hint: str | None = ("see the list of settings in README.md (or `seamguard init` for "
                            "a starting pyproject.toml) for what each setting takes")
        if problem.kind == "extra_forbidden":
            hint = _enclosing_table(loc)
            if hint is None:
                fields = _fields_at(loc[:-1])
                close = difflib.get_close_matches(loc[-1], fields, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(fields)}"
        raise SettingsError(
            problem.counted(problem.message.replace("key", "setting", 1)
                            if problem.kind in ("extra_forbidden", "missing")
                            else problem.message),
            file=str(pyproject),
            line=_line_of(pyproject, ".".join(loc)),
            pointer=".".join(["tool", "seamguard", *loc]),
            hint=hint,
        ) from None


def _enclosing_table(loc: list[str]) -> str | None:
    """A hint when an unknown key is a setting of an enclosing table: in TOML a key written
    below ``[tool.seamguard.platforms.shop]`` belongs to that table, however it was meant."""
    for depth in range(len(loc) - 2, -1, -1):
        if loc[-1] in _fields_at(loc[:depth]):
            owner = ".".join(["tool", "seamguard", *loc[:depth]])
            here = ".".join(["tool", "seamguard", *loc[:-1]])
            return (f"{loc[-1]!r} is a setting of [{owner}]: move it up, under that header "
                    f"and above [{here}]")
    return None


def _fields_at(loc: list[str]) -> list[str]:
    """The keys a settings table at ``loc`` takes (for "did you mean"), found by following the
    models' field types: tables of tables (``platforms.<name>``) and lists of tables alike."""
    annotation: Any = Settings
    for part in loc:
        annotation = _table_type(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields = {field.alias or name: field for name, field in
                      annotation.model_fields.items()}
            field = fields.get(part) or annotation.model_fields.get(part)
            if field is None:
                return []
            annotation = field.annotation
        elif typing.get_origin(annotation) in (dict, list):
            annotation = typing.get_args(annotation)[-1]
        elif typing.get_origin(annotation) is tuple:  # tuple[X, ...]: a list of tables
            annotation = typing.get_args(annotation)[0]
        else:
            return []
    annotation = _table_type(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return sorted(field.alias or name for name, field in annotation.model_fields.items())
    return []


def _table_type(annotation: Any) -> Any:
    """``X | None`` -> ``X``: the table type behind an optional setting."""
    if typing.get_origin(annotation) in (types.UnionType, typing.Union):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation


def line_of_setting(pyproject: Path, dotted: str) -> int | None:
    """The line of ``[tool.seamguard.<dotted>]`` (or its key) in pyproject.toml, if found."""
    return _line_of(pyproject, dotted)


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([^.\"'\s]+)")


def _key_parts(text: str) -> tuple[str, ...]:
    return tuple(next(group for group in match.groups() if group is not None)
                 for match in _KEY_PART.finditer(text))


def _line_of(pyproject: Path, dotted: str) -> int | None:
    """Best-effort line of ``tool.seamguard.<dotted>`` in pyproject.toml (TOML parsers keep no
    positions): the deepest table header on the path, then the key inside that table."""
    try:
        lines = read_text(pyproject).split("\n")  # TOML lines end at "\n" only
    except SeamguardError:
        return None
    headers: dict[tuple[str, ...], int] = {}
    for number, text in enumerate(lines, start=1):
        match = _HEADER.match(text)
        if match:
            headers.setdefault(_key_parts(match.group(1)), number)
    parts = tuple(dotted.split(".")) if dotted else ()
    for size in range(len(parts), -1, -1):
        start = headers.get(("tool", "seamguard", *parts[:size]))
        if start is None:
            continue
        if size == len(parts):
            return start
        key = re.compile(rf"^\s*[\"']?{re.escape(parts[size])}[\"']?\s*[=.]")
        for number in range(start + 1, len(lines) + 1):
            if _HEADER.match(lines[number - 1]):
                break
            if key.match(lines[number - 1]):
                return number
        return start
    return None
