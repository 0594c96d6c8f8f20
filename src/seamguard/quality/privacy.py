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

__all__ = ["listed_values", "mask_value", "masked_rows", "pii_columns", "shown_kwargs",
           "shown_observed"]

# An expectation's arguments that list values of the data itself (the statuses a column may
# hold, customers it must not hold, pairs of values) rather than the suite's own settings.
_LISTED = ("value_set", "value_pairs_set")


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


def listed_values(kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """The values an expectation lists from the data (``value_set``...): the suite's own, yet
    a report shows each only when it is provably impersonal — a set of statuses reads as it is
    written, a customer's name in a set is shown by its shape."""
    return tuple(kwargs[name] for name in _LISTED if kwargs.get(name) is not None)


def shown_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """An expectation's arguments as a report shows them: :func:`listed_values` masked and,
    where not provably impersonal, shown by their shape."""
    from seamguard.privacy.observed import observed

    if not listed_values(kwargs):
        return kwargs
    return {name: observed(mask_data(value))[0] if name in _LISTED and value is not None
            else value for name, value in kwargs.items()}


def shown_observed(value: Any) -> Any:
    """An expectation's observed value (a column's distinct or most common values) as a report
    shows it: masked, and by its shape where not provably impersonal."""
    from seamguard.privacy.observed import observed

    if value is None or isinstance(value, bool | int | float):
        return value
    return observed(mask_data(value))[0]
