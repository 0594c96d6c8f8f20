"""contract diff across the OpenAPI 3.0 → 3.1 rewrite of what a string carries: 3.0's
``format: byte``/``base64``/``base64url``/``binary`` became
``contentEncoding``/``contentMediaType``. The rewrite alone reports nothing; a real change made
with it still does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_diff_rules import Doc, diff


def spec(version: str, file: dict[str, Any], media: str) -> Doc:
    """An upload (request body property) that the response sends back as its whole body."""
    return {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {"/up": {
        "post": {"requestBody": {"required": True, "content": {media: {"schema": {
            "type": "object", "properties": {"file": file, "note": {"type": "string"}}}}}},
                 "responses": {"200": {"description": "ok", "content": {
                     "application/octet-stream": {"schema": file}}}}}}}}


SAME = [
    ({"type": "string", "format": "binary"},
     {"type": "string", "contentMediaType": "application/octet-stream"}, "multipart/form-data"),
    ({"type": "string", "format": "byte"},
     {"type": "string", "contentEncoding": "base64"}, "application/json"),
    ({"type": "string", "format": "base64"},
     {"type": "string", "contentEncoding": "base64"}, "application/json"),
    ({"type": "string", "format": "base64url"},
     {"type": "string", "contentEncoding": "base64url"}, "application/json"),
]


@pytest.mark.parametrize(("old", "new", "media"), SAME)
def test_the_31_spelling_of_a_30_content_format_is_no_change(
        tmp_path: Path, old: dict[str, Any], new: dict[str, Any], media: str) -> None:
    assert diff(tmp_path, spec("3.0.3", old, media), spec("3.1.0", new, media)) == []
    assert diff(tmp_path, spec("3.1.0", new, media), spec("3.0.3", old, media)) == []


CHANGED = [
    # a narrower media type than raw octets
    ({"type": "string", "format": "binary"},
     {"type": "string", "contentMediaType": "image/png"}, "multipart/form-data",
     "contentMediaType application/octet-stream → image/png"),
    # another encoding
    ({"type": "string", "format": "byte"},
     {"type": "string", "contentEncoding": "base32"}, "application/json",
     "contentEncoding base64 → base32"),
    # the URL-safe alphabet is another encoding than base64
    ({"type": "string", "format": "base64url"},
     {"type": "string", "contentEncoding": "base64"}, "application/json",
     "contentEncoding base64url → base64"),
]


@pytest.mark.parametrize(("old", "new", "media", "said"), CHANGED)
def test_a_real_change_made_with_the_rewrite_is_reported(
        tmp_path: Path, old: dict[str, Any], new: dict[str, Any], media: str,
        said: str) -> None:
    found = diff(tmp_path, spec("3.0.3", old, media), spec("3.1.0", new, media))
    assert {(c.id, c.level) for c in found} >= {
        (f"request-property-content-{'media-type' if 'Media' in said else 'encoding'}-changed",
         "error")}
    assert all(c.message == said for c in found), [c.message for c in found]
