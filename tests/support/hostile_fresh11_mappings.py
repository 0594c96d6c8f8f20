"""Mapping specs wrong in what their rules mean, for ``hostile_fresh11``.

``mp11``: one edit each to a copy of the example Shopify order -> HubSpot deal mapping, run by
``map lint``: enum maps that are not total, give values the target does not take, hold null,
a list or a table where a value is wanted, or are named and missing; transforms unknown, with a
parameter unknown, out of its documented range or of the wrong kind (``decimal.places`` 31,
-1, 2.5, "2", true; an IANA zone that is none; an offset letter in ``datetime_local``'s
format; a regex that does not compile, backtracks, or inserts a group it lacks); pipelines whose
steps do not take what the step before gives; source and target paths that do not exist, are
empty or written in other tools' habits; a rule with both ``constant`` and ``source`` or
neither, a ``default`` or ``constant`` the target cannot hold, ``required`` as a word, two rules
for one target, ``$target`` naming no rule, ``identity`` and ``version`` naming no field; golden
examples that disagree with the rules (under ``map test``, which runs them: ``map lint`` does
not). Each must be named in the spec (exit 1 or 2), never pass and never crash.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, json_args
from tests.support.projects import REPO, copy_example

MAPPING = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
_NAME = MAPPING.rsplit("/", 1)[1]
CLEAN = frozenset({0})

_DECIMAL = "transforms: [{decimal: {places: 2}}]"
_TZ = "transforms: [{datetime_utc: {tz: Asia/Shanghai}}]"
_REGEX = '{regex_replace: {pattern: "^", replacement: "Shopify "}}'
_TAGS = 'transforms: [split_tags, {join: {separator: ";"}}]'
_STAGE = "    source: financial_status\n    enum: deal_stage\n"
_PIPELINE = "  - target: pipeline\n    constant: default\n"

# label -> ([(text, replacement), ...], exits, names)
EDITS: dict[str, tuple[list[tuple[str, str]], frozenset[int], tuple[str, ...]]] = {
    "control=keeps": ([], CLEAN, ()),
    "enum-not-total": ([("    voided: closedlost\n", "")], FAILS, (_NAME,)),
    "enum-value-not-in-target": ([("    paid: closedwon\n", "    paid: closed_won\n")], FAILS,
                                 (_NAME,)),
    "enum-value-null": ([("    paid: closedwon\n", "    paid: ~\n")], FAILS, (_NAME,)),
    "enum-value-list": ([("    paid: closedwon\n", "    paid: [closedwon]\n")], FAILS,
                        (_NAME,)),
    "enum-value-table": ([("    paid: closedwon\n", "    paid: {to: closedwon}\n")], FAILS,
                         (_NAME,)),
    "enum-value-number": ([("    paid: closedwon\n", "    paid: 7\n")], FAILS, (_NAME,)),
    "enum-key-null": ([("    paid: closedwon\n", "    paid: closedwon\n    ~: closedlost\n")],
                      ANY, ()),
    "enum-key-bool": ([("    paid: closedwon\n", "    paid: closedwon\n    true: closedwon\n")],
                      ANY, ()),
    "enum-table-a-list": ([("  deal_stage:\n    pending: contractsent\n",
                            "  deal_stage:\n    - pending\n  old_stage:\n"
                            "    pending: contractsent\n")], FAILS, (_NAME,)),
    "enum-named-missing": ([(_STAGE, _STAGE.replace("deal_stage", "deal_stages"))], FAILS,
                           (_NAME,)),
    "enum-named-number": ([(_STAGE, _STAGE.replace("deal_stage", "7"))], FAILS, (_NAME,)),
    "enums-a-list": ([("enums:\n  deal_stage:\n", "enums: [deal_stage]\nold_enums:\n"
                                                  "  deal_stage:\n")], FAILS, (_NAME,)),
    "transform-unknown": ([("transforms: [trim, upper]", "transforms: [trim, uppercase]")],
                          FAILS, (_NAME, "upper")),
    "transform-unknown-in-table": ([(_DECIMAL, "transforms: [{decimals: {places: 2}}]")],
                                   FAILS, (_NAME,)),
    "transform-param-unknown": ([(_DECIMAL, "transforms: [{decimal: {place: 2}}]")], FAILS,
                                (_NAME, "places")),
    "decimal-places-31": ([(_DECIMAL, "transforms: [{decimal: {places: 31}}]")], FAILS,
                          (_NAME,)),
    "decimal-places-negative": ([(_DECIMAL, "transforms: [{decimal: {places: -1}}]")], FAILS,
                                (_NAME,)),
    "decimal-places-fraction": ([(_DECIMAL, "transforms: [{decimal: {places: 2.5}}]")], FAILS,
                                (_NAME,)),
    "decimal-places-text": ([(_DECIMAL, 'transforms: [{decimal: {places: "2"}}]')], FAILS,
                            (_NAME,)),
    "decimal-places-bool": ([(_DECIMAL, "transforms: [{decimal: {places: true}}]")], FAILS,
                            (_NAME,)),
    "decimal-places-null": ([(_DECIMAL, "transforms: [{decimal: {places: null}}]")], FAILS,
                            (_NAME,)),
    "tz-unknown": ([(_TZ, "transforms: [{datetime_utc: {tz: Mars/Olympus}}]")], FAILS,
                   (_NAME,)),
    "tz-offset-word": ([(_TZ, 'transforms: [{datetime_utc: {tz: "UTC+8"}}]')], FAILS,
                       (_NAME,)),
    "tz-path-escape": ([(_TZ, 'transforms: [{datetime_utc: {tz: "../../etc/passwd"}}]')],
                       FAILS, (_NAME,)),
    "tz-number": ([(_TZ, "transforms: [{datetime_utc: {tz: 8}}]")], FAILS, (_NAME,)),
    "format-unknown-letters": ([(_TZ, 'transforms: [{datetime_utc: {tz: Asia/Shanghai, '
                                      'format: "qqqq-QQ"}}]')], FAILS, (_NAME,)),
    "local-format-with-offset": ([(_TZ, 'transforms: [{datetime_utc: {tz: Asia/Shanghai}}, '
                                        '{datetime_local: {tz: Asia/Shanghai, format: '
                                        '"yyyy-MM-dd HH:mm:ssXXX"}}]')], FAILS, (_NAME,)),
    "regex-not-compiling": ([(_REGEX, '{regex_replace: {pattern: "([", replacement: "x"}}')],
                            FAILS, (_NAME,)),
    "regex-nested-plus": ([(_REGEX, '{regex_replace: {pattern: "(a+)+$", replacement: "x"}}')],
                          FAILS, (_NAME,)),
    "regex-words-star": ([(_REGEX, '{regex_replace: {pattern: "(\\\\w+\\\\s?)*$", '
                                   'replacement: "x"}}')], FAILS, (_NAME,)),
    "regex-any-or-space": ([(_REGEX, '{regex_replace: {pattern: "(.|\\\\s)*", '
                                     'replacement: "x"}}')], FAILS, (_NAME,)),
    "regex-group-missing": ([(_REGEX, '{regex_replace: {pattern: "^(#)", '
                                      'replacement: "\\\\2"}}')], FAILS, (_NAME,)),
    "regex-no-replacement": ([(_REGEX, '{regex_replace: {pattern: "^"}}')], FAILS, (_NAME,)),
    "regex-pattern-list": ([(_REGEX, '{regex_replace: {pattern: ["^"], replacement: "x"}}')],
                           FAILS, (_NAME,)),
    "join-separator-number": ([(_TAGS, "transforms: [split_tags, {join: {separator: 7}}]")],
                              FAILS, (_NAME,)),
    "pipeline-array-into-trim": ([(_TAGS, "transforms: [split_tags, trim]")], FAILS, (_NAME,)),
    "pipeline-integer-into-upper": ([("transforms: [trim, upper]",
                                      "transforms: [trim, to_integer, upper]")], FAILS,
                                    (_NAME,)),
    "pipeline-minor-units-into-text": ([(_DECIMAL, "transforms: [{decimal: {places: 2}}, "
                                                   "{money_to_minor: {currency: CNY}}]")],
                                       FAILS, (_NAME,)),
    "pipeline-split-into-scalar": ([("transforms: [trim, upper]", "transforms: [split]")],
                                   FAILS, (_NAME,)),
    "source-nested-missing": ([("    source: currency\n", "    source: currency.code.iso\n")],
                              FAILS, (_NAME,)),
    "source-empty": ([("    source: currency\n", '    source: ""\n')], FAILS, (_NAME,)),
    "source-double-dot": ([("    source: currency\n", "    source: customer..email\n")],
                          FAILS, (_NAME,)),
    "source-jsonpath-habit": ([("    source: currency\n", "    source: $.currency\n")], FAILS,
                              (_NAME, "currency")),
    "source-array-into-scalar": ([("    source: currency\n", "    source: line_items[].sku\n")],
                                 FAILS, (_NAME,)),
    "source-list-of-numbers": ([("    source: currency\n", "    source: [1, 2]\n")], FAILS,
                               (_NAME,)),
    "target-missing": ([("  - target: deal_currency_code\n", "  - target: deal_currency\n")],
                       FAILS, (_NAME,)),
    "target-nested-into-text": ([("  - target: deal_currency_code\n",
                                  "  - target: dealname.currency\n")], FAILS, (_NAME,)),
    "target-twice": ([("  - target: deal_currency_code\n", "  - target: dealname\n")], FAILS,
                     (_NAME,)),
    "target-empty": ([("  - target: deal_currency_code\n", '  - target: ""\n')], FAILS,
                     (_NAME,)),
    "constant-and-source": ([(_PIPELINE, _PIPELINE + "    source: name\n")], FAILS, (_NAME,)),
    "neither-constant-nor-source": ([(_PIPELINE, "  - target: pipeline\n")], FAILS, (_NAME,)),
    "constant-a-table": ([(_PIPELINE, "  - target: pipeline\n    constant: {a: 1}\n")], FAILS,
                         (_NAME,)),
    "default-a-list": ([("  - target: shopify_cancel_reason\n    source: cancel_reason\n",
                         "  - target: shopify_cancel_reason\n    source: cancel_reason\n"
                         "    default: [a]\n")], FAILS, (_NAME,)),
    "required-a-word": ([("    transforms: [to_string]\n    required: true\n",
                          "    transforms: [to_string]\n    required: always\n")], FAILS,
                        (_NAME,)),
    "target-ref-nowhere": ([("    source: cancel_reason\n", "    source: $target.nowhere\n")],
                           FAILS, (_NAME,)),
    "identity-source-missing": ([("identity: {source: id,", "identity: {source: order_no,")],
                                FAILS, (_NAME,)),
    "version-field-missing": ([("version: {field: updated_at,", "version: {field: updatedAt,")],
                              FAILS, (_NAME,)),
    "version-tie-break-a-word": ([("tie_break: [id]", "tie_break: 7")], FAILS, (_NAME,)),
    "schema-pointer-missing": ([('schema: "#/components/schemas/Order"',
                                 'schema: "#/components/schemas/Orders"')], FAILS, (_NAME,)),
    "schema-pointer-no-hash": ([('schema: "#/components/schemas/Order"',
                                 'schema: "components/schemas/Order"')], FAILS, (_NAME,)),
    "contract-version-unknown": ([("contract: shopify@2024-07", "contract: shopify@2099-01")],
                                 FAILS, (_NAME,)),
    "contract-no-version": ([("contract: shopify@2024-07", "contract: shopify")], FAILS,
                            (_NAME,)),
    "example-output-wrong": ([('      amount: "935.00"\n', '      amount: "935.01"\n')], FAILS,
                             (_NAME,)),
    "example-input-wrong-kind": ([('      total_price: "935"\n', "      total_price: [935]\n")],
                                 FAILS, (_NAME,)),
    "example-output-extra": ([('      amount: "935.00"\n', '      amount: "935.00"\n'
                                                         "      nonsense: 1\n")], FAILS,
                             (_NAME,)),
    # (two examples of one name are each still checked: nothing is lost, so either verdict)
    "example-name-twice": ([("  - name: refunded order\n", "  - name: paid order in Shanghai\n")],
                           ANY, ()),
    "top-key-misspelt": ([("\nfields:\n", "\nfeilds:\n")], FAILS, (_NAME,)),
    "fields-twice": ([("\nenums:\n", "\nfields: []\nenums:\n")], FAILS, (_NAME,)),
}


def _case(label: str, edits: list[tuple[str, str]], exits: frozenset[int],
          names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = copy_example(root / "p", sync_examples=1)
        spec = project / MAPPING
        text = spec.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"{label}: {old!r} is not in the mapping"
            text = text.replace(old, new, 1)
        spec.write_text(text, encoding="utf-8")
        return json_args("map test" if label.startswith("example-") else "map lint", project)
    return Case(f"mp11:{label}", setup, exits, names)


def check_edits() -> list[str]:
    """The labels whose edit no longer finds its text in the example mapping."""
    text = (REPO / MAPPING).read_text(encoding="utf-8")
    return [label for label, (edits, _, _) in EDITS.items()
            if any(old not in text for old, _ in edits)]


def mapping_cases() -> list[Case]:
    return [_case(label, *spec) for label, spec in EDITS.items()]
