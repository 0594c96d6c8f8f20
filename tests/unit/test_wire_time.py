"""``TimeSettings.reads``: what a protocol's time stamp format accepts and refuses."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.wire.profile import TimeSettings, resolve_profile

FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y%m%d%H%M%S", "%Y-%m-%dT%H:%M:%S.%f%z", "%d/%m/%Y %H:%M"]
MOMENTS = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(9999, 12, 31))


@given(moment=MOMENTS, form=st.sampled_from(FORMATS))
def test_what_strftime_writes_is_read(moment: datetime, form: str) -> None:
    from zoneinfo import ZoneInfo

    written = moment.replace(tzinfo=ZoneInfo("Asia/Shanghai")).strftime(form)
    assert TimeSettings(format=form).reads(written)


@pytest.mark.parametrize(("protocol", "good", "bad"), [
    # TOP's own Python SDK sends Unix milliseconds; its Java and PHP SDKs the local time
    ("taobao-top", ["2024-07-12 09:31:07", "1720747867000"],
     ["2024-07-12T09:31:07+08:00", "1720747867", "2024-07-12 09:31", "2024-13-12 09:31:07", ""]),
    # JD's Python SDK writes milliseconds and the offset
    ("jd", ["2024-07-12 11:30:07", "2024-07-12 11:30:07.000+0800"],
     ["2024/07/12 11:30:07", "2024-07-12 11:30:07 +0800", "2024-07-12 11:30:07.000"]),
    ("pinduoduo", ["1720747867"], ["1720747867000", "2024-07-12 09:31:07", "17207478.6", "-1"]),
    # SF documents milliseconds; its own Python SDK sample sends seconds
    ("sf-fengqiao", ["1720747927000", "1720747927"],
     ["17207479270", "1720747927000.0", "\uff11" * 13, "2024-07-12 09:32:07"]),
])
def test_each_profile_takes_its_documented_time_stamps(protocol: str, good: list[str],
                                                       bad: list[str]) -> None:
    time = resolve_profile(protocol, None).time
    for value in good:
        assert time.reads(value), value
    for value in bad:
        assert not time.reads(value), value


def test_further_formats_are_read_and_named() -> None:
    time = TimeSettings(format="%Y-%m-%d %H:%M:%S", accepts=("epoch-millis",))
    assert time.reads("2024-07-12 09:31:07")
    assert time.reads("1720747867000")
    assert not time.reads("1720747867")
    assert time.shown == "yyyy-MM-dd HH:mm:ss or epoch-millis"


def test_a_format_beyond_the_usual_codes_is_read_by_strptime() -> None:
    time = TimeSettings(format="%d %b %Y")
    assert time.reads("12 Jul 2024")
    assert not time.reads("12 07 2024")
    assert TimeSettings(format="%Y-%m-%d %H:%M:%S").shown == "yyyy-MM-dd HH:mm:ss"


_PROTOCOLS = ["taobao-top", "jd", "pinduoduo", "sf-fengqiao", "errcode"]
_SETTINGS = [resolve_profile(name, None).time for name in _PROTOCOLS] + [
    TimeSettings(format=form, accepts=accepts) for form in FORMATS
    for accepts in [(), ("epoch-millis",), ("epoch-seconds", "%Y%m%d")]] + [
    TimeSettings(format="epoch-seconds"), TimeSettings(format="%Y week %W")]  # strptime only


def _candidates() -> st.SearchStrategy[str]:
    written = st.builds(lambda moment, form: moment.strftime(form), MOMENTS,
                        st.sampled_from([*FORMATS, "%Y%m%d", "%Y week %W"]))
    digits = st.integers(0, 10**14).map(str)
    # \u0661: an Arabic-Indic digit, which isdigit() takes for one
    return written | digits | st.text(alphabet="0123456789-: T.+Z/\u0661", max_size=26)


@given(settings=st.sampled_from(_SETTINGS), value=_candidates())
def test_the_compiled_reader_reads_what_reads_reads(settings: TimeSettings, value: str) -> None:
    assert settings.reader()(value) == settings.reads(value)
