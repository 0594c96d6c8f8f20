"""Bounded network calls: size caps counted after inflating, unreadable encodings refused, no
cookie jar, redirects to the same host only (real time-outs: tests/integration)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

import brotli
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.net import (
    NetworkLimits,
    RedirectRefused,
    ResponseTooLarge,
    bounded_client,
)

LIMITS = NetworkLimits(timeout=5, deadline=30, max_bytes=1000, max_redirects=3)


def _client(handler: object, **options: object) -> httpx.Client:
    return bounded_client(LIMITS, transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
                          **options)  # type: ignore[arg-type]


def test_an_answer_within_the_cap_arrives_whole() -> None:
    with _client(lambda request: httpx.Response(200, content=b"x" * 1000)) as client:
        assert client.get("https://a.test/").content == b"x" * 1000


def test_an_answer_over_the_cap_is_refused() -> None:
    with _client(lambda request: httpx.Response(200, content=b"x" * 1001)) as client, \
            pytest.raises(ResponseTooLarge, match="larger than the 1000 bytes limit"):
        client.get("https://a.test/")


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_answers_are_inflated_and_capped_after_inflating(encoding: str) -> None:
    def packed(data: bytes) -> bytes:
        if encoding == "gzip":
            return gzip.compress(data)
        packer = zlib.compressobj(9, zlib.DEFLATED, -15 if encoding == "raw-deflate" else 15)
        return packer.compress(data) + packer.flush()

    name = "deflate" if "deflate" in encoding else "gzip"
    small, bomb = packed(b'{"a": 1}'), packed(b"0" * (50 << 20))
    assert len(bomb) < 1000 * 60  # the raw bytes alone would pass a cap on the wire
    with _client(lambda request: httpx.Response(
            200, content=small if request.url.path == "/ok" else bomb,
            headers={"Content-Encoding": name})) as client:
        answer = client.get("https://a.test/ok")
        assert answer.content == b'{"a": 1}'
        assert "content-encoding" not in answer.headers  # nothing downstream inflates again
        with pytest.raises(ResponseTooLarge, match="once inflated"):
            client.get("https://a.test/bomb")


@pytest.mark.parametrize("split", [None, 1, 7])
def test_every_member_of_a_multi_member_gzip_answer_arrives(split: int | None) -> None:
    body = gzip.compress(b"first member, ") + gzip.compress(b"second member") + b"\0\0"
    # served whole, or in chunks that end at, inside, or after a member's end
    chunks = [body] if split is None else [body[i:i + split] for i in range(0, len(body), split)]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Chunks(chunks), headers={"Content-Encoding": "gzip"})

    with _client(handler) as client:
        assert client.get("https://a.test/").content == b"first member, second member"


def test_a_multi_member_gzip_answer_is_capped_in_all() -> None:
    member = gzip.compress(b"x" * 600)
    with _client(lambda request: httpx.Response(
            200, content=member * 2, headers={"Content-Encoding": "gzip"})) as client, \
            pytest.raises(ResponseTooLarge, match="once inflated"):
        client.get("https://a.test/")


class _Chunks(httpx.SyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks


def test_an_encoding_that_cannot_be_bounded_is_refused() -> None:
    with _client(lambda request: httpx.Response(
            200, content=b"??", headers={"Content-Encoding": "zstd"})) as client, \
            pytest.raises(ResponseTooLarge, match="Content-Encoding 'zstd'"):
        client.get("https://a.test/")


def _stacked(data: bytes, encoding: str) -> bytes:
    for coding in (c.strip() for c in encoding.split(",")):
        data = {"gzip": gzip.compress, "deflate": zlib.compress,
                "br": brotli.compress, "identity": bytes}[coding](data)
    return data


@pytest.mark.parametrize("encoding", ["br", "gzip, br", "br, gzip", "deflate, br",
                                      "br, identity, deflate", "gzip, gzip"])
@pytest.mark.parametrize("split", [None, 3])
def test_brotli_and_stacked_codings_are_undone_in_order(encoding: str, split: int | None
                                                        ) -> None:
    body = _stacked(b'{"a": 1}', encoding)
    chunks = [body] if split is None else [body[i:i + split] for i in range(0, len(body), split)]
    with _client(lambda request: httpx.Response(
            200, stream=_Chunks(chunks), headers={"Content-Encoding": encoding})) as client:
        answer = client.get("https://a.test/")
    assert answer.content == b'{"a": 1}'
    assert "content-encoding" not in answer.headers


@pytest.mark.parametrize("encoding", ["br", "gzip, br", "br, gzip", "br, br"])
def test_brotli_bombs_are_capped_stacked_or_not(encoding: str) -> None:
    bomb = _stacked(b"0" * (64 << 20), encoding)
    assert len(bomb) < 1000  # a cap on the wire alone would let it through
    with _client(lambda request: httpx.Response(
            200, content=bomb, headers={"Content-Encoding": encoding})) as client, \
            pytest.raises(ResponseTooLarge, match="once inflated"):
        client.get("https://a.test/")


def test_a_false_brotli_claim_is_a_decoding_error() -> None:
    with _client(lambda request: httpx.Response(
            200, content=b"plain text", headers={"Content-Encoding": "gzip, br"})) as client, \
            pytest.raises(httpx.DecodingError):
        client.get("https://a.test/")


def test_a_false_compression_claim_is_a_decoding_error() -> None:
    with _client(lambda request: httpx.Response(
            200, content=b"plain text", headers={"Content-Encoding": "gzip"})) as client, \
            pytest.raises(httpx.DecodingError):
        client.get("https://a.test/")


def test_cookies_a_server_sets_are_never_sent_back() -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Cookie"))
        return httpx.Response(200, headers={"Set-Cookie": "session=s3cr3t; Path=/"})

    with _client(handler) as client:
        client.get("https://a.test/1")
        client.get("https://a.test/2")
    assert seen == [None, None]


def test_a_cookie_the_caller_sends_goes_out_unchanged() -> None:
    # Session-cookie APIs authenticate with `auth = {header = "Cookie", env = ...}`: that header
    # is the caller's, so it is sent, and a server's Set-Cookie is still never added to it.
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Cookie"))
        return httpx.Response(200, headers={"Set-Cookie": "tracker=1; Path=/"})

    with _client(handler, headers={"Cookie": "id=s3ss10n"}) as client:
        client.get("https://a.test/1")
        client.get("https://a.test/2")
    assert seen == ["id=s3ss10n", "id=s3ss10n"]


def test_same_host_redirects_are_followed_and_bounded() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        hops = int(request.url.params.get("hop", "0"))
        if hops < 2:
            return httpx.Response(302, headers={"Location": f"/next?hop={hops + 1}"})
        return httpx.Response(200, content=b"done")

    with _client(handler, follow_redirects=True) as client:
        assert client.get("https://a.test/").content == b"done"

    def endless(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "/again"})

    with _client(endless, follow_redirects=True) as client, \
            pytest.raises(httpx.TooManyRedirects):
        client.get("https://a.test/")


@pytest.mark.parametrize("location", [
    "https://elsewhere.test/steal", "http://a.test/downgrade", "https://a.test:8443/port",
    "//elsewhere.test/scheme-relative",
])
def test_redirects_to_another_host_scheme_or_port_are_refused(location: str) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return httpx.Response(302, headers={"Location": location})

    with _client(handler, follow_redirects=True) as client, \
            pytest.raises(RedirectRefused, match="not followed"):
        client.get("https://a.test/start")
    assert sent == ["https://a.test/start"]


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["gzip", "deflate", "identity", ""]))
def test_any_answer_ends_in_content_or_a_transport_error(body: bytes, encoding: str) -> None:
    headers = {"Content-Encoding": encoding} if encoding else {}
    with _client(lambda request: httpx.Response(200, content=body, headers=headers)) as client:
        try:
            content = client.get("https://a.test/").content
        except (httpx.TransportError, httpx.DecodingError):
            return
    assert len(content) <= LIMITS.max_bytes


@pytest.mark.parametrize("value", ["/nonexistent/ca.pem", __file__])
def test_a_ca_file_from_the_environment_that_holds_no_certificates_is_a_usage_error(
        monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from seamguard.errors import UsageError

    monkeypatch.setenv("SSL_CERT_FILE", value)
    with pytest.raises(UsageError, match="SSL_CERT_FILE") as caught:
        bounded_client(LIMITS)
    assert caught.value.hint is not None
    assert "SSL_CERT_FILE" in caught.value.hint


@pytest.mark.parametrize("proxy", ["::garbage::", "127.0.0.1", "ftp://proxy.test:21", "http://"])
def test_a_proxy_from_the_environment_that_is_no_http_url_is_a_usage_error(
        monkeypatch: pytest.MonkeyPatch, proxy: str) -> None:
    from seamguard.errors import UsageError

    for name in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy)
    with bounded_client(LIMITS) as client, pytest.raises(UsageError, match="HTTP_PROXY") as caught:
        client.get("http://shop.test/orders.json")
    assert repr(proxy) in caught.value.message
    assert caught.value.hint is not None


@pytest.mark.parametrize("coding", ["zstd-99", "gzip, compress", "x-custom"])
def test_requests_refuses_an_answer_in_an_encoding_it_cannot_undo(coding: str) -> None:
    # urllib3 hands an unknown coding over undecoded: neither readable nor bounded
    import requests

    from seamguard.net_requests import bounded_requests
    from tests.support import hostile_servers as servers

    answer = servers.raw_answer(gzip.compress(b"{}") if coding.startswith("gzip") else b"{}",
                                headers={"Content-Encoding": coding})
    with servers.raw_server(answer) as server, bounded_requests(LIMITS), \
            pytest.raises(requests.exceptions.ContentDecodingError, match="cannot be undone"):
        requests.get(f"{server.origin}/spec.json", timeout=5)


def test_requests_reads_an_answer_in_an_encoding_it_can_undo() -> None:
    import requests

    from seamguard.net_requests import bounded_requests
    from tests.support import hostile_servers as servers

    answer = servers.raw_answer(gzip.compress(b'{"a": 1}'), headers={"Content-Encoding": "gzip"})
    with servers.raw_server(answer) as server, bounded_requests(LIMITS):
        assert requests.get(f"{server.origin}/spec.json", timeout=5).json() == {"a": 1}


@pytest.mark.parametrize("version", [b"HTTP/9.9", b"HTTP/0.1", b"HTTP/3.7"])
def test_an_answer_in_an_unknown_http_version_is_refused(version: bytes) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"{}", extensions={"http_version": version})
    with _client(handler) as client, \
            pytest.raises(httpx.RemoteProtocolError, match=version.decode()):
        client.get("https://a.test/")


@pytest.mark.parametrize("version", [b"HTTP/1.0", b"HTTP/1.1", b"HTTP/2"])
def test_answers_in_the_http_versions_spoken_arrive(version: bytes) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"{}", extensions={"http_version": version})
    with _client(handler) as client:
        assert client.get("https://a.test/").content == b"{}"
