"""Recording live answers as a scrubbed vcrpy cassette (the recording half of ``LiveFetcher``).

Every request is kept under the platform's ``base_url`` (also when it was sent to a sandbox),
scrubbed of personal data and secrets, and, for a gateway, signed again over what is kept. Of
the attempts of one request only the answer that ends it is recorded: retried attempts are noise
for drift profiling.

vcrpy patches ``httpx.HTTPTransport`` and ``httpx.MockTransport``; any other injected transport
is wrapped in an ``httpx.MockTransport`` so that vcrpy sees its traffic too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import vcr

from seamguard.drift.live_answers import retryable_status
from seamguard.errors import SeamguardError
from seamguard.recordings.cassettes import ReadableYaml
from seamguard.wire.calls import resign_recorded

if TYPE_CHECKING:
    from seamguard.privacy.http import TrafficScrubber
    from seamguard.project import PlatformSettings

__all__ = ["CassetteRecorder"]


class CassetteRecorder:
    """The before-record hooks of one platform's live cassette.

    Args:
        settings: The platform's settings (its wire profile signs gateway calls again).
        env: Where the gateway's app secret is read from.
        base_url: Where the cassette says the calls went.
        send_base: Where they were sent.
        scrubber: Scrubs requests and answers.
        token: The auth token, which must not survive scrubbing (None: no token).
        token_env: The variable it came from (named in the error).
    """

    def __init__(self, settings: PlatformSettings, env: Mapping[str, str], *, base_url: str,
                 send_base: str, scrubber: TrafficScrubber, token: str | None,
                 token_env: str | None) -> None:
        self.settings = settings
        self.base_url = base_url
        self.send_base = send_base
        self._env = env
        self._scrubber = scrubber
        self._token = token
        self._token_env = token_env
        self._request_hook: Callable[[Any], Any] | None = None
        # Set per attempt: the response hook records only the response that ends a request.
        self._final_attempt = False
        self._recorded_attempt = False
        self._quiet = False

    def start_attempt(self, *, final: bool, record: bool = True) -> None:
        """An attempt is about to be sent; ``final``: no other follows whatever it answers;
        ``record``: False for a check the cassette does not keep."""
        self._final_attempt = final
        self._recorded_attempt = False
        self._quiet = not record

    def record_request(self, request: Any) -> Any:
        """The before-record hook: under ``base_url``, scrubbed, signed again."""
        if self._request_hook is None:
            self._request_hook = self._gateway_hook(self._scrubber.request_hook())
        if self.send_base != self.base_url and request.uri.startswith(self.send_base):
            request.uri = self.base_url + request.uri[len(self.send_base):]
            if "host" in request.headers:  # the host the cassette names, not the sandbox's
                request.headers["host"] = httpx.URL(self.base_url).netloc.decode("ascii")
        return self._request_hook(request)

    def rebase_response(self, response: dict[str, Any]) -> dict[str, Any]:
        """Links to where the call was sent (``next`` pages, ``Location``) as under
        ``base_url``, like the recorded request."""
        if self.send_base == self.base_url:
            return response
        old, new = self.send_base, self.base_url
        headers = {name: [str(v).replace(old, new) for v in values] if isinstance(values, list)
                   else values for name, values in (response.get("headers") or {}).items()}
        body = response.get("body")
        text = body.get("string") if isinstance(body, Mapping) else None
        if isinstance(text, str) and old in text:
            text = text.replace(old, new)
            size = len(text.encode("utf-8"))
        elif isinstance(text, bytes) and old.encode() in text:
            text = text.replace(old.encode(), new.encode())
            size = len(text)
        else:
            return {**response, "headers": headers}
        for name in headers:
            if name.lower() == "content-length":
                headers[name] = [str(size)]
        return {**response, "headers": headers, "body": {**dict(body or {}), "string": text}}

    @contextmanager
    def recording(self, path: Path, *, json_format: bool) -> Iterator[None]:
        scrub_request = self.record_request
        scrub_response = self._scrubber.response_hook()

        def record_response(response: dict[str, Any]) -> dict[str, Any] | None:
            # Retried attempts are noise for drift profiling; a custom transport that delegates
            # to a patched httpx transport would also be seen twice, so keep the first only.
            if self._quiet or self._recorded_attempt or not self._ends_request(response):
                return None
            self._recorded_attempt = True
            return self.rebase_response(scrub_response(response))

        recorder = vcr.VCR(
            before_record_request=scrub_request,
            before_record_response=record_response,
            # The scrubbing hook undoes gzip/deflate/br itself, bounded; vcrpy's decoding is not.
            decode_compressed_response=False,
            record_mode="all",
        )
        recorder.register_serializer("seamguard-yaml", ReadableYaml)
        serializer = "json" if json_format else "seamguard-yaml"
        with recorder.use_cassette(str(path), serializer=serializer):
            yield

    def _gateway_hook(self, scrub: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """Scrub a gateway request, then sign it again over what the cassette keeps."""
        signing = self.settings.wire.signing
        secret = self._env.get(self.settings.secret_env or "", "").strip()
        if signing is None or not secret or self.settings.wire.operation is None:
            return scrub

        def hook(request: Any) -> Any:
            request = scrub(request)
            body = request.body
            text = body.decode("utf-8") if isinstance(body, bytes) else body
            content_type = str({k.lower(): v for k, v in request.headers.items()}.get(
                "content-type", ""))
            uri, resigned = resign_recorded(signing, secret, request.uri, text or None,
                                            content_type)
            request.uri = uri
            if resigned is not None and resigned != text:
                request.body = resigned.encode("utf-8")
            return request

        return hook

    def _ends_request(self, response: Mapping[str, Any]) -> bool:
        status = response.get("status") or {}
        code = status.get("code") if isinstance(status, Mapping) else None
        return self._final_attempt or not retryable_status(code)

    def check_no_token(self, scratch: Path, cassette: Path) -> None:
        if self._token and self._token in scratch.read_text("utf-8", errors="replace"):
            raise SeamguardError(
                f"the ${self._token_env} token survived scrubbing; {cassette} was not written"
            )
