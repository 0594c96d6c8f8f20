"""``seamguard record`` and a contract's webhooks: a webhook is sent by the platform, so it is
never suggested as a request to send, and a POST to a receiver that ``webhook_urls`` maps to a
webhook is a documented delivery, recorded without ``--undocumented``."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.drift.live import LiveRequest
from seamguard.errors import UsageError
from seamguard.project import PlatformSettings, find_project
from seamguard.record.plan import PlannedRequest, _check_documented

_CONTRACT = """\
openapi: 3.1.0
info: {title: Tiny shop, version: v1}
servers: [{url: /api}]
paths:
  /orders:
    get:
      responses: {"200": {description: ok}}
webhooks:
  orderPaid:
    post:
      requestBody:
        content: {application/json: {schema: {type: object}}}
      responses: {"202": {description: accepted}}
"""


def _project(tmp_path: Path, extra: str = "") -> tuple[Contract, PlatformSettings]:
    folder = tmp_path / "contracts" / "shop" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(_CONTRACT)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.shop]\nversions = ["v1"]\n'
        'base_url = "http://127.0.0.1:8000/api"\n' + extra)
    project = find_project(tmp_path, explicit=True)
    contract = ContractCatalog(project).load("shop", "v1")
    assert isinstance(contract, Contract)
    return contract, project.settings.platforms["shop"]


def _post(path: str) -> PlannedRequest:
    return PlannedRequest(LiveRequest(method="POST", path=path), "the command line")


def test_a_webhook_name_is_never_suggested_as_a_path_and_the_hint_says_how(
        tmp_path: Path) -> None:
    contract, settings = _project(tmp_path)
    with pytest.raises(UsageError) as caught:
        _check_documented(_post("/webhooks/order-paid"), contract, settings, allow=False)
    hint = caught.value.hint or ""
    assert "did you mean POST orderPaid" not in hint
    assert ('[tool.seamguard.platforms.shop.webhook_urls] '
            '"http://127.0.0.1:8000/api/webhooks/order-paid" = "orderPaid"') in hint


def test_a_post_to_a_mapped_webhook_receiver_is_documented(tmp_path: Path) -> None:
    contract, settings = _project(
        tmp_path, '\n[tool.seamguard.platforms.shop.webhook_urls]\n'
                  '"http://127.0.0.1:8000/api/webhooks/order-paid" = "orderPaid"\n')
    _check_documented(_post("/webhooks/order-paid"), contract, settings, allow=False)
    with pytest.raises(UsageError):  # another path stays undocumented
        _check_documented(_post("/webhooks/other"), contract, settings, allow=False)


def test_a_path_with_an_unfilled_parameter_is_refused_before_sending(tmp_path: Path) -> None:
    contract, settings = _project(tmp_path)
    get = PlannedRequest(LiveRequest(method="GET", path="/orders/{order_id}"), "the command line")
    with pytest.raises(UsageError) as caught:
        _check_documented(get, contract, settings, allow=False)
    assert "order_id to fill in; nothing was sent" in caught.value.message
    assert "{order_id}" in (caught.value.hint or "")
