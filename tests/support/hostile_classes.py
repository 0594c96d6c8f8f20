"""Hostile cases of classes the operator generator (``hostile_operators``) does not produce.

* ``$ref`` in every position OpenAPI allows one, not only schemas: parameters (operation and
  path level), responses, response headers, request bodies, path items, callbacks, webhooks,
  links, examples, security schemes and discriminator mappings; each pointing at itself, into
  a two-step cycle, across two files and back, at a remote URL, out of the project, at nothing,
  at the document root or at an object of another kind.
* Keys that only look right: Cyrillic and full-width confusables and zero-width characters in
  the keys every file kind depends on.
* Files of one byte, for every file kind.
* Numbers in the places that mean something (status codes, schema bounds, transform
  parameters, expectation bounds, settings): hex, octal, ``-0``, ``1e999``, ``.nan``, ``2e2``.
* Duplicate keys below the top level, and YAML merge keys that merge aliases of other kinds.
* YAML tags and directives that name Python or redefine the core tags.
* Datasets: quoted newlines, mixed encodings, a ragged row deep in a big CSV, a JSON Lines file
  whose line 10,000 is broken, Parquet with a damaged footer or a column of another type.
* Command lines: ``--`` tricks, options given twice, numbers in hex or exponent form, a file
  where a folder belongs, file names that are not UTF-8.
* The environment: bad ``COLUMNS``, proxy and CA-bundle variables, tokens with line breaks or
  characters HTTP headers cannot carry, an ASCII-only standard output.
* Servers on 127.0.0.1: malformed ``Content-Length``, folded or colon-less headers, unknown
  charsets, odd encodings, ``Retry-After`` far in the future, TLS spoken to a plain port.

The ``$ref`` cases live in ``hostile_refs``, the command lines, environments and servers in
``hostile_commands``. ``python -m tests.support.hostile_classes`` runs every case and prints one
line per failing case and the count per failure class, judged as ``hostile_operators`` judges
its own.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.support import hostile_operators
from tests.support.hostile import Job, Outcome, count_failure, run_batch, run_seamguard
from tests.support.hostile_cases import Case
from tests.support.hostile_commands import (
    CLI_CASES,
    ENV_CASES,
    EnvSetup,
    explain_cases,
    server_cases,
)
from tests.support.hostile_operators import CSV, JSONL, MAPPING, SUITE, _example
from tests.support.hostile_refs import ref_cases
from tests.support.hostile_strategies import ANY, CASSETTE, CONTRACT, FAILS, HELD, mini

# --- keys that only look right ------------------------------------------------------------------

CYRILLIC = str.maketrans({"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440",
                          "c": "\u0441"})


def _confusable(key: str, how: str) -> str:
    if how == "cyrillic":
        return key.translate(CYRILLIC)
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in key[:1]) + key[1:]
    if how == "zero-width":
        return key[:2] + "\u200b" + key[2:]
    if how == "trailing-nbsp":
        return key + "\u00a0"
    raise ValueError(how)


CONFUSIONS = ("cyrillic", "fullwidth", "zero-width", "trailing-nbsp")


def _rename_first(data: bytes, key: bytes, new: str) -> bytes:
    """The first occurrence of ``key`` as a key (YAML ``key:``, JSON ``"key":``, TOML
    ``key =``) renamed."""
    for pattern, replacement in ((b'"' + key + b'":', f'"{new}":'.encode()),
                                 (b'"' + key + b'" :', f'"{new}" :'.encode()),
                                 (key + b":", f"{new}:".encode()),
                                 (key + b" =", f'"{new}" ='.encode())):
        if pattern in data:
            return data.replace(pattern, replacement, 1)
    raise LookupError(key)


def _file_edit_case(case_id: str, relative: str, change: Callable[[bytes], bytes],
                    command: str, *, example: bool, exits: frozenset[int] = FAILS,
                    expect: tuple[str, ...] = ()) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root) if example else mini(root)
        path = project / relative
        path.write_bytes(change(path.read_bytes()))
        return [*command.split(), "--project", str(project), "-f", "json"]
    return Case(case_id, setup, exits, expect)


# (file, key, command, example project?)
KEYED_FILES = [
    ("contract", CONTRACT, "paths", "verify", False),
    ("contract", CONTRACT, "required", "check", False),
    ("cassette", CASSETTE, "interactions", "verify", False),
    ("cassette", CASSETTE, "status", "verify", False),
    ("settings", "pyproject.toml", "versions", "verify", False),
    ("settings", "pyproject.toml", "base_url", "verify", False),
    ("mapping", MAPPING, "fields", "map lint", True),
    ("mapping", MAPPING, "identity", "map lint", True),
    ("suite", SUITE, "expectations", "quality --only suite=hubspot_deals", True),
    ("suite", SUITE, "column", "quality --only suite=hubspot_deals", True),
]


def confusable_cases() -> list[Case]:
    cases = []
    for family, relative, key, command, example in KEYED_FILES:
        for how in CONFUSIONS:
            new = _confusable(key, how)
            cases.append(_file_edit_case(
                f"confusable-{family}:{key}:{how}", relative,
                lambda data, key=key, new=new: _rename_first(data, key.encode(), new),
                command, example=example))
    return cases


# --- files of one byte --------------------------------------------------------------------------

ONE_BYTES = {"open-brace": b"{", "open-bracket": b"[", "dash": b"-", "tilde": b"~",
             "zero": b"0", "quote": b'"', "newline": b"\n", "ff": b"\xff", "nul": b"\x00",
             "hash": b"#"}
ONE_BYTE_FILES = [
    ("contract", CONTRACT, "verify", False),
    ("cassette", CASSETTE, "verify", False),
    ("settings", "pyproject.toml", "verify", False),
    ("mapping", MAPPING, "map lint", True),
    ("suite", SUITE, "quality --only suite=hubspot_deals", True),
    ("csv", CSV, "quality --only dataset=hubspot_contacts", True),
    ("jsonl", JSONL, "quality --only dataset=shopify_orders", True),
]


def one_byte_cases() -> list[Case]:
    return [_file_edit_case(f"one-byte-{family}:{name}", relative,
                            lambda data, byte=byte: byte, command, example=example)
            for family, relative, command, example in ONE_BYTE_FILES
            for name, byte in ONE_BYTES.items()]


# --- numbers where they mean something ----------------------------------------------------------

def _yaml_sub(old: str, new: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        if old.encode() not in data:
            raise LookupError(old)
        return data.replace(old.encode(), new.encode(), 1)
    return change


YAML_NUMBERS = {"hex": "0x10", "octal": "0o310", "minus-zero": "-0", "e-notation": "2e2",
                "past-double": "1e999", "nan": ".nan", "minus-inf": "-.inf", "float": "200.0",
                "huge": "9" * 40, "sexagesimal": "3:20", "underscored": "2_00"}
JSON_NUMBERS = {"hex": "0x10", "minus-zero": "-0", "e-notation": "2e2", "past-double": "1e999",
                "nan": "NaN", "minus-infinity": "-Infinity", "float": "1.0",
                "tiny": "1e-999", "huge": "9" * 40, "plus": "+1", "leading-zero": "007"}
TOML_NUMBERS = {"hex": "0x10", "octal": "0o10", "binary": "0b1", "minus-zero": "-0.0",
                "nan": "nan", "denormal": "5e-324", "huge": "9" * 30, "underscored": "1_0",
                "exp-float": "1e3"}


def _cassette_status(value: str) -> Callable[[bytes], bytes]:
    return _yaml_sub("code: 200", f"code: {value}")


def number_cases() -> list[Case]:
    cases = []
    for name, value in YAML_NUMBERS.items():
        cases.append(_file_edit_case(f"number-status:{name}", CASSETTE, _cassette_status(value),
                                     "verify", example=False, exits=ANY))
        cases.append(_file_edit_case(
            f"number-max-length:{name}", CONTRACT,
            _yaml_sub("id: {type: integer}\n        status",
                      f"id: {{type: integer, maximum: {value}}}\n        status"),
            "check", example=False, exits=ANY))
        cases.append(_file_edit_case(
            f"number-decimal-places:{name}", MAPPING, _yaml_sub("places: 2", f"places: {value}"),
            "map test", example=True, exits=ANY))
    for name, value in JSON_NUMBERS.items():
        cases.append(_file_edit_case(
            f"number-suite-bound:{name}", SUITE,
            _yaml_sub('"max_value": 1000000', f'"max_value": {value}'),
            "quality --only suite=hubspot_deals",
            example=True, exits=ANY))
        cases.append(_file_edit_case(
            f"number-in-body:{name}", CASSETTE, _yaml_sub('"id": 1,', f'"id": {value},'),
            "verify", example=False, exits=ANY))
        cases.append(_file_edit_case(
            f"number-mostly:{name}", "suites/shopify_orders.json",
            _json_first_kwargs("mostly", value), "quality --only suite=shopify_orders",
            example=True, exits=ANY))
    for name, value in TOML_NUMBERS.items():
        for key in ("max_body_mb", "max_depth", "max_document_mb"):
            cases.append(_file_edit_case(
                f"number-setting-{key}:{name}", "pyproject.toml",
                _yaml_sub("[tool.seamguard]\n", f"[tool.seamguard]\n{key} = {value}\n"),
                "verify", example=False, exits=ANY))
        cases.append(_file_edit_case(
            f"number-setting-timeout:{name}", "pyproject.toml",
            lambda data, value=value: data + f"\n[tool.seamguard.network]\ntimeout = {value}\n"
            .encode(), "verify", example=False, exits=ANY))
    return cases


def _json_first_kwargs(key: str, raw: str) -> Callable[[bytes], bytes]:
    """``key: raw`` added to the first ``kwargs`` object of a suite."""
    return _yaml_sub('"kwargs": {', f'"kwargs": {{"{key}": {raw}, ')


# --- duplicate keys below the top, merge keys -----------------------------------------------------

DUPLICATES = [
    ("contract-schema-property", CONTRACT, "id: {type: integer}",
     "id: {type: integer}\n        id: {type: string}", "verify", False),
    ("contract-response-code", CONTRACT, '"404":', '"200": {description: again}\n        "404":',
     "verify", False),
    ("cassette-header", CASSETTE, "X-Request-Id:", "X-Request-Id:\n      - r0\n      X-Request-Id:",
     "verify", False),
    ("cassette-status", CASSETTE, "code: 200", "code: 200\n      code: 500", "verify", False),
    ("cassette-body-json", CASSETTE, '"id": 1,', '"id": 1, "id": "x",', "verify", False),
    ("mapping-enum-entry", MAPPING, "enums:", "enums:\n  deal_stage: {}\n  deal_stage: {}",
     "map lint", True),
    ("suite-kwargs-column", SUITE, '"kwargs": {', '"kwargs": {"column": "a", "column": "b", ',
     "quality --only suite=hubspot_deals", True),
    ("suite-meta", SUITE, '"kwargs": {', '"meta": {}, "meta": {}, "kwargs": {',
     "quality --only suite=hubspot_deals", True),
    ("settings-platform-key", "pyproject.toml", 'versions = ["v1"]',
     'versions = ["v1"]\nversions = ["v1"]', "verify", False),
    ("settings-table-dotted", "pyproject.toml", "[tool.seamguard]\n",
     "[tool.seamguard]\nplatforms.shop.versions = [\"v1\"]\n", "verify", False),
]
MERGES = [
    ("merge-list-of-aliases", CONTRACT, "components:",
     "x-a: &a {description: a}\nx-b: &b {summary: b}\nx-m: {<<: [*a, *b], title: m}\n"
     "components:", "verify", ANY),
    ("merge-a-scalar", CONTRACT, "components:", "x-a: &a text\nx-m: {<<: *a}\ncomponents:",
     "verify", FAILS),
    ("merge-a-list-of-scalars", CONTRACT, "components:",
     "x-a: &a [1, 2]\nx-m: {<<: *a}\ncomponents:", "verify", FAILS),
    ("merge-into-schema", CONTRACT, "Order:\n      type: object",
     "Base: &base {type: object, required: [id]}\n    Order:\n      <<: *base\n      type: object",
     "verify", ANY),
    ("merge-into-interaction", CASSETTE, "- request:", "- <<: {recorded_at: x}\n  request:",
     "verify", ANY),
    ("merge-key-in-mapping-rule", MAPPING, "fields:\n",
     "x-defaults: &d {required: false}\nfields:\n", "map lint", ANY),
    ("merge-key-quoted", CONTRACT, "components:", 'x-m: {"<<": {a: 1}}\ncomponents:', "verify",
     ANY),
    # a mapping merged into itself: YAML's merge adds only keys it lacks, so nothing
    ("merge-self-alias", CONTRACT, "components:", "x-m: &m {<<: *m}\ncomponents:", "verify",
     ANY),
]


def duplicate_cases() -> list[Case]:
    cases = [_file_edit_case(f"duplicate-{name}", relative, _yaml_sub(old, new), command,
                             example=example, exits=FAILS)
             for name, relative, old, new, command, example in DUPLICATES]
    cases += [_file_edit_case(name, relative, _yaml_sub(old, new), command,
                              example=relative == MAPPING, exits=exits)
              for name, relative, old, new, command, exits in MERGES]
    return cases


# --- tags and directives ------------------------------------------------------------------------

TAGGED = {
    "python-object-apply": "!!python/object/apply:os.system [\"true\"]",
    "python-object-new": "!!python/object/new:builtins.dict {}",
    "verbatim-python-tag": "!<tag:yaml.org,2002:python/object/apply:os.getcwd> []",
    "tag-directive-python": None,  # written as a %TAG directive below
    "yaml-1.1-directive": None,
    "str-tag-on-number": "!!str 12",
    "int-tag-on-text": "!!int twelve",
    "float-tag-on-text": "!!float abc",
    "null-key": None,
    "bool-key": None,
    "timestamp-tag-bad": "!!timestamp not-a-date",
    "merge-tag": "!!merge x",
    "local-tag-on-mapping": "!Order {a: 1}",
}
TAG_FILES = [("contract", CONTRACT, "check", False), ("cassette", CASSETTE, "verify", False),
             ("mapping", MAPPING, "map lint", True)]


def _tagged(name: str, value: str | None) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        if name == "tag-directive-python":
            return (b"%TAG !py! tag:yaml.org,2002:python/object/apply:\n---\n"
                    + _with_top_key(data, b"x-t: !py!os.getcwd []"))
        if name == "yaml-1.1-directive":
            return b"%YAML 1.1\n---\n" + _with_top_key(data, b"x-flag: yes")
        if name == "null-key":
            return _with_top_key(data, b"~: 1")
        if name == "bool-key":
            return _with_top_key(data, b"true: 1")
        assert value is not None
        return _with_top_key(data, b"x-t: " + value.encode())
    return change


def _with_top_key(data: bytes, line: bytes) -> bytes:
    return line + b"\n" + data.lstrip(b"\n")


def tag_cases() -> list[Case]:
    exits = {"str-tag-on-number": ANY, "yaml-1.1-directive": ANY, "local-tag-on-mapping": FAILS}
    # a cassette's top-level keys other than interactions and version are nobody's (vcrpy
    # ignores them too): a null or boolean key there is read as its text and left alone
    lenient = {("cassette", "null-key"), ("cassette", "bool-key")}
    return [_file_edit_case(f"tag-{family}:{name}", relative, _tagged(name, value), command,
                            example=example,
                            exits=ANY if (family, name) in lenient else exits.get(name, FAILS))
            for family, relative, command, example in TAG_FILES
            for name, value in TAGGED.items()]


# --- datasets -------------------------------------------------------------------------------------

def _csv_lines(data: bytes) -> list[bytes]:
    return data.rstrip(b"\n").split(b"\n")


def _big_csv(change_row: Callable[[bytes], bytes] | None = None, rows: int = 20_000
             ) -> Callable[[bytes], bytes]:
    """The CSV repeated to ``rows`` rows, row ``rows - 3`` changed."""
    def change(data: bytes) -> bytes:
        header, *body = _csv_lines(data)
        out = [header]
        while len(out) <= rows:
            out.extend(body)
        out = out[:rows + 1]
        if change_row is not None:
            out[rows - 3] = change_row(out[rows - 3])
        return b"\n".join(out) + b"\n"
    return change


def _big_jsonl(bad: bytes, at: int = 10_000) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        lines = _csv_lines(data)
        out = []
        while len(out) < at + 5:
            out.extend(lines)
        out = out[:at + 5]
        out[at - 1] = bad
        return b"\n".join(out) + b"\n"
    return change


def _csv_quoted_newline(data: bytes) -> bytes:
    lines = _csv_lines(data)
    fields = lines[5].split(b",")
    fields[4] = b'"' + fields[4] + b'\nsecond line, with a comma"'
    lines[5] = b",".join(fields)
    return b"\n".join(lines) + b"\n"


def _csv_mixed_encoding(data: bytes) -> bytes:
    lines = _csv_lines(data)
    lines[7] = lines[7].decode("utf-8").encode("gbk")
    return b"\n".join(lines) + b"\n"


def _parquet_footer(data: bytes) -> bytes:
    return data[:-12] + b"\x00" * 8 + data[-4:]


def _parquet_magic_only(data: bytes) -> bytes:
    return b"PAR1PAR1"


DATASET_CASES_SPEC: list[tuple[str, str, Callable[[bytes], bytes], str, frozenset[int]]] = [
    ("csv:quoted-newline", CSV, _csv_quoted_newline, "hubspot_contacts", ANY),
    ("csv:mixed-encoding", CSV, _csv_mixed_encoding, "hubspot_contacts", ANY),
    ("csv:ragged-row-19997", CSV, _big_csv(lambda row: row + b",extra,more"), "hubspot_contacts",
     FAILS),
    ("csv:short-row-19997", CSV, _big_csv(lambda row: row.split(b",", 1)[0]),
     "hubspot_contacts", FAILS),
    ("csv:nul-in-row-19997", CSV, _big_csv(lambda row: row.replace(b",", b",\x00", 1)),
     "hubspot_contacts", ANY),
    ("csv:bom-only", CSV, lambda data: b"\xef\xbb\xbf", "hubspot_contacts", FAILS),
    # DuckDB's sniffer reads either as the table it is
    ("csv:semicolons", CSV, lambda data: data.replace(b",", b";"), "hubspot_contacts", ANY),
    ("csv:empty-column-name", CSV, lambda data: data.replace(b"city", b"", 1),
     "hubspot_contacts", ANY),
    ("csv:header-with-newline", CSV, lambda data: data.replace(b"city", b'"ci\nty"', 1),
     "hubspot_contacts", FAILS),
    ("csv:crlf-and-lf", CSV, lambda data: data.replace(b"\n", b"\r\n", 300), "hubspot_contacts",
     ANY),
    ("jsonl:bad-line-10000", JSONL, _big_jsonl(b'{"id": 1, "name": '), "shopify_orders", FAILS),
    ("jsonl:string-line-10000", JSONL, _big_jsonl(b'"just text"'), "shopify_orders", FAILS),
    ("jsonl:nan-line-10000", JSONL, _big_jsonl(b'{"id": NaN}'), "shopify_orders", FAILS),
    ("jsonl:invalid-utf8-line-10000", JSONL, _big_jsonl(b'{"id": 1, "name": "\xc3\x28"}'),
     "shopify_orders", FAILS),
    ("jsonl:blank-lines-between", JSONL, lambda data: data.replace(b"\n", b"\n\n\n", 50),
     "shopify_orders", ANY),
    ("jsonl:bom-every-line", JSONL, lambda data: data.replace(b"\n{", b"\n\xef\xbb\xbf{", 20),
     "shopify_orders", FAILS),
    ("jsonl:last-line-cut", JSONL, lambda data: data.rstrip(b"\n")[:-7], "shopify_orders",
     FAILS),
    ("parquet:footer-zeroed", "fixtures/datasets/hubspot_deals.parquet", _parquet_footer,
     "hubspot_deals", FAILS),
    ("parquet:magic-only", "fixtures/datasets/hubspot_deals.parquet", _parquet_magic_only,
     "hubspot_deals", FAILS),
    ("parquet:first-half", "fixtures/datasets/hubspot_deals.parquet",
     lambda data: data[:len(data) // 2] + data[-8:], "hubspot_deals", FAILS),
]


def _parquet_other_schema(root: Path) -> list[str]:
    """hubspot_deals.parquet rewritten with every column as text and one column dropped."""
    import duckdb

    project = _example(root)
    path = project / "fixtures/datasets/hubspot_deals.parquet"
    other = path.with_name("other.parquet")
    connection = duckdb.connect()
    columns = [row[0] for row in connection.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
    kept = ", ".join(f'CAST("{c}" AS VARCHAR) || \'x\' AS "{c}"' for c in columns[1:])
    connection.execute(f"COPY (SELECT {kept} FROM read_parquet('{path}')) TO '{other}' "
                       "(FORMAT PARQUET)")
    connection.close()
    other.replace(path)
    return ["quality", "--only", "dataset=hubspot_deals", "--project", str(project), "-f",
            "json"]


# The line a broken record sits on, which the output must name.
DATASET_LINES = {"jsonl:bad-line-10000": "shopify_orders.jsonl:10000",
                 "jsonl:string-line-10000": "shopify_orders.jsonl:10000",
                 "jsonl:invalid-utf8-line-10000": "shopify_orders.jsonl:10000",
                 "csv:ragged-row-19997": "hubspot_contacts.csv:19999",
                 "csv:short-row-19997": "hubspot_contacts.csv:19998"}


def dataset_cases() -> list[Case]:
    cases = [_file_edit_case(f"dataset-{name}", relative, change,
                             f"quality --only dataset={dataset}", example=True, exits=exits,
                             expect=(DATASET_LINES[name],) if name in DATASET_LINES else ())
             for name, relative, change, dataset, exits in DATASET_CASES_SPEC]
    cases.append(Case("dataset-parquet:other-schema", _parquet_other_schema, FAILS))
    return cases


# --- the campaign -------------------------------------------------------------------------------

_STDIN_PLACE = re.compile(r"<stdin>:\d+")


def judge(case: Case, outcome: Outcome) -> list[str]:
    """``hostile_operators.judge``, where a record read from standard input is placed by its
    line in it (``<stdin>:1``)."""
    wrong = hostile_operators.judge(case, outcome)
    if _STDIN_PLACE.search(outcome.text):
        wrong = [w for w in wrong if w != "no-location"]
    return wrong


def all_cases() -> list[Case]:
    return [*ref_cases(), *confusable_cases(), *one_byte_cases(), *number_cases(),
            *duplicate_cases(), *tag_cases(), *dataset_cases(), *CLI_CASES, *explain_cases(),
            *server_cases()]


def run_env_cases(cases: list[tuple[str, EnvSetup, frozenset[int]]], scratch: Path,
                  timeout: float) -> dict[str, tuple[Outcome, frozenset[int]]]:
    """Each case as its own ``python -m seamguard`` process (the environment is the input)."""
    def one(number: int, case: tuple[str, EnvSetup, frozenset[int]]
            ) -> tuple[str, tuple[Outcome, frozenset[int]]]:
        name, setup, exits = case
        root = scratch / f"e{number}"
        root.mkdir()
        argv, env = setup(root)
        try:
            outcome = run_seamguard(*argv, cwd=root, env=env, timeout=timeout)
        except AssertionError as exc:
            outcome = Outcome(-1, str(exc), [], str(exc))
        return name, (outcome, exits)
    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(lambda pair: one(*pair), enumerate(cases)))


def _stdin_of(case: Case) -> str | None:
    return case.env.get("__stdin__")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    args = parser.parse_args()
    cases = [case for case in all_cases() if args.only in case.id]
    env_cases = [case for case in ENV_CASES if args.only in case[0]]
    failures: Counter[str] = Counter()
    judged: list[tuple[str, Outcome, list[str]]] = []
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = []
        for number, case in enumerate(cases):
            root = Path(scratch) / f"c{number}"
            root.mkdir()
            env = {k: v for k, v in case.env.items() if k != "__stdin__"}
            jobs.append(Job(case.id, case.setup(root), cwd=str(root), env=env,
                            stdin=_stdin_of(case)))
        outcomes = run_batch(jobs, timeout=args.timeout) if jobs else {}
        for case in cases:
            judged.append((case.id, outcomes[case.id], judge(case, outcomes[case.id])))
        for name, (outcome, exits) in run_env_cases(env_cases, Path(scratch),
                                                    args.timeout).items():
            judged.append((name, outcome, judge(Case(f"cli:{name}", lambda r: [], exits),
                                                outcome)))
    failing = 0
    for case_id, outcome, wrong in judged:
        count_failure(failures, wrong, outcome, case_id)
        if wrong:
            failing += 1
            for line in outcome.text.strip().splitlines()[-args.show:]:
                print("    | " + line[:300])
    if args.all:
        for case_id, outcome, _ in judged:
            said = outcome.text.strip()[:200].replace("\n", " ")
            print(case_id, outcome.code, said)
    print(f"cases {len(judged)}; failing {failing}; by class {dict(failures)}")
    sys.exit(0)


if __name__ == "__main__":
    main()
