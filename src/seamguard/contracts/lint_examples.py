"""Examples a contract gives that contradict it: a parameter's or media type's ``example`` or
``examples`` entry whose value breaks its own ``schema``, and a parameter with both ``example``
and ``examples`` (OpenAPI allows one or the other). Generated clients, mock servers and docs
show these examples as what the API sends, so one its schema refuses misleads all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seamguard.contracts.model import Contract
from seamguard.contracts.operations import SchemaRef
from seamguard.documents import escape_pointer
from seamguard.errors import ContractError

__all__ = ["example_problems"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Examples checked per contract at most: each needs a validator of its schema.
_MAX_EXAMPLES = 300


def _holders(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(pointer, object, kind) of each parameter and media type under the entry's paths."""
    paths = document.get("paths")
    for template, item in (paths.items() if isinstance(paths, dict) else ()):
        if not isinstance(item, dict):
            continue
        base = f"/paths/{escape_pointer(str(template))}"
        places = [(base, item)] + [(f"{base}/{m}", item[m]) for m in _METHODS
                                   if isinstance(item.get(m), dict)]
        for at, node in places:
            parameters = node.get("parameters")
            for index, parameter in enumerate(parameters if isinstance(parameters, list) else ()):
                if isinstance(parameter, dict) and "$ref" not in parameter:
                    yield f"{at}/parameters/{index}", parameter, "parameter"
            if at == base:
                continue
            body = node.get("requestBody")
            yield from _media(f"{at}/requestBody", body)
            responses = node.get("responses")
            for code, response in (responses.items() if isinstance(responses, dict) else ()):
                yield from _media(f"{at}/responses/{escape_pointer(str(code))}", response)


def _media(at: str, holder: Any) -> Iterator[tuple[str, dict[str, Any], str]]:
    content = holder.get("content") if isinstance(holder, dict) else None
    for media, node in (content.items() if isinstance(content, dict) else ()):
        if isinstance(node, dict):
            yield f"{at}/content/{escape_pointer(str(media))}", node, "media type"


def _examples(node: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(pointer below ``node``, value) of its inline examples."""
    if "example" in node:
        yield "/example", node["example"]
    examples = node.get("examples")
    for name, entry in (examples.items() if isinstance(examples, dict) else ()):
        if isinstance(entry, dict) and "value" in entry and "$ref" not in entry:
            yield f"/examples/{escape_pointer(str(name))}/value", entry["value"]


def example_problems(contract: Contract) -> Iterator[tuple[str, str, str]]:
    """(pointer, message, hint) of each example that contradicts the contract."""
    uri = contract.docs.entry_uri
    checked = 0
    for at, node, kind in _holders(contract.document):
        if "example" in node and "examples" in node:
            which = (f"parameter {node.get('name')!r}" if kind == "parameter"
                     else "this media type")
            yield (f"{at}/example", f"{which} has both `example` and `examples`; OpenAPI "
                   "allows one or the other",
                   "keep `examples` (named examples) or `example`, not both")
        schema = node.get("schema")
        if not isinstance(schema, dict):
            continue
        for below, value in _examples(node):
            if checked >= _MAX_EXAMPLES:
                return
            checked += 1
            try:
                validator = contract.bare_validator(SchemaRef(uri, f"{at}/schema"))
                errors = list(validator.iter_errors(value))
            except (ContractError, ValueError, RecursionError):
                continue  # a schema that does not compile is reported by its own check
            if errors:
                first = errors[0]
                where = "".join(f"/{escape_pointer(str(t))}" for t in first.instance_path)
                yield (f"{at}{below}", f"this {kind}'s example breaks its own schema"
                       f"{f' at {where}' if where else ''}: {str(first.message)[:200]}",
                       "correct the example (clients, mocks and docs show it as what the API "
                       "sends) or the schema")
