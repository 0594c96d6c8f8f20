"""Which platform, API version and operation a recorded interaction belongs to.

An API call is routed by its URL: each platform's ``base_url`` (with an optional ``{version}``
placeholder, as in ``https://shop.myshopify.com/admin/api/{version}``) is a prefix; what follows
is matched against the contract's path templates. A webhook delivery is a request *to* the
integration: it is recognised by the platform's topic header (``X-Shopify-Topic``) or by one of its
configured receiver URLs, and its version comes from the platform's version header.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from seamguard.project import PlatformSettings, Settings
from seamguard.recordings.cassettes import Interaction

__all__ = ["Route", "Router"]


class Route(NamedTuple):
    """Where one interaction belongs (a tuple: built for every interaction, so kept cheap)."""

    platform: str
    version: str | None  # None: the interaction does not say and the platform has several
    path: str  # path after the base URL; for a webhook, the topic
    webhook: bool = False
    version_source: str = ""


class Router:
    def __init__(self, settings: Settings) -> None:
        self._platforms = settings.platforms
        self._bases: list[tuple[re.Pattern[str], str]] = []
        for name, platform in settings.platforms.items():
            pattern = re.escape(platform.base_url).replace(r"\{version\}", "(?P<version>[^/]+)")
            self._bases.append((re.compile(pattern + r"(?P<rest>/[^?#]*)?(?:[?#].*)?$"), name))
        # Longest base first, so https://api.x.com/v2 wins over https://api.x.com
        self._bases.sort(key=lambda item: -len(item[0].pattern))
        # Webhook recognition runs for every interaction: precompute its lookups.
        self._topic_headers = [
            (platform.webhook_topic_header.lower(), name)
            for name, platform in settings.platforms.items() if platform.webhook_topic_header
        ]
        self._hook_urls = {
            url: (name, topic)
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
            found = self._hook_urls.get(interaction.uri.split("?", 1)[0])
        if found is None:
            return None
        name, topic = found
        version, source = self._version(self._platforms[name], headers, None)
        return Route(name, version, topic, webhook=True, version_source=source)

    def _api(self, interaction: Interaction) -> Route | None:
        for pattern, name in self._bases:
            match = pattern.match(interaction.uri)
            if match is None:
                continue
            platform = self._platforms[name]
            version, source = self._version(
                platform, interaction.response_headers, match.groupdict().get("version")
            )
            path = match.group("rest") or "/"
            return Route(name, version, path, version_source=source)
        return None

    @staticmethod
    def _version(
        platform: PlatformSettings, headers: dict[str, str], from_url: str | None
    ) -> tuple[str | None, str]:
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
    def origin(uri: str) -> str:
        parts = urlsplit(uri)
        return f"{parts.scheme}://{parts.netloc}"
