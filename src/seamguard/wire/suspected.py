"""Answers that look like an in-band error a platform's profile does not declare.

A REST platform declared without an in-band error rule may still answer HTTP 200 with an error
inside (``{"errcode": 40001, "errmsg": "invalid credential"}``, ``{"error": {...}}``,
``{"success": false, ...}``). Read as a payload, such a body is shape drift (every required
field missing, the error's keys undeclared), which hides what happened. The envelopes here are
the error rules of the built-in wire profiles plus the envelopes common on REST platforms,
written as data like every other wire rule; a body one of them opens as an error *and* that
breaks its contract is said to be an undeclared in-band error, with the rule to declare.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from seamguard.wire.envelope import Envelope, InBandError
from seamguard.wire.profile import (
    BUILTIN_PROTOCOLS,
    EnvelopeSettings,
    ErrorRule,
    resolve_profile,
)

__all__ = ["Suspected", "declare_hint", "suspected_error"]


def _rule(when: list[dict[str, Any]], code: str | None, message: str | None) -> ErrorRule:
    return ErrorRule.model_validate({"when": when, "code": code, "message": message})


def _not_ok(pointer: str) -> list[dict[str, Any]]:
    """The value at ``pointer`` is there and is none of the usual success codes."""
    return [{"pointer": pointer, "not_equals": ok} for ok in (0, "0", 200, "200", "OK", "ok",
                                                              "success", "SUCCESS")]


#: Envelopes common on REST platforms that no built-in protocol names (OAuth-style ``error``,
#: ``success: false``, ``code`` + ``msg``, ``error_code`` + ``error_msg``, ``status: error``,
#: an ``errors`` list), tried after the built-in profiles' rules.
_GENERIC = (
    _rule([{"pointer": "/error/code", "present": True}], "/error/code", "/error/message"),
    _rule([{"pointer": "/error/message", "present": True}], "/error/type", "/error/message"),
    _rule([{"pointer": "/error_description", "present": True}], "/error",
          "/error_description"),
    _rule([{"pointer": "/error", "present": True}, {"pointer": "/error", "not_equals": None}],
          "/error", "/message"),
    _rule([{"pointer": "/success", "equals": False}, {"pointer": "/msg", "present": True}],
          "/code", "/msg"),
    _rule([{"pointer": "/success", "equals": False}], "/code", "/message"),
    _rule([*_not_ok("/error_code"), {"pointer": "/error_msg", "present": True}], "/error_code",
          "/error_msg"),
    _rule([*_not_ok("/code"), {"pointer": "/msg", "present": True}], "/code", "/msg"),
    _rule([*_not_ok("/code"), {"pointer": "/message", "present": True}], "/code", "/message"),
    _rule([{"pointer": "/status", "equals": "error"}], "/code", "/message"),
    _rule([{"pointer": "/status", "equals": "fail"}], "/code", "/message"),
    _rule([{"pointer": "/errors/0/message", "present": True}], "/errors/0/code",
          "/errors/0/message"),
)


@dataclass(frozen=True)
class Suspected:
    """A body that reads as an in-band error: the error, and the protocol that declares such
    errors (None when no built-in one does: a ``wire.response.errors`` rule is the way)."""

    error: InBandError
    protocol: str | None
    when: str = ""  # the TOML condition that holds for this body: `pointer = "/success", ...`


@cache
def _envelopes() -> tuple[tuple[str | None, Envelope], ...]:
    found: list[tuple[str | None, Envelope]] = []
    for name in BUILTIN_PROTOCOLS:
        rules = resolve_profile(name, None).response.errors
        if rules:
            found.append((name, Envelope(EnvelopeSettings(errors=rules))))
    found.append((None, Envelope(EnvelopeSettings(errors=_GENERIC))))
    return tuple(found)


def suspected_error(body: Any) -> Suspected | None:
    """The in-band error ``body`` looks like, or None (only a JSON object can be one)."""
    if not isinstance(body, dict) or not body:
        return None
    for protocol, envelope in _envelopes():
        opened = envelope.open(body)
        if opened.kind == "error" and opened.error is not None:
            return Suspected(opened.error, protocol, _condition(body, opened.error.at))
    return None


def _condition(body: dict[str, Any], at: str | None) -> str:
    """A condition that holds at ``at`` in ``body``, written as a ``when`` table's keys."""
    pointer = at or "/error"
    value: Any = body
    for step in pointer.split("/")[1:]:
        key = step.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            value = None
            break
    if value is False:
        return f'pointer = "{pointer}", equals = false'
    if isinstance(value, str) and value.lower() in ("error", "fail", "failure"):
        return f'pointer = "{pointer}", equals = "{value}"'
    if isinstance(value, int | str) and not isinstance(value, bool) and pointer in (
            "/code", "/errcode", "/error_code"):
        zero = "0" if isinstance(value, int) else '"0"'
        return f'pointer = "{pointer}", not_equals = {zero}'
    return f'pointer = "{pointer}", present = true'



def declare_hint(platform: str, suspect: Suspected) -> str:
    """How to declare the rule that would have read ``suspect`` as the error it is."""
    table = f"[tool.seamguard.platforms.{platform}]"
    if suspect.protocol is not None:
        rule = (f"if {platform} reports errors inside a 200, say so: `protocol = "
                f"\"{suspect.protocol}\"` under {table} (the built-in profile whose error "
                "rule this answer matches)")
    else:
        rule = (f"if {platform} reports errors inside a 200, declare the rule: "
                f"[[tool.seamguard.platforms.{platform}.wire.response.errors]] with "
                f"`when = {{ {suspect.when} }}` and the pointers of its "
                "`code` and `message` (docs/gateway-platforms.md)")
    return (f"{rule}; either way the answer is an error: check the request's credentials and "
            "parameters in the named recording")
