"""What people coming from schemathesis give ``seamguard probe`` that it cannot take as given:
schemathesis 3's milliseconds where seconds go, a URL without its scheme, the schema file or
URL (``st run SCHEMA``) where the platform goes. Each is a usage error naming what to write."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from seamguard.errors import UsageError

if TYPE_CHECKING:
    from seamguard.probe import ProbeOptions

__all__ = ["check_base_url", "check_durations", "schema_given"]

# Longer than this per request is no probe setting but a habit of schemathesis 3, whose
# --request-timeout took milliseconds.
_LONGEST_TIMEOUT = 300.0


def check_durations(options: ProbeOptions) -> None:
    """Times schemathesis 3 took in milliseconds, given to seamguard's seconds, are refused
    with the value meant (``--max-response-time 500`` is half a second there)."""
    if not all(_number(value) for value in (options.timeout, options.max_response_time)
               if value is not None):
        return  # a value of schemathesis.toml that is no number: schemathesis refuses it
    if options.timeout > _LONGEST_TIMEOUT:
        raise UsageError(
            f"--request-timeout {options.timeout:g}: {options.timeout / 60:.0f} minutes a "
            "request is no probe setting",
            hint=f"seamguard (as schemathesis 4) takes seconds; schemathesis 3 took "
                 f"milliseconds: --request-timeout {options.timeout / 1000:g}")
    slowest = options.max_response_time
    if slowest is not None and slowest >= options.timeout:
        raise UsageError(
            f"--max-response-time {slowest:g} seconds is not below the request timeout "
            f"({options.timeout:g} s), so no answer could be reported slow",
            hint=f"seamguard (as schemathesis 4) takes seconds; schemathesis 3 took "
                 f"milliseconds: --max-response-time {slowest / 1000:g}" if slowest >= 50
            else f"raise --request-timeout above {slowest:g}, or lower --max-response-time")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_base_url(url: str, *, given: bool) -> None:
    """A base URL requests could not send to is a usage error naming the URL meant."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return
    option = "--url" if given else "base_url"
    rest = url.split("://")[-1]
    raise UsageError(f"{option} {url!r} is no base URL: it needs http:// or https:// and a "
                     "host",
                     hint=f"write the scheme: http://{rest} (https:// for TLS)"
                     if rest and not any(ch.isspace() for ch in rest)
                     else "e.g. http://127.0.0.1:8000/api")


def schema_given(project: Any, given: str) -> str | None:
    """The hint for ``st run SCHEMA``'s habit: a schema file or URL where probe takes the
    platform whose contract it is (named when the file is one of the project's)."""
    if "://" in given:
        return ("probe takes a platform name and reads its contract from contracts/; pass the "
                "service's address with --url (schemathesis' st run SCHEMA --url)")
    if not given.endswith((".yaml", ".yml", ".json")) and "/" not in given:
        return None
    wanted = {Path(given).resolve(), (project.root / given).resolve()}
    for name, platform in project.settings.platforms.items():
        for version in platform.versions:
            if project.contract_file(name, version).resolve() in wanted:
                return (f"probe takes the platform whose contract that is: seamguard probe "
                        f"{name} --version {version}")
    return ("probe takes a platform name and reads its contract from contracts/PLATFORM/"
            "VERSION/; put the file there (seamguard init . adopts it)")
