"""``[tool.seamguard.platforms.<name>]``: a platform's contract versions, wire protocol, auth,
live requests and published spec."""

from __future__ import annotations

import re
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import ConfigDict, Field, field_validator, model_validator

from seamguard.project_model import EnvName, _Model
from seamguard.sendable import header_problem, path_problem, unencodable, url_problem
from seamguard.spelling import nearest
from seamguard.wire.origins import canonical_url
from seamguard.wire.paging import PagingSettings
from seamguard.wire.profile import WireProfile, builtin_table, merge_profile


class AuthSettings(_Model):
    """How to authenticate live requests; the secret itself only ever comes from ``env``."""

    # an HTTP header name (RFC 9110 token): no spaces, colons or line breaks
    header: str = Field(default="Authorization", pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
    env: EnvName
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
    paging: PagingSettings | Literal[False] | None = Field(
        default=None, description="follow the list's pages (drift run; seamguard.wire.paging); "
                                  "false: the first page only")
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)

    @field_validator("path")
    @classmethod
    def _below_base_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("/"):
            raise ValueError(f"{value!r} must be a path below base_url starting with /, "
                             "e.g. /orders.json (a request never leaves the platform's host)")
        problem = value is not None and path_problem(value)
        if problem:
            raise ValueError(f"the path {problem}")
        return value

    @field_validator("headers")
    @classmethod
    def _sendable_headers(cls, value: dict[str, str]) -> dict[str, str]:
        for name, text in value.items():
            problem = header_problem(name, text)
            if problem:
                raise ValueError(problem)
        return value

    @field_validator("method", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _path_or_operation(self) -> LiveRequestSettings:
        if (self.path is None) == (self.operation is None):
            raise ValueError("give exactly one of `path` (REST) or `operation` (gateway)")
        for field, value in (("operation", self.operation), ("params", self.params),
                             ("json", self.json_body), ("form", self.form),
                             ("body", self.body), ("name", self.name)):
            for where, problem in unencodable(value):
                raise ValueError(f"`{field}{where}` {problem}")
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



class PublishedSpecSettings(_Model):
    """Where a platform publishes its current OpenAPI document, for the nightly drift job."""

    url: str = Field(description="http(s) URL of the published OpenAPI document (JSON or YAML)")
    auth: bool = Field(default=False, description="send the platform's auth header with it")
    timeout: float = Field(default=30.0, gt=0, le=3600, strict=True,
                           description="seconds per attempt")

    @field_validator("url")
    @classmethod
    def _absolute(cls, value: str) -> str:
        problem = url_problem(value)
        if problem:
            raise ValueError(problem)
        return value



def _without_gateway_path(base_url: Any, wire: dict[str, Any]) -> dict[str, str]:
    """``{"base_url": …}`` without the gateway path when the user wrote the whole gateway URL
    (``https://eco.taobao.com/router/rest``: the profile adds ``/router/rest`` itself, and a
    call routes by that path); {} otherwise."""
    path = wire.get("path")
    if not isinstance(base_url, str) or not isinstance(path, str) or path == "/":
        return {}
    trimmed = base_url.rstrip("/")
    if not trimmed.endswith(path) or "://" not in trimmed[:-len(path)]:
        return {}
    host = trimmed[:-len(path)]
    return {"base_url": host} if urlsplit(host.replace("{version}", "v")).hostname else {}


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
    secret_env: EnvName | None = Field(
        default=None,
        description="environment variable holding the signing secret (app secret, checkword); "
                    "signatures are checked when it is set")
    credentials: dict[str, EnvName] = Field(
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
        wire = merge_profile(builtin_table(protocol), override)
        return {**data, "wire": wire, **_without_gateway_path(data.get("base_url"), wire)}

    @field_validator("protocol")
    @classmethod
    def _known_protocol(cls, value: str) -> str:
        from seamguard.wire.profile import BUILTIN_PROTOCOLS

        if value not in BUILTIN_PROTOCOLS:
            close = nearest(value, BUILTIN_PROTOCOLS)
            hint = f"; did you mean {close!r}?" if close else ""
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
        # A scheme and host are read without regard to case (RFC 3986): HTTPS://Api.X.com is
        # https://api.x.com, and a default port is no port.
        value = canonical_url(value) if re.match(r"(?i)^https?://", value) else value
        if not re.match(r"^https?://[^/]+", value):
            raise ValueError(url_problem(value))
        placeholders = re.findall(r"\{([^{}]*)\}", value)
        unknown = sorted({name for name in placeholders if name != "version"})
        if unknown:
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}: only {{version}} is "
                             "filled in, e.g. https://api.example.com/{version}")
        if re.sub(r"\{version\}", "", value).count("{") or "}" in re.sub(
                r"\{version\}", "", value):
            raise ValueError("unbalanced { or } (only {version} is filled in)")
        problem = url_problem(value)
        if problem:
            raise ValueError(problem)
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
