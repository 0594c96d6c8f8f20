"""Mapping transforms: examples on Chinese commerce data, errors, and the laws they declare."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.errors import UsageError
from seamguard.mapping import reference_data as ref
from seamguard.mapping import transforms
from seamguard.mapping.transforms import (
    JSON_TYPES,
    TRANSFORMS,
    TransformError,
    TransformSpec,
    load_plugins,
    transform,
)
from seamguard.regex_limits import BoundedRegex
from seamguard.registry import Registry

FAST = settings(max_examples=40, deadline=None)


def run(name: str, item: Any, /, **params: Any) -> Any:
    return TRANSFORMS.get(name).bind(params)(item)


def wide(text: str) -> str:
    """The full-width form of ASCII text, as Chinese input methods may type it."""
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


# --- examples ---------------------------------------------------------------------------------

EXAMPLES: list[tuple[str, dict[str, Any], Any, Any]] = [
    ("trim", {}, "\u3000 张伟 \u200b\n", "张伟"),
    ("strip_chars", {"chars": "#-"}, "--#1001#", "1001"),
    ("remove_chars", {"chars": " -()"}, "(010) 1234-5678", "01012345678"),
    ("lower", {}, "ZhangWei@Example.COM", "zhangwei@example.com"),
    ("upper", {}, "cn-gd", "CN-GD"),
    ("title", {}, "mary-jane o'neil", "Mary-Jane O'Neil"),
    ("title", {}, "上海市浦东新区 pudong", "上海市浦东新区 Pudong"),
    ("regex_replace", {"pattern": r"^(\d{3})\d{4}", "replacement": r"\1****"},
     "13812345678", "138****5678"),
    ("truncate", {"max_length": 4}, "上海市浦东新区", "上海市浦"),
    ("truncate", {"max_length": 2}, "a\ud83d\ude00", "a"),
    ("default", {"value": "未知"}, None, "未知"),
    ("default", {"value": None}, "", None),
    ("default", {"value": "未知"}, "张伟", "张伟"),
    ("coalesce", {}, [None, " ", "", "13812345678", "x"], "13812345678"),
    ("coalesce", {}, [None, [], {}], None),
    ("concat", {"separator": " "}, ["张", None, "", "伟"], "张 伟"),
    ("concat", {}, ["#", 1001, True], "#1001true"),
    ("concat", {"separator": " "}, [None, None], None),  # all missing: missing, not ""
    ("concat", {"separator": " "}, [None, ""], ""),
    ("concat", {}, [], ""),
    ("split", {"separator": "/"}, "广东省/深圳市/南山区", ["广东省", "深圳市", "南山区"]),
    ("split", {"separator": "/"}, "", []),
    ("join", {}, ["vip", None, "wholesale"], "vip;wholesale"),
    ("split_tags", {}, "vip, 批发 ,,  新客 ", ["vip", "批发", "新客"]),
    ("split_name", {}, "张伟", ["张", "伟"]),
    ("split_name", {}, "欧阳娜娜", ["欧阳", "娜娜"]),
    ("split_name", {}, "司马光", ["司马", "光"]),
    ("split_name", {}, "欧阳", ["欧", "阳"]),
    ("split_name", {}, "张 伟", ["张", "伟"]),
    ("split_name", {}, "Mary Ann Smith", ["Smith", "Mary Ann"]),
    ("split_name", {}, "克里斯蒂亚诺·罗纳尔多", ["罗纳尔多", "克里斯蒂亚诺"]),
    ("split_name", {}, "Madonna", ["Madonna", ""]),
    ("family_name", {}, " 诸葛亮 ", "诸葛"),
    ("given_name", {}, "Alice Smith", "Alice"),
    ("enum_map", {"mapping": {"paid": "PAID", "pending": "OPEN"}}, "paid", "PAID"),
    ("enum_map", {"mapping": {1: "male", 2: "female"}, "default": "unknown"}, 0, "unknown"),
    ("to_bool", {}, "是", True),
    ("to_bool", {}, wide(" YES "), True),
    ("to_bool", {}, "off", False),
    ("to_bool", {}, 0, False),
    ("to_string", {}, 1001, "1001"),
    ("to_string", {}, False, "false"),
    ("to_string", {}, 19.9, "19.9"),
    ("to_integer", {}, wide(" 42 "), 42),
    ("to_integer", {}, "42.00", 42),
    ("to_integer", {}, 42.0, 42),
    ("to_number", {}, "19.90", 19.9),
    ("to_number", {}, "42", 42),
    ("to_number", {}, 7, 7),
    ("decimal", {}, "19.9", "19.90"),
    ("decimal", {}, 2.675, "2.68"),
    ("decimal", {}, "1.005", "1.01"),
    ("decimal", {"places": 0}, "-0.4", "0"),
    ("decimal", {"places": 3}, 5, "5.000"),
    ("money_to_minor", {"currency": "CNY"}, "199.00", 19900),
    ("money_to_minor", {"currency": "cny"}, 19.995, 2000),
    ("money_to_minor", {"currency": "JPY"}, "1500", 1500),
    ("money_to_minor", {"currency": "KWD"}, "1.2345", 1235),
    ("money_from_minor", {"currency": "CNY"}, 19900, "199.00"),
    ("money_from_minor", {"currency": "USD"}, "-5", "-0.05"),
    ("money_from_minor", {"currency": "JPY"}, 1500, "1500"),
    ("money_from_minor", {"currency": "BHD"}, 1, "0.001"),
    ("phone_e164", {}, "(010) 1234-5678", "+861012345678"),
    ("phone_e164", {}, "138 1234 5678", "+8613812345678"),
    ("phone_e164", {}, wide("13812345678"), "+8613812345678"),
    ("phone_e164", {}, "+86 138-1234-5678", "+8613812345678"),
    ("phone_e164", {}, "0086 138 1234 5678", "+8613812345678"),
    ("phone_e164", {}, "+1 415 555 2671", "+14155552671"),
    ("phone_e164", {}, 13812345678, "+8613812345678"),
    ("phone_e164", {"region": "hk"}, "6123 4567", "+85261234567"),
    ("email", {}, " ZhangWei" + wide("@") + "Example.COM ", "zhangwei@example.com"),
    ("mask_phone", {}, "+8613812345678", "+86138****5678"),
    ("mask_email", {}, "zhangwei@example.com", "z***@example.com"),
    ("mask_name", {}, "欧阳娜娜", "欧***"),
    ("mask_address", {}, "上海市浦东新区世纪大道100号", "上海市浦东新区****"),
    ("mask", {}, "13812345678", "138****5678"),
    ("mask", {"keep_start": 1, "keep_end": 1, "char": "#"}, "110101199003071234",
     "1################4"),
    ("mask", {}, "张伟", "**"),
    ("datetime_utc", {"format": "yyyy-MM-dd HH:mm:ss", "tz": "Asia/Shanghai"},
     "2024-07-14 11:20:05", "2024-07-14T03:20:05Z"),
    ("datetime_utc", {}, "2024-07-14T11:20:05+08:00", "2024-07-14T03:20:05Z"),
    ("datetime_utc", {}, "2024-07-14T11:20:05.12+08:00", "2024-07-14T03:20:05.120Z"),
    ("datetime_utc", {}, "2024-07-14T11:20:05.000001+08:00", "2024-07-14T03:20:05.000001Z"),
    ("datetime_utc", {"tz": "Asia/Shanghai"}, "2024-07-14 11:20:05", "2024-07-14T03:20:05Z"),
    ("datetime_utc", {"format": "yyyyMMdd'T'HHmmss", "tz": "America/New_York"},
     "20240714T112005", "2024-07-14T15:20:05Z"),
    ("datetime_utc", {"format": "%d/%m/%Y %H:%M"}, "14/07/2024 11:20", "2024-07-14T11:20:00Z"),
    ("datetime_local", {"tz": "Asia/Shanghai"}, "2024-07-14T03:20:05Z", "2024-07-14 11:20:05"),
    ("datetime_local", {"tz": "Asia/Shanghai"}, "2024-07-13T20:20:05-07:00",
     "2024-07-14 11:20:05"),
    ("datetime_local", {"tz": "Asia/Shanghai"}, "2024-07-14 11:20:05", "2024-07-14 11:20:05"),
    ("datetime_local", {"tz": "Asia/Shanghai", "format": "yyyy-MM-dd'T'HH:mm:ss.SSS"},
     "2024-07-14T03:20:05.123456Z", "2024-07-14T11:20:05.123"),
    ("datetime_local", {"tz": "Asia/Shanghai", "format": "yyyyMMddHHmmss"},
     "2024-12-31T16:00:00Z", "20250101000000"),
    # daylight saving: New York is UTC-4 in July and UTC-5 in January
    ("datetime_local", {"tz": "America/New_York"}, "2024-07-14T03:20:05Z", "2024-07-13 23:20:05"),
    ("datetime_local", {"tz": "America/New_York"}, "2024-01-14T03:20:05Z", "2024-01-13 22:20:05"),
    ("datetime_local", {"tz": "Asia/Kolkata", "format": "%d/%m/%Y %H:%M"},
     "2024-07-14T03:20:05Z", "14/07/2024 08:50"),
    ("date_only", {}, "2024-07-14T01:20:05+08:00", "2024-07-13"),
    ("date_only", {}, "2024-07-14", "2024-07-14"),
    ("country_iso2", {}, "中国", "CN"),
    ("country_iso2", {}, "中华人民共和国", "CN"),
    ("country_iso2", {}, "美国", "US"),
    ("country_iso2", {}, "英国", "GB"),
    ("country_iso2", {}, "日本", "JP"),
    ("country_iso2", {}, "德国", "DE"),
    ("country_iso2", {}, "法国", "FR"),
    ("country_iso2", {}, "香港", "HK"),
    ("country_iso2", {}, "台湾", "TW"),
    ("country_iso2", {}, "澳門", "MO"),
    ("country_iso2", {}, "United States", "US"),
    ("country_iso2", {}, "UK", "GB"),
    ("country_iso2", {}, "chn", "CN"),
    ("country_iso2", {}, " cn ", "CN"),
    ("province_code", {}, "广东省", "CN-GD"),
    ("province_code", {}, "广东", "CN-GD"),
    ("province_code", {}, "Guangdong", "CN-GD"),
    ("province_code", {}, "Guangdong Province", "CN-GD"),
    ("province_code", {}, "上海市", "CN-SH"),
    ("province_code", {}, "广西壮族自治区", "CN-GX"),
    ("province_code", {}, "新疆维吾尔自治区", "CN-XJ"),
    ("province_code", {}, "內蒙古自治區", "CN-NM"),
    ("province_code", {}, "Inner Mongolia", "CN-NM"),
    ("province_code", {}, "香港特别行政区", "CN-HK"),
    ("province_code", {}, "中国台湾", "CN-TW"),
    ("province_code", {}, "陕西", "CN-SN"),
    ("province_code", {}, "Shanxi", "CN-SX"),
    ("province_code", {}, "gd", "CN-GD"),
]


@pytest.mark.parametrize(("name", "params", "value", "expected"), EXAMPLES)
def test_example(name: str, params: dict[str, Any], value: Any, expected: Any) -> None:
    assert run(name, value, **params) == expected


def test_every_transform_has_examples() -> None:
    assert {name for name, *_ in EXAMPLES} | {"lookup"} == set(TRANSFORMS.names())


def test_all_34_provinces_and_their_full_names() -> None:
    full = {"BJ": "北京市", "TJ": "天津市", "SH": "上海市", "CQ": "重庆市",
            "GX": "广西壮族自治区", "NX": "宁夏回族自治区", "XJ": "新疆维吾尔自治区",
            "NM": "内蒙古自治区", "XZ": "西藏自治区", "HK": "香港特别行政区",
            "MO": "澳门特别行政区"}
    assert len(ref.PROVINCES) == 34
    for suffix, names in ref.PROVINCES.items():
        assert run("province_code", names[0]) == f"CN-{suffix}"
        assert run("province_code", full.get(suffix, names[0] + "省")) == f"CN-{suffix}"


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "params", "value", "message"), [
    ("phone_e164", {}, "12345", "valid phone number"),
    ("phone_e164", {}, "13812345678 ext. 12", "without extension"),
    ("phone_e164", {}, "", "valid phone number"),
    ("to_bool", {}, "maybe", "是/否"),
    ("to_integer", {}, "4.2", "whole number"),
    ("to_integer", {}, "1,234", "decimal number"),
    ("to_number", {}, "NaN", "number"),
    ("to_number", {}, float("inf"), "decimal number"),
    ("decimal", {}, "¥19.90", "decimal number like 199.00"),
    ("decimal", {}, "1e500", "at most 60 digits"),
    ("money_from_minor", {"currency": "CNY"}, "19.90", "whole minor units"),
    ("enum_map", {"mapping": {"paid": "PAID"}}, "refunded", "expected one of 'paid'"),
    ("enum_map", {"mapping": {True: "Y"}}, "yes", "quote them"),
    ("datetime_utc", {}, "14/07/2024", "ISO-8601"),
    ("datetime_utc", {"format": "yyyy-MM-dd HH:mm:ss"}, "2024-07-14T11:20:05",
     "ISO-8601 with offset"),
    ("datetime_utc", {}, "0001-01-01T00:00:00+08:00", "date-time"),
    ("date_only", {}, "2024-07-14 11:20:05", "with offset"),
    ("datetime_local", {"tz": "Asia/Shanghai"}, "2024-07-14T11:20:05", "with an offset"),
    ("datetime_local", {"tz": "Asia/Shanghai"}, "14/07/2024", "'yyyy-MM-dd HH:mm:ss'"),
    ("datetime_local", {"tz": "Asia/Shanghai"}, "9999-12-31T23:00:00Z", "years 1-9999"),
    ("country_iso2", {}, "Atlantis", "country name"),
    ("province_code", {}, "加州", "Chinese province"),
    ("email", {}, "zhangwei@example", "e-mail address"),
    ("concat", {}, ["a", ["b"]], "string, number or boolean"),
    ("trim", {}, 42, "expected string, got integer"),
    ("split_tags", {}, ["a"], "expected string, got array"),
    ("to_integer", {}, True, "got boolean"),
])
def test_bad_value(name: str, params: dict[str, Any], value: Any, message: str) -> None:
    with pytest.raises(TransformError, match=re.escape(message)):
        run(name, value, **params)


def test_errors_mask_personal_values() -> None:
    with pytest.raises(TransformError) as phone:
        run("phone_e164", "138123456789999")
    assert "138123456789999" not in str(phone.value)
    assert "****" in str(phone.value)
    with pytest.raises(TransformError) as mail:
        run("email", "zhangwei@@example.com")
    assert "zhangwei" not in str(mail.value)


@pytest.mark.parametrize(("name", "params", "message", "hint"), [
    ("phone_e164", {"regon": "CN"}, "unknown parameter 'regon'", "did you mean 'region'?"),
    ("trim", {"chars": " "}, "unknown parameter 'chars'", "parameters: none"),
    ("truncate", {}, "missing parameter 'max_length'", "{truncate: {max_length: ...}}"),
    ("truncate", {"max_length": "10"}, "must be int, got '10'", None),
    ("truncate", {"max_length": True}, "must be int", None),
    ("truncate", {"max_length": 0}, "must be at least 1", None),
    ("decimal", {"places": -1}, "must be from 0 to 30", None),
    ("decimal", {"places": 100_000_000}, "must be from 0 to 30", None),
    ("split", {"separator": ""}, "must be non-empty", None),
    ("mask", {"char": "**"}, "must be one character", None),
    ("enum_map", {"mapping": ["a"]}, "must be Mapping", None),
    ("regex_replace", {"pattern": "(", "replacement": ""}, "invalid regular expression", None),
    ("regex_replace", {"pattern": "a", "replacement": r"\2"}, "invalid group reference", None),
    ("money_to_minor", {"currency": "XYZ"}, "unknown currency 'XYZ'", "ISO 4217"),
    ("money_from_minor", {"currency": "XAU"}, "unknown currency 'XAU'", None),
    ("phone_e164", {"region": "CNN"}, "unknown phone region", "did you mean 'CN'?"),
    ("datetime_utc", {"tz": "Asia/Shanghia"}, "unknown time zone", "'Asia/Shanghai'"),
    ("datetime_utc", {"format": "yyyy-MM-ddTHH"}, "unsupported date pattern letters 'T'",
     "quote literal letters"),
    ("datetime_local", {}, "missing parameter 'tz'", "{datetime_local: {tz: ...}}"),
    ("datetime_local", {"tz": "Asia/Shangai"}, "unknown time zone", "'Asia/Shanghai'"),
    ("datetime_local", {"tz": "Asia/Shanghai", "format": "yyyy-MM-dd HH:mm:ssXXX"},
     "writes an offset or zone", "use datetime_utc"),
    ("datetime_local", {"tz": "Asia/Shanghai", "format": "%Y-%m-%dT%H:%M:%S%z"},
     "writes an offset or zone", None),
])
def test_bad_params(name: str, params: dict[str, Any], message: str, hint: str | None) -> None:
    with pytest.raises(UsageError, match=re.escape(message)) as error:
        TRANSFORMS.get(name).bind(params)
    if hint is not None:
        assert hint in (error.value.hint or "")


def test_unknown_transform_suggests_the_closest() -> None:
    with pytest.raises(UsageError, match="unknown transform") as error:
        TRANSFORMS.get("phone_e614")
    assert error.value.hint == "did you mean 'phone_e164'?"


def test_none_passes_through_every_nullable_transform(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text("{}", encoding="utf-8")
    for spec in TRANSFORMS:
        if spec.nullable_input:
            bound = spec.bind(MINIMAL_PARAMS.get(spec.name, {}), base_dir=tmp_path)
            assert bound(None) is None, spec.name
    assert not TRANSFORMS.get("default").nullable_input


def test_declarations_are_well_formed() -> None:
    formats = {None, "date-time", "date", "email", "e164"}
    for spec in TRANSFORMS:
        assert spec.accepts, spec.name
        assert spec.accepts <= JSON_TYPES, spec.name
        assert spec.returns in JSON_TYPES, spec.name
        assert spec.returns_format in formats, spec.name
        assert spec.doc.strip() == spec.doc != "", spec.name
        assert not any(name.startswith("_") for name in spec.params), spec.name
        if spec.idempotent:  # f(f(x)) only makes sense if f's output is a valid input
            assert spec.returns in spec.accepts or "any" in spec.accepts, spec.name


def test_bind_returns_a_partial_with_bound_params() -> None:
    bound = TRANSFORMS.get("regex_replace").bind({"pattern": "-", "replacement": ""})
    assert bound("138-1234-5678") == "13812345678"
    # compiled once, bounded for the run (seamguard.regex_limits)
    assert isinstance(bound.keywords["_regex"], BoundedRegex)  # type: ignore[attr-defined]


def test_decorator_rejects_unknown_json_types() -> None:
    with pytest.raises(ValueError, match="unknown JSON types"):
        transform("bad", accepts=["str"], returns="string")


# --- lookup tables ----------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_lookup_csv_with_header_is_loaded_once_relative_to_base_dir(tmp_path: Path) -> None:
    table = write(tmp_path / "tables" / "carriers.csv",
                  "\ufeffcode,name,sf_code\nSF,顺丰速运,SF\nYTO,圆通速递,YT\n")
    first_two = TRANSFORMS.get("lookup").bind({"file": "tables/carriers.csv"}, base_dir=tmp_path)
    assert first_two("SF") == "顺丰速运"
    by_columns = TRANSFORMS.get("lookup").bind(
        {"file": "tables/carriers.csv", "key": "name", "value": "sf_code"}, base_dir=tmp_path)
    assert by_columns("圆通速递") == "YT"
    table.write_text("code,name\nSF,changed\n", encoding="utf-8")
    assert first_two("SF") == "顺丰速运"  # bound once, never re-read per record
    with pytest.raises(TransformError, match=r"expected a key of tables/carriers\.csv, got 'ZTO'"):
        first_two("ZTO")


def test_lookup_json_object_default_and_integer_keys(tmp_path: Path) -> None:
    write(tmp_path / "status.json", json.dumps({"1": "paid", "2": {"state": "refunded"}}))
    bound = TRANSFORMS.get("lookup").bind({"file": "status.json", "default": None},
                                          base_dir=tmp_path)
    assert bound(1) == "paid"
    assert bound("2") == {"state": "refunded"}
    assert bound("3") is None


@pytest.mark.parametrize(("name", "text", "params", "message"), [
    ("missing.csv", None, {}, "lookup table not found"),
    ("bad.json", "{not json", {}, "not valid JSON"),
    ("list.json", "[1, 2]", {}, "must be an object"),
    ("cols.json", "{}", {"key": "code"}, "name CSV columns"),
    ("one.csv", "code\nSF\n", {}, "header row and two columns"),
    ("empty.csv", "", {}, "header row and two columns"),
    ("ragged.csv", "code,name\nSF\n", {}, "row has 1 cells"),
    ("twice.csv", "code,name\nSF,a\nSF,b\n", {}, "listed twice"),
    ("column.csv", "code,name\nSF,a\n", {"value": "nmae"}, "no column 'nmae'"),
])
def test_lookup_table_problems_name_the_file(
    tmp_path: Path, name: str, text: str | None, params: dict[str, Any], message: str
) -> None:
    if text is not None:
        write(tmp_path / name, text)
    with pytest.raises(UsageError, match=re.escape(message)) as error:
        TRANSFORMS.get("lookup").bind({"file": name, **params}, base_dir=tmp_path)
    assert error.value.file == name


def test_lookup_called_directly_loads_the_file(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", "k,v\na,b\n")
    assert transforms.places.lookup("a", file="t.csv", _base_dir=tmp_path) == "b"


# --- plugins ----------------------------------------------------------------------------------


def shout(value: str) -> str:
    """Upper-case and exclaim."""
    return value.upper() + "!"


PLUGIN_SPEC = TransformSpec(
    name="shout", func=shout, accepts=frozenset({"string"}), returns="string",
    returns_format=None, idempotent=False, nullable_input=False, doc="Upper-case and exclaim.",
    params={},
)


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry[TransformSpec]:
    """A scratch copy of the registry, so plugins registered by a test do not leak."""
    scratch: Registry[TransformSpec] = Registry("transform")
    for spec in TRANSFORMS:
        scratch.add(spec.name, spec)
    monkeypatch.setattr(transforms.core, "TRANSFORMS", scratch)
    return scratch


def entry_points(monkeypatch: pytest.MonkeyPatch, *values: str) -> None:
    points = [metadata.EntryPoint(f"p{i}", value, "seamguard.transforms")
              for i, value in enumerate(values)]
    monkeypatch.setattr(metadata, "entry_points", lambda group: points)


def test_load_plugins_registers_specs_and_decorated_functions(
    monkeypatch: pytest.MonkeyPatch, registry: Registry[TransformSpec]
) -> None:
    decorated = transform("whisper", accepts=["string"], returns="string", idempotent=True)(
        str.lower)  # registers itself in the scratch registry, as a plugin module's import would
    monkeypatch.setattr(transforms, "_PLUGIN_WHISPER", decorated, raising=False)
    entry_points(monkeypatch, f"{__name__}:PLUGIN_SPEC",
                 "seamguard.mapping.transforms:_PLUGIN_WHISPER")
    load_plugins()
    load_plugins()  # idempotent
    assert registry.get("shout").bind({})("hi") == "HI!"
    assert registry.get("whisper").bind({})("HI") == "hi"


@pytest.mark.parametrize(("value", "message"), [
    ("no_such_module_xyz:thing", "cannot load transform plugin"),
    (f"{__name__}:shout", "neither a TransformSpec nor decorated"),
])
def test_bad_plugins_are_usage_errors(
    monkeypatch: pytest.MonkeyPatch, registry: Registry[TransformSpec], value: str, message: str
) -> None:
    entry_points(monkeypatch, value)
    with pytest.raises(UsageError, match=message):
        load_plugins()


def test_a_plugin_cannot_take_a_builtin_name(
    monkeypatch: pytest.MonkeyPatch, registry: Registry[TransformSpec]
) -> None:
    monkeypatch.setattr(transforms, "_PLUGIN_TRIM", TransformSpec(
        name="trim", func=shout, accepts=frozenset({"string"}), returns="string",
        returns_format=None, idempotent=False, nullable_input=True, doc="", params={}),
        raising=False)
    entry_points(monkeypatch, "seamguard.mapping.transforms:_PLUGIN_TRIM")
    with pytest.raises(UsageError, match="redefines transform 'trim'"):
        load_plugins()


# --- laws -------------------------------------------------------------------------------------

MINIMAL_PARAMS: dict[str, dict[str, Any]] = {
    "strip_chars": {"chars": "-* "},
    "remove_chars": {"chars": "-() "},
    "regex_replace": {"pattern": r"\s+", "replacement": " "},
    "truncate": {"max_length": 5},
    "default": {"value": "n/a"},
    "split": {"separator": ","},
    "enum_map": {"mapping": {"a": "b"}, "default": None},
    "money_to_minor": {"currency": "CNY"},
    "money_from_minor": {"currency": "CNY"},
    "datetime_utc": {"format": "yyyy-MM-dd HH:mm:ss", "tz": "Asia/Shanghai"},
    "datetime_local": {"tz": "Asia/Shanghai"},
    "lookup": {"file": "t.json", "default": None},
}

MOBILE_PREFIXES = ["130", "133", "135", "138", "139", "150", "159", "166", "177", "186", "199"]


@st.composite
def cn_phones(draw: st.DrawFn) -> str:
    """Valid Chinese mobiles as people type them: spaces, dashes, +86, 0086, full width."""
    digits = draw(st.sampled_from(MOBILE_PREFIXES)) + draw(st.text("0123456789", min_size=8,
                                                                   max_size=8))
    sep = draw(st.sampled_from(["", " ", "-"]))
    text = sep.join([digits[:3], digits[3:7], digits[7:]])
    text = draw(st.sampled_from(["", "+86 ", "0086 ", "+86-"])) + text
    return wide(text) if draw(st.booleans()) else text


# From 1992: Shanghai kept daylight saving time until 1991, which makes some local times ambiguous.
instants = st.datetimes(min_value=datetime(1992, 1, 1), max_value=datetime(2100, 1, 1),
                        timezones=st.just(UTC))
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes)))


@st.composite
def datetime_texts(draw: st.DrawFn) -> str:
    moment = draw(instants).astimezone(draw(offsets))
    if draw(st.booleans()):  # local Shanghai time as Taobao writes it
        return moment.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S")
    return moment.isoformat(sep=draw(st.sampled_from(["T", " "])))


numbers_text = st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False,
                           allow_infinity=False, places=4).map(str)
numeric = st.one_of(numbers_text, st.integers(-(10**15), 10**15),
                    st.floats(-1e12, 1e12, allow_nan=False))
emails = st.builds("{}@{}.{}".format, st.from_regex(r"[A-Za-z0-9._%+-]{1,12}", fullmatch=True),
                   st.from_regex(r"[A-Za-z0-9-]{1,12}", fullmatch=True),
                   st.sampled_from(["com", "cn", "COM", "com.cn"]))
COUNTRIES = ["中国", "中华人民共和国", "美国", "英国", "日本", "德国", "法国", "香港", "台湾",
             "澳门", "China", "United States", "UK", "Germany", "JPN", "fr", "Hong Kong", "Macau"]
PROVINCE_NAMES = [name + suffix for names in ref.PROVINCES.values() for name in names
                  for suffix in ("", "省", "市")] + ["Guangdong", "Inner Mongolia", "CN-GD", "sh"]

TARGETED: dict[str, st.SearchStrategy[Any]] = {
    "phone_e164": cn_phones(),
    "datetime_utc": datetime_texts(),
    "datetime_local": datetime_texts(),
    "date_only": st.one_of(st.dates().map(str), instants.map(lambda d: d.isoformat())),
    "country_iso2": st.sampled_from(COUNTRIES),
    "province_code": st.sampled_from(PROVINCE_NAMES),
    "to_bool": st.one_of(st.booleans(), st.sampled_from(["是", "否", "YES", "off", "1", "n"])),
    "to_integer": st.one_of(st.integers(), st.integers().map(str), st.integers(-99, 99).map(float)),
    "to_number": numeric,
    "decimal": numeric,
    "email": emails,
}

BY_TYPE: dict[str, st.SearchStrategy[Any]] = {
    "string": st.text(),
    "integer": st.integers(),
    "number": st.floats(allow_nan=False, allow_infinity=False),
    "boolean": st.booleans(),
    "array": st.lists(st.one_of(st.none(), st.text(max_size=5), st.integers()), max_size=4),
    "object": st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    "null": st.none(),
}


def inputs(spec: TransformSpec) -> st.SearchStrategy[Any]:
    kinds = JSON_TYPES - {"any"} if "any" in spec.accepts else spec.accepts
    generic = st.one_of([BY_TYPE[kind] for kind in sorted(kinds)])
    return st.one_of(TARGETED[spec.name], generic) if spec.name in TARGETED else generic


def bound(name: str, base_dir: Path) -> Callable[[Any], Any]:
    return TRANSFORMS.get(name).bind(MINIMAL_PARAMS.get(name, {}), base_dir=base_dir)


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("tables")
    (base / "t.json").write_text('{"a": 1}', encoding="utf-8")
    return base


IDEMPOTENT = sorted(spec.name for spec in TRANSFORMS if spec.idempotent)


def test_the_normalisers_are_declared_idempotent() -> None:
    assert {"trim", "lower", "upper", "title", "phone_e164", "datetime_utc", "country_iso2",
            "province_code", "decimal", "mask", "mask_phone", "mask_email", "mask_name",
            "mask_address", "email", "to_bool", "date_only", "datetime_local"} <= set(IDEMPOTENT)


@pytest.mark.parametrize("name", IDEMPOTENT)
@FAST
@given(data=st.data())
def test_idempotent_transforms_are_idempotent(name: str, data: st.DataObject,
                                              tables: Path) -> None:
    apply = bound(name, tables)
    value = data.draw(inputs(TRANSFORMS.get(name)), label="value")
    try:
        once = apply(value)
    except TransformError:
        return  # outside the domain; the targeted strategies keep most inputs inside
    assert apply(once) == once


@pytest.mark.parametrize("name", sorted(TRANSFORMS.names()))
@FAST
@given(data=st.data())
def test_outputs_have_the_declared_json_type(name: str, data: st.DataObject,
                                             tables: Path) -> None:
    spec = TRANSFORMS.get(name)
    try:
        output = bound(name, tables)(data.draw(inputs(spec), label="value"))
    except TransformError:
        return
    if spec.returns != "any" and output is not None:
        kind = ref.json_type(output)
        assert kind == spec.returns or (spec.returns == "number" and kind == "integer")


@FAST
@given(instant=instants, offset_a=offsets, offset_b=offsets)
def test_one_instant_with_any_offset_gives_one_utc_text(
    instant: datetime, offset_a: timezone, offset_b: timezone
) -> None:
    texts = [instant.astimezone(offset).isoformat() for offset in (offset_a, offset_b)]
    local = instant.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S.%f")
    taobao = run("datetime_utc", local, format="yyyy-MM-dd HH:mm:ss.SSSSSS", tz="Asia/Shanghai")
    assert run("datetime_utc", texts[0]) == run("datetime_utc", texts[1]) == taobao
    assert datetime.fromisoformat(taobao) == instant


# Zones without daylight saving since 1992: every wall-clock time names one instant.
FIXED_ZONES = st.sampled_from(["Asia/Shanghai", "Asia/Tokyo", "Asia/Kolkata", "UTC"])


@FAST
@given(instant=instants, offset=offsets, zone=FIXED_ZONES,
       pattern=st.sampled_from(["yyyy-MM-dd HH:mm:ss", "yyyyMMddHHmmss",
                                "yyyy/MM/dd HH:mm:ss.SSS", "%Y-%m-%dT%H:%M:%S.%f"]))
def test_datetime_local_and_datetime_utc_are_a_pair(
    instant: datetime, offset: timezone, zone: str, pattern: str
) -> None:
    """Written as local text in a zone and read back in the same zone, an instant is kept (to
    the precision the pattern writes), and the text names the zone's wall clock, not UTC's."""
    local = run("datetime_local", instant.astimezone(offset).isoformat(), tz=zone, format=pattern)
    back = datetime.fromisoformat(run("datetime_utc", local, format=pattern, tz=zone))
    kept = instant.replace(microsecond=0 if "S" not in pattern and "%f" not in pattern else
                           instant.microsecond // 1000 * 1000 if "SSS" in pattern else
                           instant.microsecond)
    assert back == kept
    wall = instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None, microsecond=0)
    assert local.startswith(wall.strftime(ref.strptime_format(pattern).split(".")[0]))


@FAST
@given(phone=cn_phones())
def test_phone_formats_agree(phone: str) -> None:
    normal = run("phone_e164", phone)
    assert re.fullmatch(r"\+86\d{11}", normal)
    assert run("phone_e164", normal[3:]) == normal


@st.composite
def phones_any(draw: st.DrawFn) -> str:
    groups = draw(st.lists(st.text("0123456789", min_size=1, max_size=5), min_size=1,
                           max_size=5))
    return draw(st.sampled_from(["", "+"])) + draw(st.sampled_from(["", " ", "-"])).join(groups)


def digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


@FAST
@given(phone=phones_any())
def test_mask_phone_reveals_no_more_than_it_declares(phone: str) -> None:
    masked = run("mask_phone", phone)
    country_code = 3 if phone.startswith("+") else 0
    assert digits(masked) <= min(3 + 4 + country_code, max(digits(phone) - 4, 0))


@FAST
@given(address=emails)
def test_mask_email_reveals_one_character_of_the_mailbox(address: str) -> None:
    local, domain = run("mask_email", address).rsplit("@", 1)
    assert domain == address.rsplit("@", 1)[1]
    assert len(local.replace("*", "")) <= 1


@FAST
@given(name=st.text(min_size=1, max_size=8))
def test_mask_name_reveals_at_most_the_first_character(name: str) -> None:
    masked = run("mask_name", name)
    assert len(masked) == len(name)
    assert sum(a == b and a != "*" for a, b in zip(masked, name, strict=True)) <= 1


@FAST
@given(value=st.text(max_size=30), keep_start=st.integers(0, 12), keep_end=st.integers(0, 12))
def test_mask_reveals_at_most_keep_start_plus_keep_end(value: str, keep_start: int,
                                                      keep_end: int) -> None:
    masked = run("mask", value, keep_start=keep_start, keep_end=keep_end, char="•")
    assert len(masked) == len(value)
    shown = sum(char != "•" for char in masked)
    assert shown <= keep_start + keep_end
    assert len(value) - shown >= min(4, len(value))


@FAST
@given(amount=numeric, currency=st.sampled_from(["CNY", "USD", "EUR", "JPY", "KRW", "KWD",
                                                  "BHD", "JOD", "CLF"]))
def test_money_round_trips_to_the_currency_exponent(amount: Any, currency: str) -> None:
    exponent = ref.currency_exponent(currency)
    minor = run("money_to_minor", amount, currency=currency)
    assert isinstance(minor, int)
    assert run("money_from_minor", minor, currency=currency) == run(
        "decimal", amount, places=exponent)


def test_currency_exponents() -> None:
    assert [ref.currency_exponent(code) for code in ("CNY", "USD", "EUR", "JPY", "KRW", "KWD",
                                                     "BHD", "JOD", "CLF")] == [
        2, 2, 2, 0, 0, 3, 3, 3, 4]


@FAST
@given(text=st.text(alphabet=st.sampled_from(list("ab 批发,;\u3000")), max_size=20),
       separator=st.sampled_from([",", ";", "|"]))
def test_split_tags_and_join_round_trip(text: str, separator: str) -> None:
    tags = run("split_tags", text, separator=separator)
    assert run("split_tags", run("join", tags, separator=separator), separator=separator) == tags


@FAST
@given(value=st.decimals(allow_nan=False, allow_infinity=False, places=6,
                         min_value=-10**9, max_value=10**9))
def test_decimal_never_uses_float_arithmetic(value: Decimal) -> None:
    text = run("decimal", str(value), places=2)
    assert Decimal(text) == value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP") + 0
