"""Contract lint: is each contract itself valid OpenAPI, and free of known traps?

Structural validity comes from openapi-spec-validator (the reference implementation of the
OpenAPI meta-schemas); seamguard's own loader runs first because it reports broken or cyclic
``$ref``s with the referring file and line, where the validator would stop with a traceback.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.lint_examples import example_problems
from seamguard.contracts.lint_formats import misspelt_formats
from seamguard.contracts.lint_never import never_matching
from seamguard.contracts.lint_spec import Rule, bad_templates, spec_rules
from seamguard.contracts.model import Contract
from seamguard.documents import escape_pointer
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.wire.profile import OperationLocation, WireProfile

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
    templates = [_rule(loaded, where, rule) for rule in bad_templates(loaded.document)]
    # A path that is no template stops the meta-schema validator with a crash that names no
    # object: the path is reported instead.
    findings = templates or list(_spec_validity(loaded, where))
    findings.extend(_traps(loaded, where))
    findings.extend(_rule(loaded, where, rule) for rule in spec_rules(loaded.document))
    findings.extend(_never_matching(loaded, where))
    findings.extend(_misspelt_formats(loaded, where))
    findings.extend(_bad_examples(loaded, where))
    findings.extend(_broken_discriminators(loaded, where))
    settings = catalog.project.settings.platforms.get(platform)
    if settings is not None:
        findings.extend(_gateway_convention(loaded, settings.wire, where))
    return findings


def _rule(contract: Contract, where: Location, rule: Rule) -> Finding:
    pointer, code, error, message, hint = rule
    uri = contract.docs.entry_uri
    return Finding(code=code, severity=Severity.ERROR if error else Severity.WARNING,
                   check=CHECK_ID, message=message, hint=hint,
                   location=Location(platform=where.platform, version=where.version,
                                     file=contract.file,
                                     pointer=contract.docs.written(uri, pointer) or pointer,
                                     line=contract.docs.line_of(uri, pointer)))


NEVER = "contract.never-matches"


def _never_matching(contract: Contract, where: Location) -> Iterator[Finding]:
    """Schemas no value can match: every answer or request they describe would fail."""
    openapi30 = contract.openapi.startswith("3.0")
    for doc_uri, document in contract.docs.documents.items():
        for pointer, why in never_matching(document, openapi30=openapi30):
            yield Finding(
                code=NEVER, severity=Severity.ERROR, check=CHECK_ID,
                message=f"no value can match {_schema_place(document, pointer)}: {why}",
                location=Location(platform=where.platform, version=where.version,
                                  file=contract.docs.file_of(doc_uri),
                                  pointer=contract.docs.written(doc_uri, pointer) or pointer,
                                  line=contract.docs.line_of(doc_uri, pointer)),
                hint="every answer or request this schema describes would fail: correct the "
                     "keywords named here")


def _misspelt_formats(contract: Contract, where: Location) -> Iterator[Finding]:
    """A ``format`` that is a checked format misspelt checks nothing: said with the one meant."""
    for doc_uri, document in contract.docs.documents.items():
        for pointer, written, meant in misspelt_formats(document):
            yield Finding(
                code="contract.format-unknown", severity=Severity.WARNING, check=CHECK_ID,
                message=f"format {written!r} is no format seamguard knows, so values here are "
                        f"not checked against any; did you mean {meant!r}?",
                expected=meant, actual=written,
                location=Location(platform=where.platform, version=where.version,
                                  file=contract.docs.file_of(doc_uri),
                                  pointer=contract.docs.written(doc_uri, pointer) or pointer,
                                  line=contract.docs.line_of(doc_uri, pointer)),
                hint=f"write `format: {meant}` to have values checked as {meant}")


def _bad_examples(contract: Contract, where: Location) -> Iterator[Finding]:
    """Examples the contract's own schemas refuse (a warning: an example checks no traffic, and
    an adopted platform's contract often carries a stale one its user cannot correct), and a
    parameter or media type with two kinds of them (an error: OpenAPI forbids it)."""
    uri = contract.docs.entry_uri
    for pointer, message, hint in example_problems(contract):
        both = "has both `example` and `examples`" in message
        yield Finding(
            code="contract.example-invalid",
            severity=Severity.ERROR if both else Severity.WARNING, check=CHECK_ID,
            message=message, hint=hint,
            location=Location(platform=where.platform, version=where.version,
                              file=contract.file,
                              pointer=contract.docs.written(uri, pointer) or pointer,
                              line=contract.docs.line_of(uri, pointer)))


def _schema_place(document: Any, pointer: str) -> str:
    """``this schema``, or ``the schema of parameter 'x'`` when it is a parameter's."""
    found = re.search(r"^(.*/parameters/\d+)/schema$", pointer)
    parameter = _value(document, found.group(1)) if found else None
    if isinstance(parameter, dict) and isinstance(parameter.get("name"), str):
        return f"the schema of {parameter.get('in', '')} parameter {parameter['name']!r}"
    return "this schema"


GATEWAY = "contract.gateway-convention"


def _gateway_convention(contract: Contract, wire: WireProfile,
                        where: Location) -> Iterator[Finding]:
    """Gateway operations are written `/gateway/path#operation.name`, once each."""
    uri = contract.docs.entry_uri

    def finding(severity: Severity, path: str, message: str, hint: str) -> Finding:
        pointer = f"/paths/{escape_pointer(path)}"
        return Finding(code=GATEWAY, severity=severity, check=CHECK_ID, message=message,
                       hint=hint, location=Location(
                           platform=where.platform, version=where.version, file=contract.file,
                           pointer=contract.docs.written(uri, pointer),
                           line=contract.docs.line_of(uri, pointer)))

    pattern = re.compile(wire.operation.pattern) if wire.operation and wire.operation.pattern \
        else None
    seen: dict[str, str] = {}
    for operation in contract.operations:
        if operation.webhook:
            continue
        if "#" not in operation.path:
            if wire.operation is not None and operation.path == wire.path:
                # calls there are routed by the operation parameter: none reaches a bare path
                yield finding(Severity.ERROR, operation.path,
                              f"{operation.path} names no operation, so no recording can reach "
                              f"it: calls at {where.platform}'s gateway path are routed by "
                              f"{wire.operation.label}",
                              f"write {operation.path}#<{_name_shape(wire.operation)}>")
            continue
        path, _, name = operation.path.partition("#")
        if wire.operation is None:
            yield finding(Severity.ERROR, operation.path,
                          f"{operation.path} names a gateway operation, but {where.platform} "
                          "is routed by path, so no recording can reach it",
                          "set `protocol` (or [wire.operation]) for the platform, or write a "
                          "plain path")
            continue
        if not name:
            yield finding(Severity.ERROR, operation.path, f"{operation.path} names no operation "
                          "after the #", f"write {path}#<{_name_shape(wire.operation)}>")
            continue
        if wire.path is not None and path != wire.path:
            yield finding(Severity.ERROR, operation.path,
                          f"{operation.path} is not at {where.platform}'s gateway path "
                          f"{wire.path}", f"write {wire.path}#{name}")
        own = wire.operation.path_of(name) if wire.path is None else None
        if own is not None and path.rstrip("/") != own:
            yield finding(Severity.ERROR, operation.path,
                          f"{operation.path}: {name} is served at {own} on {where.platform} "
                          f"(operation.path = \"{wire.operation.path}\")",
                          f"write {own}#{name}")
        if pattern is not None and not pattern.search(name):
            yield finding(Severity.WARNING, operation.path,
                          f"operation name {name!r} does not look like a "
                          f"{wire.title or where.platform} operation (pattern "
                          f"{wire.operation.pattern})",
                          f"check the spelling against the platform's documentation of "
                          f"{wire.operation.label}")
        alike = {m.lower() for m in wire.methods}
        key = name if operation.method in alike else f"{operation.method} {name}"
        if key in seen:
            yield finding(Severity.ERROR, operation.path,
                          f"operation {name!r} is declared twice ({seen[key]} and "
                          f"{operation.label}); a recorded call could match either",
                          "keep one declaration per operation name")
        else:
            seen[key] = operation.label


def _name_shape(location: OperationLocation) -> str:
    """How an operation is written after the ``#``: ``method value``, or ``service
    value.method value`` for a name of several parameters."""
    return location.join.join(f"{part} value" for part in location.parts)


def _invalid(where: Location, error: UsageError) -> Finding:
    return Finding(
        code=INVALID, severity=Severity.ERROR, check=CHECK_ID, message=error.message,
        hint=error.hint,
        location=Location(platform=where.platform, version=where.version, file=error.file,
                          line=error.line, pointer=error.pointer),
    )


def _validator_problem(exc: Exception) -> str:
    """What a crash of the OpenAPI validator says about the document, in words."""
    if isinstance(exc, RecursionError):
        return ("its $ref chains or nesting go deeper than can be followed (a long chain of "
                "allOf/$ref hops, or a schema nested hundreds of levels deep)")
    if isinstance(exc, KeyError):
        return (f"an object lacks its required key {exc.args[0]!r} (e.g. a parameter without "
                "`name` or `in`)")
    if isinstance(exc, ValueError | TypeError | AttributeError):
        return f"an object has an unexpected shape ({exc})"
    return f"{type(exc).__name__}: {exc}"


def _spec_validity(contract: Contract, where: Location) -> Iterator[Finding]:
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    cls = OpenAPIV30SpecValidator if contract.openapi.startswith("3.0") else OpenAPIV31SpecValidator
    uri = contract.docs.entry_uri
    try:
        errors = list(cls(contract.document, base_uri=uri).iter_errors())
    except Exception as exc:
        yield Finding(
            code=INVALID, severity=Severity.ERROR, check=CHECK_ID,
            message=f"the OpenAPI validator could not process this contract: "
                    f"{_validator_problem(exc)}"[:500],
            location=Location(platform=where.platform, version=where.version,
                              file=contract.file, line=1),
            hint="compare the objects named here with the OpenAPI specification",
        )
        return
    located = [("".join("/" + escape_pointer(str(token)) for token in error.path), error)
               for error in errors]
    # The validator checks each schema object on its own, so an error inside one is placed
    # relative to that object: it belongs under the object another error points at.
    # Each such error takes the first place below an anchor that holds the failing value and
    # no earlier error took (several components often fail on the same field name).
    document = contract.document
    anchors = [pointer for pointer, _ in located if _exists(document, pointer)]
    taken: set[str] = set()
    placed = []
    for pointer, error in located:
        if not _exists(document, pointer):
            pointer = next((place for anchor in anchors
                            for place in _places_below(document, anchor, pointer)
                            if place not in taken
                            and _value(document, place) == error.instance), pointer)
            taken.add(pointer)
        placed.append((pointer, error))
    located = placed
    pointers = {pointer for pointer, _ in located}
    # An object that fails because of one of its fields fails again at every level above it
    # (a schema is "not valid under any of the given schemas" of Schema | Reference): the
    # deepest error says what to fix, the ones above only repeat it.
    located = [(pointer, error) for pointer, error in located
               if not any(other.startswith(pointer + "/") for other in pointers)]
    for pointer, error in located[:50]:
        yield Finding(
            code=INVALID, severity=Severity.ERROR, check=CHECK_ID,
            message=f"not valid {_dialect(contract)}: {_short(error.message)}",
            location=Location(platform=where.platform, version=where.version, file=contract.file,
                              line=contract.docs.line_of(uri, pointer),
                              pointer=contract.docs.written(uri, pointer) or "/"),
            hint="compare with the OpenAPI specification of that object",
        )


def _dialect(contract: Contract) -> str:
    if contract.docs.swagger2:
        return "Swagger 2.0 (read as the OpenAPI 3.0 document it means)"
    return f"OpenAPI {contract.openapi}"


_VERDICT = re.compile(r" (?:is not valid under any|is not of type|is not one of|should be|"
                      r"should not be|does not match|is too (?:long|short)|is a required "
                      r"property|has non-unique)[^{}\[\]]*$")


_MISSING = object()


def _value(document: Any, pointer: str) -> Any:
    """The node at ``pointer``, or ``_MISSING``."""
    node = document
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return _MISSING
    return node


def _places_below(document: Any, anchor: str, pointer: str) -> Iterator[str]:
    """``anchor + pointer``, then the same ``pointer`` under the anchor's schema objects
    (a response's or body's schema sits in its ``content``: the validator checks it alone)."""
    yield anchor + pointer
    node = _value(document, anchor)
    content = node.get("content") if isinstance(node, dict) else None
    for media in content if isinstance(content, dict) else ():
        yield f"{anchor}/content/{escape_pointer(str(media))}/schema{pointer}"


def _exists(document: Any, pointer: str) -> bool:
    return _value(document, pointer) is not _MISSING


def _short(message: str) -> str:
    """The validator's message without the whole object it quotes first (a schema component
    can be pages of JSON): ``this object is not valid under any of the given schemas``."""
    if len(message) <= 200 or not message.startswith(("{", "[")):
        return message
    verdict = _VERDICT.search(message)
    if verdict is None:
        return message[:197] + "..."
    return ("this object" if message.startswith("{") else "this array") + verdict.group()


def _traps(contract: Contract, where: Location) -> Iterator[Finding]:
    uri = contract.docs.entry_uri
    info = contract.document.get("info")
    # A malformed `info` is reported by the structural check; here it has no version to compare.
    declared = str(info.get("version", "")) if isinstance(info, dict) else ""
    if declared and declared != contract.version:
        yield Finding(
            code="contract.version-mismatch", severity=Severity.WARNING, check=CHECK_ID,
            message=f"info.version is {declared!r} but the contract sits in the "
                    f"{contract.version!r} folder",
            expected=contract.version, actual=declared,
            location=Location(platform=where.platform, version=where.version, file=contract.file,
                              line=contract.docs.line_of(uri, "/info/version"),
                              pointer="/info/version"),
            hint="the folder name is a label of the document: rename the folder to "
                 f"{declared!r}, correct info.version, or keep both and accept this warning "
                 "(`seamguard baseline save --reason ...`, docs/baseline.md)",
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


def _broken_discriminators(contract: Contract, where: Location) -> Iterator[Finding]:
    """``discriminator.mapping`` values are references too: each must name a schema."""
    for doc_uri, document in contract.docs.documents.items():
        components = document.get("components") if isinstance(document, dict) else None
        schemas = components.get("schemas") if isinstance(components, dict) else None
        for pointer, value in _discriminator_targets(document, ""):
            if value.startswith("#/"):
                found = _exists(document, unquote(value[1:]))
            elif "#" in value or "/" in value:
                continue  # another file: the reference resolver follows those
            else:
                found = isinstance(schemas, dict) and value in schemas
            if not found:
                close = difflib.get_close_matches(
                    value.rsplit("/", 1)[-1],
                    list(schemas) if isinstance(schemas, dict) else [], n=1)
                yield Finding(
                    code=INVALID, severity=Severity.ERROR, check=CHECK_ID,
                    message=f"discriminator mapping {value!r} points to no schema",
                    location=Location(platform=where.platform, version=where.version,
                                      file=contract.docs.file_of(doc_uri),
                                      pointer=contract.docs.written(doc_uri, pointer),
                                      line=contract.docs.line_of(doc_uri, pointer)),
                    hint=f"did you mean {close[0]!r}?" if close else
                    "map each value to #/components/schemas/Name or a schema name")


def _discriminator_targets(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
            for key, value in discriminator["mapping"].items():
                if isinstance(value, str):
                    yield (f"{pointer}/discriminator/mapping/{escape_pointer(str(key))}", value)
        for key, value in node.items():
            if key not in ("example", "examples") and isinstance(value, dict | list):
                yield from _discriminator_targets(value, f"{pointer}/{escape_pointer(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _discriminator_targets(value, f"{pointer}/{index}")


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
    yield from _undeclared_folders(context)


def _undeclared_folders(context: RunContext) -> Iterator[Finding]:
    """A ``contracts/<platform>/<version>/openapi.*`` that no platform table declares is not
    checked at all: said, rather than silently left out."""
    project = context.project
    declared = set(project.settings.platforms)
    root = project.contracts_dir
    if not root.is_dir():
        return
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "mappings"):
        if folder.name in declared:
            continue
        documents = sorted(folder.glob("*/openapi.*"))
        if not documents:
            continue  # a folder of shared $ref documents, not a platform
        yield Finding(
            code="contract.undeclared", severity=Severity.WARNING, check=CHECK_ID,
            message=f"{project.relative(folder)}/ holds a contract, but no platform "
                    f"{folder.name!r} is declared, so nothing checks it",
            location=Location(file=project.relative(documents[-1])),
            hint=f"run `seamguard init` again to add [tool.seamguard.platforms.{folder.name}] "
                 "(base_url from its servers), or write that table by hand")
