"""Build the system under test of one sync target: its delivery profile, its factory (called
with the target's environment set), the adapter that reaches it and the transport that carries
events to it (webhook, polling or message queue)."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

from seamguard.errors import UsageError
from seamguard.project import Project, SyncTargetSettings
from seamguard.spelling import nearest
from seamguard.sync.adapters import HttpAdapter, ObjectAdapter, SystemUnderTest
from seamguard.sync.profiles import BUILTIN_PROFILES, DeliveryProfile
from seamguard.sync.pull import PollTransport
from seamguard.sync.queue import DEFAULT_BROKER_URL, BrokerOrigin, QueueTransport
from seamguard.sync.source import BUILTIN_POLLING, PollingProfile, SourceDouble
from seamguard.sync.transport import Transport
from seamguard.sync.webhook import WebhookTransport
from seamguard.sync.worker import TargetWorker

__all__ = ["TargetBuilder", "check_factory_spec", "resolve_profile"]


def resolve_profile(project: Project, name: str, styles: list[str] | None = None, *,
                    target: str | None = None) -> DeliveryProfile:
    declared = project.settings.sync.profiles.get(name)
    if declared is None and name not in BUILTIN_PROFILES:
        known = sorted({*BUILTIN_PROFILES, *project.settings.sync.profiles})
        dotted = f"sync.targets.{target}.profile" if target else "sync"
        close = nearest(name, known)
        raise UsageError(
            (f"sync target {target!r}: " if target else "")
            + f"unknown delivery profile {name!r}",
            file=project.relative(project.pyproject), line=project.setting_line(dotted),
            pointer=f"tool.seamguard.{dotted}",
            hint=(f"did you mean {close!r}? " if close else "")
            + f"known: {', '.join(known)} (or declare it under [tool.seamguard.sync.profiles])")
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



def check_factory_spec(project: Project, target: str, key: str, spec: str | None) -> None:
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



class TargetBuilder:
    """Makes the system under test of one configured target (the harness is one)."""

    project: Project
    name: str
    target: SyncTargetSettings
    deadline: float
    variant: str | None
    profile: DeliveryProfile
    crm_url: str
    source_url: str
    source: SourceDouble | None
    placeholders: dict[str, str]  # the transport's values for `env`
    _app: Any  # the in-process app, once made (for its routes in errors)

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

    def _setting_at(self, key: str) -> dict[str, Any]:
        """File, line and pointer of this target's setting ``key``."""
        dotted = f"sync.targets.{self.name}.{key}"
        return {"file": self.project.relative(self.project.pyproject),
                "line": self.project.setting_line(dotted), "pointer": f"tool.seamguard.{dotted}"}

    def _broker(self, target: SyncTargetSettings) -> tuple[str, BrokerOrigin]:
        """The broker URL of a queue target and where it came from: the target's
        ``broker_url``, else ``$SEAMGUARD_BROKER_URL``, else the local default."""
        dotted = f"sync.targets.{self.name}.broker_url"
        if target.broker_url is not None:
            return target.broker_url, BrokerOrigin(
                f"broker_url of sync target {self.name!r}",
                file=self.project.relative(self.project.pyproject),
                line=self.project.setting_line(dotted), pointer=f"tool.seamguard.{dotted}")
        from_env = os.environ.get("SEAMGUARD_BROKER_URL")
        if from_env:
            return from_env, BrokerOrigin("$SEAMGUARD_BROKER_URL (the environment variable)")
        return DEFAULT_BROKER_URL, BrokerOrigin(
            f"the default broker (no broker_url for sync target {self.name!r}, "
            "no $SEAMGUARD_BROKER_URL)", file=self.project.relative(self.project.pyproject),
            line=self.project.setting_line(f"sync.targets.{self.name}"),
            pointer=f"tool.seamguard.sync.targets.{self.name}")

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

    async def create_system(self, folder: str) -> tuple[SystemUnderTest, Transport]:
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
            broker, origin = self._broker(target)
            queue = QueueTransport(self.profile, self._secret(), broker, self.name,
                                   in_process=True, origin=origin)
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
                             pointer=f"tool.seamguard.sync.targets.{self.name}",
                             hint='e.g. url = "http://127.0.0.1:8000" for a running service')
        review_sql = None
        if target.review_sql:
            values = self._values(folder)
            review_sql = ((target.sql_url or "").format(**values),
                          target.review_sql.format(**values))
        sut = HttpAdapter(reset_path=target.reset, review_path=target.review_queue,
                          state_path=target.record_state, clock_path=target.clock,
                          tick_path=target.tick, app=app, url=target.url,
                          timeout=self.deadline, review_sql=review_sql, worker=app_worker,
                          owns_worker=queue is None, setting_at=self._setting_at)
        if self.source is not None:
            return sut, PollTransport(sut, self.source, in_process=app is not None)
        if queue is not None:
            return sut, queue
        transport = WebhookTransport(sut.client, self.profile, self._secret(),
                                     target.webhook_path, in_process=app is not None)
        return sut, transport
