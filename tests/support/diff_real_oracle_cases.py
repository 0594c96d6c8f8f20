"""Consecutive published versions of real specs, each with the verdict read off its raw diff.

Every pair names two versions of a spec in a public repository (a commit and a path each); no
spec text is kept here. The expected level of a pair is the highest level oasdiff's rule
catalogue gives the changes seen in the raw structural diff of the two files, read by hand with
each changed component traced to the operations that use it (a request, a response or both):
``error`` (breaking), ``warning`` (potentially breaking) or ``info`` (compatible). A label
names one change by a word of its place (a property, enum value, header) and the level that
change alone should get (``none``: oasdiff's catalogue has no rule for it, as for a response
minimum that goes up). ``stance`` is set where seamguard grades a change differently on
purpose, with the rule and the page of ``docs/diff-rules.md`` that says why.

Sources: ShipEngine's public spec (logistics: labels, rates, tracking; ``openapi.yaml`` of
``shipengine/shipengine-openapi``), HubSpot's CRM specs (deals and deal splits;
``HubSpot/HubSpot-public-api-spec-collection``) and BigCommerce's store API (carts and
customers; ``reference/*.v3.yml`` of ``bigcommerce/docs``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PAIRS", "Pair"]


@dataclass(frozen=True)
class Pair:
    """Two versions of one spec and what their diff should say."""

    name: str
    repo: str  # owner/name
    spec: str
    before: str  # commit
    after: str
    expected: str  # highest level, as oasdiff's catalogue grades the changes
    why: str
    labels: tuple[tuple[str, str], ...] = ()  # (word of the change's place, its level)
    stance: tuple[str, str] | None = None  # (seamguard's level, the documented reason)


SHIP = "shipengine/shipengine-openapi"
HUB = "HubSpot/HubSpot-public-api-spec-collection"
BIG = "bigcommerce/docs"
DEALS = "PublicApiSpecs/CRM/Deals/Rollouts/424/v3/deals.json"
SPLITS = "PublicApiSpecs/CRM/Deal Splits/Rollouts/157885/v3/dealSplits.json"
_TIGHTENED = ("error", "security, read as a caller: api-security-tightened when no new "
                       "alternative accepts an old caller (docs/diff-rules.md)")

PAIRS: tuple[Pair, ...] = (
    Pair("ship-tax-options-moved", SHIP, "openapi.yaml", "1f7f75d", "61e5bb4", "warning",
         "calculate_tax_amount and preferred_currency leave international_shipment_options "
         "(sent and returned: request-property-removed, response-optional-property-removed, "
         "both WARN) for rate_request_body (optional, INFO); track_event gains latitude and "
         "longitude (response, INFO)",
         (("calculate_tax_amount", "warning"), ("latitude", "info"))),
    Pair("ship-customs-value-money", SHIP, "openapi.yaml", "61e5bb4", "b3c1e81", "error",
         "customs_item.value, sent in shipment requests, goes from a number to the "
         "monetary_value object (request-property-type-changed, ERR); new carriers in the "
         "connect oneOf and a required `carriers` in a response are INFO",
         (("customs_items", "error"),)),
    Pair("ship-bill-to-collect-added", SHIP, "openapi.yaml", "b3c1e81", "3874d1c", "warning",
         "bill_to_party gains `collect`: in requests INFO, in responses "
         "response-property-enum-value-added WARN",
         (("bill_to_party", "warning"),)),
    Pair("ship-bill-to-collect-removed", SHIP, "openapi.yaml", "3874d1c", "a13cb56", "error",
         "bill_to_party loses `collect`, which clients may send "
         "(request-property-enum-value-removed, ERR)",
         (("bill_to_party", "error"),)),
    Pair("ship-label-fields-optional", SHIP, "openapi.yaml", "2add13f", "1f7f75d", "error",
         "the label schema's required list moves to create_label_response_body only: GET "
         "/v1/labels and /v1/labels/{label_id} no longer promise tracking_number, "
         "rma_number, ... (response-property-became-optional, ERR); two optional filters "
         "on GET /v1/labels, new enum values in responses (WARN)",
         (("rma_number", "error"),)),
    Pair("ship-batch-number", SHIP, "openapi.yaml", "439bd80", "b824175", "warning",
         "error_code gains insufficient_funds and carrier_name amazon_shipping_uk in "
         "responses (response-property-enum-value-added, WARN); optional batch_number and "
         "rotation query parameters, display_scheme properties, new required response "
         "properties (INFO)",
         (("insufficient_funds", "warning"), ("rotation", "info"))),
    Pair("ship-webhooks-added", SHIP, "openapi.yaml", "a13cb56", "29b0a1d", "info",
         "a new /v1/environment/webhooks path (endpoint-added, INFO)"),
    Pair("ship-address-nullable", SHIP, "openapi.yaml", "03ea4b9", "de61697", "error",
         "partial_address.company_name and response_message.detail_code may now be null in "
         "responses (response-property-became-nullable, ERR)",
         (("company_name", "error"), ("detail_code", "error"))),
    Pair("ship-address-not-nullable", SHIP, "openapi.yaml", "de61697", "5257867", "error",
         "partial_address.name and .phone, sent in requests, may no longer be null "
         "(request-property-became-not-nullable, ERR)",
         (("phone", "error"),)),
    Pair("ship-track-min-lowered", SHIP, "openapi.yaml", "5257867", "9cea062", "error",
         "track_event latitude/longitude minimums go from 0 to -90/-180 in a response "
         "(response-property-min-decreased, ERR)",
         (("latitude", "error"), ("longitude", "error"))),
    Pair("ship-track-min-raised", SHIP, "openapi.yaml", "9cea062", "67faf40", "error",
         "the minimums go back up (response-property-min-increased, INFO) but "
         "track_event.postal_code's minLength drops from 5 to 0 in a response "
         "(response-property-min-length-decreased, ERR)",
         (("postal_code", "error"), ("latitude", "none"))),
    Pair("ship-track-min-lowered-again", SHIP, "openapi.yaml", "67faf40", "563cc5c", "error",
         "the latitude/longitude minimums drop again (response-property-min-decreased, ERR)",
         (("latitude", "error"),)),
    Pair("ship-carriers-207", SHIP, "openapi.yaml", "3b8ef26", "439bd80", "info",
         "GET /v1/carriers documents a 207 partial success (response-success-status-added, "
         "INFO)"),
    Pair("ship-origin-type", SHIP, "openapi.yaml", "b824175", "86a94e4", "info",
         "optional origin_type on advanced_shipment_options and partial_shipment "
         "(new-optional-request-property, response-optional-property-added: INFO)"),
    Pair("ship-matched-address-nullable", SHIP, "openapi.yaml", "86a94e4", "dc2696b", "error",
         "address validation's matched_address may be null in the response "
         "(response-property-became-nullable, ERR); response_message's properties become "
         "required (response-property-became-required, INFO)",
         (("matched_address", "error"),)),
    Pair("ship-tax-identifiers", SHIP, "openapi.yaml", "8ad7d79", "0756344", "info",
         "optional properties only: shipper_release, sold_to, invoice_amount, "
         "invoice_currency_code, tax_identifiers (INFO)"),
    Pair("hub-deals-hapikey-scheme", HUB, DEALS, "2409f9da8f9", "f1702df2708", "info",
         "the hapikey security scheme and two OAuth scopes leave components/securitySchemes, "
         "one scope is added (api-security-component-removed, -oauth-scope-removed/-added: "
         "INFO)"),
    Pair("hub-deals-location-header", HUB, DEALS, "0b5ccd9b7c7", "de85317c7cd", "info",
         "POST /crm/v3/objects/0-3's 201 documents a Location header (response-header-added, "
         "INFO)"),
    Pair("hub-deals-location-header-dropped", HUB, DEALS, "de85317c7cd", "ccf0da65374",
         "warning", "the optional Location header of the 201 is gone "
         "(optional-response-header-removed, WARN); the two commits between refer to "
         "schemas they deleted and cannot be read",
         (("Location", "warning"),)),
    Pair("hub-deals-warnings", HUB, DEALS, "ccf0da65374", "fea35957832", "info",
         "an optional `warnings` list in the returned objects (response-optional-property-"
         "added, INFO)"),
    Pair("hub-splits-scopes-added", HUB, SPLITS, "fdbe2a3cb4d", "cdf16f1d58a", "info",
         "five OAuth scopes added to the scheme (api-security-component-oauth-scope-added, "
         "INFO)"),
    Pair("hub-splits-scopes-removed", HUB, SPLITS, "cdf16f1d58a", "9be68f74e35", "info",
         "the five scopes removed again (api-security-component-oauth-scope-removed, INFO)"),
    Pair("hub-splits-only-oauth", HUB, SPLITS, "9be68f74e35", "7ffc1db70ce", "info",
         "the batch operations accept only OAuth: the app_cookie, hapikey, internal_cookie "
         "and shhkey alternatives are removed (api-security-removed, INFO)",
         stance=_TIGHTENED),
    Pair("hub-splits-id-int64", HUB, SPLITS, "7ffc1db70ce", "c1cc021ab1f", "info",
         "PublicDealSplitsCreateRequest.id widens from int32 to int64 in a request "
         "(request-property-type-generalized, INFO)"),
    Pair("hub-splits-scope-renamed", HUB, SPLITS, "c1cc021ab1f", "e47e094f960", "info",
         "the batch operations' scope deal-splits-access becomes crm.dealsplits.read_write "
         "and the hapikey scheme is removed (api-security-scope-added/-removed, "
         "api-security-component-removed: INFO)", stance=_TIGHTENED),
    Pair("big-carts-coupon-name", BIG, "reference/carts.v3.yml", "76f60d1f", "3ee14f86",
         "info", "applied coupons return an optional display_name "
         "(response-optional-property-added, INFO)"),
    Pair("big-carts-gift-themes", BIG, "reference/carts.v3.yml", "3ee14f86", "6c4ab89e",
         "error", "gift certificate `theme` values birthday.html, ... become Birthday, ... "
         "in the cart requests (request-property-enum-value-removed, ERR)",
         (("theme", "error"),)),
    Pair("big-carts-custom-item-image", BIG, "reference/carts.v3.yml", "6c4ab89e",
         "65545da0", "info", "custom items may carry an image_url (new-optional-request-"
         "property, INFO)"),
    Pair("big-carts-descriptions", BIG, "reference/carts.v3.yml", "65545da0", "e8a8cc2e",
         "info", "only descriptions and examples inside the line items' allOf change"),
    Pair("big-carts-cursor-pages", BIG, "reference/carts.v3.yml", "e8a8cc2e", "b351ec8b",
         "info", "optional `before`/`after` cursor parameters on the metafield lists, "
         "pagination moved to an identical shared schema, an optional cursor_pagination in "
         "the answer (INFO)",
         (("after", "info"),)),
    Pair("big-customers-metafield-data", BIG, "reference/customers.v3.yml", "81a51f77",
         "b2226ee8", "warning", "a customer's metafields come as `data` (and `meta`) in "
         "place of the optional `items` object (response-optional-property-removed, WARN)",
         (("items", "warning"),)),
    # One commit moved these files from Swagger 2.0 to OpenAPI 3.0: the 2.0 side is read as
    # the 3.0 document it means, and an independent converter's reading of it was diffed
    # against the committed 3.0 file to label these.
    Pair("big-login-to-oas3", BIG, "reference/customer_login.yml", "57e3f20e", "9b8c61d5",
         "error", "the 2.0 operation says `produces: []`, which 2.0 readers (oasdiff's "
         "among them) take as application/json; the 3.0 file answers `*/*` "
         "(response-media-type-name-generalized, ERR)",
         (("*/*", "error"),)),
    Pair("big-currencies-to-oas3", BIG, "reference/currencies.v2.yml", "57e3f20e",
         "9b8c61d5", "info", "a faithful conversion: shared responses inlined, path-level "
         "parameters moved onto the operations, `required` lists reordered"),
    Pair("big-subscriptions-to-oas3", BIG, "reference/subscriptions.sf.yml", "57e3f20e",
         "9b8c61d5", "info", "a faithful conversion (`items: {}` dropped from a list of "
         "anything, a request body's default `required: false` written out)"),
    Pair("big-form-fields-to-oas3", BIG, "reference/form_fields.sf.yml", "57e3f20e",
         "9b8c61d5", "info", "a faithful conversion"),
    Pair("big-tax-classes-to-oas3", BIG, "reference/tax_classes.v2.yml", "57e3f20e",
         "9b8c61d5", "info", "a faithful conversion, except that the 2.0 `examples` key "
         "`Response Schema` became a media type of the 3.0 content (response-media-type-"
         "added, INFO)", (("Response Schema", "info"),)),
    Pair("big-wishlists-to-oas3", BIG, "reference/wishlists.v3.yml", "57e3f20e", "9b8c61d5",
         "warning", "adding items to a wishlist now takes an `items` list in place of "
         "product_id and variant_id (request-property-removed, WARN; new-optional-request-"
         "property, INFO)", (("variant_id", "warning"),)),
)
