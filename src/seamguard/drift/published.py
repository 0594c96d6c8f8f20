"""Newly published spec versions: fetch the platform's published OpenAPI document and diff it
against the newest contract the project holds, with the consumer stance of ``contract diff``.

Configured per platform::

    [tool.seamguard.platforms.hubspot.published_spec]
    url = "https://api.example.com/openapi/crm-v3.json"

Each nightly run fetches it (timeouts, bounded retries, ``Retry-After`` honoured), keeps the
fetched copy under ``reports/drift/<platform>/``, and turns every change into a finding whose
code is ``spec.<rule id>`` — so a change is reported as new once, then as ongoing, through the
same history as observed drift. A spec that does not parse is a finding, never a crash.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.net import (
    DeadlineExceeded,
    NetworkLimits,
    RedirectRefused,
    ResponseTooLarge,
    bounded_client,
)

if TYPE_CHECKING:
    from seamguard.drift.impact import ImpactIndex
    from seamguard.project import PlatformSettings, Project, Settings

__all__ = ["check_published"]

CHECK_ID = "drift"
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def check_published(
    project: Project,
    platform: str,
    settings: PlatformSettings,
    impact: ImpactIndex,
    now: datetime,
    *,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Finding]:
    """Fetch, keep and diff the platform's published spec; every change is a finding."""
    from seamguard.contracts.diff import change_findings, diff_contracts
    from seamguard.contracts.diff_shapes import check_shapes
    from seamguard.contracts.model import load_contract
    from seamguard.contracts.oasdiff_settings import diff_arguments

    spec = settings.published_spec
    assert spec is not None
    version = settings.versions[-1]
    where = Location(platform=platform, version=version, operation=f"GET {spec.url}")
    max_bytes = int(project.settings.max_document_mb * 1_048_576)
    try:
        body, media = _fetch(platform, settings, project.settings, max_bytes, transport, sleep)
    except _FetchError as exc:
        return [Finding(code="drift.spec-fetch-failed", severity=Severity.ERROR, check=CHECK_ID,
                        message=f"could not fetch the published {platform} spec: {exc}",
                        location=where,
                        hint="check published_spec.url, the network and, if it needs one, "
                             "the token")]
    suffix = ".json" if body.lstrip()[:1] in (b"{", b"[") or "json" in media else ".yaml"
    folder = project.reports_dir / "drift" / platform
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder / f"published-{now.strftime('%Y%m%dT%H%M%S.%fZ')}{suffix}"
    # The copy kept for people is masked line by line, as a report is: a vendor's examples,
    # enums and defaults may hold real personal data. The diff reads the document as fetched,
    # from a private scratch file, and its lines are the kept copy's lines.
    _write_atomically(saved, _masked_copy(body, media, project))
    # The project's own contract failing to load is a usage error (exit 2), raised as such.
    local = load_contract(project.contract_file(platform, version), platform=platform,
                          version=version, display=project.relative, max_bytes=max_bytes,
                          max_depth=project.settings.max_depth, within=project.root)
    try:
        with tempfile.TemporaryDirectory(prefix="seamguard-spec-") as private:
            fetched = Path(private) / saved.name
            fetched.write_bytes(body)

            def shown(path: Path) -> str:
                return project.relative(saved if path == fetched else path)

            # A document from the network may refer to nothing but itself: no local file read.
            published = load_contract(fetched, platform=platform, version="published",
                                      display=shown, max_bytes=max_bytes,
                                      max_depth=project.settings.max_depth, within=fetched)
        # what `contract diff` refuses on that file (a keyword of the wrong kind) is refused here
        check_shapes(published.docs, published.document)
    except UsageError as exc:
        return [Finding(code="drift.spec-unparseable", severity=Severity.ERROR, check=CHECK_ID,
                        message=f"the published {platform} spec cannot be read: {exc.message}",
                        location=Location(platform=platform, version=version,
                                          file=exc.file or project.relative(saved),
                                          line=exc.line, pointer=exc.pointer),
                        hint="the platform may be mid-release; if it persists, report it to "
                             "them (the fetched copy is kept under reports/drift/)")]
    info = published.document.get("info") if isinstance(published.document, dict) else None
    label = str(info.get("version")) if isinstance(info, dict) and info.get("version") else "?"

    def consumed(operation: str, field: str) -> str:
        return impact.describe_readers([(platform, version)], operation, field)

    # oasdiff's settings file at the project's root chooses the paths compared and the
    # deprecation periods, as it does for `contract diff` and `contract history`
    chosen = diff_arguments(project.root)
    changes = diff_contracts(chosen.paths.apply(local),
                             chosen.paths.apply(published, revision=True), consumed=consumed,
                             policy=chosen.policy,
                             include_path_params=chosen.include_path_params)
    findings = change_findings(
        changes, check=CHECK_ID, prefix="spec", platform=platform, version=version,
        file=project.relative(saved), about=f"published spec {label} vs {platform}@{version}: ",
        hint=lambda change: "add the new version under contracts/ and adapt the mappings "
                            "before the platform retires this one"
                            if change.level == "error" else None)
    if changes:
        breaking = sum(change.level == "error" for change in changes)
        findings.insert(0, Finding(
            code="drift.spec-changed",
            severity=Severity.WARNING if breaking else Severity.INFO, check=CHECK_ID,
            message=f"{platform} publishes spec {label}, which differs from {platform}@"
                    f"{version}: {len(changes)} change(s), {breaking} breaking for this project",
            location=Location(platform=platform, version=version,
                              file=project.relative(saved)),
            hint=f"seamguard contract diff {platform}@{version} {project.relative(saved)}"))
    return findings


class _FetchError(Exception):
    pass


def _fetch(platform: str, settings: PlatformSettings, project_settings: Settings,
           max_bytes: int, transport: httpx.BaseTransport | None,
           sleep: Callable[[float], None]) -> tuple[bytes, str]:
    import os

    from seamguard.drift.live import auth_headers

    spec = settings.published_spec
    assert spec is not None
    headers = {"Accept": "application/json, application/yaml;q=0.9, */*;q=0.5"}
    if spec.auth:
        headers.update(auth_headers(platform, settings, os.environ)[0])
    attempts = 3
    limits = NetworkLimits.from_settings(project_settings, max_bytes=max_bytes,
                                         timeout=spec.timeout)
    # Bounded: a total deadline, the document size cap (also once inflated), no cookies, and
    # redirects to the same host only, so the platform's token never travels elsewhere.
    with bounded_client(limits, transport=transport, headers=headers,
                        follow_redirects=True) as client:
        for attempt in range(1, attempts + 1):
            try:
                with client.stream("GET", spec.url) as response:
                    if response.status_code in (429, 502, 503, 504) and attempt < attempts:
                        wait = _wait(response, attempt)
                        if wait > min(60.0, limits.deadline):
                            # Said, not waited for: a wait of minutes would hold the night.
                            raise _FetchError(
                                f"{response.status_code} {response.reason_phrase}: the server "
                                "asks to come back after Retry-After: "
                                f"{response.headers.get('Retry-After', '')[:64]} ({wait:.0f} s),"
                                f" longer than the {min(60.0, limits.deadline):g} s a request "
                                "may wait, so it was not waited for")
                        sleep(wait)
                        continue
                    if response.status_code >= 400:
                        raise _FetchError(f"{response.status_code} {response.reason_phrase}")
                    media = response.headers.get("Content-Type", "").lower()
                    if "html" in media:
                        raise _FetchError("an HTML page where an OpenAPI document was expected")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise _FetchError(f"larger than max_document_mb "
                                              f"({max_bytes // 1_048_576} MB)")
                        chunks.append(chunk)
                    return b"".join(chunks), media
            except (RedirectRefused, ResponseTooLarge, httpx.DecodingError) as exc:
                raise _FetchError(str(exc)) from exc
            except httpx.TooManyRedirects as exc:
                raise _FetchError(f"redirected more than {limits.max_redirects} times (a "
                                  "redirect loop?)") from exc
            except httpx.TimeoutException as exc:
                if attempt == attempts:
                    raise _FetchError(str(exc) if isinstance(exc, DeadlineExceeded)
                                      else f"timed out after {spec.timeout:g} s") from exc
                sleep(0.5 * 2 ** (attempt - 1))
            except httpx.TransportError as exc:
                if attempt == attempts or "CERTIFICATE" in str(exc).upper():
                    raise _FetchError(str(exc) or type(exc).__name__) from exc
                sleep(0.5 * 2 ** (attempt - 1))
    raise _FetchError("no answer after retries")


def _wait(response: httpx.Response, attempt: int) -> float:
    from seamguard.drift.live import retry_after_seconds

    wait = retry_after_seconds(response.headers.get("Retry-After"), time.time())
    # An unreadable Retry-After falls back to our own backoff.
    return wait if wait is not None else float(0.5 * 2 ** (attempt - 1))


def _masked_copy(body: bytes, media: str, project: Project) -> bytes:
    """The fetched document as UTF-8 text with personal data and secrets masked, every line
    where it was (findings point into the copy by line)."""
    from seamguard.privacy.guard import mask_text
    from seamguard.privacy.policy import PrivacyPolicy
    from seamguard.recordings.bodies import decode

    policy = PrivacyPolicy.from_settings(project.settings.privacy)
    decoded = decode(body, media or None)
    text = decoded.text if decoded is not None else body.decode("utf-8", "replace")
    return "".join(mask_text(line, policy)
                   for line in text.splitlines(keepends=True)).encode("utf-8")


def _write_atomically(path: Path, data: bytes) -> None:
    scratch = path.with_suffix(path.suffix + ".part")
    scratch.write_bytes(data)
    scratch.replace(path)
