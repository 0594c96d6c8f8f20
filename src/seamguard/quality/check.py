"""The ``quality`` check: run every suite under ``suites/`` on its dataset, report Findings.

Engines: ``auto`` (default) runs the expectation types the compiler knows as one aggregate query
per dataset and hands the rest to GX; ``gx`` runs everything through GX (pandas for files, the
database for SQL datasets, GX's Spark data source for Spark datasets); ``compiled`` never starts
GX. On Spark the compiled query is the same one, transpiled to Spark SQL. Reference integrity
(``meta.seamguard.references``) is an anti-join where the data lives, never a ``value_set`` of
ids. What a suite's result shows (cases, Data Docs summary, Findings) is
:mod:`seamguard.quality.suite_result`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, cast

from seamguard.findings import Finding, Location, Severity
from seamguard.model_errors import shown_part
from seamguard.quality.compiler import Lookup, Outcome, compilable, run_compiled
from seamguard.quality.datasets import (
    Dataset,
    DatasetError,
    Datasets,
    database_errors,
    describe_error,
)
from seamguard.quality.gx_regex import refuse_backtracking
from seamguard.quality.mappings import check_dataset_references
from seamguard.quality.suite_result import (
    CHECK_ID,
    ReferenceOutcome,
    SuiteResult,
    result_findings,
    suite_cases,
    suite_results,
)
from seamguard.quality.suites import (
    Expectation,
    Reference,
    Suite,
    SuiteError,
    load_suite,
    name_problem,
    suite_files,
)
from seamguard.quality.unexpected_rows import TYPE as UNEXPECTED_ROWS
from seamguard.quality.unexpected_rows import run_unexpected_rows

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.project import Project

__all__ = ["CHECK_ID", "SuiteResult", "result_findings", "run_check", "run_suite", "suite_cases",
           "suite_findings"]

Engine = Literal["auto", "compiled", "gx"]


def _key_hint(columns: list[str]) -> str:
    """What to do about a key column the data lacks; a header that reads as JSON (a JSON Lines
    file under another suffix) is said to be one."""
    if columns and str(columns[0]).lstrip().startswith(("{", "[")):
        return ("the header row reads as JSON, not as CSV column names: a JSON Lines file "
                "takes the .jsonl suffix (or set the dataset's format)")
    return "name the columns that identify a row, as the data spells them"


def run_suite(datasets: Datasets, suite: Suite, *, engine: Engine = "auto",
              sample_rows: int = 20) -> SuiteResult:
    """Run one suite on its dataset. DatasetError when the dataset cannot be opened."""
    started = time.perf_counter()
    settings = datasets.settings(suite.dataset)
    key = list(settings.key)
    dataset = datasets.open(suite.dataset)
    absent = [k for k in key if k not in dataset.columns]
    if absent:
        # The key names the rows of every sample a finding shows: a misspelt one is no key.
        where = f" ({dataset.where})" if dataset.where else ""
        raise DatasetError(
            f"dataset {suite.dataset!r}{where}: key column {absent[0]!r} is not in the data "
            f"(columns: {', '.join(map(shown_part, dataset.columns[:12]))})",
            pointer=f"tool.seamguard.datasets.{suite.dataset}.key",
            hint=_key_hint(dataset.columns))
    expectations = [_with_columns_of(e, dataset.columns) for e in suite.expectations]
    # a backtracking engine (PostgreSQL, Spark) runs a pattern unbounded: refuse the known
    # catastrophic shapes before anything is sent
    expectations, refused = refuse_backtracking(expectations, dataset.connection.kind)
    # A query over {batch} runs where the data lives on every engine (GX on pandas has none).
    query_part = [e for e in expectations if e.type == UNEXPECTED_ROWS]
    compiled_part = [e for e in expectations if engine != "gx" and compilable(e, dataset)]
    gx_part = [e for e in expectations if e not in compiled_part and e not in query_part]
    label = "gx" if engine == "gx" else ("compiled" if not gx_part else "compiled+gx")
    if settings.kind == "spark":
        label = {"gx": "gx-spark", "compiled": "compiled-spark"}.get(label, "compiled+gx-spark")
    result = SuiteResult(suite, label, where=dataset.where)
    result.empty = not dataset.connection.rows(f"SELECT 1 FROM {dataset.relation} LIMIT 1")
    result.outcomes.extend(refused)
    # References are checked in the compiled scan (a join where the data lives), whichever
    # engine runs the expectations.
    lookups: list[tuple[int, Lookup]] = []
    for number, reference in enumerate(suite.references):
        outcome, lookup = _lookup(datasets, dataset, reference)
        result.references.append(outcome)
        if lookup is not None:
            lookups.append((number, lookup))
    if compiled_part or lookups:
        outcomes, orphans = run_compiled(dataset, compiled_part, key=key,
                                         sample_rows=sample_rows,
                                         lookups=[lookup for _, lookup in lookups])
        result.outcomes.extend(outcomes)
        for (number, _), found in zip(lookups, orphans, strict=True):
            result.references[number].orphans = found.count
            result.references[number].samples = found.samples
    result.outcomes.extend(run_unexpected_rows(dataset, e, key=key, sample_rows=sample_rows)
                           for e in query_part)
    if gx_part and engine == "compiled":
        result.outcomes.extend(Outcome(e, False, error="not run: the compiled engine does not "
                                       "know this expectation type; use engine auto or gx")
                               for e in gx_part)
    elif gx_part:
        from seamguard.quality.gx_runner import run_gx, run_gx_spark

        # GX needs the key columns present: missing ones are reported by the compiled path.
        present = [e for e in gx_part if e.column is None or e.column in dataset.columns
                   or e.type == "expect_column_to_exist"]
        missing = [e for e in gx_part if e not in present]
        result.outcomes.extend(Outcome(e, False, engine="gx", error=f"column {e.column!r} is "
                                       f"not in dataset {dataset.name!r}") for e in missing)
        if present and settings.kind == "spark":
            result.outcomes.extend(run_gx_spark(dataset, present, key=key,
                                                sample_rows=sample_rows))
        elif present:
            result.outcomes.extend(run_gx(datasets, dataset, present, key=key,
                                          sample_rows=sample_rows))
    result.outcomes.sort(key=lambda o: o.expectation.index)
    written = {e.index: e for e in suite.expectations}
    for done in result.outcomes:  # reported as the suite writes them
        done.expectation = written[done.expectation.index]
    result.rows = next((o.element_count for o in result.outcomes if o.element_count), None)
    result.seconds = time.perf_counter() - started
    return result


# Kwargs naming columns of the dataset, which GX looks up without regard to case.
_COLUMN_KWARGS = ("column", "column_A", "column_B", "column_list")


def _with_columns_of(exp: Expectation, columns: list[str]) -> Expectation:
    """The expectation with its columns spelled as the dataset spells them.

    GX finds the column of a column, column-pair or multicolumn expectation without regard
    to case (``Status`` reads ``status``: databases fold unquoted names), but asks
    ``expect_column_to_exist`` for the exact name. A name the dataset holds exactly wins.
    """
    if exp.type == "expect_column_to_exist":
        return exp
    folded: dict[str, str] = {}
    for name in columns:
        folded.setdefault(name.casefold(), name)

    def spelled(name: Any) -> Any:
        if not isinstance(name, str) or name in columns:
            return name
        return folded.get(name.casefold(), name)

    kwargs = dict(exp.kwargs)
    for key in _COLUMN_KWARGS:
        if key not in kwargs:
            continue
        value = kwargs[key]
        kwargs[key] = [spelled(v) for v in value] if isinstance(value, list) else spelled(value)
    return exp if kwargs == exp.kwargs else replace(exp, kwargs=kwargs)


def _lookup(datasets: Datasets, dataset: Dataset, reference: Reference
            ) -> tuple[ReferenceOutcome, Lookup | None]:
    """A reference as a lookup of the compiled scan, or its error (other dataset unavailable,
    in another place, or a column missing)."""
    outcome = ReferenceOutcome(reference)
    try:
        other = datasets.open(reference.dataset)
    except DatasetError as exc:
        outcome.error = exc.message
        return outcome, None
    if other.connection is not dataset.connection:
        outcome.error = (f"{dataset.name} and {reference.dataset} live in different places; "
                         "a reference is checked as a join, so both must be in one database")
        return outcome, None
    for name, ds, column in ((dataset.name, dataset, reference.column),
                             (other.name, other, reference.to)):
        if column not in ds.columns:
            outcome.error = f"column {column!r} is not in dataset {name!r}"
            return outcome, None
    return outcome, Lookup(reference.column, other.relation, reference.to)


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``quality`` check; failures are also summarised (counts only) for the run's alert."""
    from seamguard.alerts import counted

    return counted(context, CHECK_ID, _run_check(context))


def _run_check(context: RunContext) -> Iterator[Finding]:
    project = context.project
    check_dataset_references(project)
    files = suite_files(project)
    summaries: list[dict[str, Any]] = []
    details: list[dict[str, Any]] = []
    if not files:
        yield from _no_suites(project)
    covered: set[str] = set()
    with Datasets(project) as datasets:
        for done, path in enumerate(files):
            context.progress(done, len(files), path.name)
            display = project.relative(path)
            try:
                suite = load_suite(path, display=display)
            except SuiteError as exc:
                yield _invalid(display, exc)
                continue
            covered.add(suite.dataset)
            if not (context.selected("suite", suite.name)
                    and context.selected("dataset", suite.dataset)):
                continue
            if (named := name_problem(suite)) is not None:
                yield Finding(code="quality.suite-name", severity=Severity.WARNING,
                              check=CHECK_ID, message=named[0], hint=named[2],
                              location=Location(file=display, line=suite.line_of(named[1]),
                                                pointer=named[1]))
            for case in suite_cases(suite):
                context.case(case)
            findings, outcome = suite_findings(project, suite, datasets=datasets,
                                               engine=context.options.get("engine"))
            yield from findings
            if outcome is not None:
                context.examined += (len(outcome[1]["expectations"])
                                     + len(outcome[1]["references"]))
                summaries.append(outcome[0])
                details.append(outcome[1])
    context.results[CHECK_ID] = {"summary": summaries, "suites": details}
    context.progress(len(files), len(files), "")
    if files:
        yield from _selected_but_unchecked(project, context, covered)


def _selected_but_unchecked(project: Project, context: RunContext,
                            covered: set[str]) -> Iterator[Finding]:
    """A dataset chosen with ``--only`` that no suite and no reconciliation reads: nothing
    would be examined, and the run must not pass as if its data were fine."""
    reconciled = {name for rec in project.settings.reconcile.values()
                  for name in (rec.source, rec.target) if name}
    for name in sorted(context.options.get("only", {}).get("dataset", ())):
        if name in covered or name in reconciled:
            continue
        setting = f"datasets.{name}"
        yield Finding(
            code="quality.no-suites", severity=Severity.ERROR, check=CHECK_ID,
            message=(f"dataset {name!r} was selected, but no suite under "
                     f"{project.settings.quality.suites}/ checks it, so no data was checked"),
            location=Location(file=project.relative(project.pyproject),
                              line=project.setting_line(setting),
                              pointer=f"tool.seamguard.{setting}"),
            hint=f"run `seamguard suites generate {name}` to derive a suite from its contract "
                 "or mapping, or write one whose dataset is this one")


def _invalid(display: str, exc: SuiteError) -> Finding:
    return Finding(code=exc.finding_code("quality.suite-invalid"), severity=Severity.ERROR,
                   check=CHECK_ID, message=exc.message, hint=exc.hint,
                   location=Location(file=display, line=exc.line, pointer=exc.pointer))


def suite_findings(project: Project, suite: Suite, *, datasets: Datasets | None = None,
                   engine: str | None = None
                   ) -> tuple[list[Finding], tuple[dict[str, Any], dict[str, Any]] | None]:
    """Run one suite: its findings, and (counts, per-expectation results) when it ran.

    Args:
        project: the project.
        suite: the loaded suite.
        datasets: open datasets to share between suites (opened for this suite if None).
        engine: ``--engine``, else the settings' engine.
    """
    if datasets is None:
        with Datasets(project) as own:
            return suite_findings(project, suite, datasets=own, engine=engine)
    quality = project.settings.quality
    chosen = str(engine or quality.engine)
    mode = cast(Engine, chosen if chosen in ("auto", "compiled", "gx") else "auto")
    display = suite.display
    rejected = _rejected(suite)
    if rejected:  # the rest of the suite still runs
        suite = replace(suite, expectations=[
            e for e in suite.expectations if e.index not in rejected])
    try:
        result = run_suite(datasets, suite, engine=mode, sample_rows=quality.sample_rows)
    except DatasetError as exc:
        pointer = exc.pointer or ""
        return [*rejected.values(), Finding(
            code=exc.finding_code("quality.dataset-unavailable"), severity=Severity.ERROR,
            check=CHECK_ID,
            message=f"{display}: {exc.message}", hint=exc.hint,
            location=Location(file=exc.file or project.relative(project.pyproject),
                              pointer=pointer or None,
                              line=exc.line or project.setting_line(
                                  pointer.removeprefix("tool.seamguard."))))], None
    except SuiteError as exc:
        return [*rejected.values(), _invalid(display, exc)], None
    except database_errors() as exc:
        damaged = _damaged_file(project, suite.dataset, exc)
        if damaged is not None:
            return [*rejected.values(), damaged], None
        return [Finding(code="quality.expectation-error", severity=Severity.ERROR,
                        check=CHECK_ID, location=Location(file=display),
                        message=f"the database rejected a query of this suite: "
                                f"{describe_error(exc)}",
                        hint="a column type the expectation does not fit (e.g. between "
                             "on text)? run with --engine gx to see which one")], None
    return ([*rejected.values(), *result_findings(project, result)],
            (result.counts(), suite_results(project, result)))


# What DuckDB says when a dataset file is damaged or not in its format (a cut or corrupted
# Parquet file, bytes that are no JSON Lines): the file's problem, not the suite's. Parquet's
# footer and page headers are Thrift: a Thrift error is damage inside a Parquet file.
_DAMAGED = ("failed to read file", "snappy", "invalid parquet", "no magic bytes",
            "parquet file", "corrupt", "malformed json", "invalid input error: json",
            "tprotocolexception", "ttransportexception", "thrift")
_FORMAT_NAMES = {"parquet": "Parquet", "jsonl": "JSON Lines", "csv": "CSV", "xlsx": "a workbook"}


def _damaged_file(project: Project, dataset: str, exc: BaseException) -> Finding | None:
    text = describe_error(exc)
    settings = project.settings.datasets.get(dataset)
    path = getattr(settings, "path", None)
    if path is None or not any(mark in text.lower() for mark in _DAMAGED):
        return None
    pointer = f"tool.seamguard.datasets.{dataset}.path"
    # DuckDB names the line of a JSON Lines file it cannot read: the place to look
    line = re.search(r"\bin line (\d+)", text)
    where = (Location(file=str(path), line=int(line.group(1)), operation=f"dataset {dataset}")
             if line and not any(ch in str(path) for ch in "*?[") else
             Location(file=project.relative(project.pyproject), pointer=pointer,
                      line=project.setting_line(pointer.removeprefix("tool.seamguard.")),
                      operation=f"dataset {dataset}"))
    return Finding(
        code="quality.dataset-unavailable", severity=Severity.ERROR, check=CHECK_ID,
        message=f"dataset {dataset} ({path}) cannot be read{_as_format(settings, path)}: "
                f"{text}",
        location=where,
        hint="the file is damaged or not in the format its name says: write it again from "
             "its source, or point the dataset's path at a good copy")


def _as_format(settings: Any, path: Any) -> str:
    """`` as Parquet`` (what the file was read as, from its setting or its name), or ""."""
    fmt = getattr(settings, "format", None) or str(path).rsplit(".", 1)[-1].lower()
    name = _FORMAT_NAMES.get(fmt)
    return f" as {name}" if name else ""


def _rejected(suite: Suite) -> dict[int, Finding]:
    """A finding per expectation GX's models reject, checked before any engine runs (the
    compiled engine must not run what GX would refuse, e.g. a ``mostly`` of 7)."""
    from seamguard.quality.gx_runner import invalid_expectations

    findings = {}
    kinds = {e.index: e.type for e in suite.expectations}
    type_keys = {e.index: e.type_key for e in suite.expectations}
    for index, (below, message) in sorted(invalid_expectations(suite.expectations).items()):
        if below == "/type":  # where the file writes it (GX 0.x: `expectation_type`)
            below = f"/{type_keys[index]}"
        pointer = f"/expectations/{index}{below}"
        findings[index] = Finding(
            code="quality.suite-invalid", severity=Severity.ERROR, check=CHECK_ID,
            message=f"{kinds[index]}: GX rejects it: {message}; the expectation was not run",
            location=Location(file=suite.display, line=suite.line_of(pointer), pointer=pointer,
                              operation=f"dataset {suite.dataset}"),
            hint="compare with the expectation's documentation in the GX gallery")
    return findings


def _no_suites(project: Project) -> Iterator[Finding]:
    """Datasets are declared, but no suite checks them: say so instead of passing."""
    if not project.settings.datasets:
        return
    setting = project.settings.quality.suites
    missing = not (project.root / setting).exists()
    # Where Great Expectations keeps suites: GX 1.x's file context, GX 0.x's project
    stores = [store for store in _GX_STORES
              if any((project.root / store).glob("**/*.json"))]
    message = (f"{len(project.settings.datasets)} dataset(s) are declared, but "
               + (f"the suites folder {setting}/ does not exist" if missing else
                  f"{setting}/ holds no suite (*.json)") + ", so no data was checked")
    if stores:
        message += f"; Great Expectations suites sit in {stores[0]}/"
    yield Finding(
        code="quality.no-suites",
        severity=Severity.ERROR if missing or stores else Severity.WARNING,
        check=CHECK_ID, message=message,
        location=Location(file=project.relative(project.pyproject),
                          line=project.setting_line("quality.suites")
                          or project.setting_line("datasets"),
                          pointer="tool.seamguard.quality.suites"),
        hint=f'run them: suites = "{stores[0]}" under [tool.seamguard.quality] (each suite '
             "runs on the dataset its file or meta.seamguard.dataset names)" if stores else
             "run `seamguard suites generate` to derive suites from the contracts and "
             "mappings, or point quality.suites at the folder holding them")


_GX_STORES = ("gx/expectations", "great_expectations/expectations")
