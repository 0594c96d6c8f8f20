"""Errors of the tool itself, apart from findings about the user's integration.

A finding says "your data or contract has a problem" and is reported; an error says "seamguard
cannot do what you asked" and stops the command with exit code 2::

    SeamguardError
     └── UsageError              the project, a file or the command line is invalid
          ├── SettingsError      [tool.seamguard] in pyproject.toml
          ├── DocumentError      a YAML/JSON file cannot be read or parsed
          │    └── PathRefused   the system refuses the user a path (no permission)
          └── ContractError      an OpenAPI contract cannot be loaded (bad $ref, cycle, ...)

Each carries the file, the line or JSON path where known, and a hint.
"""

from __future__ import annotations

__all__ = ["REFUSED", "ContractError", "DocumentError", "PathRefused", "SeamguardError",
           "SettingsError", "UsageError"]

# The finding code of a path the user running seamguard may not read, whatever kind of input
# it is (settings, contract, mapping, suite, dataset, baseline, drift history, cassette): the
# project cannot be checked as it stands, so it always means exit code 2.
REFUSED = "path.refused"


class SeamguardError(Exception):
    """Base of every error seamguard raises on purpose."""


class UsageError(SeamguardError):
    """The project, one of its files or the command line is invalid (exit code 2)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        pointer: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.pointer = pointer
        self.hint = hint

    @property
    def refused(self) -> bool:
        """The system refused the user a path, here or in the error this one wraps."""
        return isinstance(self, PathRefused) or isinstance(self.__cause__, PathRefused)

    def finding_code(self, code: str) -> str:
        """``code`` for a finding made of this error, or ``path.refused`` when it is one."""
        return REFUSED if self.refused else code

    @property
    def where(self) -> str:
        """``file:line (at pointer)``, as much of it as is known ("" when nothing is)."""
        if self.file:
            where = f"{self.file}:{self.line}" if self.line else self.file
            return f"{where} (at {self.pointer})" if self.pointer else where
        return f"at {self.pointer}" if self.pointer else ""

    def __str__(self) -> str:
        where = self.where
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class SettingsError(UsageError):
    """``[tool.seamguard]`` is missing or invalid."""


class DocumentError(UsageError):
    """A YAML or JSON file cannot be read or parsed."""


class PathRefused(DocumentError):
    """The system refuses the user running seamguard a path: no permission."""


class ContractError(UsageError):
    """An OpenAPI contract cannot be loaded: broken ``$ref``, reference cycle, wrong shape."""
