"""Run the sync properties against one configured target: hypothesis over event scripts.

The harness builds everything from the project: the mappings' compiled rules, generators from
the source contract's webhook schemas, the delivery profile, the CRM double (validating against
the target contract) behind respx, and the adapter to the SUT. Saved regression scripts replay
first. Each example plays one script and checks every property; a failure is shrunk by
hypothesis (within ``shrink_budget`` extra examples) and comes back as a ``Failure``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import difflib
import hashlib
import importlib
import inspect
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.documents import load_document
from seamguard.errors import DocumentError, UsageError
from seamguard.mapping import reference_data as ref
from seamguard.mapping.engine import compile_mapping
from seamguard.mapping.spec import load_mapping
from seamguard.project import Project, SyncTargetSettings
from seamguard.sync.adapters import HttpAdapter, ObjectAdapter, ReadBackError, SystemUnderTest
from seamguard.sync.coverage import coverage_of
from seamguard.sync.crm import CrmDouble
from seamguard.sync.execute import Trace, play
from seamguard.sync.faults import FaultInjector
from seamguard.sync.generate import Blueprint
from seamguard.sync.model import expected_state
from seamguard.sync.profiles import BUILTIN_PROFILES, DeliveryProfile
from seamguard.sync.properties import Violation, check_all
from seamguard.sync.pull import PollTransport
from seamguard.sync.queue import DEFAULT_BROKER_URL, QueueTransport
from seamguard.sync.rules import SyncRules
from seamguard.sync.schedule import scripts
from seamguard.sync.script import Script
from seamguard.sync.shrink import Stuck, shrink
from seamguard.sync.source import BUILTIN_POLLING, PollingProfile, SourceDouble
from seamguard.sync.transport import Capabilities, Transport
from seamguard.sync.webhook import WebhookTransport
from seamguard.sync.worker import TargetWorker

__all__ = ["Failure", "RunResult", "SyncHarness", "resolve_profile"]

CRM_URL = "https://hubspot.seamguard.invalid"
SOURCE_URL = "https://platform.seamguard.invalid"
# Seconds the harness may take to build a target (threads, clients, the factory) before the
# run is given up as stuck; the factory itself is held to 4x the sync deadline.
BUILD_BACKSTOP = 60.0


@dataclass
class Failure:
    target: str
    violation: Violation
    script: Script
    trace: Trace
    seed: int | None
    variant: str | None
    regression: Path | None = None  # the saved script this failure replayed, if any
    others: list[Violation] = field(default_factory=list)
    examples: int | None = None  # examples played until the first failure
    seconds: float | None = None  # seconds until the first failure
    shrink_runs: int = 0
    first: Violation | None = None  # what the unshrunk failure broke first


@dataclass
class RunResult:
    target: str
    seed: int
    examples: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    first_failure_examples: int | None = None
    first_failure_seconds: float | None = None
    replayed: int = 0
    property_seconds: dict[str, float] = field(default_factory=dict)  # checking time each
    play_seconds: float = 0.0  # delivering scripts and reading state back
    model_seconds: float = 0.0
    coverage: Counter[str] = field(default_factory=Counter)  # what the played scripts did
    transport: str = "webhook"


def resolve_profile(project: Project, name: str,
                    styles: list[str] | None = None) -> DeliveryProfile:
    declared = project.settings.sync.profiles.get(name)
    if declared is None and name not in BUILTIN_PROFILES:
        known = sorted({*BUILTIN_PROFILES, *project.settings.sync.profiles})
        raise UsageError(f"unknown delivery profile {name!r}", file="pyproject.toml",
                         pointer="tool.seamguard.sync", hint=f"known: {', '.join(known)}")
    if declared is None:
        profile = BUILTIN_PROFILES[name]
    else:
        base = BUILTIN_PROFILES.get(declared.extends or "")
        values = base.model_dump() if base else {}
        values.update({k: v for k, v in declared.model_dump().items()
                       if v is not None and k != "extends"})
        try:
            profile = DeliveryProfile.model_validate(values)
        except ValueError as exc:
            raise UsageError(f"delivery profile {name!r} is incomplete: {exc}",
                             file="pyproject.toml",
                             pointer=f"tool.seamguard.sync.profiles.{name}",
                             hint="set `extends` to a built-in profile or give every header"
                             ) from None
    if styles:
        profile = profile.model_copy(update={"timestamp_styles": styles})
    return profile


class _PropertyFailed(AssertionError):
    def __init__(self, script: Script, trace: Trace, violations: list[Violation]) -> None:
        super().__init__(violations[0].anomaly)
        self.script, self.trace, self.violations = script, trace, violations


def _check_factory_spec(project: Project, target: str, key: str, spec: str | None) -> None:
    """``app``/``object`` is ``module:factory``: a dotted path alone names no factory."""
    if spec is None:
        return
    module, sep, attribute = spec.partition(":")
    parts = module.split(".")
    if sep and attribute.isidentifier() and all(part.isidentifier() for part in parts):
        return
    if not sep and len(parts) > 1 and all(part.isidentifier() for part in parts):
        hint = (f"did you mean {'.'.join(parts[:-1]) + ':' + parts[-1]!r} (the factory "
                f"after the colon), or {spec + ':create_app'!r}?")
    else:
        hint = "e.g. fixtures.integrations.shop_sync.app:create_app"
    raise UsageError(f"sync target {target!r}: {key} = {spec!r} is not `module:factory` "
                     "(a dotted module path, a colon, the name of the function that makes "
                     "the target)", file=project.relative(project.pyproject),
                     line=project.setting_line(f"sync.targets.{target}.{key}"),
                     pointer=f"tool.seamguard.sync.targets.{target}.{key}", hint=hint)


class SyncHarness:
    """The sync properties of one target, ready to run."""

    def __init__(self, project: Project, catalog: ContractCatalog, target: str, *,
                 examples: int | None = None, seed: int | None = None,
                 variant: str | None = None) -> None:
        settings = project.settings.sync
        if target not in settings.targets:
            known = ", ".join(settings.targets) or "none"
            raise UsageError(f"no sync target {target!r}", file="pyproject.toml",
                             pointer="tool.seamguard.sync.targets",
                             hint=f"configured targets: {known}")
        self.project = project
        self.name = target
        self.target: SyncTargetSettings = settings.targets[target]
        self.examples = examples or settings.examples
        self.deadline = settings.deadline
        self.seed = seed if seed is not None else settings.seed
        self.variant = variant if variant is not None else self.target.variant
        self.shrink_budget = settings.shrink_budget
        self.profile = resolve_profile(project, self.target.profile,
                                       list(self.target.timestamp_styles or []) or None)
        self.rules: dict[str, SyncRules] = {}
        self.blueprints: list[Blueprint] = []
        crm_contract: Contract | None = None
        for key in ("app", "object"):
            _check_factory_spec(project, target, key, getattr(self.target, key))
        zone = ref.zone_info(self.profile.timezone)
        for name in self.target.mappings:
            path = project.contracts_dir / "mappings" / f"{name}.yaml"
            if not path.is_file():
                stems = sorted(p.stem for p in path.parent.glob("*.yaml"))
                close = difflib.get_close_matches(name, stems, n=1)
                raise UsageError(f"sync target {target!r} names mapping {name!r}, which does "
                                 f"not exist (expected {project.relative(path)})",
                                 file=project.relative(project.pyproject),
                                 line=project.setting_line(f"sync.targets.{target}.mappings"),
                                 pointer=f"tool.seamguard.sync.targets.{target}.mappings",
                                 hint=f"did you mean {close[0]!r}?" if close else
                                 f"mappings: {', '.join(stems) or 'none'}")
            loaded = load_mapping(path, display=project.relative(path))
            rules = SyncRules(loaded, compile_mapping(loaded.spec, base_dir=project.root), zone)
            self.rules[rules.name] = rules
            source = _contract(catalog, loaded.spec.source.platform, loaded.spec.source.version)
            crm_contract = _contract(catalog, loaded.spec.target.platform,
                                     loaded.spec.target.version)
            topics = [r.webhook for r in loaded.spec.source.recorded if r.webhook]
            missing = [t for t in topics if t not in source.webhooks]
            pulled = self.target.transport == "poll"  # records come from the source schema
            if (not topics and not pulled) or missing:
                raise UsageError(
                    f"mapping {name!r} names no webhook topic its source contract declares"
                    + (f" (undeclared: {', '.join(missing)})" if missing else ""),
                    file=loaded.display, pointer="/source/recorded",
                    hint="list the webhooks that carry its records: {webhook: orders/create}")
            refunds = rules.refunds == "adjust_amount" and not pulled
            self.blueprints.append(Blueprint(rules, source, topics, refund_topic=refunds))
        self.crm = CrmDouble(contract=crm_contract, token=self.target.crm_token)
        self.faults = FaultInjector(self.crm)
        for name in self.target.record_state_mappings or ():
            if name not in self.rules:
                # Left as it was, no record state would be compared, and the run would pass.
                close = difflib.get_close_matches(name, list(self.rules), n=1)
                raise UsageError(
                    f"sync target {target!r}: record_state_mappings names {name!r}, which is "
                    "not one of its mappings", file=project.relative(project.pyproject),
                    line=project.setting_line(f"sync.targets.{target}.record_state_mappings"),
                    pointer=f"tool.seamguard.sync.targets.{target}.record_state_mappings",
                    hint=f"did you mean {close[0]!r}?" if close else
                    f"its mappings: {', '.join(self.rules)}")
        # A web service without a record-state endpoint tells no stored versions or applied
        # refunds: nothing is judged by them (conservation and the CRM still judge refunds);
        # an object's state() answers for every key.
        readable = self.target.object is not None or self.target.record_state is not None
        self.stateful = set(self.target.record_state_mappings or self.rules) if readable \
            else set()
        self.crm_url = CRM_URL
        self.source_url = SOURCE_URL
        self.source: SourceDouble | None = None
        self.placeholders: dict[str, str] = {}  # the transport's values for `env`
        self._app: Any = None  # the in-process app, once made (for its routes in errors)
        if self.target.transport == "poll":
            self.source = SourceDouble(self._polling(), self.rules, secret=self._secret())

    # -- the system under test ----------------------------------------------------------------

    def _polling(self) -> PollingProfile:
        """The API polled: a platform of the project whose wire profile has a [polling] table,
        or a built-in REST one."""
        name = self.target.polling or ""
        platform = self.project.settings.platforms.get(name)
        if platform is not None and platform.wire.polling is not None:
            return PollingProfile.from_wire(platform.wire)
        if name in BUILTIN_POLLING:
            return BUILTIN_POLLING[name]
        known = sorted({*BUILTIN_POLLING, *(p for p, s in self.project.settings.platforms.items()
                                           if s.wire.polling is not None)})
        raise UsageError(f"sync target {self.name!r} polls, but names no platform API that "
                         "can be polled" + (f" ({name!r})" if name else ""),
                         file="pyproject.toml",
                         pointer=f"tool.seamguard.sync.targets.{self.name}.polling",
                         hint=f"one of: {', '.join(known)} (a platform with a [polling] table "
                              "in its wire profile, or a built-in API)")

    def _secret(self) -> str:
        env = self.target.secret_env
        return os.environ.get(env, self.target.secret_default) if env else \
            self.target.secret_default

    def _factory(self, spec: str) -> Callable[[], Any]:
        module_name, _, attribute = spec.partition(":")
        root = str(self.project.root)
        if root not in sys.path:
            sys.path.insert(0, root)
        try:
            module = importlib.import_module(module_name)
            factory: Callable[[], Any] = getattr(module, attribute)
        except (ImportError, AttributeError) as exc:
            raise UsageError(f"cannot load the sync target {self.name!r} from {spec!r}: {exc}",
                             file=self.project.relative(self.project.pyproject),
                             line=self.project.setting_line(f"sync.targets.{self.name}"),
                             pointer=f"tool.seamguard.sync.targets.{self.name}",
                             hint="give a dotted module path and a factory, "
                                  "e.g. fixtures.integrations.shop_sync.app:create_app") from None
        return factory

    def _values(self, folder: str) -> dict[str, str]:
        values = {"crm_url": self.crm_url, "source_url": self.source_url, "tmp": folder,
                  "secret": self._secret(),
                  "variant": self.variant or "", **self.placeholders}
        for key, template in self.target.env.items():
            values[key] = template.format(**values)
        return values

    @contextlib.contextmanager
    def _environment(self, folder: str) -> Iterator[None]:
        values = self._values(folder)
        saved = {key: os.environ.get(key) for key in self.target.env}
        try:
            for key in self.target.env:
                os.environ[key] = values[key]
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    async def _build(self, spec: str, folder: str, worker: TargetWorker | None = None) -> Any:
        """Call the target's factory with its environment set (on ``worker``'s thread when
        given); a failure is a usage error."""
        factory = self._factory(spec)
        with self._environment(folder):
            try:
                if worker is not None:
                    # The factory alone is held to the start limit; the harness's own set-up
                    # around it (threads, clients) is not, so a busy machine is not a factory
                    # that blocks.
                    limit = asyncio.timeout(self.deadline * 4)
                    try:
                        async with limit:
                            return await worker.call(f"{spec}()", factory)
                    except TimeoutError:
                        if not limit.expired():
                            raise
                        raise UsageError(
                            f"sync target {self.name!r} did not start within "
                            f"{self.deadline * 4:g}s: its factory {spec}() gave no answer",
                            file="pyproject.toml",
                            pointer=f"tool.seamguard.sync.targets.{self.name}",
                            hint="a target's factory must return within 4x the sync "
                                 "`deadline`; start long work in the app's lifespan") from None
                made = factory()
                return await made if inspect.isawaitable(made) else made
            except UsageError:
                raise
            except Exception as exc:
                raise UsageError(f"the factory of sync target {self.name!r} ({spec}) failed: "
                                 f"{type(exc).__name__}: {exc}", file="pyproject.toml",
                                 pointer=f"tool.seamguard.sync.targets.{self.name}",
                                 hint="check the target's env table") from None

    async def _create(self, folder: str) -> tuple[SystemUnderTest, Transport]:
        target = self.target
        given = [name for name in ("app", "object", "url") if getattr(target, name)]
        if len(given) > 1:
            # Taking one silently would test another system than the user meant to.
            raise UsageError(f"sync target {self.name!r} names {' and '.join(given)}; it tests "
                             "one system", file="pyproject.toml",
                             pointer=f"tool.seamguard.sync.targets.{self.name}",
                             hint="keep one of `app` (in-process), `object` or `url` (a running "
                                  "service), and move the other to a target of its own")
        if target.object:
            worker = TargetWorker(self.name)
            try:
                built = await self._build(target.object, folder, worker)
            except BaseException:
                worker.close()
                raise
            made = ObjectAdapter(built, self.deadline, worker)
            return made, made
        app = None
        queue = None
        if target.transport == "queue":
            if not target.app:
                raise UsageError(f"sync target {self.name!r} delivers through a message queue, "
                                 "which needs the consuming service in-process",
                                 file="pyproject.toml",
                                 pointer=f"tool.seamguard.sync.targets.{self.name}",
                                 hint="give `app` (a factory whose lifespan starts the consumer,"
                                      " docs/sync.md, \"Message queues\")")
            broker = target.broker_url or os.environ.get("SEAMGUARD_BROKER_URL") \
                or DEFAULT_BROKER_URL
            queue = QueueTransport(self.profile, self._secret(), broker, self.name,
                                   in_process=True)
            self.placeholders = queue.placeholders()
        app_worker: TargetWorker | None = None
        if target.app:
            # The app runs on a thread and loop of its own, so a handler (or a queue consumer's
            # message callback) that blocks is cut off by the deadline instead of freezing the
            # harness. A queue transport watches the consumer from that same loop, so that its
            # acks and its crash are seen in the order they happen.
            app_worker = TargetWorker(self.name)
            if queue is not None:
                queue.worker = app_worker
            try:
                app = await self._build(target.app, folder, app_worker)
            except BaseException:
                if app_worker is not None:
                    app_worker.close()
                raise
            self._app = app
        elif not target.url:
            raise UsageError(f"sync target {self.name!r} needs `app`, `object` or `url`",
                             file="pyproject.toml",
                             pointer=f"tool.seamguard.sync.targets.{self.name}")
        review_sql = None
        if target.review_sql:
            values = self._values(folder)
            review_sql = ((target.sql_url or "").format(**values),
                          target.review_sql.format(**values))
        sut = HttpAdapter(reset_path=target.reset, review_path=target.review_queue,
                          state_path=target.record_state, clock_path=target.clock,
                          tick_path=target.tick, app=app, url=target.url,
                          timeout=self.deadline, review_sql=review_sql, worker=app_worker,
                          owns_worker=queue is None)
        if self.source is not None:
            return sut, PollTransport(sut, self.source, in_process=app is not None)
        if queue is not None:
            return sut, queue
        transport = WebhookTransport(sut.client, self.profile, self._secret(),
                                     target.webhook_path, in_process=app is not None)
        return sut, transport

    # -- running ------------------------------------------------------------------------------

    def replay(self, script: Script) -> list[Violation]:
        """Play one script (e.g. a saved regression) and return what it violates."""
        with self._session(RunResult(self.name, 0)) as (session, _):
            return session(script)[1]

    def play(self, script: Script) -> tuple[Trace, list[Violation]]:
        """Play one script and return its trace and what it violates."""
        with self._session(RunResult(self.name, 0)) as (session, _):
            return session(script)

    @contextlib.contextmanager
    def _session(self, result: RunResult) -> Iterator[tuple[
            Callable[[Script], tuple[Trace, list[Violation]]], Capabilities]]:
        import respx

        with contextlib.ExitStack() as stack:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="seamguard-sync-"))
            if self.target.url:
                from seamguard.sync.serve import serve_crm

                self.crm_url = stack.enter_context(
                    serve_crm(self.faults, self.target.crm_listen, self.deadline * 4))
                if self.source is not None:
                    from seamguard.sync.crm import handler_app
                    from seamguard.sync.serve import serve_handler

                    self.source_url = stack.enter_context(serve_handler(
                        handler_app(self.source.handle), self.target.source_listen,
                        self.deadline * 4, "the platform double"))
            runner = stack.enter_context(asyncio.Runner())
            router = stack.enter_context(
                respx.mock(assert_all_called=False, assert_all_mocked=False))
            router.route(url__startswith=CRM_URL).mock(side_effect=self.faults)
            if self.source is not None:
                router.route(url__startswith=SOURCE_URL).mock(side_effect=self.source.handle)
            router.route().pass_through()  # the SUT itself, when it is reached over HTTP
            limit = max(self.deadline * 4, BUILD_BACKSTOP)
            try:
                sut, transport = runner.run(asyncio.wait_for(self._create(folder), limit))
                limit = self.deadline * 4
                # A queue's consumer loop outlives the app: the run's queues are deleted there.
                if isinstance(transport, QueueTransport) and transport.worker is not None:
                    stack.callback(transport.worker.close)
                # The transport first: a consumer finds its queues when it starts.
                stack.callback(lambda: runner.run(transport.close()))
                runner.run(asyncio.wait_for(transport.open(), self.deadline * 4))
                stack.callback(lambda: runner.run(sut.close()))
                runner.run(sut.start())
            except TimeoutError:
                raise UsageError(f"sync target {self.name!r} did not start within "
                                 f"{limit:g}s") from None

            fatal: list[UsageError] = []
            wedged: list[str] = []  # why the system can take no more scripts

            def one(script: Script) -> tuple[Trace, list[Violation]]:
                # A usage error ends the run; hypothesis may call again (to replay what raised
                # it), and must meet the same error, not the system it left blocked.
                if fatal:
                    raise fatal[0]
                try:
                    return played(script)
                except UsageError as exc:
                    fatal.append(exc)
                    raise

            def played(script: Script) -> tuple[Trace, list[Violation]]:
                if wedged:
                    raise Stuck(wedged[0])
                blocked = getattr(sut, "blocked_call", None)
                held = runner.run(blocked()) if callable(blocked) else None
                if held is not None:
                    # A call the deadline cut off still blocks the system: nothing more can be
                    # played to it, so the failure stays as it was found.
                    raise Stuck(held)
                began = time.perf_counter()
                self.crm.reset()
                self.faults.reset()
                try:
                    runner.run(asyncio.wait_for(sut.reset(), self.deadline))
                    runner.run(asyncio.wait_for(transport.reset(), self.deadline))
                except TimeoutError:
                    raise UsageError(f"sync target {self.name!r} was not reset within "
                                     f"{self.deadline:g}s", file="pyproject.toml",
                                     pointer=f"tool.seamguard.sync.targets.{self.name}.reset",
                                     hint="the reset hook must answer within the sync "
                                          "`deadline`") from None
                try:
                    trace = runner.run(play(script, sut, transport, self.crm, self.faults,
                                            self.rules, self.profile, self.deadline,
                                            self.stateful))
                except ReadBackError as exc:
                    return Trace(), [Violation("read-back", f"the state could not be read back: "
                                               f"{exc}", expected="a JSON answer")]
                finally:
                    result.play_seconds += time.perf_counter() - began
                if trace.timed_out is not None:
                    slow = trace.timed_out
                    # A delivery the service took by itself (from a queue) leaves no call the
                    # harness gave up on: ask whether its thread still answers.
                    frozen = runner.run(blocked(probe=True)) if callable(blocked) else None
                    stuck = getattr(transport, "stuck", None)
                    left = stuck(frozen=frozen is not None) if callable(stuck) else ""
                    if frozen is not None:
                        left = f"its thread is blocked in {frozen}" + (f"; {left}" if left else "")
                    recover = getattr(transport, "recover", None)
                    if frozen is None and callable(recover) and sut.can_restart:
                        # A consumer that holds a message (or sends it back forever) would
                        # stall every later script: it is restarted on empty queues, so each
                        # script, shrunk ones too, meets the system as it starts.
                        try:
                            runner.run(recover(self.deadline))
                            runner.run(asyncio.wait_for(sut.restart(), self.deadline * 4))
                        except (UsageError, TimeoutError) as exc:
                            # this failure stands; nothing more can be played to the system
                            said = exc.message if isinstance(exc, UsageError) else (
                                f"no answer within {self.deadline * 4:g}s")
                            wedged.append(f"the service, restarted after it hung ({said}),")
                    return trace, [Violation(
                        "deadline", f"delivery of {slow.label} ({slow.event.topic}) got no "
                        f"answer within {self.deadline:g}s: the service hangs"
                        + (f" ({left})" if left else ""),
                        expected=f"an answer within {self.deadline:g}s", actual="no answer")]
                began = time.perf_counter()
                expected = expected_state(trace.acknowledged.values(), self.rules)
                expected.ignored = set(trace.deleted)
                if trace.maybe:
                    expected.looser = expected_state(
                        [*trace.acknowledged.values(), *trace.maybe.values()], self.rules)
                result.model_seconds += time.perf_counter() - began
                violations = check_all(script, trace, expected, self.rules,
                                       result.property_seconds)
                unrouted = getattr(transport, "unrouted", None)
                statuses = unrouted() if violations and callable(unrouted) else None
                if statuses:
                    raise self._no_webhook(str(getattr(transport, "path", "")), statuses)
                return trace, violations

            # Without a clock hook the service lives in real time: nothing can be replayed
            # "hours later" to it.
            capabilities = dataclasses.replace(
                transport.capabilities,
                replays=transport.capabilities.replays and sut.has_clock)
            self.faults.on_crash = getattr(transport, "on_crash", None)
            try:
                yield one, capabilities
            finally:
                self.faults.on_crash = None

    def _no_webhook(self, path: str, statuses: list[int]) -> UsageError:
        """The webhook path answers "no such route": say so, with the POST routes the
        in-process app has, rather than report every event as lost."""
        routes = sorted({str(route.path) for route in getattr(self._app, "routes", None) or []
                         if isinstance(getattr(route, "path", None), str)
                         and "POST" in (getattr(route, "methods", None) or {"POST"})})
        close = difflib.get_close_matches(path, routes, n=1, cutoff=0.5)
        said = ", ".join(str(status) for status in sorted(set(statuses)))
        hint = "set `webhook_path` to the path the service receives the platform's webhooks on"
        if close:
            hint += f"; did you mean {close[0]!r}?"
        elif routes:
            hint += f"; the app's POST routes: {', '.join(routes[:8])}"
        return UsageError(
            f"sync target {self.name!r}: POST {path} answered {said} to every genuine delivery "
            f"({len(statuses)} so far, none accepted): the service has no webhook receiver at "
            "that path", file="pyproject.toml",
            pointer=f"tool.seamguard.sync.targets.{self.name}.webhook_path", hint=hint)

    def regressions(self) -> list[Path]:
        folder = self.project.root / self.project.settings.sync.regressions / self.name
        return sorted(folder.glob("*.json")) if folder.is_dir() else []

    def save(self, failure: Failure) -> Path:
        folder = self.project.root / self.project.settings.sync.regressions / self.name
        folder.mkdir(parents=True, exist_ok=True)
        text = failure.script.dumps()
        digest = hashlib.sha256(text.encode()).hexdigest()[:10]
        path = folder / f"{failure.violation.property}-{digest}.json"
        script = Script(failure.script.events, failure.script.steps, {
            "property": failure.violation.property, "anomaly": failure.violation.anomaly,
            "seed": failure.seed, "variant": failure.variant})
        path.write_text(script.dumps() + "\n", encoding="utf-8")
        return path

    def run(self, *, replay_regressions: bool = True) -> RunResult:
        """Replay saved regressions, then explore with hypothesis; every failure is returned."""
        from hypothesis import given
        from hypothesis import seed as seed_decorator

        from seamguard.seeding import own_constants, run_settings

        seed = self.seed if self.seed is not None else random.randrange(2**32)
        result = RunResult(self.name, seed, transport="object" if self.target.object
                           else self.target.transport)
        started = time.perf_counter()
        with self._session(result) as (one, capabilities):
            explore_too = True
            if replay_regressions:
                for path in self.regressions():
                    try:
                        script = Script.from_json(load_document(path, display=str(path)))
                    except DocumentError as exc:
                        raise UsageError(f"unreadable regression script: {exc.message}",
                                         file=self.project.relative(path),
                                         line=exc.line) from None
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        raise UsageError(f"unreadable regression script: {exc}",
                                         file=self.project.relative(path)) from None
                    try:
                        trace, violations = one(script)
                    except Stuck:
                        # an earlier script left the system blocked: its failure is recorded
                        explore_too = False
                        break
                    result.replayed += 1
                    if violations:
                        result.failures.append(Failure(
                            self.name, violations[0], script, trace, None, self.variant,
                            regression=path, others=violations[1:]))
            cache: dict[str, tuple[Trace, list[Violation]]] = {}

            @run_settings(self.examples)
            @seed_decorator(seed)
            @given(scripts(self.blueprints, self.profile, capabilities))
            def explore(script: Script) -> None:
                text = script.dumps()
                if text not in cache:
                    result.examples += 1
                    cache[text] = one(script)
                    result.coverage.update(coverage_of(script, cache[text][0], self.rules))
                    if cache[text][1] and result.first_failure_examples is None:
                        result.first_failure_examples = result.examples
                        result.first_failure_seconds = time.perf_counter() - started
                trace, violations = cache[text]
                if violations:
                    raise _PropertyFailed(script, trace, violations)

            try:
                if explore_too:
                    with own_constants():
                        explore()
            except _PropertyFailed as exc:
                script, trace, violations, runs = shrink(
                    exc.script, exc.trace, exc.violations, one, self.rules, self.shrink_budget)
                result.failures.append(Failure(
                    self.name, violations[0], script, trace, seed, self.variant,
                    others=violations[1:], examples=result.first_failure_examples,
                    seconds=result.first_failure_seconds, shrink_runs=runs,
                    first=exc.violations[0]))
        result.seconds = time.perf_counter() - started
        return result


def _contract(catalog: ContractCatalog, platform: str, version: str) -> Contract:
    loaded = catalog.load(platform, version)
    if isinstance(loaded, UsageError):
        raise loaded
    return loaded
