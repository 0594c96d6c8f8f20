"""The cases of ``ecosystem_habits``: what schemathesis, Great Expectations and oasdiff users type
and write, from those tools' public documentation (schemathesis' CLI and configuration
reference, GX's expectation gallery and suite JSON of 0.18 and 1.x, oasdiff's README and
``breaking`` / ``changelog`` help), each with the right answer seamguard owes it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from tests.support.ecosystem_habits import Case

__all__ = ["CASES", "make_project"]

ROWS = ("id,amount,status,email,created_at,currency\n"
        "1,10.50,paid,a@example.com,2024-07-01T10:00:00Z,USD\n"
        "2,-3,refunded,not-an-email,2024-07-02,USD\n"
        "3,,void,c@example.com,bad-date,usd\n"
        "3,5,weird,,2024-07-03T00:00:00Z,EUR\n")

BASE = """\
openapi: 3.0.3
info: {title: pets, version: "1.0.0"}
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      parameters: [{name: petId, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: a pet
          content:
            application/json:
              schema:
                type: object
                required: [id, name]
                properties: {id: {type: integer}, name: {type: string}}
  /stores:
    get:
      operationId: listStores
      description: all stores
      responses:
        "200": {description: stores, content: {application/json: {schema: {type: array,
               items: {type: string}}}}}
"""
# the revision: /pets loses `name` from the answer (breaking, ERR); /stores changes only its
# description and gains an optional parameter (INFO)
REVISION = BASE.replace("required: [id, name]", "required: [id]").replace(
    "properties: {id: {type: integer}, name: {type: string}}",
    "properties: {id: {type: integer}}").replace(
    "description: all stores", "description: every store\n"
    "      parameters: [{name: city, in: query, schema: {type: string}}]")


def make_project(kind: str, root: Path) -> Path:
    """A small project for a case of ``kind``."""
    from tests.support.broken_api import broken_project
    from tests.support.projects import mini_project

    if kind == "probe":
        return broken_project(root)
    if kind == "quality":
        root.mkdir(parents=True)
        (root / "suites").mkdir()
        (root / "data").mkdir()
        (root / "data" / "orders.csv").write_text(ROWS, encoding="utf-8")
        (root / "pyproject.toml").write_text(
            '[tool.seamguard]\n[tool.seamguard.datasets.orders]\npath = "data/orders.csv"\n',
            encoding="utf-8")
        return root
    project = mini_project(root)
    (project / "base.yaml").write_text(BASE, encoding="utf-8")
    (project / "rev.yaml").write_text(REVISION, encoding="utf-8")
    return project


# --- schemathesis: `st run` options --------------------------------------------------------

_PROBE = ("probe", "shop", "--project", "{root}", "--format", "json", "--include-path",
          "/status")


def _st(name: str, *options: str, expect: str = "works", says: tuple[str, ...] = (),
        url: bool = True, seed: bool = True, examples: bool = True,
        files: dict[str, str] | None = None) -> Case:
    argv = [*_PROBE]
    if url:
        argv += ["-u", "{origin}/api/v1"]
    if seed:
        argv += ["--seed", "7"]
    if examples:
        argv += ["-n", "1"]
    return Case("schemathesis", name, "probe", (*argv, *options), expect, files or {}, says)


ST_CLI = [
    _st("checks-all", "--checks", "all"),
    _st("checks-short-comma", "-c", "not_a_server_error,response_schema_conformance"),
    _st("checks-repeated", "-c", "not_a_server_error", "-c", "status_code_conformance"),
    _st("exclude-checks", "--exclude-checks", "response_headers_conformance"),
    _st("checks-upper-case", "--checks", "NOT_A_SERVER_ERROR", expect="refused",
        says=("not_a_server_error",)),
    _st("checks-max-response-time", "--checks", "max_response_time", expect="refused",
        says=("--max-response-time",)),
    _st("hypothesis-max-examples", "--hypothesis-max-examples", "2", examples=False),
    _st("max-examples-equals", "--max-examples=2", examples=False),
    _st("header", "-H", "Authorization: Bearer secret-token-1"),
    _st("header-long", "--header", "X-Api-Key: k-123"),
    _st("basic-auth", "-a", "user:pass"),
    _st("url-long", "--url", "{origin}/api/v1", url=False),
    _st("base-url", "--base-url", "{origin}/api/v1", url=False),
    _st("st3-base-url-b", "-b", "{origin}/api/v1", url=False, expect="refused",
        says=("--base-url",)),
    _st("hypothesis-seed", "--hypothesis-seed", "3", seed=False, expect="refused",
        says=("--seed",)),
    _st("workers", "--workers", "4", expect="refused", says=("one worker",)),
    _st("workers-auto", "-w", "auto", expect="refused", says=("one worker",)),
    _st("max-failures", "--max-failures", "1", expect="refused", says=("every failure",)),
    _st("exitfirst", "-x", expect="refused", says=("every failure",)),
    _st("mode-negative", "--mode", "negative"),
    _st("generation-mode", "--generation-mode", "all", expect="refused", says=("--mode",)),
    _st("phases", "--phases", "examples,fuzzing"),
    _st("max-response-time", "--max-response-time", "0.5"),
    _st("request-timeout", "--request-timeout", "2"),
    _st("include-method", "--include-method", "GET"),
    _st("exclude-deprecated", "--exclude-deprecated"),
    _st("report-junit", "--report", "junit", expect="refused", says=("--reports",)),
    _st("report-junit-path", "--report-junit-path", "out.xml", expect="refused",
        says=("--reports",)),
    _st("st3-endpoint", "-E", "^/status", expect="refused", says=("--include-path-regex",)),
    _st("st3-stateful", "--stateful", "links", expect="refused", says=("--allow-unsafe",)),
    _st("wait-for-schema", "--wait-for-schema", "10", expect="refused", says=("contract",)),
    _st("config-file", "--config-file", "st.toml", expect="refused",
        says=("schemathesis.toml",)),
    _st("no-shrink", "--no-shrink"),
    _st("dry-run", "--dry-run", expect="refused", says=("contract lint",)),
]
ST_CLI += [
    # schemathesis 3 took milliseconds where 4 takes seconds
    _st("st3-max-response-time-ms", "--max-response-time", "500", expect="refused",
        says=("--max-response-time", "seconds")),
    _st("st3-request-timeout-ms", "--request-timeout", "5000", expect="refused",
        says=("--request-timeout", "seconds")),
    _st("max-failures-equals", "--max-failures=5", expect="refused", says=("every failure",)),
    _st("auth-long", "--auth", "user:pass"),
    _st("st3-auth-type", "--auth-type", "digest", expect="refused", says=("-H",)),
    _st("stateful-phase-without-unsafe", "--phases", "stateful", expect="refused",
        says=("--allow-unsafe",)),
    _st("include-path-regex", "--include-path-regex", "^/stat"),
    _st("exclude-checks-all", "--exclude-checks", "all", expect="refused",
        says=("--exclude-checks",)),
    _st("url-without-scheme", "-u", "127.0.0.1:9/api/v1", url=False, expect="refused",
        says=("http://",)),
    _st("max-examples-zero", "-n", "0", examples=False, expect="refused",
        says=("--max-examples",)),
]
# `st run SCHEMA`: the habit is to name the schema file (or URL) where probe wants the platform
ST_CLI.append(Case("schemathesis", "schema-path-as-platform", "probe",
                  ("probe", "contracts/shop/v1/openapi.yaml", "--project", "{root}",
                   "-u", "{origin}/api/v1", "-n", "1"), "refused", {}, ("probe shop",)))
ST_CLI.append(Case("schemathesis", "schema-url-as-platform", "probe",
                   ("probe", "{origin}/api/v1/openapi.json", "--project", "{root}", "-n", "1"),
                   "refused", {}, ("shop",)))


# --- schemathesis: schemathesis.toml ---------------------------------------------------------

def _toml(name: str, text: str, expect: str = "works", says: tuple[str, ...] = ()) -> Case:
    return _st(f"toml-{name}", expect=expect, says=says,
               files={"schemathesis.toml": textwrap.dedent(text)})


ST_TOML = [
    _toml("generation", "[generation]\nmax-examples = 2\nmode = \"all\"\n"),
    _toml("checks-disabled", "[checks.response_headers_conformance]\nenabled = false\n"),
    _toml("headers-env-unset", 'headers = { "X-Token" = "${ST_HABIT_TOKEN}" }\n', "refused",
          ("schemathesis.toml:1", "ST_HABIT_TOKEN")),
    _toml("operations", '[[operations]]\ninclude-path = "/status"\nrequest-timeout = 2\n'),
    _toml("workers", "workers = 4\n", "refused",
          ("schemathesis.toml", "workers", "one worker", '"line": 1')),
    _toml("max-failures", "max-failures = 1\n", "refused",
          ("schemathesis.toml", "max-failures", "every failure", '"line": 1')),
    _toml("continue-on-failure", "continue-on-failure = true\n"),
    _toml("reports", "[reports.junit]\nenabled = true\n", "refused",
          ("schemathesis.toml", "reports", '"line": 1')),
    _toml("color", "color = false\n", "refused", ("schemathesis.toml", "color")),
    _toml("base-url", 'base-url = "http://127.0.0.1:1/api"\n', "refused",
          ("schemathesis.toml", "base-url", "--url")),
    _toml("stateful-without-unsafe", "[phases.stateful]\nenabled = true\n", "refused",
          ("schemathesis.toml", "--allow-unsafe", '"line": 2')),
    _toml("database", '[generation]\ndatabase = ":memory:"\n', "refused",
          ("schemathesis.toml", "database", '"line": 2')),
    _toml("cache", "[cache]\nenabled = true\n", "refused",
          ("schemathesis.toml", "cache", '"line": 1')),
    _toml("project-workers", '[[project]]\ntitle = "shop"\nworkers = 2\n', "refused",
          ("schemathesis.toml", "project[0].workers", '"line": 3')),
    _toml("suppress-health-check", 'suppress-health-check = ["too_slow"]\n'),
    _toml("underscore-key", "[generation]\nmax_examples = 5\n", "refused",
          ("schemathesis.toml:2", "max-examples")),
    _toml("unknown-top-key", "seed = 1\nmax_examples = 5\n", "refused",
          ("schemathesis.toml:2",)),
    _toml("parameters", '[parameters]\n"path.id" = 42\n'),
    _toml("phases-examples-off", "[phases.examples]\nenabled = false\n"),
    _toml("output-sanitization", "[output.sanitization]\nenabled = false\n", "refused",
          ("schemathesis.toml", "output")),
    _toml("timeout-as-text", 'seed = 1\nrequest-timeout = "10s"\n', "refused",
          ("schemathesis.toml:2",)),
    _toml("max-time-past-a-day", "seed = 1\nmax-time = 1000000000\n", "refused",
          ("schemathesis.toml:2", "max-time", "86400")),
    _toml("timeout-past-an-hour", "request-timeout = 86400\n", "refused",
          ("schemathesis.toml:1", "request-timeout", "3600")),
    _toml("operations-as-table", '[operations]\ninclude-path = "/status"\n', "refused",
          ("schemathesis.toml:1",)),
    _toml("hooks-missing", 'hooks = "no_such_module_here"\n', "refused",
          ("schemathesis.toml", "no_such_module_here")),
    _toml("project-base-url", '[[project]]\ntitle = "shop"\nbase-url = "http://127.0.0.1:1"\n'),
    _toml("not-toml", "[generation\nmax-examples = 5\n", "refused",
          ("schemathesis.toml", "line 1")),
]


# --- Great Expectations -----------------------------------------------------------------------

def _suite(*expectations: dict[str, Any], old: bool = False) -> str:
    if old:  # GX 0.18's to_json_dict()
        return json.dumps({
            "expectation_suite_name": "orders", "ge_cloud_id": None, "data_asset_type": None,
            "meta": {"great_expectations_version": "0.18.12"},
            "expectations": [{"expectation_type": e["type"], "kwargs": e["kwargs"],
                              "meta": e.get("meta", {})} for e in expectations]}, indent=1)
    return json.dumps({"name": "orders", "id": "0c1d", "notes": None,
                       "meta": {"great_expectations_version": "1.3.5"},
                       "expectations": [{"id": f"e{n}", "meta": {}, "severity": "critical", **e}
                                        for n, e in enumerate(expectations)]}, indent=1)


def _gx(name: str, kind: str, expect: str = "works", says: tuple[str, ...] = (),
        old: bool = False, finding: str | None = "quality.", codes: tuple[int, ...] = (1,),
        **kwargs: Any) -> Case:
    suite = _suite({"type": kind, "kwargs": kwargs}, old=old)
    return Case("gx", name, "quality", ("quality", "--project", "{root}", "--format", "json"),
                expect, {"suites/orders.json": suite}, says,
                finding if expect == "works" else None, codes)


GX = [
    _gx("not-null", "expect_column_values_to_not_be_null", column="amount"),
    _gx("between", "expect_column_values_to_be_between", column="amount", min_value=0),
    _gx("between-strict", "expect_column_values_to_be_between", column="amount",
        min_value=5, strict_min=True),
    _gx("between-mostly-fails", "expect_column_values_to_be_between", column="amount",
        min_value=0, mostly=0.9),
    _gx("between-mostly-passes", "expect_column_values_to_be_between", column="amount",
        min_value=0, mostly=0.5, finding=None, codes=(0,)),
    _gx("in-set", "expect_column_values_to_be_in_set", column="status",
        value_set=["paid", "refunded", "void"]),
    _gx("regex", "expect_column_values_to_match_regex", column="email", regex="@"),
    _gx("not-match-regex", "expect_column_values_to_not_match_regex", column="email",
        regex="example"),
    _gx("unique", "expect_column_values_to_be_unique", column="id"),
    _gx("row-count", "expect_table_row_count_to_be_between", min_value=5),
    _gx("row-count-equal", "expect_table_row_count_to_equal", value=5),
    _gx("column-exists", "expect_column_to_exist", column="total"),
    _gx("lengths", "expect_column_value_lengths_to_be_between", column="status", max_value=6),
    _gx("strftime", "expect_column_values_to_match_strftime_format", column="created_at",
        strftime_format="%Y-%m-%dT%H:%M:%SZ"),
    _gx("dateutil", "expect_column_values_to_be_dateutil_parseable", column="created_at"),
    _gx("mean", "expect_column_mean_to_be_between", column="amount", min_value=100),
    _gx("max", "expect_column_max_to_be_between", column="amount", max_value=5),
    _gx("distinct-in-set", "expect_column_distinct_values_to_be_in_set", column="status",
        value_set=["paid", "refunded", "void"]),
    _gx("ordered-columns", "expect_table_columns_to_match_ordered_list",
        column_list=["id", "amount"]),
    _gx("pair-equal", "expect_column_pair_values_to_be_equal", column_A="id",
        column_B="amount"),
    _gx("proportion-unique", "expect_column_proportion_of_unique_values_to_be_between",
        column="id", min_value=1.0),
    _gx("unique-count", "expect_column_unique_value_count_to_be_between", column="status",
        max_value=2),
    _gx("compound-unique-passes", "expect_compound_columns_to_be_unique",
        column_list=["id", "status"], finding=None, codes=(0,)),
    _gx("result-format-complete", "expect_column_values_to_be_in_set", column="status",
        value_set=["paid"], result_format="COMPLETE"),
    _gx("result-format-summary-dict", "expect_column_values_to_be_in_set", column="status",
        value_set=["paid"],
        result_format={"result_format": "SUMMARY", "partial_unexpected_count": 2}),
    _gx("result-format-boolean", "expect_column_values_to_be_in_set", column="status",
        value_set=["paid"], result_format="BOOLEAN_ONLY"),
    _gx("result-format-unknown", "expect_column_values_to_be_in_set", expect="refused",
        says=("result_format", "suites/orders.json"), column="status", value_set=["paid"],
        result_format="VERBOSE"),
    _gx("row-condition", "expect_column_values_to_be_between", column="amount", min_value=0,
        row_condition='status=="refunded"', condition_parser="pandas"),
    _gx("old-suite", "expect_column_values_to_be_between", old=True, column="amount",
        min_value=0),
    _gx("old-suite-in-set", "expect_column_values_to_be_in_set", old=True, column="status",
        value_set=["paid", "refunded", "void"]),
    _gx("old-include-config", "expect_column_values_to_be_unique", old=True, expect="refused",
        says=("include_config",), column="id", include_config=True),
    _gx("old-catch-exceptions", "expect_column_values_to_be_unique", old=True, column="id",
        catch_exceptions=True),
    _gx("misspelt-kwarg", "expect_column_values_to_be_between", expect="refused",
        says=("min_value", "suites/orders.json"), column="amount", min=0),
    _gx("misspelt-type", "expect_column_value_to_not_be_null", expect="refused",
        says=("expect_column_values_to_not_be_null",), column="amount"),
    _gx("mostly-out-of-range", "expect_column_values_to_not_be_null", expect="refused",
        says=("mostly",), column="amount", mostly=95),
    _gx("parameter-unknown", "expect_table_row_count_to_be_between", expect="refused",
        says=("$PARAMETER", "min_rows"), min_value={"$PARAMETER": "min_rows"}),
]
GX += [
    _gx("median", "expect_column_median_to_be_between", column="amount", min_value=100),
    _gx("stdev", "expect_column_stdev_to_be_between", column="amount", max_value=1),
    _gx("sum", "expect_column_sum_to_be_between", column="amount", min_value=100),
    _gx("min", "expect_column_min_to_be_between", column="amount", min_value=0),
    _gx("most-common", "expect_column_most_common_value_to_be_in_set", column="currency",
        value_set=["EUR"]),
    _gx("like-pattern", "expect_column_values_to_match_like_pattern", column="email",
        like_pattern="%@%"),
    _gx("null", "expect_column_values_to_be_null", column="email"),
    _gx("column-count", "expect_table_column_count_to_equal", value=3),
    _gx("columns-set", "expect_table_columns_to_match_set", column_list=["id", "amount"],
        exact_match=True),
    _gx("regex-list-any", "expect_column_values_to_match_regex_list", column="email",
        regex_list=["@example\\.com$", "^x"], match_on="any"),
    _gx("within-record-passes", "expect_select_column_values_to_be_unique_within_record",
        column_list=["id", "amount"], finding=None, codes=(0,)),
    _gx("a-greater-than-b", "expect_column_pair_values_a_to_be_greater_than_b",
        column_A="amount", column_B="id"),
    _gx("old-a-greater-than-b", "expect_column_pair_values_A_to_be_greater_than_B", old=True,
        column_A="amount", column_B="id"),
    _gx("quantiles", "expect_column_quantile_values_to_be_between", column="amount",
        quantile_ranges={"quantiles": [0.5], "value_ranges": [[100, 200]]}),
    _gx("json-parseable", "expect_column_values_to_be_json_parseable", column="status"),
    _gx("in-set-as-string", "expect_column_values_to_be_in_set", expect="refused",
        says=("value_set", "suites/orders.json"), column="status", value_set="paid"),
    _gx("increasing", "expect_column_values_to_be_increasing", column="amount"),
    _gx("type-int", "expect_column_values_to_be_of_type", column="status", type_="int"),
    _gx("unexpected-rows-query", "unexpected_rows_expectation",
        unexpected_rows_query="SELECT * FROM {batch} WHERE amount < 0"),
    _gx("old-value-set-param", "expect_column_values_to_be_in_set", old=True, expect="refused",
        says=("$PARAMETER",), column="status", value_set={"$PARAMETER": "statuses"}),
]
GX += [
    _gx("unknown-column", "expect_column_values_to_not_be_null", expect="refused",
        says=("amout", "amount"), column="amout"),
    _gx("mostly-as-text", "expect_column_values_to_not_be_null", expect="refused",
        says=("mostly",), column="amount", mostly="0.9"),
    _gx("include-unexpected-rows", "expect_column_values_to_be_in_set", column="status",
        value_set=["paid"],
        result_format={"result_format": "COMPLETE", "include_unexpected_rows": True}),
    _gx("column-case", "expect_column_values_to_not_be_null", column="Amount"),
]
GX.append(Case("gx", "suite-with-trailing-comma", "quality",
               ("quality", "--project", "{root}", "--format", "json"), "refused",
               {"suites/orders.json": '{"name": "orders", "expectations": [\n'
                                      '  {"type": "expect_column_to_exist",\n'
                                      '   "kwargs": {"column": "id"},}\n]}\n'},
               ("suites/orders.json", '"line": 3')))
_NOT_NULL = _suite({"type": "expect_column_values_to_not_be_null",
                    "kwargs": {"column": "amount"}})
_QUALITY = ("quality", "--project", "{root}", "--format", "json")
GX += [
    # GX names suites for their purpose, not their table
    Case("gx", "suite-file-named-for-purpose", "quality", _QUALITY, "refused",
         {"suites/orders_suite.json": _NOT_NULL.replace('"name": "orders"',
                                                        '"name": "orders_suite"')},
         ("orders_suite", "orders")),
    # GX 1.x's file context keeps suites in gx/expectations/, GX 0.18 in
    # great_expectations/expectations/
    Case("gx", "suites-in-gx-folder", "quality", _QUALITY, "refused",
         {"gx/expectations/orders.json": _NOT_NULL}, ("gx/expectations",)),
    Case("gx", "suites-in-great-expectations-folder", "quality", _QUALITY, "refused",
         {"great_expectations/expectations/orders.json": _NOT_NULL},
         ("great_expectations/expectations",)),
    Case("gx", "suites-setting-to-gx-folder", "quality", _QUALITY, "works",
         {"gx/expectations/orders.json": _NOT_NULL,
          "pyproject.toml": '[tool.seamguard]\n[tool.seamguard.quality]\n'
                            'suites = "gx/expectations"\n[tool.seamguard.datasets.orders]\n'
                            'path = "data/orders.csv"\n'}, (), "quality.expect", (1,)),
]
GX.append(Case("gx", "checkpoint-in-suites", "quality",
               ("quality", "--project", "{root}", "--format", "json"), "refused",
               {"suites/orders.json": _suite({"type": "expect_column_to_exist",
                                              "kwargs": {"column": "id"}}),
                "suites/nightly.json": json.dumps({
                    "name": "nightly", "validation_definitions": [{"name": "vd", "id": "1"}],
                    "actions": [{"name": "slack", "type": "slack"}]})},
               ("checkpoint",)))
GX.append(Case("gx", "meta-notes", "quality",
               ("quality", "--project", "{root}", "--format", "json"), "works",
               {"suites/orders.json": _suite({
                   "type": "expect_column_values_to_not_be_null", "kwargs": {"column": "amount"},
                   "meta": {"notes": {"format": "markdown", "content": ["owner: data team"]}}})},
               (), "quality.", (1,)))
GX.append(Case("gx", "suite-name-differs", "quality",
               ("quality", "--project", "{root}", "--format", "json"), "works",
               {"suites/orders.json": _suite({"type": "expect_column_values_to_not_be_null",
                                              "kwargs": {"column": "amount"}}).replace(
                   '"name": "orders"', '"name": "orders_suite"')},
               (), "quality.", (1,)))


# --- oasdiff ------------------------------------------------------------------------------------

def _od(name: str, *argv: str, expect: str = "works", says: tuple[str, ...] = (),
        codes: tuple[int, ...] = (0, 1), has: tuple[str, ...] = ()) -> Case:
    return Case("oasdiff", name, "diff", (*argv, "--project", "{root}"), expect, {}, says,
                None, codes, has)


_D = ("contract", "diff", "{root}/base.yaml", "{root}/rev.yaml")
OASDIFF = [
    _od("fail-on-err", *_D, "--fail-on", "ERR", codes=(1,)),
    _od("fail-on-warn", *_D, "--fail-on", "WARN", codes=(1,)),
    _od("fail-on-short", *_D, "-o", "ERR", codes=(1,)),
    _od("fail-on-err-match-other-path", *_D, "--fail-on", "ERR", "--match-path", "^/stores",
        codes=(0,)),
    _od("format-json", *_D, "-f", "json", has=('"changes"',)),
    _od("format-yaml", *_D, "-f", "yaml", has=("id:",)),
    _od("format-markdown", *_D, "-f", "markdown", has=("|",)),
    _od("format-githubactions", *_D, "-f", "githubactions", has=("::error",)),
    _od("format-html", *_D, "-f", "html", expect="refused", says=("markdown",)),
    _od("format-singleline", *_D, "-f", "singleline", expect="refused", says=("text",)),
    _od("format-junit", *_D, "-f", "junit", expect="refused", says=("junit",)),
    _od("breaking-only", *_D, "--breaking-only", codes=(1,), has=("/pets",)),
    _od("exclude-elements", *_D, "--exclude-elements", "description", expect="refused",
        says=("never reported",)),
    _od("exclude-elements-endpoints", *_D, "--exclude-elements", "endpoints",
        expect="refused", says=("--match-path",)),
    _od("err-ignore", *_D, "--err-ignore", "ignore.txt", expect="refused", says=("--ignore",)),
    _od("fail-on-diff", *_D, "--fail-on-diff", expect="refused", says=("--fail-on",)),
    _od("base-revision-flags", "contract", "diff", "--base", "{root}/base.yaml",
        "--revision", "{root}/rev.yaml", expect="refused", says=("BASE REVISION",)),
    _od("breaking-command", "contract", "breaking", "{root}/base.yaml", "{root}/rev.yaml",
        expect="refused", says=("contract diff", "--breaking-only")),
    _od("changelog-command", "contract", "changelog", "{root}/base.yaml", "{root}/rev.yaml",
        expect="refused", says=("contract diff",)),
    _od("summary-command", "contract", "summary", "{root}/base.yaml", "{root}/rev.yaml",
        expect="refused", says=("contract diff",)),
    _od("top-level-breaking", "breaking", "{root}/base.yaml", "{root}/rev.yaml",
        expect="refused", says=("contract diff",)),
    _od("level-err", *_D, "--level", "ERR", codes=(1,), has=("/pets",)),
    _od("fail-on-lower", *_D, "--fail-on", "err", codes=(1,)),
    _od("match-path", *_D, "--match-path", "^/pets", codes=(1,), has=("/pets",)),
    _od("url-side", "contract", "diff", "https://127.0.0.1:9/base.yaml", "{root}/rev.yaml",
        expect="refused", says=("127.0.0.1:9",)),
    _od("composed", *_D, "--composed", expect="refused", says=("one contract",)),
    _od("lang", *_D, "--lang", "ru", expect="refused", says=("English",)),
]



def _od_file(name: str, text: str, *argv: str, file: str = "oasdiff.yaml",
             expect: str = "works", says: tuple[str, ...] = (), codes: tuple[int, ...] = (0, 1),
             has: tuple[str, ...] = ()) -> Case:
    """oasdiff's settings file (its flags as keys) in the folder the command runs in."""
    return Case("oasdiff", f"file-{name}", "diff", (*_D, *argv, "--project", "{root}"),
                expect, {file: text}, says, None, codes, has, in_project=True)


OASDIFF += [
    _od("fail-on-equals", *_D, "--fail-on=ERR", codes=(1,)),
    _od("fail-on-error-word", *_D, "--fail-on", "error", codes=(1,)),
    _od("githubactions-and-fail-on", *_D, "--fail-on", "ERR", "-f", "githubactions",
        codes=(1,), has=("::error",)),
    _od("exclude-elements-comma", *_D, "--exclude-elements", "endpoints,description",
        expect="refused", says=("--match-path",)),
    _od("warn-ignore", *_D, "--warn-ignore", "w.txt", expect="refused", says=("--ignore",)),
    _od("severity-levels", *_D, "--severity-levels", "l.txt", expect="refused",
        says=("--ignore",)),
    _od("deprecation-days", *_D, "--deprecation-days-beta", "30"),
    _od("include-path-params", *_D, "--include-path-params", codes=(1,)),
    _od("prefix-base", *_D, "--prefix-base", "/api", "--prefix-revision", "/api", codes=(1,)),
    _od("same-file", "contract", "diff", "{root}/base.yaml", "{root}/base.yaml",
        "--fail-on", "INFO", codes=(0,)),
    _od("git-side-outside-git", "contract", "diff", "HEAD:base.yaml", "{root}/rev.yaml",
        expect="refused", says=("HEAD",)),
    _od("missing-side", "contract", "diff", "{root}/nope.yaml", "{root}/rev.yaml",
        expect="refused", says=("nope.yaml",)),
    _od("format-text", *_D, "-f", "text", codes=(1,), has=("/pets",)),
]
OASDIFF += [
    _od_file("fail-on-info-match-path", "fail-on: INFO\nmatch-path: ^/stores\n", codes=(1,),
             has=("/stores",)),
    _od_file("fail-on-warn", "fail-on: WARN\n", codes=(1,)),
    _od_file("dot-name", "fail-on: INFO\nmatch-path: ^/stores\n", file=".oasdiff.yaml",
             codes=(1,)),
    _od_file("format-json", "format: json\n", has=('"changes"',)),
    _od_file("toml", 'fail-on = "INFO"\nmatch-path = "^/stores"\n', file="oasdiff.toml",
             codes=(1,)),
    _od_file("command-line-wins", "fail-on: INFO\nmatch-path: ^/stores\n", "--fail-on", "ERR",
             codes=(0,)),
    _od_file("exclude-elements", "exclude-elements:\n  - description\n", expect="refused",
             says=("oasdiff.yaml:1", "exclude-elements", "never reported")),
    _od_file("err-ignore", "err-ignore: ignore.txt\n", expect="refused",
             says=("oasdiff.yaml:1", "--ignore")),
    _od_file("bad-fail-on", "fail-on: SEVERE\n", expect="refused",
             says=("oasdiff.yaml:1", "fail-on")),
]

CASES: list[Case] = [*ST_CLI, *ST_TOML, *GX, *OASDIFF]
