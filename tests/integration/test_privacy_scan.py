"""`privacy scan` and `privacy scrub`: the example is clean, a planted phone is red with its
line, every file format is read, and scrubbing is idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import load_cassette, save_cassette

runner = CliRunner()
PHONE = "13812345678"


def _scan(project: Path, *paths: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["privacy", "scan", "--project", str(project), "-f", "json",
                                 *paths])
    report = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return result.exit_code, list(report.get("findings", []))


def test_the_bundled_example_is_clean(example: Path) -> None:
    code, findings = _scan(example)
    assert findings == []
    assert code == 0


def test_one_real_looking_phone_in_a_cassette_turns_it_red(example: Path) -> None:
    cassette = example / "fixtures" / "cassettes" / "hubspot" / "contacts.yaml"
    data = load_cassette(cassette)
    body = json.loads(data["interactions"][0]["response"]["body"]["string"])
    body["results"][0]["properties"]["notes_last_contacted"] = f"called {PHONE} today"
    data["interactions"][0]["response"]["body"]["string"] = json.dumps(body, ensure_ascii=False)
    save_cassette(cassette, data)
    code, findings = _scan(example)
    assert code == 1
    assert len(findings) == 1
    finding = findings[0]
    assert finding["code"] == "privacy.personal-data"
    location = finding["location"]
    assert isinstance(location, dict)
    assert location["file"] == "fixtures/cassettes/hubspot/contacts.yaml"
    line = location["line"]
    assert isinstance(line, int)
    assert "string:" in cassette.read_text("utf-8").splitlines()[line - 1]
    assert location["pointer"] == "/interactions/0/response/body/string"
    assert "/results/0/properties/notes_last_contacted" in str(finding["message"])
    assert PHONE not in json.dumps(findings)
    assert "138****5678" in str(finding["message"])


def test_every_file_format_is_scanned_with_its_place(tmp_path: Path, mini: Path) -> None:
    data = mini / "data"
    data.mkdir()
    (data / "people.jsonl").write_text(
        '{"id": 1, "note": "ok"}\n{"id": 2, "contact": {"mail": "li.na@corp.cn"}}\n', "utf-8")
    (data / "people.csv").write_text(f"id,remark\n1,fine\n2,call {PHONE}\n", "utf-8")
    (data / "config.yaml").write_text("a: 1\nsecrets:\n  password: hunter22\n", "utf-8")
    (data / "log.txt").write_text("boot\nuser 11010519491231002X logged in\n", "utf-8")
    pq.write_table(pa.Table.from_pylist([{"id": 1, "buyer_name": "王芳"}]),
                   data / "rows.parquet")
    code, findings = _scan(mini, str(data))
    assert code == 1
    places = {(str(f["location"]["file"]).rsplit("/", 1)[-1],  # type: ignore[index]
               f["location"].get("line"), f["location"].get("pointer"))  # type: ignore[union-attr]
              for f in findings}
    assert places == {
        ("people.jsonl", 2, "/contact/mail"),
        ("people.csv", 3, "/remark"),
        ("config.yaml", 3, "/secrets/password"),
        ("log.txt", 2, None),
        ("rows.parquet", None, "/0/buyer_name"),
    }
    codes = {f["code"] for f in findings}
    assert codes == {"privacy.personal-data", "privacy.secret"}
    for value in (PHONE, "li.na@corp.cn", "hunter22", "11010519491231002X", "王芳"):
        assert value not in json.dumps(findings, ensure_ascii=False)


def test_scrub_fixes_a_cassette_in_place_and_a_second_scrub_changes_nothing(
        example: Path) -> None:
    cassette = example / "fixtures" / "cassettes" / "sfexpress" / "waybills.yaml"
    data = load_cassette(cassette)
    request = data["interactions"][0]["request"]
    request["uri"] += f"?phone={PHONE}&access_token=abcDEF123456"
    request["headers"]["x-api-key"] = ["k-0123456789abcdef"]
    save_cassette(cassette, data)
    assert _scan(example)[0] == 1
    first = runner.invoke(app, ["privacy", "scrub", "--project", str(example), str(cassette)])
    assert first.exit_code == 0, first.output
    assert "scrubbed" in first.output
    assert "1 phone" in first.output
    scrubbed = cassette.read_bytes()
    assert PHONE.encode() not in scrubbed
    assert b"abcDEF123456" not in scrubbed
    assert _scan(example) == (0, [])
    second = runner.invoke(app, ["privacy", "scrub", "--project", str(example),
                                 str(cassette.parent)])
    assert second.exit_code == 0
    assert "unchanged" in second.output
    assert "scrubbed" not in second.output
    assert cassette.read_bytes() == scrubbed


def test_scrub_refuses_what_is_not_a_cassette(mini: Path) -> None:
    other = mini / "notes.json"
    other.write_text('{"a": 1}', "utf-8")
    result = runner.invoke(app, ["privacy", "scrub", "--project", str(mini), str(other)])
    assert result.exit_code == 2
    assert "not a vcrpy cassette" in result.output


def test_mapping_lint_finds_personal_data_by_content_type_without_pii_flags(
        example: Path) -> None:
    spec = example / "contracts" / "mappings" / "shopify-customer-to-hubspot-contact.yaml"
    text = spec.read_text("utf-8")
    text = text.replace("    pii: true\n", "").replace(
        "  allowed_destinations: [email, firstname, lastname, mobilephone]",
        "  allowed_destinations: []")
    spec.write_text(text, "utf-8")
    result = runner.invoke(app, ["map", "lint", "--project", str(example), "-f", "json"])
    report = json.loads(result.stdout)
    unmasked = {f["message"] for f in report["findings"] if f["code"] == "mapping.pii-unmasked"}
    assert any("'email'" in m and "(email, from source 'email')" in m for m in unmasked), unmasked
    assert any("'mobilephone'" in m and "(phone, from source" in m for m in unmasked), unmasked
    assert result.exit_code == 1


def test_map_explain_masks_the_record_unless_asked(example: Path) -> None:
    record = json.dumps({"id": 7460231900009, "email": "zhangwei@corp.cn", "first_name": "伟",
                         "last_name": "张", "phone": "+86 138 1234 5678", "state": "enabled",
                         "updated_at": "2024-07-10T10:00:00Z"}, ensure_ascii=False)
    command = ["map", "explain", "shopify-customer-to-hubspot-contact", "-", "--project",
               str(example), "-f", "json"]
    masked = runner.invoke(app, command, input=record)
    assert masked.exit_code in (0, 1), masked.output
    for value in ("zhangwei@corp.cn", "1234 5678", "+8613812345678", '"张"'):
        assert value not in masked.output
    assert "7460231900009" in masked.output
    shown = runner.invoke(app, [*command, "--show-values"], input=record)
    assert "+8613812345678" in shown.output


def test_map_explain_masks_the_record_label(example: Path, tmp_path: Path) -> None:
    # A fixture saved under the customer's phone number: the label is personal data too.
    record = tmp_path / f"customer-{PHONE}.json"
    record.write_text(json.dumps({"id": 7460231900009, "email": "a@b.cn", "state": "enabled",
                                  "updated_at": "2024-07-10T10:00:00Z"}), "utf-8")
    command = ["map", "explain", "shopify-customer-to-hubspot-contact", str(record),
               "--project", str(example)]
    for output in ("json", "text"):
        masked = runner.invoke(app, [*command, "-f", output])
        assert masked.exit_code in (0, 1), masked.output
        assert PHONE not in masked.output.replace("\n", "")
    label = json.loads(runner.invoke(app, [*command, "-f", "json"]).stdout)["record"]
    assert label.startswith(str(tmp_path / "customer-"))
    assert label.endswith(".json")
    shown = runner.invoke(app, [*command, "-f", "json", "--show-values"])
    assert json.loads(shown.stdout)["record"] == str(record)


def test_scrub_names_an_unparsable_file_once(mini: Path) -> None:
    broken = mini / "broken.yaml"
    broken.write_text("interactions:\n  - a: [\n", encoding="utf-8")
    result = runner.invoke(app, ["privacy", "scrub", "--project", str(mini), str(broken)])
    assert result.exit_code == 2
    assert result.output.count("broken.yaml") == 1, result.output
    assert "invalid YAML" in result.output
