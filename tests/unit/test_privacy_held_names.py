"""A ``name`` in an object held under a key naming a person or an actor (Zoho's
``{"Modified_By": {"name": …, "id": …}}``, Salesforce's ``{"Owner": {"attributes": …,
"Name": …}}``, ``{"customer": {"name": …}}``) is that person's name, through the compiled walk
and the Python loops alike; a company or a system account there, and a product's or a bare
``name`` elsewhere, stay."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from seamguard.privacy import mask_value
from seamguard.privacy.scrubber import Scrubber
from tests.support.compiled_walk import recorded_json, use_compiled_walk

HELD = [
    ({"data": [{"Modified_By": {"name": "王建国", "id": "4150868000000225013"},
                "Product_Name": "Widget"}]}, "王建国"),
    ({"Owner": {"name": "Li Wei", "id": "4150868000000225014"}}, "Li Wei"),
    ({"Owner": {"attributes": {"type": "User", "url": "/services/data/v59.0/User/005"},
                "Name": "张伟"}}, "张伟"),
    ({"customer": {"name": "王建国", "id": 123}}, "王建国"),
    ({"CreatedBy": {"Name": "Emily Carter"}}, "Emily Carter"),
    ({"assignee": [{"name": "Emily Carter", "id": 1}, {"name": "赵磊", "id": 2}]}, "赵磊"),
    ({"records": [{"buyer": {"name": "Josette Picard", "level": 3}}]}, "Josette Picard"),
]
KEPT = [
    {"customer": {"name": "Acme Trading Ltd", "id": 123}},
    {"customer": {"name": "阿里巴巴网络技术有限公司", "id": 123}},
    {"owner": {"name": "System", "id": 1}},
    {"line_items": [{"name": "Blue Shirt", "sku": "X1"}], "product": {"name": "Emily Carter"}},
    {"name": "Emily Carter", "id": 1},
    {"category": {"name": "Li Wei", "id": 7}},
]


@pytest.fixture(autouse=True)
def _compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_compiled_walk(monkeypatch)
    return


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize(("document", "name"), HELD)
def test_a_name_held_under_a_key_naming_a_person_is_masked(document: Any, name: str,
                                                           compiled: bool) -> None:
    assert name not in recorded_json(document, compiled)
    assert name not in json.dumps(Scrubber().value(document), ensure_ascii=False)


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize("document", KEPT)
def test_a_company_a_system_account_and_a_product_stay(document: Any, compiled: bool) -> None:
    assert json.loads(recorded_json(document, compiled)) == document
    assert mask_value(document) == document


@pytest.mark.parametrize("document", [document for document, _ in HELD] + KEPT)
def test_the_compiled_walk_and_the_python_loops_agree(document: Any) -> None:
    assert recorded_json(document, True) == recorded_json(document, False)



@pytest.mark.parametrize("document", [
    {"sold_by": "Anker Official Store"}, {"to": {"name": "Shanghai Warehouse"}},
    {"assignee": {"name": "Sales Team"}}, {"Owner": {"Name": "Integration User"}},
    {"CreatedBy": {"Name": "Automated Process"}}, {"operator": "华东仓"},
    {"seller": "Anker官方旗舰店"}, {"assignee": {"name": "售后客服组"}},
])
def test_a_unit_a_shop_or_a_system_account_under_a_persons_key_stays(
        document: dict[str, Any]) -> None:
    # Salesforce's own users ("Automated Process", "Integration User") act on most records
    assert mask_value(document) == document


@pytest.mark.parametrize(("document", "name"), [
    ({"created_by": "Li Wei"}, "Li Wei"), ({"operator": "王建国"}, "王建国"),
    ({"modified_by": {"name": "Wang Fang", "id": 3}}, "Wang Fang"),
    ({"Owner": {"Name": "Emily Carter"}}, "Emily Carter"),
])
def test_a_person_under_such_a_key_is_still_masked(document: dict[str, Any], name: str) -> None:
    assert name not in json.dumps(mask_value(document), ensure_ascii=False)
