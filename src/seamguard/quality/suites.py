"""Expectation suites: Great Expectations 1.x suite JSON files under ``suites/``.

A suite names its dataset in ``meta.seamguard.dataset`` (or by its file name), and may declare
reference integrity between datasets, checked as joins::

    {"name": "hubspot_deals",
     "meta": {"seamguard": {"dataset": "hubspot_deals",
                            "references": [{"column": "contact_email",
                                            "dataset": "hubspot_contacts", "to": "email"}]}},
     "expectations": [{"type": "expect_column_values_to_not_be_null",
                       "kwargs": {"column": "dealname"},
                       "meta": {"seamguard": {"generated": true, "from": "…"}}}]}

Structure is checked here, with JSON pointers and lines (the file is read like every other
document: bounded, no duplicate keys, no absurd nesting); the kwargs of every expectation are
checked against GX's own expectation models before anything runs (``gx_runner``), whichever
engine then runs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seamguard.documents import LineLocator, load_document
from seamguard.errors import DocumentError, UsageError
from seamguard.project import Project
from seamguard.quality.result_format import format_problem

__all__ = ["Expectation", "Reference", "Suite", "SuiteError", "load_suite", "name_problem",
           "suite_files"]


SEVERITIES = ("critical", "warning", "info")  # GX 1.x's FailureSeverity values


class SuiteError(UsageError):
    """A suite file is not a valid expectation suite."""


@dataclass(frozen=True)
class Expectation:
    """One expectation of a suite, at its index."""

    index: int
    type: str
    kwargs: dict[str, Any]
    meta: dict[str, Any]
    type_key: str = "type"  # GX 0.x suites write `expectation_type`
    severity: str = "critical"  # GX 1.x: critical | warning | info (what a failure is)
    # the kwargs as the file writes them, where GX 0.x parameters were filled in
    written: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def column(self) -> str | None:
        column = self.kwargs.get("column")
        return column if isinstance(column, str) else None

    @property
    def generated(self) -> bool:
        info = self.meta.get("seamguard")
        return isinstance(info, dict) and bool(info.get("generated"))

    @property
    def origin(self) -> str | None:
        info = self.meta.get("seamguard")
        return str(info["from"]) if isinstance(info, dict) and info.get("from") else None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "kwargs": self.written or self.kwargs}
        if self.meta:
            data["meta"] = self.meta
        if self.severity != "critical":
            data["severity"] = self.severity
        return data


@dataclass(frozen=True)
class Reference:
    """Every non-null ``column`` value must exist as ``to`` in ``dataset``."""

    index: int
    column: str
    dataset: str
    to: str


@dataclass
class Suite:
    name: str
    dataset: str
    path: Path
    display: str
    expectations: list[Expectation]
    references: list[Reference] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def line_of(self, pointer: str) -> int | None:
        return LineLocator(self.path).line_of(pointer)


def suite_files(project: Project) -> list[Path]:
    """Every suite file under the suites folder, in subfolders too: GX 0.x stored a suite
    named ``orders.warning`` as ``expectations/orders/warning.json``. Hidden folders
    (``.ipynb_checkpoints``) are left out."""
    folder = project.root / project.settings.quality.suites
    if not folder.is_dir():
        return []
    from seamguard.folders import entries

    return [path for path in entries(folder, (".json",), shown=project.relative)
            if not any(part.startswith(".") for part in path.relative_to(folder).parts)]


def _parameter_value(value: Any, parameters: dict[str, Any]) -> Any:
    """A kwarg with GX 0.x's ``{"$PARAMETER": name}`` replaced by the value the suite's own
    ``evaluation_parameters`` give ``name``, as GX 0.x's validator filled it in; any other
    value (and a parameter the suite does not hold: an expression, or one the caller passes)
    as it is."""
    if isinstance(value, dict) and set(value) == {"$PARAMETER"}:
        name = value["$PARAMETER"]
        if isinstance(name, str) and name in parameters:
            return parameters[name]
    return value


_CHECKPOINT_HINT = (
    "seamguard runs every suite in the suites folder on its dataset (meta.seamguard.dataset or "
    "the file name; datasets are declared under [tool.seamguard.datasets]): the checkpoint's "
    "validations need no file here. Its result_format is [tool.seamguard.quality] sample_rows, "
    "its actions are [tool.seamguard.alerts]; move the file out of the suites folder "
    "(docs/quality.md, 'Coming from Great Expectations')")


def _other_gx_file(data: dict[str, Any]) -> tuple[str, str] | None:
    """(what the file is, what to do) when it is another Great Expectations file, not a suite."""
    if "validation_definitions" in data or "action_list" in data or (
            data.get("class_name") in ("Checkpoint", "SimpleCheckpoint")) or (
            "validations" in data and "actions" in data):
        return "this is a Great Expectations checkpoint, not an expectation suite", \
            _CHECKPOINT_HINT
    if isinstance(data.get("suite"), dict) and isinstance(data.get("data"), dict):
        return ("this is a Great Expectations validation definition, not an expectation suite",
                "the suite it names is run on its dataset as it is; declare the data under "
                "[tool.seamguard.datasets] and move this file out of the suites folder")
    if isinstance(data.get("results"), list) and "statistics" in data:
        return ("this is a Great Expectations validation result, not an expectation suite",
                "seamguard writes its own results (reports/report.json and "
                "reports/quality-summary.json); keep only suites in the suites folder")
    return None


_NOTES_HINT = 'GX 1.x keeps notes as text or a list of texts, e.g. "notes": "owned by ops"'


def _notes_ok(notes: Any) -> bool:
    """GX 1.x notes are text or a list of texts; GX 0.x wrote {format, content} objects."""
    if notes is None or isinstance(notes, str | dict):
        return True
    return isinstance(notes, list) and all(isinstance(note, str) for note in notes)


# GX 1.x gives suites and expectations a UUID as text (or no id at all)
_ID_HINT = ('GX writes ids as text, e.g. "id": "6f1c…"; delete it and GX makes one when the '
            "suite is saved")


def load_suite(path: Path, *, display: str) -> Suite:
    """Read and check one suite file; SuiteError with file, line and JSON pointer when invalid."""
    try:
        data = load_document(path, display=display)
    except DocumentError as exc:
        raise SuiteError(exc.message, file=display, line=exc.line,
                         hint=exc.hint or "a suite is GX 1.x suite JSON: "
                                          "{name, expectations: [...]}") from exc

    def fail(message: str, pointer: str, hint: str | None = None) -> SuiteError:
        return SuiteError(message, file=display, pointer=pointer,
                          line=LineLocator(path).line_of(pointer),
                          hint=hint or 'a suite is GX 1.x suite JSON: {"name": ..., '
                                       '"expectations": [{"type": "expect_...", "kwargs": '
                                       '{...}, "meta": {...}}]}')

    if not isinstance(data, dict):
        raise fail("a suite must be a JSON object", "")
    expectations_raw = data.get("expectations")
    other = None if "expectations" in data else _other_gx_file(data)
    if other is not None:
        raise fail(other[0], "", hint=other[1])
    if not isinstance(expectations_raw, list):
        raise fail("`expectations` must be a list", "/expectations"
                   if "expectations" in data else "", hint="GX 1.x suites keep a list of "
                   "{type, kwargs, meta} under `expectations`")
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise fail("`meta` must be an object", "/meta")
    if data.get("id") is not None and not isinstance(data["id"], str):
        raise fail(f"`id` must be a string, not {data['id']!r}", "/id", hint=_ID_HINT)
    if not _notes_ok(data.get("notes")):
        raise fail(f"`notes` must be text or a list of texts, not {data['notes']!r}", "/notes",
                   hint=_NOTES_HINT)
    info = meta.get("seamguard") or {}
    if not isinstance(info, dict):
        raise fail("`meta.seamguard` must be an object", "/meta/seamguard",
                   hint='e.g. {"dataset": "hubspot_deals", "references": [...]}')
    if not isinstance(info.get("references") or [], list):
        raise fail("`references` must be a list of {column, dataset, to}",
                   "/meta/seamguard/references")
    for key in ("dataset",):
        if key in info and not isinstance(info[key], str):
            raise fail(f"`{key}` must be a dataset name (a string)", f"/meta/seamguard/{key}")
    parameters = data.get("evaluation_parameters") or {}
    if not isinstance(parameters, dict):
        raise fail("`evaluation_parameters` must be an object", "/evaluation_parameters",
                   hint='GX 0.x kept parameter values there: {"max_rows": 100}')
    expectations = []
    for index, item in enumerate(expectations_raw):
        pointer = f"/expectations/{index}"
        if not isinstance(item, dict):
            raise fail("an expectation must be an object", pointer)
        type_key = "type" if "type" in item or "expectation_type" not in item else (
            "expectation_type")
        kind = item.get(type_key)
        if type_key == "type" and item.get("expectation_type", kind) != kind:
            raise fail(f"`type` {kind!r} and `expectation_type` {item['expectation_type']!r} "
                       "name two different expectations", f"{pointer}/expectation_type",
                       hint="keep one key: GX 1.x writes `type`, GX 0.x `expectation_type`")
        # GX 1.x's one type outside the expect_ names: a query over {batch} (UnexpectedRows)
        if not isinstance(kind, str) or not (kind.startswith("expect_")
                                             or kind == "unexpected_rows_expectation"):
            snake = _snake(kind) if isinstance(kind, str) else ""
            raise fail(f"expectation type {kind!r} is not a GX expectation name",
                       f"{pointer}/{type_key}",
                       hint=f"did you mean {snake}? A suite names the type in snake case; "
                            f"{kind} is the name of its Python class"
                       if snake.startswith("expect_") or snake == "unexpected_rows_expectation"
                       else "e.g. expect_column_values_to_not_be_null")
        # GX 0.x spelled a few types with capitals (expect_column_pair_values_A_to_be_
        # greater_than_B); GX 1.x names are lower case, with the same kwargs.
        kind = kind.lower()
        kwargs = item.get("kwargs", {})
        if not isinstance(kwargs, dict):
            raise fail("`kwargs` must be an object", f"{pointer}/kwargs")
        if "result_format" in kwargs and (
                problem := format_problem(kwargs["result_format"])) is not None:
            raise fail(problem, f"{pointer}/kwargs/result_format",
                       hint='e.g. "SUMMARY", or {"result_format": "COMPLETE", '
                            '"partial_unexpected_count": 50}')
        filled = {key: _parameter_value(value, parameters) for key, value in kwargs.items()}
        written, kwargs = (kwargs if filled != kwargs else None), filled
        item_meta = item.get("meta") or {}
        if not isinstance(item_meta, dict):
            raise fail("`meta` must be an object", f"{pointer}/meta")
        if item.get("id") is not None and not isinstance(item["id"], str):
            raise fail(f"`id` must be a string, not {item['id']!r}", f"{pointer}/id",
                       hint=_ID_HINT)
        if not _notes_ok(item.get("notes")):
            raise fail(f"`notes` must be text or a list of texts, not {item['notes']!r}",
                       f"{pointer}/notes", hint=_NOTES_HINT)
        severity = item.get("severity") or "critical"
        if severity not in SEVERITIES:
            raise fail(f"`severity` {severity!r} is not a GX severity", f"{pointer}/severity",
                       hint="critical (an error finding), warning or info")
        expectations.append(Expectation(index, kind, kwargs, item_meta, type_key, severity,
                                        written))
    references = []
    for index, ref in enumerate(info.get("references") or []):
        pointer = f"/meta/seamguard/references/{index}"
        if not (isinstance(ref, dict) and all(isinstance(ref.get(k), str)
                                              for k in ("column", "dataset", "to"))):
            raise fail("a reference needs `column`, `dataset` and `to` (strings)", pointer)
        references.append(Reference(index, ref["column"], ref["dataset"], ref["to"]))
    if not expectations and not references:
        # A suite that checks nothing would pass whatever its dataset holds.
        raise fail("the suite has no expectations and no references, so it checks nothing",
                   "/expectations", hint="add expectations (`seamguard suites generate` "
                   "derives them from the contract or mapping), or delete the suite")
    dataset = info.get("dataset") or path.stem
    name = data.get("name") or data.get("expectation_suite_name") or path.stem  # 1.x, 0.x
    if not isinstance(name, str):
        raise fail("`name` must be a string", "/name")
    return Suite(str(name), str(dataset), path, display, expectations, references, data)


def name_problem(suite: Suite) -> tuple[str, str, str] | None:
    """(message, pointer, hint) when the suite's own name speaks of another dataset than the
    one its file name makes it check (``orders.json`` named ``customers``); GX's habit of a
    suffix (``orders.warning``, ``orders_suite``) is no such name."""
    stem = suite.path.stem
    said = (suite.raw.get("meta") or {}).get("seamguard") or {}
    if "dataset" in said or suite.name.lower().startswith(stem.lower()):
        return None
    key = "name" if "name" in suite.raw else "expectation_suite_name"
    if key not in suite.raw:
        return None
    return (f"the suite is named {suite.name!r}, but it checks dataset {stem!r}, the name of "
            f"its file {suite.path.name}", f"/{key}",
            f"rename the file to {suite.name}.json if the suite is for {suite.name!r}, or say "
            f'which dataset it checks with "meta": {{"seamguard": {{"dataset": "{stem}"}}}}')


def _snake(name: str) -> str:
    """GX's class name (``ExpectColumnToExist``) as a suite writes the type."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip()).lower()
