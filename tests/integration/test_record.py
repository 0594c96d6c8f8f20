"""``seamguard record``: requests from the command line, files and settings, and a proxied client,
recorded into scrubbed cassettes against a real local server, with vcrpy's record modes."""

from __future__ import annotations

import json
import queue
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.findings import Report
from seamguard.project import find_project
from seamguard.record.plan import RecordOptions
from seamguard.runner import run_checks
from tests.support.projects import mini_project
from tests.support.servers import serve

runner = CliRunner()
TOKEN = "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"
EMAIL = "zhang.wei.1987@gmail.com"
PHONE = "+86 138 0013 8000"

SETTINGS = """
[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"
auth = { header = "X-Shop-Token", env = "SHOP_TOKEN" }
"""

CONTRACT = """
openapi: 3.1.0
info: {title: Shop, version: v1}
paths:
  /orders.json:
    get:
      parameters: [{name: status, in: query, schema: {type: string}}]
      responses:
        "200":
          description: Orders.
          content:
            application/json:
              schema:
                type: object
                required: [orders]
                properties: {orders: {type: array, items: {$ref: "#/components/schemas/Order"}}}
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema:
                type: object
                properties: {order: {$ref: "#/components/schemas/Order"}}
        "500": {description: Failed.}
  /orders/{id}.json:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: One order.
          content:
            application/json:
              schema:
                type: object
                properties: {order: {$ref: "#/components/schemas/Order"}}
  /customers/search.json:
    get:
      parameters: [{name: email, in: query, schema: {type: string}}]
      responses:
        "200":
          description: Customers.
          content:
            application/json:
              schema:
                type: object
                properties:
                  customers:
                    type: array
                    items:
                      type: object
                      properties:
                        id: {type: integer}
                        email: {type: string, format: email}
                        phone: {type: string}
                        first_name: {type: string}
components:
  schemas:
    Order:
      type: object
      required: [id, status, total]
      properties:
        id: {type: integer}
        status: {type: string, enum: [open, paid]}
        total: {type: string}
"""


class Shop:
    """A small shop API that counts what reaches it."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []
        self.fail_posts = False

    def app(self) -> Starlette:
        def note(request: Request) -> None:
            self.seen.append((request.method, request.url.path, request.url.query))

        async def orders(request: Request) -> Response:
            note(request)
            if request.headers.get("x-shop-token") != TOKEN:
                return JSONResponse({"errors": "Invalid API key"}, status_code=401)
            if request.method == "POST":
                if self.fail_posts:
                    return JSONResponse({"errors": "boom"}, status_code=500)
                body = await request.json()
                return JSONResponse({"order": {"id": 3, "status": "open",
                                               "total": body.get("total", "0.00")}},
                                    status_code=201)
            status = request.query_params.get("status", "any")
            return JSONResponse({"orders": [{"id": 1, "status": "paid", "total": "10.00",
                                             "filter": status}]})

        async def order(request: Request) -> Response:
            note(request)
            return JSONResponse({"order": {"id": int(request.path_params["id"]),
                                           "status": "paid", "total": "10.00"}})

        async def search(request: Request) -> Response:
            note(request)
            page = f"{request.base_url}api/v1/customers/search.json?page=2"
            return JSONResponse({"customers": [{
                "id": 7, "email": request.query_params.get("email"), "phone": PHONE,
                "first_name": "Wei"}], "next": page}, headers={"Link": f'<{page}>; rel="next"'})

        return Starlette(routes=[
            Route("/api/v1/orders.json", orders, methods=["GET", "POST"]),
            Route("/api/v1/orders/{id}.json", order),
            Route("/api/v1/customers/search.json", search),
        ])


@pytest.fixture
def shop() -> Iterator[tuple[Shop, str]]:
    server = Shop()
    with serve(server.app()) as origin:
        yield server, origin


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    monkeypatch.setenv("SEAMGUARD_PSEUDONYM_KEY", "test-key-for-record")
    return mini_project(tmp_path / "p", contract=CONTRACT, settings=SETTINGS)


def record(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["record", "shop", *args, "--project", str(root)])
    return result.exit_code, result.output


def report(root: Path) -> dict[str, Any]:
    return json.loads((root / "reports" / "report.json").read_text(encoding="utf-8"))


def codes(root: Path) -> list[str]:
    return [f["code"] for f in report(root)["findings"]]


def cassette(root: Path, name: str = "v1.yaml") -> list[dict[str, Any]]:
    data = yaml.safe_load((root / "fixtures" / "cassettes" / "shop" / name).read_text("utf-8"))
    return list(data["interactions"])


def test_a_command_line_request_is_recorded_under_base_url_scrubbed_and_verifies(
        project: Path, shop: tuple[Shop, str]) -> None:
    server, origin = shop
    code, output = record(project, "GET", "/customers/search.json", "-p", f"email={EMAIL}",
                          "--base-url", f"{origin}/api/{{version}}")
    assert code == 0, output
    [one] = cassette(project)
    assert one["request"]["uri"].startswith("https://shop.example.com/api/v1/customers/")
    text = (project / "fixtures" / "cassettes" / "shop" / "v1.yaml").read_text("utf-8")
    # The e-mail address (in the URL and the body), the phone and the token are gone.
    for secret in (EMAIL, "zhang.wei.1987", "138 0013 8000", TOKEN):
        assert secret not in text
    assert server.seen == [("GET", "/api/v1/customers/search.json",
                            f"email={EMAIL.replace('@', '%40')}")]
    assert codes(project) == ["record.summary"]
    # Links to the sandbox in the answer are recorded under base_url too.
    assert "127.0.0.1" not in text
    assert one["response"]["headers"]["link"] == [
        '<https://shop.example.com/api/v1/customers/search.json?page=2>; rel="next"']
    body = one["response"]["body"]["string"]
    assert json.loads(body)["next"] == "https://shop.example.com/api/v1/customers/search.json?page=2"
    assert one["response"]["headers"]["content-length"] == [str(len(body.encode()))]
    verified = runner.invoke(app, ["verify", "--project", str(project)])
    assert verified.exit_code == 0, verified.output
    assert "host" not in cassette(project)[0]["request"]["headers"] or cassette(project)[0][
        "request"]["headers"]["host"] == ["shop.example.com"]


def test_mode_new_keeps_what_is_recorded_and_appends_new_requests(
        project: Path, shop: tuple[Shop, str]) -> None:
    server, origin = shop
    base = ["--base-url", f"{origin}/api/v1"]
    assert record(project, "GET", "/orders.json", "-p", "status=any", *base)[0] == 0
    before = cassette(project)
    # The same request again: answered by the cassette, nothing sent, nothing rewritten.
    code, output = record(project, "GET", "/orders.json", "-p", "status=any", *base)
    assert code == 0, output
    assert len(server.seen) == 1
    assert "nothing recorded: 1 of 1 request(s) already in" in report(project)["findings"][0][
        "message"]
    # Another query is another episode: sent and appended.
    assert record(project, "GET", "/orders.json", "-p", "status=open", *base)[0] == 0
    after = cassette(project)
    assert after[0] == before[0]
    assert len(after) == 2
    assert len(server.seen) == 2


def test_mode_all_sends_again_and_replaces_the_episode(project: Path,
                                                       shop: tuple[Shop, str]) -> None:
    server, origin = shop
    base = ["--base-url", f"{origin}/api/v1"]
    assert record(project, "GET", "/orders/1.json", *base)[0] == 0
    assert record(project, "GET", "/orders/2.json", *base)[0] == 0
    assert record(project, "GET", "/orders/1.json", *base, "--mode", "all")[0] == 0
    uris = [i["request"]["uri"] for i in cassette(project)]
    assert uris == ["https://shop.example.com/api/v1/orders/1.json",
                    "https://shop.example.com/api/v1/orders/2.json"]
    assert len(server.seen) == 3


def test_mode_none_sends_nothing_and_fails_on_a_request_not_recorded(
        project: Path, shop: tuple[Shop, str]) -> None:
    server, origin = shop
    base = ["--base-url", f"{origin}/api/v1"]
    assert record(project, "GET", "/orders/1.json", *base)[0] == 0
    assert record(project, "GET", "/orders/1.json", *base, "--mode", "none")[0] == 0
    code, output = record(project, "GET", "/orders/9.json", *base, "--mode", "none")
    assert code == 1, output
    assert "record.missing" in codes(project)
    assert len(server.seen) == 1


def test_mode_once_records_a_new_cassette_then_only_replays(project: Path,
                                                            shop: tuple[Shop, str]) -> None:
    server, origin = shop
    base = ["--base-url", f"{origin}/api/v1", "--mode", "once", "--cassette", "orders"]
    assert record(project, "GET", "/orders/1.json", *base)[0] == 0
    assert len(cassette(project, "orders.yaml")) == 1
    assert record(project, "GET", "/orders/2.json", *base)[0] == 1
    assert codes(project) == ["record.missing", "record.summary"]
    assert len(server.seen) == 1


def test_a_post_with_a_json_body_goes_to_a_sandbox_once(project: Path,
                                                        shop: tuple[Shop, str]) -> None:
    server, origin = shop
    base = ["--base-url", f"{origin}/api/v1"]
    code, output = record(project, "POST", "/orders.json", "--json", '{"total": "42.00"}', *base)
    assert code == 0, output
    [one] = cassette(project)
    assert json.loads(one["request"]["body"]) == {"total": "42.00"}
    assert one["response"]["status"]["code"] == 201
    # A failing POST is not retried: it may have created the order before failing.
    server.fail_posts = True
    code, output = record(project, "POST", "/orders.json", "--json", '{"total": "7.00"}', *base)
    assert code == 0, output  # recorded as it came, with a warning
    assert codes(project) == ["record.unexpected-answer", "record.summary"]
    assert [s[0] for s in server.seen] == ["POST", "POST"]


def test_a_request_that_may_change_data_is_refused_off_the_sandbox(project: Path) -> None:
    # base_url is not a sandbox: refused before anything is sent (no network here).
    code, output = record(project, "POST", "/orders.json", "--json", "{}")
    assert code == 2
    assert "may change data, and shop.example.com is not a sandbox" in output
    assert "--allow-unsafe" in output
    assert not (project / "fixtures" / "cassettes" / "shop" / "v1.yaml").exists()


def test_a_request_file_is_read_with_bodies_and_repeated_parameters(
        project: Path, shop: tuple[Shop, str], tmp_path: Path) -> None:
    server, origin = shop
    requests = tmp_path / "requests.yaml"
    requests.write_text(
        "- {path: /orders.json, params: {status: [paid, open]}}\n"
        "- method: post\n"
        "  path: /orders.json\n"
        "  json: {total: '5.00', note: 'call 13800138000'}\n"
        "  name: create an order\n", encoding="utf-8")
    code, output = record(project, "--from", str(requests), "--base-url", f"{origin}/api/v1")
    assert code == 0, output
    first, second = cassette(project)
    assert first["request"]["uri"].endswith("/orders.json?status=paid&status=open")
    assert "13800138000" not in json.dumps(second)
    assert server.seen[0][2] == "status=paid&status=open"


def test_live_entries_of_the_settings_are_recorded(tmp_path: Path, shop: tuple[Shop, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _, origin = shop
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    root = mini_project(tmp_path / "p", contract=CONTRACT, settings=SETTINGS + """
[[tool.seamguard.platforms.shop.live]]
path = "/orders.json"
params = { status = "any" }
""")
    code, output = record(root, "--live", "--base-url", f"{origin}/api/v1")
    assert code == 0, output
    assert len(cassette(root)) == 1


@pytest.mark.parametrize(("args", "expected"), [
    (("GET", "/orderz.json"), "did you mean GET /orders.json "),
    (("DELETE", "/orders/1.json"), "documents /orders/1.json for GET, not DELETE"),
    (("FETCH", "/orders.json"), "'FETCH' is not an HTTP method"),
    (("GET", "/orders.json", "-p", "status"), "-p 'status': expected NAME=VALUE"),
    (("POST", "/orders.json", "--json", "{total: 1}"), "--json is not JSON"),
    (("GET", "/orders.json", "--cassette", "../escape"), "must be a name inside"),
    (("GET", "/orders.json", "--mode", "none", "--version", "v2"),
     "shop has no version 'v2'"),
    ((), "nothing to record"),
])
def test_bad_command_lines_are_usage_errors(project: Path, args: tuple[str, ...],
                                            expected: str) -> None:
    code, output = record(project, *args)
    assert code == 2, output
    assert expected in " ".join(output.split())
    assert "Traceback" not in output


def test_an_unknown_platform_says_the_nearest(project: Path) -> None:
    result = runner.invoke(app, ["record", "shopp", "GET", "/x", "--project", str(project)])
    assert result.exit_code == 2
    assert "did you mean 'shop'?" in result.output


@pytest.mark.parametrize(("text", "expected"), [
    ("- {path: /orders.json, parms: {status: any}}\n", ":1", ),
    ("- {path: /orders.json}\n- {path: /orders.json, method: GET, jsn: {}}\n", ":2"),
    ("- {path: /orders.json}\n- {path: /orders.json\n", ":3"),
    ("- {path: /orders.json, json: {}, form: {a: b}}\n", "give one body"),
    ("{}\n", "non-empty list of requests"),
    ("- {operation: shop.orders.get}\n", "routed by path"),
    # paging is drift run's: a recording would silently hold the first page only
    ("- {path: /orders.json}\n- path: /orders.json\n  paging: {api: cursor-link}\n",
     "read by drift run only"),
])
def test_bad_request_files_name_file_and_line(project: Path, tmp_path: Path, text: str,
                                              expected: str) -> None:
    requests = tmp_path / "requests.yaml"
    requests.write_text(text, encoding="utf-8")
    code, output = record(project, "--from", str(requests))
    assert code == 2, output
    flat = " ".join(output.split())
    assert expected in flat
    assert "requests.yaml" in flat
    assert "Traceback" not in output


def test_a_typo_in_a_request_file_key_says_did_you_mean(project: Path, tmp_path: Path) -> None:
    requests = tmp_path / "requests.yaml"
    requests.write_text("- path: /orders.json\n  parms: {status: any}\n", encoding="utf-8")
    code, output = record(project, "--from", str(requests))
    assert code == 2
    assert "requests.yaml:2" in output
    assert "did you mean 'params'?" in output


def test_an_unreachable_host_is_a_finding_not_a_traceback(project: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, output = record(project, "GET", "/orders.json", "--base-url",
                          f"http://127.0.0.1:{port}/api/v1")
    assert code == 1, output
    [failed] = [f for f in report(project)["findings"] if f["code"] == "record.request-failed"]
    assert "connection refused" in failed["message"]
    assert not (project / "fixtures" / "cassettes" / "shop" / "v1.yaml").exists()


def test_a_base_url_without_the_api_path_says_where_it_went_and_what_was_meant(
        project: Path, shop: tuple[Shop, str]) -> None:
    # base_url is https://shop.example.com/api/{version}; the user passes only the local host.
    _, origin = shop
    code, output = record(project, "GET", "/orders.json", "--base-url", origin)
    assert code == 0, output
    [answer] = [f for f in report(project)["findings"]
                if f["code"] == "record.unexpected-answer"]
    assert answer["actual"] == 404
    assert f"from {origin}/orders.json" in answer["message"]
    assert f"did you mean --base-url {origin}/api/v1?" in answer["hint"]
    code, output = record(project, "GET", "/orders.json", "--mode", "all", "--base-url",
                          f"{origin}/api/{{version}}")
    assert code == 0, output
    assert "record.unexpected-answer" not in codes(project)
    assert [i["response"]["status"]["code"] for i in cassette(project)] == [200]


def test_an_error_answer_says_what_its_body_says(project: Path, shop: tuple[Shop, str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _, origin = shop
    monkeypatch.setenv("SHOP_TOKEN", "shpat_wrong")
    code, output = record(project, "GET", "/orders.json", "--base-url",
                          f"{origin}/api/{{version}}")
    assert code == 0, output
    [answer] = [f for f in report(project)["findings"]
                if f["code"] == "record.unexpected-answer"]
    assert answer["message"].startswith("GET /orders.json answered 401")
    assert 'the answer says: {"errors":"Invalid API key"}' in answer["message"]
    assert "shpat_wrong" not in json.dumps(report(project))


def test_a_session_cookie_authenticates_and_stays_out_of_the_cassette(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Admin APIs (Django, piccolo-admin) log in with a session cookie and want a CSRF header.
    session, csrf = "RuQ1uZXWRTNoMkrXJi4hWIoCIsONZn", "9f2c71d0-5b7e-4c1a-a3d6-0e8b4f6c2a19"

    async def rows(request: Request) -> Response:
        if request.cookies.get("id") != session:
            return JSONResponse({"error": "Auth failed"}, status_code=401)
        if request.method == "POST" and request.headers.get("x-csrftoken") != request.cookies.get(
                "csrftoken"):
            return Response("No CSRF cookie found", status_code=403)
        return JSONResponse({"rows": [{"id": 1}]}, status_code=201 if request.method == "POST"
                            else 200)

    contract = CONTRACT.replace("/orders.json:", "/rows/:", 1)
    settings = SETTINGS.replace('auth = { header = "X-Shop-Token", env = "SHOP_TOKEN" }',
                                'auth = { header = "Cookie", env = "SHOP_COOKIE" }')
    root = mini_project(tmp_path / "p", contract=contract, settings=settings)
    monkeypatch.setenv("SHOP_COOKIE", f"id={session}; csrftoken={csrf}")
    monkeypatch.setenv("SEAMGUARD_PSEUDONYM_KEY", "test-key-for-record")
    (root / "requests.yaml").write_text(
        f"- {{path: /rows/}}\n- {{method: POST, path: /rows/, json: {{}}, "
        f"headers: {{X-CSRFToken: {csrf}}}}}\n", encoding="utf-8")
    with serve(Starlette(routes=[Route("/api/v1/rows/", rows, methods=["GET", "POST"])])
               ) as origin:
        code, output = record(root, "--from", str(root / "requests.yaml"), "--base-url",
                              f"{origin}/api/{{version}}")
    assert code == 0, output
    assert "record.unexpected-answer" not in codes(root), output
    text = (root / "fixtures" / "cassettes" / "shop" / "v1.yaml").read_text(encoding="utf-8")
    assert [i["response"]["status"]["code"] for i in yaml.safe_load(text)["interactions"]] == [
        200, 201]
    for secret in (session, csrf):
        assert secret not in text


# --- the recording proxy ----------------------------------------------------------------------


def _proxy(root: Path, **options: Any) -> tuple[str, threading.Thread, list[Report]]:
    said: queue.Queue[str] = queue.Queue()
    done: list[Report] = []
    opts = RecordOptions(platform="shop", proxy="127.0.0.1:0", announce=said.put, **options)

    def run() -> None:
        done.append(run_checks(find_project(root, explicit=True), ["record"],
                               command="record", options={"record": opts}))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    match = re.search(r"point the client at (\S+)", said.get(timeout=30))
    assert match is not None
    return match.group(1), thread, done


def test_the_proxy_forwards_a_client_records_it_and_replays_it(
        project: Path, shop: tuple[Shop, str]) -> None:
    server, origin = shop
    url, thread, done = _proxy(project, base_url=f"{origin}/api/v1", stop_after=3)
    assert url.endswith("/api/v1")
    headers = {"X-Shop-Token": TOKEN}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        listed = client.get("/orders.json", params={"status": "paid"})
        found = client.get("/customers/search.json", params={"email": EMAIL})
        created = client.post("/orders.json", json={"total": "9.00"})
    thread.join(timeout=60)
    [result] = done
    # The client got the real answers.
    assert listed.json()["orders"][0]["filter"] == "paid"
    assert found.json()["customers"][0]["email"] == EMAIL
    assert created.status_code == 201
    assert [f.code for f in result.findings] == ["record.summary"]
    recorded = cassette(project)
    assert [i["request"]["method"] for i in recorded] == ["GET", "GET", "POST"]
    text = json.dumps(recorded)
    assert TOKEN not in text
    assert EMAIL not in text
    assert len(server.seen) == 3

    # mode none: the proxy answers from the cassette and refuses what it lacks.
    url, thread, done = _proxy(project, base_url=f"{origin}/api/v1", stop_after=2,
                               mode="none")
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        again = client.get("/orders.json", params={"status": "paid"})
        missing = client.get("/orders/5.json")
    thread.join(timeout=60)
    assert again.json()["orders"][0]["filter"] == "paid"
    assert missing.status_code == 502
    assert [f.code for f in done[0].findings] == ["record.missing", "record.summary"]
    assert len(server.seen) == 3


def test_the_proxy_refuses_a_post_to_a_host_that_is_no_sandbox(project: Path) -> None:
    url, thread, done = _proxy(project, stop_after=1)
    with httpx.Client(base_url=url, timeout=30) as client:
        answer = client.post("/orders.json", json={})
    thread.join(timeout=60)
    assert answer.status_code == 403
    assert "--allow-unsafe" in answer.json()["hint"]
    assert [f.code for f in done[0].findings] == ["record.refused", "record.summary"]


# --- gateway operations by name ---------------------------------------------------------------

WINDOW = ("-p", "start_created=2024-07-01 00:00:00", "-p", "end_created=2024-07-31 23:59:59")


def test_a_gateway_operation_is_built_signed_recorded_and_verifies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.gateway_server import create_gateway_app
    from tests.support.projects import copy_example
    from tests.support.record_gateways import CREDENTIALS, SECRET_ENV, TEST_SECRETS

    root = copy_example(tmp_path / "example")
    for name, value in SECRET_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TAOBAO_APP_KEY", CREDENTIALS["taobao"]["app_key"])
    monkeypatch.setenv("TAOBAO_SESSION_KEY", CREDENTIALS["taobao"]["session"])
    with serve(create_gateway_app(TEST_SECRETS)) as origin:
        result = runner.invoke(app, [
            "record", "taobao", "taobao.trades.sold.get", "-p", "fields=tid,status,payment",
            "-p", "page_no=1", "-p", "use_has_next=true", *WINDOW, "--base-url", f"{origin}/taobao",
            "--cassette", "recorded", "--project", str(root)])
        assert result.exit_code == 0, result.output
        path = root / "fixtures" / "cassettes" / "taobao" / "recorded.yaml"
        [one] = yaml.safe_load(path.read_text("utf-8"))["interactions"]
        assert one["request"]["uri"].startswith("https://eco.taobao.com/router/rest")
        assert "trades_sold_get_response" in one["response"]["body"]["string"]
        assert CREDENTIALS["taobao"]["session"] not in path.read_text("utf-8")
        # The same operation with the same business parameters is the same episode, whatever
        # its time stamp and signature.
        again = runner.invoke(app, [
            "record", "taobao", "taobao.trades.sold.get", "-p", "page_no=1", "-p",
            "use_has_next=true", "-p", "fields=tid,status,payment", *WINDOW, "--base-url",
            f"{origin}/taobao", "--cassette", "recorded", "--mode", "none",
            "--project", str(root)])
        assert again.exit_code == 0, again.output
    # Signed again over the scrubbed parameters: the signature still verifies.
    verified = runner.invoke(app, ["verify", "--project", str(root), "--format", "json",
                                   "--only", "platform=taobao"])
    findings = json.loads(verified.stdout)["findings"]
    assert [f for f in findings if "recorded.yaml" in f["location"].get("file", "")] == []


def test_a_gateway_answer_in_xml_is_recorded_scrubbed_and_verifies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """format=xml: the XML answer is stored as it came (scrubbed), and verify reads it: the
    page against the operation's text/xml schema, the refusal as an in-band error."""
    from tests.support.gateway_server import create_gateway_app
    from tests.support.projects import copy_example
    from tests.support.record_gateways import CREDENTIALS, SECRET_ENV, TEST_SECRETS

    root = copy_example(tmp_path / "example")
    for name, value in SECRET_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TAOBAO_APP_KEY", CREDENTIALS["taobao"]["app_key"])
    monkeypatch.setenv("TAOBAO_SESSION_KEY", CREDENTIALS["taobao"]["session"])
    with serve(create_gateway_app(TEST_SECRETS)) as origin:
        for cassette, window in (("xml-page", WINDOW), ("xml-refused", (
                "-p", "start_modified=2024-07-10 09:30:00",
                "-p", "end_modified=2024-07-12 09:30:00"))):
            operation = ("taobao.trades.sold.get" if cassette == "xml-page"
                         else "taobao.trades.sold.increment.get")
            result = runner.invoke(app, [
                "record", "taobao", operation, "-p", "fields=tid,status,payment,receiver_name",
                "-p", "format=xml", *window, "--base-url", f"{origin}/taobao",
                "--cassette", cassette, "--project", str(root)])
            assert result.exit_code == 0, result.output
    folder = root / "fixtures" / "cassettes" / "taobao"
    [page] = yaml.safe_load((folder / "xml-page.yaml").read_text("utf-8"))["interactions"]
    assert page["response"]["body"]["string"].startswith("<?xml")
    assert "<trades list=\"true\">" in page["response"]["body"]["string"]
    # personal data inside the XML is masked before it is stored
    from tests.support.gateway_examples import RECEIVERS, TAOBAO_TRADES
    assert "<receiver_name>" in page["response"]["body"]["string"]
    stored = (folder / "xml-page.yaml").read_text("utf-8")
    assert not [t for t in TAOBAO_TRADES if RECEIVERS[t.receiver].name in stored]
    verified = runner.invoke(app, ["verify", "--project", str(root), "--format", "json",
                                   "--only", "platform=taobao"])
    findings = [f for f in json.loads(verified.stdout)["findings"]
                if "xml-" in f["location"].get("file", "")]
    assert [(f["code"], f["severity"], f["location"]["pointer"]) for f in findings] == [
        ("response.in-band-error", "info", "/error_response")]


def test_an_unknown_gateway_operation_says_the_nearest(tmp_path: Path) -> None:
    from tests.support.projects import copy_example

    root = copy_example(tmp_path / "example")
    result = runner.invoke(app, ["record", "taobao", "taobao.trade.sold.get",
                                 "--project", str(root)])
    assert result.exit_code == 2
    assert "did you mean 'taobao.trades.sold.get'?" in result.output
    result = runner.invoke(app, ["record", "taobao", "GET", "/router/rest",
                                 "--project", str(root)])
    assert result.exit_code == 2
    assert "gateway platform: name an operation" in result.output
