"""Reproducing probe failures: a curl line that works, and a saved request that
``seamguard probe PLATFORM --replay ID`` sends again through schemathesis.

A failure's request (operation, path parameters, query, headers, body) is saved as
``reports/probe-replays/<ID>.json`` without the credentials: the auth header is added again from
the environment when it is replayed, and the curl line reads the token from the same environment
variable (``-H 'X-Token: '"$SHOP_TOKEN"``), so both run as they are and neither holds a secret.
Identifiers stay as they were: a masked order id would answer 404 where the real one failed.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity

__all__ = ["REPLAY_FOLDER", "Reproduction", "load_replay", "replay"]

REPLAY_FOLDER = "probe-replays"
_EXCERPT = 300


@dataclass(frozen=True)
class Reproduction:
    """How to reproduce one failure: the curl line, the replay id and the saved request."""

    curl: str
    replay_id: str | None
    saved: dict[str, Any] | None


class Reproducer:
    """Builds reproductions for the failures of one probe run."""

    def __init__(self, platform: str, version: str, base_url: str,
                 auth: Mapping[str, str], token: str | None, auth_env: str | None,
                 secrets: Sequence[str] = ()) -> None:
        self.platform = platform
        self.version = version
        self.base_url = base_url
        self.auth = dict(auth)
        self.token = token
        self.auth_env = auth_env
        # `-H` values: never printed (no variable holds them, so the line says [Filtered])
        self.secrets = sorted({s for s in secrets if len(s) >= 4 and s != token}, key=len,
                              reverse=True)

    def curl(self, code_sample: str) -> str:
        """The schemathesis curl line with the token read from its environment variable."""
        for secret in self.secrets:
            code_sample = code_sample.replace(secret, "[Filtered]")
        if not self.token or not self.auth_env:
            return code_sample
        variable = f"\"${self.auth_env}\""
        for name, value in self.auth.items():
            prefix = value[: -len(self.token)] if value.endswith(self.token) else ""
            # schemathesis prints "[Filtered]" for the credential: read it from the
            # environment instead (close the quote, expand the variable), so the line works.
            code_sample = code_sample.replace(f"-H '{name}: [Filtered]'",
                                              f"-H '{name}: {prefix}'{variable}")
        return code_sample.replace(self.token, f"'{variable}'")

    def reproduce(self, recorder: Any, case_id: str, label: str, code_sample: str
                  ) -> Reproduction:
        node = recorder.cases.get(case_id)
        case = getattr(node, "value", None)
        saved = _case_dict(case, label, self.auth) if case is not None else None
        replay_id = None
        if saved is not None:
            digest = json.dumps(saved, sort_keys=True, ensure_ascii=False)
            replay_id = hashlib.sha256(digest.encode("utf-8")).hexdigest()[:12]
        return Reproduction(self.curl(code_sample), replay_id, saved)

    def replay_command(self, replay_id: str, base_url_given: bool) -> str:
        command = f"seamguard probe {shlex.quote(self.platform)} --replay {replay_id}"
        if base_url_given:
            command += f" --base-url {shlex.quote(self.base_url)}"
        return command


def _case_dict(case: Any, label: str, auth: Mapping[str, str]) -> dict[str, Any] | None:
    """The request of a schemathesis case as JSON, credentials left out; None when its body is
    not JSON (bytes, files), which cannot be saved faithfully."""
    secret = {name.lower() for name in auth}
    headers = {k: v for k, v in dict(case.headers or {}).items() if k.lower() not in secret}
    data = {"operation": label, "path_parameters": case.path_parameters or {},
            "query": case.query or {}, "headers": headers, "cookies": case.cookies or {},
            "media_type": case.media_type}
    body = case.body
    if type(body).__name__ != "NotSet":
        data["body"] = body
    try:
        json.dumps(data, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return data


def response_excerpt(recorder: Any, case_id: str) -> tuple[int | None, str | None]:
    """The status and the first characters of the response a failing case received."""
    interaction = recorder.interactions.get(case_id)
    response = getattr(interaction, "response", None)
    if response is None:
        return None, None
    try:
        text = response.content.decode("utf-8", "replace")
    except AttributeError:
        text = str(getattr(response, "text", ""))
    text = " ".join(text.split())
    if len(text) > _EXCERPT:
        text = text[:_EXCERPT - 1] + "…"
    return int(response.status_code), text


def response_values(recorder: Any, case_id: str, limit: int = 200) -> tuple[str, ...]:
    """The strings of the JSON answer a failing case received (at most ``limit``): a failure's
    text quotes them ("'Zachary Woods' is not one of ['open', 'closed']"), and a report shows
    each only when it is provably impersonal."""
    import json

    response = getattr(recorder.interactions.get(case_id), "response", None)
    content = getattr(response, "content", None)
    if not isinstance(content, bytes) or len(content) > 1 << 20:
        return ()
    try:
        document = json.loads(content)
    except (ValueError, RecursionError):
        return ()
    found: list[str] = []
    stack = [document]
    while stack and len(found) < limit:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return tuple(found)


def load_replay(folder: Path, replay_id: str) -> dict[str, Any]:
    """The saved request ``replay_id`` from a reports folder (UsageError when absent)."""
    path = folder / REPLAY_FOLDER / f"{replay_id}.json"
    if not path.is_file():
        known = sorted(p.stem for p in (folder / REPLAY_FOLDER).glob("*.json"))
        raise UsageError(f"no saved probe failure {replay_id!r} in {path.parent}",
                         hint="replay ids are printed with each probe failure; known: "
                              + (", ".join(known[:10]) or "none (run `seamguard probe` first)"))
    from seamguard.documents import load_document
    from seamguard.errors import DocumentError

    try:
        data = load_document(path, display=str(path))
    except DocumentError as exc:
        raise UsageError(f"the saved probe failure cannot be read: {exc.message}",
                         file=str(path), line=exc.line, hint=exc.hint) from None
    if not isinstance(data, dict) or not isinstance(data.get("operation"), str):
        raise UsageError("the saved probe failure is not one seamguard wrote (no `operation`)",
                         file=str(path), line=1,
                         hint="run `seamguard probe` again to save a fresh one")
    return data


def replay(schema: Any, saved: dict[str, Any], replay_id: str, base_url: str,
           auth: Mapping[str, str], timeout: float, where: Location,
           scrub: Any) -> Iterator[Finding]:
    """Send a saved request again through schemathesis and run its checks on the answer."""
    label = str(saved["operation"])
    try:
        operation = schema.find_operation_by_label(label)
    except (KeyError, LookupError):
        operation = None
    if operation is None:
        raise UsageError(f"replay {replay_id}: the contract has no operation {label!r} any more",
                         hint="the contract changed since the failure was saved")
    kwargs: dict[str, Any] = {k: saved[k] for k in ("path_parameters", "query", "headers",
                                                     "cookies", "media_type") if saved.get(k)}
    if "body" in saved:
        kwargs["body"] = saved["body"]
    case = operation.Case(**kwargs)
    at = Location(platform=where.platform, version=where.version, file=where.file,
                  operation=label)
    try:
        response = case.call(base_url=base_url, headers=dict(auth), timeout=timeout)
    except Exception as exc:  # the transport's own errors: refused, timed out, TLS...
        yield Finding(code="probe.unreachable", severity=Severity.ERROR, check="probe",
                      message=f"replay {replay_id}: {label}: {scrub(exc)}", location=at,
                      case=label)
        return
    from schemathesis.core.failures import Failure, FailureGroup

    excerpt = " ".join(response.text.split())[:_EXCERPT]
    try:
        case.validate_response(response)
    except (Failure, FailureGroup) as exc:  # one failure, or a group of them
        failures = exc.exceptions if isinstance(exc, FailureGroup) else [exc]
        problems = [str(e).strip().splitlines()[0] for e in failures]
        yield Finding(code="probe.replay-failed", severity=Severity.ERROR, check="probe",
                      message=f"replay {replay_id}: {label} still fails: status "
                              f"{response.status_code}; " + "; ".join(scrub(p) for p in problems),
                      location=at, actual={"status": response.status_code,
                                           "response": scrub(excerpt)},
                      case=label)
        return
    yield Finding(code="probe.replay-passed", severity=Severity.INFO, check="probe",
                  message=f"replay {replay_id}: {label} now passes (status "
                          f"{response.status_code})", location=at, case=label)
