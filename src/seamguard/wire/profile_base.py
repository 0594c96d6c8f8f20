"""The groundwork of wire-profile settings: the strict model every table is, and where a named
value sits in a request. ``seamguard.wire.profile`` builds the profile on it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["ParamLocation", "Place", "StrictModel"]

Place = Literal["query", "form", "json", "header"]


class StrictModel(BaseModel):
    """A settings table: unknown keys refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ParamLocation(StrictModel):
    """Where a named value sits in a request: the first place (in order) that has it wins."""

    places: tuple[Place, ...] = Field(alias="in", min_length=1)
    name: str = Field(min_length=1)

    @field_validator("places", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value
