"""``seamguard map explain``: a per-field trace of one record through one mapping.

For each rule: source path(s) → raw value → each transform step → output → what the target
contract says about it. The record comes from a JSON file, standard input, or a recorded
interaction (``fixtures/cassettes/shopify/webhooks-2024-07.yaml#0``).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.contracts.validation import violations
from seamguard.documents import parse_text, read_text, size_text
from seamguard.errors import DocumentError, UsageError
from seamguard.findings import Finding
from seamguard.mapping.check import compile_or_finding, mapping_files, recorded_records
from seamguard.mapping.engine import Problem
from seamguard.mapping.spec import LoadedMapping, load_mapping
from seamguard.project import Project
from seamguard.spelling import nearest
from seamguard.verify import RecordedVerifier

__all__ = ["explain", "find_mapping", "read_record"]


def find_mapping(project: Project, name: str) -> LoadedMapping:
    """A mapping by file path or by name (file stem)."""
    path = Path(name)
    if not path.is_file():
        candidates = {p.stem: p for p in mapping_files(project)}
        if name not in candidates:
            close = nearest(name, list(candidates))
            raise UsageError(
                f"no mapping {name!r}",
                hint=f"did you mean {close!r}?" if close else
                f"mappings: {', '.join(sorted(candidates)) or 'none'}",
            )
        path = candidates[name]
    return load_mapping(path, display=project.relative(path))


def read_record(project: Project, mapping: LoadedMapping, catalog: ContractCatalog,
                spec: str) -> tuple[Any, str]:
    """The record named by ``spec`` and a label for it."""
    if spec == "-":
        limit = int(project.settings.max_document_mb * 1_048_576)
        raw = sys.stdin.buffer.read(limit + 1)
        if len(raw) > limit:
            raise UsageError(f"standard input is over the {size_text(limit)} limit",
                             file="<stdin>", hint="give one source record, not a whole export")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UsageError(f"standard input is not UTF-8 (byte at offset {exc.start})",
                             file="<stdin>", hint="send the record as UTF-8 JSON") from None
        return _parse_record(text, "<stdin>"), "<stdin>"
    file, _, index = spec.partition("#")
    if index:
        if not index.isdigit():
            raise UsageError(f"{spec!r}: the part after # must be an interaction number",
                             hint="e.g. fixtures/cassettes/shopify/orders-2024-07.yaml#2")
        verifier = RecordedVerifier(project, catalog)
        cassette = verifier.read(Path(file))
        if isinstance(cassette, Finding):
            raise UsageError(cassette.message, file=file, line=cassette.location.line,
                             hint=cassette.hint)
        interactions = cassette.interactions

        def readable() -> str:
            # The interactions this mapping can explain: the next command to type.
            holding = [f"{file}#{i}" for i in range(len(interactions))
                       if any(True for _ in recorded_records(
                           verifier, catalog, replace(cassette, interactions=[interactions[i]]),
                           mapping))]
            if holding:
                return "records this mapping reads are in " + ", ".join(holding[:5]) + (
                    " ..." if len(holding) > 5 else "")
            return ("no interaction of it holds one: see `source.recorded` in the mapping "
                    "for where records come from")

        if int(index) >= len(interactions):
            numbered = f"#0 to #{len(interactions) - 1}" if interactions else "none"
            raise UsageError(f"{len(interactions)} interaction(s), numbered "
                             f"{numbered}; #{index} is not one", file=file, hint=readable())
        one = replace(cassette, interactions=[interactions[int(index)]])
        found = list(recorded_records(verifier, catalog, one, mapping))
        if not found:
            raise UsageError(
                f"interaction #{index} holds no {mapping.spec.source.contract} record "
                "this mapping reads", file=file, hint=readable())
        _, pointer, record = found[0]
        return record, f"{file}#{index}{pointer}"
    try:
        text = read_text(Path(file), display=file)
    except DocumentError as exc:
        raise UsageError(exc.message, file=file, line=exc.line, hint=exc.hint) from None
    return _parse_record(text, file), file


def _parse_record(text: str, label: str) -> Any:
    try:
        record = parse_text(text, file=label, json_only=True)
    except DocumentError as exc:
        raise UsageError(exc.message, file=label, line=exc.line, hint=exc.hint) from None
    if not isinstance(record, dict):
        raise UsageError("a record must be a JSON object", file=label, line=1,
                         hint="give one source record, e.g. the `order` object of a response")
    return record


def explain(project: Project, mapping: LoadedMapping, record: Any,
            catalog: ContractCatalog) -> dict[str, Any]:
    """The trace as plain data (rendered as a table by the CLI, or printed as JSON)."""
    compiled = compile_or_finding(mapping, project.root)
    if isinstance(compiled, Finding):
        raise UsageError(compiled.message, file=mapping.display, line=compiled.location.line,
                         hint=compiled.hint)
    output, traces, problems = compiled.explain(record)
    target = catalog.load(mapping.spec.target.platform, mapping.spec.target.version)
    by_field: dict[str, list[str]] = {}
    if isinstance(target, Contract):
        ref = target.root(mapping.spec.target.schema_)
        for violation in violations(target, ref, output):
            field = violation.pointer.lstrip("/").split("/")[0]
            by_field.setdefault(field, []).append(f"{violation.pointer}: {violation.message}")
    paths = _path_problems(mapping, catalog)
    wrong = [(problem, f"/fields/{problem.rule}") for problem in problems]
    fields = []
    for trace in traces:
        top = trace.target.split(".")[0]
        wrong.extend((Problem(trace.rule, trace.target, code, message), pointer)
                     for code, message, pointer in paths.get(trace.rule, []))
        fields.append({
            "rule": trace.rule,
            "target": trace.target,
            "sources": trace.sources,
            "raw": trace.raw,
            "steps": [{"step": name, "value": value} for name, value in trace.steps],
            "output": trace.output,
            "error": trace.error,
            "verdict": "ok" if not by_field.get(top) and not trace.error
            and not paths.get(trace.rule) else "invalid",
            "violations": [*(m for _, m, _ in paths.get(trace.rule, [])),
                           *by_field.get(top, [])],
        })
    return {
        "mapping": mapping.name,
        "source": mapping.spec.source.contract,
        "target": mapping.spec.target.contract,
        "fields": fields,
        "output": output,
        "problems": [{"target": p.target, "code": p.code, "message": p.message,
                      "file": mapping.display, "pointer": pointer,
                      "line": mapping.line_of(pointer)} for p, pointer in wrong],
        "valid": not wrong and not any(by_field.values()),
    }


def _path_problems(mapping: LoadedMapping, catalog: ContractCatalog
                   ) -> dict[int, list[tuple[str, str, str]]]:
    """Per top-level rule, its source or target paths the contracts lack (lint's message and
    its did-you-mean): such a rule reads or writes nothing, so its null is not data."""
    from seamguard.mapping.lint import lint_mapping

    found: dict[int, list[tuple[str, str, str]]] = {}
    kinds = {"mapping.unknown-source-field", "mapping.unknown-target-field", "mapping.bad-path"}
    for finding in lint_mapping(mapping, catalog):
        pointer = finding.location.pointer or ""
        # a path of a rule, or of a rule inside its `each:` or `items:` (reported on the rule)
        path = _RULE_PATH.match(pointer)
        if finding.code in kinds and path is not None:
            text = finding.message + (f"; {finding.hint}" if finding.hint else "")
            found.setdefault(int(path.group(1)), []).append((finding.code, text, pointer))
    return found


_RULE_PATH = re.compile(
    r"^/fields/(\d+)((?:/each/\d+|/items/\d+/\d+)*)/(?:source|target)(?:/\d+)?$")


def masked(trace: dict[str, Any], project: Project) -> dict[str, Any]:
    """The trace with personal data masked: each field's values by its target and source names
    and by content, the messages and the record's label (a file named after a phone number, a
    cassette path) by content; a value that is not provably impersonal (a bare name where a
    state belongs) by its shape, wherever a message quotes it (seamguard.privacy.observed)."""
    from seamguard.privacy.guard import mask_text, mask_value
    from seamguard.privacy.observed import observed, requote
    from seamguard.privacy.policy import PrivacyPolicy

    policy = PrivacyPolicy.from_settings(project.settings.privacy)
    swaps: dict[str, str] = {}

    def value(item: Any, keys: list[str]) -> Any:
        for key in keys:
            if policy.key(key.replace("[]", "").rsplit(".", 1)[-1]).kind is not None:
                item = mask_value(item, key.replace("[]", "").rsplit(".", 1)[-1], policy)
                break
        else:
            item = mask_value(item, None, policy)
        return observed(item, swaps=swaps)[0]

    def text(message: str) -> str:
        return requote(mask_text(message, policy), swaps)

    fields = []
    for field in trace["fields"]:
        keys = [field["target"], *field["sources"]]
        fields.append({
            **field,
            "raw": value(field["raw"], keys),
            "steps": [{"step": s["step"], "value": value(s["value"], keys)}
                      for s in field["steps"]],
            "output": value(field["output"], keys),
        })
    output = observed(mask_value(trace["output"], None, policy), swaps=swaps)[0]
    for field, original in zip(fields, trace["fields"], strict=True):
        field["error"] = text(original["error"]) if original["error"] else original["error"]
        field["violations"] = [text(v) for v in original["violations"]]
    label = trace.get("record")
    return {**trace, "fields": fields, "output": output,
            **({"record": mask_text(label, policy)} if isinstance(label, str) else {}),
            "problems": [{**p, "message": text(p["message"])} for p in trace["problems"]]}


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
