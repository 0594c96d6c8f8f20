"""Bare names for ``leak_paths``: people's names that no key, label or neighbour announces,
planted where a report quotes an observed value because it breaks its contract — an enum, a
format, a pattern, a length, a type, an undeclared key — in a recorded answer, a live answer,
a dataset's rows, a reconciled target, a record traced by ``map explain`` and a golden example;
and where a report quotes a value read from data that it does not carry as the value seen: a
status counted by a reconciliation, a reconciled source's value and key, a golden example's
expected output, a suite's own value set, a column's distinct values in the HTML report, and the
column names of an export without a header row (its first record).

Recordings keep such names by design (nothing marks them); a report, a log line, an alert or
the terminal shows an observed value only when it is provably not personal.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

# The names this module plants, besides leak_paths' NAMES.
EXTRA = ("name-en-3", "name-zh-3")

# Fields the CRM's contract gains, each with a rule a name breaks.
PROPERTIES = """\
                tier: {type: string, enum: [gold, silver]}
                since: {type: string, format: date}
                code: {type: string, pattern: "^[A-Z]{3}$"}
                nick: {type: string, maxLength: 2}
                rank: {type: integer}
"""


def extra_seeds(zh: object, en: object) -> dict[str, str]:
    """A single given name (Latin) and a two-character Chinese name, drawn after every other
    seed so that the others stay what they were."""
    given = next(n for n in iter(en.first_name, None) if len(n) >= 6)  # type: ignore[attr-defined]
    two = next(n for n in iter(zh.name, None) if len(n) == 2)  # type: ignore[attr-defined]
    return {"name-en-3": given, "name-zh-3": two}


def answer(s: dict[str, str]) -> dict[str, object]:
    """The fields a customer's answer carries, every one a name breaking its rule."""
    return {"tier": s["name-en-1"], "since": s["name-zh-1"], "code": s["name-en-3"],
            "nick": s["name-zh-2"], "rank": s["name-en-2"], s["name-zh-3"]: 1}


def contract_with_rules(text: str) -> str:
    marker = "                owner: "
    return text.replace(marker, PROPERTIES + marker, 1)


def plant(root: Path, s: dict[str, str], origin: str) -> None:
    from tests.support.projects import load_cassette, save_cassette

    for path in (root / "contracts" / "crm" / "v1" / "openapi.yaml",
                 root / "contracts" / "legacy" / "v1" / "openapi.yaml",
                 root / "diff" / "openapi.yaml"):
        path.write_text(contract_with_rules(path.read_text("utf-8")), "utf-8")
    # a recorded answer
    path = root / "fixtures" / "cassettes" / "crm" / "v1.yaml"
    data = load_cassette(path)
    body = {"id": 2, "status": s["name-zh-3"], "total": s["name-en-3"], **answer(s)}
    data["interactions"].append({
        "request": {"method": "GET", "body": None, "headers": {},
                    "uri": f"{origin}/v1/customers/2"},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Content-Type": ["application/json"]},
                     "body": {"string": json.dumps(body, ensure_ascii=False)}}})
    save_cassette(path, data)
    _dataset(root, s)
    _reconcile(root, s)
    _mapping(root, s)
    record = root / "records" / "customer.json"
    traced = json.loads(record.read_text("utf-8"))
    traced["state"] = s["name-en-1"]
    traced["default_address"]["city"] = s["name-zh-3"]
    record.write_text(json.dumps(traced, ensure_ascii=False), "utf-8")


def _dataset(root: Path, s: dict[str, str]) -> None:
    rows = [("1", s["name-en-1"], s["name-zh-1"], s["name-en-3"], "ok"),
            ("2", "open", s["name-en-2"], "ABC", s["name-zh-2"]),
            ("3", s["name-zh-3"], "XYZ", "ok", "ok"),
            (s["name-en-2"], "closed", "XYZ", "ok", "ok")]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("id", "status", "code", "nick", "tag"))
    writer.writerows(rows)
    (root / "data" / "members.csv").write_text(out.getvalue(), "utf-8")
    suite = {"name": "members", "expectations": [
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "status", "value_set": ["open", "closed"]}},
        {"type": "expect_column_distinct_values_to_be_in_set",
         "kwargs": {"column": "status", "value_set": ["open", "closed"]}},
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "code", "regex": "^[A-Z]{3}$"}},
        {"type": "expect_column_value_lengths_to_be_between",
         "kwargs": {"column": "nick", "min_value": 1, "max_value": 3}},
        {"type": "expect_column_values_to_not_be_in_set",
         "kwargs": {"column": "tag", "value_set": [s["name-zh-2"], "spam"]}}]}
    (root / "suites" / "members.json").write_text(json.dumps(suite, ensure_ascii=False), "utf-8")
    # the same members as the CRM holds them: one lacking, one whose code differs
    crm = [("1", s["name-en-1"], "ABC", s["name-en-3"], "ok"),
           ("2", "open", s["name-en-2"], "ABC", s["name-zh-2"])]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("id", "status", "code", "nick", "tag"))
    writer.writerows(crm)
    (root / "data" / "members_crm.csv").write_text(out.getvalue(), "utf-8")
    # an export written without its header row: its first record names the columns
    (root / "data" / "drops.csv").write_text(
        f"{s['name-en-2']},{s['name-zh-1']},open\n{s['name-en-1']},x,closed\n", "utf-8")
    (root / "suites" / "drops.json").write_text(json.dumps({"name": "drops", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "status"}}]}),
        "utf-8")
    settings = root / "pyproject.toml"
    settings.write_text(settings.read_text("utf-8") + textwrap.dedent("""
        [tool.seamguard.datasets.members]
        path = "data/members.csv"
        key = ["id"]

        [tool.seamguard.datasets.members_crm]
        path = "data/members_crm.csv"
        key = ["id"]

        [tool.seamguard.datasets.drops]
        path = "data/drops.csv"

        [tool.seamguard.reconcile.members]
        source = "members"
        target = "members_crm"
        key = "id"
        status = "status"
        """), "utf-8")


def _reconcile(root: Path, s: dict[str, str]) -> None:
    """Two contacts the CRM holds with a name where a stage and a city belong."""
    contacts = root / "fixtures" / "datasets" / "hubspot_contacts.csv"
    lines = contacts.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    for row, column, value in ((2, "lifecyclestage", s["name-en-2"]),
                               (3, "city", s["name-zh-1"])):
        cells = dict(zip(header, lines[row].split(","), strict=True))
        cells[column] = value
        lines[row] = ",".join(cells[h] for h in header)
    contacts.write_text("\n".join(lines) + "\n", "utf-8")


def _mapping(root: Path, s: dict[str, str]) -> None:
    """A golden example whose customer's state is a name."""
    path = root / "contracts" / "mappings" / "shopify-customer-to-hubspot-contact.yaml"
    path.write_text(path.read_text("utf-8") + textwrap.indent(textwrap.dedent(f"""\
        - name: planted state
          input: {{id: 7312459010, email: a@example.com, state: "{s['name-en-2']}",
                  default_address: {{city: "{s['name-zh-3']}"}}}}
          output: {{email: a@example.com, lifecyclestage: customer}}
        - name: planted first name
          input: {{id: 7312459011, email: b@example.com, state: enabled}}
          output: {{email: b@example.com, lifecyclestage: customer,
                   firstname: "{s['name-en-1']}"}}
        """), "  "), "utf-8")
