"""Checks a ``seamguard probe`` run was asked for by name but cannot run.

schemathesis runs a check only where it applies, and passes quietly where it does not:
``--checks ignored_auth`` (or ``[checks.ignored_auth] enabled = true``) on a contract with no
security requirement, ``--checks use_after_free`` without a DELETE in a stateful sequence,
``--checks negative_data_rejection`` with ``--mode positive``. A migrating user reads that pass
as "the API is fine". Each such check named on the command line (or in schemathesis.toml) is a
warning here, with the reason and what to change, and an error when no check named can run
(the pass would mean nothing).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seamguard.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from seamguard.probe import ProbeOptions

__all__ = ["unrunnable_checks"]

_STATEFUL = {
    "use_after_free": ("DELETE", "delete a resource and then read it again"),
    "ensure_resource_availability": ("POST", "create a resource and then read it"),
}


def _named(options: ProbeOptions, settings: dict[str, Any]) -> tuple[list[str], str]:
    """The checks the user chose by name, and where: --checks, else schemathesis.toml's
    ``[checks.NAME] enabled = true``."""
    names = [n.strip() for item in options.checks for n in item.split(",") if n.strip()]
    if names:
        return ([] if "all" in names else list(dict.fromkeys(names))), "--checks {}"
    checks = settings.get("checks")
    if not isinstance(checks, dict):
        return [], ""
    return [name for name, table in checks.items()
            if isinstance(table, dict) and table.get("enabled") is True], \
        "schemathesis.toml [checks.{}]"


def _operations(schema: Any) -> list[Any]:
    found = []
    for result in schema.get_all_operations():
        operation = getattr(result, "ok", lambda: None)()
        if operation is not None:
            found.append(operation)
    return found


def _secured(schema: Any, operations: list[Any]) -> bool:
    raw = getattr(schema, "raw_schema", {}) or {}
    default = raw.get("security") if isinstance(raw, dict) else None
    for operation in operations:
        definition = getattr(operation.definition, "raw", {}) or {}
        security = definition.get("security", default) if isinstance(definition, dict) \
            else default
        # a list holding only an empty requirement ({}) asks for nothing
        if security and any(requirement for requirement in security
                            if isinstance(requirement, dict)):
            return True
    return False


def _reason(name: str, options: ProbeOptions, schema: Any,
            operations: list[Any]) -> tuple[str, str] | None:
    """(why ``name`` cannot run, what to change), or None when it can."""
    if name == "negative_data_rejection" and options.mode == "positive":
        return ("it judges invalid requests only, and --mode positive generates none",
                "add --mode negative (or all)")
    if name == "positive_data_acceptance" and options.mode == "negative":
        return ("it judges valid requests only, and --mode negative generates none",
                "add --mode positive (or all)")
    if name == "ignored_auth" and not _secured(schema, operations):
        return ("no probed operation declares a security requirement in the contract, so "
                "there is no authentication to leave out",
                "declare securitySchemes and `security` in the contract, or drop the check")
    if name in _STATEFUL:
        method, does = _STATEFUL[name]
        if not options.allow_unsafe:
            return (f"it runs in stateful sequences that {does}, and seamguard sends "
                    "POST/PUT/PATCH/DELETE only with --allow-unsafe",
                    "add --allow-unsafe against a sandbox (never production)")
        if options.phases is not None and "stateful" not in options.phases:
            return ("it runs in the stateful phase, which --phases leaves out",
                    "add stateful to --phases")
        if not any(str(getattr(op, "method", "")).upper() == method for op in operations):
            return (f"it needs sequences that {does}, and no probed operation is a {method}",
                    "probe the operations that create and delete (check the "
                    "--include/--exclude filters), or drop the check")
    return None


def unrunnable_checks(options: ProbeOptions, schema: Any, where: Location,
                      check_id: str, settings: dict[str, Any] | None = None
                      ) -> Iterator[Finding]:
    """A warning for each check named with --checks (or enabled by name in schemathesis.toml)
    that this run cannot exercise (an error for each when none of them can)."""
    names, said = _named(options, settings or {})
    if not names:
        return
    operations = _operations(schema)
    reasons = {name: reason for name in names
               if (reason := _reason(name, options, schema, operations)) is not None}
    # when none of the named checks can run, a pass would mean nothing
    severity = Severity.ERROR if len(reasons) == len(names) else Severity.WARNING
    for name, reason in reasons.items():
        if reason is not None:
            yield Finding(
                code="probe.check-not-run", severity=severity, check=check_id,
                message=f"{said.format(name)}: never exercised in this run: {reason[0]}",
                location=where, expected=f"{name} exercised", actual="not applicable",
                hint=f"{reason[1]}; schemathesis would pass it silently")
