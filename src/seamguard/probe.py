"""Live probing: schemathesis generates requests from a platform's contract and sends them to a
live base URL (the platform's sandbox, or your own integration service's API).

Every failure schemathesis finds (a 5xx, an undocumented status, a body that breaks the
response schema, a wrong Content-Type, a missing header...) becomes a Finding in the same report
as every other check, with the operation, the contract file, and a ``curl`` line to reproduce it
(authentication filtered out).

Only ``GET``, ``HEAD`` and ``OPTIONS`` operations are probed unless ``--allow-unsafe`` is given:
probing a sandbox must never create orders or waybills by accident. The token comes from the
environment variable named in ``[tool.seamguard.platforms.<name>.auth]``.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.net import NetworkLimits, scheme_hint
from seamguard.net_requests import bounded_requests
from seamguard.probe_checks import unrunnable_checks
from seamguard.probe_habits import check_base_url, check_durations, schema_given
from seamguard.probe_replay import REPLAY_FOLDER, Reproducer, response_excerpt, response_values
from seamguard.spelling import nearest

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.probe_config import StSettings

__all__ = ["ProbeOptions", "run_check"]

CHECK_ID = "probe"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
UNSAFE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]

# schemathesis check name -> our finding code
_CODES = {
    "not_a_server_error": "probe.server-error",
    "status_code_conformance": "probe.undocumented-status",
    "content_type_conformance": "probe.content-type",
    "response_schema_conformance": "probe.schema-violation",
    "json_duplicate_keys": "probe.duplicate-key",  # seamguard's own (probe_own_checks)
    "http_framing": "probe.bad-framing",  # seamguard's own too
    "declared_charset": "probe.charset-mismatch",  # and this one
    "response_headers_conformance": "probe.missing-header",
    "negative_data_rejection": "probe.accepts-invalid",
    "positive_data_acceptance": "probe.rejects-valid",
    "missing_required_header": "probe.accepts-missing-header",
    "ignored_auth": "probe.ignored-auth",
    "unsupported_method": "probe.unsupported-method",
    "use_after_free": "probe.use-after-free",
    "ensure_resource_availability": "probe.resource-unavailable",
    "object_level_authorization": "probe.object-level-authorization",
    "allow_header_conformance": "probe.allow-header",
    "max_response_time": "probe.slow",
}
# The checks `--checks` / `--exclude-checks` may name (schemathesis' own names; max_response_time
# is not a switch but a limit).
CHECK_NAMES = tuple(sorted(set(_CODES) - {"max_response_time"}))
# `--include-*` / `--exclude-*` filters, as schemathesis names them.
FILTER_KINDS = ("path", "path_regex", "method", "method_regex", "operation_id",
                "operation_id_regex", "tag", "tag_regex", "name", "name_regex")
PHASES = ("examples", "coverage", "fuzzing", "stateful")  # schemathesis' test phases


@dataclass(frozen=True)
class ProbeOptions:
    """What ``seamguard probe`` was asked to do."""

    platform: str
    version: str | None = None
    base_url: str | None = None
    max_examples: int = 25
    allow_unsafe: bool = False
    mode: str = "positive"  # positive | negative | all
    seed: int | None = None
    timeout: float = 10.0
    max_time: int | None = None  # None: one pass; else keep fuzzing for this many seconds
    replay: str | None = None  # send this saved failure again instead of probing
    replay_from: str | None = None  # the reports folder holding probe-replays/
    checks: tuple[str, ...] = ()  # schemathesis check names to run (empty: all)
    exclude_checks: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()  # "Name: value", as `st run -H` takes them; secrets
    include: tuple[tuple[str, str], ...] = ()  # (kind, value): FILTER_KINDS
    exclude: tuple[tuple[str, str], ...] = ()
    exclude_deprecated: bool = False
    basic_auth: str | None = None  # "USER:PASS", as `st run -a` takes it; a secret
    phases: str | None = None  # "coverage,fuzzing": schemathesis' phases to run (None: all)
    max_response_time: float | None = None  # seconds; slower answers are failures
    no_shrink: bool = False
    # Fields the command line set: they win over schemathesis.toml, whose values win over
    # the defaults above.
    given: frozenset[str] = frozenset()


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}? " if close else ""


def known_checks() -> tuple[str, ...]:
    """schemathesis' built-in checks, and those its hooks registered (``@schemathesis.check``)."""
    import schemathesis.specs.openapi.checks  # noqa: F401  (registers the built-in checks)
    from schemathesis.checks import CHECKS

    custom = [name for name in CHECKS.get_all_names() if name not in _CODES]
    return (*CHECK_NAMES, *sorted(custom))


def check_switches(options: ProbeOptions) -> dict[str, Any]:
    """schemathesis' ``checks`` settings for ``--checks`` / ``--exclude-checks``.

    Raises:
        UsageError: a name schemathesis does not know (with the nearest one).
    """
    wanted = [n.strip() for item in options.checks for n in item.split(",") if n.strip()]
    dropped = [n.strip() for item in options.exclude_checks for n in item.split(",")
               if n.strip()]
    known = known_checks()
    for option, names in (("--checks", wanted), ("--exclude-checks", dropped)):
        for name in names:
            if name == "max_response_time":  # a check in schemathesis 3, an option in 4
                raise UsageError(f"{option}: max_response_time is no check to name here",
                                 hint="give its limit instead: --max-response-time SECONDS "
                                      "(slower answers are probe.slow findings)")
            if name != "all" and name not in known:
                spelled = name.lower().replace("-", "_")
                raise UsageError(f"{option}: unknown check {name!r}",
                                 hint=f"{_did_you_mean(spelled, known)}known checks: "
                                      f"all, {', '.join(known)}")
    config: dict[str, Any] = {}
    if wanted and "all" not in wanted:
        config["enabled"] = False
        config.update({name: {"enabled": True} for name in wanted})
    for name in dropped:
        if name == "all":
            raise UsageError("--exclude-checks all leaves no check to run",
                             hint="name the checks to leave out, e.g. --exclude-checks "
                                  "response_headers_conformance")
        config[name] = {"enabled": False}
    return config


def extra_headers(options: ProbeOptions) -> dict[str, str]:
    """The ``-H "Name: value"`` headers and ``-a USER:PASS`` as a Basic ``Authorization``
    header (UsageError when one is not ``Name: value``, or ``-a`` has no colon)."""
    headers: dict[str, str] = {}
    if options.basic_auth is not None:
        import base64

        if ":" not in options.basic_auth:
            raise UsageError("-a/--auth takes USER:PASS, as curl and schemathesis do",
                             hint='e.g. -a "api:$API_PASSWORD"')
        token = base64.b64encode(options.basic_auth.encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    for item in options.headers:
        name, colon, value = item.partition(":")
        if not colon or not name.strip() or any(c.isspace() for c in name.strip()):
            raise UsageError(f"-H/--header {item.split(':')[0][:40]!r}…: not `Name: value`",
                             hint='write it as curl and schemathesis do: -H "Authorization: '
                                  'Bearer $TOKEN"')
        headers[name.strip()] = value.strip()
    return headers


def _normal_filters(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The filters as schemathesis compares them (a method in capitals)."""
    return [(kind, value.upper() if kind == "method" else value) for kind, value in pairs]


def _filter_arguments(pairs: tuple[tuple[str, str], ...], side: str = "include"
                      ) -> dict[str, Any]:
    found: dict[str, list[str]] = {}
    for kind, value in pairs:
        if kind not in FILTER_KINDS:
            raise UsageError(f"unknown operation filter {kind!r}",
                             hint=f"filters: {', '.join(FILTER_KINDS)}")
        if kind == "method":
            value = value.upper()
        if kind.endswith("_regex"):
            try:
                re.compile(value)
            except re.error as exc:
                option = f"--{side}-" + kind.replace("_", "-")
                raise UsageError(f"{option} {value!r} is not a regular expression: {exc}",
                                 hint="schemathesis searches the operation's attribute with "
                                      "Python's re, e.g. '^/orders'") from None
        found.setdefault(kind, []).append(value)
    for kind in [k for k in found if f"{k}_regex" in found]:
        # schemathesis takes a value or a regex per attribute: a value joins the regex whole
        found[f"{kind}_regex"] += [f"^{re.escape(v)}$" for v in found.pop(kind)]
    return {kind: "|".join(f"(?:{v})" for v in values) if kind.endswith("_regex") else values
            for kind, values in found.items()}


def _phases(options: ProbeOptions) -> dict[str, Any]:
    """schemathesis' ``phases`` settings: stateful sequences only with ``--allow-unsafe``
    (they chain calls through links, which may create resources)."""
    stateful = {"stateful": {"enabled": options.allow_unsafe}}
    if options.phases is None:
        return stateful
    chosen = [p.strip() for p in options.phases.split(",") if p.strip()]
    for phase in chosen:
        if phase not in PHASES:
            raise UsageError(f"--phases: unknown phase {phase!r}",
                             hint=f"{_did_you_mean(phase, PHASES)}phases: {', '.join(PHASES)}")
    if not chosen:
        raise UsageError("--phases names no phase", hint=f"phases: {', '.join(PHASES)}")
    if "stateful" in chosen and not options.allow_unsafe:
        raise UsageError("--phases stateful chains calls that may create resources",
                         hint="add --allow-unsafe (never against production)")
    return {phase: {"enabled": phase in chosen} for phase in PHASES}


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``probe`` check: one platform, one contract version, one live base URL."""
    options = context.options.get("probe")
    if not isinstance(options, ProbeOptions):
        raise UsageError("the probe check needs a platform: run `seamguard probe PLATFORM`",
                         hint="`seamguard probe --help` shows the platforms' options")
    project = context.project
    settings = project.settings.platforms.get(options.platform)
    if settings is None:
        close = nearest(options.platform, list(project.settings.platforms))
        raise UsageError(
            f"unknown platform {options.platform!r} (declared: "
            f"{', '.join(project.settings.platforms) or 'none'})",
            hint=schema_given(project, options.platform) or (
                f"did you mean {close!r}?" if close
                else "platforms are declared in [tool.seamguard.platforms.<name>]"))
    if settings.wire.gateway or not settings.wire.plain:
        # schemathesis sends what a path-routed contract describes: it would put the operation
        # name in a URL fragment, send unsigned calls and read enveloped answers as payloads.
        raise UsageError(
            f"{options.platform} speaks a gateway protocol ({settings.protocol}): probe drives "
            "path-routed REST contracts and cannot sign gateway calls or open their envelopes",
            pointer=f"tool.seamguard.platforms.{options.platform}.protocol",
            hint="check gateway platforms with recordings (`seamguard verify`) and signed live "
                 f"calls ([[tool.seamguard.platforms.{options.platform}.live]] with `operation`)")
    version = options.version or settings.versions[-1]
    if version not in settings.versions:
        raise UsageError(f"{options.platform} has no contract version {version!r}",
                         hint=f"declared versions: {', '.join(settings.versions)}")
    contract = context.catalog.load(options.platform, version)
    if isinstance(contract, UsageError):
        raise contract
    from seamguard.drift.live import auth_headers
    from seamguard.probe_config import SETTINGS_FILE, load_hooks, read_settings

    st_settings = read_settings(project.root, project.relative(project.root / SETTINGS_FILE))
    options = st_settings.defaults_for(options)
    check_durations(options)
    from seamguard.probe_own_checks import register

    register()  # seamguard's own checks, before --checks is read
    load_hooks(st_settings)  # its custom checks are names --checks may give
    extra = extra_headers(options)
    check_switches(options)  # a misspelt check name is a usage error before any request
    given = {name.lower() for name in extra}
    if settings.auth is not None and settings.auth.header.lower() in given:
        headers: dict[str, str] = {}
        token: str | None = None  # `-H` brings this platform's credential itself
    else:
        headers, token = auth_headers(options.platform, settings, os.environ)
    headers = {**headers, **extra}
    secrets = [token or "", *extra.values(), *st_settings.secrets(),
               *(value.split(None, 1)[-1] for value in extra.values())]
    base_url = (options.base_url or settings.base_url).replace("{version}", version).rstrip("/")
    check_base_url(base_url, given=options.base_url is not None)
    where = Location(platform=options.platform, version=version, file=contract.file)
    file_url = st_settings.data.get("base-url")
    if isinstance(file_url, str) and file_url.rstrip("/") != base_url:
        yield Finding(
            code="probe.settings-ignored", severity=Severity.WARNING, check=CHECK_ID,
            message=f"{st_settings.display} sets base-url {file_url!r}, but the probe sends to "
                    f"{base_url} (the platform's base_url, or --url)",
            location=Location(file=st_settings.display, line=st_settings.line_of("base-url")),
            hint=f"pass --url {file_url} to probe that service, or drop base-url from "
                 f"{st_settings.display}")
    for key, why, line in st_settings.unheeded(allow_unsafe=options.allow_unsafe):
        yield Finding(
            code="probe.settings-ignored", severity=Severity.INFO, check=CHECK_ID,
            message=f"{st_settings.display} sets {key}, which the probe does not act on: {why}",
            location=Location(file=st_settings.display, line=line),
            hint=f"drop {key} from {st_settings.display} to silence this")
    reproducer = Reproducer(options.platform, version, base_url,
                            {**st_settings.sent_headers(), **headers}, token,
                            settings.auth.env if settings.auth else None, secrets=secrets)
    path = project.contract_file(options.platform, version)
    limits = NetworkLimits.from_settings(
        project.settings, max_bytes=int(project.settings.max_body_mb * 1_048_576),
        timeout=options.timeout)
    # schemathesis sends through requests: every answer is read within the deadline and cap.
    with bounded_requests(limits):
        if options.replay:
            from seamguard.probe_replay import load_replay, replay

            saved = load_replay(Path(options.replay_from or project.reports_dir),
                                options.replay)
            context.examined += 1
            yield from replay(_load_schema(path, options, base_url, headers, where,
                                           st_settings), saved,
                              options.replay, base_url, headers, options.timeout, where,
                              _Scrubber(*secrets))
            return
        yield from _probe(context, options, path, base_url, headers, secrets, where,
                          reproducer, st_settings)


def read_schema(path: Path, config: Any) -> Any:
    """schemathesis' schema of the contract at ``path``, read as every check reads it: a
    Swagger 2.0 document is its OpenAPI 3.0 reading, its relative ``$ref``s kept."""
    import schemathesis

    from seamguard.contracts.refs import DocumentSet

    docs = DocumentSet(root=Path(path), display=str)
    document = docs.load(docs.entry_uri)
    if not docs.swagger2:
        return schemathesis.openapi.from_path(path, config=config)
    schema = schemathesis.openapi.from_dict(document, config=config)
    schema.location = docs.entry_uri  # where its references to other files are read from
    return schema


def _load_schema(path: Any, options: ProbeOptions, base_url: str, headers: Mapping[str, str],
                 where: Location, st_settings: StSettings | None = None) -> Any:
    import schemathesis

    from seamguard.probe_config import StSettings, build_config

    config: dict[str, Any] = {
        "base-url": base_url,
        "headers": dict(headers),
        "request-timeout": options.timeout,
        "generation": {"max-examples": options.max_examples, "mode": options.mode,
                       "database": "none", "no-shrink": options.no_shrink},
        "phases": _phases(options),
    }
    if options.seed is not None:
        config["seed"] = options.seed
    if options.max_time is not None:
        config["max-time"] = options.max_time
    checks = check_switches(options)
    if options.max_response_time is not None:
        checks["max_response_time"] = options.max_response_time
    if checks:
        config["checks"] = checks
    st_config = build_config(st_settings or StSettings(), config)
    try:
        schema: schemathesis.BaseSchema = read_schema(path, st_config)
    except Exception as exc:  # schemathesis raises its own loader errors
        raise UsageError(f"schemathesis cannot load {where.file}: {_first_line(exc)}",
                         hint="run `seamguard contract lint` first") from exc
    if not options.allow_unsafe:
        schema = schema.exclude(method=UNSAFE_METHODS)
    if options.include:  # every kind given must match; any value of one kind will do
        schema = schema.include(**_filter_arguments(options.include))
    # an operation matching any exclude is left out; the same one given twice (`GET` and
    # `get` too) is one filter, which schemathesis refuses to be given again
    for kind, value in dict.fromkeys(_normal_filters(options.exclude)):
        schema = schema.exclude(**_filter_arguments(((kind, value),), "exclude"))
    if options.exclude_deprecated:
        schema = schema.exclude(deprecated=True)
    return schema


def _probe(context: RunContext, options: ProbeOptions, path: Any, base_url: str,
           headers: Mapping[str, str], secrets: list[str], where: Location,
           reproducer: Reproducer, st_settings: StSettings) -> Iterator[Finding]:
    from schemathesis.engine import events, from_schema

    from seamguard.seeding import own_constants, own_profile

    with own_profile(), own_constants():
        yield from _explore(context, options, path, base_url, headers, secrets, where,
                            reproducer, st_settings, events, from_schema)


def _explore(context: RunContext, options: ProbeOptions, path: Any, base_url: str,
             headers: Mapping[str, str], secrets: list[str], where: Location,
             reproducer: Reproducer, st_settings: StSettings, events: Any,
             from_schema: Any) -> Iterator[Finding]:
    """One probe's exploration: what it draws depends on the seed and options only."""
    schema = _load_schema(path, options, base_url, headers, where, st_settings)
    yield from unrunnable_checks(options, schema, where, CHECK_ID, st_settings.data)
    # Progress counts operations (the phases of one operation share its step).
    total = sum(1 for _ in schema.get_all_operations())
    scrub = _Scrubber(*secrets)
    seen: set[tuple[str, str, str]] = set()
    errors: dict[str, list[str]] = {}
    operations: set[str] = set()
    finished: set[str] = set()
    replays: dict[str, Any] = {}
    broke: list[BaseException] = []
    for event in _events(from_schema(schema).execute(), broke):
        if isinstance(event, events.ScenarioStarted) and event.label:
            if event.label not in operations:
                context.case(event.label)
            operations.add(event.label)
            context.progress(len(finished), max(total, len(operations)), event.label)
        elif isinstance(event, events.ScenarioFinished):
            context.examined += len(event.recorder.cases)
            finished.add(event.recorder.label)
            context.progress(len(finished), max(total, len(operations)), event.recorder.label)
            yield from _failures(event.recorder, where, scrub, seen, reproducer, replays,
                                 options.base_url is not None)
        elif isinstance(event, events.NonFatalError):
            text = f"{event.info.title}: {_first_line(event.info.message)}"
            # the error itself (requests' words) says more than schemathesis' title
            scheme = scheme_hint(base_url, f"{text} {getattr(event, 'value', '')}")
            if _is_connection(text):
                reason = _ERRNO.search(text)
                text = f"could not connect to {base_url}" + (
                    f": {reason.group(1).strip()}" if reason else "")
            if scheme is not None:
                text += f" ({scheme})"
            errors.setdefault(scrub(text), []).append(event.label)
        elif isinstance(event, events.FatalError):
            yield Finding(code="probe.error", severity=Severity.ERROR, check=CHECK_ID,
                          message=f"the probe stopped: {scrub(_first_line(event.exception))}",
                          location=where, hint="run again with --debug for details")
        elif isinstance(event, events.EngineFinished):
            yield from _stopped(event.stop_reason, base_url, where)
    said = {(type(error).__name__, _first_line(error)): error for error in broke}
    # the operations whose scenario never finished (none: the engine's first checks of the
    # server, before any operation)
    unfinished = sorted(operations - finished) or ["(the engine's first requests)"]
    for error in said.values():
        yield Finding(
            code="probe.error", severity=Severity.ERROR, check=CHECK_ID,
            message=f"an answer from {base_url} stopped the probe: {type(error).__name__}: "
                    f"{scrub(_first_line(error))}",
            location=replace(where, operation=unfinished[0]),
            hint="the service answered something no HTTP client reads (a redirect to a "
                 "malformed URL, a body nested deeper than a JSON reader goes...); check it "
                 "with curl, or run again with --debug")
    context.results[CHECK_ID] = {"files": {f"{REPLAY_FOLDER}/{key}.json": value
                                           for key, value in replays.items()}}
    for message, labels in errors.items():
        yield Finding(
            code="probe.unreachable" if _is_connection(message) else "probe.error",
            severity=Severity.ERROR, check=CHECK_ID,
            message=f"{message} ({len(labels)} request(s), e.g. to {labels[0]})",
            location=replace(where, operation=labels[0]),
            hint=f"is {base_url} up and reachable from here? pass --base-url to probe another "
                 "host" if _is_connection(message) else
                 f"the answers from {base_url} broke HTTP itself; check the service (or a proxy "
                 "in between) with the curl line of one of these requests, or run again with "
                 "--debug")
    if not operations and not errors and not broke:
        filtered = options.include or options.exclude or options.exclude_deprecated
        yield Finding(code="probe.nothing-probed", severity=Severity.WARNING, check=CHECK_ID,
                      message="the contract has no operation to probe"
                              + ("" if options.allow_unsafe else " with a safe method")
                              + (" that the --include/--exclude filters select"
                                 if filtered else ""),
                      location=where,
                      hint="check the filters against the contract's paths and methods"
                      if filtered else None if options.allow_unsafe
                      else "pass --allow-unsafe to probe POST/PUT/PATCH/DELETE as well")


def _failures(recorder: Any, where: Location, scrub: _Scrubber,
              seen: set[tuple[str, str, str]], reproducer: Reproducer,
              replays: dict[str, Any], base_url_given: bool) -> Iterator[Finding]:
    from dataclasses import replace

    for case_id, checks in recorder.checks.items():
        for check in checks:
            info = check.failure_info
            if info is None:
                continue
            failure = info.failure
            key = (recorder.label, check.name, failure.title)
            if key in seen:  # the same failure, found again by another generated case
                continue
            seen.add(key)
            failing_case = getattr(failure, "case_id", None) or case_id
            status, excerpt = response_excerpt(recorder, failing_case)
            detail = scrub(" ".join(str(failure.message).split())) if failure.message else ""
            said = [f"status {status}" if status is not None else "no response"]
            if detail:
                said.append(detail)
            if excerpt:
                said.append(f"response: {scrub(excerpt)}")
            repro = reproducer.reproduce(recorder, failing_case, recorder.label,
                                         info.code_sample)
            commands = [repro.curl]
            if repro.replay_id is not None:
                replays[repro.replay_id] = repro.saved
                commands.append(reproducer.replay_command(repro.replay_id, base_url_given))
            yield Finding(
                code=_CODES.get(check.name, "probe." + check.name.replace("_", "-")),
                severity=Severity.ERROR, check=CHECK_ID,
                message=f"{recorder.label}: {failure.title} — " + "; ".join(said),
                location=replace(where, operation=recorder.label),
                actual={"status": status, "response": scrub(excerpt) if excerpt else None},
                case=recorder.label, reproduce=tuple(commands),
                quoted=response_values(recorder, failing_case),
                hint="reproduce with the commands below; fix the service, or the contract if "
                     "the service is right")


def _stopped(reason: Any, base_url: str, where: Location) -> Iterator[Finding]:
    value = str(getattr(reason, "value", reason))
    if value == "server_unavailable":
        yield Finding(code="probe.unreachable", severity=Severity.ERROR, check=CHECK_ID,
                      message=f"{base_url} stopped responding during the probe",
                      location=where, hint="check the service's health and logs")
    elif value == "max_time":
        yield Finding(code="probe.time-limit", severity=Severity.WARNING, check=CHECK_ID,
                      message="the probe's time budget ran out before every operation was "
                              "probed", location=where,
                      hint="raise --max-time, or lower --max-examples")


class _Scrubber:
    """Masks the token, the ``-H`` header values and personal data in text that came from the
    live service; record ids in reproduction lines are kept."""

    def __init__(self, *secrets: str) -> None:
        from seamguard.privacy.policy import PrivacyPolicy

        self._policy = PrivacyPolicy.default().with_secrets(*secrets)

    def __call__(self, text: object) -> str:
        from seamguard.privacy.guard import mask_text

        return mask_text(str(text), self._policy)


_ERRNO = re.compile(r"\[Errno -?\d+\] ([^\"')]+)")


# What an answer can make schemathesis or requests raise while reading it (a Location that
# is no URL, JSON nested past the recursion limit, a body in no charset).
_BROKEN_ANSWER = (ValueError, RecursionError, UnicodeError, LookupError, OSError)


def _events(stream: Iterator[Any], broke: list[BaseException]) -> Iterator[Any]:
    """The engine's events; an error an answer raised, in this thread or in one of the
    engine's workers (whose events are lost with it), is put in ``broke`` instead."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.thread is not None and args.thread.name.startswith("schemathesis") \
                and isinstance(args.exc_value, _BROKEN_ANSWER):
            broke.append(args.exc_value)
        else:
            previous(args)

    threading.excepthook = hook
    try:
        yield from stream
    except _BROKEN_ANSWER as error:
        broke.append(error)
    finally:
        threading.excepthook = previous


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__


def _is_connection(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in ("connect", "refused", "unreachable", "resolve",
                                            "timed out", "timeout"))
