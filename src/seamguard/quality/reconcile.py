"""The ``reconcile`` check: a keyed comparison of a source extract with its synced target.

``[tool.seamguard.reconcile.NAME]`` names a mapping, the target dataset and the source (a dataset,
or ``cassettes = true`` for the recorded API pages). The mapping is compiled to SQL and the whole
comparison runs where the data lives (DuckDB for files, PostgreSQL for SQL datasets): keys missing
on either side, duplicate keys, field-level differences after the mapping, counts per status and
money totals. Every difference is a finding with the key and both values; personal data is masked.

The comparison itself is :mod:`seamguard.quality.reconcile_compare`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from seamguard.errors import SettingsError, UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.project import Project, ReconcileSettings
from seamguard.quality.datasets import Datasets, database_errors, describe_error
from seamguard.quality.mappings import check_dataset_references, find_mapping
from seamguard.quality.privacy import mask_value, pii_columns
from seamguard.quality.reconcile_compare import Reconciliation, _money_differs, reconcile
from seamguard.quality.reconcile_hints import difference_hint, near_keys
from seamguard.spelling import nearest

if TYPE_CHECKING:
    from seamguard.checks import RunContext

__all__ = ["CHECK_ID", "Reconciliation", "reconcile", "run_check"]

CHECK_ID = "reconcile"
_ERROR, _WARNING, _INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def key_class_cases(result: Reconciliation, settings: ReconcileSettings) -> list[str]:
    """The test cases of one reconciliation: one per key class (missing, extra and duplicated
    keys), one per compared field, the status counts and money totals, and the row counts."""
    name = result.name
    cases = [f"{name} · {label}" for label in ("missing keys", "extra keys", "duplicate keys")]
    cases += [f"{name} · field {target}" for target in result.compared]
    if settings.status:
        cases.append(f"{name} · status counts")
    if settings.money:
        cases.append(f"{name} · money totals")
    return [*cases, f"{name} · row counts"]


def findings(project: Project, result: Reconciliation,
             settings: ReconcileSettings) -> Iterator[Finding]:
    """Every difference as a finding (key and both values), personal data masked."""
    spec_file = project.relative(project.pyproject)
    name = result.name
    pointer = f"tool.seamguard.reconcile.{name}"
    base = Location(file=spec_file, line=_line_of_table(project, name), pointer=pointer,
                    operation=f"reconcile {name}")
    mapping = result.mapping
    pii = ({rule.target for rule in mapping.spec.fields if rule.pii} if mapping is not None
           else pii_columns(project, settings.target))
    key_name = result.key_name

    def shown(column: str, value: Any) -> Any:
        return mask_value(column, value) if column in pii else value

    def keyed(key: str, operation: str | None = None) -> Location:
        return replace(base, key=str(shown(key_name, key)),
                       operation=operation or base.operation)

    for index, target, reason, fallback in result.not_compiled:
        assert mapping is not None  # rules that do not compile come from a mapping
        where = Location(file=mapping.display, pointer=f"/fields/{index}",
                         line=mapping.line_of(f"/fields/{index}"),
                         operation=f"reconcile {name}")
        if fallback:
            yield Finding(code="reconcile.rule-in-python", severity=_INFO, check=CHECK_ID,
                          message=f"rule {index} ({target}): {reason}; compared through the "
                                  "Python mapping engine for this field only", location=where,
                          hint="row-by-row for this one field: slower on millions of rows",
                          case=f"{name} · field {target}")
        else:
            yield Finding(code="reconcile.rule-not-compiled", severity=_WARNING, check=CHECK_ID,
                          message=f"rule {index} ({target}): {reason}; field not compared",
                          location=where, case=f"{name} · field {target}",
                          hint="rules building arrays or reading $target cannot be "
                               "reconciled; list the fields to compare in `fields = [...]`")
    for side, key, count in result.duplicates:
        yield Finding(code="reconcile.duplicate-key", severity=_ERROR, check=CHECK_ID,
                      message=f"{side} has {count} rows with {key_name}={shown(key_name, key)};"
                              " their fields are not compared", location=keyed(key),
                      expected=1, actual=count, case=f"{name} · duplicate keys",
                      quoted=(shown(key_name, key),),
                      hint="a reconciliation key must identify one row on each side")
    source_name = settings.source or "the recordings"
    twins = near_keys(result.missing_in_target, result.extra_in_target)

    def twin_hint(key: Any, where: str) -> str | None:
        twin = twins.get(str(key))
        if twin is None:
            return None
        return (f"{where} has {key_name}={_show(shown(key_name, twin))}: the same key but for "
                "case, width or spaces; normalise the key on one side (`trim`, `upper` in the "
                "mapping, or in the export)")

    for key in result.missing_in_target:
        yield Finding(code="reconcile.missing-in-target", severity=_ERROR, check=CHECK_ID,
                      message=f"{key_name}={shown(key_name, key)} is in {source_name} but not "
                              f"in {settings.target}", location=keyed(key),
                      expected=shown(key_name, key), actual=None, case=f"{name} · missing keys",
                      quoted=(shown(key_name, key), *_twin(twins, key, shown, key_name)),
                      hint=twin_hint(key, f"{settings.target}")
                      or "the sync dropped this record: re-sync it")
    for key in result.extra_in_target:
        yield Finding(code="reconcile.extra-in-target", severity=_ERROR, check=CHECK_ID,
                      message=f"{key_name}={shown(key_name, key)} is in {settings.target} but "
                              f"not in the source", location=keyed(key),
                      expected=None, actual=shown(key_name, key), case=f"{name} · extra keys",
                      quoted=_twin(twins, key, shown, key_name),
                      hint=twin_hint(key, "the source")
                      or "deleted at the source, or created by hand in the target")
    for key, target, source_value, target_value, index in result.differences:
        through = (f"the mapping rule {mapping.display}#/fields/{index}" if mapping is not None
                   else f"column {target} of {settings.source}")
        yield Finding(code="reconcile.field-differs", severity=_ERROR, check=CHECK_ID,
                      message=f"{key_name}={shown(key_name, key)}: {target} differs: source "
                              f"{_show(shown(target, source_value))}, target "
                              f"{_show(shown(target, target_value))}"
                              + (f" (mapping rule {index})" if mapping is not None else ""),
                      location=keyed(key, f"reconcile {name} · {target}"),
                      expected=shown(target, source_value), actual=shown(target, target_value),
                      case=f"{name} · field {target}",
                      # the source's value is data read from the source, not a declaration
                      quoted=(shown(key_name, key), shown(target, source_value)),
                      hint=f"expected = source through {through}" + (
                          f"; {looks}" if target not in pii and (
                              looks := difference_hint(source_value, target_value)) else ""))
    for value, in_source, in_target in result.status_counts:
        if in_source != in_target:
            yield Finding(code="reconcile.status-count", severity=_ERROR, check=CHECK_ID,
                          message=f"{settings.status}={value}: {in_source} in the source, "
                                  f"{in_target} in {settings.target}", location=base,
                          expected=in_source, actual=in_target, case=f"{name} · status counts",
                          quoted=(value,),
                          hint="the key-by-key findings of this reconciliation name the records "
                               "whose status differs or is missing")
    for money, total_source, total_target, allowed in result.money:
        if _money_differs((money, total_source, total_target, allowed)):
            yield Finding(code="reconcile.money-total", severity=_ERROR, check=CHECK_ID,
                          message=f"total {money}: {total_source} in the source, "
                                  f"{total_target} in {settings.target}", location=base,
                          expected=total_source, actual=total_target,
                          case=f"{name} · money totals",
                          hint="the key-by-key findings of this reconciliation name the records "
                               "whose amount differs or is missing")
    counts = result.counts()
    yield Finding(code="reconcile.summary", severity=_INFO, check=CHECK_ID,
                  message=f"{name}: {result.source_rows} source / {result.target_rows} "
                          f"target rows; {counts['missing_in_target']} missing, "
                          f"{counts['extra_in_target']} extra, {counts['field_differences']} "
                          f"field differences, {counts['duplicate_keys']} duplicate keys",
                  location=base, actual=counts, case=f"{name} · row counts")


def _twin(twins: dict[str, Any], key: Any, shown: Any, key_name: str) -> tuple[Any, ...]:
    """The near twin of a key a hint quotes, as data the finding quotes."""
    twin = twins.get(str(key))
    return () if twin is None else (shown(key_name, twin),)


def _show(value: Any) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _line_of_table(project: Project, name: str) -> int | None:
    from seamguard.project import line_of_setting

    return line_of_setting(project.pyproject, f"reconcile.{name}")


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``reconcile`` check; failures are also summarised (counts only) for the run's alert."""
    from seamguard.alerts import counted

    return counted(context, CHECK_ID, _run_check(context))


def check_settings(project: Project) -> None:
    """Refuse, as a usage error (exit 2), a reconciliation whose settings name a mapping,
    dataset or field that does not exist: that is a typo in the project, not a data problem."""

    datasets = sorted(project.settings.datasets)
    mappings = sorted(p.stem for p in (project.contracts_dir / "mappings").glob("*")
                      if p.suffix in (".yaml", ".yml", ".json"))

    def fail(name: str, key: str, message: str, choices: list[str], wrong: str) -> None:
        close = nearest(wrong, choices)
        raise SettingsError(
            f"reconciliation {name!r}: {message}", file=project.relative(project.pyproject),
            line=project.setting_line(f"reconcile.{name}.{key}"),
            pointer=f"tool.seamguard.reconcile.{name}.{key}",
            hint=f"did you mean {close!r}?" if close else
            f"known: {', '.join(choices) or 'none'}")

    for name, settings in sorted(project.settings.reconcile.items()):
        if settings.mapping is not None and settings.mapping not in mappings:
            fail(name, "mapping", f"no mapping {settings.mapping!r} in "
                 f"{project.settings.contracts}/mappings/", mappings, settings.mapping)
        for key in ("target", "source"):
            dataset = getattr(settings, key)
            if dataset is not None and dataset not in datasets:
                fail(name, key, f"{key} dataset {dataset!r} is not declared under "
                     "[tool.seamguard.datasets]", datasets, dataset)
        if settings.source is None and not settings.cassettes:
            fail(name, "source", "needs `source = DATASET` or `cassettes = true`", datasets, "")
        if settings.mapping is None:
            continue  # same-named columns: the dataset itself says which exist
        mapping = find_mapping(project, settings.mapping)
        targets = sorted({rule.target for rule in mapping.spec.fields}) if mapping else []
        named = [("status", [settings.status] if settings.status else []),
                 ("money", settings.money), ("fields", settings.fields or [])]
        for key, fields in named:
            for field_name in fields:
                if field_name not in targets:
                    fail(name, key, f"{key} names {field_name!r}, which mapping "
                         f"{settings.mapping!r} does not write", targets, field_name)


def _run_check(context: RunContext) -> Iterator[Finding]:
    project = context.project
    specs = {name: settings for name, settings in project.settings.reconcile.items()
             if context.selected("reconcile", name) and (
                 context.selected("dataset", settings.target)
                 or context.selected("dataset", settings.source or ""))}
    check_settings(project)
    check_dataset_references(project)
    summaries = []
    with Datasets(project) as datasets:
        for done, name in enumerate(sorted(specs)):
            context.progress(done, len(specs), name)
            found, cases, counts = reconcile_one(project, name, datasets=datasets)
            yield from found
            for case in cases:
                context.case(case)
            if counts is not None:
                context.examined += int(counts["source_rows"])
                summaries.append(counts)
    context.results[CHECK_ID] = {"summary": summaries}
    context.progress(len(specs), len(specs), "")


def reconcile_one(project: Project, name: str, *, datasets: Datasets | None = None
                  ) -> tuple[list[Finding], list[str], dict[str, Any] | None]:
    """One reconciliation as findings, its test cases (key classes) and its counts (None when
    it could not run)."""
    if datasets is None:
        with Datasets(project) as own:
            return reconcile_one(project, name, datasets=own)
    settings = project.settings.reconcile[name]
    where = Location(file=project.relative(project.pyproject),
                     pointer=f"tool.seamguard.reconcile.{name}")
    try:
        result = reconcile(project, datasets, name, settings)
    except database_errors() as exc:
        return [Finding(code="reconcile.cannot-run", severity=_ERROR, check=CHECK_ID,
                        message=f"reconciliation {name!r}: the database rejected a query: "
                                f"{describe_error(exc)}",
                        hint="a source value the compiled mapping cannot cast (e.g. an "
                             "invalid date on PostgreSQL)?", location=where, case=name)], [], None
    except UsageError as exc:
        # The error's own place first (a dataset's file and row, a mapping's line); else the
        # setting it names, at its line of pyproject.toml.
        if exc.file:
            location = Location(file=exc.file, line=exc.line, pointer=exc.pointer)
        else:
            pointer = exc.pointer or where.pointer or ""
            location = replace(where, pointer=pointer or None, line=exc.line or
                               project.setting_line(pointer.removeprefix("tool.seamguard.")))
        return [Finding(code=exc.finding_code("reconcile.cannot-run"), severity=_ERROR,
                        check=CHECK_ID, message=exc.message, hint=exc.hint, case=name,
                        location=location)], [], None
    return (list(findings(project, result, settings)), key_class_cases(result, settings),
            result.counts())
