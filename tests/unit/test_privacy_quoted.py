"""Values a finding quotes from data without carrying them as ``actual`` (a counted status, a
golden example's input, a suite's value set, a reconciled key, a settings key) are shown only
when provably impersonal, else by their shape, as ``actual`` is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.errors import SettingsError
from seamguard.findings import Finding, Location, Severity
from seamguard.mapping.check import run_examples
from seamguard.mapping.engine import compile_mapping
from seamguard.mapping.spec import LoadedMapping, MappingSpec, load_mapping
from seamguard.privacy.guard import mask_finding
from seamguard.project import find_project

REPO = Path(__file__).resolve().parents[2]
CONTACT = "contracts/mappings/shopify-customer-to-hubspot-contact.yaml"


def _status_count(value: object) -> Finding:
    return Finding(code="reconcile.status-count", severity=Severity.ERROR, check="reconcile",
                   message=f"lifecyclestage={value}: 0 in the source, 1 in hubspot_contacts",
                   location=Location(pointer="tool.seamguard.reconcile.x"), expected=0,
                   actual=1, quoted=(value,))


def test_a_quoted_name_is_shaped_and_a_status_shown() -> None:
    masked = mask_finding(_status_count("Zachary Woods"))
    assert masked.message == "lifecyclestage=Z****** W****: 0 in the source, 1 in hubspot_contacts"
    assert mask_finding(masked) == masked
    assert masked.quoted == ("Z****** W****",)
    shown = _status_count("marketingqualifiedlead")
    assert mask_finding(shown) is shown
    number = _status_count(3)
    assert mask_finding(number) is number


def test_a_quoted_value_is_no_declaration_even_in_expected() -> None:
    """The source's value of a reconciled field is what the finding expects, and data."""
    finding = Finding(code="reconcile.field-differs", severity=Severity.ERROR, check="reconcile",
                      message='id=3: city differs: source "韦建国", target "上海市"',
                      expected="韦建国", actual="上海市", quoted=("韦建国",))
    masked = mask_finding(finding)
    assert "韦建国" not in masked.message + json.dumps(masked.to_dict(), ensure_ascii=False)
    assert masked.expected == "韦**"
    assert masked.actual == "上海市"
    # without `quoted`, the expected value stays a declaration, as a contract's enum is
    declared = Finding(code="x", severity=Severity.ERROR, check="recorded",
                       message='value "Closed Won" is not one of "Closed Won"',
                       expected=["Closed Won"], actual="Closed Won")
    assert mask_finding(declared) is declared


def test_a_value_set_keeps_statuses_and_shapes_a_name() -> None:
    finding = Finding(code="quality.expectation-failed", severity=Severity.ERROR,
                      check="quality", message="members.tag: 1 of 3 rows unexpected",
                      expected={"expectation": "expect_column_values_to_not_be_in_set",
                                "value_set": ["赵金凤", "spam", "Closed Won", "Philip Jones"]},
                      actual={"unexpected_count": 1},
                      quoted=(["赵金凤", "spam", "Closed Won", "Philip Jones"],))
    masked = mask_finding(finding)
    assert masked.expected["value_set"] == ["赵**", "spam", "Closed Won", "P***** J****"]


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_reconcile_shapes_a_name_in_a_status_a_key_and_a_source_value(tmp_path: Path) -> None:
    _project(tmp_path, {
        "shop.csv": "order_no,stage,city\nSO1,paid,上海市\nSO2,paid,韦建国\nZachary Woods,paid,x\n",
        "crm.csv": "order_no,stage,city\nSO1,Philip Jones,上海市\nSO2,paid,北京市\n",
        "pyproject.toml": '[tool.seamguard]\n[tool.seamguard.datasets.shop]\npath = "shop.csv"\n'
                          '[tool.seamguard.datasets.crm]\npath = "crm.csv"\n'
                          '[tool.seamguard.reconcile.orders]\nsource = "shop"\n'
                          'target = "crm"\nkey = "order_no"\nstatus = "stage"\n'})
    result = CliRunner().invoke(app, ["reconcile", "--project", str(tmp_path), "-f", "json"])
    for name in ("Philip", "Zachary", "韦建国"):
        assert name not in result.stdout
    report = json.loads(result.stdout)
    messages = "\n".join(f["message"] for f in report["findings"])
    assert "stage=P***** J****: 0 in the source, 1 in crm" in messages
    assert "stage=paid: 3 in the source, 1 in crm" in messages
    assert "order_no=Z****** W**** is in shop" in messages
    assert 'city differs: source "韦**", target "北京市"' in messages
    keys = {f["location"].get("key") for f in report["findings"]}
    assert "SO2" in keys  # an order number reads as it is


SUITE = {"name": "members", "expectations": [
    {"type": "expect_column_values_to_not_be_in_set",
     "kwargs": {"column": "tag", "value_set": ["韦建国", "spam"]}},
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "status", "value_set": ["open", "closed"]}},
    {"type": "expect_column_distinct_values_to_be_in_set",
     "kwargs": {"column": "status", "value_set": ["open", "closed"]}}]}


def test_quality_reports_shape_a_name_in_a_value_set_and_in_observed_values(
        tmp_path: Path) -> None:
    _project(tmp_path, {
        "members.csv": "id,status,tag\n1,open,韦建国\n2,Zachary Woods,ok\n3,closed,ok\n",
        "suites/members.json": json.dumps(SUITE, ensure_ascii=False),
        "pyproject.toml": '[tool.seamguard]\n[tool.seamguard.datasets.members]\n'
                          'path = "members.csv"\nkey = ["id"]\n'})
    result = CliRunner().invoke(app, ["quality", "--project", str(tmp_path), "-f", "json",
                                      "--reports", str(tmp_path / "reports")])
    written = "".join(path.read_text("utf-8") for path in (tmp_path / "reports").rglob("*")
                      if path.is_file())
    for text in (result.stdout, written):
        assert "韦建国" not in text
        assert "Zachary" not in text
    findings = json.loads(result.stdout)["findings"]
    value_sets = [f["expected"]["value_set"] for f in findings
                  if f["code"] == "quality.expectation-failed"]
    assert ["韦**", "spam"] in value_sets
    assert ["open", "closed"] in value_sets  # a set of statuses reads as it is written
    assert "Z****** W****" in written


def _with_example(example: dict[str, object]) -> LoadedMapping:
    mapping = load_mapping(REPO / CONTACT, display=CONTACT)
    data = mapping.spec.model_dump(by_alias=True, exclude_unset=True)
    data["examples"] = [example]
    return mapping.with_spec(MappingSpec.model_validate(data))


def test_map_test_shapes_a_name_in_a_golden_example() -> None:
    mapping = _with_example({
        "name": "planted", "input": {"id": 7312459010, "email": "a@example.com",
                                     "state": "Zachary Woods"},
        "output": {"email": "a@example.com", "lifecyclestage": "customer",
                   "firstname": "Philip"}})
    found = [mask_finding(f) for f in run_examples(mapping, compile_mapping(mapping.spec))]
    text = json.dumps([f.to_dict() for f in found], ensure_ascii=False)
    assert "Zachary" not in text
    assert "Philip" not in text
    assert "has no entry for 'Z****** W****'" in text
    assert '"P*****"' in text
    assert "enabled, invited" in text  # the enum map's own entries read as they are


def test_an_unknown_setting_named_like_a_person_is_shaped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n[tool.seamguard.platforms.shop]\nbase_url = "http://x"\n'
        '"Philip Jones" = 1\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        find_project(tmp_path, explicit=True)
    text = str(caught.value)
    assert "Philip" not in text
    assert "unknown setting 'P***** J****'" in text
    assert caught.value.pointer == "tool.seamguard.platforms.shop.P***** J****"
    assert caught.value.line == 4


def test_a_misspelt_setting_reads_as_written(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n[tool.seamguard.platforms.shop]\nbase_ulr = "http://x"\n',
        encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        find_project(tmp_path, explicit=True)
    assert "unknown setting 'base_ulr'" in str(caught.value)
    assert "did you mean 'base_url'?" in str(caught.value)
    assert caught.value.pointer == "tool.seamguard.platforms.shop.base_ulr"


def test_an_identity_collision_shapes_the_names_it_quotes(tmp_path: Path) -> None:
    from seamguard.mapping.identity_check import identity_collisions

    spec = tmp_path / "m.yaml"
    spec.write_text("source: {contract: jd@2.0, schema: '#/components/schemas/Order'}\n"
                    "target: {contract: salesforce@v60.0, schema: '#/components/schemas/O'}\n"
                    "identity: {source: buyer, target: key}\n"
                    "fields: [{target: key, source: shop}]\n", encoding="utf-8")
    mapping = load_mapping(spec, display="m.yaml")
    found = [mask_finding(f) for f in identity_collisions(mapping, [
        ("record 'Zachary Woods'", {"buyer": "Zachary Woods", "shop": "s1"}, {"key": "s1"}),
        ("record '韦建国'", {"buyer": "韦建国", "shop": "s1"}, {"key": "s1"})])]
    assert len(found) == 1
    assert "Zachary" not in found[0].message
    assert "韦建国" not in found[0].message
    assert "buyer 'Z****** W****' and '韦**'" in found[0].message
    assert "key 's1'" in found[0].message


def test_a_probe_failure_quoting_its_answer_shapes_a_name() -> None:
    from types import SimpleNamespace

    from seamguard.probe_replay import response_values

    body = json.dumps({"id": 3, "tier": "Zachary Woods", "items": [{"state": "open"}]})
    recorder = SimpleNamespace(interactions={"c1": SimpleNamespace(
        response=SimpleNamespace(content=body.encode()))})
    values = response_values(recorder, "c1")
    assert set(values) == {"Zachary Woods", "open"}
    assert response_values(recorder, "absent") == ()
    finding = Finding(code="probe.response-schema", severity=Severity.ERROR, check="probe",
                      message="GET /customers/3: Response violates schema — 'Zachary Woods' "
                              "is not one of ['gold', 'silver']; state 'open'",
                      actual={"status": 200}, quoted=values)
    masked = mask_finding(finding)
    assert "'Z****** W****' is not one of ['gold', 'silver']; state 'open'" in masked.message


def test_a_header_less_export_names_its_columns_by_their_shape(tmp_path: Path) -> None:
    _project(tmp_path, {
        "drops.csv": "Zachary Woods,韦建国,open\nPhilip Jones,x,closed\n",
        "suites/drops.json": json.dumps({"name": "drops", "expectations": [
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "status"}}]}),
        "pyproject.toml": '[tool.seamguard]\n[tool.seamguard.datasets.drops]\n'
                          'path = "drops.csv"\n'})
    result = CliRunner().invoke(app, ["quality", "--project", str(tmp_path), "-f", "json",
                                      "--reports", str(tmp_path / "reports")])
    assert "Zachary" not in result.stdout
    assert "韦建国" not in result.stdout
    assert "has columns 'Z****** W****', '韦**', 'open'" in result.stdout


def test_a_refusal_folded_into_a_signature_finding_shapes_a_name() -> None:
    from seamguard.verify_gateway_signatures import fold_refusal

    signature = Finding(code="signature.invalid", severity=Severity.ERROR, check="recorded",
                        message="the request's sign does not match")
    refusal = Finding(code="response.in-band-error", severity=Severity.ERROR, check="recorded",
                      message="in-band error", location=Location(pointer="/error_response"),
                      actual={"code": 25, "message": "Invalid signature for Zachary Woods"})
    folded = fold_refusal([signature, refusal])
    assert len(folded) == 1
    masked = mask_finding(folded[0])
    assert "Zachary" not in masked.message
    assert "the platform refused the call: " in masked.message
    assert "I****** s******** f** Z****** W****" not in masked.message  # words not all shaped
    assert "Invalid signature" in masked.message


def test_a_name_masked_in_actual_is_masked_where_the_message_quotes_it() -> None:
    # content masking (a name beside a phone in a list of columns) changes a value before
    # the shape rule sees it: the message quoting the list follows
    finding = Finding(code="quality.expectation-failed", severity=Severity.ERROR, check="quality",
                      message="exports: columns (observed ['order_no', '13512347546', '蔡明'])",
                      location=Location(file="suites/exports.json"),
                      expected={"column_list": ["order_no"]},
                      actual={"observed": ["order_no", "13512347546", "蔡明"]})
    masked = mask_finding(finding)
    assert "蔡明" not in masked.message
    assert "13512347546" not in masked.message
    assert "'order_no'" in masked.message
    assert masked.actual == {"observed": ["order_no", "135****7546", "蔡*"]}


@pytest.mark.parametrize(("column", "shown"), [("蔡明", False), ("c_who", True),
                                               ("收件人", True)])
def test_a_column_named_by_the_data_is_shown_only_when_impersonal(column: str,
                                                                  shown: bool) -> None:
    finding = Finding(code="quality.expectation-failed", severity=Severity.ERROR, check="quality",
                      message=f"exports.{column}: expect_column_values_to_be_in_set: 2 of 2 "
                              "rows unexpected", location=Location(file="suites/exports.json"),
                      expected={"value_set": ["ok"]}, actual={"unexpected_count": 2},
                      quoted=(["ok"], column))
    assert (f"exports.{column}:" in mask_finding(finding).message) is shown
