"""Personal data and secrets, found by content and key, and replaced wherever data is stored or
printed: one home for detection, masking, pseudonyms and the privacy policy.

Public surface (see ``docs/privacy.md``):

* reports, logs, alerts: :func:`mask_text`, :func:`mask_value`, :func:`mask_finding` (short
  masks such as ``138****5678``), and the single-value masks ``mask_phone`` & co.;
* recordings: :func:`vcr_hooks` for vcrpy, :class:`TrafficScrubber` for URLs, headers and bodies,
  :class:`Pseudonymizer` and :func:`load_key` for format-preserving pseudonyms;
* detection: :func:`detect` (spans in a string), :func:`classify_key`, :func:`classify_field`;
* policy: :class:`PrivacyPolicy` (built-in keys plus ``[tool.seamguard.privacy]``);
* memory: :func:`forget_values` drops the answers remembered per process, keyed by values.

Heavy libraries (phonenumbers, python-stdnum, Faker, charset-normalizer) load on first use.
"""

from seamguard.privacy.detect import PERSONAL_KINDS, Kind, Span
from seamguard.privacy.fields import classify_field, classify_key, detect
from seamguard.privacy.guard import (
    mask_finding,
    mask_findings,
    mask_logs,
    mask_path,
    mask_text,
    mask_value,
)
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.mask import (
    REDACTED,
    Masker,
    mask_address,
    mask_card,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
)
from seamguard.privacy.memory import forget_values
from seamguard.privacy.policy import KeyInfo, PrivacyPolicy
from seamguard.privacy.pseudonym import Pseudonymizer, load_key
from seamguard.privacy.scrubber import Hit, Replacer, Scrubber
from seamguard.privacy.vcr import vcr_hooks

__all__ = [
    "PERSONAL_KINDS",
    "REDACTED",
    "Hit",
    "KeyInfo",
    "Kind",
    "Masker",
    "PrivacyPolicy",
    "Pseudonymizer",
    "Replacer",
    "Scrubber",
    "Span",
    "TrafficScrubber",
    "classify_field",
    "classify_key",
    "detect",
    "forget_values",
    "load_key",
    "mask_address",
    "mask_card",
    "mask_email",
    "mask_finding",
    "mask_findings",
    "mask_id_number",
    "mask_logs",
    "mask_name",
    "mask_path",
    "mask_phone",
    "mask_text",
    "mask_value",
    "vcr_hooks",
]
