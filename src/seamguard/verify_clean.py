"""The plan of each operation, and interactions it proves clean without the full check."""

from __future__ import annotations

from typing import Any

from seamguard.contracts.id_precision import may_hold_lossy
from seamguard.contracts.model import Contract
from seamguard.contracts.validation import violations
from seamguard.documents import loads_json
from seamguard.recordings.bodies import read_body
from seamguard.recordings.cassettes import Cassette, Interaction
from seamguard.recordings.routing import Route
from seamguard.verify_full import FullCheck
from seamguard.verify_headers import header_texts
from seamguard.verify_plan import OperationPlan
from seamguard.verify_target import _Where

_UNPLANNED: Any = object()


class CleanPlans(FullCheck):
    """Interactions proved clean by a plan compiled once per operation."""

    _plans: dict[tuple[str, str | None, str, bool, str], OperationPlan | None]
    _operation_plans: dict[int, OperationPlan]

    # -- the plan: what a clean interaction costs -----------------------------------------------

    def plan(self, route: Route, method: str) -> OperationPlan | None:
        """The plan of the operation a (non-gateway) route names; None when routing it already
        says something (unknown version, unloadable contract, undocumented operation)."""
        key = (route.platform, route.version, route.path, route.webhook, method)
        found = self._plans.get(key, _UNPLANNED)
        if found is _UNPLANNED:
            found = self._plan(route, method)
            if len(self._plans) > 50_000:  # distinct paths (ids in them): keep memory bounded
                self._plans.clear()
            self._plans[key] = found
        return found  # type: ignore[no-any-return]

    def _plan(self, route: Route, method: str) -> OperationPlan | None:
        version = route.version
        if version is None or version not in self.project.settings.platforms[
                route.platform].versions:
            return None
        contract = self.catalog.load(route.platform, version)
        if not isinstance(contract, Contract):
            return None
        operation = (contract.webhooks.get(route.path) if route.webhook
                     else self._match(contract, method, route.path))
        if operation is None:
            return None
        # One plan per operation, whatever path (ids in it) led there.
        plan = self._operation_plans.get(id(operation))
        if plan is None or plan.operation is not operation:
            plan = OperationPlan(contract, operation, route.platform, version,
                                 route.platform in self._enveloped)
            self._operation_plans[id(operation)] = plan
        return plan

    def _clean(self, cassette: Cassette, interaction: Interaction, route: Route) -> bool:
        """True when the interaction certainly matches its contract (no finding at all);
        False when the full check must say what it finds, if anything."""
        if route.twins:  # at a base URL several platforms share: the full check says which
            return False
        plan = self.plan(route, interaction.method)
        if plan is None:
            return False
        if route.webhook:
            headers = interaction.request_headers
            if self.requests.delivery(plan.contract, plan.operation, interaction):
                return False
            if any(self.reply_findings(plan.contract, plan.operation, interaction,
                                       _Where(cassette.display, interaction.index))):
                return False  # the reply to the push breaks the webhook's responses
            body = interaction.request_body
            checks = plan.body(0, headers.get("content-type"))
        else:
            if route.platform in self._signed_paths:
                return False  # its time stamp and signature: the full check reads them
            if plan.operation.path_params and self.path_params.violations(
                    plan.contract, plan.operation, route.path):
                return False
            if self.requests.violations(plan.contract, plan.operation, interaction):
                return False
            headers = interaction.response_headers
            body = interaction.response_body
            checks = plan.body(interaction.status, headers.get("content-type"))
        if checks is None:
            return False
        for name, header in checks.headers:
            value = headers.get(name)
            if value is None:
                if header.required:
                    return False
            elif header.schema is not None and any(
                    self._header_verdict(plan.contract, header, text) for text in header_texts(
                        plan.contract, header.schema, value, interaction.response_lines, name)):
                return False
        schema = checks.schema
        if schema is None:
            return True
        text, problem, found = read_body(body, headers, self.max_body)
        if problem is not None or found is not None or not text or text.isspace():
            return False
        try:
            instance = loads_json(text, max_depth=self.max_depth)
        except ValueError:
            return False
        if plan.enveloped:
            where = _Where(cassette.display, interaction.index)
            where.platform, where.version = plan.platform, plan.version
            where.operation = plan.operation.label
            opened = self.gateway.open(plan.platform, instance, plan.operation,
                                       self._maker(where), plan.contract)
            if isinstance(opened, list):
                return False
            instance = opened[0]
        if checks.sites:
            return not violations(plan.contract, schema, instance)
        assert checks.validator is not None
        # an id written as a float may have lost digits: the full check says
        return checks.validator.is_valid(instance) and not (checks.integers
                                                            and may_hold_lossy(instance))
