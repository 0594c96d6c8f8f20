"""The field-mapping spec: the mapping table between two systems, as a checked YAML document.

A spec lives in ``contracts/mappings/<source>-to-<target>.yaml``. Its JSON Schema (for editors)
is ``MappingSpec.model_json_schema()``; ``seamguard map schema`` prints it.

```yaml
source: {contract: shopify@2024-07, schema: "#/components/schemas/Order",
         recorded: [{webhook: orders/create}, {operation: GET /orders/{order_id}.json, at: /order}]}
target: {contract: hubspot@v3, schema: "#/components/schemas/DealPropertiesInput"}
identity: {source: id, target: shopify_order_id}
version: {field: updated_at, tie_break: [id]}
fields:
  - {target: amount, source: total_price, transforms: [{decimal: {places: 2}}], required: true}
  - {target: dealstage, source: financial_status, enum: deal_stage}
  - {target: phone, source: [customer.phone, billing_address.phone],
     transforms: [coalesce, phone_e164, mask_phone], pii: true}
enums:
  deal_stage: {paid: closedwon, refunded: closedlost}
examples:
  - {name: paid order, input: {...}, output: {...}}
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from seamguard.documents import DEFAULT_MAX_DEPTH, LineLocator, escape_pointer, load_document
from seamguard.errors import UsageError
from seamguard.model_errors import first_problem, known_keys
from seamguard.spelling import nearest

__all__ = [
    "Endpoint",
    "FieldRule",
    "MappingSpec",
    "RecordSource",
    "SyncRules",
    "load_mapping",
]

JsonType = Literal["string", "integer", "number", "boolean", "array", "object"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RecordSource(_Model):
    """Where recorded source records are found: a webhook topic or an operation's response."""

    webhook: str | None = None
    operation: str | None = Field(None, description="e.g. 'GET /orders/{order_id}.json', or "
                                  "'POST /router/rest#taobao.trades.sold.get'")
    status: str = "200"
    at: str = Field("", description="JSON pointer into the business payload (inside the "
                    "platform's envelope); '*' takes each element, ⟨json⟩ and ⟨xml⟩ continue "
                    "inside a JSON or XML string")

    @field_validator("at")
    @classmethod
    def _pointer(cls, value: str) -> str:
        if value and not value.startswith("/"):
            raise ValueError(f"must be a JSON pointer such as /orders/*, not {value!r}")
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> RecordSource:
        if (self.webhook is None) == (self.operation is None):
            raise ValueError("give exactly one of `webhook` or `operation`")
        return self


class Endpoint(_Model):
    """One side of a mapping: a platform version's contract and the record schema in it."""

    contract: str = Field(description="platform@version, e.g. shopify@2024-07")
    schema_: str = Field(alias="schema",
                         description="JSON pointer, e.g. #/components/schemas/Order")
    recorded: list[RecordSource] = Field(default_factory=list)
    custom_fields: list[str] = Field(
        default_factory=list,
        description="names this project added to the platform's open records (e.g. HubSpot "
                    "custom properties): not reported as near misses of declared fields")

    @field_validator("contract")
    @classmethod
    def _platform_version(cls, value: str) -> str:
        if value.count("@") != 1 or not all(value.split("@")):
            raise ValueError("must be platform@version, e.g. shopify@2024-07")
        return value

    @field_validator("schema_")
    @classmethod
    def _pointer(cls, value: str) -> str:
        if not value.startswith("#/"):
            raise ValueError("must be a JSON pointer, e.g. #/components/schemas/Order")
        return value

    @property
    def platform(self) -> str:
        return self.contract.split("@")[0]

    @property
    def version(self) -> str:
        return self.contract.split("@")[1]


class Identity(_Model):
    source: str
    target: str


class VersionField(_Model):
    field: str
    tie_break: list[str] = Field(default_factory=list,
                                 description="fields that order events with equal versions")


Step = str | dict[str, dict[str, Any]]


class FieldRule(_Model):
    """One row of the mapping table."""

    target: str = Field(description="dotted path in the target record")
    source: str | list[str] | None = Field(
        None, description="dotted path (or several) in the source record; `a[]` is each element")
    constant: Any = None
    transforms: list[Step] = Field(default_factory=list)
    enum: str | None = Field(None, description="name of an enum map, applied after transforms")
    type: JsonType | None = None
    required: bool = False
    default: Any = None
    pii: bool = False
    each: list[FieldRule] | None = Field(
        None, description="rules applied to each element when the source is an array")
    items: list[list[FieldRule]] | None = Field(
        None, description="build an array: each group of rules makes one element from the "
                          "current record")
    note: str | None = None

    @field_validator("transforms", mode="before")
    @classmethod
    def _step_shapes(cls, value: Any) -> Any:
        for position, step in enumerate(value if isinstance(value, list) else []):
            fits = isinstance(step, str) or (
                isinstance(step, dict) and len(step) == 1
                and all(isinstance(k, str) and isinstance(v, dict) for k, v in step.items()))
            if not fits:
                raise ValueError(
                    f"step {position} must be a transform name, or {{name: {{param: value}}}}; "
                    f"found {step!r}"[:200])
        return value

    @model_validator(mode="after")
    def _has_input(self) -> FieldRule:
        if (self.source is None and self.constant is None and self.default is None
                and self.items is None):
            raise ValueError("a field rule needs `source`, `constant`, `default` or `items`")
        if self.source is not None and self.constant is not None:
            raise ValueError("give `source` or `constant`, not both")
        if isinstance(self.source, list) and not self.source:
            raise ValueError("`source: []` reads nothing: name one source path, or several "
                             "(source: [a, b]), or use `constant`")
        for step in self.transforms:
            if isinstance(step, dict) and len(step) != 1:
                raise ValueError("a transform step is a name, or {name: {param: value}}")
        return self

    @property
    def sources(self) -> list[str]:
        if self.source is None:
            return []
        return [self.source] if isinstance(self.source, str) else list(self.source)

    def steps(self) -> list[tuple[str, dict[str, Any]]]:
        return [(s, {}) if isinstance(s, str) else next(iter(s.items())) for s in self.transforms]


class ConflictPolicy(_Model):
    """How a field is resolved when both systems changed it."""

    policy: Literal["last_write_wins", "owner", "merge_set", "manual_review"] = "last_write_wins"
    owner: Literal["source", "target"] | None = None
    expire_after: str | None = Field(None, description="for merge_set, e.g. P30D")


class StateMachine(_Model):
    field: str
    initial: list[str] = Field(default_factory=list)
    transitions: dict[str, list[str]]
    unknown: Literal["quarantine", "reject"] = "quarantine"


class SyncRules(_Model):
    """Sync semantics: parsed and validated here, given meaning by the sync-property checks."""

    conflict: dict[str, ConflictPolicy] = Field(
        default_factory=dict, description="per target field; key `*` is the default")
    state_machines: list[StateMachine] = Field(default_factory=list)
    deletes: Literal["propagate", "archive", "ignore"] = "archive"
    refunds: Literal["adjust_amount", "separate_record", "ignore"] = "adjust_amount"


class PiiPolicy(_Model):
    allowed_destinations: list[str] = Field(
        default_factory=list,
        description="target fields allowed to receive unmasked personal data")


ProblemCode = Literal["missing-required", "transform-failed", "enum-unmapped"]


class Example(_Model):
    """A golden example: this input maps to exactly this output (and these problems)."""

    name: str
    input: dict[str, Any]
    output: dict[str, Any]
    problems: dict[str, ProblemCode] = Field(
        default_factory=dict,
        description="target fields this input must fail on, with the problem: e.g. "
                    "{amount: missing-required} for an order without a total")


class MappingSpec(_Model):
    """A field mapping from one platform's records to another's."""

    name: str | None = None
    description: str | None = None
    source: Endpoint
    target: Endpoint
    identity: Identity
    version: VersionField | None = None
    fields: list[FieldRule] = Field(min_length=1)
    enums: dict[str, dict[str, Any]] = Field(default_factory=dict)
    pii: PiiPolicy = Field(default_factory=PiiPolicy)
    sync: SyncRules | None = None
    examples: list[Example] = Field(default_factory=list)

    @model_validator(mode="after")
    def _enums_exist(self) -> MappingSpec:
        for rule in _all_rules(self.fields):
            if rule.enum is not None and rule.enum not in self.enums:
                close = nearest(rule.enum, list(self.enums))
                raise ValueError(
                    f"field {rule.target!r} uses enum map {rule.enum!r}, which is not under "
                    f"`enums`" + (f" (did you mean {close!r}?)" if close else ""))
        targets = [rule.target for rule in self.fields]
        duplicates = sorted({t for t in targets if targets.count(t) > 1})
        if duplicates:
            raise ValueError(f"target field(s) written by more than one rule: {duplicates}")
        return self


def _all_rules(rules: list[FieldRule]) -> list[FieldRule]:
    out = []
    for rule in rules:
        out.append(rule)
        if rule.each:
            out.extend(_all_rules(rule.each))
        for group in rule.items or []:
            out.extend(_all_rules(group))
    return out


class LoadedMapping:
    """A parsed spec plus where it came from, so findings can name file and line."""

    def __init__(self, spec: MappingSpec, path: Path, display: str) -> None:
        self.spec = spec
        self.path = path
        self.display = display
        self.name = spec.name or path.stem
        self._locator = LineLocator(path)

    def line_of(self, pointer: str) -> int | None:
        return self._locator.line_of(pointer)

    def with_spec(self, spec: MappingSpec) -> LoadedMapping:
        """The same file with a changed spec (a mutant), sharing the line lookup."""
        changed = LoadedMapping.__new__(LoadedMapping)
        changed.__dict__.update(self.__dict__)
        changed.spec = spec
        return changed

    def rule_pointer(self, index: int) -> str:
        return f"/fields/{index}"


def load_mapping(path: Path, *, display: str,
                 max_depth: int = DEFAULT_MAX_DEPTH) -> LoadedMapping:
    """Parse and validate one mapping file; UsageError with file, line and hint when invalid."""
    data = load_document(path, display=display, max_depth=max_depth)
    if not isinstance(data, dict):
        raise UsageError(
            "a mapping spec must be a mapping with source, target, identity and fields; this "
            f"file holds {'nothing' if data is None else 'a ' + type(data).__name__}",
            file=display, line=1, pointer="/",
            hint="see `seamguard map schema`, or copy one of the example mappings")
    _one_rule_per_target(data, path, display)
    try:
        spec = MappingSpec.model_validate(data)
    except ValidationError as exc:
        problem = first_problem(exc, data, aliases={"schema_": "schema"})
        pointer = "".join("/" + escape_pointer(str(part)) for part in problem.path)
        hint = "see `seamguard map schema` for what each key of a mapping spec takes"
        if problem.kind == "extra_forbidden":
            where = [str(part) for part in problem.path[:-1]]
            meant = nearest(str(problem.path[-1]), known_keys(MappingSpec, where))
            hint = (f"did you mean {meant!r}?" if meant else
                    "see `seamguard map schema` for the keys a mapping spec takes")
        shown = "".join("/" + escape_pointer(str(part)) for part in problem.shown_path)
        raise UsageError(problem.counted(), file=display,
                         line=LineLocator(path).line_of(pointer) or 1,
                         pointer=shown or "/", hint=hint) from None
    return LoadedMapping(spec, path, display)


def _one_rule_per_target(data: dict[str, Any], path: Path, display: str) -> None:
    """Two top-level rules writing one target field: a usage error at the second rule's
    ``target``, naming the first (one would silently overwrite the other)."""
    rules = data.get("fields")
    if not isinstance(rules, list):
        return
    first: dict[str, int] = {}
    for index, rule in enumerate(rules):
        target = rule.get("target") if isinstance(rule, dict) else None
        if not isinstance(target, str):
            continue
        if target not in first:
            first[target] = index
            continue
        locator = LineLocator(path)
        pointer = f"/fields/{index}/target"
        earlier = locator.line_of(f"/fields/{first[target]}/target")
        raise UsageError(
            f"target field {target!r} is written by rule {first[target]}"
            + (f" (line {earlier})" if earlier else "") + f" and again by rule {index}",
            file=display, line=locator.line_of(pointer) or 1, pointer=pointer,
            hint="one rule per target field: list several sources in one rule "
                 "(source: [a, b] with coalesce or concat), or write the second to another "
                 "field")
