"""One pydantic ValidationError, told as the one problem a person should fix first.

pydantic reports where a value failed in terms of its own model: union branches appear as extra
path parts (``fields/0/source/str``, ``function-after[...]``), and a value that fits no branch
of a union counts as one problem per branch. Settings and mapping specs are documents a person
wrote, so the path here is a path *into that document* (only parts that exist in it, plus the
name of a missing key), the message says what was expected and what was found, and problems
are counted per place, not per branch.
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

__all__ = ["ENV_NAME_PATTERN", "ModelProblem", "first_problem", "known_keys", "shown_part"]

_MODEL_CLASS = re.compile(r" or instance of [A-Za-z_]\w*")
# The name of an environment variable (POSIX: letters, digits and `_`, not a digit first), as
# settings that name one declare it.
ENV_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"


@dataclass(frozen=True)
class ModelProblem:
    """The problem to report: where (keys and indexes into the document), what, how many more."""

    path: list[str | int]
    message: str
    kind: str  # pydantic's error type: extra_forbidden, missing, string_type, ...
    more: int

    @property
    def key(self) -> str:
        """The last key of the path ("" at the top)."""
        return str(self.path[-1]) if self.path else ""

    @property
    def shown_path(self) -> list[str | int]:
        """The path as an error quotes it: each key by :func:`shown_part`."""
        return [shown_part(part) if isinstance(part, str) else part for part in self.path]

    def counted(self, message: str | None = None) -> str:
        """The message (or ``message``) with "(and N more problems)" when there are more."""
        text = message if message is not None else self.message
        if self.more:
            text += f" (and {self.more} more problem{'s' if self.more > 1 else ''})"
        return text


def first_problem(exc: Any, data: Any, *, aliases: dict[str, str] | None = None) -> ModelProblem:
    """The first problem of a pydantic ``ValidationError`` raised validating ``data``.

    ``aliases`` maps model field names to the keys users write (``schema_`` -> ``schema``).
    An unknown key sorts first: a misspelt key also makes the intended one "missing", and the
    misspelling is the cause.
    """
    aliases = aliases or {}
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    # A set: a document with thousands of unknown keys has as many problems to count.
    places = {tuple(_document_path(error, data, aliases)) for error in errors}
    error = errors[0]
    path = _document_path(error, data, aliases)
    message = str(error["msg"]).removeprefix("Value error, ")
    # pydantic names its own model classes ("a valid dictionary or instance of Endpoint"):
    # the person who wrote the document knows no such class.
    message = _MODEL_CLASS.sub("", message)
    kind = str(error["type"])
    if kind == "extra_forbidden":
        message = f"unknown key {shown_part(str(path[-1]))!r}"
    elif kind == "missing":
        message = f"required key {str(path[-1])!r} is missing"
    elif kind == "string_pattern_mismatch" and (error.get("ctx") or {}).get(
            "pattern") == ENV_NAME_PATTERN:
        message = ("expected the name of an environment variable (letters, digits and `_`, "
                   f"not a digit first); found {_not_a_name(error.get('input'))}")
    elif "input" in error and kind.endswith(("_type", "_parsing", "literal_error", "enum")):
        message = f"{message}; found {_shown(error['input'])}"
    return ModelProblem(path, message, kind, len(places) - 1)


def _document_path(error: Any, data: Any, aliases: dict[str, str]) -> list[str | int]:
    """The parts of pydantic's ``loc`` that lead through ``data`` (union tags dropped)."""
    path: list[str | int] = []
    node = data
    loc = list(error["loc"])
    for position, part in enumerate(loc):
        key = aliases.get(str(part), part)
        if isinstance(node, dict) and str(key) in node:
            path.append(str(key))
            node = node[str(key)]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            path.append(key)
            node = node[key]
        elif position == len(loc) - 1 and error["type"] == "missing" and isinstance(key, str):
            path.append(key)
    return path


# A variable's name written a little wrong (`SHOP-TOKEN`, `shop token`): quoted, to be fixed.
_NAME_LIKE = re.compile(r"[A-Z0-9_.$ -]{1,40}|[a-z0-9_.$ -]{1,40}")


def _not_a_name(value: Any) -> str:
    """What was written where a variable's name belongs, quoted only when it looks like a
    name: often it is the secret or the URL itself, pasted in, and must not be echoed."""
    text = str(value)
    if isinstance(value, str) and _NAME_LIKE.fullmatch(text) and not (
            len(text) >= 16 and any(ch.isdigit() for ch in text)):
        return _shown(value)
    what = f"a {text.split('://', 1)[0]}:// URL" if "://" in text else \
        f"a value of {len(text)} characters"
    return (f"{what}, not shown: the secret itself, it seems — keep it in the environment "
            "and write the variable's name here")


def shown_part(text: str) -> str:
    """A key or a value a person wrote, as an error quotes it: as written when provably not
    personal (a misspelt setting, a status, a number), else by its shape (``Z****** W****``):
    a document may hold a customer's name where a key or a value belongs, and an error is
    pasted where the document is not."""
    if text.isascii() and not any(char.isupper() for char in text):
        return text  # (lower-case words and codes: shown, without loading the name lists)
    from seamguard.privacy.observed import shape

    return shape(text)


def _shown(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    if len(text) > 60:
        text = text[:59] + "…"
    text = shown_part(text)
    kinds = {dict: "mapping", list: "list", str: "string", bool: "boolean", int: "integer",
             float: "number", type(None): "null"}
    return f"{text} ({kinds.get(type(value), type(value).__name__)})"


def known_keys(model: Any, loc: list[str]) -> list[str]:
    """The keys the table at ``loc`` of a document of ``model`` takes (for "did you mean"),
    found by following the models' field types: tables of tables (``platforms.<name>``) and
    lists of tables alike; [] where ``loc`` leads to no model."""
    from pydantic import BaseModel

    annotation: Any = model
    for part in loc:
        annotation = _table_type(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields = {field.alias or name: field for name, field in
                      annotation.model_fields.items()}
            field = fields.get(part) or annotation.model_fields.get(part)
            if field is None:
                return []
            annotation = field.annotation
        elif typing.get_origin(annotation) in (dict, list):
            annotation = typing.get_args(annotation)[-1]
        elif typing.get_origin(annotation) is tuple:  # tuple[X, ...]: a list of tables
            annotation = typing.get_args(annotation)[0]
        else:
            return []
    annotation = _table_type(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return sorted(field.alias or name for name, field in annotation.model_fields.items())
    return []


def _table_type(annotation: Any) -> Any:
    """``X | None`` -> ``X``: the table type behind an optional key."""
    if typing.get_origin(annotation) in (types.UnionType, typing.Union):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation
