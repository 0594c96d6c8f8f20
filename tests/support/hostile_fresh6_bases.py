"""A platform's ``base_url`` written as URLs are written in the wild, for ``hostile_fresh6``.

* ``base6``: ``{version}`` twice or in the host, a scheme or host in capitals, the default port
  spelt out, a trailing slash, dot segments, user information, a query or a fragment, and two
  platforms sharing one base URL — each with a recording that fits the URL as a browser would
  read it. What RFC 3986 calls the same URL must route the same (clean); what no request can
  match must be a usage error or a finding that names the setting, never a crash; and two
  platforms at one base URL cannot both be checked, so the second must not pass unchecked.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, json_args
from tests.support.projects import MINI_SETTINGS, good_order, interaction, mini_project

CLEAN = frozenset({0})
_BASE = 'base_url = "https://shop.example.com/api/{version}"'
_URL = "https://shop.example.com/api/v1/orders/1.json"

# label -> (base_url as written, the recorded URL, exits, names)
BASES: dict[str, tuple[str, str, frozenset[int], tuple[str, ...]]] = {
    "version-twice": ("https://shop.example.com/{version}/api/{version}",
                      "https://shop.example.com/v1/api/v1/orders/1.json", ANY, ()),
    "version-twice-one-segment": ("https://shop.example.com/api/{version}-{version}",
                                  "https://shop.example.com/api/v1-v1/orders/1.json", ANY, ()),
    "version-in-host": ("https://{version}.shop.example.com/api",
                        "https://v1.shop.example.com/api/orders/1.json", ANY, ()),
    "scheme-capitals": ("HTTPS://shop.example.com/api/{version}", _URL, CLEAN, ()),
    "host-capitals": ("https://SHOP.Example.COM/api/{version}", _URL, CLEAN, ()),
    "default-port": ("https://shop.example.com:443/api/{version}", _URL, CLEAN, ()),
    "trailing-slash": ("https://shop.example.com/api/{version}/", _URL, CLEAN, ()),
    "dot-segments": ("https://shop.example.com/x/../api/{version}", _URL, ANY, ()),
    "userinfo": ("https://user:secret@shop.example.com/api/{version}", _URL, FAILS,
                 ("base_url",)),
    "query": ("https://shop.example.com/api/{version}?shop=1", _URL, FAILS, ()),
    "fragment": ("https://shop.example.com/api/{version}#orders", _URL, FAILS, ()),
}


def _base_case(label: str, base: str, url: str, exits: frozenset[int],
               names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        settings = MINI_SETTINGS.replace(_BASE, f'base_url = "{base}"')
        return json_args("verify", mini_project(root / "p", settings=settings, interactions=[
            interaction({"order": good_order()}, uri=url)]))
    return Case(f"base6:{label}", setup, exits, names)


def _twin_case(command: str, second: str) -> Case:
    def setup(root: Path) -> list[str]:
        settings = MINI_SETTINGS + (f"\n[tool.seamguard.platforms.shop2]\nversions = [\"v1\"]\n"
                                    f'base_url = "{second}"\n')
        project = mini_project(root / "p", settings=settings, interactions=[
            interaction({"order": good_order()})])
        folder = project / "contracts" / "shop2" / "v1"
        folder.mkdir(parents=True)
        (folder / "openapi.yaml").write_bytes(
            (project / "contracts" / "shop" / "v1" / "openapi.yaml").read_bytes())
        return json_args(command, project)
    label = "same" if second.endswith("{version}") else "same-but-slash"
    return Case(f"base6:two-platforms-{label}:{command}", setup, FAILS, ("shop2",))


def base_cases() -> list[Case]:
    twins = [_twin_case(command, second) for command in ("verify", "check")
             for second in ("https://shop.example.com/api/{version}",
                            "https://SHOP.example.com:443/api/{version}/")]
    return [*(_base_case(label, *row) for label, row in BASES.items()), *twins]
