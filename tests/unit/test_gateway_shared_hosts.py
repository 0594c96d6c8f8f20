"""A gateway's other host that another platform of the project also uses (SF Fengqiao's
production host sfapi.sf-express.com, where the example's REST facade sits under
/api/{version}) still routes the gateway's own path to the gateway."""

from __future__ import annotations

from pathlib import Path

from seamguard.project import find_project
from seamguard.recordings.routing import Router

FACADE_AND_GATEWAY = """
[tool.seamguard.platforms.sfexpress]
base_url = "https://sfapi.sf-express.com/api/{version}"
versions = ["v1"]

[tool.seamguard.platforms.sf-fengqiao]
protocol = "sf-fengqiao"
base_url = "https://bspgw.sf-express.com"
versions = ["2.0"]
"""


def _router(tmp_path: Path, settings: str) -> Router:
    (tmp_path / "pyproject.toml").write_text(settings, encoding="utf-8")
    return Router(find_project(tmp_path, explicit=True).settings)


def test_the_gateway_path_at_a_host_another_platform_uses_routes_to_the_gateway(
        tmp_path: Path) -> None:
    router = _router(tmp_path, FACADE_AND_GATEWAY)
    assert router.locate("https://sfapi.sf-express.com/std/service") == (
        "sf-fengqiao", None, "/std/service")
    assert router.locate("https://sfapi.sf-express.com/std/service/") == (
        "sf-fengqiao", None, "/std/service")
    assert router.locate("https://sfapi-sbox.sf-express.com/std/service?x=1") == (
        "sf-fengqiao", None, "/std/service")
    # the other platform keeps its own paths, and other paths of the host route nowhere
    assert router.locate("https://sfapi.sf-express.com/api/v1/orders") == (
        "sfexpress", "v1", "/orders")
    assert router.locate("https://sfapi.sf-express.com/std/services") is None
    assert router.locate("https://sfapi.sf-express.com/other") is None


def test_a_platform_whose_base_url_takes_the_gateway_path_keeps_it(tmp_path: Path) -> None:
    settings = FACADE_AND_GATEWAY.replace("https://sfapi.sf-express.com/api/{version}",
                                          "https://sfapi.sf-express.com")
    router = _router(tmp_path, settings)
    assert router.locate("https://sfapi.sf-express.com/std/service") == (
        "sfexpress", None, "/std/service")
