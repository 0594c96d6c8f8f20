"""A whole date or time stamp, a UUID or an HTTP date under a key that names nothing is passed over
without the detectors: they find nothing in one, for every key meaning the screen admits and
for phone regions beyond China's; a literal secret inside one is still cut out."""

from __future__ import annotations

import random
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy import Pseudonymizer, Scrubber, text_scrub
from seamguard.privacy.policy import KeyInfo, PrivacyPolicy

_INFOS = [KeyInfo(), KeyInfo(identifier=True), KeyInfo(person_name=True),
          KeyInfo(identifier=True, person_name=True)]
_REGIONS = [("CN",), ("CN", "US", "GB", "DE", "FR", "JP", "TW", "HK", "IN", "BR", "RU", "KR")]


def _stamp(rng: random.Random) -> str:
    date = f"{rng.choice((19, 20))}{rng.randrange(100):02d}-{rng.randint(1, 12):02d}-" \
           f"{rng.randint(1, 31):02d}"
    shape = rng.randrange(6)
    if shape == 0:
        return date
    time = f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"
    if shape > 1:
        time += f":{rng.randrange(60):02d}"
    if shape > 2:
        time += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 6)))
    zone = rng.choice(("", "Z", "+08:00", "-0500", "+0000", f"+{rng.randrange(24):02d}"
                       f"{rng.randrange(60):02d}"))
    return f"{date}{rng.choice('T ')}{time}{zone}"


def _uuid(rng: random.Random) -> str:
    if rng.random() < 0.5:
        text = str(uuid.UUID(int=rng.getrandbits(128)))
    else:  # digit-heavy ones: runs a phone, card or ID number could be read in
        text = "-".join("".join(rng.choice("0123456789" if rng.random() < 0.9 else "abcdef")
                                for _ in range(size)) for size in (8, 4, 4, 4, 12))
    return text.upper() if rng.random() < 0.2 else text


def _http_date(rng: random.Random) -> str:
    return f"{rng.choice(('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'))}, " \
           f"{rng.randint(1, 31):02d} {rng.choice(_MONTHS)} {rng.choice((19, 20))}" \
           f"{rng.randrange(100):02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}:" \
           f"{rng.randrange(60):02d} GMT"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _stamps() -> list[str]:
    rng = random.Random(20261207)
    stamps = [_stamp(rng) for _ in range(400)] + [_uuid(rng) for _ in range(400)] \
        + [_http_date(rng) for _ in range(300)]
    # digits that repeat or read as numbers (phones, cards) within the fields' ranges
    stamps += ["2013-08-12 13:38:12", "2013-12-31T23:59:59.999999+08:00", "1999-09-09",
               "2013-08-01T13:01:38.138001Z", "2000-01-01 00:00:00", "2024-07-12 11:30:07",
               "13812345-6781-2345-6781-234567812345", "41111111-1111-1111-4111-111111111111",
               "11010519-4912-3456-7811-010519491234", "Mon, 15 Jul 2024 02:21:00 GMT",
               "Sun, 06 Nov 1994 08:49:37 GMT", "Tue, 13 Aug 2013 13:38:12 GMT"]
    return stamps


def _detected(scrubber: Scrubber, value: str, info: KeyInfo) -> tuple[str, list[object]]:
    hits: list[object] = []
    return scrubber._scrub_text(value, info, "", hits), hits  # type: ignore[arg-type]


@pytest.mark.parametrize("regions", _REGIONS)
def test_detectors_find_nothing_in_a_screened_stamp(regions: tuple[str, ...]) -> None:
    scrubber = Scrubber(PrivacyPolicy(regions=regions), Pseudonymizer(b"timestamp screen"))
    stamps = _stamps()
    assert all(text_scrub._STAMP_OR_UUID.fullmatch(stamp) for stamp in stamps)
    for info in _INFOS:
        assert text_scrub._reads_as_plain(info)
        for stamp in stamps:
            assert _detected(scrubber, stamp, info) == (stamp, []), (stamp, info)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(_INFOS))
def test_screened_stamps_on_generated_fields(seed: int, info: KeyInfo) -> None:
    scrubber = Scrubber(PrivacyPolicy(), Pseudonymizer(b"timestamp screen"))
    rng = random.Random(seed)
    stamp = (_stamp, _uuid, _http_date)[seed % 3](rng)
    assert _detected(scrubber, stamp, info) == (stamp, [])
    assert scrubber.text(stamp, info=info) == stamp


def test_keys_naming_a_kind_or_a_secret_are_not_screened() -> None:
    for info in (KeyInfo(secret="always"), KeyInfo(secret="likely"), KeyInfo(person_noun=True),
                 KeyInfo(bare_number=True), KeyInfo(document=True)):
        assert not text_scrub._reads_as_plain(info)
    scrubber = Scrubber(PrivacyPolicy(), Pseudonymizer(b"timestamp screen"))
    assert scrubber.text("2024-07-12 11:30:07", "password") == "<redacted>"


def test_a_literal_secret_in_a_stamp_is_still_cut_out() -> None:
    scrubber = Scrubber(PrivacyPolicy(secrets=("11:30:07",)), Pseudonymizer(b"k"))
    assert scrubber.text("2024-07-12 11:30:07", info=KeyInfo(identifier=True)) \
        == "2024-07-12 <redacted>"
