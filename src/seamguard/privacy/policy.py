"""What a key says about its value: personal data of some kind, a secret, an identifier, nothing.

Content detection (:mod:`seamguard.privacy.detect`) finds phones, e-mails, ID numbers, cards and
tokens under any key. Keys add what content alone cannot see — a one-character given name in
``first_name``, a street line in ``address1``, an opaque password — and take away what would be
false alarms: a bare digit run under ``order_id`` or ``waybill_no`` is an identifier, not a phone.

Keys are compared by their words: ``receiverMobile``, ``receiver_mobile`` and ``RECEIVER-MOBILE``
are all ``receiver mobile``. The built-in lists cover the platform families seamguard knows
(:data:`FAMILY_KEYS`; the rules that read them are in :mod:`seamguard.privacy.key_rules`); a
project adds its own in ``[tool.seamguard.privacy]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from seamguard.privacy.detect import Kind
from seamguard.privacy.family_keys import FAMILY_KEYS
from seamguard.privacy.key_rules import KeyInfo, NamePart, _classify, _name_part, _normal, key_words

if TYPE_CHECKING:
    from seamguard.project import PrivacySettings

__all__ = ["FAMILY_KEYS", "KeyInfo", "NamePart", "PrivacyPolicy", "key_words"]


def _normal_keys(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(_normal(key) for key in keys)


def _family_keys() -> dict[str, Kind]:
    table: dict[str, Kind] = {}
    for kinds in FAMILY_KEYS.values():
        for kind, keys in kinds.items():
            for key in keys:
                table[_normal(key)] = kind
    return table


_FAMILY_KEY_SET = frozenset(_family_keys().items())


@dataclass(frozen=True)
class PrivacyPolicy:
    """Which keys mean what, which values are known to be harmless, and the phone regions.

    Attributes:
        regions: ISO 3166 regions whose national phone formats are recognised (``+`` numbers are
            recognised whatever the region).
        keys: Extra keys (normalised: lower case, no separators) and the kind each holds.
        allow_values: Values that are never personal data (your own hotline, a demo address).
        allow_keys: Keys (normalised) whose values are never touched.
        secrets: Literal secret values to cut out anywhere (a live token the run knows).
    """

    regions: tuple[str, ...] = ("CN",)
    keys: frozenset[tuple[str, Kind]] = _FAMILY_KEY_SET
    allow_values: frozenset[str] = frozenset()
    allow_keys: frozenset[str] = frozenset()
    secrets: tuple[str, ...] = ()
    # Lower-cased names of credential headers (Authorization) a platform sends its request
    # signature in: a bare digest there is that signature, anything else still a credential.
    signature_headers: frozenset[str] = frozenset()

    @classmethod
    def default(cls) -> PrivacyPolicy:
        """The built-in policy: every platform family's keys, China as the phone region."""
        return _DEFAULT

    @classmethod
    def from_settings(cls, settings: PrivacySettings | None) -> PrivacyPolicy:
        """The policy of a project's ``[tool.seamguard.privacy]`` (built-ins plus additions)."""
        if settings is None:
            return _DEFAULT
        table = _family_keys()
        allow_keys = set(settings.allow_keys)
        sections = [(settings.keys, settings.allow_keys)] + [
            (platform.keys, platform.allow_keys) for platform in settings.platforms.values()]
        for keys, allowed in sections:
            for kind, names in keys.items():
                for name in names:
                    table[_normal(name)] = Kind(kind)
            allow_keys.update(allowed)
        return cls(regions=tuple(settings.regions), keys=frozenset(table.items()),
                   allow_values=frozenset(settings.allow), allow_keys=_normal_keys(allow_keys))

    def with_secrets(self, *values: str) -> PrivacyPolicy:
        """A copy that also cuts out these literal values (at least 6 characters) anywhere."""
        extra = tuple(value for value in values if value and len(value) >= 6)
        return replace(self, secrets=(*self.secrets, *extra)) if extra else self

    def allowing_signature_headers(self, *names: str) -> PrivacyPolicy:
        """A copy where a bare digest in these credential headers is no secret."""
        extra = frozenset(name.lower() for name in names if name) - self.signature_headers
        return replace(self, signature_headers=self.signature_headers | extra) if extra else self

    def allowing_keys(self, *names: str) -> PrivacyPolicy:
        """A copy where these keys (header or field names) are never touched."""
        extra = _normal_keys(name for name in names if name) - self.allow_keys
        return replace(self, allow_keys=self.allow_keys | extra) if extra else self

    def with_keys(self, kind: Kind, *names: str) -> PrivacyPolicy:
        """A copy where these keys (header or field names) hold values of ``kind``."""
        extra = {(_normal(name), kind) for name in names if name}
        return replace(self, keys=self.keys | extra) if extra else self

    @cached_property
    def key_table(self) -> Mapping[str, Kind]:
        """``keys`` as a lookup table."""
        return MappingProxyType(dict(self.keys))

    def key(self, key: str | None) -> KeyInfo:
        """What ``key`` says about its value (cached per key)."""
        if not key:
            return _PLAIN
        return _key_info(self, key)


_PLAIN = KeyInfo()
_DEFAULT = PrivacyPolicy()


@lru_cache(maxsize=8192)
def _key_info(policy: PrivacyPolicy, key: str) -> KeyInfo:
    normal = _normal(key)
    if normal in policy.allow_keys:
        return KeyInfo(allowed=True)
    explicit = policy.key_table.get(normal)
    if explicit is Kind.SECRET:
        return KeyInfo(secret="always")
    info = _classify(key)
    if explicit is not None:
        return KeyInfo(kind=explicit, name_part=_name_part(key) if explicit is Kind.NAME else None)
    if info.kind is Kind.NAME:
        return replace(info, name_part=_name_part(key))
    return info
