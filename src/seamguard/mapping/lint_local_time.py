"""Times a contract documents as local wall-clock text without an offset.

Chinese carriers and open platforms take and give times as the clock in China shows them, with
no offset: SF Express' ``sendStartTm`` is "yyyy-MM-dd HH:mm:ss", Taobao TOP's ``timestamp`` is
that format in GMT+8 (北京时间). A contract says so in a field's pattern, its examples or its
description. Mapping lint asks two questions of such fields:

- writing: does the rule give the target field a UTC ``…Z`` text, an offset, or UTC's wall clock
  (``datetime_utc`` and then a regex that drops the ``Z``)? Every value then lands eight hours
  early; ``datetime_local`` with the target's zone writes it right;
- reading: the source side is ``lint_values.naive_time_problem``; this module tells it what a
  description says (a format without offset, China time).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from seamguard.mapping.lint_values import ValueProblem, is_naive_time, naive_time_problem
from seamguard.mapping.shapes import Shape

__all__ = ["local_time_problem", "says_china_time", "says_naive_time", "time_problems"]

Steps = Sequence[tuple[str, dict[str, Any]]]

# China time said in words: 北京时间, 东八区, GMT+8, UTC+08:00, China Standard Time, Asia/Shanghai.
_CHINA_TIME = re.compile(
    r"北京时间|东\s*[8八]\s*区|中国(?:标准)?时间|China\s+(?:Standard\s+|local\s+)?Time|Beijing\s+Time|"
    r"(?<![A-Za-z])(?:GMT|UTC)\s*\+\s*0?8(?::?00)?(?![\d:])|Asia/(?:Shanghai|Chongqing|Harbin)|"
    r"(?<![A-Za-z])PRC(?![A-Za-z])", re.IGNORECASE)
# A date-time format or example with no offset after it: yyyy-MM-dd HH:mm:ss, yyyyMMddHHmmss,
# YYYY-MM-DD HH:MM:SS, YYYY-MM-DD HH24:MI:SS (Oracle's letters), 2024-07-10 10:15:00.
# The match is atomic, so a shorter reading cannot slip past the offset that follows.
_NAIVE_TEXT = re.compile(
    r"(?>y{4}[-/]?MM[-/]?dd(?:\s*|'T')HH(?:24)?:?(?:mm|mi)(?::?ss)?(?:\.S+)?"
    r"|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)"
    r"(?!\s*(?:'?Z|X|x|[+-]\d|\[))", re.IGNORECASE)
_JAVA_NAIVE = re.compile(r"yyyy[-/]?MM[-/]?dd(?: |'T')?HH:?mm(?::?ss)?(?:\.S+)?")
_UTC_NAMES = frozenset({"UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ZULU", "UCT", "UNIVERSAL"})
_TIME_STEPS = frozenset({"datetime_utc", "datetime_local"})
# Steps that leave an offset where it is.
_KEEPING = frozenset({"trim", "strip_chars", "default", "coalesce", "lower", "upper"})
_DEFAULT_FORMAT = "yyyy-MM-dd HH:mm:ss"


def says_china_time(description: str | None) -> bool:
    """Whether a field's description says its times are China time (北京时间, GMT+8, ...)."""
    return bool(description and _CHINA_TIME.search(description))


def says_naive_time(description: str | None) -> bool:
    """Whether a field's description gives its format, or an example, without an offset."""
    return bool(description and _NAIVE_TEXT.search(description))


def _local_field(shape: Shape | None, description: str | None) -> bool:
    """Whether the field holds a date-time as text without an offset."""
    if shape is None or shape.format in ("date-time", "date") or (
            shape.types and "string" not in shape.types):
        return False
    return is_naive_time(shape) or (not shape.pattern and says_naive_time(description))


def _offset_source(source: Shape | None) -> bool:
    return source is not None and source.format == "date-time"


def local_time_problem(steps: Steps, source: Shape | None, target: Shape | None, field: str,
                       described: str | None, *, china_target: bool) -> ValueProblem | None:
    """A UTC or offset-carrying time written into a field that takes local time without offset.

    ``described`` is the target field's description; ``china_target``: the target platform is
    known to take China time (its gateway protocol). An offset is wrong in any zone; UTC's
    clock with the offset cut off is a warning when nothing says the zone is China's.
    """
    if not _local_field(target, described):
        return None
    china = china_target or says_china_time(described)
    wanted = _JAVA_NAIVE.search(described or "")
    pattern = wanted.group() if wanted else _DEFAULT_FORMAT
    zone = "Asia/Shanghai" if china else "<the target's zone>"
    write = f'{{datetime_local: {{tz: {zone}, format: "{pattern}"}}}}'
    where = "China time" if china else "local time"
    said = f" (its description: {described.strip()[:60]!r})" if described else ""
    names = [name for name, _ in steps]
    timed = [position for position, name in enumerate(names) if name in _TIME_STEPS]
    last = timed[-1] if timed else None
    if last is not None and names[last] == "datetime_local":
        tz = str(steps[last][1].get("tz", ""))
        if china and tz.upper() in _UTC_NAMES:
            return ValueProblem(
                last, f"{field!r} takes China time without an offset{said}, and "
                f"`datetime_local` writes UTC's clock (tz: {tz}): every value lands eight "
                "hours early", f"write China's clock: {write}")
        return None
    if last is not None:  # datetime_utc, then nothing that converts back to local time
        after = [name for name in names[last + 1:] if name not in _KEEPING]
        kind = ("UTC's clock without the offset (the later steps drop it), so every value "
                "lands eight hours early" if after and china else
                "UTC's clock without the offset (the later steps drop it)" if after else
                "a UTC time with its offset, like '2024-07-10T02:15:00Z'")
        return ValueProblem(
            last, f"{field!r} takes {where} without an offset{said}, and the rule writes {kind}",
            f"after datetime_utc, write the local clock: {write}" + (
                " (in place of the steps that cut the offset)" if after else ""),
            error=china or not after)  # an offset is wrong in any zone; UTC's clock may fit
    if _offset_source(source):
        return ValueProblem(
            None, f"{field!r} takes {where} without an offset{said}, and the rule copies the "
            "source's date-time with its offset (RFC 3339) unconverted",
            f"convert it: {write} (it reads the offset)")
    return None


def time_problems(steps: Steps, source: Shape | None, target: Shape | None, field: str, *,
                  said: str | None, told: str | None, china_source: bool,
                  china_target: bool) -> list[tuple[str, ValueProblem]]:
    """The rule's time findings: a local source time read as UTC (``mapping.naive-time``), or
    else a UTC or offset time written into a local-time target (``mapping.utc-into-local-time``).

    ``said`` and ``told`` are the source and target fields' descriptions.
    """
    naive = naive_time_problem(steps, source, target, field, described=says_naive_time(said),
                               china_time=china_source or says_china_time(said))
    if naive is not None:
        return [("mapping.naive-time", naive)]
    local = local_time_problem(steps, source, target, field, told, china_target=china_target)
    return [] if local is None else [("mapping.utc-into-local-time", local)]
