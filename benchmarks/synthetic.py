"""A synthetic cassette set made from the project's own contracts.

Only a fallback: run.py uses the recorded cassettes under fixtures/cassettes/ whenever there are
any, and says which source it measured. For every operation of every configured contract
version this makes one interaction per documented status that has a JSON body (plus one per
webhook), with a body generated from the converted schema and the response headers the contract
declares. A few of them are then made to drift (an undeclared field, an unknown enum value, a
missing required field) so that the measured run also builds findings, as a real run does.
"""

from __future__ import annotations

import json
import re
from typing import Any

from examples import ExampleMaker, regex_sample

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.project import Project
from seamguard.recordings.cassettes import Interaction

__all__ = ["synthetic_interactions"]

_STATUS_FOR = {"default": 500, "1XX": 100, "2XX": 200, "3XX": 302, "4XX": 400, "5XX": 500}


def synthetic_interactions(project: Project, catalog: ContractCatalog) -> list[Interaction]:
    out: list[Interaction] = []
    webhooks: set[int] = set()
    for name, platform in project.settings.platforms.items():
        for version in platform.versions:
            contract = catalog.load(name, version)
            if not isinstance(contract, Contract):
                continue
            base = platform.base_url.replace("{version}", version)
            maker = ExampleMaker(contract, max_depth=5)
            for operation in contract.operations:
                if operation.webhook:
                    pushed = _webhook(project, name, version, platform, contract, operation,
                                      maker)
                    webhooks.update(id(push) for push in pushed)
                    out.extend(pushed)
                    continue
                uri = base + re.sub(r"\{[^}/]+\}", "1001", operation.path)
                # The request a client sends: a JSON body generated from the request schema.
                sent: dict[str, str] = {"accept": "application/json"}
                request_body = None
                request = operation.request.get("application/json")
                if request is not None and request.schema is not None:
                    sent["content-type"] = "application/json"
                    request_body = json.dumps(maker.make(contract.schema(request.schema)),
                                              ensure_ascii=False)
                for status, response in operation.responses.items():
                    media = response.media("application/json")
                    if media is None or media.schema is None:
                        continue
                    code = _STATUS_FOR.get(status.upper()) or int(status)
                    headers = {"content-type": "application/json; charset=utf-8"}
                    if platform.version_header:
                        headers[platform.version_header.lower()] = version
                    for header in response.headers.values():
                        if header.schema is not None:
                            value = maker.make(contract.schema(header.schema))
                            headers[header.name.lower()] = _header_text(value)
                    body = json.dumps(maker.make(contract.schema(media.schema)),
                                      ensure_ascii=False)
                    out.append(Interaction(
                        index=len(out), method=operation.method.upper(), uri=uri,
                        request_headers=sent, request_body=request_body,
                        status=code, response_headers=headers, response_body=body,
                    ))
    _drift(out, webhooks)
    return out


def _webhook(project: Project, name: str, version: str, platform: Any, contract: Contract,
             operation: Any, maker: ExampleMaker) -> list[Interaction]:
    media = operation.request.get("application/json")
    if media is None or media.schema is None:
        return []
    headers = {"content-type": "application/json"}
    uri = f"https://hooks.example.com/webhooks/{name}"
    if platform.webhook_topic_header:
        headers[platform.webhook_topic_header.lower()] = operation.path
    else:
        urls = [url for url, topic in platform.webhook_urls.items() if topic == operation.path]
        if not urls:
            return []
        uri = urls[0]
    if platform.version_header:
        headers[platform.version_header.lower()] = version
    body = json.dumps(maker.make(contract.schema(media.schema)), ensure_ascii=False)
    return [Interaction(
        index=0, method="POST", uri=uri, request_headers=headers, request_body=body,
        status=200, response_headers={"content-type": "application/json"},
        response_body='{"ok": true}',
    )]


def _header_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _drift(interactions: list[Interaction], webhooks: set[int]) -> None:
    """Make every 7th interaction's body (the push's, for a webhook) drift from its contract,
    the way upstream APIs do."""
    for position, interaction in enumerate(interactions):
        interaction.index = position
        if position % 7 != 3:
            continue
        webhook = id(interaction) in webhooks
        raw = interaction.request_body if webhook else interaction.response_body
        data = json.loads(raw) if isinstance(raw, str) else None
        if not isinstance(data, dict) or not data:
            continue
        target = data
        # descend into an envelope ({"order": {...}}) so the drift lands on a real object
        if len(target) == 1 and isinstance(next(iter(target.values())), dict):
            target = next(iter(target.values()))
        kind = (position // 7) % 3
        if kind == 0:
            target["x_new_upstream_field"] = regex_sample("^[a-z]{6}$")
        elif kind == 1:
            key = next((k for k, v in target.items() if isinstance(v, str)), None)
            if key is not None:
                target[key] = 12345
        else:
            key = next(iter(target))
            del target[key]
        text = json.dumps(data, ensure_ascii=False)
        if webhook:
            interaction.request_body = text
        else:
            interaction.response_body = text
