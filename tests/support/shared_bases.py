"""Projects whose platforms share REST base URLs, for recorded verification: is each recorded
call checked against the one platform whose contract declares it, and said to be ambiguous
when several (or none) of the platforms at its base URL declare it — never passed unchecked?

Each seed lays out two to four platforms; some share one base URL (written as RFC 3986 reads
the same URL: another case of host, the default port, a trailing slash), each declares a
random set of operations over a few resources, and one cassette records calls to all of them
(and to paths nobody declares) with a good or a bad body. Counted per call:

* ``silent``: a bad body, or a call no single platform declares, with no finding;
* ``misrouted``: a call exactly one platform declares, reported at another platform or as
  undocumented, or a good one reported at all.

``python -m tests.support.shared_bases`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

SEEDS = (1, 2, 3, 4, 5)
CHECK_SEEDS = (11, 12, 13)

_NAMES = ("shop", "crm", "erp", "wms", "oms", "pos")
_RESOURCES = ("orders", "customers", "products", "shipments", "invoices", "refunds")
_HOSTS = ("api.example.com", "gateway.example.cn", "127.0.0.1:8000")
_SCHEMA = {"type": "object", "required": ["data"], "properties": {"data": {
    "type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}}}


def _spelling(rng: random.Random, host: str, path: str) -> str:
    """The base URL ``https://host/path`` as a user may write it: the same URL to RFC 3986."""
    scheme = "http" if host.startswith("127.") else "https"
    if rng.random() < 0.3 and not host[0].isdigit():
        host = host.upper()
    if rng.random() < 0.3 and ":" not in host:
        host += ":80" if scheme == "http" else ":443"
    if rng.random() < 0.3:
        path += "/"
    return f"{scheme}://{host}{path}"


def _operations(rng: random.Random) -> set[tuple[str, str]]:
    found = set()
    for resource in rng.sample(_RESOURCES, rng.randint(1, 4)):
        for method, path in (("get", f"/{resource}/{{id}}.json"), ("get", f"/{resource}.json"),
                             ("post", f"/{resource}.json")):
            if rng.random() < 0.6:
                found.add((method, path))
    return found


def _contract(operations: set[tuple[str, str]]) -> str:
    paths: dict[str, Any] = {}
    for method, path in sorted(operations):
        operation: dict[str, Any] = {"responses": {"200": {
            "description": "ok", "content": {"application/json": {"schema": _SCHEMA}}}}}
        if "{id}" in path:
            operation["parameters"] = [{"name": "id", "in": "path", "required": True,
                                        "schema": {"type": "integer"}}]
        paths.setdefault(path, {})[method] = operation
    return yaml.safe_dump({"openapi": "3.1.0", "info": {"title": "x", "version": "v1"},
                           "paths": paths}, sort_keys=False)


class _Call:
    def __init__(self, method: str, url: str, good: bool, declarers: list[str]) -> None:
        self.method, self.url, self.good, self.declarers = method, url, good, declarers


def build(root: Path, seed: int) -> list[_Call]:
    """Lay out the seed's project under ``root``; the calls its cassette records."""
    rng = random.Random(seed)
    names = rng.sample(_NAMES, rng.randint(2, 4))
    groups = rng.randint(1, len(names) - 1)  # at least two platforms share a base URL
    base_of: dict[str, tuple[str, str]] = {}  # platform -> (host, path)
    shared = [(rng.choice(_HOSTS), rng.choice(("", "/api", "/api/v1", "/open")))
              for _ in range(groups)]
    for number, name in enumerate(names):
        base_of[name] = shared[number % groups] if number < groups or rng.random() < 0.8 \
            else (rng.choice(_HOSTS), f"/{name}")
    if len(set(base_of.values())) == len(names):  # make sure two share one
        base_of[names[1]] = base_of[names[0]]
    settings = ["[tool.seamguard]", ""]
    declared: dict[str, set[tuple[str, str]]] = {}
    for name in names:
        host, path = base_of[name]
        settings += [f"[tool.seamguard.platforms.{name}]", 'versions = ["v1"]',
                     f'base_url = "{_spelling(rng, host, path)}"', ""]
        declared[name] = _operations(rng)
        twin = next((other for other in declared if other != name
                     and base_of[other] == base_of[name]), None)
        if twin is not None and rng.random() < 0.6:  # two versions of one API, say
            declared[name] |= set(rng.sample(sorted(declared[twin]),
                                             rng.randint(1, len(declared[twin]))))
        folder = root / "contracts" / name / "v1"
        folder.mkdir(parents=True)
        (folder / "openapi.yaml").write_text(_contract(declared[name]), encoding="utf-8")
    (root / "pyproject.toml").write_text("\n".join(settings), encoding="utf-8")
    calls: list[_Call] = []
    everything = {op for ops in declared.values() for op in ops}
    stray = {("get", f"/{r}/{{id}}.json") for r in _RESOURCES} - everything
    for name in names:
        host, path = base_of[name]
        twins = [other for other in names if base_of[other] == base_of[name]]
        for method, template in sorted(declared[name] | set(rng.sample(sorted(stray),
                                                                      min(1, len(stray))))):
            concrete = template.replace("{id}", str(rng.randint(1, 999)))
            scheme = "http" if host.startswith("127.") else "https"
            url = f"{scheme}://{host}{path}{concrete}"
            if any(c.url == url and c.method == method.upper() for c in calls):
                continue
            calls.append(_Call(method.upper(), url, rng.random() < 0.5,
                               [t for t in twins if (method, template) in declared[t]]))
    rng.shuffle(calls)
    interactions = [{
        "request": {"method": c.method, "uri": c.url, "body": None, "headers": {}},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Content-Type": ["application/json"]},
                     "body": {"string": json.dumps({"data": {"id": 1 if c.good else "x"}})}},
    } for c in calls]
    cassette = root / "fixtures" / "cassettes" / "orders.yaml"
    cassette.parent.mkdir(parents=True)
    cassette.write_text(yaml.safe_dump({"interactions": interactions, "version": 1}),
                        encoding="utf-8")
    return calls


def measure(seed: int) -> tuple[int, list[str], list[str]]:
    """Calls, and the lines for the silent and the misrouted ones."""
    from tests.support.projects import verify_project

    with tempfile.TemporaryDirectory(prefix="shared-bases-") as name:
        root = Path(name) / "p"
        root.mkdir()
        calls = build(root, seed)
        findings = verify_project(root)
    by_call: dict[int, list[Any]] = {}
    for finding in findings:
        by_call.setdefault(finding.location.interaction, []).append(finding)
    silent: list[str] = []
    misrouted: list[str] = []
    for index, call in enumerate(calls):
        seen = by_call.get(index, [])
        said = ", ".join(f"{f.code}@{f.location.platform}" for f in seen) or "nothing"
        line = f"{call.method} {call.url} good={call.good} declared by {call.declarers}: {said}"
        if len(call.declarers) == 1:
            (owner,) = call.declarers
            wrong = [f for f in seen if f.location.platform != owner
                     or f.code in ("operation.undocumented", "interaction.ambiguous-platform")]
            if wrong or (call.good and seen):
                misrouted.append(line)
            elif not call.good and not seen:
                silent.append(line)
        elif not seen:
            silent.append(line)
    return len(calls), silent, misrouted


def _seeds(argv: list[str]) -> Iterator[int]:
    if argv == ["check"]:
        yield from CHECK_SEEDS
    elif argv:
        yield from (int(arg) for arg in argv if arg != "-v")
    else:
        yield from SEEDS


def main(argv: list[str]) -> int:
    totals = [0, 0, 0]
    for seed in _seeds([a for a in argv if a != "-v"]):
        count, silent, misrouted = measure(seed)
        print(f"seed {seed}: {count} calls, {len(silent)} silent, {len(misrouted)} misrouted")
        if "-v" in argv:
            for line in silent:
                print(f"  silent     {line}")
            for line in misrouted:
                print(f"  misrouted  {line}")
        for i, n in enumerate((count, len(silent), len(misrouted))):
            totals[i] += n
    print(f"total: {totals[0]} calls, {totals[1]} silent, {totals[2]} misrouted")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
