"""``[tool.seamguard]`` as a whole (``Settings``) and its run-wide tables: drift history,
alerts, network bounds, privacy."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from seamguard.baseline import DriftIgnore
from seamguard.project_data_settings import (
    DatasetSettings,
    MappingSettings,
    QualitySettings,
    ReconcileSettings,
    SparkSettings,
    SyncSettings,
)
from seamguard.project_model import EnvName, PathSetting, _Model
from seamguard.project_platforms import PlatformSettings

# A drift ignore rule is an acceptance of the shared baseline format (seamguard.baseline).
IgnoreSettings = DriftIgnore



def forgotten_history(url: str) -> bool:
    """Whether ``url`` is a SQLite database without a file (in memory, gone after the run)."""
    return re.match(r"^sqlite(\+\w+)?://(/\s*|/:memory:)?(\?.*)?$", url.strip()) is not None


class DriftSettings(_Model):
    """``[tool.seamguard.drift]``: where the nightly history lives and what to ignore."""

    history: str = Field(default="sqlite:///reports/drift-history.sqlite",
                         description="SQLAlchemy URL; a relative sqlite path is under the project")
    history_env: EnvName | None = Field(
        default=None,
        description="environment variable holding the history URL (PostgreSQL)")
    ignore: list[IgnoreSettings] = Field(default_factory=list)
    deadline: float = Field(default=600.0, gt=0, le=86_400, strict=True,
                            description="seconds the night's live fetching may take in all "
                                        "(requests, pages, retries and waits)")

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



AlertTopic = Literal["drift", "quality", "reconcile", "sync"]


class AlertSettings(_Model):
    """``[tool.seamguard.alerts]``: where alert messages go (apprise URLs, from the environment)."""

    urls_env: list[EnvName] = Field(
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



PrivacyKind = Literal["phone", "email", "name", "address", "id_number", "card", "account",
                      "plate", "ip_address", "location", "secret"]


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
    pseudonym_key_env: EnvName = "SEAMGUARD_PSEUDONYM_KEY"
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
