"""Cassettes read by a privacy scan: interaction by interaction, each URL, header and body
through the traffic scrubber, with the line of every finding; identical bodies read once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from seamguard.errors import DocumentError
from seamguard.findings import Finding
from seamguard.privacy.hits import Hit
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scan_report import HINTS, Recogniser, findings, unreadable
from seamguard.privacy.scrub_files import recorded_body

__all__ = ["scan_cassette", "scan_streamed"]

_CASSETTE_START = re.compile(rb"(?m)^interactions:[ \t]*(?:#.*)?\r?$")


def scan_streamed(path: Path, shown: str, policy: PrivacyPolicy, max_bytes: int,
                   hits: list[Hit]) -> list[Finding] | None:
    """The findings of a vcrpy cassette read one interaction at a time, or None when the file
    is no cassette in vcrpy's layout (then it is parsed whole, as any other document)."""
    from seamguard.documents import DEFAULT_MAX_DEPTH, LineLocator, open_regular
    from seamguard.recordings.stream import Irregular, scan

    if path.suffix.lower() == ".json":
        return None
    found: list[Finding] = []
    try:
        with open_regular(path, max_bytes=max_bytes, display=shown) as stream:
            if not _CASSETTE_START.search(stream.read(65536)):
                return None
            stream.seek(0)
            items = scan(stream, max_bytes=max_bytes, max_depth=DEFAULT_MAX_DEPTH)
            locator = _ItemLocators(path)

            def values() -> Iterator[Any]:
                for index, item in enumerate(items):
                    locator.current = (f"/interactions/{index}",
                                       LineLocator(path, text=item.text, first_line=item.line))
                    yield item.value

            found.extend(scan_cassette(values(), shown, policy, hits, locator))
    except (Irregular, DocumentError, OSError):
        hits.clear()
        return None
    return found


class _ItemLocators:
    """Lines of pointers into the interaction being scanned, from its own text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current: tuple[str, Any] = ("", None)

    def line_of(self, pointer: str) -> int | None:
        prefix, locator = self.current
        if locator is None or not (pointer == prefix or pointer.startswith(prefix + "/")):
            raise AssertionError(f"{pointer} is outside the interaction being scanned")
        line: int | None = locator.line_of("/0" + pointer[len(prefix):])
        return line


# Identical bodies read in one context give identical hits and notes: a cassette file's
# repeated bodies (an empty page polled again, the same acknowledgement, a request sent twice)
# are read once. Bounded by the text it keeps.
_MEMO_BYTES = 32 * 1_048_576


class _BodyMemo:
    """The hits and notes of the bodies read so far in one file, by body and by what else a
    body's reading depends on (its content headers; a response's, its request's body)."""

    def __init__(self) -> None:
        self.found: dict[Any, tuple[tuple[Hit, ...], tuple[str, ...]]] = {}
        self.size = 0

    @staticmethod
    def key(body: bytes | str, headers: Any, columns: bytes | str | None) -> Any:
        if not isinstance(headers, Mapping):
            return body, None, columns
        try:
            content = tuple((name, tuple(value) if isinstance(value, list) else value)
                            for name, value in headers.items()
                            if isinstance(name, str) and name[:8].lower() == "content-")
            hash(content)
        except TypeError:  # a value that is a mapping: read every time
            return None
        return body, content, columns

    def keep(self, key: Any, hits: list[Hit], notes: list[str]) -> None:
        self.size += len(key[0]) + len(key[2] or "")
        if self.size > _MEMO_BYTES:
            self.found.clear()
            self.size = len(key[0]) + len(key[2] or "")
        self.found[key] = (tuple(hits), tuple(notes))


def scan_cassette(interactions: Iterable[Any], shown: str, policy: PrivacyPolicy,
                   hits: list[Hit], locator: Any) -> Iterator[Finding]:
    traffic = TrafficScrubber(policy, Recogniser(), on_hit=hits.append)
    memo = _BodyMemo()
    for index, item in enumerate(interactions):
        if not isinstance(item, Mapping):
            continue
        traffic.expect_columns(None)
        columns = None
        for part in ("request", "response"):
            message = item.get(part)
            if not isinstance(message, Mapping):
                continue
            if part == "response":  # (its rows may follow the columns the request named)
                columns = recorded_body(item.get("request"))
                traffic.expect_columns(columns)
            base = f"/interactions/{index}/{part}"
            if isinstance(message.get("uri"), str):
                traffic.url(message["uri"], pointer="")
                if hits:  # (most parts hold nothing: no generator for them)
                    yield from _placed(hits, shown, locator, f"{base}/uri")
            headers = message.get("headers")
            if isinstance(headers, Mapping):
                traffic.headers(headers)
                if hits:
                    yield from _placed(hits, shown, locator, f"{base}/headers", inner=True)
            body = message.get("body")
            pointer = f"{base}/body"
            if isinstance(body, Mapping):
                body, pointer = body.get("string"), f"{base}/body/string"
            if isinstance(body, bytes | str) and body:
                key = memo.key(body, headers, columns)
                found = memo.found.get(key) if key is not None else None
                if found is None:
                    notes = len(traffic.notes)
                    traffic.body(body, dict(headers) if isinstance(headers, Mapping) else {},
                                 pointer="")
                    found = tuple(hits), tuple(traffic.notes[notes:])
                    if key is not None:
                        memo.keep(key, hits, traffic.notes[notes:])
                else:
                    hits.extend(found[0])
                for note in found[1]:
                    yield unreadable(shown, f"a body that could not be checked: {note}",
                                      locator.line_of(pointer), pointer,
                                      hint=HINTS["privacy.unreadable"])
                if hits:
                    yield from _placed(hits, shown, locator, pointer, inner=True)


def _placed(hits: list[Hit], shown: str, locator: Any, pointer: str, *,
            inner: bool = False) -> Iterator[Finding]:
    yield from findings(hits, shown, locator.line_of(pointer), pointer, inner=inner)
