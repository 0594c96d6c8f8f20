"""The recorded check's id, and where an interaction is and what it is checked against."""

from __future__ import annotations

from typing import NamedTuple

from seamguard.contracts.model import Contract, Operation
from seamguard.findings import Location, Severity
from seamguard.recordings.routing import Route

CHECK_ID = "recorded"
_ERROR = Severity.ERROR


class _Where:
    """Where an interaction is, kept cheap: a Location is only built when there is a finding."""

    __slots__ = ("file", "interaction", "operation", "platform", "version")

    def __init__(self, file: str, interaction: int) -> None:
        self.file = file
        self.interaction = interaction
        self.platform: str | None = None
        self.version: str | None = None
        self.operation: str | None = None

    def at(self, pointer: str | None = None) -> Location:
        return Location(platform=self.platform, version=self.version, operation=self.operation,
                        pointer=pointer, file=self.file, interaction=self.interaction)


class _Target(NamedTuple):
    """What one interaction is checked against."""

    contract: Contract
    operation: Operation
    route: Route
    where: _Where
