"""Downstream faults injected into the SUT's httpx traffic to the CRM (a respx side effect).

A fault is armed for the next write (POST/PATCH) the SUT sends to the CRM and then spent:

- ``crm-503``: 503, nothing written;
- ``crm-429``: 429 with ``Retry-After: 0`` and HubSpot's rate-limit body, nothing written;
- ``timeout-after-commit``: the CRM commits the write, then the SUT sees a read timeout;
- ``timeout-before-commit``: the SUT sees a read timeout and nothing is written (a gateway that
  gave up before the CRM took the write): a timeout is no proof of a write either way;
- ``partial-207``: a batch upsert answers 207; its first input is not written;
- ``crash-before-commit`` / ``crash-after-commit``: the SUT's process dies at that write,
  before or after the CRM committed it (``ProcessCrash`` is raised into the SUT; ``on_crash``
  lets the transport cut what a dead process would lose, e.g. its broker connection).

Every answer the CRM gives is logged (``answers``), so a script can show that the CRM refused a
write (a 400 "Duplicate IDs found in batch input" is a bug of the sync, not of the CRM). An async
client reads each answer one turn of its event loop later, as it would a real CRM's, so that
deliveries in flight together interleave.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import httpx

from seamguard.sync.crm import CrmDouble
from seamguard.sync.transport import ProcessCrash

__all__ = ["CrmAnswer", "FaultInjector"]


@dataclass(frozen=True)
class CrmAnswer:
    """One CRM request and what it was answered."""

    seq: int
    method: str
    path: str
    status: int | None  # None: no answer (a timeout or a crash)
    message: str = ""
    fault: str | None = None

    def shown(self) -> str:
        what = "no answer" if self.status is None else str(self.status)
        return f"{what} {self.message}".strip()


def _message(response: httpx.Response) -> str:
    if response.status_code < 300:
        return ""
    try:
        data = json.loads(response.content or b"null")
    except ValueError:
        return response.text[:120]
    text = data.get("message") if isinstance(data, dict) else None
    return str(text)[:160] if text else ""


# How long (seconds) the answer to one of two deliveries in flight together waits for the other
# delivery to reach the CRM too: about a real CRM's latency. A system that serialises a record's
# deliveries keeps the other one waiting on its lock, so the answer goes out when this is over.
MEETING_WAIT = 0.1


def _task() -> asyncio.Task[object] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no event loop: a synchronous client
        return None


class _Answered(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A CRM answer's body that an async client reads one turn of its event loop later, and,
    while two deliveries are in flight together, once the other one wrote to the CRM too.

    A real CRM answers a write tens of milliseconds later; an answer handed back at once
    would let an in-process system run each delivery from start to commit without ever
    suspending, so two deliveries in flight together could never interleave between a CRM
    write and the commit that follows it (where races between deliveries of one record live).
    The two reach the system one after the other (from another thread, for a system on a
    worker of its own): without waiting for the second, whether they meet would depend on
    thread timing.
    """

    def __init__(self, body: bytes, injector: FaultInjector | None = None,
                 task: object = None) -> None:
        self.body = body
        self.injector = injector
        self.task = task

    def __iter__(self) -> Iterator[bytes]:
        yield self.body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        await asyncio.sleep(0)
        injector = self.injector
        if injector is not None and injector.meeting and self.task is not None:
            loop = asyncio.get_running_loop()
            until = loop.time() + MEETING_WAIT
            while (injector.meeting and not injector.met(self.task)
                   and loop.time() < until):
                await asyncio.sleep(0.001)
        yield self.body


class FaultInjector:
    """Routes CRM requests to the double, spending armed faults on writes."""

    def __init__(self, crm: CrmDouble) -> None:
        self.crm = crm
        self.armed: str | None = None
        self.spent: list[str] = []
        self.requests = 0
        self.answers: list[CrmAnswer] = []
        self.on_crash: Callable[[], None] | None = None
        self.meeting = False  # two deliveries in flight together
        self._writers: list[object] = []  # the tasks that sent CRM requests meanwhile

    def arm(self, fault: str | None) -> None:
        self.armed = fault

    def disarm(self) -> str | None:
        """Forget an unspent fault; returns it (None when it was spent or none was armed)."""
        left, self.armed = self.armed, None
        return left

    def meet(self, meeting: bool) -> None:
        """Two deliveries are (True) or no longer (False) in flight together."""
        self._writers = []
        self.meeting = meeting

    def met(self, task: object) -> bool:
        """Whether a task other than ``task`` sent a CRM request while the deliveries meet."""
        return any(writer is not task for writer in self._writers)

    def reset(self) -> None:
        self.armed = None
        self.answers.clear()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        task = _task() if self.meeting else None
        if task is not None:
            self._writers.append(task)
        fault = self.armed if request.method in ("POST", "PATCH") else None
        if fault is not None:
            self.armed = None
            self.spent.append(fault)
        try:
            response = self._answer(request, fault)
        except BaseException:
            self._log(request, None, "", fault)
            raise
        self._log(request, response.status_code, _message(response), fault)
        return httpx.Response(response.status_code, headers=response.headers,
                              stream=_Answered(response.content, self, task),
                              request=request)

    def _log(self, request: httpx.Request, status: int | None, message: str,
             fault: str | None) -> None:
        self.answers.append(CrmAnswer(len(self.answers), request.method, request.url.path,
                                      status, message, fault))

    def _answer(self, request: httpx.Request, fault: str | None) -> httpx.Response:
        if fault is None:
            return self.crm.handle(request)
        if fault == "crm-503":
            return httpx.Response(503, text="Service Unavailable", request=request)
        if fault == "crm-429":
            return httpx.Response(429, headers={"Retry-After": "0"}, request=request, json={
                "status": "error", "message": "You have reached your secondly limit.",
                "errorType": "RATE_LIMIT", "correlationId": str(uuid.uuid4()),
                "policyName": "SECONDLY"})
        if fault in ("timeout-after-commit", "timeout-before-commit"):
            if fault == "timeout-after-commit":
                self.crm.handle(request)
            raise httpx.ReadTimeout("timed out reading the CRM's answer", request=request)
        if fault in ("crash-before-commit", "crash-after-commit"):
            if fault == "crash-after-commit":
                self.crm.handle(request)
            if self.on_crash is not None:
                self.on_crash()
            raise ProcessCrash(f"{fault} at {request.method} {request.url.path}")
        if fault == "partial-207" and request.url.path.endswith("/batch/upsert"):
            object_type = request.url.path.split("/")[4]
            self.crm.fail_next_upsert_input(object_type)
        return self.crm.handle(request)
