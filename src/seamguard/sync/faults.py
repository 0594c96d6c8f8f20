"""Downstream faults injected into the SUT's httpx traffic to the CRM (a respx side effect).

A fault is armed for the next write (POST/PATCH) the SUT sends to the CRM and then spent:

- ``crm-503``: 503, nothing written;
- ``crm-429``: 429 with ``Retry-After: 0`` and HubSpot's rate-limit body, nothing written;
- ``timeout-after-commit``: the CRM commits the write, then the SUT sees a read timeout;
- ``partial-207``: a batch upsert answers 207; its first input is not written.
"""

from __future__ import annotations

import uuid

import httpx

from seamguard.sync.crm import CrmDouble

__all__ = ["FaultInjector"]


class FaultInjector:
    """Routes CRM requests to the double, spending armed faults on writes."""

    def __init__(self, crm: CrmDouble) -> None:
        self.crm = crm
        self.armed: str | None = None
        self.spent: list[str] = []
        self.requests = 0

    def arm(self, fault: str | None) -> None:
        self.armed = fault

    def disarm(self) -> str | None:
        """Forget an unspent fault; returns it (None when it was spent or none was armed)."""
        left, self.armed = self.armed, None
        return left

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        fault = self.armed if request.method in ("POST", "PATCH") else None
        if fault is None:
            return self.crm.handle(request)
        self.armed = None
        self.spent.append(fault)
        if fault == "crm-503":
            return httpx.Response(503, text="Service Unavailable", request=request)
        if fault == "crm-429":
            return httpx.Response(429, headers={"Retry-After": "0"}, request=request, json={
                "status": "error", "message": "You have reached your secondly limit.",
                "errorType": "RATE_LIMIT", "correlationId": str(uuid.uuid4()),
                "policyName": "SECONDLY"})
        if fault == "timeout-after-commit":
            self.crm.handle(request)
            raise httpx.ReadTimeout("timed out reading the CRM's answer", request=request)
        if fault == "partial-207" and request.url.path.endswith("/batch/upsert"):
            object_type = request.url.path.split("/")[4]
            self.crm.fail_next_upsert_input(object_type)
        return self.crm.handle(request)
