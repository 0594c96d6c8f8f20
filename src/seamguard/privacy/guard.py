"""Masking for everything a person reads: findings, messages, samples, alerts, logs, terminal.

Checks mask what they quote, and the runner passes every finding through :func:`mask_finding`
before reporters, alerts or the pytest plugin see it, so a check that forgets cannot leak. Masks
are short (``138****5678``) and idempotent; results are cached per distinct string, so the guard
costs little on runs with many findings.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from seamguard.findings import Finding
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.json_text import open_escapes
from seamguard.privacy.mask import REDACTED, Masker, mask_name
from seamguard.privacy.names import is_bare_name
from seamguard.privacy.observed import declared_values, observed, requote, shape
from seamguard.privacy.policy import PrivacyPolicy

__all__ = ["mask_cases", "mask_finding", "mask_findings", "mask_logs", "mask_path", "mask_text",
           "mask_value"]

# An absolute URL, or a path with a query written without its origin (`GET /customers/1?tel=…`
# in a finding about a configured request): both are masked as URLs, parameter by parameter.
_URL = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,19}://[^\s<>\"'`]+"
                  r"|(?<![\w/.:%@&=?-])/[^\s<>\"'`?#]*\?[^\s<>\"'`]*=[^\s<>\"'`]*")
# Schemes whose URLs name a place (a web page, a database, a broker, a repository): read as
# URLs, their user and password redacted. Any other scheme is a notification service's URL
# (Apprise's `mailto://user:pass@…`, `tgram://bot-token/chat`, `slack://T…/B…/token`), whose
# host and path are themselves credentials: only its scheme is shown.
_PLACE_SCHEMES = frozenset({
    "http", "https", "ws", "wss", "ftp", "ftps", "sftp", "ssh", "git", "file", "s3", "gs",
    "postgres", "postgresql", "mysql", "mariadb", "redis", "rediss", "amqp", "amqps", "nats",
    "mongodb", "mongodb+srv", "sqlite", "duckdb", "jdbc", "tcp", "udp", "ldap", "ldaps",
    "git+https", "git+ssh", "gid"})  # (gid: a GraphQL global id, gid://shopify/Order/1)
# A multipart body's first delimiter line and the part's headers after it.
_MULTIPART = re.compile(r"--([!-~]{1,70})\r?\n(?i:content-(?:disposition|type)):")
_USERINFO = re.compile(r"(?<=://)[^/?#@\s:]*:[^/?#@\s]*@")  # a user with a password
_MASKING: dict[PrivacyPolicy, TrafficScrubber] = {}  # each bounds its own caches


def _masking(policy: PrivacyPolicy | None) -> TrafficScrubber:
    policy = policy or PrivacyPolicy.default()
    traffic = _MASKING.get(policy)
    if traffic is None:
        traffic = _MASKING[policy] = TrafficScrubber(policy, Masker())
    return traffic


# A JSON fragment quoted in a message, often cut short so that it no longer parses: each
# `"key": "value"` pair is masked by its key, as the whole document would be.
_JSON_PAIR = re.compile(r'"(?P<key>[^"\\\n]{1,64})"\s*:\s*"(?P<value>(?:[^"\\\n]|\\.)*)"')


def _json_pair(match: re.Match[str], policy: PrivacyPolicy | None) -> str:
    value = match.group("value")
    masked = _masking(policy).scrubber.value(value, match.group("key"))
    if masked == value or not isinstance(masked, str):
        return match.group()
    start, end = match.span("value")
    return match.group()[:start - match.start()] + masked + match.group()[end - match.start():]


def mask_text(text: str, policy: PrivacyPolicy | None = None) -> str:
    """Free text (a message, a log line, a curl command) with every personal value found by
    content shortened to its mask (``138****5678``) and every secret redacted.

    URLs inside the text are masked as URLs: query parameters by name (``access_token=`` is
    redacted), path segments as record ids, so a reproduction line keeps its identifiers.
    A JSON fragment in the text is masked by its keys too, and characters it writes as ``\\u``
    escapes are read as the characters they stand for (and written out when masked).
    """
    if not text:
        return text
    escaped = "\\u" in text or "\\U" in text
    unescaped = open_escapes(text) if escaped else text
    masked = _mask_plain(unescaped, policy)
    if '"' in masked and ":" in masked:  # after the whole text was read, with its context
        masked = _JSON_PAIR.sub(lambda match: _json_pair(match, policy), masked)
    # nothing personal among the escapes: the text as it was written
    return text if unescaped != text and masked == unescaped else masked


def _mask_plain(text: str, policy: PrivacyPolicy | None) -> str:
    traffic = _masking(policy)
    if text.startswith("--") and (multipart := _MULTIPART.match(text)) is not None:
        # a multipart body quoted whole (a logged request): read part by part, as the hooks
        # read it, so a CSV or JSON file part is read by its header or keys
        return traffic.text_body(text, f'multipart/form-data; boundary="{multipart[1]}"')
    if "://" not in text and ("/" not in text or "?" not in text):
        return traffic.scrubber.text(text)
    stripped = text.strip()
    if stripped[:1] in ("{", "[") and stripped[-1:] in ("}", "]"):
        # a whole JSON document (an answer quoted in a finding): read by its keys, as one, so a
        # URL in it does not cut a record apart; then URLs of other schemes shown as below
        return _URL.sub(lambda match: _schemed_url(traffic, match.group()),
                        traffic.scrubber.text(text))
    if stripped[:1] == "<" and stripped[-1:] == ">":
        # a whole XML or HTML document: its URLs (namespaces, links) are read in place, so
        # its elements still name their values and no markup is cut at a URL's edge
        return traffic.scrubber.text(text)
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        # Prose punctuation after a URL ("did you mean http://host/api?") is not part of it.
        url = match.group().rstrip(".,;:!?)]}")
        while match.group()[len(url):len(url) + 1] == ")" and url.count("(") > url.count(")"):
            url += ")"  # a parenthesis the URL opened (`?id=A123456(3)`) is its own
        parts.append(traffic.scrubber.text(text[last:match.start()]))
        parts.append(_shaped_query(_masked_url(traffic, url)))
        last = match.start() + len(url)
    parts.append(traffic.scrubber.text(text[last:]))
    return "".join(parts)


def _schemed_url(traffic: TrafficScrubber, url: str) -> str:
    scheme = url.partition("://")[0].lower()
    if scheme not in ("http", "https") and "://" in url:
        url = _masked_url(traffic, url)
    return _shaped_query(url)


_QUERY_VALUE = re.compile(r"(?<=[?&;])([^=&#\s]+=)([^&#\s]*)")


def _shaped_query(url: str) -> str:
    """A URL's query values, which a client sent or a server handed back, each shown only when
    provably impersonal, else by its shape (``who=%E9%9F%A6**``): decoded to be judged."""
    from urllib.parse import quote, unquote_plus

    if "?" not in url:
        return url

    def value(match: re.Match[str]) -> str:
        raw = match.group(2)
        if not raw:
            return match.group()
        text = unquote_plus(raw)
        shaped = shape(text)
        return match.group() if shaped == text else match.group(1) + quote(shaped, safe="*")

    head, mark, rest = url.partition("?")
    return head + mark + _QUERY_VALUE.sub(value, "?" + rest)[1:]


def _masked_url(traffic: TrafficScrubber, url: str) -> str:
    scheme, separator, _ = url.partition("://")
    scheme = scheme.lower()
    if not separator or scheme in ("http", "https"):  # (a path with its query: `/x?tel=…`)
        return traffic.url(url)
    if scheme not in _PLACE_SCHEMES:
        return f"{url.partition('://')[0]}://{REDACTED}"
    # a DSN's or a repository's user with a password (`postgresql://app:pw@db/x`) go whole;
    # the rest is read as text: a bare user (`ssh://git@host`), and `sqlite:///x.db` keeps its
    # empty host
    return traffic.scrubber.text(_USERINFO.sub(f"{REDACTED}@", url, count=1))


def mask_value(value: Any, key: str | None = None, policy: PrivacyPolicy | None = None) -> Any:
    """A JSON-like value (or a scalar held under ``key``) with personal data masked by key and
    content and secrets redacted; JSON documents inside strings stay valid JSON."""
    if isinstance(value, str) and key is None:
        return mask_text(value, policy)
    return _masking(policy).scrubber.value(value, key)


def mask_finding(finding: Finding, policy: PrivacyPolicy | None = None) -> Finding:
    """The finding with every text a person reads masked: message, ``expected``, ``actual``,
    hint, reproduce commands and the free-form parts of its location (a JSON pointer through
    an object keyed by e-mail addresses, a row key, an operation seen on the wire). The same
    object when nothing needed masking.

    ``actual`` is what the check saw: each string in it that the contract does not declare
    (``expected``) and that is not provably impersonal is shown by its shape
    (:mod:`seamguard.privacy.observed`), and so is every place the finding's texts quote it.
    So are the values it ``quoted`` from data without carrying them as ``actual`` (a status
    counted in a message, a golden example's input, a suite's value set), wherever ``expected``
    holds them too: a value read from data is never a declaration."""
    message = mask_text(finding.message, policy)
    expected = _mask_data(finding.expected, policy)
    actual = _mask_data(finding.actual, policy)
    quoted = tuple(_mask_data(value, policy) for value in finding.quoted)
    # (declared values as the contract writes them: content masking may have shortened some)
    declared = (declared_values(finding.expected) | declared_values(expected)) - _strings(
        (finding.quoted, quoted))
    actual, swaps = observed(actual, declared, renamed_keys(finding.actual, actual))
    quoted, swaps = observed(quoted, declared, swaps)
    # a pointer through a map keyed by people's names (`/contacts/张伟/mobile`), when the
    # finding holds only the value at its end
    for part in (finding.location.pointer or "").split("/"):
        if part not in swaps and is_bare_name(part):
            swaps[part] = mask_name(part)
    if swaps and expected is not None:
        expected = _swapped(expected, swaps)
    message = requote(message, swaps)
    hint = requote(mask_text(finding.hint, policy), swaps) if finding.hint else finding.hint
    reproduce = tuple(requote(mask_text(line, policy), swaps) for line in finding.reproduce)
    where = finding.location
    masked: dict[str, Any] = {
        name: requote(mask_text(value, policy), swaps) for name in ("pointer", "key", "operation")
        if isinstance(value := getattr(where, name), str)}
    if where.file:
        masked["file"] = mask_path(where.file, policy)
    location = replace(where, **masked)
    case = requote(mask_text(finding.case, policy), swaps) if finding.case else finding.case
    if (message == finding.message and expected == finding.expected
            and actual == finding.actual and hint == finding.hint
            and reproduce == finding.reproduce and location == where and case == finding.case
            and quoted == finding.quoted):
        return finding
    return replace(finding, message=message, expected=expected, actual=actual, hint=hint,
                   reproduce=reproduce, location=location, case=case, quoted=quoted)


def _strings(value: Any) -> frozenset[str]:
    """Every string in a JSON-like value, object keys included."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
    return frozenset(found)


def _swapped(value: Any, swaps: dict[str, str]) -> Any:
    """``value`` with each string the observed-value rule shaped replaced by its shape."""
    if isinstance(value, str):
        return swaps.get(value, value)
    if isinstance(value, dict):
        return {_swapped(key, swaps): _swapped(inner, swaps) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_swapped(inner, swaps) for inner in value)
    return value


def renamed_keys(before: Any, after: Any, found: dict[str, str] | None = None
                 ) -> dict[str, str]:
    """The object keys and the values masking changed (a map keyed by people's names or
    phones; a name masked beside a phone in a list of columns), original -> masked, so a
    pointer or a message naming one is masked alike."""
    found = {} if found is None else found
    if isinstance(before, str):
        if isinstance(after, str) and after != before:
            found[before] = after
    elif isinstance(before, dict) and isinstance(after, dict) and len(before) == len(after):
        for (key, item), (new_key, new_item) in zip(before.items(), after.items(), strict=True):
            if isinstance(key, str) and isinstance(new_key, str) and key != new_key:
                found[key] = new_key
            renamed_keys(item, new_item, found)
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for item, new_item in zip(before, after, strict=True):
            renamed_keys(item, new_item, found)
    return found


def mask_path(path: str, policy: PrivacyPolicy | None = None) -> str:
    """A file name as a person reads it, each segment masked on its own: a cassette or an
    export named after a customer (``客户13812345678.yaml``) keeps its folders readable."""
    masked = "/".join(mask_text(part, policy) if part else part for part in path.split("/"))
    return path if masked == path else masked


def mask_cases(cases: dict[str, list[str]], policy: PrivacyPolicy | None = None
               ) -> dict[str, list[str]]:
    """The units each check examined (JUnit's test cases), named as :func:`mask_finding` names
    a finding's case, so a cassette named after a customer passes masked, and its findings
    still land in its case."""
    return {check: list(dict.fromkeys(mask_text(name, policy) for name in names))
            for check, names in cases.items()}


def mask_findings(findings: Iterable[Finding], policy: PrivacyPolicy | None = None
                  ) -> Iterator[Finding]:
    """Every finding through :func:`mask_finding`."""
    for finding in findings:
        yield mask_finding(finding, policy)


def _mask_data(value: Any, policy: PrivacyPolicy | None) -> Any:
    if value is None or isinstance(value, bool | int | float):
        if isinstance(value, int | float) and not isinstance(value, bool) \
                and abs(value) >= 1_000_000:
            return mask_value(value, None, policy)
        return value
    if isinstance(value, str):
        return mask_text(value, policy)
    return mask_value(value, None, policy)


# httpcore logs headers as (b'name', b'value') tuples and vcrpy as {'name': ['value']}: a cookie
# is a secret by its name only.
_HEADER_TUPLE = re.compile(
    r"(?P<head>\(b?'(?P<name>[A-Za-z0-9_-]+)', b?'|'(?P<key>[A-Za-z0-9_-]+)': \[?')"
    r"(?P<value>(?:[^'\\]|\\.)*)'")


def _escaped_bytes(value: str) -> str | None:
    """The text a bytes literal's inside (``\\xd5\\xc5 …``) holds, in its charset; None when it
    is no literal or in no charset."""
    import ast

    from seamguard.recordings.bodies import decode

    try:
        data = ast.literal_eval(f"b'{value}'")
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    decoded = decode(data) if isinstance(data, bytes) else None
    return None if decoded is None else decoded.text


def _header_tuple(match: re.Match[str]) -> str:
    name, value = match.group("name") or match.group("key"), match.group("value")
    head = match.group("head")
    if "\\" in value and head.endswith("b'"):
        text = _escaped_bytes(value)  # httpcore's raw header bytes (a GBK value): read as text
        if text is not None:
            masked = _masking(None).header(name, text)
            return match.group() if masked == text else f"{head[:-2]}{masked!r}"
    masked = _masking(None).header(name, value)
    if masked == value and value[:1] == " " and value[1:2].isdigit():
        # vcrpy's parsed query (`('p', ' 447400123775')`): a `+` read as a blank
        masked = _masking(None).header(name, "+" + value[1:])
        masked = value if masked == "+" + value[1:] else masked
    if masked == value:
        return match.group()
    return f"{match.group('head')}{masked}'"


# Bodies in a logged repr (vcrpy logs each interaction it appends): bytes written as escapes
# (`b'\xca\xd5…'`, GBK or UTF-8) and JSON documents in a string hide their keys and text from
# a scan of the message, so each is read back, scrubbed as the body it is, and shown as text.
_BODY_LITERAL = re.compile(r"""b'(?:[^'\\]|\\.)*'|b"(?:[^"\\]|\\.)*"|'[{\[<](?:[^'\\]|\\.)*'""")


def _body_literal(match: re.Match[str]) -> str:
    import ast

    from seamguard.recordings.bodies import decode

    literal = match.group()
    try:
        value = ast.literal_eval(literal)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return literal
    if isinstance(value, bytes):
        decoded = decode(value)
        if decoded is None:
            return literal
        text = decoded.text
    elif isinstance(value, str):
        text = value
    else:
        return literal
    # a body is observed traffic: what is not provably impersonal is shown by its shape
    masked = shape(_masking(None).text_body(text, None))
    if masked == text and isinstance(value, str):
        return literal
    return repr(masked)


def _mask_log_text(message: str) -> str:
    if "'" in message:
        # Header pairs first, while each value is beside its name: read alone as a body, a
        # value loses the cue that makes part of it personal (a name beside a phone).
        message = _HEADER_TUPLE.sub(_header_tuple, message)
        message = _BODY_LITERAL.sub(_body_literal, message)
    return mask_text(message)


# vcrpy's matchers log why two requests differ as the repr of a list of (matcher, "A != B")
# pairs: the values sit in a repr inside a repr, where the patterns above cannot see them, and a
# parsed query (`[('lx', '王五'), ('dh', '138…')]`) has lost the URL that gives them context.
_DETAILS = "\nFailure details:\n"


def _matcher_failures(text: str) -> str:
    import ast

    try:
        failures = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return _mask_log_text(text)
    if not isinstance(failures, list) or not all(
            isinstance(item, tuple) and len(item) == 2 and all(isinstance(v, str) for v in item)
            for item in failures):
        return _mask_log_text(text)
    return repr([(name, " != ".join(_compared(side) for side in detail.split(" != ")))
                  for name, detail in failures])


def _compared(side: str) -> str:
    """One side of a matcher's comparison: a parsed query (a list of pairs) is scrubbed as the
    query it came from, anything else as log text."""
    import ast
    from urllib.parse import parse_qsl, urlencode

    try:
        pairs = ast.literal_eval(side)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return _mask_log_text(side)
    if isinstance(pairs, list) and all(
            isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(v, str) for v in pair)
            for pair in pairs):
        # parse_qs read an unencoded `+` as a blank: give an international number its `+` back
        pairs = [(k, "+" + v[1:] if v[:1] == " " and v[1:2].isdigit() else v) for k, v in pairs]
        scrubbed = _masking(None).form(urlencode(pairs), pointer="query")
        return repr(parse_qsl(scrubbed, keep_blank_values=True))
    return _mask_log_text(side)


# Loggers that may print a URL, a header or a body of the traffic seamguard handles.
_LOGGED = ("seamguard", "vcr", "httpx", "httpcore", "urllib3", "apprise", "schemathesis",
           "uvicorn")
_installed = False


def mask_logs() -> None:
    """Mask personal data and secrets in every log record of seamguard and of the libraries it
    drives (vcrpy, httpx, apprise, ...), whoever configured the handlers. Idempotent; installed
    by the CLI, the pytest plugin, :func:`~seamguard.privacy.vcr_hooks` and the live fetcher.
    Only records that are actually emitted cost anything."""
    global _installed
    if _installed:
        return
    _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if record.name.startswith(_LOGGED):
            try:
                original = message = record.getMessage()
            except Exception:  # a broken format string: leave it to logging to report
                return record
            details = message.find(_DETAILS) if record.name == "vcr.matchers" else -1
            if details >= 0:
                message = _mask_log_text(message[:details]) + _DETAILS + _matcher_failures(
                    message[details + len(_DETAILS):])
                masked = message
            else:
                masked = _mask_log_text(message)
            if masked != original:
                record.msg, record.args = masked, ()
        return record

    logging.setLogRecordFactory(factory)
