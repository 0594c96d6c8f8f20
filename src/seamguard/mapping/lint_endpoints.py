"""What a mapping names outside itself: the source and target contracts (configured, loadable,
with the named root schema) and the recordings its ``source.recorded`` entries select."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.mapping.spec import LoadedMapping
from seamguard.spelling import nearest

__all__ = ["CHECK_ID", "endpoint_contracts", "recorded_sources"]

CHECK_ID = "mapping"


def endpoint_contracts(mapping: LoadedMapping,
                       catalog: ContractCatalog) -> tuple[Contract, Contract] | Finding:
    """The source and target contracts the mapping names, loaded, with their root schemas
    found; or the finding that says which of them cannot be used, and why."""
    contracts: list[Contract] = []
    for side, endpoint in (("source", mapping.spec.source), ("target", mapping.spec.target)):
        settings = catalog.project.settings.platforms.get(endpoint.platform)
        pointer = f"/{side}/contract"
        if settings is None or endpoint.version not in settings.versions:
            known = [f"{p}@{v}" for p, v in catalog.entries()]
            close = nearest(endpoint.contract, known)
            return _invalid(mapping, pointer,
                            f"{side} contract {endpoint.contract!r} is not configured",
                            f"did you mean {close!r}?" if close else
                            f"configured: {', '.join(known)}")
        loaded = catalog.load(endpoint.platform, endpoint.version)
        if not isinstance(loaded, Contract):
            return _invalid(mapping, pointer, f"{side} contract does not load: {loaded.message}",
                            "run `seamguard contract lint`")
        try:
            loaded.root(endpoint.schema_)
        except UsageError as exc:
            return _invalid(mapping, f"/{side}/schema", exc.message, exc.hint)
        contracts.append(loaded)
    return contracts[0], contracts[1]


def recorded_sources(mapping: LoadedMapping, source: Contract) -> Iterator[Finding]:
    """Each ``source.recorded`` entry names a webhook or operation the source contract has:
    one that names nothing would silently leave every recording unchecked."""
    labels = {operation.label: operation for operation in source.operations
              if not operation.webhook}
    for index, recorded in enumerate(mapping.spec.source.recorded):
        pointer = f"/source/recorded/{index}"
        if recorded.webhook is not None:
            if recorded.webhook not in source.webhooks:
                close = difflib.get_close_matches(recorded.webhook, list(source.webhooks), n=1)
                yield _recorded_finding(mapping, f"{pointer}/webhook",
                                        f"{source.label} has no webhook {recorded.webhook!r}",
                                        close, list(source.webhooks))
            continue
        operation = labels.get(str(recorded.operation))
        if operation is None:
            close = difflib.get_close_matches(str(recorded.operation), list(labels), n=1)
            yield _recorded_finding(mapping, f"{pointer}/operation",
                                    f"{source.label} has no operation {recorded.operation!r}",
                                    close, list(labels))
        elif not recorded.status.isdigit() or operation.response(int(recorded.status)) is None:
            yield _recorded_finding(
                mapping, f"{pointer}/status",
                f"{operation.label} documents no response {recorded.status!r}", [],
                sorted(operation.responses))


def _recorded_finding(mapping: LoadedMapping, pointer: str, message: str, close: list[str],
                      known: list[str]) -> Finding:
    return Finding(
        code="mapping.recorded-unknown", severity=Severity.ERROR, check=CHECK_ID,
        message=f"{message}, so no recording would ever be read through this entry",
        hint=f"did you mean {close[0]!r}?" if close else
        f"known: {', '.join(sorted(known)[:12]) or 'none'}",
        location=Location(file=mapping.display, pointer=pointer, line=mapping.line_of(pointer),
                          operation=f"mapping {mapping.name}"))


def _invalid(mapping: LoadedMapping, pointer: str, message: str, hint: str | None) -> Finding:
    return Finding(code="mapping.invalid", severity=Severity.ERROR, check=CHECK_ID, message=message,
                   hint=hint, location=Location(file=mapping.display, pointer=pointer,
                                                line=mapping.line_of(pointer)))
