"""The base of every settings table (frozen, unknown keys refused, no inf or NaN) and path
settings that must name something."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


def _named_path(value: str) -> str:
    # An empty path is the project folder itself: reports written among the sources, the whole
    # project read as suites, a baseline silently left out.
    if not value.strip():
        raise ValueError(f"expected a file or folder path, relative to the project; found "
                         f"{value!r} (leave the key out for its default)")
    return value


PathSetting = Annotated[str, AfterValidator(_named_path)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
