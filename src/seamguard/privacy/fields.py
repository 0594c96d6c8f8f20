"""What a field or a string holds, for callers that decide rather than replace (mapping lint,
scan summaries)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seamguard.privacy.detect import Kind, Span, spans, whole_kind
from seamguard.privacy.policy import PrivacyPolicy

__all__ = ["classify_field", "classify_key", "detect"]

_PHONE_FORMATS = frozenset({"phone", "phone-number", "phonenumber", "tel", "telephone", "e164",
                            "mobile"})


def detect(text: str, policy: PrivacyPolicy | None = None) -> list[Span]:
    """Every personal value and secret in ``text`` by content, left to right.

    ``text[span.start:span.end]`` is the value; ``span.kind`` says what it is.
    """
    policy = policy or PrivacyPolicy.default()
    return list(spans(text, policy.regions))


def classify_key(key: str, policy: PrivacyPolicy | None = None) -> Kind | None:
    """The kind of data a key names (``receiver_mobile`` -> phone, ``appSecret`` -> secret),
    or None. A plain ``name`` is None: it is a person's name only beside other person fields."""
    info = (policy or PrivacyPolicy.default()).key(key)
    if info.secret == "always":
        return Kind.SECRET
    return info.kind


def classify_field(name: str, schema: Mapping[str, Any] | None = None,
                   policy: PrivacyPolicy | None = None) -> Kind | None:
    """The kind of personal data (or secret) a field holds, or None.

    Evidence, strongest first: the field's name (:func:`classify_key`; a path such as
    ``billing_address.phone`` is judged by its last part), the schema's ``format``
    (``email``; ``phone``/``tel``/``e164``), then its ``example``/``examples`` (an example that is
    a phone, e-mail, ID number or card as a whole).

    Args:
        name: Field name or dotted path (``[]`` array markers are ignored).
        schema: The field's JSON Schema / OpenAPI schema object, if known.
        policy: Project policy (default: built-in).
    """
    policy = policy or PrivacyPolicy.default()
    last = name.replace("[]", "").rsplit(".", 1)[-1]
    kind = classify_key(last, policy)
    if kind is not None or not schema:
        return kind
    form = str(schema.get("format") or "").lower()
    if form in ("email", "idn-email"):
        return Kind.EMAIL
    if form in _PHONE_FORMATS:
        return Kind.PHONE
    for example in _examples(schema):
        found = whole_kind(example, policy.regions)
        if found is not None:
            return found
    return None


def _examples(schema: Mapping[str, Any]) -> list[str]:
    values: list[Any] = []
    if "example" in schema:
        values.append(schema["example"])
    examples = schema.get("examples")
    if isinstance(examples, list):
        values.extend(examples)
    elif isinstance(examples, Mapping):  # OpenAPI's {name: {value: ...}}
        values.extend(item.get("value") if isinstance(item, Mapping) else item
                      for item in examples.values())
    return [str(value) for value in values if isinstance(value, str | int)
            and not isinstance(value, bool)]
