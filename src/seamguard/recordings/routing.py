"""Which platform, API version and operation a recorded interaction belongs to.

An API call is routed by its URL: each platform's ``base_url`` (with an optional ``{version}``
placeholder, as in ``https://shop.myshopify.com/admin/api/{version}``) is a prefix; what follows
is matched against the contract's path templates. Origins compare as RFC 3986 says: without
regard to the case of scheme and host, a default port (``:443``) the same as none. A webhook
delivery is a request *to* the integration: it is recognised by the platform's topic header
(``X-Shopify-Topic``) or by one of its configured receiver URLs, and its version comes from
the platform's version header.

A gateway platform (its wire profile names where the operation sits) routes a call at its
gateway path by the operation *name* read from the request — query, form, JSON body or header —
and may read the version from a request parameter too (TOP's ``v``). A receiver URL mapped to
``"*"`` takes the push's topic from where the profile's ``push.topic`` (or ``push.topic_at``,
a pointer into a JSON or XML body) says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from seamguard.project import PlatformSettings, Settings
from seamguard.recordings.cassettes import Interaction
from seamguard.wire.origins import canonical_url
from seamguard.wire.requests import BodyProblem, Params

# A version written as numbers (2.0, V1, v3.1): what a gateway's version parameter holds.
_NUMBERED = re.compile(r"[vV]?[0-9]{1,9}(?:\.[0-9]{1,9}){0,7}")


def _numbers(version: str) -> tuple[int, ...]:
    """``V1``, ``1.0`` and ``v1`` as (1,): the numbers of a version, trailing zeros dropped."""
    numbers = [int(part) for part in version.lstrip("vV").split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)

__all__ = ["Route", "Router", "text_at"]


class Route(NamedTuple):
    """Where one interaction belongs (a tuple: built for every interaction, so kept cheap)."""

    platform: str
    version: str | None  # None: the interaction does not say and the platform has several
    path: str  # path after the base URL; for a webhook, the topic
    webhook: bool = False
    version_source: str = ""
    gateway: bool = False  # a call at a gateway path: `operation` names what it is
    operation: str | None = None  # None on a gateway route: the request names none
    params: Params | None = None  # the request's parameters (gateway platforms only)
    problem: str | None = None  # why the request could not be read (gateway platforms only)
    # Set when platforms share the call's base URL and their contracts do not tell which one
    # it is for: all of those platforms, and the ones whose contracts declare the call.
    twins: tuple[str, ...] = ()
    declaring: tuple[str, ...] = ()


# (platform, version or None for any of its versions, method, path after the base) -> does the
# platform's contract declare that call? Used only where platforms share a base URL.
Declares = Callable[[str, str | None, str, str], bool]


class Router:
    """Routes interactions by the settings' base URLs. Where platforms share one base URL, a
    call goes to the one whose contract declares it (``declares``); when that is not exactly
    one, the route names the platforms it could be for (``Route.twins``) instead of picking."""

    def __init__(self, settings: Settings, declares: Declares | None = None) -> None:
        self._platforms = settings.platforms
        self._declares = declares
        bases: list[tuple[str, str, tuple[str, ...]]] = [
            (canonical_url(platform.base_url), name, ())
            for name, platform in settings.platforms.items()]
        bases += _host_bases(settings)
        compiled: list[tuple[re.Pattern[str], str, str | None]] = []
        for base, name, only in bases:
            # A lookahead, not `[?#].*$`: the query string is never scanned twice.
            rest = (r"(?P<rest>/[^?#]*)?" if not only else
                    "(?P<rest>" + "|".join(re.escape(p.rstrip("/")) + "/?" for p in only) + ")")
            compiled.append((re.compile(_base_pattern(base) + rest + r"(?=[?#]|$)"), name,
                             _origin(base)))
        # Longest base first, so https://api.x.com/v2 wins over https://api.x.com
        compiled.sort(key=lambda item: -len(item[0].pattern))
        self._bases: list[tuple[re.Pattern[str], str]] = [(p, n) for p, n, _ in compiled]
        # Only the bases of a URL's origin can match it: try those, in the same order (a base
        # whose origin holds {version} may match any URL, so it is tried everywhere).
        def anywhere(origin: str | None) -> bool:
            return origin is None or "{" in origin

        self._any_origin = [(p, n) for p, n, origin in compiled if anywhere(origin)]
        self._by_origin = {
            origin: [(p, n) for p, n, own in compiled if own == origin or anywhere(own)]
            for origin in {own for _, _, own in compiled}
            if origin is not None and not anywhere(origin)}
        # Platforms sharing one base URL (the same pattern), in settings order.
        shared: dict[str, list[str]] = {}
        for pattern, name, _ in compiled:
            shared.setdefault(pattern.pattern, []).append(name)
        order = list(settings.platforms)
        self._twins_of = {pattern: tuple(sorted(names, key=order.index))
                          for pattern, names in shared.items() if len(set(names)) > 1}
        # Which base a URL has (a pure function of the URL): asked for every interaction.
        self._bases_of: dict[str, _Located | tuple[()]] = {}
        # Webhook recognition runs for every interaction: precompute its lookups.
        self._topic_headers = [
            (platform.webhook_topic_header.lower(), name)
            for name, platform in settings.platforms.items() if platform.webhook_topic_header
        ]
        self._hook_urls = {
            canonical_url(url): (name, topic)
            for name, platform in settings.platforms.items()
            for url, topic in platform.webhook_urls.items()
        }

    def route(self, interaction: Interaction) -> Route | None:
        return self._webhook(interaction) or self._api(interaction)

    def _webhook(self, interaction: Interaction) -> Route | None:
        found: tuple[str, str] | None = None
        headers = interaction.request_headers
        for header, name in self._topic_headers:
            topic = headers.get(header)
            if topic:
                found = (name, topic)
                break
        if found is None and self._hook_urls:
            found = self._hook_urls.get(canonical_url(interaction.uri.split("?", 1)[0]))
        if found is None:
            return None
        name, topic = found
        platform = self._platforms[name]
        version, source = self.version_of(platform, headers, None)
        push = platform.wire.push
        if not (push.signed or (topic == "*" and push.names_topic)):
            return Route(name, version, topic, webhook=True, version_source=source)
        params = self._params(platform, interaction)
        try:
            if topic == "*" and push.topic is not None:
                topic = params.get(push.topic) or "*"
            elif topic == "*" and push.topic_at is not None:
                topic = text_at(params.document(), push.topic_at) or "*"
        except BodyProblem as problem:
            return Route(name, version, topic, webhook=True, version_source=source,
                         params=params, problem=str(problem))
        return Route(name, version, topic, webhook=True, version_source=source, params=params)

    def locate(self, uri: str) -> tuple[str, str | None, str] | None:
        """(platform, version written in the URL, path after the base) of an API call's URL;
        None when no platform's base URL matches it, or several platforms share the one that
        does (which one a call is for is decided per call, by ``route``)."""
        found = self._located(uri)
        return (found[0], found[1], found[2]) if found and not found[4] else None

    @property
    def topic_headers(self) -> tuple[str, ...]:
        """Request headers (lower case) whose presence makes an interaction a webhook."""
        return tuple(header for header, _ in self._topic_headers)

    @property
    def hook_urls(self) -> frozenset[str]:
        """Receiver URLs (without query) that make an interaction a webhook."""
        return frozenset(self._hook_urls)

    def _api(self, interaction: Interaction) -> Route | None:
        found = self._located(interaction.uri)
        if not found:
            return None
        name, from_url, path, gateway, twins = found
        declaring: tuple[str, ...] = ()
        if twins:
            declaring = self._declaring(interaction, twins, from_url, path)
            if len(declaring) == 1:
                name, twins = declaring[0], ()
                at = self._platforms[name].wire.gateway_path(path)
                path, gateway = at or path, at is not None
        platform = self._platforms[name]
        version, source = self.version_of(platform, interaction.response_headers, from_url)
        if twins:
            return Route(name, version, path, version_source=source, twins=twins,
                         declaring=declaring)
        if not gateway:
            return Route(name, version, path, version_source=source)
        wire = platform.wire
        assert wire.operation is not None  # what makes a gateway path
        params = self._params(platform, interaction)
        try:
            operation = params.get(wire.operation)
            # The request's own version counts when the project names its contracts the
            # same way (TOP's v=2.0 with versions = ["2.0"]); else the usual rules apply.
            if wire.version is not None and source in ("", "the only configured version"):
                said = self.said_version(platform, params.get(wire.version))
                if said is not None:
                    version, source = said, f"the request's {wire.version.name} parameter"
        except BodyProblem as problem:
            return Route(name, version, path, version_source=source, gateway=True,
                         params=params, problem=str(problem))
        return Route(name, version, path, version_source=source, gateway=True,
                     operation=operation, params=params)

    def _declaring(self, interaction: Interaction, twins: tuple[str, ...],
                   from_url: str | None, path: str) -> tuple[str, ...]:
        """Which of the platforms sharing a base URL a call there is for: those whose contract
        declares it (a call at a platform's gateway path names its own operation)."""
        declaring = []
        for name in twins:
            platform = self._platforms[name]
            if platform.wire.gateway_path(path) is not None:
                declaring.append(name)
                continue
            version, _ = self.version_of(platform, interaction.response_headers, from_url)
            if self._declares is not None and self._declares(
                    name, version, interaction.method, path):
                declaring.append(name)
        return tuple(declaring)

    def _located(self, uri: str) -> _Located | tuple[()]:
        """``_base_of``, remembered per URL."""
        found = self._bases_of.get(uri)
        if found is None:
            found = self._base_of(canonical_url(uri))
            if len(self._bases_of) >= 10_000:  # distinct URLs (ids, queries): bounded
                self._bases_of.clear()
            self._bases_of[uri] = found
        return found

    def _base_of(self, uri: str) -> _Located | tuple[()]:
        """(platform, version in the URL, path after the base, at a gateway path?, the other
        platforms at that base URL), or ()."""
        for pattern, name in self._by_origin.get(_origin(uri) or "", self._any_origin):
            match = pattern.match(uri)
            if match is None:
                continue
            path = match.group("rest") or "/"
            twins = self._twins_of.get(pattern.pattern, ())
            if twins:  # which of them is decided per call (by method and path), not per URL
                return name, match.groupdict().get("version"), path, False, twins
            wire = self._platforms[name].wire
            at = wire.gateway_path(path)
            return name, match.groupdict().get("version"), at or path, at is not None, ()
        return ()

    @staticmethod
    def _params(platform: PlatformSettings, interaction: Interaction) -> Params:
        return Params(interaction.uri, interaction.request_headers, interaction.request_body,
                      platform.wire.charset)

    @staticmethod
    def version_of(
        platform: PlatformSettings, headers: dict[str, str], from_url: str | None
    ) -> tuple[str | None, str]:
        """(version, where it was read) from the URL, the version header or the settings."""
        if from_url:
            return from_url, "the URL"
        if platform.version_header:
            value = headers.get(platform.version_header.lower())
            if value:
                return value, f"the {platform.version_header} header"
        if len(platform.versions) == 1:
            return platform.versions[0], "the only configured version"
        return None, ""

    @staticmethod
    def said_version(platform: PlatformSettings, said: str | None) -> str | None:
        """The version a gateway request's version parameter decides: itself when the project
        has it, or when it is numbered like the project's versions but is none of them (TOP's
        ``v=1.0`` against contracts for ``2.0``: the call is not one the contracts describe);
        None when the parameter says nothing the project's version names can be compared with
        (contracts named ``top-2024``), so the usual rules apply."""
        if said is None:
            return None
        if said in platform.versions:
            return said
        if not _NUMBERED.fullmatch(said):
            return None
        numbered = [v for v in platform.versions if _NUMBERED.fullmatch(v)]
        # the same number written another way (v1 for V1, 2 for 2.0) is the same version
        same = [v for v in numbered if _numbers(v) == _numbers(said)]
        if same:
            return same[0]
        return said if numbered else None

    @staticmethod
    def origin(uri: str) -> str:
        parts = urlsplit(uri)
        return f"{parts.scheme}://{parts.netloc}"


# (platform, version in the URL, path after the base, at a gateway path?, platforms sharing
# the base URL when there are several)
_Located = tuple[str, str | None, str, bool, tuple[str, ...]]


def _host_bases(settings: Settings) -> list[tuple[str, str, tuple[str, ...]]]:
    """(base URL, platform, the only paths it routes) at the other hosts of each platform's
    gateway (its wire profile's ``hosts``: sandbox, older and SDK-default hosts), with the base
    URL's own path. A host claimed by several platforms (two shops on one gateway) routes
    nothing by this rule: which platform a call there is for cannot be told from its URL. A
    host that is another platform's own base URL host (SF's sfapi.sf-express.com, where a REST
    facade sits under /api/{version}) routes only the gateway's own paths (/std/service), and
    only where no platform's base URL takes them."""
    own: dict[str, list[str]] = {}
    for platform in settings.platforms.values():
        own_base = canonical_url(platform.base_url)
        origin = _origin(own_base)
        if origin is not None:
            own.setdefault(origin, []).append(own_base)
    claims: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for name, platform in settings.platforms.items():
        base = canonical_url(platform.base_url)
        origin = _origin(base)
        if origin is None or "{" in base:
            continue
        path = base[len(origin):]
        wire = platform.wire
        for host in map(canonical_url, wire.hosts):
            only: tuple[str, ...] = ()
            if host in own:
                paths = [p for p in (wire.path, wire.batch.path if wire.batch else None) if p]
                only = tuple(p for p in paths if not any(
                    re.match(_base_pattern(other) + r"(?:/|$)", host + path + p)
                    for other in own[host]))
                if not only:
                    continue
            claims.setdefault(host, []).append((host + path, name, only))
    return [found[0] for found in claims.values() if len(found) == 1]


def _base_pattern(base: str) -> str:
    """The regular expression of a base URL, its ``{version}`` a named group; where the URL
    names the version again (``/{version}/api/{version}``), the same text must stand there."""
    head, *rest = re.escape(base).split(r"\{version\}")
    if not rest:
        return head
    return head + "(?P<version>[^/]+)" + "(?P=version)".join(rest)


def _origin(url: str) -> str | None:
    """``scheme://host[:port]`` of a URL exactly as written (no parsing: asked per interaction);
    None when it has no ``//``."""
    start = url.find("//")
    if start < 0:
        return None
    end = len(url)
    for mark in "/?#":
        found = url.find(mark, start + 2)
        if 0 <= found < end:
            end = found
    return url[:end]


def text_at(document: Any, pointer: str) -> str | None:
    """The text at a plain pointer in a push body (a number written as text); None if absent."""
    from seamguard.wire.pointers import MISSING, EmbeddedUnreadable, resolve

    try:
        value = resolve(document, pointer)
    except EmbeddedUnreadable:
        return None
    if value is MISSING or isinstance(value, dict | list) or value is None:
        return None
    return value if isinstance(value, str) else str(value)
