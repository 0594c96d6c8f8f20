"""Names moved out of long modules still import from where callers import them."""

from __future__ import annotations

import importlib

import pytest

# (old module, new home, names callers import from the old module)
_MOVED = [
    ("seamguard.privacy.policy", "seamguard.privacy.key_rules",
     ("KeyInfo", "NamePart", "key_words")),
    ("seamguard.privacy.records", "seamguard.privacy.record_keys",
     ("listed_names", "valued_by_holder")),
    ("seamguard.quality.check", "seamguard.quality.suite_result",
     ("CHECK_ID", "SuiteResult", "result_findings", "suite_cases")),
    ("seamguard.wire.profile", "seamguard.wire.profile_time", ("TimeSettings",)),
]


@pytest.mark.parametrize(("old", "new", "names"), _MOVED, ids=[m[0] for m in _MOVED])
def test_moved_names_are_the_same_objects_in_both_modules(old: str, new: str,
                                                          names: tuple[str, ...]) -> None:
    before, after = importlib.import_module(old), importlib.import_module(new)
    for name in names:
        assert getattr(before, name) is getattr(after, name), name
        assert name in before.__all__, name


def test_the_public_names_of_the_old_modules_all_import() -> None:
    for old, _, _ in _MOVED:
        module = importlib.import_module(old)
        missing = [name for name in module.__all__ if not hasattr(module, name)]
        assert not missing, (old, missing)
    from seamguard.privacy.policy import FAMILY_KEYS, PrivacyPolicy
    from seamguard.wire.envelope import TEMPLATE, Envelope, InBandError, Opened

    assert PrivacyPolicy.default().key("receiver_mobile").kind is not None
    assert FAMILY_KEYS
    assert TEMPLATE == "{response_key}"
    assert all(callable(kind) for kind in (Envelope, InBandError, Opened))
