"""A project around one large contract, with generated recorded GET responses.

Used by the memory benchmark (``memory.py``) and the verdict dump (``verdicts.py``). The contract
is a published OpenAPI document when its path is given (``--spec PATH``, or its older name
``--stripe-spec PATH``, or ``SEAMGUARD_BENCH_SPEC`` / ``SEAMGUARD_BENCH_STRIPE_SPEC``; read from
there, never copied into the repository) and otherwise the generated contract of benchmark 2
(``bigspec.py``). Stripe's ``spec3.yaml`` is the one the figures were first taken on; any OpenAPI
3 document works, also one split into files (its folder is copied, so relative ``$ref``s resolve).

For every GET operation with a JSON ``200`` response the project gets one recorded interaction
whose body is an example made from the converted schema (``examples.ExampleMaker``); with
``drift=True`` every 5th body is changed the way upstream APIs drift (an undeclared field, a
wrong type, a missing field, an unknown enum value), so findings are built too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bigspec
from examples import ExampleMaker

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.project import Project, find_project
from seamguard.recordings.cassettes import Interaction

__all__ = ["LargeSpec", "build", "spec_source"]

BASE_URL = "https://api.large.example.com"
ENV = "SEAMGUARD_BENCH_SPEC"
OLD_ENV = "SEAMGUARD_BENCH_STRIPE_SPEC"
_EXTERNAL_REF = re.compile(r"""["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"',}]""")


@dataclass
class LargeSpec:
    """A project whose one platform (``large``, version ``v1``) has the large contract."""

    name: str  # the given document's file name, or "generated"
    project: Project
    spec: Path


def spec_source(option: str | None) -> tuple[str, Path | None]:
    """(file name, path) when a document was given, else ("generated", None)."""
    given = option or os.environ.get(ENV) or os.environ.get(OLD_ENV)
    if given:
        path = Path(given).expanduser()
        if not path.is_file():
            raise SystemExit(f"OpenAPI document not found at {path} (from --spec or ${ENV})")
        return path.name, path
    return "generated", None


def build(folder: Path, stripe: Path | None, *, seed: int = 20240701,
          undeclared: str = "warning") -> LargeSpec:
    """Write the project into ``folder`` (the contract copied in, so ``$ref``s stay inside)."""
    contracts = folder / "contracts" / "large" / "v1"
    contracts.mkdir(parents=True, exist_ok=True)
    if stripe is not None:
        entry = contracts / ("openapi" + (stripe.suffix or ".yaml"))
        if _EXTERNAL_REF.search(stripe.read_text(encoding="utf-8", errors="replace")):
            # split into files: the folder comes along, the entry renamed openapi.* so that the
            # project finds it among the others
            shutil.copytree(stripe.parent, contracts, dirs_exist_ok=True)
            (contracts / stripe.name).rename(entry)
        else:
            shutil.copyfile(stripe, entry)
        name = stripe.name
    else:
        generated = bigspec.generate(contracts, seed=seed)
        entry = generated["entry"]
        name = "generated"
    (folder / "cassettes").mkdir(exist_ok=True)
    (folder / "pyproject.toml").write_text(
        "[tool.seamguard]\n"
        'contracts = "contracts"\n'
        'cassettes = "cassettes"\n'
        f'undeclared_fields = "{undeclared}"\n'
        "max_document_mb = 256\n\n"
        "[tool.seamguard.platforms.large]\n"
        'versions = ["v1"]\n'
        f'base_url = "{BASE_URL}"\n',
        encoding="utf-8")
    return LargeSpec(name, find_project(folder, explicit=True), entry)


def get_responses(contract: Contract, *, drift: bool, limit: int | None = None,
                  ) -> list[Interaction]:
    """One interaction per GET operation with a JSON 200 response (in contract order)."""
    out: list[Interaction] = []
    for position, operation in enumerate(op for op in contract.operations
                                         if op.method == "get" and not op.webhook):
        response = operation.response(200)
        media = response.media("application/json") if response is not None else None
        if media is None or media.schema is None:
            continue
        maker = ExampleMaker(contract, max_depth=3, variant=position)
        try:
            body = maker.make(contract.schema(media.schema))
        except RecursionError:
            continue
        if drift and len(out) % 5 == 2:
            body = _drift(body, len(out) // 5)
        path = re.sub(r"\{[^}/]+\}", "x1001", operation.path)
        out.append(Interaction(
            index=len(out), method="GET", uri=BASE_URL + path,
            request_headers={"accept": "application/json"}, request_body=None, status=200,
            response_headers={"content-type": "application/json"},
            response_body=json.dumps(body, ensure_ascii=False)))
        if limit is not None and len(out) >= limit:
            break
    return out


def _drift(body: Any, kind: int) -> Any:
    if not isinstance(body, dict) or not body:
        return body
    target = body
    # descend one level into a list envelope ({"data": [...]}) so the drift lands on an item
    data = body.get("data")
    if isinstance(data, list) and data and isinstance(data[0], dict):
        target = data[0]
    kind %= 4
    if kind == 0:
        target["x_new_upstream_field"] = "value"
    elif kind == 1:
        key = next((k for k, v in target.items() if isinstance(v, str)), None)
        if key is not None:
            target[key] = 12345
    elif kind == 2:
        target.pop(next(iter(target)), None)
    else:
        key = next((k for k, v in target.items() if isinstance(v, str)), None)
        if key is not None:
            target[key] = "not-one-of-the-values-" + key
    return body


def load(spec: LargeSpec) -> tuple[ContractCatalog, Contract]:
    catalog = ContractCatalog(spec.project)
    contract = catalog.load("large", "v1")
    if not isinstance(contract, Contract):
        raise SystemExit(f"the large contract does not load: {contract}")
    return catalog, contract
