"""The nightly drift job: fetch live, record, compare, remember, and say only what is new.

For each platform with ``live`` requests in its settings: send them (safe methods only, auth from
the environment, retries, ``Retry-After``), record the answers as a scrubbed cassette under
``reports/drift/``, profile the payloads against the contract (observed drift, with impact
through the mappings), and pass the findings through the history store, so each is reported
once as new, then as ongoing (information only), then as resolved. The exit code tells the
scheduler whether anything new or worse appeared.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from seamguard.drift.announced import ANNOUNCED_CODES
from seamguard.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.drift.live import FetchOutcome, LiveRequest
    from seamguard.project import Project

__all__ = ["history_url", "run_check"]

CHECK_ID = "drift"

#: Codes of drift seen in the payloads: a night without all of them cannot say it is gone.
OBSERVED_CODES = frozenset({
    "drift.new-enum-value", "drift.required-missing", "drift.unexpected-null",
    "drift.type-changed", "drift.format-changed", "drift.format-shifted",
    "drift.undeclared-field", "drift.contract-violation", "drift.in-band-errors",
    "drift.undeclared-in-band-error", "drift.status-undocumented", "drift.media-type-mismatch",
    "drift.charset-mismatch", "drift.page-repeated",
    "drift.page-loop", "drift.page-skipped", "drift.page-short", "drift.paging-incomplete",
    "drift.paging-unreadable", "drift.paging-unstable", *ANNOUNCED_CODES})


def history_url(project: Project) -> str:
    """The history database URL: from ``history_env`` when set, a project-relative SQLite file
    otherwise."""
    import os

    from seamguard.errors import SettingsError
    from seamguard.project import forgotten_history

    settings = project.settings.drift
    if settings.history_env:
        url = os.environ.get(settings.history_env)
        if not url:
            raise SettingsError(
                f"environment variable {settings.history_env} (drift history URL) is not set",
                pointer="tool.seamguard.drift.history_env",
                hint="export it, or remove history_env to use the SQLite default")
        if forgotten_history(url):
            raise SettingsError(
                f"environment variable {settings.history_env} (drift history URL) names no "
                f"file: {url!r} would be forgotten when the run ends",
                pointer="tool.seamguard.drift.history_env",
                hint="give a PostgreSQL URL or sqlite:///path/to/history.sqlite")
        return url
    url = settings.history
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        return prefix + str(project.root / url[len(prefix):])
    return url


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``drift.nightly`` check."""
    from seamguard.drift.announced import announced
    from seamguard.drift.history import HistoryError, HistoryStore
    from seamguard.drift.impact import ImpactIndex
    from seamguard.drift.live import LiveFetcher
    from seamguard.drift.media import charset_mismatches, read_disguised_json
    from seamguard.drift.observe import InBandTally, compare, observe, profile_payloads
    from seamguard.drift.pages import fetch_lists
    from seamguard.drift.published import check_published
    from seamguard.drift.shifts import dominant_formats, format_shifts
    from seamguard.net import NetworkLimits
    from seamguard.privacy.guard import mask_findings
    from seamguard.privacy.policy import PrivacyPolicy
    from seamguard.privacy.pseudonym import project_key
    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedVerifier

    project = context.project
    now = datetime.now(UTC)
    platforms = {name: p for name, p in project.settings.platforms.items()
                 if p.live or p.published_spec}
    if not platforms:
        yield Finding(code="drift.nothing-to-fetch", severity=Severity.WARNING, check=CHECK_ID,
                      message="no platform has `live` requests or a `published_spec`, so "
                              "nothing was fetched",
                      hint="add [[tool.seamguard.platforms.<name>.live]] entries with a path, "
                           "or [tool.seamguard.platforms.<name>.published_spec] with a url",
                      location=Location(file="pyproject.toml"))
        return
    ignores = list(project.settings.drift.ignore)
    impact = ImpactIndex.for_project(project)
    privacy = PrivacyPolicy.from_settings(project.settings.privacy)
    key = project_key(project)
    verifier = RecordedVerifier(project, context.catalog)
    undeclared = verifier.undeclared_severity
    try:
        store = HistoryStore.open(history_url(project),
                                  connect_timeout=project.settings.network.timeout)
    except HistoryError as exc:
        if exc.file:
            raise
        # The URL itself is wrong: point at the setting that holds it.
        raise HistoryError(exc.message, file=project.relative(project.pyproject),
                           line=project.setting_line("drift.history"),
                           pointer="tool.seamguard.drift.history", hint=exc.hint) from None
    # Progress counts requests (each live request, each published spec), not platforms.
    total = sum(len(p.live) + (p.published_spec is not None) for p in platforms.values())
    sent = 0
    # The night's fetching (every request, page, retry and wait) ends by this time.
    deadline = time.monotonic() + project.settings.drift.deadline

    def answered(label: str) -> None:
        nonlocal sent
        sent += 1
        context.progress(sent, total, label)

    def paged(label: str) -> None:
        nonlocal total
        total += 1  # a page beyond the first: one more request than the settings list
        answered(label)

    try:
        for name, settings in platforms.items():
            context.progress(sent, total, name)
            version = settings.versions[-1]
            cassette_path = (project.reports_dir / "drift" / name
                             / f"{now.strftime('%Y%m%dT%H%M%S.%fZ')}.yaml")
            findings: list[Finding] = []
            unchecked_codes: frozenset[str] = frozenset()
            outcomes: list[FetchOutcome] = []
            if settings.live:
                network = project.settings.network
                limits = NetworkLimits.from_settings(
                    project.settings, max_bytes=int(project.settings.max_body_mb * 1_048_576))
                fetcher = LiveFetcher(name, settings, version, timeout=network.timeout,
                                      limits=limits, privacy=privacy, pseudonym_key=key,
                                      deadline=deadline)
                outcomes, pages = fetch_lists(
                    fetcher, settings.live, cassette_path,
                    on_request=partial(_answered, answered, name),
                    on_page=partial(_answered, paged, name),
                    declared=partial(_declared_params, context, name, version))
                findings.extend(pages)
                findings.extend(charset_mismatches(outcomes, name, version))
                findings.extend(announced(outcomes, name, version,
                                          path_version="{version}" in settings.base_url))
                findings.extend(_unreachable(name, version, outcomes))
                if any(o.error for o in outcomes):
                    # Drift seen before may sit in the answers that did not arrive tonight.
                    unchecked_codes = OBSERVED_CODES
            if settings.published_spec is not None:
                findings.extend(check_published(project, name, settings, impact, now))
                answered(f"{name} published spec")
                context.examined += 1  # the published spec, compared with the contract
            cassette = verifier.read(cassette_path) if cassette_path.exists() else None
            if isinstance(cassette, Cassette):
                cassette, disguised = read_disguised_json(verifier, cassette)
                findings.extend(disguised)
                failed = _failed_answers(outcomes, len(cassette.interactions))
                where = project.relative(cassette_path)
                tally = InBandTally()
                unchecked: list[Finding] = []  # too large, too deep, not JSON: said, not skipped
                items = list(observe(verifier, cassette, where, tally, unchecked))
                # An HTML page or a 401 is said once, as the fetch failure it is.
                findings.extend(f for f in unchecked if f.location.interaction not in failed)
                context.examined += len(items)
                profiles = profile_payloads(items)
                for profile, contract, ref in profiles.values():
                    findings.extend(impact.annotate(compare(profile, contract, ref,
                                                            undeclared=undeclared)))
                findings.extend(tally.findings())
                findings.extend(_statuses(verifier, cassette, failed))
                if not items and tally.errors and not any(
                        f.severity is Severity.ERROR for f in findings):
                    # Every answer was an (expected) in-band error: a green run here would
                    # say that the platform was checked when nothing was.
                    findings.append(_nothing_examined(name, version, len(cassette.interactions),
                                                      where))
                seen = [profile for profile, _, _ in profiles.values()]
                formats = dominant_formats(seen)
                findings.extend(impact.annotate(format_shifts(name, store.formats(name), seen)))
            else:
                formats = {}
            # The history keeps what the reports show: findings masked as reports mask them
            # (a live request's query, a next-page link, a quoted value).
            findings = list(mask_findings(findings, privacy))
            result = store.record(name, findings, now=now, ignores=ignores, formats=formats,
                                  unchecked=unchecked_codes)
            alerts: list[Finding] = []
            yield from _reported(name, result, alerts)
            context.alert(alerts)
        context.progress(total, total, "")
    finally:
        store.close()


def _statuses(verifier: object, cassette: object, failed: set[int]) -> Iterator[Finding]:
    """Status codes the contract does not document, one finding per operation and status
    (answers in ``failed`` are reported as fetch failures instead)."""
    from dataclasses import replace

    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedVerifier

    assert isinstance(verifier, RecordedVerifier)
    assert isinstance(cassette, Cassette)
    counts: dict[tuple[str | None, object], list[Finding]] = {}
    for interaction in cassette.interactions:
        if interaction.index in failed:
            continue
        for finding in verifier.verify(cassette, interaction):
            if finding.code == "status.undocumented":
                key = (finding.location.operation, finding.actual)
                counts.setdefault(key, []).append(finding)
    for (_, status), found in sorted(counts.items(), key=lambda item: str(item[0])):
        first = found[0]
        yield replace(first, code="drift.status-undocumented", check=CHECK_ID,
                      message=f"{first.message} ({len(found)} response(s))",
                      location=replace(first.location, pointer=None, line=None),
                      actual=status)


def _declared_params(context: RunContext, platform: str, version: str,
                     request: LiveRequest) -> frozenset[str]:
    """The query parameters the contract declares for a live request (none for a gateway)."""
    from seamguard.contracts.model import Contract

    contract = context.catalog.load(platform, version)
    if request.operation is not None or not isinstance(contract, Contract):
        return frozenset()
    operation = contract.match(request.method, request.path)
    return frozenset(p.name for p in operation.query_params) if operation else frozenset()


def _answered(answered: Callable[[str], None], platform: str, request: LiveRequest) -> None:
    answered(f"{platform} {request.label}")


def _nothing_examined(platform: str, version: str, answers: int, where: str) -> Finding:
    return Finding(code="drift.nothing-examined", severity=Severity.ERROR, check=CHECK_ID,
                   message=f"none of the {answers} live answer(s) of {platform} carried a payload "
                           "to compare with the contract (each was an in-band error), so no "
                           "drift could be seen",
                   location=Location(file=where, platform=platform, version=version),
                   hint="check the credentials and parameters of the live requests; the "
                        "recorded answers are in the file named here")


def _failed_answers(outcomes: list[FetchOutcome], recorded: int) -> set[int]:
    """Indexes in the night's recording of the answers whose failure the fetch already explains:
    a redirect, credentials refused, come back later, a server error, a page that is not JSON.
    Another 4xx (400, 404, 418...) says something about the contract too, so it stays.

    Each answered request is recorded once, in order; when the counts differ, none is named.
    """
    answered = [o for o in outcomes if o.response is not None]
    if len(answered) != recorded:
        return set()
    return {index for index, outcome in enumerate(answered) if outcome.error and not (
        outcome.status is not None and 400 <= outcome.status < 500
        and outcome.status not in (401, 403, 407, 429))}


def _unreachable(platform: str, version: str,
                 outcomes: list[FetchOutcome]) -> Iterator[Finding]:
    """One ``drift.fetch-failed`` per request label, counting the requests that failed (several
    requests may share a label: the pages of one list); answers that ended on a server's
    ``Retry-After`` are one ``drift.rate-limited`` per label, naming the header's value."""
    sent: dict[str, list[FetchOutcome]] = {}
    for outcome in outcomes:
        sent.setdefault(outcome.request.label, []).append(outcome)
    where = partial(Location, platform=platform, version=version)
    for label, tried in sent.items():
        limited = [o for o in tried if o.error and o.retry_after]
        failed = [o for o in tried if o.error and not o.retry_after]
        count = f" ({len(failed)} of {len(tried)} requests)" if len(tried) > 1 else ""
        if failed:
            errors = list(dict.fromkeys(o.error for o in failed if o.error))
            yield Finding(code="drift.fetch-failed", severity=Severity.ERROR, check=CHECK_ID,
                          message=f"could not fetch {label}{count}: {'; '.join(errors)}",
                          actual={"hits": len(failed), "of": len(tried)},
                          location=where(operation=label),
                          hint="check the base_url, the network and the credentials in the "
                               "environment")
        if limited:
            values = list(dict.fromkeys(o.retry_after for o in limited if o.retry_after))
            errors = list(dict.fromkeys(o.error for o in limited if o.error))
            count = f" ({len(limited)} of {len(tried)} requests)" if len(tried) > 1 else ""
            yield Finding(code="drift.rate-limited", severity=Severity.ERROR, check=CHECK_ID,
                          message=f"{label}{count} was not compared: {'; '.join(errors)}",
                          expected="an answer within the run's deadline",
                          actual={"retry_after": values, "hits": len(limited),
                                  "of": len(tried)},
                          location=where(operation=label),
                          hint="the platform throttles this client: run the job when its "
                               "quota has reset, ask for fewer or larger pages, or raise "
                               "[tool.seamguard.drift] deadline")


def _reported(platform: str, result: object, alerts: list[Finding]) -> Iterator[Finding]:
    """New and worsened findings keep their severity (and go to ``alerts``); ongoing ones are
    information."""
    from dataclasses import replace

    from seamguard.drift.history import RunResult

    assert isinstance(result, RunResult)
    for item in result.classified:
        finding = item.finding
        if item.status == "ignored":
            continue
        label = f"[{item.status}, first seen {item.first_seen:%Y-%m-%d}, {item.runs_seen} run(s)]"
        alerting = item.status in ("new", "worsened")
        severity = finding.severity if alerting else Severity.INFO
        reported = replace(finding, severity=severity, message=f"{label} {finding.message}")
        if alerting:
            alerts.append(reported)
        yield reported
    for fingerprint, code, message in result.resolved:
        yield Finding(code="drift.resolved", severity=Severity.INFO, check=CHECK_ID,
                      message=f"resolved since the last run: {code}: {message}",
                      actual=fingerprint, location=Location(platform=platform))
    for rule in result.expired_ignores:
        yield Finding(code="drift.ignore-expired", severity=Severity.WARNING, check=CHECK_ID,
                      message=f"ignore rule for {rule.code} (owner {rule.owner}: {rule.reason}) "
                              f"expired on {rule.expires}; its findings are reported again",
                      location=Location(platform=platform, file="pyproject.toml"),
                      hint="renew it with a new expiry, or fix the cause")


def cassette_dir(project: Project) -> Path:
    return project.reports_dir / "drift"
