"""Carriers' sender and recipient keys abbreviated as src/dst (srcName, dst_name, srcPhone...)."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.policy import PrivacyPolicy


def _scrubbed(record: dict[str, str]) -> dict[str, str]:
    body = json.dumps(record, ensure_ascii=False).encode()
    out = TrafficScrubber().body(body, {"Content-Type": "application/json"})
    assert isinstance(out, bytes)
    result: dict[str, str] = json.loads(out)
    return result


@pytest.mark.parametrize("key", ["srcName", "src_name", "SrcName", "dstName", "dst_name"])
@pytest.mark.parametrize("name", ["张伟", "陈怡君", "Emily Carter", "Somchai Wongsakul"])
def test_a_party_name_alone_is_replaced(key: str, name: str) -> None:
    assert _scrubbed({key: name, "srcCompany": "Acme", "weight": "1.5"})[key] != name


@pytest.mark.parametrize(("key", "value"), [
    ("srcPhone", "13812345678"), ("srcTel", "0755-86012345"), ("srcMobile", "13912345678"),
    ("srcAddress", "广东省深圳市南山区科技园科苑路15号"), ("srcContact", "李娜"),
    ("dstContact", "王芳"), ("dstTel", "13712345678"), ("src_detail_address", "88 Sukhumvit Rd"),
])
def test_party_contact_keys_are_personal(key: str, value: str) -> None:
    assert PrivacyPolicy().key(key).kind is not None
    assert _scrubbed({key: value})[key] != value


@pytest.mark.parametrize("record", [
    {"src": "shopify", "source": "taobao", "srcName": "orders_db", "dstName": "crm_db"},
    {"srcName": "crm.contacts", "dst_name": "erp_customers_v2"},
    {"srcFileName": "Emily Carter.csv"},
])
def test_plain_source_keys_stay(record: dict[str, str]) -> None:
    assert _scrubbed(record) == record


def test_plain_source_keys_are_not_personal() -> None:
    policy = PrivacyPolicy()
    for key in ("src", "source", "sourceName", "srcCode", "srcCity", "src_country_code"):
        info = policy.key(key)
        assert info.kind is None
        assert not info.person_name
