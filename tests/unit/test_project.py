from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.errors import SettingsError
from seamguard.project import find_project
from tests.support.projects import MINI_SETTINGS, mini_project


def test_finds_the_nearest_project_upwards(mini: Path) -> None:
    nested = mini / "contracts" / "shop"
    assert find_project(nested).root == mini


def test_defaults(mini: Path) -> None:
    settings = find_project(mini).settings
    assert (settings.contracts, settings.cassettes, settings.reports) == (
        "contracts", "fixtures/cassettes", "reports")
    assert settings.platforms["shop"].base_url == "https://shop.example.com/api/{version}"


def test_no_project(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        find_project(tmp_path, explicit=True)
    assert "seamguard init" in (caught.value.hint or "")


def test_unknown_setting_suggests_the_right_one(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace("versions", "version"))
    with pytest.raises(SettingsError) as caught:
        find_project(root)
    error = caught.value
    assert error.pointer == "tool.seamguard.platforms.shop.version"
    assert error.hint == "did you mean 'versions'?"
    assert error.line == 5


def test_invalid_base_url(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace("https://", ""))
    with pytest.raises(SettingsError, match="absolute http"):
        find_project(root)


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS + "broken = [\n")
    with pytest.raises(SettingsError) as caught:
        find_project(root)
    assert caught.value.line is not None


def test_unknown_platform_is_a_usage_error(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace("platforms.shop", "platforms.shp"))
    project = find_project(root)
    with pytest.raises(SettingsError) as caught:
        project.check_layout()
    assert "unknown platform 'shp'" in caught.value.message
    assert caught.value.hint == "did you mean 'shop'?"


def test_missing_version_folder(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace('["v1"]', '["v1", "v2"]'))
    with pytest.raises(SettingsError, match="no contract for shop@v2"):
        find_project(root).check_layout()


def test_wire_profile_is_merged_and_errors_point_into_the_wire_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.taobao]\nversions = ["2.0"]\n'
        'base_url = "https://eco.taobao.com"\nprotocol = "taobao-top"\n'
        '[tool.seamguard.platforms.taobao.wire.time]\nzone = "Asia/Tokyo"\n', encoding="utf-8")
    wire = find_project(tmp_path, explicit=True).settings.platforms["taobao"].wire
    assert wire.time.zone == "Asia/Tokyo"  # overridden
    assert wire.operation is not None
    assert wire.operation.name == "method"  # from the profile
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.taobao]\nversions = ["2.0"]\n'
        'base_url = "https://eco.taobao.com"\nprotocol = "taobao-top"\n'
        '[tool.seamguard.platforms.taobao.wire.respons]\npayload = "/x"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        find_project(tmp_path, explicit=True)
    assert caught.value.pointer == "tool.seamguard.platforms.taobao.wire.respons"
    assert caught.value.hint == "did you mean 'response'?"


def test_response_keys_the_rule_does_not_give_are_named_per_operation(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.pdd]\nversions = ["V1"]\nprotocol = "pinduoduo"\n'
        'base_url = "https://gw-api.pinduoduo.com"\n'
        '[tool.seamguard.platforms.pdd.wire.response.response_key.keys]\n'
        '"pdd.order.information.get" = "order_info_get_response"\n', encoding="utf-8")
    wire = find_project(tmp_path, explicit=True).settings.platforms["pdd"].wire
    key = wire.response.response_key
    assert key is not None
    assert key.of("pdd.order.information.get") == "order_info_get_response"  # named
    assert key.of("pdd.order.list.get") == "order_list_get_response"  # the profile's rule


def test_unknown_protocol_suggests_the_close_one(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.jd]\nversions = ["2.0"]\nbase_url = "https://api.jd.com"\n'
        'protocol = "taobao_top"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        find_project(tmp_path, explicit=True)
    assert "did you mean 'taobao-top'" in caught.value.message
    assert caught.value.line == 4


def test_live_requests_must_fit_the_protocol(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.shop]\nversions = ["v1"]\nbase_url = "https://x.example"\n'
        '[[tool.seamguard.platforms.shop.live]]\noperation = "order.get"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        find_project(tmp_path, explicit=True)
    assert "routed by path" in caught.value.message


def test_an_integer_too_long_to_convert_names_its_line(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS + "\n[tool.seamguard.network]\n"
                        f"timeout = {'9' * 5000}\n")
    with pytest.raises(SettingsError) as caught:
        find_project(root)
    assert caught.value.line == (root / "pyproject.toml").read_text().count("\n")
    assert "cannot be read" in caught.value.message


@pytest.mark.parametrize(("line", "pointer"), [
    ('secret_env = ""', "tool.seamguard.platforms.shop.secret_env"),
    ('secret_env = "SF CHECKWORD"', "tool.seamguard.platforms.shop.secret_env"),
    ('secret_env = "1SECRET"', "tool.seamguard.platforms.shop.secret_env"),
    ('auth = { env = "SHOP-TOKEN" }', "tool.seamguard.platforms.shop.auth.env"),
])
def test_a_setting_naming_an_environment_variable_takes_only_such_a_name(
        tmp_path: Path, line: str, pointer: str) -> None:
    """An empty or malformed variable name would read nothing, silently unsigned or
    unauthenticated: it is refused at its line."""
    root = mini_project(tmp_path, settings=MINI_SETTINGS + line + "\n")
    with pytest.raises(SettingsError, match="name of an environment variable") as caught:
        find_project(root)
    assert caught.value.pointer == pointer
    assert caught.value.line == 7


@pytest.mark.parametrize(("line", "pasted"), [
    ('auth = { header = "Authorization", env = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.Kx9w" }',
     "eyJzdWIiOiJ4In0"),
    ('secret_env = "Pw57M49VDt-RFgghY!9"', "Pw57M49VDt-RFgghY!9"),
    ('auth = { header = "X-Api-Key", env = "VFSU7zT6kSyOdEpbNf2MnLib3AGxpwu5lg16H4vc" }',
     "VFSU7zT6kSyOdEpbNf2MnLib3AGxpwu5lg16H4vc"),
])
def test_a_secret_pasted_where_its_variables_name_belongs_is_not_echoed(
        tmp_path: Path, line: str, pasted: str) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS + line + "\n")
    with pytest.raises(SettingsError, match="name of an environment variable") as caught:
        find_project(root)
    assert pasted not in caught.value.message
    assert "not shown" in caught.value.message


def test_an_alert_url_pasted_where_its_variables_name_belongs_is_refused_unechoed(
        tmp_path: Path) -> None:
    """urls_env names variables that hold apprise URLs: a URL written there is refused at its
    line, and its token is not repeated in the error."""
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace(
        "[tool.seamguard]\n", "[tool.seamguard]\n\n[tool.seamguard.alerts]\nurls_env = ["
        '"mailto://ops:Pw57M49VDtRFgghY@smtp.example.com"]\n\n'))
    with pytest.raises(SettingsError, match="name of an environment variable") as caught:
        find_project(root)
    assert caught.value.pointer == "tool.seamguard.alerts.urls_env.0"
    assert "Pw57M49VDtRFgghY" not in caught.value.message
    assert "mailto:// URL" in caught.value.message


def test_a_well_formed_environment_variable_name_is_taken(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS + 'secret_env = "SF_CHECKWORD_2"\n')
    assert find_project(root).settings.platforms["shop"].secret_env == "SF_CHECKWORD_2"


@pytest.mark.parametrize("key", ["max_body_mb", "max_document_mb"])
@pytest.mark.parametrize("value", ["5e-324", "1e-7"])
def test_a_size_limit_below_one_byte_is_refused_at_its_line(tmp_path: Path, key: str,
                                                            value: str) -> None:
    settings = MINI_SETTINGS.replace("[tool.seamguard]\n", f"[tool.seamguard]\n{key} = {value}\n")
    mini_project(tmp_path, settings=settings)
    with pytest.raises(SettingsError, match="less than one byte") as caught:
        find_project(tmp_path)
    assert caught.value.line == 3
    assert key in (caught.value.pointer or "")


def test_a_size_limit_of_one_byte_is_taken(tmp_path: Path) -> None:
    mini_project(tmp_path, settings=MINI_SETTINGS.replace(
        "[tool.seamguard]\n", "[tool.seamguard]\nmax_document_mb = 1e-6\n"))
    assert find_project(tmp_path).settings.max_document_mb == 1e-6
