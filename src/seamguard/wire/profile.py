"""A platform's wire protocol, as data: where the operation name sits, envelopes, signing, time.

Built-in profiles ship as TOML files in ``seamguard/wire/profiles/``; a platform picks one with
``protocol = "taobao-top"`` and may override any key (or describe a protocol of its own) in
``[tool.seamguard.platforms.<name>.wire]``, which is merged onto the chosen profile table by
table (lists and values replace). ``docs/gateway-platforms.md`` documents every key.

Nothing outside this package knows a platform by name: routing, verification, live fetches,
recording, sync and probe read a :class:`WireProfile`.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from seamguard.spelling import nearest
from seamguard.wire.pointers import PointerSyntaxError, parse
from seamguard.wire.profile_base import OperationLocation, ParamLocation, StrictModel
from seamguard.wire.profile_signing import SigningSettings, check_template_words
from seamguard.wire.profile_time import TimeSettings

_Model = StrictModel

_METHOD = re.compile(r"[A-Za-z]+")
_ORIGIN = re.compile(r"https?://[a-z0-9.-]+(:[0-9]{1,5})?", re.IGNORECASE)

__all__ = [
    "BUILTIN_PROTOCOLS",
    "Condition",
    "EnvelopeSettings",
    "ErrorRule",
    "OperationLocation",
    "ParamLocation",
    "PushSettings",
    "RequestSettings",
    "ResponseKey",
    "ResponseSettings",
    "ResponseVariant",
    "SigningSettings",
    "TimeSettings",
    "WireProfile",
    "builtin_table",
    "merge_profile",
    "merge_tables",
    "resolve_profile",
]

BUILTIN_PROTOCOLS = ("rest", "taobao-top", "jd", "pinduoduo", "sf-fengqiao", "errcode")


BusinessPlace = Literal["query", "form", "json", "body"]


class BusinessPacking(_Model):
    """Where the live client puts an operation's business parameters, and whether it packs
    them as one JSON-string parameter."""

    json_param: str | None = Field(
        default=None, description="parameter holding the business parameters as a JSON "
        "string, e.g. 360buy_param_json or msgData (none: each parameter on its own)")
    place: BusinessPlace | None = Field(
        default=None, alias="in", description="query | form | json (top-level fields of a "
        "JSON body) | body (the business document is the whole JSON body, Douyin Shop's "
        "newer calls; signed as `signing.body_param`); none: where `send` puts the rest")

    @model_validator(mode="after")
    def _says_something(self) -> BusinessPacking:
        if self.json_param is None and self.place is None:
            raise ValueError("give `json_param` (pack the business parameters as one JSON "
                             "string), `in` (where they go), or both; e.g. { json_param = "
                             "\"param_json\", in = \"body\" }")
        return self


class RequestSettings(_Model):
    """The request side of the protocol (common parameters, how the live client sends)."""

    common: tuple[str, ...] = Field(
        default=(), description="protocol parameters (app key, timestamp, signature, ...); not "
                                "validated against the operation's request schema")
    defaults: dict[str, str] = Field(default_factory=dict,
                                     description="fixed parameters the live client sends")
    send: Literal["query", "form", "json"] = Field(
        default="form", description="where the live client puts the parameters")
    business: BusinessPacking | None = None
    secret_params: tuple[str, ...] = Field(
        default=(), description="parameters scrubbed from recordings (tokens, signatures)")
    read_only: tuple[str, ...] = Field(
        default=(), description="glob patterns of operation names a live drift job may call "
                                "without `safe = true`")
    request_id: str | None = Field(default=None,
                                   description="parameter the live client fills with a new UUID")

    @property
    def business_place(self) -> BusinessPlace:
        """Where the live client puts the business parameters (``send`` unless told)."""
        business = self.business
        return business.place if business is not None and business.place else self.send

    @model_validator(mode="after")
    def _one_body(self) -> RequestSettings:
        bodies = {place for place in (self.send, self.business_place) if place != "query"}
        if len(bodies) > 1 or (self.send == "json" and self.business_place == "body"):
            raise ValueError(
                f"`send` = {self.send!r} and `business.in` = {self.business_place!r} ask for "
                "two request bodies; a call has one: put the common parameters in the query "
                "(`send = \"query\"`) or the business parameters with them")
        return self


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _checked_pointer(pointer: str) -> str:
    """A pointer of the settings, refused when it could never address anything: a text not
    starting with ``/``, or a placeholder other than ``{response_key}``."""
    try:
        parse(pointer)
    except PointerSyntaxError:
        raise ValueError(f"{pointer!r} is no JSON pointer: start it with / (\"/error_response"
                         "/code\"), or leave it empty for the whole body") from None
    for name in _PLACEHOLDER.findall(pointer):
        if name != "response_key":
            near = nearest(name, ["response_key"])
            raise ValueError(f"{pointer!r} uses the placeholder {{{name}}}; the only one a "
                             "pointer may use is {response_key}"
                             + (f" (did you mean {{{near}}}?)" if near else ""))
    return pointer


# A pointer into a body, as an envelope, error rule or push setting writes it.
WirePointer = Annotated[str, AfterValidator(_checked_pointer)]


class Condition(_Model):
    """A test on one value of a response body, addressed by a pointer (``⟨json⟩`` allowed).

    Exactly one of ``present``, ``equals``, ``not_equals`` is given. ``not_equals`` holds only
    when the value is there and differs, so a body without the field never matches it.
    """

    pointer: WirePointer
    present: bool | None = None
    equals: Any = None
    not_equals: Any = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        given = [k for k in ("present", "equals", "not_equals")
                 if k in self.model_fields_set]
        if len(given) != 1:
            raise ValueError("give exactly one of present, equals, not_equals")
        return self


class ErrorRule(_Model):
    """When a 200 response is an error, and where that error's code and message are."""

    when: tuple[Condition, ...] = Field(min_length=1, description="all must hold")
    code: WirePointer | None = None
    sub_code: WirePointer | None = None
    message: WirePointer | None = None
    sub_message: WirePointer | None = None

    @field_validator("when", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, dict) else value


class ResponseKey(_Model):
    """The success key derived from the operation name (``taobao.trades.sold.get`` →
    ``trades_sold_get_response``): strip a prefix, replace dots, add a suffix. ``keys`` names
    the key of operations whose key does not follow the rule (Pinduoduo's
    ``pdd.order.information.get`` answers in ``order_info_get_response``)."""

    strip_prefix: tuple[str, ...] = ()
    dots: str = "_"
    suffix: str = "_response"
    prefix: str = ""
    keys: dict[str, str] = Field(default_factory=dict,
                                 description="operation name -> its response key, where the "
                                             "rule does not give it")

    def of(self, operation: str) -> str:
        """The response key of one operation name."""
        if operation in self.keys:
            return self.keys[operation]
        for start in self.strip_prefix:
            if operation.startswith(start):
                operation = operation[len(start):]
                break
        return self.prefix + operation.replace(".", self.dots) + self.suffix


class EnvelopeSettings(_Model):
    """Where a business payload sits in an answer, and what makes a 200 an error."""

    payload: WirePointer = Field(default="", description="pointer of the business payload; may "
                                 "use {response_key}, ⟨json⟩ and ⟨xml⟩; empty: the whole body")
    response_key: ResponseKey | None = None
    success_when: tuple[Condition, ...] = ()
    errors: tuple[ErrorRule, ...] = ()
    error_schema: dict[str, Any] | None = Field(
        default=None, description="JSON Schema (2020-12) of an error body")
    in_band_severity: Literal["error", "warning", "info"] = "error"


class ResponseVariant(EnvelopeSettings):
    """Answers in another format a request asks for with one of its parameters (TOP's
    ``simplify=true``): their own envelopes, and possibly lists without their wrapper objects."""

    param: str = Field(min_length=1, description="the request parameter that asks for it")
    values: tuple[str, ...] = Field(min_length=1, description="its values that ask for it "
                                    "(compared without regard to case)")
    bare_lists: bool = Field(
        default=False, description="a list the contract wraps in an object of one array "
        "property (`trades: {trade: [...]}`) comes as the bare array (`trades: [...]`)")

    def asked_by(self, params: dict[str, str]) -> bool:
        """Does a request with these parameters ask for this format?"""
        value = params.get(self.param)
        return value is not None and value.lower() in {v.lower() for v in self.values}


AnswerKind = Literal["json", "xml"]


class AnswerFormat(_Model):
    """The request parameter that picks a JSON or an XML answer (TOP's ``format``, Pinduoduo's
    ``data_type``): an answer in the other one is ``response.unexpected-format``."""

    param: str = Field(min_length=1, description="the request parameter naming the format")
    json_values: tuple[str, ...] = Field(default=("json",), description="its values asking "
                                         "for JSON (compared without regard to case)")
    xml_values: tuple[str, ...] = Field(default=("xml",), description="its values asking for "
                                        "XML (compared without regard to case)")
    default: AnswerKind | None = Field(
        default=None, description="the format of the answer to a request without the "
        "parameter; none: such a request is not judged")

    def asked(self, params: dict[str, str]) -> tuple[AnswerKind, str | None] | None:
        """(the format a request asks for, the value it wrote or None for the default); None
        when it names none this rule knows (another value, or none without a default)."""
        value = params.get(self.param)
        if not value:
            return (self.default, None) if self.default is not None else None
        lowered = value.lower()
        if lowered in {v.lower() for v in self.xml_values}:
            return "xml", value
        if lowered in {v.lower() for v in self.json_values}:
            return "json", value
        return None


class ResponseSettings(EnvelopeSettings):
    """Envelopes: where the business payload sits, and what makes a 200 an error."""

    variants: tuple[ResponseVariant, ...] = Field(
        default=(), description="other answer formats a request parameter asks for")
    answer_format: AnswerFormat | None = Field(
        default=None, description="the request parameter picking a JSON or an XML answer")


class PushSettings(_Model):
    """Pushes (webhooks) the platform sends to the integration."""

    topic: ParamLocation | None = Field(
        default=None, description="where a push names its topic, for receiver URLs mapped to "
                                  "\"*\" in webhook_urls")
    topic_at: str | None = Field(
        default=None, description="instead of `topic`: the pointer of the topic inside the "
        "push body, JSON or XML (WeChat's XML pushes: /xml/Event; SF's XML route push: "
        "/Request/service)")
    payload: WirePointer = Field(default="", description="pointer of the business payload in a "
                                 "push body")
    signed: bool = Field(default=False, description="pushes carry a signature like requests")
    signing: SigningSettings | None = Field(default=None,
                                            description="when pushes are signed differently")

    @model_validator(mode="after")
    def _one_topic_rule(self) -> PushSettings:
        if self.topic is not None and self.topic_at is not None:
            raise ValueError("`topic` and `topic_at` both say where a push names its topic: "
                             "keep one, e.g. topic_at = \"/xml/Event\"")
        if self.topic_at is not None and not self.topic_at.startswith("/"):
            raise ValueError(f"`topic_at` = {self.topic_at!r} is no pointer: start it with /, "
                             "e.g. \"/xml/Event\"")
        return self

    @property
    def names_topic(self) -> bool:
        """Does a push name its own topic (``topic`` or ``topic_at``)?"""
        return self.topic is not None or self.topic_at is not None


class BatchSettings(_Model):
    """A second gateway path taking several calls in one request (TOP's ``/router/batch``):
    the system parameters in the URL, each call's parameters one part of the body, the answers
    one part each of the answer, in the same order; signed over the URL's parameters with the
    whole body appended (``sorted-params-body``)."""

    path: str = Field(description="the batch path after base_url", pattern="^/")
    separator: str = Field(default="\r\n-S-\r\n",
                           description="what separates the calls in the body (and the answers)")
    separator_header: str | None = Field(
        default=None, description="a request header naming another separator")
    public_prefix: str | None = Field(
        default=None, description="the start of a part holding parameters common to all calls")


class PollingSettings(_Model):
    """How the platform's incremental order API is polled, as its documentation describes it:
    the facts a poller (and the sync harness's polling double) must respect. Parameters are
    business parameters of ``operation``; pointers are relative to its business payload."""

    operation: str = Field(description="the incremental list operation")
    window_start: str = Field(description="parameter opening the time window")
    window_end: str = Field(description="parameter closing the time window")
    time_format: str | None = Field(
        default=None, description="strftime, epoch-seconds or epoch-millis of the window "
                                  "parameters (default: the profile's [time] format)")
    max_window: str | None = Field(default=None,
                                   description="ISO 8601 duration a window may span at most")
    recommended_window: str | None = Field(
        default=None, description="the window length the platform advises (ISO 8601 duration)")
    lookback: str | None = Field(default=None,
                                 description="how far back a window may start (ISO 8601)")
    settle_delay: str | None = Field(
        default=None, description="how far behind the platform's clock a window should end")
    page: str = Field(description="page-number parameter")
    first_page: int = 1
    page_size: str = Field(description="page-size parameter")
    page_size_max: int = Field(ge=1)
    page_size_default: int | None = Field(default=None, ge=1)
    has_next_param: str | None = Field(
        default=None, description="parameter asking for has_next instead of a total")
    has_next: str | None = Field(default=None, description="pointer of the more-pages flag")
    total: str | None = Field(default=None, description="pointer of the total count")
    records: str = Field(description="pointer of the list of records on a page")
    cursor_field: str = Field(description="record field the window filters on")
    id_field: str = Field(description="record field identifying a record")
    order: Literal["ascending", "descending"] | None = Field(
        default=None, description="order of the records by cursor_field, when documented")
    advice: str = Field(default="", description="what the documentation advises against gaps")


class WireProfile(_Model):
    """One wire protocol. The default (``rest``) describes plain path-routed REST."""

    title: str = ""
    path: str | None = Field(default=None, description="the gateway path after base_url")
    methods: tuple[str, ...] = Field(
        default=(), description="HTTP methods the gateway treats alike (TOP: GET and POST)")
    charset: str = Field(default="utf-8", description="body charset when none is declared")
    hosts: tuple[str, ...] = Field(
        default=(), description="other origins (scheme://host) where the same gateway answers "
                                "(its sandbox, its older or SDK-default hosts): calls recorded "
                                "there route to the platform as calls to base_url do")
    operation: OperationLocation | None = Field(
        default=None, description="where the operation name sits; none: routed by path")
    version: ParamLocation | None = None
    request: RequestSettings = Field(default_factory=RequestSettings)
    time: TimeSettings = Field(default_factory=TimeSettings)
    response: ResponseSettings = Field(default_factory=ResponseSettings)
    signing: SigningSettings | None = None
    push: PushSettings = Field(default_factory=PushSettings)
    polling: PollingSettings | None = Field(
        default=None, description="the incremental order API and its documented limits")
    batch: BatchSettings | None = Field(
        default=None, description="a path taking several calls in one request")

    @field_validator("methods")
    @classmethod
    def _upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for method in value:
            if not _METHOD.fullmatch(method):
                raise ValueError(f"{method!r} is not an HTTP method: one word per entry, e.g. "
                                 'methods = ["GET", "POST"]')
        return tuple(method.upper() for method in value)

    @field_validator("charset")
    @classmethod
    def _known_charset(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"{value!r} is no charset Python knows: write its IANA name, "
                             'e.g. "utf-8", "gbk", "gb18030"') from None
        return value

    @field_validator("hosts")
    @classmethod
    def _origins(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for origin in value:
            if not _ORIGIN.fullmatch(origin):
                raise ValueError(f"{origin!r} is not an origin: write scheme://host[:port] "
                                 "without a path, e.g. https://gw.api.tbsandbox.com")
        return tuple(origin.lower() for origin in value)

    @field_validator("path")
    @classmethod
    def _rooted(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("/"):
            raise ValueError("must start with /, e.g. /router/rest")
        return value

    @model_validator(mode="after")
    def _one_path_rule(self) -> WireProfile:
        if self.path is not None and self.operation is not None and self.operation.path:
            raise ValueError(f"`path` = {self.path!r} and `operation.path` = "
                             f"{self.operation.path!r} both say where calls go: keep `path` for "
                             "one gateway path, or `operation.path` for a path per operation")
        named = dict.fromkeys(self.request.common, "request.common")
        if self.operation is not None:
            named.update(dict.fromkeys(self.operation.parts, "operation"))
        if self.version is not None:
            named[self.version.name] = "version.name"
        if self.time.param:
            named[self.time.param] = "time.param"
        named.update(self._more_parameters())
        check_template_words(self.signing, named)
        check_template_words(self.push.signing, named)
        return self

    def _more_parameters(self) -> dict[str, str]:
        """Request parameters the profile names beyond the common ones, each with the key
        naming it: a business JSON string (``param_json``), the request id, the fixed
        parameters, the parameters choosing an answer's format or the signing algorithm."""
        request, response = self.request, self.response
        named = {name: f"request.defaults.{name}" for name in request.defaults}
        if request.business is not None and request.business.json_param:
            named[request.business.json_param] = "request.business.json_param"
        if request.request_id:
            named[request.request_id] = "request.request_id"
        if response.answer_format is not None:
            named[response.answer_format.param] = "response.answer_format.param"
        named.update((variant.param, "response.variants.param")
                     for variant in response.variants)
        for key, signing in (("signing", self.signing), ("push.signing", self.push.signing)):
            if signing is None:
                continue
            if signing.algorithm_param:
                named[signing.algorithm_param] = f"{key}.algorithm_param"
            if signing.body_param:
                named[signing.body_param] = f"{key}.body_param"
            named.update((name, f"{key}.include") for name in signing.include)
        return named

    @property
    def gateway(self) -> bool:
        """True when operations are named by a parameter rather than by the path."""
        return self.operation is not None

    def gateway_path(self, path: str) -> str | None:
        """``path`` as the gateway's own path when a call there is a gateway call, else None.
        A trailing slash names the same endpoint (``/router/rest/`` is ``/router/rest``): the
        documented path is returned, so the call is looked up and reported under it."""
        if self.operation is None:
            return None
        if self.path is None or path == self.path:
            return path
        return self.path if path.rstrip("/") == self.path.rstrip("/") else None

    @property
    def plain(self) -> bool:
        """True when bodies need no envelope handling (the payload is the whole body)."""
        response = self.response
        return not (response.payload or response.errors or response.success_when)

    def push_signing(self) -> SigningSettings | None:
        """The signing scheme of pushes, or None when pushes are not signed."""
        if not self.push.signed:
            return None
        return self.push.signing or self.signing


@cache
def builtin_table(name: str) -> dict[str, Any]:
    """The raw table of a built-in profile (``rest`` is the empty table)."""
    if name == "rest":
        return {}
    text = resources.files("seamguard.wire").joinpath("profiles", f"{name}.toml").read_text(
        encoding="utf-8")
    return tomllib.loads(text)


def merge_tables(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` merged onto ``base``: tables merge key by key, anything else replaces."""
    merged = dict(base)
    for key, value in override.items():
        current = merged.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            merged[key] = merge_tables(current, value)
        else:
            merged[key] = value
    return merged


def merge_profile(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """A wire ``override`` merged onto the profile table ``base``, as :func:`merge_tables`
    does, except that ``response.errors`` adds to the profile's error rules instead of
    replacing them: a user's rule for one operation's refusal (JD logistics' ``resultCode``
    other than 100) must not switch off the platform's ``error_response``. The user's rules
    come first, so they are checked first and keep the numbers they were written with."""
    merged = merge_tables(base, override)
    response, kept = override.get("response"), base.get("response", {}).get("errors")
    if isinstance(response, dict) and "errors" in response and isinstance(kept, list):
        added = response["errors"]
        merged["response"] = {**merged["response"], "errors": [
            *(added if isinstance(added, list) else [added]), *kept]}
    return merged


def resolve_profile(protocol: str, override: dict[str, Any] | None) -> WireProfile:
    """The profile ``protocol`` with ``override`` merged onto it.

    Raises:
        ValueError: the protocol is not built in (the message lists the known ones).
        pydantic.ValidationError: the merged table is not a valid profile.
    """
    if protocol not in BUILTIN_PROTOCOLS:
        close = nearest(protocol, BUILTIN_PROTOCOLS)
        hint = f"; did you mean {close!r}?" if close else ""
        raise ValueError(f"unknown protocol {protocol!r} (built in: "
                         f"{', '.join(BUILTIN_PROTOCOLS)}){hint}")
    table = merge_profile(builtin_table(protocol), override or {})
    return WireProfile.model_validate(table)
