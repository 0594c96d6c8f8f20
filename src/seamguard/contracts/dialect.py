"""The JSON Schema dialect an OpenAPI 3.1 document declares with ``jsonSchemaDialect``.

seamguard validates a 3.1 document's schemas as the OpenAPI base dialect (JSON Schema 2020-12
plus the OpenAPI vocabulary); a document that declares another dialect would be validated by
rules its author did not mean, so every recording could pass or fail for the wrong reason.
Such a document is refused with the place of the declaration, never read as if it said nothing.
"""

from __future__ import annotations

from typing import Any

from seamguard.errors import ContractError

__all__ = ["KNOWN_DIALECTS", "check_dialect"]

_OAS_BASE = "https://spec.openapis.org/oas/3.1/dialect/"
KNOWN_DIALECTS = ("https://spec.openapis.org/oas/3.1/dialect/base",
                  "https://json-schema.org/draft/2020-12/schema")


def _known(uri: str) -> bool:
    uri = uri.rstrip("#")
    return uri in KNOWN_DIALECTS or uri.startswith(_OAS_BASE)


def check_dialect(document: dict[str, Any], file: str, line: int | None) -> None:
    """Raise a ContractError naming ``file`` and ``line`` if ``document`` declares a
    ``jsonSchemaDialect`` that is no URI string or a dialect seamguard does not validate."""
    if "jsonSchemaDialect" not in document:
        return
    value = document["jsonSchemaDialect"]
    hint = ("remove `jsonSchemaDialect` (the default is the OpenAPI base dialect) or set it to "
            f"{KNOWN_DIALECTS[0]}; schemas are validated as JSON Schema 2020-12 with the "
            "OpenAPI vocabulary")
    if not isinstance(value, str) or not value.strip():
        raise ContractError(
            f"jsonSchemaDialect must be a URI string, got {value!r} "
            f"(type={type(value).__name__})", file=file, line=line or 1,
            pointer="/jsonSchemaDialect", hint=hint)
    if not _known(value.strip()):
        raise ContractError(
            f"jsonSchemaDialect {value!r} is a dialect seamguard cannot validate; expected one "
            f"of {', '.join(KNOWN_DIALECTS)}", file=file, line=line or 1,
            pointer="/jsonSchemaDialect", hint=hint)
