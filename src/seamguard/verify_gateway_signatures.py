"""Verdicts on recorded gateway signatures: the finding for a wrong one, a refusal folded into
the signature finding it follows from, and a UTF-8 body under another declared charset told by
its signature. ``verify_gateway`` asks this module; it owns no state.
"""

from __future__ import annotations

import codecs
import dataclasses
from collections.abc import Callable, Iterator, Mapping

from seamguard.findings import Finding, Severity
from seamguard.wire.envelope import InBandError
from seamguard.wire.pointers import escape
from seamguard.wire.profile import ParamLocation, SigningSettings
from seamguard.wire.requests import BodyProblem, Params, charset_of
from seamguard.wire.signing import SigningError, verify_signature

__all__ = ["REPLY_PREFIX", "REQUEST_PREFIX", "fold_refusal", "place_pointer", "signature_pointer",
           "utf8_declared_otherwise", "verdict"]

REQUEST_PREFIX = "request:"
# A push's (webhook's) own body is at bare pointers, like an answer; the integration's reply to
# it is the HTTP response, so its pointers start with this.
REPLY_PREFIX = "response:"
_ERROR = Severity.ERROR

# (code, severity, message, *, expected, actual, hint, pointer) -> Finding, bound to a place
MakeFinding = Callable[..., Finding]


def verdict(signing: SigningSettings, values: Mapping[str, str], secret: str, signature: str,
             what: str, make: MakeFinding, body: str | None, url: str = "",
             headers: Mapping[str, str] | None = None) -> Iterator[Finding]:
    pointer = signature_pointer(signing)
    try:
        check = verify_signature(signing, values, secret, signature, body=body, url=url,
                                 headers=headers)
    except SigningError as problem:  # the request names an algorithm the profile does not know
        if signing.algorithm_param:
            pointer = f"{REQUEST_PREFIX}/{signing.algorithm_param}"
        yield make("signature.invalid", _ERROR, f"the {what}'s signature cannot be checked: "
                   f"{problem}", pointer=pointer, actual=values.get(signing.algorithm_param or ""),
                   expected=sorted(signing.algorithms) or None)
        return
    if not check.valid and not check.expected:  # a public-key signature: nothing to show
        yield make(
            "signature.invalid", _ERROR,
            f"the {what}'s signature does not verify with the platform's public key "
            f"({check.algorithm}); recorded {check.actual}…", expected=None,
            actual=f"{check.actual}…", pointer=pointer,
            hint="the body, a signed header or parameter changed after signing, or the "
                 "signature was made with another key (the platform's key pair is renewed: "
                 "check the serial the call names against the public key you set)")
    elif not check.valid:
        yield make(
            "signature.invalid", _ERROR,
            f"the {what}'s signature is wrong: computed {check.expected}… ({check.algorithm}), "
            f"recorded {check.actual}…",
            expected=f"{check.expected}…", actual=f"{check.actual}…", pointer=pointer,
            hint="the client signs other parameters (or in another order or encoding), uses "
                 "another secret or algorithm, or changed a parameter after signing")


_SIGNATURE_REFUSED = frozenset({"signature.invalid", "signature.missing"})


def fold_refusal(findings: list[Finding]) -> list[Finding]:
    """One report for a call whose signature is wrong (or missing) and which the platform
    answered with an in-band error: the platform checks the signature first, so its refusal
    (TOP's code 25 "Invalid signature", SF's A1006, ...) is the consequence of the bad signature,
    not a second defect. The signature finding stays and names the refusal; the in-band error
    is not reported on its own. A missing signature the contract also requires (Alipay's
    ``sign`` listed among a notice's fields) is one finding too: ``signature.missing``, not
    ``field.missing`` again at the same place."""
    missing = {f.location.pointer for f in findings if f.code == "signature.missing"}
    if missing:
        findings = [f for f in findings
                    if not (f.code == "field.missing" and f.location.pointer in missing)]
    at = next((i for i, f in enumerate(findings)
               if f.code in _SIGNATURE_REFUSED and f.severity is _ERROR), None)
    refusals = [f for f in findings if f.code == "response.in-band-error"]
    if at is None or not refusals:
        return findings
    said = "; ".join(_refusal_text(f) for f in refusals)
    signature = findings[at]
    folded = dataclasses.replace(
        signature, message=f"{signature.message}; the platform refused the call: {said}",
        # (the refusals' own words, read from the answers: shown as their findings showed them)
        quoted=(*signature.quoted, *(f.actual for f in refusals)))
    dropped = {id(f) for f in refusals}
    return [folded if i == at else f for i, f in enumerate(findings) if id(f) not in dropped]


def _refusal_text(finding: Finding) -> str:
    """``code 25: Invalid signature (at /error_response)`` from an in-band error finding."""
    error = finding.actual
    text = InBandError(**error).describe() if isinstance(error, dict) else finding.message
    pointer = finding.location.pointer
    return f"{text} (at {pointer})" if pointer else text


def utf8_declared_otherwise(params: Params, signing: SigningSettings, secret: str,
                             signature: str | None, what: str,
                             make: MakeFinding) -> Finding | None:
    """``body.undecodable`` for a body sent in UTF-8 under another declared charset (a UTF-8
    form labelled ``charset=GBK``): read as declared its text is garbled, so the signature
    fails, but read as UTF-8 the signature holds. None when that is not what happened."""
    try:
        declared = charset_of(params.content_type, params.charset)
    except BodyProblem:
        return None
    if not params.body or codecs.lookup(declared).name == "utf-8":
        return None
    declared = next((p.split("=", 1)[1].strip().strip('"') for p in
                     (params.content_type or "").split(";")
                     if p.strip().lower().startswith("charset=")), declared)
    headers = {**params.headers, "content-type": _charset_named(params.content_type, "utf-8")}
    utf8 = Params(params.uri, headers, params.body, "utf-8")
    try:
        values = utf8.merged()
    except BodyProblem:
        return None
    body = params.body if isinstance(params.body, str) else \
        params.body.decode("utf-8", "replace")
    try:
        if not verify_signature(signing, values, secret, signature, body=body,
                                url=params.uri, headers=params.headers).valid:
            return None
    except SigningError:
        return None
    return make("body.undecodable", _ERROR,
                f"the {what} declares charset {declared}, but its text is UTF-8: read as "
                f"{declared} it is garbled (its signature holds only over the UTF-8 reading)",
                expected=declared, actual="utf-8",
                hint="the client encodes in UTF-8 but labels the body otherwise; declare "
                     "charset=UTF-8 (or encode as declared)")


def _charset_named(content_type: str | None, charset: str) -> str:
    """``content_type`` with its ``charset`` parameter replaced by ``charset``."""
    parts = [p for p in (content_type or "").split(";")
             if not p.strip().lower().startswith("charset=")]
    return ";".join([*parts, f"charset={charset}"])


def place_pointer(location: ParamLocation, params: Params | None) -> str:
    """Where a push carries a value (its topic, its signature): the first place of
    ``location`` that holds it (the first place, when none does). A push's own body is at bare
    pointers, like an answer; its headers and query string are the request's
    (``request:/header/<Name>``, ``request:/query/<name>``)."""
    place = location.places[0]
    if params is not None:
        for candidate in location.places:
            try:
                if params.get(location.model_copy(update={"places": (candidate,)})) \
                        is not None:
                    place = candidate
                    break
            except BodyProblem:
                break
    if place == "header":
        return f"{REQUEST_PREFIX}/header/{escape(location.name)}"
    if place == "query":
        return f"{REQUEST_PREFIX}/query/{escape(location.name)}"
    return f"/{escape(location.name)}"


def signature_pointer(signing: SigningSettings) -> str:
    """Where the signature travels (or should have), as a finding's pointer: a request header
    is ``request:/header/<Name>``, as every request header's finding is."""
    if signing.signature.places == ("header",):
        return f"{REQUEST_PREFIX}/header/{escape(signing.signature.name)}"
    return f"{REQUEST_PREFIX}/{signing.signature.name}"
