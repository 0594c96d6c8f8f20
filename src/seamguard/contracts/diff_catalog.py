"""The catalogue of ``contract diff`` rules: every rule id, its level and its family.

Ids and levels follow oasdiff's public rule list (its ``checker`` rules and documentation) where
oasdiff names the same change, so a team moving between the tools reads the same ids; the rules
seamguard adds are listed in ``SEAMGUARD_RULES``. A rule id the schema walk computes but the
catalogue does not hold is not a rule: the walk drops it (oasdiff, for instance, has no
``request-body-enum-value-added``), which keeps the ids honest in one place.

``docs/diff-rules.md`` is this table for people (a test keeps the two in step). The JSON Schema
2020-12 keyword rows live in :mod:`~seamguard.contracts.diff_catalog_keywords`, the newer size and
enum rows in :mod:`~seamguard.contracts.diff_catalog_sizes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from seamguard.contracts.diff_catalog_keywords import KEYWORDS_TABLE
from seamguard.contracts.diff_catalog_sizes import SIZES_TABLE

__all__ = ["LEVELS", "SEAMGUARD_RULES", "Rule", "level_of", "rule", "rules"]

LEVELS = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    """One rule: its id, default level, family and whether oasdiff has the same id."""

    id: str
    level: str
    family: str
    oasdiff: bool


#: Rules seamguard reports that oasdiff's catalogue has no id for (id, level, family).
SEAMGUARD_RULES: tuple[tuple[str, str, str], ...] = (
    ("request-additional-properties-disallowed", "error", "properties"),
    ("request-parameter-content-media-type-changed", "error", "parameters"),
    ("request-parameter-style-changed", "error", "parameters"),
    ("request-parameter-explode-changed", "error", "parameters"),
    ("request-parameter-became-allow-reserved", "info", "parameters"),
    ("request-parameter-became-not-allow-reserved", "error", "parameters"),
    ("api-security-tightened", "error", "security"),
    ("api-security-scheme-type-changed", "error", "security"),
    ("api-security-scheme-name-changed", "error", "security"),
    ("api-security-scheme-in-changed", "error", "security"),
    ("api-security-scheme-scheme-changed", "error", "security"),
    ("api-security-scheme-bearer-format-changed", "info", "security"),
    ("api-security-scheme-openid-connect-url-changed", "error", "security"),
)

# One rule a line, ``id level``, under ``# family`` headings.
_OASDIFF_TABLE = """
# components
api-schema-removed info
# composition
request-body-all-of-added error
request-body-all-of-removed warning
request-property-all-of-added error
request-property-all-of-removed warning
request-body-all-of-added-annotation-only info
request-body-all-of-removed-annotation-only info
request-property-all-of-added-annotation-only info
request-property-all-of-removed-annotation-only info
request-body-any-of-added info
request-body-any-of-removed error
request-property-any-of-added info
request-property-any-of-removed error
request-body-one-of-added info
request-body-one-of-removed error
request-property-one-of-added info
request-property-one-of-removed error
request-body-wrapped-in-one-of error
response-body-all-of-added info
response-body-all-of-removed info
response-property-all-of-added info
response-property-all-of-removed info
response-body-all-of-added-annotation-only info
response-body-all-of-removed-annotation-only info
response-property-all-of-added-annotation-only info
response-property-all-of-removed-annotation-only info
response-body-any-of-added info
response-body-any-of-removed info
response-property-any-of-added info
response-property-any-of-removed info
response-body-one-of-added error
response-body-one-of-removed info
response-property-one-of-added error
response-property-one-of-removed info
response-body-wrapped-in-one-of error
# constraints
request-parameter-max-items-increased info
request-parameter-max-items-decreased error
request-parameter-max-length-set warning
request-parameter-max-length-increased info
request-parameter-max-length-decreased error
request-parameter-max-set warning
request-parameter-exclusive-max-set warning
request-parameter-max-increased info
request-parameter-max-decreased error
request-parameter-exclusive-max-increased info
request-parameter-exclusive-max-decreased error
request-parameter-min-items-set warning
request-parameter-min-items-increased error
request-parameter-min-items-decreased info
request-parameter-min-length-increased error
request-parameter-min-length-decreased info
request-parameter-min-set warning
request-parameter-exclusive-min-set warning
request-parameter-min-increased error
request-parameter-min-decreased info
request-parameter-exclusive-min-increased error
request-parameter-exclusive-min-decreased info
request-parameter-pattern-added error
request-parameter-pattern-removed info
request-parameter-pattern-changed warning
request-parameter-pattern-generalized info
request-body-max-decreased error
request-body-max-increased info
request-property-max-decreased error
request-property-max-increased info
request-body-exclusive-max-decreased error
request-body-exclusive-max-increased info
request-property-exclusive-max-decreased error
request-property-exclusive-max-increased info
request-body-max-length-set warning
request-property-max-length-set warning
request-body-max-length-decreased error
request-body-max-length-increased info
request-property-max-length-decreased error
request-property-max-length-increased info
request-body-max-set warning
request-property-max-set warning
request-body-exclusive-max-set warning
request-property-exclusive-max-set warning
request-body-min-increased error
request-body-min-decreased info
request-property-min-increased error
request-property-min-decreased info
request-body-exclusive-min-increased error
request-body-exclusive-min-decreased info
request-property-exclusive-min-increased error
request-property-exclusive-min-decreased info
request-body-min-items-increased error
request-property-min-items-increased error
request-body-min-items-set warning
request-property-min-items-set warning
request-body-min-length-increased error
request-body-min-length-decreased info
request-property-min-length-increased error
request-property-min-length-decreased info
request-body-min-set warning
request-property-min-set warning
request-body-exclusive-min-set warning
request-property-exclusive-min-set warning
request-property-pattern-removed info
request-property-pattern-added error
request-property-pattern-changed warning
request-property-pattern-generalized info
response-property-pattern-added info
response-property-pattern-changed info
response-property-pattern-removed info
response-body-max-increased error
response-property-max-increased error
response-body-exclusive-max-increased error
response-property-exclusive-max-increased error
response-body-max-length-increased error
response-property-max-length-increased error
response-body-max-length-unset error
response-property-max-length-unset error
response-body-min-decreased error
response-property-min-decreased error
response-body-exclusive-min-decreased error
response-property-exclusive-min-decreased error
response-body-min-items-decreased error
response-property-min-items-decreased error
response-body-min-items-unset error
response-property-min-items-unset error
response-body-min-length-decreased error
response-property-min-length-decreased error
# defaults
new-required-request-default-parameter-to-existing-path error
new-optional-request-default-parameter-to-existing-path info
request-parameter-default-value-changed error
request-parameter-default-value-added error
request-parameter-default-value-removed error
request-body-default-value-added info
request-body-default-value-removed info
request-body-default-value-changed info
request-property-default-value-added info
request-property-default-value-removed info
request-property-default-value-changed info
request-property-became-required-with-default error
new-required-request-property-with-default error
response-body-default-value-added info
response-body-default-value-removed info
response-body-default-value-changed info
response-property-default-value-added info
response-property-default-value-removed info
response-property-default-value-changed info
# deprecation
request-property-deprecated info
request-property-reactivated info
response-property-deprecated info
response-property-reactivated info
endpoint-reactivated info
endpoint-deprecated info
request-parameter-reactivated info
request-parameter-deprecated info
request-parameter-removed-with-deprecation info
endpoint-deprecated-with-sunset info
api-deprecated-sunset-missing error
api-deprecated-sunset-parse error
api-sunset-date-too-small error
sunset-deleted error
api-sunset-date-changed-too-small error
api-path-sunset-parse error
request-parameter-deprecated-sunset-missing error
request-parameter-sunset-parse error
request-parameter-sunset-date-too-small error
request-parameter-sunset-deleted error
request-parameter-sunset-date-changed-too-small error
request-parameter-removed-before-sunset error
request-property-deprecated-with-sunset info
request-property-deprecated-sunset-missing error
request-property-deprecated-sunset-invalid error
request-property-sunset-date-too-small error
response-property-deprecated-with-sunset info
response-property-deprecated-sunset-missing error
response-property-deprecated-sunset-invalid error
response-property-sunset-date-too-small error
# discriminator
request-body-discriminator-added info
request-body-discriminator-removed info
request-body-discriminator-property-name-changed info
request-body-discriminator-mapping-added info
request-body-discriminator-mapping-deleted info
request-body-discriminator-mapping-changed info
request-property-discriminator-added info
request-property-discriminator-removed info
request-property-discriminator-property-name-changed info
request-property-discriminator-mapping-added info
request-property-discriminator-mapping-deleted info
request-property-discriminator-mapping-changed info
response-body-discriminator-added info
response-body-discriminator-removed info
response-body-discriminator-property-name-changed info
response-body-discriminator-mapping-added info
response-body-discriminator-mapping-deleted info
response-body-discriminator-mapping-changed info
response-property-discriminator-added info
response-property-discriminator-removed info
response-property-discriminator-property-name-changed info
response-property-discriminator-mapping-added info
response-property-discriminator-mapping-deleted info
response-property-discriminator-mapping-changed info
# endpoints
endpoint-added info
api-path-removed-without-deprecation error
api-path-removed-with-deprecation info
api-removed-without-deprecation error
api-removed-with-deprecation info
api-path-removed-before-sunset error
api-removed-before-sunset error
webhook-added info
webhook-removed error
# enums
request-body-became-enum error
request-parameter-became-enum error
request-parameter-enum-value-added info
request-parameter-enum-value-removed error
request-parameter-property-enum-value-added info
request-parameter-property-enum-value-removed error
request-property-became-enum error
request-property-enum-value-removed error
request-property-enum-value-added info
response-property-enum-value-added warning
response-property-enum-value-removed info
request-body-enum-value-removed error
# headers
new-required-request-header-property error
request-header-property-became-enum error
request-header-property-became-required error
response-header-became-optional error
required-response-header-removed error
optional-response-header-removed warning
response-header-added info
response-header-type-changed error
response-header-type-generalized error
response-header-type-specialized info
response-header-type-compatible info
response-header-became-nullable error
response-header-became-not-nullable info
# media-types
request-body-media-type-added info
request-body-media-type-removed error
request-body-media-type-schema-added error
request-body-media-type-schema-removed info
response-body-media-type-schema-added info
response-body-media-type-schema-removed warning
response-media-type-removed error
response-media-type-added info
response-media-type-name-changed info
response-media-type-name-generalized error
response-media-type-name-specialized info
response-mediatype-enum-value-removed info
# nullability
request-parameter-became-nullable info
request-parameter-became-not-nullable error
request-parameter-property-became-nullable info
request-parameter-property-became-not-nullable error
request-body-became-not-nullable error
request-body-became-nullable info
request-property-became-not-nullable error
request-property-became-nullable info
response-property-became-nullable error
response-body-became-nullable error
response-property-became-not-nullable info
response-body-became-not-nullable info
# operation-metadata
api-operation-id-removed info
api-operation-id-added info
api-tag-removed info
api-tag-added info
# parameters
new-required-request-parameter error
new-optional-request-parameter info
new-request-path-parameter error
request-parameter-removed warning
request-parameter-became-required error
request-parameter-became-optional info
# properties
request-property-became-required error
request-property-became-optional info
request-property-removed warning
new-required-request-property error
new-optional-request-property info
response-optional-property-removed warning
response-optional-property-added info
response-property-became-optional error
response-property-became-required info
response-required-property-removed error
response-required-property-added info
# read-write-only
request-read-only-property-enum-value-removed info
request-read-only-property-max-decreased info
request-read-only-property-exclusive-max-decreased info
request-read-only-property-max-length-decreased info
request-read-only-property-min-increased info
request-read-only-property-exclusive-min-increased info
request-optional-property-became-not-write-only info
request-optional-property-became-write-only info
request-optional-property-became-read-only info
request-optional-property-became-not-read-only info
request-required-property-became-not-write-only info
request-required-property-became-write-only info
request-required-property-became-read-only info
request-required-property-became-not-read-only info
response-optional-write-only-property-removed info
response-optional-write-only-property-added info
response-optional-property-became-not-write-only info
response-optional-property-became-write-only info
response-optional-property-became-read-only info
response-optional-property-became-not-read-only info
response-write-only-property-became-optional info
response-write-only-property-became-required info
response-write-only-property-enum-value-added info
response-required-write-only-property-removed info
response-required-write-only-property-added info
response-required-property-became-not-write-only warning
response-required-property-became-write-only info
response-required-property-became-read-only info
response-required-property-became-not-read-only info
# request-body
request-body-added-required error
request-body-added-optional info
request-body-removed error
request-body-became-optional info
request-body-became-required error
# responses
response-success-status-removed error
response-success-status-added info
response-non-success-status-removed info
response-non-success-status-added info
# security
api-security-component-removed info
api-security-component-added info
api-security-component-oauth-url-changed info
api-security-component-type-changed info
api-security-component-oauth-token-url-changed info
api-security-component-oauth-scope-added info
api-security-component-oauth-scope-removed info
api-security-component-oauth-scope-changed info
api-security-removed info
api-security-added info
api-security-scope-added info
api-security-scope-removed info
api-global-security-removed info
api-global-security-added info
api-global-security-scope-added info
api-global-security-scope-removed info
# stability
api-stability-decreased error
api-stability-increased info
api-invalid-stability-level error
request-property-stability-decreased error
request-property-stability-increased info
response-property-stability-decreased error
response-property-stability-increased info
# types
request-parameter-type-changed error
request-parameter-type-generalized info
request-parameter-property-type-changed warning
request-parameter-property-type-generalized info
request-parameter-property-type-specialized error
request-body-type-generalized info
request-body-type-compatible info
request-body-type-changed error
request-property-type-generalized info
request-property-type-compatible info
request-property-type-changed error
response-body-type-changed error
response-body-type-generalized error
response-body-type-specialized info
response-body-type-compatible info
response-property-type-changed error
response-property-type-generalized error
response-property-type-specialized info
response-property-type-compatible info
request-body-list-of-types-widened info
request-body-list-of-types-narrowed error
request-property-list-of-types-widened info
request-property-list-of-types-narrowed error
response-body-list-of-types-widened error
response-body-list-of-types-narrowed info
response-property-list-of-types-widened error
response-property-list-of-types-narrowed info
request-parameter-list-of-types-widened info
request-parameter-list-of-types-narrowed error
request-parameter-property-list-of-types-widened info
request-parameter-property-list-of-types-narrowed error
# versioning
api-version-not-bumped info
api-version-decreased info
api-major-version-not-bumped info
# x-extensible-enum
request-parameter-x-extensible-enum-value-removed error
request-property-x-extensible-enum-value-removed error
"""


@cache
def rules() -> dict[str, Rule]:
    """Every rule by id: oasdiff-compatible ones, then seamguard's own."""
    found: dict[str, Rule] = {}
    family = ""
    for line in (_OASDIFF_TABLE + KEYWORDS_TABLE + SIZES_TABLE).splitlines():
        if line.startswith("# "):
            family = line[2:]
        elif line.strip():
            rule_id, level = line.split()
            found[rule_id] = Rule(rule_id, level, family, oasdiff=True)
    for rule_id, level, family in SEAMGUARD_RULES:
        found[rule_id] = Rule(rule_id, level, family, oasdiff=False)
    return found


def rule(rule_id: str) -> Rule | None:
    """The rule named ``rule_id``, or None when the catalogue has no such rule."""
    return rules().get(rule_id)


def level_of(rule_id: str) -> str:
    """The default level of ``rule_id`` (``info`` for an id the catalogue lacks)."""
    found = rules().get(rule_id)
    return found.level if found else "info"
