"""One module to sign and to verify gateway requests and pushes, as a wire profile describes.

Two schemes cover the platforms seamguard ships:

* ``sorted-params`` (TOP, JD, Pinduoduo): every parameter but the signature (and the profile's
  ``exclude`` list, and empty values with ``skip_empty``), sorted by name and concatenated as
  ``name1value1name2value2…``. A plain digest wraps (or appends, or prepends) the secret; an
  HMAC keys on it. TOP's public example: app_key 12345678, secret ``helloworld`` … gives
  ``66987CB115214E59E6EC978214934FB8``.
  ``pair`` and ``separator`` write the parameters otherwise (Kuaishou: ``name=value`` joined by
  ``&``), ``secret_as`` the secret (``&signSecret={secret}``); ``hmac_adds_secret`` puts the
  secret into an HMAC's text as well (Douyin Shop, Kuaishou); ``digests`` gives an algorithm a
  digest form of its own; ``include`` signs only the parameters named, and ``body_param`` signs
  a request body as that parameter's value (Douyin Shop's ``param_json`` sent as the body).
* ``fields`` (SF Fengqiao): the named parameters' values concatenated in order, the secret
  appended, URL-encoded, digested: ``Base64(MD5(urlencode(msgData + timestamp + checkword)))``.

:func:`sign` makes a signature (the live client, the sync harness forging deliveries);
:func:`verify_signature` checks one and reports only digest prefixes, never the secret;
:func:`signing_of` picks a profile's request or push scheme. A third scheme, ``body``, digests
the raw body (pushes signed the way webhooks usually are). ``template`` writes the text
itself: parameters in braces, ``{body}`` and ``{secret}`` where the platform puts them
(Xiaohongshu's ``method?appId=…&timestamp=…&version=…`` + secret, Jiandaoyun's
``nonce:body:secret:timestamp``), ``{url}`` the request URL without its query (``{path}``
its path alone: JD Logistics signs it as ``method``) and ``{params}`` the sorted parameters
as ``sorted-params`` writes them (Meituan takeaway's ``{url}?{params}{secret}``, with
``pair = "{name}={value}"`` and ``separator = "&"``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

from seamguard.wire.asymmetric import PublicKeyError, rsa_verifies
from seamguard.wire.origins import canonical_url
from seamguard.wire.profile import WireProfile
from seamguard.wire.profile_signing import Algorithm, SigningSettings, UrlEncoding

__all__ = ["SignatureCheck", "SigningError", "algorithm_of", "path_of", "sign", "signing_of",
           "verify_signature", "without_query"]

_ASYMMETRIC = frozenset({"rsa-sha256"})
_PLAIN = {"md5": hashlib.md5, "sha1": hashlib.sha1, "sha256": hashlib.sha256}
_HMAC = {"hmac-md5": hashlib.md5, "hmac-sha1": hashlib.sha1, "hmac-sha256": hashlib.sha256}
PREFIX = 8  # characters of a digest shown in findings


class SigningError(ValueError):
    """The request names a signing algorithm the profile does not know (or one seamguard only
    verifies, asked to sign; or a public key that cannot be read)."""


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one signature.

    Attributes:
        valid: The recorded signature equals a computed one.
        expected: The first few characters of the computed signature.
        actual: The first few characters of the recorded one (None when there is none).
        algorithm: The algorithm used.
    """

    valid: bool
    expected: str
    actual: str | None
    algorithm: str


def algorithm_of(settings: SigningSettings, params: Mapping[str, str]) -> Algorithm:
    """The algorithm a request asks for (``sign_method``), else the profile's.

    Raises:
        SigningError: the request names an algorithm the profile does not map.
    """
    if settings.algorithm_param is None:
        return settings.algorithm
    named = params.get(settings.algorithm_param)
    if named is None or named == "":
        return settings.algorithm
    if named in settings.algorithms:
        return settings.algorithms[named]
    if settings.algorithms_ignore_case:
        for value, algorithm in settings.algorithms.items():
            if value.casefold() == named.casefold():
                return algorithm
    known = ", ".join(sorted(settings.algorithms)) or "none"
    raise SigningError(f"{settings.algorithm_param}={named!r} is not a signing method the "
                       f"profile knows (known: {known})")


_SECRET = "\x00secret\x00"  # where a template puts the secret, until it is digested


class _Filled(dict[str, str]):
    """A template's values: a name no parameter has is the request header of that name
    (WeChat Pay's ``{Wechatpay-Timestamp}``, names compared without regard to case); one the
    request lacks altogether is written empty."""

    def __init__(self, params: Mapping[str, str], headers: Mapping[str, str]) -> None:
        super().__init__(params)
        self._headers = headers

    def __missing__(self, key: str) -> str:
        return self._headers.get(key.lower(), "")


def _string(settings: SigningSettings, params: Mapping[str, str], body: str | None,
            url: str = "", headers: Mapping[str, str] | None = None) -> str:
    if settings.scheme == "template":
        assert settings.template is not None
        values = _Filled(params, {k.lower(): v for k, v in (headers or {}).items()})
        values.pop(settings.signature.name, None)
        values.update(body=body or "", secret=_SECRET, url=without_query(url),
                      path=path_of(url, settings.unsigned_path_prefix),
                      params=_sorted(settings, params))
        return settings.template.format_map(values)
    if settings.scheme == "body":
        return body or ""
    if settings.scheme == "fields":
        return "".join(params.get(name, "") for name in settings.fields)
    if settings.body_param is not None and body:
        others = _without_fields_of(params, body)
        if others is not None:  # a JSON body: signed as that parameter's value
            params = {**others, settings.body_param: body}
    joined = _sorted(settings, params)
    return joined + (body or "") if settings.scheme == "sorted-params-body" else joined


def _sorted(settings: SigningSettings, params: Mapping[str, str]) -> str:
    """The parameters sorted by name and written with ``pair`` and ``separator``: all but the
    signature, ``exclude`` and (with ``skip_empty``) empty ones; only ``include``, if given."""
    left_out = {settings.signature.name, *settings.exclude}
    kept = set(settings.include) or params.keys()
    pairs = sorted((name, value) for name, value in params.items()
                   if name in kept and name not in left_out
                   and not (settings.skip_empty and value == ""))
    return settings.separator.join(settings.pair.format(name=name, value=value)
                                   for name, value in pairs)


def without_query(url: str) -> str:
    """A request URL as a template's ``{url}`` writes it: scheme, host and path, without the
    query string or fragment (``https://h/api/v1/poi/getids?a=1`` →
    ``https://h/api/v1/poi/getids``); the scheme and host in lower case and a default port
    left out (``https://H:443/p`` is ``https://h/p``: the gateway rebuilds the URL from its
    Host header, which carries none), the path as the client called it."""
    return canonical_url(url.partition("#")[0].partition("?")[0])


def path_of(url: str, unsigned_prefix: str | None = None) -> str:
    """A request URL as a template's ``{path}`` writes it: the path alone, as called, without
    scheme, host, query or fragment (``https://api.jdl.com/ecap/v1/orders/create?sign=…`` →
    ``/ecap/v1/orders/create``; JD Logistics signs the path as its ``method``), and without
    ``unsigned_prefix`` where it starts with that (Lazada signs ``/orders/get`` of
    ``/rest/orders/get``)."""
    rest = url.partition("#")[0].partition("?")[0]
    start = rest.find("//")
    path = rest if start < 0 else rest[slash:] if (slash := rest.find("/", start + 2)) >= 0 \
        else "/"
    if unsigned_prefix and path.startswith(unsigned_prefix + "/"):
        return path[len(unsigned_prefix):]
    return path


def _without_fields_of(params: Mapping[str, str], body: str) -> dict[str, str] | None:
    """``params`` without the top-level fields of a JSON ``body`` (they are signed as the body);
    None when the body is no JSON document (a form is signed by its fields)."""
    if body.lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        return None
    try:
        fields = json.loads(body.lstrip("\ufeff"))
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return dict(params)
    return {name: value for name, value in params.items() if name not in fields}


def _encode(text: str, how: UrlEncoding) -> str:
    if how == "java":  # java.net.URLEncoder: keeps A-Z a-z 0-9 . - * _, space as +
        return quote_plus(text, safe="*").replace("~", "%7E")
    if how == "quote-plus":  # Python's urllib.parse.quote_plus
        return quote_plus(text)
    if how == "uri-component":  # JavaScript's encodeURIComponent
        return quote(text, safe="!~*'()")
    return text


def _digest(settings: SigningSettings, algorithm: Algorithm, data: str, secret: str,
            how: UrlEncoding) -> str:
    if algorithm in _HMAC:
        text = _with_secret(settings, data, secret) if settings.hmac_adds_secret or \
            settings.scheme == "template" else data
        raw = hmac.new(secret.encode("utf-8"), _encode(text, how).encode("utf-8"),
                       _HMAC[algorithm]).digest()
    else:
        text = _with_secret(settings, data, secret)
        raw = _PLAIN[algorithm](_encode(text, how).encode("utf-8")).digest()
    form = _form(settings, algorithm)
    if form == "base64":
        return base64.b64encode(raw).decode("ascii")
    text_digest = raw.hex()
    return text_digest.upper() if form == "hex-upper" else text_digest


def _with_secret(settings: SigningSettings, data: str, secret: str) -> str:
    if settings.scheme == "template":  # the template placed it
        return data.replace(_SECRET, secret)
    written = settings.secret_as.format(secret=secret)
    position = settings.secret_position
    return (written + data + written if position == "wrap" else
            data + written if position == "append" else written + data)


def _form(settings: SigningSettings, algorithm: Algorithm) -> str:
    """How the digest is written for ``algorithm``: ``digests``, else ``digest``."""
    return settings.digests.get(algorithm, settings.digest)


def sign(settings: SigningSettings, params: Mapping[str, str], secret: str, *,
         body: str | None = None, url: str = "",
         headers: Mapping[str, str] | None = None) -> str:
    """The signature of a request's (or push's) parameters.

    Args:
        settings: The profile's ``[signing]`` (or ``[push.signing]``) table; see
            :func:`signing_of` to get it from a profile.
        params: Every parameter as sent (query and form together); a signature already among
            them is ignored.
        secret: The app secret / client secret / checkword.
        body: The raw body, for ``scheme = "body"`` and ``"sorted-params-body"``.
        url: The request URL, for a template's ``{url}`` (its query string is left out).
        headers: The request headers, for template names no parameter has.

    Raises:
        SigningError: the parameters name an algorithm the profile does not map, or one
            signed with the platform's private key (``rsa-sha256``: only verified).
    """
    algorithm = algorithm_of(settings, params)
    if algorithm in _ASYMMETRIC:
        raise SigningError(f"an {algorithm} signature is made with the platform's private key: "
                           "seamguard verifies it with the public key and cannot make one")
    return _digest(settings, algorithm, _string(settings, params, body, url, headers), secret,
                   settings.url_encode[0])


def signing_of(profile: WireProfile, *, push: bool = False) -> SigningSettings:
    """The signing scheme of a profile's requests (or pushes).

    Raises:
        SigningError: the profile signs none.
    """
    found = profile.push_signing() if push else profile.signing
    if found is None:
        raise SigningError(f"the {profile.title or 'wire'} profile signs no "
                           f"{'pushes' if push else 'requests'}")
    return found


def verify_signature(settings: SigningSettings, params: Mapping[str, str], secret: str,
                     signature: str | None, *, body: str | None = None,
                     url: str = "", headers: Mapping[str, str] | None = None) -> SignatureCheck:
    """Check a recorded signature against the parameters it was sent with.

    Every encoding in ``url_encode`` is tried (SDKs disagree on how ``*`` and ``~`` are
    encoded); hex digests compare without regard to case. An ``rsa-sha256`` signature (Base64)
    is verified with ``secret`` read as the platform's PEM public key or certificate; its
    check has no computed prefix (``expected`` is empty).

    Raises:
        SigningError: the parameters name an algorithm the profile does not map.
    """
    algorithm = algorithm_of(settings, params)
    data = _string(settings, params, body, url, headers)
    wanted = (signature or "").strip()
    if algorithm in _ASYMMETRIC:
        try:
            valid = signature is not None and any(
                rsa_verifies(secret, _encode(data, how).encode("utf-8"), wanted)
                for how in settings.url_encode)
        except PublicKeyError as problem:
            raise SigningError(str(problem)) from None
        return SignatureCheck(valid=valid, expected="", algorithm=algorithm,
                              actual=None if signature is None else wanted[:PREFIX])
    computed = [_digest(settings, algorithm, data, secret, how) for how in settings.url_encode]
    hexadecimal = _form(settings, algorithm) != "base64"
    valid = signature is not None and wanted.isascii() and any(
        hmac.compare_digest(c.upper(), wanted.upper()) if hexadecimal
        else hmac.compare_digest(c, wanted) for c in computed)
    return SignatureCheck(valid=valid, expected=computed[0][:PREFIX],
                          actual=None if signature is None else wanted[:PREFIX],
                          algorithm=algorithm)
