"""Named value transforms for field-mapping specs (``transforms: [trim, {phone_e164: ...}]``).

Each is a function ``func(value, **params)`` registered with the JSON types it accepts and
returns (the mapping lint type-checks pipelines with them) and the laws it keeps (idempotence,
tested on generated data). The registry and the decorator live in ``core``; the built-ins in
one module per kind of value, imported below in the order ``seamguard map transforms`` lists
them, with their parsing and tables in ``reference_data``. Other packages publish theirs as
``seamguard.transforms`` entry points. ``None`` passes through, except for ``default``; ``""``
is not missing (``phone_e164("")`` fails), so put ``{default: {value: null}}`` first to treat
blanks as missing.
"""

from __future__ import annotations

# The built-in modules register their transforms when imported; this is the one place that
# imports them, so the registry is complete whenever this package is.
# isort: off
from seamguard.mapping.transforms import text
from seamguard.mapping.transforms import numbers
from seamguard.mapping.transforms import contact
from seamguard.mapping.transforms import dates
from seamguard.mapping.transforms import places
# isort: on
from seamguard.mapping.transforms.core import (
    JSON_TYPES,
    TRANSFORMS,
    JsonType,
    TransformError,
    TransformSpec,
    load_plugins,
    transform,
)

__all__ = [
    "JSON_TYPES", "TRANSFORMS", "JsonType", "TransformError", "TransformSpec", "contact",
    "dates", "load_plugins", "numbers", "places", "text", "transform",
]
