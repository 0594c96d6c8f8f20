"""Recordings written by other tools than vcrpy, dropped into the cassettes folder, for
``hostile_fresh7``.

Ruby VCR (``http_interactions``, ``recorded_with``, bodies as ``string`` or ``base64_string``),
Betamax (JSON, headers as plain strings), Polly.JS and browser HAR files (``log.entries``),
go-vcr (``version: 1`` like vcrpy, and still another shape: ``url``, a body string, ``code``),
nock's JSON list, WireMock stub mappings, Hoverfly simulations, the ``responses`` library's
recorder, and vcrpy 0.x cassettes that pickled ``vcr.request.Request`` with
``!!python/object`` tags (which must be refused, never built, so a tag that would run a command
leaves no mark). Each holds an answer that breaks the contract: a recording read as empty or
skipped is a silent pass; it must be read (the finding at its pointer) or refused naming the
file, what was expected and which tool seems to have written it.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import FAILS, json_args
from tests.support.projects import good_order, interaction, mini_project, write_cassette

URI = "https://shop.example.com/api/v1/orders/1.json"
_BAD = json.dumps({"order": good_order(status="lost")})
_MARK = "hg7-ran"


def _ruby_vcr(body: dict[str, Any]) -> str:
    return yaml.safe_dump({"http_interactions": [{
        "request": {"method": "get", "uri": URI, "body": {"encoding": "UTF-8", "string": ""},
                    "headers": {"Accept": ["application/json"]}},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Content-Type": ["application/json"], "X-Request-Id": ["r"]},
                     "body": body, "http_version": None},
        "recorded_at": "Tue, 02 Jul 2024 10:00:00 GMT"}], "recorded_with": "VCR 6.2.0"})


def _betamax() -> str:
    return json.dumps({"http_interactions": [{
        "request": {"body": {"encoding": "utf-8", "string": ""}, "method": "GET", "uri": URI,
                    "headers": {"Accept": "application/json"}},
        "response": {"body": {"encoding": "utf-8", "string": _BAD},
                     "headers": {"Content-Type": "application/json", "X-Request-Id": "r"},
                     "status": {"code": 200, "message": "OK"}, "url": URI},
        "recorded_at": "2024-07-02T10:00:00"}], "recorded_with": "betamax/0.8.1"})


def _har(creator: str) -> str:
    return json.dumps({"log": {"version": "1.2", "creator": {"name": creator, "version": "6"},
                               "entries": [{
        "startedDateTime": "2024-07-02T10:00:00.000Z", "time": 12,
        "request": {"method": "GET", "url": URI, "httpVersion": "HTTP/1.1", "headers": [],
                    "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                     "headers": [{"name": "Content-Type", "value": "application/json"}],
                     "cookies": [], "content": {"size": len(_BAD), "mimeType":
                                                "application/json", "text": _BAD},
                     "redirectURL": "", "headersSize": -1, "bodySize": len(_BAD)},
        "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2}}]}})


def _go_vcr() -> str:
    return yaml.safe_dump({"version": 1, "interactions": [{
        "request": {"body": "", "form": {}, "headers": {}, "url": URI, "method": "GET"},
        "response": {"body": _BAD, "headers": {"Content-Type": ["application/json"]},
                     "status": "200 OK", "code": 200, "duration": "12ms"}}]})


def _go_vcr_2() -> str:
    return yaml.safe_dump({"version": 2, "interactions": [{
        "id": 0, "request": {"proto": "HTTP/1.1", "body": "", "url": URI, "method": "GET",
                             "headers": {}},
        "response": {"proto": "HTTP/1.1", "body": _BAD, "headers": {
            "Content-Type": ["application/json"]}, "status": "200 OK", "code": 200}}]})


def _nock() -> str:
    return json.dumps([{"scope": "https://shop.example.com:443", "method": "GET",
                        "path": "/api/v1/orders/1.json", "body": "", "status": 200,
                        "response": json.loads(_BAD), "rawHeaders": [
                            "Content-Type", "application/json"]}])


def _wiremock() -> str:
    return json.dumps({"mappings": [{"request": {"method": "GET", "url": "/api/v1/orders/1.json"},
                                     "response": {"status": 200, "body": _BAD, "headers": {
                                         "Content-Type": "application/json"}}}]})


def _hoverfly() -> str:
    return json.dumps({"data": {"pairs": [{
        "request": {"path": [{"matcher": "exact", "value": "/api/v1/orders/1.json"}],
                    "method": [{"matcher": "exact", "value": "GET"}]},
        "response": {"status": 200, "body": _BAD, "headers": {
            "Content-Type": ["application/json"]}}}]},
        "meta": {"schemaVersion": "v5.2", "hoverflyVersion": "v1.5.0"}})


def _responses_recorder() -> str:
    return yaml.safe_dump({"responses": [{"response": {
        "method": "GET", "url": URI, "body": _BAD, "status": 200,
        "content_type": "application/json", "auto_calculate_content_length": False}}]})


def _vcrpy_pickled(mark: Path) -> str:
    return (
        "- request: !!python/object:vcr.request.Request\n"
        "    body: null\n    headers: {}\n    method: GET\n"
        f"    uri: {URI}\n"
        "  response:\n    status: {code: 200, message: OK}\n"
        "    headers: {Content-Type: [application/json]}\n"
        f"    body: {{string: '{_BAD}'}}\n"
        "- request: !!python/object/apply:os.system\n"
        f"  - touch {mark}\n")


def _vcrpy_name_tag(mark: Path) -> str:
    return yaml.safe_dump({"version": 1, "interactions": [interaction(
        {"order": good_order(status="lost")})]}).replace(
        "method: GET", f"method: !!python/object/apply:subprocess.call [[touch, {mark}]]")


def _vcrpy_module_tag(mark: Path) -> str:
    return yaml.safe_dump({"version": 1, "interactions": [interaction(
        {"order": good_order(status="lost")})]}).replace(
        "version: 1", "version: !!python/name:os.getpid")


# label -> (file name under fixtures/cassettes, text maker given the marker path)
FOREIGN: dict[str, tuple[str, Callable[[Path], str]]] = {
    "ruby-vcr-string": ("orders.yml", lambda m: _ruby_vcr(
        {"encoding": "UTF-8", "string": _BAD})),
    "ruby-vcr-yaml-name": ("orders.yaml", lambda m: _ruby_vcr(
        {"encoding": "UTF-8", "string": _BAD})),
    "ruby-vcr-base64": ("orders.yaml", lambda m: _ruby_vcr(
        {"encoding": "ASCII-8BIT", "base64_string": base64.b64encode(_BAD.encode()).decode()})),
    "betamax": ("orders.json", lambda m: _betamax()),
    "polly-har-as-json": ("recording.json", lambda m: _har("Polly.JS")),
    "polly-har": ("recording.har", lambda m: _har("Polly.JS")),
    "browser-har": ("shop.har", lambda m: _har("Firefox")),
    "go-vcr-v1": ("orders.yaml", lambda m: _go_vcr()),
    "go-vcr-v2": ("orders.yaml", lambda m: _go_vcr_2()),
    "nock": ("orders.json", lambda m: _nock()),
    "wiremock": ("orders.json", lambda m: _wiremock()),
    "hoverfly": ("orders.json", lambda m: _hoverfly()),
    "responses-recorder": ("orders.yaml", lambda m: _responses_recorder()),
    "vcrpy-0-pickled": ("orders.yaml", _vcrpy_pickled),
    "vcrpy-apply-tag-in-method": ("orders.yaml", _vcrpy_name_tag),
    "vcrpy-name-tag-version": ("orders.yaml", _vcrpy_module_tag),
    "vcrpy-yml-suffix": ("orders.yml", lambda m: yaml.safe_dump({"version": 1, "interactions": [
        interaction({"order": good_order(status="lost")})]})),
    "vcrpy-yaml-upper-suffix": ("orders.YAML", lambda m: yaml.safe_dump({
        "version": 1, "interactions": [interaction({"order": good_order(status="lost")})]})),
}


def _case(label: str, name: str, make: Callable[[Path], str]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p")
        folder = project / "fixtures" / "cassettes"
        folder.mkdir(parents=True)
        (folder / name).write_text(make(root / _MARK), encoding="utf-8")
        return json_args("verify", project)
    return Case(f"vcr7:{label}", setup, FAILS, (name,))


def _beside(label: str, name: str, make: Callable[[Path], str]) -> Case:
    """The foreign file beside a good vcrpy cassette: it must not go unmentioned."""
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p")
        folder = project / "fixtures" / "cassettes"
        write_cassette(folder / "good.yaml", [interaction({"order": good_order()})])
        if not (folder / name).exists():
            (folder / name).write_text(make(root / _MARK), encoding="utf-8")
        return json_args("verify", project)
    return Case(f"vcr7-beside:{label}", setup, FAILS, (name,))


def cassette_cases() -> list[Case]:
    return [*(_case(label, *row) for label, row in FOREIGN.items()),
            *(_beside(label, *row) for label, row in FOREIGN.items()
              if label in {"betamax", "polly-har", "ruby-vcr-string", "nock", "go-vcr-v1",
                           "vcrpy-0-pickled"})]


MARK = _MARK
