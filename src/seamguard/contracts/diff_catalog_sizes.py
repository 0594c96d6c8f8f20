"""Catalogue rows for the size and value keywords oasdiff's newer checks judge: ``maxItems``
of bodies and properties, ``maxProperties``/``minProperties``, ``multipleOf``, ``uniqueItems``,
and numeric bounds dropped from a response.

Same format as :data:`seamguard.contracts.diff_catalog._OASDIFF_TABLE` (one ``id level`` a
line under ``# family``); levels follow the rest of the catalogue: a request that accepts less
is an error (a bound newly written is a warning, as every ``*-set`` rule), a response that may
hold more is an error, a request that accepts more (a bound dropped, a finer step) is info.
"""

from __future__ import annotations

SIZES_TABLE = """
# constraints
request-body-max-items-decreased error
request-body-max-items-increased info
request-body-max-items-set warning
request-property-max-items-decreased error
request-property-max-items-increased info
request-property-max-items-set warning
request-parameter-max-items-set warning
response-body-max-items-increased error
response-body-max-items-unset error
response-property-max-items-increased error
response-property-max-items-unset error
request-body-max-properties-decreased error
request-body-max-properties-increased info
request-body-max-properties-set warning
request-property-max-properties-decreased error
request-property-max-properties-increased info
request-property-max-properties-set warning
request-parameter-max-properties-decreased error
request-parameter-max-properties-increased info
request-parameter-max-properties-set warning
response-body-max-properties-increased error
response-body-max-properties-unset error
response-property-max-properties-increased error
response-property-max-properties-unset error
request-body-min-properties-increased error
request-body-min-properties-decreased info
request-property-min-properties-increased error
request-property-min-properties-decreased info
request-parameter-min-properties-increased error
request-parameter-min-properties-decreased info
response-body-min-properties-decreased error
response-property-min-properties-decreased error
request-body-multiple-of-set warning
request-body-multiple-of-changed error
request-property-multiple-of-set warning
request-property-multiple-of-changed error
request-parameter-multiple-of-set warning
request-parameter-multiple-of-changed error
response-body-multiple-of-changed error
response-body-multiple-of-unset error
response-property-multiple-of-changed error
response-property-multiple-of-unset error
request-body-unique-items-set error
request-body-unique-items-unset info
request-property-unique-items-set error
request-property-unique-items-unset info
request-parameter-unique-items-set error
request-parameter-unique-items-unset info
response-body-unique-items-unset error
response-property-unique-items-unset error
response-body-max-unset error
response-property-max-unset error
response-body-exclusive-max-unset error
response-property-exclusive-max-unset error
response-body-min-unset error
response-property-min-unset error
response-body-exclusive-min-unset error
response-property-exclusive-min-unset error
request-body-max-length-unset info
request-body-max-items-unset info
request-body-max-unset info
request-body-exclusive-max-unset info
request-body-min-unset info
request-body-exclusive-min-unset info
request-body-max-properties-unset info
request-body-multiple-of-unset info
request-body-multiple-of-generalized info
request-property-max-length-unset info
request-property-max-items-unset info
request-property-max-unset info
request-property-exclusive-max-unset info
request-property-min-unset info
request-property-exclusive-min-unset info
request-property-max-properties-unset info
request-property-multiple-of-unset info
request-property-multiple-of-generalized info
request-parameter-max-length-unset info
request-parameter-max-items-unset info
request-parameter-max-unset info
request-parameter-exclusive-max-unset info
request-parameter-min-unset info
request-parameter-exclusive-min-unset info
request-parameter-max-properties-unset info
request-parameter-multiple-of-unset info
request-parameter-multiple-of-generalized info
"""
