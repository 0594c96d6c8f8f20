"""A ``discriminator`` holds as the rule it states: the value names the branch the object must
fit (by ``mapping`` or by the component's name), and a value naming no branch is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.model import Contract, load_contract
from seamguard.contracts.validation import violations

PETS = """
openapi: 3.1.0
info: {title: Pets, version: "1"}
paths:
  /pet:
    get:
      responses:
        "200":
          description: A pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator:
        propertyName: kind
        mapping: {cat: "#/components/schemas/Cat", dog: Dog}
    Cat:
      type: object
      required: [kind, meow]
      properties: {kind: {type: string}, meow: {type: boolean}}
    Dog:
      type: object
      required: [kind, bark]
      properties: {kind: {type: string}, bark: {type: integer}}
"""


def _found(tmp_path: Path, document: Any, text: str = PETS) -> list[tuple[str, str]]:
    path = tmp_path / "openapi.yaml"
    path.write_text(text, encoding="utf-8")
    contract: Contract = load_contract(path, platform="t", version="1")
    media = contract.match("GET", "/pet").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    return [(v.code, v.pointer) for v in violations(contract, media.schema, document)]


@pytest.mark.parametrize("pet", [{"kind": "cat", "meow": True}, {"kind": "dog", "bark": 2},
                                 {"kind": "Cat", "meow": False}])
def test_a_pet_of_the_kind_it_names_passes(tmp_path: Path, pet: dict[str, Any]) -> None:
    assert _found(tmp_path, pet) == []


def test_a_cat_shaped_as_a_dog_is_refused(tmp_path: Path) -> None:
    assert _found(tmp_path, {"kind": "cat", "bark": 2})


def test_a_kind_naming_no_branch_is_refused(tmp_path: Path) -> None:
    assert _found(tmp_path, {"kind": "bird", "meow": True})


def test_an_inline_branch_leaves_unknown_kinds_to_the_branches(tmp_path: Path) -> None:
    text = PETS.replace('{$ref: "#/components/schemas/Dog"}]',
                        '{type: object, required: [wings], properties: '
                        '{kind: {type: string}, wings: {type: integer}}}]')
    assert _found(tmp_path, {"kind": "bird", "wings": 2}, text) == []


def test_a_mapping_to_no_schema_does_not_stop_the_check(tmp_path: Path) -> None:
    text = PETS.replace("dog: Dog", "dog: Wolf")
    assert _found(tmp_path, {"kind": "cat", "meow": True}, text) == []


INHERITED = """
openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pet:
    get:
      responses:
        "200":
          description: A pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind}
    Cat:
      allOf:
        - {$ref: "#/components/schemas/Pet"}
        - {type: object, required: [meow], properties: {meow: {type: boolean}}}
"""


def _inherited(tmp_path: Path, pet: dict[str, Any]) -> list[tuple[str, str]]:
    return _found(tmp_path, pet, INHERITED)


def test_an_inheriting_schema_named_by_the_tag_is_checked(tmp_path: Path) -> None:
    assert _inherited(tmp_path, {"kind": "Cat", "meow": True}) == []
    assert _inherited(tmp_path, {"kind": "Pet"}) == []
    assert ("field.missing", "/meow") in _inherited(tmp_path, {"kind": "Cat"})


def test_an_inherited_tag_naming_no_schema_is_refused(tmp_path: Path) -> None:
    assert _inherited(tmp_path, {"kind": "Bird"})


def test_a_field_no_schema_declares_is_still_undeclared(tmp_path: Path) -> None:
    assert ("field.undeclared", "/zzz") in _inherited(tmp_path, {"kind": "Cat", "meow": True,
                                                                "zzz": 1})


SHARED_PET = """
components:
  schemas:
    Pet:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind}
"""


def test_a_subtype_of_a_base_kept_in_another_file_is_named_by_the_tag(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text(SHARED_PET, encoding="utf-8")
    text = INHERITED.replace("openapi: 3.0.3", "openapi: 3.1.0").replace(
        '"#/components/schemas/Pet"', '"common.yaml#/components/schemas/Pet"')
    text = text[:text.index("    Pet:\n")] + text[text.index("    Cat:\n"):]
    assert _found(tmp_path, {"kind": "Cat", "meow": True}, text) == []
    assert ("field.missing", "/meow") in _found(tmp_path, {"kind": "Cat"}, text)
    assert _found(tmp_path, {"kind": "Pet"}, text) == []
    assert _found(tmp_path, {"kind": "Bird"}, text)


SIBLING = INHERITED.replace("openapi: 3.0.3", "openapi: 3.1.0").replace(
    """    Cat:
      allOf:
        - {$ref: "#/components/schemas/Pet"}
""", """    Cat:
      $ref: "#/components/schemas/Pet"
      allOf:
""")


def test_a_3_1_reference_with_an_all_of_beside_it_is_a_subtype(tmp_path: Path) -> None:
    assert _found(tmp_path, {"kind": "Cat", "meow": True}, SIBLING) == []
    assert ("field.missing", "/meow") in _found(tmp_path, {"kind": "Cat"}, SIBLING)
    assert _found(tmp_path, {"kind": "Bird"}, SIBLING)


def test_a_mapping_may_name_a_subtype_in_another_file(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text(SHARED_PET.replace(
        "{propertyName: kind}", "{propertyName: kind, mapping: {cat: "
        "'openapi.yaml#/components/schemas/Cat'}}"), encoding="utf-8")
    text = INHERITED.replace('"#/components/schemas/Pet"', '"common.yaml#/components/schemas/Pet"')
    text = text[:text.index("    Pet:\n")] + text[text.index("    Cat:\n"):]
    assert _found(tmp_path, {"kind": "cat", "meow": True}, text) == []
    assert ("field.missing", "/meow") in _found(tmp_path, {"kind": "cat"}, text)


def test_a_3_1_reference_with_only_required_beside_it_stays_closed(tmp_path: Path) -> None:
    text = SIBLING.replace("""      allOf:
        - {type: object, required: [meow], properties: {meow: {type: boolean}}}
""", "      required: [kind]\n").replace("      discriminator: {propertyName: kind}\n", "")
    text = text.replace('schema: {$ref: "#/components/schemas/Pet"}',
                        'schema: {$ref: "#/components/schemas/Cat"}')
    assert ("field.undeclared", "/zzz") in _found(tmp_path, {"kind": "Cat", "zzz": 1}, text)
    assert _found(tmp_path, {"kind": "Cat"}, text) == []
