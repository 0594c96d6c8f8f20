"""Place and lookup-table transforms: countries, Chinese provinces, project tables."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from seamguard.mapping import reference_data as ref
from seamguard.mapping.transforms.core import ABSENT, TransformError, must, shown, transform


@transform("country_iso2", accepts=["string"], returns="string", idempotent=True,
           max_length=2)
def country_iso2(value: str) -> str:
    """Country -> ISO 3166-1 alpha-2: China, CHN, cn, 中国, 中华人民共和国 -> CN; 香港 -> HK."""
    return must(ref.country_alpha2(value), "a country name or ISO 3166-1 code", value)


@transform("province_code", accepts=["string"], returns="string", idempotent=True,
           max_length=5)
def province_code(value: str) -> str:
    """Chinese province-level division -> ISO 3166-2: 广东省, 广东, Guangdong -> ``CN-GD``."""
    return must(ref.china_province_code(value), "a Chinese province, municipality, "
                 "autonomous region or SAR", value)


@transform("lookup", accepts=["string", "integer"], returns="any", prepare=lambda params: {
    **params, "_table": ref.load_table(params["file"], params.get("key"), params.get("value"),
                                       params.get("_base_dir"))})
def lookup(item: str | int, /, file: str, key: str | None = None, value: str | None = None,
           default: Any = ABSENT, *, _base_dir: Path | None = None,
           _table: Mapping[str, Any] | None = None) -> Any:
    """Look the value up in a CSV or JSON table file, loaded once when the rule is bound.

    ``file`` is relative to the project root. A CSV needs a header row; ``key`` and ``value``
    name its columns (default: the first two) and its values are text. A JSON table is one
    object. Keys match exactly (an integer as its text); unknown keys fail unless ``default``.
    """
    table = _table if _table is not None else ref.load_table(file, key, value, _base_dir)
    if (found := table.get(str(item), ABSENT)) is not ABSENT:
        return found
    if default is ABSENT:
        raise TransformError(f"expected a key of {file}, got {shown(item)}")
    return default
