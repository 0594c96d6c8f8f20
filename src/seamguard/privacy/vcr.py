"""The vcrpy settings that scrub every interaction before it is stored (see
:mod:`seamguard.privacy.http` for what is scrubbed and how)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seamguard.privacy.http import DEFAULT_MAX_BODY_BYTES, TrafficScrubber
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scrubber import Replacer

__all__ = ["vcr_hooks"]


def vcr_hooks(project: str | Path | None = None, *, policy: PrivacyPolicy | None = None,
              pseudonymize: bool = True, key: bytes | None = None,
              secrets: tuple[str, ...] = (),
              max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> dict[str, Any]:
    """vcrpy settings that scrub every interaction before it is stored.

    Use them with vcrpy or pytest-recording in your own test suite::

        import vcr
        from seamguard.privacy import vcr_hooks

        my_vcr = vcr.VCR(**vcr_hooks("."))          # or: def vcr_config(): return vcr_hooks(".")

    Args:
        project: The seamguard project folder: its ``[tool.seamguard.privacy]`` settings and its
            pseudonym key apply. None: built-in settings, key from ``$SEAMGUARD_PSEUDONYM_KEY``
            or a generated ``.seamguard/pseudonym.key`` in the working directory.
        policy: Use this policy instead of the project's.
        pseudonymize: True (default): personal values become format-preserving pseudonyms;
            False: short masks (``138****5678``).
        key: The pseudonym key itself (tests, or keys held elsewhere).
        secrets: Literal secret values (your test tokens) to cut out wherever they appear.
        max_body_bytes: Bodies above this size (after inflating) are stored as a placeholder.

    Returns:
        ``before_record_request``, ``before_record_response`` and
        ``decode_compressed_response=False`` (the hooks undo gzip/deflate/br themselves, with a
        bound, where vcrpy's own decoding has none): pass them as keyword arguments.
    """
    from seamguard.privacy.guard import mask_logs
    from seamguard.privacy.pseudonym import Pseudonymizer, load_key, project_key

    mask_logs()
    loaded = None
    if project is not None:
        from seamguard.project import find_project

        loaded = find_project(Path(project), explicit=True)
    if policy is None:
        policy = PrivacyPolicy.from_settings(loaded.settings.privacy if loaded else None)
    policy = policy.with_secrets(*secrets)
    replacer: Replacer | None = None
    if pseudonymize and key is None:
        key = project_key(loaded) if loaded is not None else load_key(Path.cwd())
    if pseudonymize and key is not None:
        replacer = Pseudonymizer(key, region=policy.regions[0])
    traffic = TrafficScrubber(policy, replacer, max_body_bytes=max_body_bytes)
    return {
        "before_record_request": traffic.request_hook(),
        "before_record_response": traffic.response_hook(),
        "decode_compressed_response": False,
    }
