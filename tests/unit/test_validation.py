from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.model import Contract, load_contract
from seamguard.contracts.validation import describe, violations
from tests.support.projects import MINI_CONTRACT, good_order


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    path = tmp_path_factory.mktemp("c") / "openapi.yaml"
    path.write_text(MINI_CONTRACT, encoding="utf-8")
    return load_contract(path, platform="shop", version="v1")


def check(contract: Contract, order: dict[str, Any]) -> set[tuple[str, str]]:
    media = contract.match("GET", "/orders/1.json").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    return {(v.code, v.pointer) for v in violations(contract, media.schema, {"order": order})}


order = good_order


def test_valid_payload_has_no_violations(contract: Contract) -> None:
    assert check(contract, order()) == set()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"total": ...}, ("field.missing", "/order/total")),
        ({"id": "1"}, ("field.wrong-type", "/order/id")),
        ({"created_at": "yesterday"}, ("field.wrong-format", "/order/created_at")),
        ({"total": "10"}, ("field.wrong-format", "/order/total")),
        ({"status": "expired"}, ("field.unknown-enum", "/order/status")),
        ({"surprise": 1}, ("field.undeclared", "/order/surprise")),
        ({"locked": {"by": "x", "when": 1}}, ("field.forbidden", "/order/locked/when")),
    ],
)
def test_each_failure_class(contract: Contract, changes: dict[str, Any],
                            expected: tuple[str, str]) -> None:
    assert check(contract, order(**changes)) == {expected}


def test_undeclared_is_not_reported_for_declared_fields_when_a_sibling_fails(
    contract: Contract,
) -> None:
    found = check(contract, order(id="x", extra=True))
    assert found == {("field.wrong-type", "/order/id"), ("field.undeclared", "/order/extra")}


def test_a_value_of_the_wrong_type_is_one_finding(contract: Contract) -> None:
    """1 for an enum of strings fails the enum as well; the type is the mistake to report."""
    assert check(contract, order(status=1)) == {("field.wrong-type", "/order/status")}


def test_describe_is_short_and_typed() -> None:
    assert describe("x" * 500).endswith("… (string)")
    assert describe(None) == "null (null)"


def test_a_contracts_schemas_compile_once_together(tmp_path: Any) -> None:
    """Every payload schema shares one compiled validator, and reports what its own would."""
    path = tmp_path / "openapi.yaml"
    path.write_text(MINI_CONTRACT, encoding="utf-8")
    contract = load_contract(path, platform="shop", version="v1")
    alone = load_contract(path, platform="shop", version="v1")
    refs = [media.schema for operation in contract.operations
            for response in operation.responses.values()
            for media in response.content.values() if media.schema is not None]
    assert len(refs) > 1
    broken = order()
    broken.update({"id": "1", "status": "expired", "x_new": 1})
    del broken["total"]
    for ref in refs:
        for instance in ({"order": broken}, {"orders": [broken]}, broken, [], None):
            shared = violations(contract, ref, instance)
            own = alone._compile(alone.schema(ref), ref=ref)  # a validator of its own
            alone._validators[ref] = own
            assert shared == violations(alone, ref, instance)
    assert contract.compiles == 1


# The shapes FastAPI/pydantic write for optional fields: `anyOf: [{type: X}, {type: "null"}]`.
PYDANTIC_CONTRACT = """
openapi: 3.1.0
info: {title: Films, version: 0.1.0}
paths:
  /films/{id}/:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: One film.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/FilmItem"}
components:
  schemas:
    FilmItem:
      type: object
      properties:
        rating: {anyOf: [{type: number}, {type: "null"}], title: Rating}
        tags: {anyOf: [{type: array, items: {type: string}}, {type: "null"}]}
        start: {anyOf: [{type: string, format: time}, {type: "null"}]}
        code: {oneOf: [{type: integer}, {type: string, pattern: "^F[0-9]+$"}]}
"""


@pytest.fixture(scope="module")
def films(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    path = tmp_path_factory.mktemp("f") / "openapi.yaml"
    path.write_text(PYDANTIC_CONTRACT, encoding="utf-8")
    return load_contract(path, platform="films", version="0.1.0")


def film_violations(films: Contract, body: dict[str, Any]) -> list[tuple[str, str, str]]:
    media = films.match("GET", "/films/1/").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    return [(v.code, v.pointer, v.message) for v in violations(films, media.schema, body)]


@pytest.mark.parametrize(("body", "expected"), [
    ({"rating": "93.3"},
     ("field.wrong-type", "/rating", 'expected number or null, got "93.3" (string)')),
    ({"tags": "drama"},
     ("field.wrong-type", "/tags", 'expected array or null, got "drama" (string)')),
    ({"code": 1.5},
     ("field.wrong-type", "/code", "expected integer or string, got 1.5 (number)")),
])
def test_a_value_no_branch_takes_names_every_type_the_branches_want(
        films: Contract, body: dict[str, Any], expected: tuple[str, str, str]) -> None:
    assert film_violations(films, body) == [expected]


def test_a_branch_of_the_right_type_explains_its_own_failure(films: Contract) -> None:
    [(code, pointer, message)] = film_violations(films, {"start": "19:30"})
    assert (code, pointer) == ("field.wrong-format", "/start")
    assert "format 'time'" in message
    [(code, pointer, _)] = film_violations(films, {"code": "X1"})
    assert (code, pointer) == ("field.wrong-format", "/code")


REF_SIBLINGS = """
openapi: {version}
info: {{title: t, version: '1'}}
paths:
  /tasks/{{id}}:
    get:
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  rate: {{$ref: '#/components/schemas/Amount', type: number}}
                  spent: {{$ref: '#/components/schemas/Amount', nullable: true}}
components:
  schemas:
    Amount:
      type: object
      properties:
        currency: {{type: string}}
        value: {{type: number}}
"""


@pytest.mark.parametrize(("version", "expected"), [
    # 3.0: the keywords beside a reference are ignored, `nullable` is kept
    ("3.0.3", set()),
    # 3.1: a schema beside $ref applies, so an object is not a number
    ("3.1.0", {("field.wrong-type", "/rate")}),
])
def test_keywords_beside_a_reference(tmp_path: Any, version: str,
                                     expected: set[tuple[str, str]]) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text(REF_SIBLINGS.format(version=version), encoding="utf-8")
    contract = load_contract(path, platform="p", version="v1")
    media = contract.match("GET", "/tasks/1").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    body = {"rate": {"currency": "NZD", "value": 12.5}, "spent": None if version == "3.0.3"
            else {"currency": "NZD", "value": 1}}
    assert {(v.code, v.pointer) for v in violations(contract, media.schema, body)} == expected
    wrong = {"rate": {"currency": "NZD", "value": "12.5"}, "spent": None}
    assert ("field.wrong-type", "/rate/value") in {
        (v.code, v.pointer) for v in violations(contract, media.schema, wrong)}


# The shapes of a payment source and an amount as public payment APIs describe them: a card
# or a bank account (each with its required field), an amount as integer minor units or a
# non-negative decimal (alternatives that overlap on whole numbers).
ONE_OF = """
openapi: 3.1.0
info: {title: Payments, version: v1}
paths:
  /pay:
    post:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  source:
                    oneOf:
                      - {type: object, properties: {card: {type: string}}, required: [card]}
                      - {type: object, properties: {bank: {type: string}}, required: [bank]}
                  amount:
                    oneOf: [{type: integer}, {type: number, minimum: 0}]
"""


@pytest.mark.parametrize(("payload", "expected"), [
    ({"source": {"card": "tok_1"}, "amount": 1.5}, []),
    ({"source": {"card": "tok_1", "bank": "ba_1"}}, [("field.invalid", "/source")]),
    ({"amount": 20}, [("field.invalid", "/amount")]),
    ({"source": {"bank": 5}}, [("field.wrong-type", "/source/bank")]),
])
def test_a_value_more_than_one_one_of_alternative_takes_is_said_to_be_ambiguous(
        tmp_path: Path, payload: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text(ONE_OF, encoding="utf-8")
    loaded = load_contract(path, platform="pay", version="v1")
    media = loaded.match("POST", "/pay").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    found = violations(loaded, media.schema, payload)
    assert [(v.code, v.pointer) for v in found] == expected
    for violation in found:
        if violation.code == "field.invalid":
            assert "more than one oneOf alternative (alternatives 0, 1" in violation.message
            assert "matches none" not in violation.message


# A CRM's answer as its public spec describes it: a list of per-record results, each a success
# or an error, or one error for the whole call; alternatives no field tells apart.
OVERLAPPING = """
openapi: 3.0.0
info: {title: CRM, version: v8}
paths:
  /records:
    put:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - type: object
                    properties:
                      data:
                        type: array
                        items:
                          oneOf:
                            - $ref: '#/components/schemas/Success'
                            - $ref: '#/components/schemas/Failure'
                  - $ref: '#/components/schemas/Failure'
components:
  schemas:
    Success:
      type: object
      properties:
        action: {type: string}
        details: {type: object, properties: {id: {type: string}}}
    Failure:
      type: object
      properties:
        code: {type: string}
        details: {type: object, properties: {reason: {type: string}}}
"""


def test_fields_the_contract_does_not_declare_never_decide_how_many_alternatives_match(
        tmp_path: Path) -> None:
    # As JSON Schema reads it, each result matches both alternatives (their objects are open),
    # so the list alternative fails and the answer is one Failure: valid. Closing the
    # `details` objects to find undeclared fields must not turn that into an error.
    path = tmp_path / "openapi.yaml"
    path.write_text(OVERLAPPING, encoding="utf-8")
    loaded = load_contract(path, platform="crm", version="v8")
    media = loaded.match("PUT", "/records").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    answer = {"data": [{"action": "update", "details": {"id": "1"}}]}
    assert violations(loaded, media.schema, answer) == []
    # an answer no alternative takes is still reported
    assert violations(loaded, media.schema, {"data": 5, "details": 5})


def test_every_violation_code_of_a_recorded_body_has_a_hint() -> None:
    # a finding without a hint leaves the reader without the likely fix: the codes the
    # validator can emit are read from its source, so a new code without a hint fails here
    import re

    from seamguard.contracts import validation
    from seamguard.verify_hints import violation_hint

    source = Path(validation.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'Violation\(\s*"([a-z.-]+)"', source))
    assert codes >= {"field.out-of-range", "field.invalid", "field.missing"}
    assert not {code for code in codes
                if not violation_hint(validation.Violation(code, "/x", "said"))}
