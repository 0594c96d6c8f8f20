"""The base of every settings table (frozen, unknown keys refused, no inf or NaN) and path
settings that must name something."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from seamguard.model_errors import ENV_NAME_PATTERN


def _named_path(value: str) -> str:
    # An empty path is the project folder itself: reports written among the sources, the whole
    # project read as suites, a baseline silently left out.
    if not value.strip():
        raise ValueError(f"expected a file or folder path, relative to the project; found "
                         f"{value!r} (leave the key out for its default)")
    return value


PathSetting = Annotated[str, AfterValidator(_named_path)]


def _not_a_token(name: str) -> str:
    """A variable's name, not the secret itself pasted in its place (40 mixed-case letters and
    digits are a token's shape; names are words): refused without repeating it."""
    if (len(name) >= 20 and any(ch.islower() for ch in name)
            and any(ch.isupper() for ch in name) and any(ch.isdigit() for ch in name)):
        raise ValueError(f"expected the name of an environment variable; found a value of "
                         f"{len(name)} characters shaped like a token, not shown: the secret "
                         "itself, it seems — keep it in the environment and write the "
                         "variable's name here")
    return name


# Where a setting names the environment variable that holds a secret or a URL.
EnvName = Annotated[str, Field(pattern=ENV_NAME_PATTERN), AfterValidator(_not_a_token)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
