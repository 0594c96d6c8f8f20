"""Remove credentials and mask personal data in recorded HTTP traffic before it is stored.

Used by the example recorder and by live recording runs, as vcrpy ``before_record_request`` /
``before_record_response`` hooks, and by reports that quote recorded values.

What is removed and what is only masked:

* credentials (secret headers, secret query or form parameters, secret JSON keys and anything
  shaped like a Shopify or HubSpot token, wherever it appears) become ``<redacted>``; an
  ``Authorization`` value keeps its scheme (``Bearer <redacted>``) so header checks still see
  which scheme was used;
* personal data in JSON bodies is masked by field name, keeping enough shape for contract checks
  (a masked phone is still a phone-like string, a masked e-mail still has its domain).

Every function is idempotent: scrubbing a scrubbed recording changes nothing, so re-recording or
re-scrubbing a cassette is safe. Only the standard library is imported.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import quote, unquote, unquote_plus, urlsplit, urlunsplit

__all__ = [
    "REDACTED",
    "MaskKind",
    "ScrubPolicy",
    "mask_address",
    "mask_email",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "scrub_headers",
    "scrub_json",
    "scrub_text_body",
    "scrub_url",
    "vcr_request_hook",
    "vcr_response_hook",
]

REDACTED = "<redacted>"

MaskKind = Literal["phone", "email", "name", "address", "id_number"]

_DEFAULT_SECRET_HEADERS = frozenset({
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-shopify-access-token",
    "x-api-key",
    "x-hubspot-signature",
    "x-hubspot-signature-v3",
})

_DEFAULT_SECRET_QUERY_PARAMS = frozenset({
    "access_token", "api_key", "hapikey", "token", "client_secret", "sign",
})

# Keys of JSON bodies whose value is a credential (OAuth token exchanges, SF's accessToken).
_DEFAULT_SECRET_JSON_KEYS = frozenset({
    "access_token", "accesstoken", "refresh_token", "id_token", "client_secret", "app_secret",
    "api_key", "apikey", "hapikey", "password",
})

# Field name -> how its value is masked. Chosen per platform:
#  Shopify   email, contact_email, phone, first_name, last_name, address1, address2
#  HubSpot   email, firstname, lastname, phone, mobilephone, address
#  SF        contact (the person's name), tel, mobile, address
#  TOP/PDD   receiver_name, receiver_mobile, receiver_phone, receiver_address
#  JD        fullname, fullAddress (consigneeInfo)
# Deliberately absent: plain "name" (order "#1001", line item titles; see person_name_keys),
# "acceptaddress" (the SF depot where a scan happened, not a person's address), "city",
# "province", "county", "zip" (region level, needed to check address mappings) and "company".
_DEFAULT_PII_KEYS: Mapping[str, str] = MappingProxyType({
    "phone": "phone",
    "mobile": "phone",
    "mobilephone": "phone",
    "tel": "phone",
    "telephone": "phone",
    "email": "email",
    "contact_email": "email",
    "first_name": "name",
    "last_name": "name",
    "firstname": "name",
    "lastname": "name",
    "contact": "name",
    "address": "address",
    "address1": "address",
    "address2": "address",
    "receiver_name": "name",
    "receiver_mobile": "phone",
    "receiver_phone": "phone",
    "receiver_address": "address",
    "fullname": "name",
    "fulladdress": "address",
    "id_number": "id_number",
    "idnumber": "id_number",
    "id_card": "id_number",
    "idcard": "id_number",
})

# "name" is a person's name only in an object that describes a person (a Shopify address or
# customer carries first_name/last_name next to it); elsewhere it is an order or product name.
_DEFAULT_PERSON_NAME_KEYS = frozenset({"name"})
_DEFAULT_PERSON_MARKERS = frozenset({"first_name", "last_name", "firstname", "lastname"})

# A value whose meaning is named by a sibling: HubSpot's upsert and read by unique property send
# {"idProperty": "email", "id": "zhangwei@example.com"} and .../contacts/{email}?idProperty=email.
_DEFAULT_NAMED_VALUE_KEYS: Mapping[str, str] = MappingProxyType({"id": "idproperty"})

# Credential formats that must not survive anywhere, even inside free text.
_DEFAULT_SECRET_PATTERNS = (
    r"\bshp(?:at|ca|pa|ss|ua)_[0-9A-Fa-f]{32}\b",  # Shopify Admin / custom app tokens
    r"\bpat-[a-z]{2}[0-9]+-[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}"
    r"-[0-9A-Fa-f]{12}\b",  # HubSpot private app tokens
)


@dataclass(frozen=True)
class ScrubPolicy:
    """What counts as a secret and which JSON fields hold personal data (names lower-case)."""

    secret_headers: frozenset[str] = _DEFAULT_SECRET_HEADERS
    secret_query_params: frozenset[str] = _DEFAULT_SECRET_QUERY_PARAMS
    pii_keys: Mapping[str, str] = field(default_factory=lambda: _DEFAULT_PII_KEYS, hash=False)
    secret_json_keys: frozenset[str] = _DEFAULT_SECRET_JSON_KEYS
    person_name_keys: frozenset[str] = _DEFAULT_PERSON_NAME_KEYS
    person_markers: frozenset[str] = _DEFAULT_PERSON_MARKERS
    named_value_keys: Mapping[str, str] = field(
        default_factory=lambda: _DEFAULT_NAMED_VALUE_KEYS, hash=False
    )
    secret_patterns: tuple[str, ...] = _DEFAULT_SECRET_PATTERNS

    @classmethod
    def default(cls) -> ScrubPolicy:
        return cls()


# --- masking of single values ---------------------------------------------------------------

_MASK = "*"

# ITU calling codes are prefix-free: these are all the 1- and 2-digit ones; the rest have 3.
_CALLING_CODES_1 = frozenset("17")
_CALLING_CODES_2 = frozenset({
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
    "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
    "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
})


def _calling_code_length(digits: str) -> int:
    if digits[:1] in _CALLING_CODES_1:
        return 1
    if digits[:2] in _CALLING_CODES_2:
        return 2
    return 3


def _mask_slots(value: str, slots: list[int], head: int, tail: int) -> str:
    """Mask every slot but the first ``head`` and last ``tail``; at least four stay masked."""
    count = len(slots)
    minimum = min(4, count)
    while count - head - tail < minimum and head > 0:
        head -= 1
    while count - head - tail < minimum and tail > 0:
        tail -= 1
    chars = list(value)
    for index in slots[head : count - tail]:
        chars[index] = _MASK
    return "".join(chars)


def mask_phone(value: str) -> str:
    """``+8613812345678`` -> ``+86138****5678``; ``13812345678`` -> ``138****5678``.

    Keeps the country code (after a leading ``+``), the next three digits and the last four;
    every other digit becomes ``*``, and at least four are masked. Separators stay in place.
    """
    slots = [i for i, char in enumerate(value) if char.isdigit() or char == _MASK]
    if not slots:
        return value
    head = 3
    if value.lstrip().startswith("+"):
        leading = "".join(value[i] for i in slots[:3])
        head += _calling_code_length(leading)
    return _mask_slots(value, slots, head, 4)


def mask_email(value: str) -> str:
    """``zhangwei@example.com`` -> ``z***@example.com`` (the domain is kept)."""
    if "@" not in value:
        return mask_name(value)
    local, domain = value.rsplit("@", 1)
    return f"{local[:1] or _MASK}***@{domain}"


def mask_name(value: str) -> str:
    """Keep only the first character: ``张伟`` -> ``张*``, ``欧阳娜娜`` -> ``欧***``.

    ``Alice`` -> ``A****``; a one-character value becomes ``*``.
    """
    if len(value) <= 1:
        return _MASK * len(value)
    return value[0] + _MASK * (len(value) - 1)


_CJK = "[\u4e00-\u9fff]"
_REGION_PREFIX = re.compile(
    "^(?:"
    f"(?:北京|上海|天津|重庆)市(?:{_CJK}{{1,7}}?(?:区|县))?"
    f"|{_CJK}{{2,7}}?(?:省|自治区|特别行政区)"
    f"(?:{_CJK}{{2,7}}?(?:市|自治州|地区|盟))?(?:{_CJK}{{1,7}}?(?:区|县|旗|市))?"
    f"|{_CJK}{{2,7}}?(?:市|自治州|地区|盟)(?:{_CJK}{{1,7}}?(?:区|县|旗|市))?"
    ")"
)


def mask_address(value: str) -> str:
    """Keep a Chinese province / city / district prefix, replace the rest with ``****``.

    ``广东省深圳市南山区科技南十二路2号`` -> ``广东省深圳市南山区****``. Anything without such a
    prefix (a bare street line, a foreign address) becomes ``****`` entirely.
    """
    match = _REGION_PREFIX.match(value)
    prefix = match.group(0) if match else ""
    if len(prefix) == len(value):
        return value
    return prefix + _MASK * 4


def mask_id_number(value: str) -> str:
    """Identity document numbers: first three and last four characters at most."""
    slots = [i for i, char in enumerate(value) if char.isalnum() or char == _MASK]
    if not slots:
        return value
    return _mask_slots(value, slots, 3, 4) if len(slots) >= 11 else _mask_slots(value, slots, 0, 0)


_MASKERS: Mapping[str, Callable[[str], str]] = MappingProxyType({
    "phone": mask_phone,
    "email": mask_email,
    "name": mask_name,
    "address": mask_address,
    "id_number": mask_id_number,
})


# --- credentials in free text ---------------------------------------------------------------


@lru_cache(maxsize=32)
def _secret_regex(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _redact_secrets_in_text(text: str, policy: ScrubPolicy) -> str:
    regex = _secret_regex(policy.secret_patterns)
    return regex.sub(REDACTED, text) if regex else text


# --- JSON -----------------------------------------------------------------------------------


def _mask_value(value: object, kind: str, policy: ScrubPolicy) -> object:
    masker = _MASKERS.get(kind)
    if masker is None:
        raise ValueError(f"unknown masking kind {kind!r}")
    if isinstance(value, str):
        return masker(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, _Number):  # a phone number sent as a JSON number is still PII
        return masker(value.text)
    if isinstance(value, int | float):
        return masker(str(value))
    if isinstance(value, list):
        return [_mask_value(item, kind, policy) for item in value]
    return scrub_json(value, policy)


def _named_kind(property_name: object, policy: ScrubPolicy) -> str | None:
    return policy.pii_keys.get(property_name.lower()) if isinstance(property_name, str) else None


def scrub_json(value: object, policy: ScrubPolicy) -> object:
    """A copy of a parsed JSON value with credentials redacted and personal data masked."""
    if isinstance(value, Mapping):
        siblings = {str(key).lower(): item for key, item in value.items()}
        is_person = not siblings.keys().isdisjoint(policy.person_markers)
        result: dict[Any, object] = {}
        for key, item in value.items():
            lowered = str(key).lower()
            kind = policy.pii_keys.get(lowered)
            if kind is None and is_person and lowered in policy.person_name_keys:
                kind = "name"
            if kind is None and lowered in policy.named_value_keys:
                kind = _named_kind(siblings.get(policy.named_value_keys[lowered]), policy)
            if lowered in policy.secret_json_keys and item is not None:
                result[key] = REDACTED
            elif kind is not None:
                result[key] = _mask_value(item, kind, policy)
            else:
                result[key] = scrub_json(item, policy)
        return result
    if isinstance(value, list | tuple):
        return [scrub_json(item, policy) for item in value]
    if isinstance(value, str):
        return _redact_secrets_in_text(value, policy)
    return value


class _Number(float):
    """A parsed JSON number that re-serialises exactly as it was written (``199.00`` stays)."""

    text: str

    def __new__(cls, text: str) -> _Number:
        number = super().__new__(cls, text)
        number.text = text
        return number


def _dump(value: object, out: list[str]) -> None:
    """Compact JSON with the number spellings of the input and unescaped non-ASCII text."""
    if isinstance(value, _Number):
        out.append(value.text)
    elif isinstance(value, Mapping):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(":")
            _dump(item, out)
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _dump(item, out)
        out.append("]")
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def _is_json(content_type: str | None, body: str) -> bool:
    if content_type:
        media = content_type.split(";", 1)[0].strip().lower()
        return media.endswith(("/json", "+json"))
    return body.lstrip()[:1] in ("{", "[")


def _is_form(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/x-www-form-urlencoded"


def scrub_text_body(body: str, content_type: str | None, policy: ScrubPolicy) -> str:
    """Scrub a decoded body.

    JSON is parsed, scrubbed and re-serialised compactly (``,`` and ``:``, non-ASCII kept,
    numbers spelt as received). A form body has its secret parameters redacted. Any other body
    is returned as it is, except that token-shaped credentials are still cut out.
    """
    if _is_json(content_type, body):
        try:
            parsed = json.loads(body, parse_float=_Number)
        except ValueError:
            return _redact_secrets_in_text(body, policy)
        out: list[str] = []
        _dump(scrub_json(parsed, policy), out)
        return "".join(out)
    if _is_form(content_type):
        return _redact_secrets_in_text(_scrub_query(body, policy), policy)
    return _redact_secrets_in_text(body, policy)


# --- headers and URLs -----------------------------------------------------------------------

_AUTH_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9._-]*)\s+\S")
_AUTH_HEADERS = frozenset({"authorization", "proxy-authorization"})


def _redact_header_value(name: str, value: object) -> object:
    if isinstance(value, list | tuple):
        return [_redact_header_value(name, item) for item in value]
    if name in _AUTH_HEADERS and isinstance(value, str):
        match = _AUTH_SCHEME.match(value)
        if match:
            return f"{match.group(1)} {REDACTED}"
    return REDACTED


def _scrub_header_value(value: object, policy: ScrubPolicy) -> object:
    if isinstance(value, str):
        return _redact_secrets_in_text(value, policy)
    if isinstance(value, list | tuple):
        return [_scrub_header_value(item, policy) for item in value]
    return value


def scrub_headers(headers: Mapping[str, Any], policy: ScrubPolicy) -> dict[str, Any]:
    """A copy with secret header values replaced; the headers themselves are kept."""
    result: dict[str, Any] = {}
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in policy.secret_headers:
            result[name] = _redact_header_value(lowered, value)
        else:
            result[name] = _scrub_header_value(value, policy)
    return result


def _scrub_query(query: str, policy: ScrubPolicy) -> str:
    parts = []
    for part in query.split("&"):
        raw_key = part.split("=", 1)[0]
        if unquote_plus(raw_key).lower() in policy.secret_query_params:
            part = f"{raw_key}={REDACTED}"
        parts.append(part)
    return "&".join(parts)


def _path_kind(query: str, policy: ScrubPolicy) -> str | None:
    """Masking kind of the last path segment when the query says it is, e.g., an e-mail."""
    naming = set(policy.named_value_keys.values())
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if unquote_plus(key).lower() in naming:
            return _named_kind(unquote_plus(value), policy)
    return None


def scrub_url(url: str, policy: ScrubPolicy) -> str:
    """Secret query parameters and a password in the authority become ``<redacted>``.

    A record addressed by a personal value (``/contacts/zhangwei%40example.com?idProperty=email``)
    has that path segment masked like the property it names.
    """
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            netloc = f"{userinfo.split(':', 1)[0]}:{REDACTED}@{host}"
    path = parts.path
    kind = _path_kind(parts.query, policy) if parts.query else None
    if kind is not None and "/" in path:
        head, last = path.rsplit("/", 1)
        masked = _MASKERS[kind](unquote(last))
        path = f"{head}/{quote(masked, safe='@*+')}"
    query = _scrub_query(parts.query, policy) if parts.query else parts.query
    rebuilt = urlunsplit((parts.scheme, netloc, path, query, parts.fragment))
    return _redact_secrets_in_text(rebuilt, policy)


# --- vcrpy hooks ----------------------------------------------------------------------------


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            if isinstance(value, list | tuple):
                return str(value[0]) if value else None
            return None if value is None else str(value)
    return None


def _set_header(headers: dict[str, Any], name: str, value: str) -> None:
    for key, current in headers.items():
        if key.lower() == name:
            headers[key] = [value] if isinstance(current, list | tuple) else value


def _drop_headers(headers: dict[str, Any], names: Iterable[str]) -> None:
    wanted = set(names)
    for key in [key for key in headers if key.lower() in wanted]:
        del headers[key]


def _scrub_body_bytes(
    body: bytes, headers: dict[str, Any], policy: ScrubPolicy
) -> bytes:
    """Scrub a raw body; fixes Content-Length (and inflates gzip/deflate) when it changes."""
    encoding = (_header(headers, "content-encoding") or "").strip().lower()
    if encoding in ("gzip", "deflate"):
        try:
            body = zlib.decompress(body, 47 if encoding == "gzip" else 15)
        except zlib.error:
            return body  # not what it claims to be; leave it rather than corrupt it
        _drop_headers(headers, ["content-encoding"])
        _set_header(headers, "content-length", str(len(body)))
    elif encoding not in ("", "identity"):
        return body  # br, zstd, ...: cannot look inside without extra packages
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return body
    scrubbed = scrub_text_body(text, _header(headers, "content-type"), policy).encode("utf-8")
    if scrubbed != body:
        _set_header(headers, "content-length", str(len(scrubbed)))
    return scrubbed


def vcr_request_hook(policy: ScrubPolicy) -> Callable[[Any], Any]:
    """A vcrpy ``before_record_request`` hook (vcrpy passes it a copy of the request)."""

    def hook(request: Any) -> Any:
        request.uri = scrub_url(request.uri, policy)
        headers = scrub_headers(dict(request.headers), policy)
        body = request.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        if isinstance(body, bytes) and body:
            request.body = _scrub_body_bytes(body, headers, policy)
        request.headers = headers
        return request

    return hook


def vcr_response_hook(policy: ScrubPolicy) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A vcrpy ``before_record_response`` hook; the body keeps its type (bytes or str)."""

    def hook(response: dict[str, Any]) -> dict[str, Any]:
        result = dict(response)
        headers = scrub_headers(response.get("headers") or {}, policy)
        body_field = response.get("body")
        if isinstance(body_field, Mapping) and body_field.get("string"):
            raw = body_field["string"]
            as_text = isinstance(raw, str)
            data = raw.encode("utf-8") if as_text else raw
            if isinstance(data, bytes):
                scrubbed = _scrub_body_bytes(data, headers, policy)
                result["body"] = {
                    **body_field,
                    "string": scrubbed.decode("utf-8") if as_text else scrubbed,
                }
        result["headers"] = headers
        return result

    return hook
