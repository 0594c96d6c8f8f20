"""Surfaces that quoted a personal value unmasked: a configured request's path and query in a
finding, a file named after a customer (finding locations, JUnit test cases), an error message
or usage error echoing an argument, a header half percent-encoded, httpcore's raw header bytes
in a log record."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.findings import Finding, Location, Severity
from seamguard.privacy import Masker, TrafficScrubber, mask_finding, mask_path, mask_text
from seamguard.privacy.guard import _mask_log_text, mask_cases
from tests.support.projects import GOOD_ORDER, interaction, mini_project, write_cassette

runner = CliRunner()
PHONE = "13804317571"


def test_a_path_with_its_query_in_text_is_masked_as_a_url() -> None:
    text = ("could not fetch GET /customers/1?q=paul3066%40gmail.com&tel=%2B81%2090-1234-1733"
            ": 500 Internal Server Error")
    masked = mask_text(text)
    assert "paul3066" not in masked
    assert "%2B81%2090-1234-1733" not in masked
    assert "90-1234-1733" not in masked
    assert masked.startswith("could not fetch GET /customers/1?q=")  # the path stays readable
    assert masked.endswith(": 500 Internal Server Error")
    kept = "GET /orders/5829461287003.json?fields=id,total&page=2: ok"
    assert mask_text(kept) == kept


def test_a_file_named_after_a_customer_is_masked_segment_by_segment() -> None:
    assert mask_path(f"fixtures/cassettes/crm/客户{PHONE}.yaml") == \
        "fixtures/cassettes/crm/客户138****7571.yaml"
    assert mask_path("exports/paul3066@gmail.com.csv").startswith("exports/")
    for ordinary in ("fixtures/datasets/crm_orders_20250405.csv",
                     "fixtures/cassettes/shopify/2024-07/orders-5829461287003.yaml"):
        assert mask_path(ordinary) == ordinary
    finding = Finding("x.y", Severity.ERROR, "m", "recorded",
                      Location(file=f"fixtures/cassettes/客户{PHONE}.yaml", line=2))
    assert PHONE not in json.dumps(mask_finding(finding).location.to_dict(), ensure_ascii=False)
    cases = mask_cases({"recorded": [f"fixtures/cassettes/客户{PHONE}.yaml #0"]})
    assert cases == {"recorded": ["fixtures/cassettes/客户138****7571.yaml #0"]}


def test_junit_cases_and_findings_do_not_name_the_customer_a_cassette_is_named_after(
        tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p")
    write_cassette(root / "fixtures" / "cassettes" / f"客户{PHONE}.yaml",
                   [interaction(GOOD_ORDER), interaction({"order": {"id": "x"}})])
    result = runner.invoke(app, ["verify", "--project", str(root), "-f", "json"])
    assert result.exit_code == 1, result.output
    assert "客户138****7571.yaml" in result.stdout
    for name in ("report.json", "junit.xml", "summary.md", "report.html"):
        text = (root / "reports" / name).read_text("utf-8")
        assert PHONE not in text, name
    assert PHONE not in result.stdout
    assert 'name="fixtures/cassettes/客户138****7571.yaml #0"' in \
        (root / "reports" / "junit.xml").read_text("utf-8")


def test_an_error_message_does_not_echo_a_personal_argument(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p")
    result = runner.invoke(app, ["map", "explain", f"customer-{PHONE}", "r.json",
                                 "--project", str(root)])
    assert result.exit_code == 2
    assert "no mapping 'customer-138****7571'" in result.stderr
    result = runner.invoke(app, ["privacy", "scan", "--project", str(root),
                                 str(root / "paul3066@gmail.com.csv")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr
    assert "paul3066" not in result.stderr


def test_a_usage_error_does_not_echo_a_personal_argument(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--project", str(tmp_path), "--fail-on", PHONE])
    assert result.exit_code == 2
    assert "--fail-on" in result.output
    assert "138****7571" in result.output
    assert PHONE not in result.output
    result = runner.invoke(app, ["privacy", "scan", f"--{PHONE}"])
    assert result.exit_code == 2
    assert PHONE not in result.output


def test_a_header_part_percent_encoded_is_read_whole() -> None:
    traffic = TrafficScrubber(replacer=Masker())
    value = f"{quote('陳秀娟')} +49 1780 9228158"
    scrubbed = traffic.headers({"X-Trace": [value]})["X-Trace"][0]
    assert quote("陳秀娟") not in scrubbed
    assert "9228158" not in scrubbed
    kept = f"{quote('张')} ok"  # nothing personal: the value is left as it came
    assert traffic.headers({"X-R": [kept]})["X-R"][0] == kept


def test_raw_header_bytes_in_a_log_record_keep_their_name_beside_their_phone() -> None:
    logged = ("receive_response_headers.complete return_value=(b'HTTP/1.1', 200, b'OK', "
              "[(b'x-trace', b'%E9%99%B3%E7%A7%80%E5%A8%9F +49 1780 9228158'), "
              "(b'x-gbk', b'\\xd5\\xc5\\xce\\xb0 13812345678')])")
    masked = _mask_log_text(logged)
    assert "%E7%A7%80%E5%A8%9F" not in masked
    assert "9228158" not in masked
    assert "张伟" not in masked
    assert "\\xce\\xb0" not in masked
    assert "13812345678" not in masked
    assert "'x-gbk', '张* 138****5678'" in masked


def test_an_http_status_with_its_reason_phrase_is_no_street_address() -> None:
    for text in ("could not fetch GET /orders/3: 502 Bad Gateway",
                 "HTTP 502 Bad Gateway after 3 attempt(s)"):
        assert mask_text(text) == text
    assert "12 Baker St" not in mask_text("ship to 12 Baker St, 502 Bad Gateway")


def test_a_text_body_echoing_a_percent_encoded_form_is_read_decoded() -> None:
    traffic = TrafficScrubber(replacer=Masker())
    address = quote("陕西省桂珍市安次通辽街R座 380703")
    body = (f"invalid request: beizhu={quote('联系人：陳秀娟 +49 1512 3450843')}"  # noqa: RUF001
            f"&k=1 {address} order 5829461287003 total=12.00")
    scrubbed = traffic.text_body(body, "text/plain; charset=GBK")
    for planted in (quote("陳秀娟"), "3450843", address):
        assert planted not in scrubbed
    assert "order 5829461287003 total=12.00" in scrubbed
    kept = "see 100%25 of orders, 50% off"
    assert traffic.text_body(kept, "text/plain") == kept


def test_a_contract_diff_masks_the_values_it_quotes(tmp_path: Path) -> None:
    spec = """
openapi: 3.1.0
info: {title: CRM, version: v1}
paths:
  /c:
    get:
      parameters:
        - {name: tel, in: query, schema: {type: string, default: "%s"}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {s: {type: string, enum: [open, "%s"]}}}
"""
    (tmp_path / "a.yaml").write_text(spec % (PHONE, "li.na@example.org"), "utf-8")
    (tmp_path / "b.yaml").write_text(spec % ("13904317572", "wang.fang@example.net"), "utf-8")
    result = runner.invoke(app, ["contract", "diff", str(tmp_path / "a.yaml"),
                                 str(tmp_path / "b.yaml")])
    assert "default 138****7571 → 139****7572" in result.stdout
    for planted in (PHONE, "13904317572", "li.na@", "wang.fang@"):
        assert planted not in result.stdout
    assert 'enum value "open"' not in result.stdout  # unchanged values are not listed
