"""The auth header of live requests to a platform, read from the environment, checked before
anything is sent (an unset variable, a token an HTTP header cannot carry)."""

from __future__ import annotations

from collections.abc import Mapping

from seamguard.errors import UsageError
from seamguard.project import PlatformSettings

__all__ = ["auth_headers"]


def auth_headers(platform: str, settings: PlatformSettings,
                 env: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """The auth header for live requests to ``platform`` and the token in it (None: no auth).

    Raises:
        UsageError: the environment variable holding the token is not set.
    """
    if settings.auth is None:
        return {}, None
    name = settings.auth.env
    token = env.get(name, "").strip()
    if not token:
        raise UsageError(
            f"${name} is not set: live requests to {platform} need its access token",
            pointer=f"tool.seamguard.platforms.{platform}.auth.env",
            hint=f"export {name}=<token> before running the job",
        )
    # An HTTP header carries visible ASCII and spaces only: a token copied with a line break
    # inside, a control character or a non-ASCII character would fail deep in the client.
    odd = next((i for i, c in enumerate(token) if not (" " <= c <= "~" or c == "\t")), None)
    if odd is not None:
        kind = ("a line break" if token[odd] in "\r\n" else "a control character"
                if ord(token[odd]) < 128 else "a non-ASCII character")
        raise UsageError(  # the token itself is a secret: only where the problem sits
            f"${name} holds {kind} at position {odd + 1} of {len(token)}, which an HTTP header "
            f"({settings.auth.header}) cannot carry",
            pointer=f"tool.seamguard.platforms.{platform}.auth.env",
            hint=f"set {name} to the token alone, as the platform issued it (copy it again "
                 "without the surrounding text or line breaks)",
        )
    scheme = settings.auth.scheme
    return {settings.auth.header: f"{scheme} {token}" if scheme else token}, token
