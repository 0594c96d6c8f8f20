"""One session with a started target: reset it, play a script, read its state back and check
the properties; a service that hangs, cannot be reset or has no webhook receiver is told apart
from a property it breaks."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import difflib
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from seamguard.errors import UsageError
from seamguard.sync.adapters import ReadBackError
from seamguard.sync.execute import Trace, play
from seamguard.sync.model import expected_state
from seamguard.sync.properties import Violation, check_all
from seamguard.sync.queue import QueueTransport
from seamguard.sync.results import RunResult
from seamguard.sync.script import Script
from seamguard.sync.shrink import Stuck
from seamguard.sync.transport import Capabilities

if TYPE_CHECKING:
    from seamguard.sync.harness import SyncHarness

__all__ = ["BUILD_BACKSTOP", "CRM_URL", "SOURCE_URL", "open_session"]

CRM_URL = "https://hubspot.seamguard.invalid"
SOURCE_URL = "https://platform.seamguard.invalid"
# Seconds the harness may take to build a target (threads, clients, the factory) before the
# run is given up as stuck; the factory itself is held to 4x the sync deadline.
BUILD_BACKSTOP = 60.0


@contextlib.contextmanager
def open_session(harness: SyncHarness, result: RunResult) -> Iterator[tuple[
        Callable[[Script], tuple[Trace, list[Violation]]], Capabilities]]:
    """The target started behind its CRM double (and source double): a function that plays
    one script to it and returns the trace and what the trace violates."""
    import respx

    with contextlib.ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="seamguard-sync-"))
        if harness.target.url:
            from seamguard.sync.serve import serve_crm

            harness.crm_url = stack.enter_context(
                serve_crm(harness.faults, harness.target.crm_listen, harness.deadline * 4))
            if harness.source is not None:
                from seamguard.sync.crm import handler_app
                from seamguard.sync.serve import serve_handler

                harness.source_url = stack.enter_context(serve_handler(
                    handler_app(harness.source.handle), harness.target.source_listen,
                    harness.deadline * 4, "the platform double"))
        runner = stack.enter_context(asyncio.Runner())
        router = stack.enter_context(
            respx.mock(assert_all_called=False, assert_all_mocked=False))
        router.route(url__startswith=CRM_URL).mock(side_effect=harness.faults)
        if harness.source is not None:
            router.route(url__startswith=SOURCE_URL).mock(side_effect=harness.source.handle)
        router.route().pass_through()  # the SUT itself, when it is reached over HTTP
        limit = max(harness.deadline * 4, BUILD_BACKSTOP)
        try:
            sut, transport = runner.run(asyncio.wait_for(harness.create_system(folder), limit))
            limit = harness.deadline * 4
            # A queue's consumer loop outlives the app: the run's queues are deleted there.
            if isinstance(transport, QueueTransport) and transport.worker is not None:
                stack.callback(transport.worker.close)
            # The transport first: a consumer finds its queues when it starts.
            stack.callback(lambda: runner.run(transport.close()))
            runner.run(asyncio.wait_for(transport.open(), harness.deadline * 4))
            stack.callback(lambda: runner.run(sut.close()))
            runner.run(sut.start())
        except TimeoutError:
            raise UsageError(f"sync target {harness.name!r} did not start within "
                             f"{limit:g}s", hint="start it by hand to see why it does not "
                             "come up, or give it longer to start") from None

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
            harness.crm.reset()
            harness.faults.reset()
            try:
                runner.run(asyncio.wait_for(sut.reset(), harness.deadline))
                runner.run(asyncio.wait_for(transport.reset(), harness.deadline))
            except TimeoutError:
                raise UsageError(f"sync target {harness.name!r} was not reset within "
                                 f"{harness.deadline:g}s", file="pyproject.toml",
                                 pointer=f"tool.seamguard.sync.targets.{harness.name}.reset",
                                 hint="the reset hook must answer within the sync "
                                      "`deadline`") from None
            try:
                trace = runner.run(play(script, sut, transport, harness.crm, harness.faults,
                                        harness.rules, harness.profile, harness.deadline,
                                        harness.stateful))
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
                        runner.run(recover(harness.deadline))
                        runner.run(asyncio.wait_for(sut.restart(), harness.deadline * 4))
                    except (UsageError, TimeoutError) as exc:
                        # this failure stands; nothing more can be played to the system
                        said = exc.message if isinstance(exc, UsageError) else (
                            f"no answer within {harness.deadline * 4:g}s")
                        wedged.append(f"the service, restarted after it hung ({said}),")
                return trace, [Violation(
                    "deadline", f"delivery of {slow.label} ({slow.event.topic}) got no "
                    f"answer within {harness.deadline:g}s: the service hangs"
                    + (f" ({left})" if left else ""),
                    expected=f"an answer within {harness.deadline:g}s", actual="no answer")]
            began = time.perf_counter()
            expected = expected_state(trace.acknowledged.values(), harness.rules)
            expected.ignored = set(trace.deleted)
            if trace.maybe:
                expected.looser = expected_state(
                    [*trace.acknowledged.values(), *trace.maybe.values()], harness.rules)
            result.model_seconds += time.perf_counter() - began
            violations = check_all(script, trace, expected, harness.rules,
                                   result.property_seconds)
            unrouted = getattr(transport, "unrouted", None)
            statuses = unrouted() if violations and callable(unrouted) else None
            if statuses:
                raise no_webhook(harness, str(getattr(transport, "path", "")), statuses)
            return trace, violations

        # Without a clock hook the service lives in real time: nothing can be replayed
        # "hours later" to it.
        capabilities = dataclasses.replace(
            transport.capabilities,
            replays=transport.capabilities.replays and sut.has_clock)
        harness.faults.on_crash = getattr(transport, "on_crash", None)
        try:
            yield one, capabilities
        finally:
            harness.faults.on_crash = None


def no_webhook(harness: SyncHarness, path: str, statuses: list[int]) -> UsageError:
    """The webhook path answers "no such route": say so, with the POST routes the
    in-process app has, rather than report every event as lost."""
    routes = sorted({str(route.path) for route in getattr(harness._app, "routes", None) or []
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
        f"sync target {harness.name!r}: POST {path} answered {said} to every genuine delivery "
        f"({len(statuses)} so far, none accepted): the service has no webhook receiver at "
        "that path", file="pyproject.toml",
        pointer=f"tool.seamguard.sync.targets.{harness.name}.webhook_path", hint=hint)
