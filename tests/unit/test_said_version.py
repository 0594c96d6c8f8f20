"""Which version a gateway request's version parameter decides (``Router.said_version``)."""

from __future__ import annotations

import pytest

from seamguard.project import PlatformSettings
from seamguard.recordings.routing import Router


def _platform(*versions: str) -> PlatformSettings:
    return PlatformSettings.model_validate({"base_url": "https://gw.example.cn",
                                            "versions": list(versions)})


@pytest.mark.parametrize(("versions", "said", "decided"), [
    (("2.0",), "2.0", "2.0"),
    (("2.0",), "2", "2.0"),  # the same number written another way
    (("V1",), "v1", "V1"),
    (("V1",), "1.0", "V1"),
    (("2.0",), "1.0", "1.0"),  # numbered like the contracts, but none of them: reported
    (("V1",), "V2", "V2"),
    (("top-2024",), "2.0", None),  # named otherwise: not compared
    (("2.0",), "latest", None),
    (("2.0",), "9" * 5000, None),  # no number that long is a version
    (("2.0",), None, None),
])
def test_the_request_version_is_compared_by_its_numbers(
    versions: tuple[str, ...], said: str | None, decided: str | None,
) -> None:
    assert Router.said_version(_platform(*versions), said) == decided
