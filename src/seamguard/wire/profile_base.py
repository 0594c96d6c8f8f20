"""The groundwork of wire-profile settings: the strict model every table is, and where a named
value sits in a request. ``seamguard.wire.profile`` builds the profile on it."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["OperationLocation", "ParamLocation", "Place", "StrictModel"]

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


class OperationLocation(ParamLocation):
    """Where the operation name sits, and what a valid name looks like (checked by lint)."""

    pattern: str | None = Field(default=None, description="regular expression an operation "
                                "name must match, e.g. ^[a-z]+(\\.[a-z0-9_]+)+$")
    path: Literal["dots-as-slashes"] | None = Field(
        default=None, description="each operation is served at a path of its own, named after "
        "it (Douyin Shop, Kuaishou: order.searchList at /order/searchList); with no profile "
        "`path`")
    also: tuple[str, ...] = Field(
        default=(), description="more parameters (in the same places) whose values complete "
        "the operation's name, joined by `join` after `name`'s (Vipshop: name = \"service\", "
        "also = [\"method\"] names com.vip…UnionGoodsService.getByGoodsIdsV2); only `name`'s "
        "value may contain `join`")
    join: str = Field(default=".", min_length=1,
                      description="between the parts of a name given by `also`")

    @field_validator("also")
    @classmethod
    def _distinct(cls, value: tuple[str, ...], info: Any) -> tuple[str, ...]:
        name = info.data.get("name")
        for index, part in enumerate(value):
            if not part or part == name or part in value[:index]:
                raise ValueError(f"`also` = {list(value)}: each part names another parameter "
                                 f"than `name` ({name!r}) and the other parts, e.g. "
                                 "name = \"service\", also = [\"method\"]")
        return value

    @property
    def parts(self) -> tuple[str, ...]:
        """The parameters that name an operation, in order."""
        return (self.name, *self.also)

    @property
    def label(self) -> str:
        """The parameters that name an operation, as a message says them."""
        return " + ".join(f"`{part}`" for part in self.parts)

    def split(self, operation: str) -> dict[str, str]:
        """Each naming parameter's value in ``operation`` (the last parts split off by
        ``join``; the first keeps any ``join`` it contains)."""
        if not self.also:
            return {self.name: operation}
        values = operation.rsplit(self.join, len(self.also))
        values += [""] * (len(self.parts) - len(values))
        return dict(zip(self.parts, values, strict=True))

    def path_of(self, name: str) -> str | None:
        """The path ``name`` is served at, when operations have paths of their own."""
        return "/" + name.replace(".", "/") if self.path == "dots-as-slashes" else None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a regular expression: {exc}") from None
        return value
