"""Contract lint: is each contract itself valid OpenAPI, and free of known traps?

Structural validity comes from openapi-spec-validator (the reference implementation of the
OpenAPI meta-schemas); seamguard's own loader runs first because it reports broken or cyclic
``$ref``s with the referring file and line, where the validator would stop with a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.documents import escape_pointer
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from seamguard.checks import RunContext

__all__ = ["CHECK_ID", "INVALID", "lint_contract", "run_check"]

CHECK_ID = "contract"
# Findings with this code mean the project itself is invalid: commands exit with code 2.
INVALID = "contract.invalid"


def lint_contract(catalog: ContractCatalog, platform: str, version: str) -> list[Finding]:
    loaded = catalog.load(platform, version)
    where = Location(platform=platform, version=version)
    if isinstance(loaded, UsageError):
        return [_invalid(where, loaded)]
    findings = list(_spec_validity(loaded, where))
    findings.extend(_traps(loaded, where))
    return findings


def _invalid(where: Location, error: UsageError) -> Finding:
    return Finding(
        code=INVALID, severity=Severity.ERROR, check=CHECK_ID, message=error.message,
        hint=error.hint,
        location=Location(platform=where.platform, version=where.version, file=error.file,
                          line=error.line, pointer=error.pointer),
    )


def _spec_validity(contract: Contract, where: Location) -> Iterator[Finding]:
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    cls = OpenAPIV30SpecValidator if contract.openapi.startswith("3.0") else OpenAPIV31SpecValidator
    uri = contract.docs.entry_uri
    try:
        errors = list(cls(contract.document, base_uri=uri).iter_errors())
    except Exception as exc:
        yield Finding(
            code=INVALID, severity=Severity.ERROR, check=CHECK_ID,
            message=f"the OpenAPI validator could not process this contract: {exc}"[:500],
            location=Location(platform=where.platform, version=where.version,
                              file=contract.file, line=1),
        )
        return
    for error in errors[:50]:
        pointer = "".join("/" + escape_pointer(str(token)) for token in error.path)
        yield Finding(
            code=INVALID, severity=Severity.ERROR, check=CHECK_ID,
            message=f"not valid OpenAPI {contract.openapi}: {error.message}",
            location=Location(platform=where.platform, version=where.version, file=contract.file,
                              line=contract.docs.line_of(uri, pointer), pointer=pointer or "/"),
            hint="compare with the OpenAPI specification of that object",
        )


def _traps(contract: Contract, where: Location) -> Iterator[Finding]:
    uri = contract.docs.entry_uri
    info = contract.document.get("info") or {}
    declared = str(info.get("version", ""))
    if declared and declared != contract.version:
        yield Finding(
            code="contract.version-mismatch", severity=Severity.WARNING, check=CHECK_ID,
            message=f"info.version is {declared!r} but the contract sits in the "
                    f"{contract.version!r} folder",
            expected=contract.version, actual=declared,
            location=Location(platform=where.platform, version=where.version, file=contract.file,
                              line=contract.docs.line_of(uri, "/info/version"),
                              pointer="/info/version"),
            hint="move the file to the right version folder, or correct info.version",
        )
    if not contract.operations:
        yield Finding(
            code="contract.empty", severity=Severity.WARNING, check=CHECK_ID,
            message="the contract declares no operations and no webhooks",
            location=Location(platform=where.platform, version=where.version, file=contract.file),
        )
    if contract.openapi.startswith("3.1"):
        for doc_uri, document in contract.docs.documents.items():
            for pointer in _nullable_keywords(document, ""):
                yield Finding(
                    code="contract.nullable-ignored", severity=Severity.WARNING, check=CHECK_ID,
                    message="`nullable` is not part of OpenAPI 3.1 and is ignored: null will be "
                            "rejected here",
                    location=Location(platform=where.platform, version=where.version,
                                      file=contract.docs.file_of(doc_uri), pointer=pointer,
                                      line=contract.docs.line_of(doc_uri, pointer)),
                    hint='write `type: [string, "null"]` instead',
                )


def _nullable_keywords(node: Any, pointer: str) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("nullable") is True and ("type" in node or "$ref" in node):
            yield f"{pointer}/nullable"
        for key, value in node.items():
            if key not in ("example", "examples") and isinstance(value, dict | list):
                yield from _nullable_keywords(value, f"{pointer}/{escape_pointer(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nullable_keywords(value, f"{pointer}/{index}")


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``contract`` check: lint every contract the settings declare."""
    entries = list(context.catalog.entries())
    for done, (platform, version) in enumerate(entries, start=1):
        context.progress(done - 1, len(entries), f"{platform}@{version}")
        yield from lint_contract(context.catalog, platform, version)
        context.examined += 1
    context.progress(len(entries), len(entries), "")
