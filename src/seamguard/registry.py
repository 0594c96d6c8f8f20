"""One generic registry for every kind of named, pluggable thing (checks, transforms, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from seamguard.errors import UsageError
from seamguard.spelling import nearest

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """Named items of one kind; unknown names get a "did you mean" error."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def add(self, name: str, item: T) -> T:
        if name in self._items:
            raise ValueError(f"{self.kind} {name!r} is registered twice")
        self._items[name] = item
        return item

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            close = nearest(name, list(self._items))
            raise UsageError(
                f"unknown {self.kind} {name!r}",
                hint=f"did you mean {close!r}?" if close else
                f"known: {', '.join(sorted(self._items))}",
            ) from None

    def names(self) -> list[str]:
        return list(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def __contains__(self, name: object) -> bool:
        return name in self._items
