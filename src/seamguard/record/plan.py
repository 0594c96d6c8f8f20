"""What ``seamguard record`` is asked to record, read and checked before anything is sent.

Requests come from the command line (``record shopify GET /orders.json -p status=any``, or
``record taobao taobao.trades.sold.get -p fields=tid``), from request files (a YAML list of
entries shaped like the ``live`` entries of the settings, bodies allowed) and from the
platform's ``live`` entries. Every one is checked against the platform's contract — an unknown
operation or an undocumented path is a usage error with the nearest names — before the first
byte goes out.
"""

from __future__ import annotations

import difflib
import fnmatch
import ipaddress
import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seamguard.contracts.model import Contract
from seamguard.documents import LineLocator, load_document, read_text
from seamguard.drift.live import LiveRequest
from seamguard.errors import UsageError
from seamguard.project import LiveRequestSettings, PlatformSettings, Project
from seamguard.sendable import not_utf8
from seamguard.spelling import nearest

__all__ = ["MODES", "PlannedRequest", "RecordOptions", "cassette_path", "is_sandbox",
           "plan_requests", "platform_of"]

MODES = ("new", "all", "none", "once")
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


@dataclass(frozen=True)
class RecordOptions:
    """The command line of ``seamguard record`` (see ``seamguard record --help``)."""

    platform: str
    method: str | None = None
    target: str | None = None
    params: tuple[str, ...] = ()
    json_body: str | None = None
    form: tuple[str, ...] = ()
    body: str | None = None
    headers: tuple[str, ...] = ()
    name: str | None = None
    files: tuple[Path, ...] = ()
    live: bool = False
    proxy: str | None = None
    mode: str = "new"
    version: str | None = None
    cassette: str | None = None
    base_url: str | None = None
    allow_unsafe: bool = False
    undocumented: bool = False
    stop_after: int | None = None
    # Told the proxy's address once it listens (the CLI prints it); set to stop the proxy.
    announce: Callable[[str], None] | None = field(default=None, compare=False)
    stop: threading.Event | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PlannedRequest:
    """A request to record and where it was asked for (``file:line``, "the command line")."""

    request: LiveRequest
    source: str


def platform_of(project: Project, options: RecordOptions) -> tuple[PlatformSettings, str]:
    """The platform's settings and the contract version to record against."""
    platforms = project.settings.platforms
    settings = platforms.get(options.platform)
    if settings is None:
        close = nearest(options.platform, list(platforms))
        raise UsageError(
            f"unknown platform {options.platform!r} (configured: "
            f"{', '.join(platforms) or 'none'})",
            file=project.relative(project.pyproject),
            hint=f"did you mean {close!r}?" if close else
            "add a [tool.seamguard.platforms.NAME] table with versions and base_url")
    version = options.version or settings.versions[-1]
    if version not in settings.versions:
        close = nearest(version, settings.versions)
        raise UsageError(
            f"{options.platform} has no version {version!r} (configured: "
            f"{', '.join(settings.versions)})",
            hint=f"did you mean {close!r}?" if close else "see its `versions` setting")
    return settings, version


def cassette_path(project: Project, options: RecordOptions, version: str) -> Path:
    """``<cassettes>/<platform>/<name>.yaml``; the name defaults to the version."""
    name = options.cassette or version
    relative = Path(name)
    unreadable = not_utf8(name)
    if unreadable:
        raise UsageError(f"--cassette {name!r} holds {unreadable}",
                         hint="name the cassette in UTF-8 text, e.g. --cassette orders")
    if relative.is_absolute() or ".." in relative.parts or not relative.name:
        raise UsageError(f"--cassette {name!r} must be a name inside "
                         f"{project.settings.cassettes}/{options.platform}/",
                         hint="e.g. --cassette orders (written as orders.yaml)")
    if relative.suffix.lower() not in (".yaml", ".yml", ".json"):
        relative = relative.with_name(relative.name + ".yaml")
    return project.cassettes_dir / options.platform / relative


def is_sandbox(host: str, patterns: Iterable[str]) -> bool:
    """Is ``host`` a loopback address or one of the platform's ``sandbox_hosts`` (globs)?"""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        if ipaddress.ip_address(host).is_loopback:
            return True
    except ValueError:
        pass
    return any(fnmatch.fnmatchcase(host, pattern.lower()) for pattern in patterns)


def plan_requests(project: Project, options: RecordOptions, settings: PlatformSettings,
                  contract: Contract) -> list[PlannedRequest]:
    """Every request to record, checked against the contract.

    Raises:
        UsageError: a request is malformed, names an unknown operation or an undocumented
            path (unless ``undocumented``), or a request file cannot be read.
    """
    planned: list[PlannedRequest] = []
    if options.method is not None or options.target is not None:
        planned.append(PlannedRequest(_command_line(options, settings), "the command line"))
    elif options.params or options.json_body or options.form or options.body:
        raise UsageError("-p/--json/--form/--body describe a request given on the command "
                         "line, but none is named",
                         hint=f"e.g. seamguard record {options.platform} GET /orders.json "
                              "-p status=any")
    for path in options.files:
        planned.extend(_from_file(path, settings))
    if options.live:
        if not settings.live:
            raise UsageError(f"{options.platform} has no `live` requests",
                             file=project.relative(project.pyproject),
                             hint=f"add [[tool.seamguard.platforms.{options.platform}.live]] "
                                  "entries, or name the requests")
        planned.extend(PlannedRequest(LiveRequest.from_settings(entry),
                                      f"tool.seamguard.platforms.{options.platform}.live[{i}]")
                       for i, entry in enumerate(settings.live))
    for item in planned:
        _check_documented(item, contract, settings, allow=options.undocumented)
    return planned


def _pairs(values: Iterable[str], option: str) -> dict[str, Any]:
    """``NAME=VALUE`` arguments as a dict; a repeated name becomes a list (repeated)."""
    out: dict[str, Any] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name:
            raise UsageError(f"{option} {value!r}: expected NAME=VALUE",
                             hint=f"e.g. {option} status=any")
        if name in out:
            previous = out[name]
            out[name] = [*previous, text] if isinstance(previous, list) else [previous, text]
        else:
            out[name] = text
    return out


def _command_line(options: RecordOptions, settings: PlatformSettings) -> LiveRequest:
    first, second = options.method, options.target
    entry: dict[str, Any] = {"params": _pairs(options.params, "-p"), "name": options.name}
    gateway = settings.wire.gateway
    if first is not None and first.upper() in HTTP_METHODS:
        if gateway:
            raise UsageError(f"{options.platform} is a gateway platform: name an operation, "
                             "not a method and a path",
                             hint=f"e.g. seamguard record {options.platform} OPERATION -p k=v")
        if not second:
            raise UsageError(f"{first.upper()} needs a path",
                             hint=f"e.g. seamguard record {options.platform} {first.upper()} "
                                  "/orders.json")
        entry.update(method=first.upper(), path=second)
    elif gateway:
        if second is not None:
            raise UsageError(f"unexpected argument {second!r} after the operation {first!r}",
                             hint="parameters go in -p NAME=VALUE")
        entry["operation"] = first
    elif first is not None and first.startswith("/") and second is None:
        entry["path"] = first
    else:
        raise UsageError(f"{first!r} is not an HTTP method ({', '.join(HTTP_METHODS)})",
                         hint=f"e.g. seamguard record {options.platform} GET /orders.json")
    if options.json_body is not None:
        entry["json"] = _json_argument(options.json_body)
    if options.form:
        entry["form"] = _pairs(options.form, "--form")
    if options.body is not None:
        entry["body"] = options.body
    if options.headers:
        entry["headers"] = _headers(options.headers)
    try:
        return LiveRequest.from_settings(LiveRequestSettings.model_validate(entry))
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        from seamguard.model_errors import first_problem

        problem = first_problem(exc, entry, aliases={"json_body": "json"})
        raise UsageError(f"the request on the command line: {problem.message}",
                         hint="-p NAME=VALUE, -H 'Name: value', --json, --form and --body "
                              "build it (`seamguard record --help`)") from None


def _json_argument(text: str) -> Any:
    source = "--json"
    if text.startswith("@"):
        source = text[1:]
        # Bounded, and only a plain file: `@/dev/zero` or a pipe must not hold the command.
        text = read_text(Path(source), display=source)
    try:
        return json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise UsageError(f"{source} is not JSON: {exc}", file=source if source != "--json"
                         else None, line=line,
                         hint="quote the whole document for the shell: --json '{\"a\": 1}', "
                              "or pass @file.json") from None


def _headers(values: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition(":")
        if not sep or not name.strip():
            raise UsageError(f"--header {value!r}: expected 'Name: value'",
                             hint="e.g. --header 'Accept-Language: zh-CN'")
        out[name.strip()] = text.strip()
    return out


def _from_file(path: Path, settings: PlatformSettings) -> list[PlannedRequest]:
    display = str(path)
    if not path.exists() and not path.is_symlink():
        raise UsageError(f"no request file {display}", file=display,
                         hint="a YAML list of requests: - {path: /orders.json, params: {...}}")
    # load_document refuses folders, devices, pipes and link loops, naming what it found.
    data = load_document(path, display=display)
    if isinstance(data, dict) and isinstance(data.get("requests"), list):
        data, prefix = data["requests"], "/requests"
    else:
        prefix = ""
    if not isinstance(data, list) or not data:
        raise UsageError("a request file holds a non-empty list of requests", file=display,
                         line=1, hint="- {method: GET, path: /orders.json, params: "
                                      "{status: any}}")
    locator = LineLocator(path)
    planned = []
    for index, raw in enumerate(data):
        where = f"{prefix}/{index}"
        if not isinstance(raw, dict):
            raise UsageError(f"request #{index} must be a mapping (path or operation, method, "
                             "params, json/form/body, headers)", file=display,
                             line=locator.line_of(where),
                             hint="write each request as a mapping, e.g. "
                                  "{path: /orders.json, method: GET}")
        try:
            entry = LiveRequestSettings.model_validate(raw)
        except ValueError as exc:
            raise _entry_error(exc, raw, display, locator, where, index) from None
        if entry.paging:
            raise UsageError(f"request #{index}: `paging` is read by drift run only; a "
                             "recording holds the pages its request file names",
                             file=display, line=locator.line_of(f"{where}/paging"),
                             pointer=f"{where}/paging",
                             hint="list each page as its own request (params: {page: 2}), "
                                  "or leave `paging` out")
        if entry.operation is not None and not settings.wire.gateway:
            raise UsageError(f"request #{index} names an operation, but this platform is "
                             "routed by path", file=display, line=locator.line_of(where),
                             hint="use `path: /...`")
        if entry.path is not None and settings.wire.gateway:
            raise UsageError(f"request #{index} names a path, but this gateway platform names "
                             "operations", file=display, line=locator.line_of(where),
                             hint="use `operation: name.of.the.call`")
        planned.append(PlannedRequest(LiveRequest.from_settings(entry),
                                      f"{display}:{locator.line_of(where)}"))
    return planned


def _entry_error(exc: Exception, raw: dict[str, Any], display: str, locator: LineLocator,
                 where: str, index: int) -> UsageError:
    from seamguard.model_errors import first_problem

    problem = first_problem(exc, raw, aliases={"json_body": "json"})
    pointer = where + "".join(f"/{part}" for part in problem.path)
    if problem.kind == "extra_forbidden":
        known = sorted(f.alias or name for name, f in LiveRequestSettings.model_fields.items())
        close = nearest(problem.key, known)
        hint = f"did you mean {close!r}?" if close else f"known: {', '.join(known)}"
    else:
        hint = ("a request is a mapping: path (or operation), method, params, headers "
                "(name: text), and one of json, form or body; see docs/recording.md")
    return UsageError(f"request #{index}: {problem.counted()}", file=display,
                      line=locator.line_of(pointer),
                      pointer=where + "".join(f"/{part}" for part in problem.shown_path),
                      hint=hint)


def _check_documented(item: PlannedRequest, contract: Contract, settings: PlatformSettings,
                      *, allow: bool) -> None:
    request = item.request
    if request.operation is not None:
        names = contract.operation_names(settings.wire.path)
        if request.operation in names:
            return
        meant = nearest(request.operation, names)
        raise UsageError(
            f"{item.source}: {contract.label} has no operation {request.operation!r}",
            hint=f"did you mean {meant!r}?" if meant else
            f"its operations: {', '.join(names[:8]) or 'none'}"
            + (" ..." if len(names) > 8 else ""))
    path = request.path if request.path.startswith("/") else "/" + request.path
    method = request.method.upper()
    unfilled = re.findall(r"\{([^{}/]+)\}", path)
    if unfilled and not allow:
        # The path copied from the contract, its parameters not filled in: the request would
        # go out with a literal `{order_id}` and record the platform's 404.
        raise UsageError(
            f"{item.source}: {method} {path} still has the path parameter(s) "
            f"{', '.join(unfilled)} to fill in; nothing was sent",
            hint=f"write a real value in place of {{{unfilled[0]}}} — the id of a record the "
                 "API has (a list request shows some)")
    if contract.match(method, path) is not None or allow:
        return
    hooks = sorted({op.path for op in contract.operations if op.webhook})
    url = settings.base_url.replace("{version}", contract.version).rstrip("/") + path
    if settings.webhook_urls.get(url) in hooks or settings.webhook_urls.get(url) == "*":
        return  # a delivery to the receiver that webhook_urls names: checked as that webhook
    methods = contract.methods_for(path)
    if methods:
        raise UsageError(
            f"{item.source}: {contract.label} documents {path} for "
            f"{', '.join(m.upper() for m in methods)}, not {method}",
            hint="fix the method, or pass --undocumented to record it anyway")
    # Webhooks are sent by the platform, not requested from it: never a path to suggest.
    calls = [op for op in contract.operations if not op.webhook]
    same = sorted({op.path for op in calls if op.method.upper() == method})
    close = [f"{method} {p}" for p in difflib.get_close_matches(path, same, n=2, cutoff=0.6)]
    if not close:
        templates = sorted({f"{op.method.upper()} {op.path}" for op in calls})
        close = difflib.get_close_matches(f"{method} {path}", templates, n=2, cutoff=0.6)
    hint = (f"did you mean {' or '.join(close)}? " if close else "") + (
        "paths are relative to base_url; pass --undocumented to record it anyway")
    if hooks and method == "POST":
        hint += (f". A delivery of a webhook ({', '.join(hooks[:3])}) to your receiver is "
                 f"recorded once its URL is mapped to it: [tool.seamguard.platforms."
                 f"{contract.platform}.webhook_urls] \"{url}\" = \"{hooks[0]}\"")
    raise UsageError(
        f"{item.source}: {method} {path} matches no operation of {contract.label}", hint=hint)
