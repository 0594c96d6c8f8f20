"""``seamguard privacy scrub``: a vcrpy cassette rewritten in place with every personal value
pseudonymised and every secret redacted; scrubbing a scrubbed cassette changes nothing."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seamguard.errors import DocumentError, UsageError
from seamguard.privacy.detect import Kind
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.pseudonym import Pseudonymizer

__all__ = ["ScrubResult", "recorded_body", "scrub_cassette"]


@dataclass
class ScrubResult:
    """What scrubbing one cassette changed."""

    path: Path
    counts: Counter[Kind] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the file was rewritten."""
        return bool(self.counts) or bool(self.notes)


def scrub_cassette(path: Path, *, policy: PrivacyPolicy, key: bytes, display: str,
                   max_bytes: int = 64 * 1_048_576, dry_run: bool = False) -> ScrubResult:
    """Rewrite one vcrpy cassette (YAML or JSON) with every personal value pseudonymised and
    every secret redacted. Raises UsageError for a file that is not a cassette."""
    from seamguard.documents import load_document
    from seamguard.recordings.cassettes import ReadableYaml

    try:
        data = load_document(path, max_bytes=max_bytes, display=display, binary=True)
    except DocumentError as exc:
        raise UsageError(exc.message, file=display, line=exc.line, hint=exc.hint) from None
    if not isinstance(data, dict) or not isinstance(data.get("interactions"), list):
        raise UsageError(f"{display} is not a vcrpy cassette (no `interactions` list)",
                         file=display, hint="`privacy scrub` rewrites cassettes; use `privacy "
                                            "scan` to find personal data in other files")
    traffic = TrafficScrubber(policy, Pseudonymizer(key, region=policy.regions[0]))
    result = ScrubResult(path)
    for item in data["interactions"]:
        if not isinstance(item, dict):
            continue
        columns = recorded_body(item.get("request"))  # (read before the request is scrubbed)
        traffic.expect_columns(None)
        for part in ("request", "response"):
            message = item.get(part)
            if part == "response":
                traffic.expect_columns(columns)
            if isinstance(message, dict):
                _scrub_message(message, traffic)
        traffic.expect_columns(None)
    result.counts = Counter({k: n for k, n in traffic.scrubber.counts.items() if n})
    result.notes = list(traffic.notes)
    if result.changed and not dry_run:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" \
            if path.suffix.lower() == ".json" else ReadableYaml.serialize(data)
        path.write_text(text, encoding="utf-8")
    return result


def recorded_body(message: Any) -> bytes | str | None:
    """A recorded message's body (vcrpy writes a request's as it is, a response's under
    ``string``)."""
    body = message.get("body") if isinstance(message, Mapping) else None
    if isinstance(body, Mapping):
        body = body.get("string")
    return body if isinstance(body, bytes | str) else None


def _scrub_message(message: dict[str, Any], traffic: TrafficScrubber) -> None:
    if isinstance(message.get("uri"), str):
        message["uri"] = traffic.url(message["uri"])
    headers = message.get("headers")
    if isinstance(headers, Mapping):
        message["headers"] = headers = traffic.headers(headers)
    else:
        headers = {}
    body = message.get("body")
    if isinstance(body, dict):
        if isinstance(body.get("string"), bytes | str) and body["string"]:
            body["string"] = traffic.body(body["string"], headers)
    elif isinstance(body, bytes | str) and body:
        message["body"] = traffic.body(body, headers)
    if headers:
        message["headers"] = headers
