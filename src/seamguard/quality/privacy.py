"""Personal data in sample rows and differences: masked before any report sees them.

Masking itself is :mod:`seamguard.privacy`'s; this module knows which dataset columns a mapping
marks ``pii: true``, so such a column is masked even when its content is not recognisable.
"""

from __future__ import annotations

from typing import Any

from seamguard.privacy.detect import Kind, whole_kind
from seamguard.privacy.fields import classify_key
from seamguard.privacy.guard import mask_value as mask_data
from seamguard.privacy.mask import is_masked, mask_kind
from seamguard.project import Project

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
    """Mask one value of a personal column: as what its content is, else as what the column's
    name says, else as a name."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value or is_masked(value):
        return value
    kind = whole_kind(value) or classify_key(column) or Kind.NAME
    return mask_kind(kind, value)


def masked_rows(rows: list[dict[str, Any]], pii: set[str]) -> list[dict[str, Any]]:
    """Rows with personal data masked by key and content, plus the mapping's ``pii`` columns;
    a value that is not provably impersonal (a bare name) shown by its shape."""
    from seamguard.privacy.observed import observed

    out = []
    for row in rows:
        clean = mask_data(row)
        for column in pii & set(row):
            if clean[column] == row[column]:
                clean[column] = mask_value(column, row[column])
        out.append(observed(clean)[0])
    return out
