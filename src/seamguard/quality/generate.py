"""Derive expectation suites from contracts and mappings (``seamguard suites generate``).

Each generated expectation carries ``meta.seamguard = {generated: true, from: "<file>#<pointer>"}``
naming the contract property or mapping rule it came from, so a data failure traces back to the
rule. Regeneration replaces generated expectations only: hand-written ones (no ``generated``
mark) and the suite's own ``meta`` are kept as they are.

| source fact                          | expectation                                  |
|--------------------------------------|----------------------------------------------|
| mapping identity target              | values unique, not null                      |
| dataset ``key`` (a contract dataset) | not null; unique when it is one column       |
| rule ``required`` / contract required| not null                                     |
| rule ``enum`` map / ``constant``     | in set (the map's target values)             |
| contract enum                        | in set                                       |
| contract pattern / format, transform output format (phone_e164, datetime_utc) | regex |
| contract maxLength, ``truncate``     | value lengths between                        |
| contract minimum / maximum           | values between                               |
| ``pii: true`` into a masked dataset or a field not allowed to hold PII | masked pattern |

A property the contract requires that the dataset has no column for yields no expectation (none
could run) and a warning finding, ``quality.required-column-missing``, naming the contract
pointer and the dataset: a suite silently without it would pass every export that drops it. A
dataset missing several gets one such warning naming each of them with its pointer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.mapping.shapes import Shape, shape_of
from seamguard.project import DatasetSettings, Project
from seamguard.quality.datasets import DatasetError, Datasets
from seamguard.quality.mappings import find_mapping
from seamguard.spelling import nearest

__all__ = ["FORMAT_REGEX", "MASKED_REGEX", "SuiteChange", "generate_suite", "write_suites"]

FORMAT_REGEX = {
    "e164": r"^\+[1-9][0-9]{6,14}$",
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "date-time": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
                 r"(Z|[+-][0-9]{2}:[0-9]{2})$",
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}
# What seamguard's own maskers leave: some clear characters around a run of asterisks.
MASKED_REGEX = r"^[^*]*\*{1,}[^*]*$"
_TRANSFORM_FORMAT = {"phone_e164": "e164", "datetime_utc": "date-time", "date_only": "date",
                     "email": "email"}


@dataclass
class SuiteChange:
    """What regeneration did to one suite file."""

    dataset: str
    path: Path
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_generated: int = 0
    hand_written: int = 0
    created: bool = False
    warnings: list[Finding] = field(default_factory=list)


def _describe(exp: dict[str, Any]) -> str:
    kwargs = exp["kwargs"]
    extra = {k: v for k, v in kwargs.items() if k != "column"}
    text = json.dumps(extra, ensure_ascii=False, sort_keys=True)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{exp['type']}({kwargs.get('column', '')}) {text}"


class _Builder:
    def __init__(self, columns: set[str] | None) -> None:
        self.columns = columns
        self.out: list[dict[str, Any]] = []
        self._seen: set[str] = set()
        # required contract properties the dataset has no column for: (column, origin)
        self.missing: list[tuple[str, str]] = []

    def required(self, column: str, origin: str) -> None:
        """Note a property the contract requires, when the dataset has no column for it."""
        if self.columns is not None and column not in self.columns and \
                (column, origin) not in self.missing:
            self.missing.append((column, origin))

    def add(self, kind: str, column: str, origin: str, **kwargs: Any) -> None:
        if self.columns is not None and column not in self.columns:
            return
        if self.columns is None and ("." in column or "[" in column):
            # a nested target path is no column of a flat dataset (a column the dataset does
            # have, named with a dot, is one)
            return
        exp = {"type": kind, "kwargs": {"column": column, **kwargs},
               "meta": {"seamguard": {"generated": True, "from": origin}}}
        identity = json.dumps([kind, exp["kwargs"]], sort_keys=True, default=str)
        if identity in self._seen:
            return
        self._seen.add(identity)
        self.out.append(exp)

    def from_shape(self, column: str, shape: Shape, origin: str, required: bool) -> None:
        if required:
            self.required(column, origin)
        if required and not shape.nullable:
            self.add("expect_column_values_to_not_be_null", column, origin)
        if shape.enum:
            self.add("expect_column_values_to_be_in_set", column, origin,
                     value_set=list(shape.enum))
        regex = shape.pattern or FORMAT_REGEX.get(shape.format or "")
        if regex:
            if shape.blank:  # the contract also accepts "" (a value cleared)
                regex = f"^$|(?:{regex})"
            self.add("expect_column_values_to_match_regex", column, origin, regex=regex)
        if shape.max_length is not None:
            self.add("expect_column_value_lengths_to_be_between", column, origin,
                     min_value=0, max_value=shape.max_length)
        if shape.minimum is not None or shape.maximum is not None:
            bounds: dict[str, Any] = {}
            if shape.minimum is not None:
                bounds.update(min_value=shape.minimum[0], strict_min=shape.minimum[1])
            if shape.maximum is not None:
                bounds.update(max_value=shape.maximum[0], strict_max=shape.maximum[1])
            self.add("expect_column_values_to_be_between", column, origin, **bounds)


def _contract_and_root(catalog: ContractCatalog, ref: str) -> tuple[Contract, Any]:
    platform_version, _, pointer = ref.partition("#")
    platform, _, version = platform_version.partition("@")
    loaded = catalog.load(platform, version)
    if not isinstance(loaded, Contract):
        raise loaded
    return loaded, loaded.schema(loaded.root("#" + pointer))


def generate_expectations(project: Project, catalog: ContractCatalog, name: str,
                          settings: DatasetSettings,
                          columns: set[str] | None) -> list[dict[str, Any]]:
    """The generated expectations of one dataset, each linked to its origin."""
    return _generate(project, catalog, name, settings, columns).out


def _generate(project: Project, catalog: ContractCatalog, name: str, settings: DatasetSettings,
              columns: set[str] | None) -> _Builder:
    builder = _Builder(columns)
    if settings.mapping:
        mapping = find_mapping(project, settings.mapping)
        if mapping is None:
            known = sorted(p.stem for p in (project.contracts_dir / "mappings").glob("*")
                           if p.suffix in (".yaml", ".yml", ".json"))
            close = nearest(settings.mapping, known)
            raise UsageError(f"dataset {name!r} names mapping {settings.mapping!r}, which does "
                             "not exist", pointer=f"tool.seamguard.datasets.{name}.mapping",
                             file=project.relative(project.pyproject),
                             line=project.setting_line(f"datasets.{name}.mapping"),
                             hint=f"did you mean {close!r}?" if close else
                             f"mappings: {', '.join(known) or 'none'}")
        spec = mapping.spec
        where = mapping.display
        target, root = _contract_and_root(catalog, f"{spec.target.contract}{spec.target.schema_}")
        top = shape_of(target, root)
        builder.add("expect_column_values_to_not_be_null", spec.identity.target,
                    f"{where}#/identity")
        builder.add("expect_column_values_to_be_unique", spec.identity.target,
                    f"{where}#/identity")
        allowed = set(spec.pii.allowed_destinations)
        for index, rule in enumerate(spec.fields):
            origin = f"{where}#/fields/{index}"
            column = rule.target
            if rule.required:
                builder.add("expect_column_values_to_not_be_null", column, origin)
            if rule.enum:
                values = sorted({str(v) for v in spec.enums[rule.enum].values()})
                builder.add("expect_column_values_to_be_in_set", column,
                            f"{where}#/enums/{rule.enum}", value_set=values)
            elif rule.constant is not None:
                builder.add("expect_column_values_to_be_in_set", column, origin,
                            value_set=[rule.constant])
            steps = rule.steps()
            if steps and steps[-1][0] in _TRANSFORM_FORMAT and not (
                    rule.pii and settings.pii == "masked"):
                builder.add("expect_column_values_to_match_regex", column, origin,
                            regex=FORMAT_REGEX[_TRANSFORM_FORMAT[steps[-1][0]]])
            for step, params in steps:
                if step == "truncate" and "max_length" in params:
                    builder.add("expect_column_value_lengths_to_be_between", column, origin,
                                min_value=0, max_value=params["max_length"])
            if rule.pii and (settings.pii == "masked" or column.split(".")[0] not in allowed):
                builder.add("expect_column_values_to_match_regex", column, origin,
                            regex=MASKED_REGEX)
            if column in top.properties and not (rule.pii and settings.pii == "masked"):
                builder.from_shape(column, shape_of(target, top.properties[column]),
                                   f"{target_display(project, spec.target.contract)}"
                                   f"{spec.target.schema_}/properties/{column}",
                                   column in top.required)
        for column in top.required:
            if column not in top.properties or not any(r.target == column for r in spec.fields):
                builder.required(column, f"{target_display(project, spec.target.contract)}"
                                         f"{spec.target.schema_}/required")
    elif settings.contract:
        contract, root = _contract_and_root(catalog, settings.contract)
        top = shape_of(contract, root)
        ref, _, pointer = settings.contract.partition("#")
        for column, node in top.properties.items():
            builder.from_shape(column, shape_of(contract, node),
                               f"{target_display(project, ref)}#{pointer}/properties/{column}",
                               column in top.required)
        for column in top.required:
            if column not in top.properties:
                builder.required(column, f"{target_display(project, ref)}#{pointer}/required")
        # The dataset's own key names its records as a mapping's identity does.
        origin = f"pyproject.toml#/tool/seamguard/datasets/{name}/key"
        for column in settings.key:
            builder.add("expect_column_values_to_not_be_null", column, origin)
        if len(settings.key) == 1:
            builder.add("expect_column_values_to_be_unique", settings.key[0], origin)
    return builder


def _missing_required(name: str, settings: DatasetSettings,
                      missing: list[tuple[str, str]]) -> list[Finding]:
    """One warning for the dataset, naming every required property it has no column for, each
    with the contract pointer that requires it (a dataset that leaves out eight is one fact)."""
    where = str(settings.path) if settings.path is not None else f"dataset {name}"
    pointers: dict[str, str] = {}
    for column, origin in missing:
        pointers.setdefault(column, origin)  # (first origin: the property's own pointer)
    if not pointers:
        return []
    columns = list(pointers)
    file, _, pointer = pointers[columns[0]].partition("#")
    schema = _schema_of(pointer)
    same = all(origin.partition("#")[0] == file and _schema_of(origin.partition("#")[2]) == schema
               for origin in pointers.values())
    listed = ", ".join(f"{column!r} ({pointers[column]})" for column in columns)
    if len(columns) == 1:
        message = (f"{columns[0]!r} is required by {pointers[columns[0]]}, but dataset {name!r} "
                   f"({where}) has no such column: the suite has no expectation for it")
    else:
        message = (f"dataset {name!r} ({where}) has no column for {len(columns)} properties the "
                   f"contract requires, so the suite has no expectation for them: {listed}")
    them = repr(columns[0]) if len(columns) == 1 else "them"
    return [Finding(
        code="quality.required-column-missing", severity=Severity.WARNING, check="quality",
        message=message,
        location=Location(file=file, pointer=schema if same and len(columns) > 1 else pointer,
                          operation=f"dataset {name}"),
        expected=dict(pointers), actual=None,
        hint=f"export {them} into {where}, or, when the dataset rightly leaves "
             f"{'it' if len(columns) == 1 else 'them'} out, say so in the contract or the mapping")]


def _schema_of(pointer: str) -> str:
    """The schema a required property's pointer sits in (``…/Order/properties/id`` and
    ``…/Order/required`` are both in ``…/Order``)."""
    head, _, last = pointer.rpartition("/")
    if last == "required":
        return head
    parent, _, keyword = head.rpartition("/")
    return parent if keyword == "properties" else pointer


def target_display(project: Project, contract: str) -> str:
    platform, _, version = contract.partition("@")
    try:
        return project.relative(project.contract_file(platform, version))
    except UsageError:
        return contract


def generate_suite(project: Project, catalog: ContractCatalog, name: str,
                   datasets: Datasets) -> tuple[dict[str, Any], SuiteChange]:
    """The regenerated suite document of one dataset and what changed in it."""
    settings = datasets.settings(name)
    columns: set[str] | None
    try:
        columns = set(datasets.open(name).columns) if settings.kind != "spark" else None
    except DatasetError:
        columns = None  # generate from the specs alone; the check will report the dataset
    builder = _generate(project, catalog, name, settings, columns)
    generated = builder.out
    folder = project.root / project.settings.quality.suites
    path = folder / f"{name}.json"
    change = SuiteChange(name, path, created=not path.exists(),
                         warnings=_missing_required(name, settings, builder.missing))
    document: dict[str, Any] = {"name": name, "expectations": [],
                                "meta": {"seamguard": {"dataset": name}}}
    if path.exists():
        from seamguard.quality.suites import load_suite

        existing = load_suite(path, display=project.relative(path))
        document = dict(existing.raw)
        old_generated = [e.to_json() for e in existing.expectations if e.generated]
        hand = [e.to_json() for e in existing.expectations if not e.generated]
    else:
        old_generated, hand = [], []
    old_keys = {_describe(e) for e in old_generated}
    new_keys = {_describe(e) for e in generated}
    change.added = sorted(new_keys - old_keys)
    change.removed = sorted(old_keys - new_keys)
    change.kept_generated = len(new_keys & old_keys)
    change.hand_written = len(hand)
    document["expectations"] = [*generated, *hand]
    return document, change


def write_suites(project: Project, names: list[str] | None = None, *,
                 dry_run: bool = False) -> list[SuiteChange]:
    """Regenerate the suites of ``names`` (default: every dataset with a mapping or contract)."""
    catalog = ContractCatalog(project)
    declared = project.settings.datasets
    chosen = names or [n for n, s in declared.items() if s.mapping or s.contract]
    changes = []
    with Datasets(project) as datasets:
        for name in chosen:
            document, change = generate_suite(project, catalog, name, datasets)
            if not dry_run and (change.added or change.removed or change.created):
                change.path.parent.mkdir(parents=True, exist_ok=True)
                change.path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
            changes.append(change)
    return changes
