"""The ``[signing]`` table of a wire profile: how requests (and pushes) are signed.
``seamguard.wire.signing`` signs and verifies by it; docs/gateway-platforms.md lists the keys."""

from __future__ import annotations

from string import Formatter
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from seamguard.wire.profile_base import ParamLocation, StrictModel

__all__ = ["TEMPLATE_WORDS", "Algorithm", "Digest", "SigningSettings", "UrlEncoding",
           "check_template_words", "template_names"]

Algorithm = Literal["md5", "sha1", "sha256", "hmac-md5", "hmac-sha1", "hmac-sha256",
                    "rsa-sha256"]
UrlEncoding = Literal["none", "java", "quote-plus", "uri-component"]
Digest = Literal["hex-upper", "hex-lower", "base64"]


def _template(key: str, text: str, names: set[str], example: str) -> None:
    """A template of ``names`` in braces (``{{`` for a brace), each one used."""
    try:
        used = {field for _, field, _, _ in Formatter().parse(text) if field is not None}
    except ValueError as error:
        raise ValueError(f"`{key}` = {text!r} is no template ({error}); e.g. {example}") from None
    if used != names:
        wanted = ", ".join("{" + n + "}" for n in sorted(names))
        raise ValueError(f"`{key}` = {text!r} must name {wanted} and nothing else; "
                         f"e.g. {example}")


def _names_only(template: str) -> None:
    """A signing template names parameters, ``{body}`` and ``{secret}`` in plain braces: no
    index, attribute, conversion or format (``{a.b}``, ``{0}``, ``{a!r}``, ``{a:>8}``)."""
    example = "e.g. \"{nonce}:{body}:{secret}:{timestamp}\""
    try:
        parts = list(Formatter().parse(template))
    except ValueError as error:
        raise ValueError(f"`template` = {template!r} is no template ({error}); "
                         f"{example}") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name or name.isdigit() or any(c in name for c in ".[]") or spec or conversion:
            written = name + (f"!{conversion}" if conversion else "") + (
                f":{spec}" if spec else "")
            raise ValueError(f"`template` = {template!r}: {{{written}}} is not a parameter's "
                             f"name in braces; {example}")


# What a template fills itself rather than from a parameter of that name.
TEMPLATE_WORDS = frozenset({"body", "params", "path", "secret", "url"})


def template_names(template: str) -> set[str]:
    """The names a (valid) template writes in braces."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def _unambiguous(settings: SigningSettings) -> None:
    """A template that says one thing: it does not write the signature it makes, and a
    parameter ``{params}`` already writes is not written again by name."""
    template = settings.template
    assert template is not None
    names = template_names(template)
    own = settings.signature.name
    if own in names and own not in TEMPLATE_WORDS:
        raise ValueError(f"`template` = {template!r} writes {{{own}}}, the signature itself, "
                         "which is never part of what is signed: drop it")
    if "params" not in names:
        return
    twice = sorted(name for name in names - TEMPLATE_WORDS
                   if name not in settings.exclude
                   and (not settings.include or name in settings.include))
    if twice:
        shown = ", ".join("{" + name + "}" for name in twice)
        raise ValueError(f"`template` = {template!r} writes {{params}} (every parameter, "
                         f"sorted) and {shown} besides, so {', '.join(twice)} would be signed "
                         f"twice: add {'them' if len(twice) > 1 else 'it'} to `exclude` where "
                         f"the platform writes {'them' if len(twice) > 1 else 'it'} apart, or "
                         f"drop {shown} from the template")


def check_template_words(signing: SigningSettings | None, parameters: dict[str, str]) -> None:
    """Refuse a template that writes ``{url}``, ``{params}``, ``{body}`` or ``{secret}`` when
    the profile also names a parameter so (``parameters``: name → the setting naming it): the
    braces could mean either."""
    if signing is None or signing.template is None:
        return
    for name in sorted(template_names(signing.template) & TEMPLATE_WORDS & parameters.keys()):
        raise ValueError(
            f"`signing.template` = {signing.template!r} writes {{{name}}}, which is the "
            f"template's own {name} and also the parameter {name!r} ({parameters[name]}): "
            "ambiguous. A parameter of that name is signed only through {params}; write "
            "{params} (with `pair` and `separator`) instead of naming it")


class SigningSettings(StrictModel):
    """How requests (and, if ``push.signed``, pushes) are signed; see ``wire.signing``."""

    signature: ParamLocation = Field(description="where the signature is sent")
    scheme: Literal["sorted-params", "sorted-params-body", "fields", "body", "template"] = Field(
        default="sorted-params", description="sorted-params: the sorted name+value string; "
        "sorted-params-body: that string with the raw body appended (TOP's batch calls); "
        "fields: named parameters in order; body: the raw body (pushes signed like webhooks); "
        "template: the text `template` writes")
    template: str | None = Field(
        default=None, description="scheme = \"template\": the signed text, parameters named "
        "in braces (a name no parameter has: the request header so named, WeChat Pay's "
        "{Wechatpay-Nonce}), {body} for the raw body, {secret} for the secret, {url} for the "
        "request URL without its query, {path} for its path alone and {params} for the "
        "sorted parameters written with `pair` and `separator` (Xiaohongshu: "
        "\"{method}?appId={appId}&timestamp={timestamp}&version={version}{secret}\"; Meituan "
        "takeaway: \"{url}?{params}{secret}\"); the secret is placed only where the template "
        "puts it")
    unsigned_path_prefix: str | None = Field(
        default=None, pattern=r"^/.*[^/]$", description="a leading part of the request path "
        "that {path} leaves out (Lazada signs /orders/get of /rest/orders/get: \"/rest\")")
    algorithm: Algorithm = "md5"
    algorithm_param: str | None = Field(
        default=None, description="request parameter naming the algorithm (TOP's sign_method)")
    algorithms: dict[str, Algorithm] = Field(
        default_factory=dict, description="values of algorithm_param → algorithm")
    algorithms_ignore_case: bool = Field(
        default=False, description="match algorithm_param's value to `algorithms` whatever its "
                                   "letter case (JD's SDK: HmacSHA256 = hmacsha256)")
    secret_position: Literal["wrap", "append", "prepend"] = Field(
        default="wrap", description="where the secret goes for plain digests (HMAC keys on it)")
    secret_as: str = Field(
        default="{secret}", description="how the secret is written where secret_position puts "
                                        "it (Kuaishou: \"&signSecret={secret}\")")
    hmac_adds_secret: bool = Field(
        default=False, description="HMAC algorithms also put the secret into the signed text as "
                                   "plain digests do, besides keying on it (Douyin Shop wraps "
                                   "it, Kuaishou appends it)")
    pair: str = Field(default="{name}{value}", description="how each parameter is written in "
                      "sorted-params (Kuaishou: \"{name}={value}\")")
    separator: str = Field(default="", description="between the written parameters "
                           "(sorted-params; Kuaishou: \"&\")")
    exclude: tuple[str, ...] = Field(default=(), description="parameters not signed "
                                     "(sorted-params); the signature itself is always excluded")
    include: tuple[str, ...] = Field(default=(), description="sorted-params signs only these "
                                     "parameters, when given (Douyin Shop: app_key, method, "
                                     "param_json, timestamp, v)")
    body_param: str | None = Field(
        default=None, description="a request body is signed as the value of this parameter "
        "(Douyin Shop's param_json sent as the JSON body); a JSON body's top-level fields are "
        "then not signed on their own")
    skip_empty: bool = Field(default=True, description="leave out parameters with empty values")
    unsigned_with: tuple[str, ...] = Field(
        default=(), description="request parameters that authorise a call instead of a "
                                "signature (SF's OAuth2 accessToken): a call carrying one with a "
                                "value needs no signature")
    fields: tuple[str, ...] = Field(default=(), description="parameters concatenated in this "
                                    "order (scheme = fields)")
    url_encode: tuple[UrlEncoding, ...] = Field(
        default=("none",), min_length=1,
        description="encode the string before digesting; the first is used to sign, any is "
                    "accepted when verifying")
    digest: Digest = "hex-upper"
    digests: dict[Algorithm, Digest] = Field(
        default_factory=dict, description="the digest's form per algorithm, where it differs "
                                          "from `digest` (Kuaishou: HMAC-SHA256 as base64)")

    @field_validator("url_encode", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _fields_given(self) -> SigningSettings:
        if self.scheme == "fields" and not self.fields:
            raise ValueError("scheme = \"fields\" needs `fields` (the parameters to concatenate)")
        if (self.scheme == "template") != (self.template is not None):
            raise ValueError("scheme = \"template\" and `template` go together; e.g. "
                             "template = \"{method}?appId={appId}{secret}\"")
        if self.unsigned_path_prefix is not None and (
                self.template is None or "path" not in template_names(self.template)):
            raise ValueError("`unsigned_path_prefix` shortens what {path} writes, but the "
                             "signing writes no {path}: use it with scheme = \"template\" and "
                             "a template naming {path}, e.g. \"{path}{params}\"")
        if self.template is not None:
            _names_only(self.template)
            _unambiguous(self)
            keyed = self.algorithm.startswith(("hmac-", "rsa-")) and not self.algorithm_param
            if "secret" not in template_names(self.template) and not keyed:
                raise ValueError(f"`template` = {self.template!r} never writes the secret, so "
                                 "anyone could sign: put {secret} where the platform does, "
                                 "e.g. \"{method}?appId={appId}{secret}\" (or use an HMAC "
                                 "algorithm, keyed on it)")
        _template("pair", self.pair, {"name", "value"}, "\"{name}={value}\"")
        _template("secret_as", self.secret_as, {"secret"}, "\"&key={secret}\"")
        return self
