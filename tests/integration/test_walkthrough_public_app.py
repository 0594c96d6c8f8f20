"""The README's new-user path against a public application nobody here wrote: piccolo-admin's
demo (PyPI), a FastAPI API behind a session login whose OpenAPI 3.1 document pydantic wrote.

Empty folder → the downloaded document adopted by ``init`` → cassettes recorded with the
session cookie and a CSRF header → the real differences between that document and the service
accepted in a baseline → green ``check`` and ``pytest`` → a planted defect makes both red with
the same finding. docs/walkthrough.md is the same path as a transcript.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.integration.test_walkthrough import run_pytest, seamguard
from tests.support.public_app import Demo, piccolo_admin_demo

REQUESTS = """\
# the calls the integration makes
- {path: /tables/movie/, params: {__page_size: 5, __order: -rating}}
- {path: /tables/movie/1/}
- {path: /tables/movie/count/}
- {path: /tables/director/}
- {path: /tables/ticket/, params: {__page_size: 2}}
- {path: /tables/studio/}
- {path: /user/}
- method: POST
  path: /tables/studio/
  name: add a studio
  json: {name: Ealing Studios, facilities: '{"sound_stage": true}', description: A studio.}
  headers: {X-CSRFToken: CSRF_VALUE}
"""

# What the demo's document says differently from what the service sends (piccolo-api 1.x):
# naive times under `format: time`, and POST answering a list where it documents one object.
KNOWN_UPSTREAM = {"field.wrong-format", "field.wrong-type"}


@pytest.fixture
def demo(tmp_path: Path) -> Any:
    with piccolo_admin_demo(tmp_path) as running:
        yield running


def _errors(output: str) -> list[dict[str, Any]]:
    return [f for f in json.loads(output)["findings"] if f["severity"] == "error"]


def test_the_readme_path_on_piccolo_admin(tmp_path: Path, demo: Demo,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "my-integration"
    contract = folder / "contracts" / "movies" / "v1" / "openapi.json"
    contract.parent.mkdir(parents=True)
    contract.write_bytes(demo.openapi())
    code, output = seamguard(folder, "init", ".")
    assert code == 0, output
    # It says where a request goes, so `--base-url` is not needed to guess the API's path.
    assert re.search(r"`seamguard record movies GET (/\S*)` sends GET "
                     r"http://127\.0\.0\.1:8000/api\1 ", " ".join(output.split())), output
    settings = (folder / "pyproject.toml").read_text(encoding="utf-8")
    # The document's server is relative (`/api`): init keeps its path under a local host.
    assert re.search(r'base_url = "http://[^"]+/api"', settings), settings
    assert seamguard(folder, "contract", "lint")[0] == 0

    # A session login: the cookie comes from the environment, the CSRF header from the file.
    with (folder / "pyproject.toml").open("a", encoding="utf-8") as out:
        out.write('auth = { header = "Cookie", env = "MOVIES_COOKIE" }\n')
    monkeypatch.setenv("MOVIES_COOKIE", demo.cookie)
    api = f"{demo.origin}/api"
    code, output = seamguard(folder, "record", "movies", "GET", "/tables/movie/", "-p",
                             "__page_size=3", "--base-url", api)
    assert code == 0, output
    (folder / "requests").mkdir()
    (folder / "requests" / "movies.yaml").write_text(REQUESTS.replace("CSRF_VALUE", demo.csrf),
                                                      encoding="utf-8")
    code, output = seamguard(folder, "record", "movies", "--from", "requests/movies.yaml",
                             "--base-url", api, "--format", "json")
    assert code == 0, output
    assert "record.unexpected-answer" not in output, output
    cassette = folder / "fixtures" / "cassettes" / "movies" / "v1.yaml"
    text = cassette.read_text(encoding="utf-8")
    recorded = yaml.safe_load(text)["interactions"]
    assert len(recorded) == 9
    assert {i["response"]["status"]["code"] for i in recorded} == {200, 201}
    assert all(i["request"]["uri"].startswith("http://127.0.0.1:8000/api/") for i in recorded)
    for secret in (demo.session, demo.csrf):
        assert secret not in text

    # The first check shows where the vendor's document and its service differ; accept those.
    code, output = seamguard(folder, "check", "--format", "json")
    first = _errors(output)
    assert code == (1 if first else 0), output
    assert {f["code"] for f in first} <= KNOWN_UPSTREAM, first
    for finding in first:
        assert finding["location"]["file"] == "fixtures/cassettes/movies/v1.yaml"
        assert finding["hint"]
    code, output = seamguard(folder, "baseline", "save", "--reason",
                             "piccolo-api's document differs from its service; reported upstream")
    assert code == 0, output
    settings = (folder / "pyproject.toml").read_text(encoding="utf-8")
    (folder / "pyproject.toml").write_text(settings.replace(
        'fail_on = "error"\n', 'fail_on = "error"\nbaseline = "seamguard-baseline.yaml"\n', 1),
        encoding="utf-8")

    # Green, in both faces.
    code, output = seamguard(folder, "check")
    assert code == 0, output
    green = run_pytest(folder)
    assert green.returncode == 0, green.stdout + green.stderr
    passed = re.search(r"(\d+) passed", green.stdout)
    assert passed is not None, green.stdout
    assert int(passed.group(1)) >= 1 + len(recorded)  # the contract and every interaction

    # Plant a defect: the service now sends the rating of one movie as a string.
    data = yaml.safe_load(text)
    index = next(n for n, i in enumerate(data["interactions"])
                 if i["request"]["uri"].endswith("/api/tables/movie/1/"))
    body = json.loads(data["interactions"][index]["response"]["body"]["string"])
    body["rating"] = str(body["rating"])
    data["interactions"][index]["response"]["body"]["string"] = json.dumps(body)
    cassette.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    code, output = seamguard(folder, "check", "--format", "json")
    assert code == 1, output
    [finding] = _errors(output)
    assert finding["code"] == "field.wrong-type"
    assert finding["message"] == f'expected number or null, got "{body["rating"]}" (string)'
    assert finding["location"]["pointer"] == "/rating"
    assert finding["location"]["operation"] == "GET /tables/movie/{row_id}/"
    red = run_pytest(folder)
    assert red.returncode == 1, red.stdout + red.stderr
    assert "1 failed" in red.stdout
    assert "field.wrong-type: expected number or null" in red.stdout
    assert f"interaction #{index} /rating" in red.stdout
