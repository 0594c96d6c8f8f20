"""Hints of ``verify``'s findings: what is likely wrong, and what to do about it."""

from __future__ import annotations

import re

from seamguard.contracts.validation import Violation

__all__ = ["CODE_HINTS", "violation_hint"]

CODE_HINTS = {
    "field.missing": "the platform stopped sending this field, or the contract marks it "
                     "required wrongly",
    "field.wrong-type": "the platform changed the field's type, or the contract is wrong",
    "field.out-of-range": "the value lies outside the bounds the contract sets (minimum, "
                          "maximum, length, item count, multipleOf): fix the service, or the "
                          "contract's bound if the platform really sends such values",
    "field.invalid": "the value breaks the rule of its schema the message names: fix the "
                     "service, or the contract if the platform is right",
    "field.unknown-enum": "a new value appeared upstream: add it to the contract and to every "
                          "mapping that reads this field",
    "field.undeclared": "declare the field in the contract if the integration should rely on it",
    "field.forbidden": "the contract sets additionalProperties: false here",
    "body.duplicate-key": "the sender writes one key twice in an object and readers disagree "
                          "on which value counts (it was checked with the last): write each "
                          "key once",
    "body.embedded-not-json": "the contract declares contentMediaType: application/json for "
                              "this string; the sender put something else in it",
    "content-type.undeclared": "the platform answered in a media type the contract does not "
                               "list for this status (an error page, a proxy's answer?): "
                               "declare it in the contract's `content`, or record again",
    "body.undecodable": "the recorded body is not text in the charset its Content-Type names: "
                        "record it again, or fix the charset in the recording's headers",
    "body.charset-undeclared": "the platform sends a non-UTF-8 body without saying so: "
                               "decode it by the charset named here (GBK: as GB18030), or "
                               "ask the platform to send UTF-8 or name charset= in its "
                               "Content-Type",
    "body.byte-order-mark": "the sender writes its JSON with a byte-order mark (a UTF-8 "
                            "with-BOM writer: .NET's Encoding.UTF8, a Windows editor): write "
                            "UTF-8 without the mark, or have the reader skip it (Python: "
                            "decode with utf-8-sig)",
    "body.empty": "the platform sent no body where the contract declares one: fix the "
                  "service, or mark the body optional in the contract",
    "body.not-json": "the body does not parse as the JSON its Content-Type promises (the "
                     "message says why): record it again, or fix the Content-Type if the "
                     "platform answers another format",
    "header.missing": "the platform stopped sending this header, or the contract marks it "
                      "required wrongly",
    "header.invalid": "the header's value does not match its schema in the contract: fix the "
                      "service, or the contract if the service is right",
    "body.embedded-not-xml": "the contract declares contentMediaType: application/xml for "
                             "this string; the sender put something else in it, or cut it off",
    "body.embedded-unsafe-xml": "the XML inside this string declares a DTD or entities (entity "
                                "expansion, XXE); no platform needs one: treat the sender as "
                                "hostile or broken",
}


# An RFC 3339 time or date-time without its UTC offset (`19:30:00`, `2026-03-01T08:00:00`).
_NO_OFFSET = re.compile(r"^(\d{4}-\d{2}-\d{2}[Tt ])?\d{2}:\d{2}:\d{2}(\.\d+)?$")


def violation_hint(violation: Violation) -> str | None:
    """The hint of a contract violation found in a recorded body."""
    if violation.code != "field.wrong-format":
        return CODE_HINTS.get(violation.code)
    actual = violation.actual
    if (violation.expected in ("time", "date-time") and isinstance(actual, str)
            and _NO_OFFSET.match(actual)):
        return (f"RFC 3339 {violation.expected} values carry a UTC offset ('Z' or '+08:00'); "
                "this one has none, as frameworks that serialise naive times write them "
                "(pydantic, FastAPI): fix the service, or accept it in the baseline if your "
                "integration reads such times")
    return ("the platform sends this field in another format than the contract says: fix the "
            "service, or the contract's `format`/`pattern` if the contract is wrong")
