"""A wire profile's ``[time]`` table: how the protocol writes times, and reading them back.

Part of :class:`seamguard.wire.profile.WireProfile`; the formats are strftime or an epoch name,
checked when the profile loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from pydantic import Field, field_validator

from seamguard.spelling import nearest
from seamguard.wire.profile_base import StrictModel as _Model

__all__ = ["TimeSettings"]


class TimeSettings(_Model):
    """How the protocol writes times (live requests, and what a naive time stamp means)."""

    param: str | None = Field(default=None, description="request parameter holding the time")
    format: str = Field(default="%Y-%m-%d %H:%M:%S",
                        description="strftime format, or epoch-seconds / epoch-millis")
    accepts: tuple[str, ...] = Field(
        default=(), description="further formats the gateway reads (a recorded call may use "
                                "any of them); the live client writes `format`")
    zone: str = Field(default="UTC", description="IANA zone of times written without offset")

    @field_validator("format")
    @classmethod
    def _a_format(cls, value: str) -> str:
        return _time_format(value)

    @field_validator("accepts")
    @classmethod
    def _formats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_time_format(form) for form in value)

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (expected e.g. Asia/Shanghai)") from None
        return value

    def reads(self, value: str) -> bool:
        """Is ``value`` a time written in this format or one of ``accepts``? Epoch formats
        take the digits of the present era (10 for seconds, 13 for milliseconds)."""
        return _reads(self.format, value) or any(_reads(form, value) for form in self.accepts)

    def reader(self) -> Callable[[str], bool]:
        """``reads`` in one call (asked for every recorded call): the epoch digit counts and
        one expression for the other formats, when every format has one."""
        forms = (self.format, *self.accepts)
        patterns = [_time_pattern(form) for form in forms if form not in _EPOCH_DIGITS]
        if any(pattern is None for pattern in patterns):
            return self.reads  # a format only strptime reads
        digits = frozenset(_EPOCH_DIGITS[form] for form in forms if form in _EPOCH_DIGITS)
        either = re.compile("|".join(f"(?:{p.pattern})" for p in patterns if p is not None)) \
            if patterns else None

        def reads(value: str) -> bool:
            if digits and len(value) in digits and value.isascii() and value.isdigit():
                return True
            return either is not None and either.fullmatch(value) is not None

        return reads

    @property
    def shown(self) -> str:
        """The formats as documentation writes them (``yyyy-MM-dd HH:mm:ss``,
        ``epoch-millis``), the one the live client writes first."""
        return " or ".join(_shown(form) for form in (self.format, *self.accepts))


def _time_format(form: str) -> str:
    """``form`` when it writes a time: an epoch name, or strftime with at least one code."""
    if form in _EPOCH_DIGITS or re.search(r"%[A-Za-z]", form):
        return form
    near = nearest(form, _EPOCH_DIGITS)
    raise ValueError(f"{form!r} writes no time: give a strftime format such as "
                     '"%Y-%m-%d %H:%M:%S", or epoch-seconds or epoch-millis'
                     + (f" (did you mean {near!r}?)" if near else ""))


def _reads(form: str, value: str) -> bool:
    if form in _EPOCH_DIGITS:
        return value.isascii() and value.isdigit() and len(value) == _EPOCH_DIGITS[form]
    pattern = _time_pattern(form)
    if pattern is not None:  # asked for every call: no strptime for the usual formats
        return pattern.fullmatch(value) is not None
    from datetime import datetime

    try:
        datetime.strptime(value, form)
    except ValueError:
        return False
    return True


def _shown(form: str) -> str:
    for code, text in (("%Y", "yyyy"), ("%m", "MM"), ("%d", "dd"), ("%H", "HH"),
                       ("%M", "mm"), ("%S", "ss"), ("%f", "SSSSSS"), ("%z", "Z")):
        form = form.replace(code, text)
    return form


_EPOCH_DIGITS = {"epoch-seconds": 10, "epoch-millis": 13}
_CODES = {"Y": r"[0-9]{4}", "m": r"(?:0[1-9]|1[0-2])", "d": r"(?:0[1-9]|[12][0-9]|3[01])",
          "H": r"(?:[01][0-9]|2[0-3])", "M": r"[0-5][0-9]", "S": r"(?:[0-5][0-9]|60)",
          "f": r"[0-9]{1,6}", "z": r"(?:Z|[+-][0-9]{2}:?[0-9]{2})", "%": "%"}


@cache
def _time_pattern(form: str) -> re.Pattern[str] | None:
    """A regular expression matching what ``strftime(form)`` writes (zero-padded fields);
    None when the format uses a code other than those above."""
    out, index = [], 0
    while index < len(form):
        char = form[index]
        if char != "%":
            out.append(re.escape(char))
            index += 1
            continue
        code = form[index + 1: index + 2]
        if code not in _CODES:
            return None
        out.append(_CODES[code])
        index += 2
    return re.compile("".join(out))
