"""One suite's result: its outcomes as test cases, as a Data Docs-shaped summary, as Findings.

:mod:`seamguard.quality.check` runs a suite and hands back a :class:`SuiteResult`; what a report,
an alert or a pytest item shows of it is read here (failing rows masked by
:mod:`seamguard.quality.privacy`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from seamguard.findings import Finding, Location, Severity
from seamguard.quality.compiler import Outcome
from seamguard.quality.privacy import (
    listed_values,
    masked_rows,
    pii_columns,
    shown_kwargs,
    shown_observed,
)
from seamguard.quality.result_format import sample_limit
from seamguard.quality.suites import Expectation, Reference, Suite

if TYPE_CHECKING:
    from seamguard.project import Project

__all__ = ["CHECK_ID", "SuiteResult", "expectation_case", "reference_case", "result_findings",
           "suite_cases", "suite_results"]

CHECK_ID = "quality"


@dataclass
class ReferenceOutcome:
    reference: Reference
    orphans: int = 0
    samples: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


@dataclass
class SuiteResult:
    """Everything one suite found: per-expectation outcomes, reference checks, timings."""

    suite: Suite
    engine: str
    outcomes: list[Outcome] = field(default_factory=list)
    references: list[ReferenceOutcome] = field(default_factory=list)
    rows: int | None = None
    seconds: float = 0.0
    # where the data was read (a file's relative path, a table) and whether it held no row
    where: str | None = None
    empty: bool = False

    @property
    def failed(self) -> int:
        return (sum(1 for o in self.outcomes if not o.success)
                + sum(1 for r in self.references if r.orphans or r.error))

    def counts(self) -> dict[str, Any]:
        """A summary without any data values, fit for an alert."""
        return {"suite": self.suite.name, "dataset": self.suite.dataset, "engine": self.engine,
                "expectations": len(self.outcomes), "references": len(self.references),
                "failed": self.failed, "rows": self.rows, "seconds": round(self.seconds, 3)}


def _failed_hint(origin: str | None, asked: str | None, sampled: bool) -> str:
    text = origin or ("the sampled rows break this expectation: fix them where the sync writes "
                      "them, or the expectation if the data is right" if sampled else
                      "the observed value breaks this expectation: fix the data where the sync "
                      "writes it, or the expectation if the data is right")
    return f"{text}; {asked}" if asked else text


def _error_hint(exp: Expectation, error: str) -> str:
    """What to do about an expectation that could not be evaluated."""
    if "No provider found" in error:
        # GX implements some metrics for SQL only (LIKE patterns, other tables' row counts)
        return (f"GX has no way to compute {exp.type} on this kind of dataset (LIKE patterns "
                "and other tables run on SQL datasets only): on a file, check the pattern with "
                "…_match_regex, or declare the dataset as kind = \"sql\"")
    if "backtracks catastrophically" in error:
        from seamguard.regex_limits import REWRITE_HINT

        return REWRITE_HINT
    return "fix the suite or the dataset settings"


def expectation_case(suite: Suite, index: int, label: str) -> str:
    """The test case of one expectation: ``suite · #3 expect_column_values_to_not_be_null(id)``."""
    return f"{suite.name} · #{index} {label}"


def _label(exp_type: str, column: str | None) -> str:
    return f"{exp_type}({column})" if column else exp_type


def suite_cases(suite: Suite) -> list[str]:
    """Every expectation and reference of a suite as a test case, in file order."""
    return ([expectation_case(suite, e.index, _label(e.type, e.column))
             for e in suite.expectations]
            + [reference_case(suite, r) for r in suite.references])


def reference_case(suite: Suite, ref: Reference) -> str:
    return f"{suite.name} · reference {ref.column} → {ref.dataset}.{ref.to}"


def suite_results(project: Project, result: SuiteResult) -> dict[str, Any]:
    """Every expectation's outcome, shaped like a Data Docs validation result (samples masked)."""
    suite = result.suite
    pii = pii_columns(project, suite.dataset)
    expectations = []
    for outcome in result.outcomes:
        exp = outcome.expectation
        pointer = f"/expectations/{exp.index}"
        expectations.append({
            "index": exp.index, "type": exp.type, "column": exp.column,
            "kwargs": shown_kwargs({k: v for k, v in exp.kwargs.items() if k != "column"}),
            "success": outcome.success and not outcome.error, "error": outcome.error,
            "observed": shown_observed(outcome.observed), "element_count": outcome.element_count,
            "unexpected_count": outcome.unexpected_count,
            "unexpected_percent": outcome.unexpected_percent, "engine": outcome.engine,
            "samples": masked_rows(outcome.samples[:sample_limit(
                exp.kwargs, project.settings.quality.sample_rows)[0]], pii),
            "line": suite.line_of(pointer),
            "origin": exp.origin,
        })
    references = [{"column": r.reference.column, "dataset": r.reference.dataset,
                   "to": r.reference.to, "success": not (r.orphans or r.error),
                   "orphans": r.orphans, "error": r.error,
                   "samples": masked_rows(r.samples, pii)} for r in result.references]
    return {"suite": suite.name, "dataset": suite.dataset, "file": suite.display,
            "engine": result.engine, "rows": result.rows, "seconds": round(result.seconds, 3),
            "expectations": expectations, "references": references}


def result_findings(project: Project, result: SuiteResult) -> Iterator[Finding]:
    suite = result.suite
    pii = pii_columns(project, suite.dataset)
    if result.empty:
        yield _empty_dataset(project, result)
    for outcome in result.outcomes:
        if outcome.success and not outcome.error:
            continue
        exp = outcome.expectation
        pointer = f"/expectations/{exp.index}"
        case = expectation_case(suite, exp.index, _label(exp.type, exp.column))
        location = Location(file=suite.display, line=suite.line_of(pointer), pointer=pointer,
                            operation=f"dataset {suite.dataset}")
        origin = exp.origin
        hint = f"this expectation was generated from {origin}" if origin else None
        target = f"{suite.dataset}.{exp.column}" if exp.column else suite.dataset
        # a column is named by the data too (a pivot export's column per customer): a report
        # shows its name only when it is provably impersonal
        column = (exp.column,) if exp.column else ()
        if outcome.error:
            code = ("quality.suite-invalid" if outcome.error.startswith("GX rejects")
                    else "quality.column-missing" if "is not in dataset" in outcome.error
                    else "quality.expectation-error")
            yield Finding(code=code, severity=Severity.ERROR, check=CHECK_ID,
                          message=f"{target}: {exp.type}: {outcome.error}", location=location,
                          hint=hint or _error_hint(exp, outcome.error), case=case,
                          quoted=column)
            continue
        if exp.type == "expect_column_to_exist":
            place = exp.kwargs.get("column_index")
            message = (f"{target}: {exp.type} failed: the dataset has no column "
                       f"{exp.column!r}" + (f" at index {place}" if place is not None else ""))
        elif exp.type.startswith("expect_table_") or outcome.unexpected_percent is None:
            message = f"{target}: {exp.type} failed (observed {outcome.observed!r})"
        else:
            message = (f"{target}: {exp.type}: {outcome.unexpected_count} of "
                       f"{outcome.element_count} rows unexpected "
                       f"({outcome.unexpected_percent:.2f}%)")
        actual: dict[str, Any] = {"unexpected_count": outcome.unexpected_count,
                                  "unexpected_percent": outcome.unexpected_percent,
                                  "engine": outcome.engine}
        if outcome.observed is not None:
            actual["observed"] = outcome.observed
        limit, asked = sample_limit(exp.kwargs, project.settings.quality.sample_rows)
        if outcome.samples[:limit]:
            actual["samples"] = masked_rows(outcome.samples[:limit], pii)
        expected = {k: v for k, v in exp.kwargs.items() if k != "column"}
        if isinstance(expected.get("value_set"), list) and len(expected["value_set"]) > 20:
            expected["value_set"] = [*expected["value_set"][:20], "…"]
        # GX 1.x's own severity of the expectation: critical fails, warning and info inform
        level = {"warning": Severity.WARNING, "info": Severity.INFO}.get(exp.severity,
                                                                          Severity.ERROR)
        yield Finding(code="quality.expectation-failed", severity=level,
                      check=CHECK_ID, message=message, location=location,
                      expected={"expectation": exp.type, **expected}, actual=actual,
                      hint=_failed_hint(hint, asked if limit or not outcome.samples else
                                        "result_format BOOLEAN_ONLY: no failing rows are shown",
                                        bool(outcome.samples)),
                      case=case, quoted=(*listed_values(expected), *column))
    for ref in result.references:
        if not ref.orphans and not ref.error:
            continue
        pointer = f"/meta/seamguard/references/{ref.reference.index}"
        location = Location(file=suite.display, line=suite.line_of(pointer), pointer=pointer,
                            operation=f"dataset {suite.dataset}")
        r = ref.reference
        if ref.error:
            yield Finding(code="quality.reference-error", severity=Severity.ERROR,
                          check=CHECK_ID, message=f"{suite.dataset}.{r.column} → "
                          f"{r.dataset}.{r.to}: {ref.error}", location=location,
                          hint="fix the reference in the suite, or the settings of the "
                               f"dataset {r.dataset} it names", case=reference_case(suite, r))
            continue
        yield Finding(code="quality.reference-broken", severity=Severity.ERROR, check=CHECK_ID,
                      message=f"{suite.dataset}.{r.column}: {ref.orphans} rows point to no "
                              f"{r.dataset}.{r.to}", location=location,
                      expected=f"every {r.column} exists as {r.dataset}.{r.to}",
                      actual={"orphans": ref.orphans,
                              "samples": masked_rows(ref.samples, pii)},
                      hint=f"sync the missing {r.dataset} records first, or fix the orphans",
                      case=reference_case(suite, r))


def _empty_dataset(project: Project, result: SuiteResult) -> Finding:
    """A dataset of no rows passes every expectation on its rows without checking one: say so,
    so that a pass on a failed export is not read as a pass on its data."""
    where = result.where or result.suite.dataset
    in_file = (project.root / where).is_file() if result.where else False
    return Finding(
        code="quality.dataset-empty", severity=Severity.WARNING, check=CHECK_ID,
        message=f"dataset {result.suite.dataset!r} ({where}) holds no rows, so the "
                f"{len(result.outcomes)} expectation(s) of {result.suite.display} checked "
                "nothing",
        location=Location(file=where if in_file else result.suite.display,
                          line=1 if in_file else None,
                          pointer=None if in_file else "/expectations",
                          operation=f"dataset {result.suite.dataset}"),
        hint="an export without rows is usually a failed export: check the job that writes it, "
             "or add expect_table_row_count_to_be_between with min_value 1")
