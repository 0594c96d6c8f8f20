"""Run the sync properties against one configured target: hypothesis over event scripts.

The harness builds everything from the project: the mappings' compiled rules, generators from
the source contract's webhook schemas, the delivery profile, the CRM double (validating against
the target contract) behind respx, and the adapter to the SUT (``target``). Saved regression
scripts replay first. Each example plays one script (``session``) and checks every property; a
failure is shrunk by hypothesis (within ``shrink_budget`` extra examples) and comes back as a
``Failure`` (``results``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator
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
from seamguard.spelling import nearest
from seamguard.sync.coverage import coverage_of
from seamguard.sync.crm import CrmDouble
from seamguard.sync.execute import Trace
from seamguard.sync.faults import FaultInjector
from seamguard.sync.generate import Blueprint
from seamguard.sync.properties import Violation
from seamguard.sync.results import Failure, RunResult
from seamguard.sync.rules import SyncRules
from seamguard.sync.schedule import scripts
from seamguard.sync.script import Script
from seamguard.sync.session import CRM_URL, SOURCE_URL, open_session
from seamguard.sync.shrink import Stuck, shrink
from seamguard.sync.source import SourceDouble
from seamguard.sync.target import TargetBuilder, check_factory_spec, resolve_profile
from seamguard.sync.transport import Capabilities

__all__ = ["Failure", "RunResult", "SyncHarness", "derived_seed", "resolve_profile"]

_SCRIPT_HINT = ("a regression script is the JSON `sync test --save-regressions` wrote "
                "(events and steps, docs/sync.md): restore it, or delete it to stop replaying it")


class _PropertyFailed(AssertionError):
    def __init__(self, script: Script, trace: Trace, violations: list[Violation]) -> None:
        super().__init__(violations[0].anomaly)
        self.script, self.trace, self.violations = script, trace, violations



class SyncHarness(TargetBuilder):
    """The sync properties of one target, ready to run."""

    def __init__(self, project: Project, catalog: ContractCatalog, target: str, *,
                 examples: int | None = None, seed: int | None = None,
                 variant: str | None = None, explore: bool = False) -> None:
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
        self.seed_source = "--seed" if seed is not None else \
            "the `seed` setting" if settings.seed is not None else \
            "random: exploring" if explore else "derived from the target"
        self.variant = variant if variant is not None else self.target.variant
        self.shrink_budget = settings.shrink_budget
        self.profile = resolve_profile(project, self.target.profile,
                                       list(self.target.timestamp_styles or []) or None,
                                       target=self.name)
        self.rules: dict[str, SyncRules] = {}
        self.blueprints: list[Blueprint] = []
        crm_contract: Contract | None = None
        for key in ("app", "object"):
            check_factory_spec(project, target, key, getattr(self.target, key))
        zone = ref.zone_info(self.profile.timezone)
        for name in self.target.mappings:
            path = project.contracts_dir / "mappings" / f"{name}.yaml"
            if not path.is_file():
                stems = sorted(p.stem for p in path.parent.glob("*.yaml"))
                close = nearest(name, stems)
                raise UsageError(f"sync target {target!r} names mapping {name!r}, which does "
                                 f"not exist (expected {project.relative(path)})",
                                 file=project.relative(project.pyproject),
                                 line=project.setting_line(f"sync.targets.{target}.mappings"),
                                 pointer=f"tool.seamguard.sync.targets.{target}.mappings",
                                 hint=f"did you mean {close!r}?" if close else
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
                close = nearest(name, list(self.rules))
                raise UsageError(
                    f"sync target {target!r}: record_state_mappings names {name!r}, which is "
                    "not one of its mappings", file=project.relative(project.pyproject),
                    line=project.setting_line(f"sync.targets.{target}.record_state_mappings"),
                    pointer=f"tool.seamguard.sync.targets.{target}.record_state_mappings",
                    hint=f"did you mean {close!r}?" if close else
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
        with open_session(self, result) as opened:
            yield opened

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

        seed = self.seed if self.seed is not None else random.randrange(2**32) \
            if self.seed_source.startswith("random") else derived_seed(self.name, self.target)
        result = RunResult(self.name, seed, transport="object" if self.target.object
                           else self.target.transport, seed_source=self.seed_source)
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
                                         line=exc.line, hint=_SCRIPT_HINT) from None
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        raise UsageError(f"unreadable regression script: {exc}",
                                         file=self.project.relative(path),
                                         hint=_SCRIPT_HINT) from None
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


def derived_seed(name: str, target: SyncTargetSettings) -> int:
    """A run's seed when none is given and the run does not explore: the same for a target
    wherever the project is checked out (its name, mappings, profile and transport), so that
    CI runs are reproducible and a change of the target draws other scripts."""
    text = json.dumps([name, list(target.mappings), target.profile, target.transport,
                       target.variant], default=str)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def _contract(catalog: ContractCatalog, platform: str, version: str) -> Contract:
    loaded = catalog.load(platform, version)
    if isinstance(loaded, UsageError):
        raise loaded
    return loaded

