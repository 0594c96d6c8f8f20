"""Personal data in sample rows and differences: masked before any report sees them."""

from __future__ import annotations

from typing import Any

from seamguard.project import Project
from seamguard.recordings.scrub import (
    ScrubPolicy,
    mask_address,
    mask_email,
    mask_name,
    mask_phone,
    scrub_json,
)

__all__ = ["mask_value", "masked_rows", "pii_columns"]


def pii_columns(project: Project, dataset: str) -> set[str]:
    """Columns the dataset's mapping marks ``pii: true`` (by target field name)."""
    settings = project.settings.datasets.get(dataset)
    if settings is None or not settings.mapping:
        return set()
    from seamguard.quality.mappings import find_mapping

    mapping = find_mapping(project, settings.mapping)
    if mapping is None:
        return set()
    return {rule.target for rule in mapping.spec.fields if rule.pii}


def mask_value(column: str, value: Any) -> Any:
    """Mask one personal value, choosing the mask from the column name and the value."""
    if not isinstance(value, str) or not value:
        return value
    lowered = column.lower()
    if "@" in value or "email" in lowered:
        return mask_email(value)
    if any(word in lowered for word in ("phone", "mobile", "tel")):
        return mask_phone(value)
    if "address" in lowered:
        return mask_address(value)
    return mask_name(value)


def masked_rows(rows: list[dict[str, Any]], pii: set[str]) -> list[dict[str, Any]]:
    """Rows with personal fields masked: known PII names, plus the mapping's ``pii`` columns."""
    policy = ScrubPolicy.default()
    out = []
    for row in rows:
        clean = scrub_json(row, policy)
        assert isinstance(clean, dict)
        for column in pii & set(row):
            if clean[column] == row[column]:
                clean[column] = mask_value(column, row[column])
        out.append(clean)
    return out
