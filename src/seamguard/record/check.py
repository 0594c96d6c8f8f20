"""The ``record`` check: send requests (or proxy a client) and record the answers as cassettes.

Record modes, as vcrpy's (``record_mode``):

========  ==========================================================================
``new``   vcrpy's ``new_episodes``: requests already in the cassette are kept as they are;
          new ones are sent and appended (the default)
``all``   every request is sent again; its recording replaces the one of the same episode
          (others in the cassette stay)
``none``  nothing is sent; a request the cassette lacks is a ``record.missing`` error
``once``  ``all`` when the cassette does not exist yet, else ``none``
========  ==========================================================================

Every answer is recorded through the live client of the nightly job (:mod:`seamguard.drift.
live`): bounded by the network deadline and size cap, gateway calls built and signed from the
wire profile, and every interaction scrubbed by the privacy layer under the project's pseudonym
key before it is stored. A request that may change data (not GET/HEAD, or a gateway operation
the profile does not list as read-only) goes only to a sandbox host unless ``--allow-unsafe``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.drift.live import FetchOutcome, LiveFetcher
    from seamguard.project import PlatformSettings, Project
    from seamguard.record.episodes import CassetteFile
    from seamguard.record.plan import PlannedRequest, RecordOptions

__all__ = ["Recorder", "answer_problem", "answer_says", "run_check"]

CHECK_ID = "record"


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``record`` check (options under ``context.options["record"]``)."""
    from seamguard.record.plan import plan_requests, platform_of

    options: RecordOptions = context.options["record"]
    project = context.project
    settings, version = platform_of(project, options)
    contract = context.catalog.load(options.platform, version)
    if isinstance(contract, UsageError):
        raise contract
    recorder = Recorder(project, options, settings, version)
    if options.proxy is not None:
        from seamguard.record.proxy import run_proxy

        if options.method or options.target or options.files or options.live:
            raise UsageError("--proxy records what a client sends: name no requests with it",
                             hint="run the proxy, point the client at it; or record a list "
                                  "of requests without --proxy")
        yield from run_proxy(context, recorder)
        return
    planned = plan_requests(project, options, settings, contract)
    if not planned:
        raise UsageError(
            "nothing to record: name a request, --from FILE, --live or --proxy HOST:PORT",
            hint=f"e.g. seamguard record {options.platform} GET /orders.json -p status=any")
    yield from recorder.record(context, planned)


@dataclass
class _Sent:
    planned: PlannedRequest
    outcome: FetchOutcome


class Recorder:
    """Records into one cassette of one platform version, as the options say."""

    def __init__(self, project: Project, options: RecordOptions, settings: PlatformSettings,
                 version: str) -> None:
        from seamguard.drift.live import LiveFetcher
        from seamguard.net import NetworkLimits
        from seamguard.privacy.policy import PrivacyPolicy
        from seamguard.privacy.pseudonym import project_key
        from seamguard.record.episodes import CassetteFile
        from seamguard.record.plan import cassette_path
        from seamguard.sendable import url_problem

        problem = options.base_url is not None and url_problem(options.base_url)
        if problem:
            raise UsageError(f"--base-url {options.base_url!r} {problem}",
                             hint="e.g. --base-url http://127.0.0.1:8000/api")
        self.project = project
        self.options = options
        self.settings = settings
        self.version = version
        self.max_bytes = int(project.settings.max_document_mb * 1_048_576)
        self.fetcher: LiveFetcher = LiveFetcher(
            options.platform, settings, version,
            timeout=project.settings.network.timeout,
            # A proxied client retries by itself; a list of requests gets the job's retries.
            retries=1 if options.proxy is not None else 3,
            limits=NetworkLimits.from_settings(
                project.settings, max_bytes=int(project.settings.max_body_mb * 1_048_576)),
            privacy=PrivacyPolicy.from_settings(project.settings.privacy),
            pseudonym_key=project_key(project), send_to=options.base_url,
            use_auth=options.proxy is None, agent="seamguard-record/1")
        path = cassette_path(project, options, version)
        self.cassette: CassetteFile = CassetteFile.load(
            path, display=project.relative(path), base_url=self.fetcher.base_url,
            wire=settings.wire, max_bytes=self.max_bytes,
            max_depth=project.settings.max_depth)
        self.mode = options.mode
        if self.mode == "once":
            self.mode = "none" if self.cassette.existed else "all"

    @property
    def host(self) -> str:
        """The host requests go to."""
        return urlsplit(self.fetcher.send_base).hostname or ""

    @property
    def sandbox(self) -> bool:
        """Whether requests go to a sandbox (loopback or a ``sandbox_hosts`` entry)."""
        from seamguard.record.plan import is_sandbox

        return is_sandbox(self.host, self.settings.sandbox_hosts)

    def refusal(self, label: str, count: int = 1) -> str | None:
        """Why a request that may change data must not be sent here (None: it may)."""
        if self.options.allow_unsafe or self.sandbox:
            return None
        more = f" (and {count - 1} more)" if count > 1 else ""
        return (f"{label}{more} may change data, and {self.host} is not a sandbox of "
                f"{self.options.platform}: nothing was sent")

    def refusal_hint(self) -> str:
        return (f"record against a sandbox (list its host in sandbox_hosts under "
                f"[tool.seamguard.platforms.{self.options.platform}], or send to it with "
                f"--base-url), mark a request `safe: true` when it changes nothing, or pass "
                f"--allow-unsafe if you mean to change data on {self.host}")

    def scratch(self) -> Path:
        """Where the live client records this run's answers before they are merged."""
        path = self.cassette.path
        return path.with_name(f".{path.stem}.{uuid.uuid4().hex}.recording{path.suffix}")

    # --- a list of requests ---------------------------------------------------------------

    def record(self, context: RunContext, planned: list[PlannedRequest]) -> Iterator[Finding]:
        """Record ``planned`` as the mode says; findings for what went wrong and a summary."""
        from seamguard.record.episodes import episode_key

        keys = []
        for item in planned:
            vcr_request = self.fetcher.recorded_request(item.request)
            keys.append(episode_key(vcr_request.method, vcr_request.uri,
                                    {k.lower(): v for k, v in vcr_request.headers.items()},
                                    vcr_request.body, base_url=self.fetcher.base_url,
                                    wire=self.settings.wire))
        to_send: list[int] = []
        kept = 0
        for index, (item, key) in enumerate(zip(planned, keys, strict=True)):
            context.case(item.request.label)
            if self.mode != "all" and self.cassette.claim(key) is not None:
                kept += 1
            elif self.mode == "none":
                yield self.missing(item)
            else:
                to_send.append(index)
        unsafe = [planned[i] for i in to_send if self.fetcher.changes_data(planned[i].request)]
        if unsafe:
            reason = self.refusal(f"{unsafe[0].source}: {unsafe[0].request.label}", len(unsafe))
            if reason is not None:
                raise UsageError(reason, hint=self.refusal_hint())
        for index in to_send:
            self.fetcher.check(planned[index].request, allow_unsafe=True)
        sent = self._send(context, [planned[i] for i in to_send], [keys[i] for i in to_send])
        context.examined += len(planned)
        for done in sent:
            problem = answer_problem(done.planned, done.outcome, self.fetcher.send_base,
                                     self.where(operation=done.planned.request.label),
                                     base_url=self.fetcher.base_url)
            if problem is not None:
                yield problem
        recorded = sum(1 for done in sent if done.outcome.status is not None)
        yield self.summary(recorded, kept, len(planned), failed=len(sent) - recorded)

    def _send(self, context: RunContext, planned: list[PlannedRequest],
              keys: list[tuple[object, ...]]) -> list[_Sent]:
        if not planned:
            return []
        from seamguard.record.episodes import recorded_interactions

        scratch = self.scratch()
        sent: list[_Sent] = []
        total = len(planned)
        try:
            with self.fetcher.session(scratch) as send:
                for item in planned:
                    context.progress(len(sent), total, item.request.label)
                    sent.append(_Sent(item, send(item.request)))
                context.progress(total, total, "")
            new = recorded_interactions(scratch, display=self.cassette.display,
                                        max_bytes=self.max_bytes,
                                        max_depth=self.project.settings.max_depth)
        finally:
            scratch.unlink(missing_ok=True)
        answered = [key for item, key in zip(sent, keys, strict=True)
                    if item.outcome.status is not None]
        if len(answered) != len(new):
            raise RuntimeError(f"{len(answered)} answers but {len(new)} recorded interactions")
        for key, interaction in zip(answered, new, strict=True):
            self.cassette.put(key, interaction, replace=self.mode == "all")
        if new:
            self.cassette.write()
        return sent

    # --- findings -------------------------------------------------------------------------

    def summary(self, recorded: int, kept: int, requests: int, *, failed: int = 0) -> Finding:
        """What the run did to the cassette, as an info finding."""
        mode = f" (mode {self.options.mode})"
        if recorded:
            message = (f"{recorded} interaction(s) recorded into {self.cassette.display}"
                       + (f", {kept} already recorded and kept" if kept else "") + mode)
        elif failed:
            message = (f"nothing recorded into {self.cassette.display}: {failed} of "
                       f"{requests} request(s) got no answer" + mode)
        else:
            message = (f"nothing recorded: {kept} of {requests} request(s) already in "
                       f"{self.cassette.display}" + mode)
        return Finding(code="record.summary", severity=Severity.INFO, check=CHECK_ID,
                       message=message, location=self.where(file=self.cassette.display),
                       hint="run `seamguard check` to verify the recordings against the "
                            "contract" if recorded else
                       "--mode all sends every request again")

    def missing(self, item: PlannedRequest) -> Finding:
        """A request the cassette lacks, in a mode that sends nothing."""
        return Finding(
            code="record.missing", severity=Severity.ERROR, check=CHECK_ID,
            message=f"{item.request.label} ({item.source}) is not recorded in "
                    f"{self.cassette.display}, and mode {self.options.mode} sends nothing",
            location=self.where(operation=item.request.label, file=self.cassette.display),
            case=item.request.label,
            hint="record it with --mode new (or --mode all to re-record everything)")

    def where(self, *, file: str | None = None, operation: str | None = None) -> Location:
        """A location in this platform version (and the cassette, or a request)."""
        return Location(platform=self.options.platform, version=self.version, file=file,
                        operation=operation)


def answer_problem(item: PlannedRequest, outcome: FetchOutcome, base: str,
                   where: Location, *, base_url: str | None = None) -> Finding | None:
    """A finding for a request that got no answer, or an answer worth a second look.

    ``base`` is where the request went, ``base_url`` the platform's own (they differ under
    ``--base-url``).
    """
    request = item.request
    if outcome.status is None:
        return Finding(
            code="record.request-failed", severity=Severity.ERROR, check=CHECK_ID,
            message=f"{request.label}: no answer from {base} after {outcome.attempts} "
                    f"attempt(s): {outcome.error}",
            location=where, case=request.label,
            hint="is the service running there? check base_url, or send elsewhere with "
                 "--base-url; [tool.seamguard.network] bounds each request")
    if outcome.error is not None:
        sent_to = f" from {base}{request.path}" if request.operation is None else ""
        said = answer_says(outcome.response.content) if (
            outcome.response is not None and outcome.status >= 400) else ""
        return Finding(
            code="record.unexpected-answer", severity=Severity.WARNING, check=CHECK_ID,
            message=f"{request.label} answered {outcome.error}{sent_to}{said} "
                    "(recorded as it came)",
            location=where, case=request.label, actual=outcome.status,
            hint=(_lost_base_path(base, base_url) if outcome.status == 404 else None)
            or "if this is not the answer you meant to record, fix the request and record "
               "it again with --mode all")
    return None


def answer_says(content: bytes, limit: int = 160) -> str:
    """What an error answer's body says, on one line, cut short and masked ("" if empty): what
    is not provably impersonal (a bare name) shown by its shape."""
    from seamguard.privacy import mask_text
    from seamguard.privacy.observed import shape

    head = content[:4 * limit].decode("utf-8", "replace")
    if head.lstrip()[:1] == "<":
        return ""  # an HTML page: its markup says nothing useful on one line
    text = " ".join(head.split())
    if not text:
        return ""
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return f"; the answer says: {shape(mask_text(text))}"


def _lost_base_path(base: str, base_url: str | None) -> str | None:
    """A hint when ``--base-url`` left out the path that the platform's ``base_url`` has."""
    if base_url is None:
        return None
    own = urlsplit(base_url).path.rstrip("/")
    sent = urlsplit(base).path.rstrip("/")
    if not own or sent.endswith(own):
        return None
    parts = urlsplit(base)
    suggestion = f"{parts.scheme}://{parts.netloc}{sent}{own}"
    return (f"--base-url replaces the whole base_url ({base_url}), path included: did you mean "
            f"--base-url {suggestion}? Record again with --mode all")
