"""One spelling of a URL's origin, so that the same endpoint written two ways is one endpoint.

RFC 3986 §6.2.2-6.2.3: the scheme and the host are case-insensitive, and a port equal to the
scheme's default (443 for https, 80 for http) names the same origin as no port. A recorder may
write ``https://API.jdl.com:443/ecap/...`` for a call an SDK made to ``https://api.jdl.com/ecap/...``;
the gateway rebuilds the URL from its Host header, where browsers and HTTP clients leave a
default port out. The path is left as written: ``/getids`` and ``/getids/`` are different
resources (§6.2.3 leaves a trailing slash to the scheme's owner), and a platform signing its
URL signs the one the client called.
"""

from __future__ import annotations

__all__ = ["canonical_url"]

_DEFAULT_PORTS = {"https://": ":443", "http://": ":80"}


def canonical_url(url: str) -> str:
    """``url`` with its scheme and host in lower case and a default port left out
    (``HTTPS://Api.jdl.com:443/a?b=C`` → ``https://api.jdl.com/a?b=C``); the rest as written.
    A URL without ``//`` is returned unchanged."""
    start = url.find("//")
    if start < 0:
        return url
    end = len(url)
    for mark in "/?#":
        found = url.find(mark, start + 2)
        if 0 <= found < end:
            end = found
    origin = url[:end]
    canonical = origin.lower()
    for scheme, port in _DEFAULT_PORTS.items():
        if canonical.startswith(scheme) and canonical.endswith(port):
            canonical = canonical[: -len(port)]
    return url if canonical == origin else canonical + url[end:]
