"""vcrpy recordings whose bodies are coded, sized or versioned unlike the plain case, for
``hostile_fresh8``.

``vcr8``: a recorded answer under ``Content-Encoding`` ``br``, ``zstd``, ``deflate`` as zlib and
as a raw stream, ``gzip, gzip`` really applied twice, ``gzip, br``, upper case, spaces, two
header values: each decoded and checked (its finding at ``/order/status``, never a pass); the
same codings declared over a body that is plain JSON: the recording named as one that cannot be
decoded, never read as a clean empty answer; a ``Content-Length`` that lies (larger, smaller,
not a number, negative, twice and different) over a body that breaks the contract: the body is
still checked; a cassette ``version`` of 0, 2, -1, 1.5, ``true``, ``null``, a list, or none;
interactions with no request, a body with no ``string``, a status code of 0, 999, -200 or
``true``, a ``null`` interaction, an interaction that is a list, and a cassette that names
``interactions`` twice.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import FAILS, ONE, json_args
from tests.support.projects import good_order, interaction, mini_project

_BAD = json.dumps({"order": good_order(status="lost")}).encode()
_GOOD = json.dumps({"order": good_order()}).encode()
_AT = ("/order/status",)


def _brotli(data: bytes) -> bytes:
    import brotli
    compressed: bytes = brotli.compress(data)
    return compressed


def _zstd(data: bytes) -> bytes:
    """One zstd frame holding ``data`` as a raw block (RFC 8878), written by hand."""
    block = (len(data) << 3 | 1).to_bytes(3, "little")
    return b"\x28\xb5\x2f\xfd" + b"\x00\x30" + block + data


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


Coder = Callable[[bytes], bytes]
# label -> (the header value(s), what makes the recorded bytes)
CODINGS: dict[str, tuple[list[str], Coder]] = {
    "br": (["br"], _brotli),
    "zstd": (["zstd"], _zstd),
    "deflate-zlib": (["deflate"], zlib.compress),
    "deflate-raw": (["deflate"], _raw_deflate),
    "gzip-gzip": (["gzip, gzip"], lambda d: gzip.compress(gzip.compress(d))),
    "gzip-then-br": (["gzip, br"], lambda d: _brotli(gzip.compress(d))),
    "gzip-upper": (["GZIP"], gzip.compress),
    "gzip-spaced": ([" gzip "], gzip.compress),
    "gzip-two-values": (["gzip", "gzip"], lambda d: gzip.compress(gzip.compress(d))),
    "identity-then-gzip": (["identity, gzip"], gzip.compress),
}
LIES = ("br", "zstd", "deflate-zlib", "gzip-gzip", "gzip-then-br")


def _coded(body: bytes, values: list[str], coder: Coder) -> dict[str, Any]:
    item = interaction("x")
    item["response"]["headers"]["Content-Encoding"] = values
    item["response"]["body"]["string"] = coder(body)
    return item


def _project(root: Path, items: list[Any], *, raw: str | None = None) -> list[str]:
    project = mini_project(root / "p", interactions=[])
    path = project / "fixtures" / "cassettes" / "orders.yaml"
    path.write_text(raw if raw is not None else yaml.safe_dump(
        {"interactions": items, "version": 1}, allow_unicode=True), encoding="utf-8")
    return json_args("verify", project)


def _coding_case(label: str, values: list[str], coder: Coder) -> Case:
    def setup(root: Path) -> list[str]:
        return _project(root, [_coded(_BAD, values, coder)])
    # seamguard documents no zstd decoder: the recording is named as one it cannot read
    if label == "zstd":
        return Case(f"vcr8:coded-{label}", setup, FAILS, ("orders.yaml", "zstd"))
    return Case(f"vcr8:coded-{label}", setup, ONE, _AT)


def _lie_case(label: str) -> Case:
    values, _coder = CODINGS[label]

    def setup(root: Path) -> list[str]:
        return _project(root, [_coded(_GOOD, values, lambda d: d)])
    return Case(f"vcr8:plain-declared-{label}", setup, FAILS, ("orders.yaml",))


LENGTHS: dict[str, list[str]] = {
    "larger": [str(len(_BAD) + 500)], "smaller": ["12"], "not-a-number": ["twelve"],
    "negative": ["-1"], "twice-different": ["12", "900"], "huge": ["9" * 30],
}


def _length_case(label: str, values: list[str]) -> Case:
    def setup(root: Path) -> list[str]:
        item = interaction(_BAD.decode())
        item["response"]["headers"]["Content-Length"] = values
        return _project(root, [item])
    return Case(f"vcr8:content-length-{label}", setup, ONE, _AT)


VERSIONS: dict[str, Any] = {"zero": 0, "two": 2, "minus-one": -1, "one-and-half": 1.5,
                            "true": True, "null": None, "list": [1], "missing": ...}


def _version_case(label: str, version: Any) -> Case:
    def setup(root: Path) -> list[str]:
        data: dict[str, Any] = {"interactions": [interaction(_BAD.decode())]}
        if version is not ...:
            data["version"] = version
        return _project(root, [], raw=yaml.safe_dump(data))
    return Case(f"vcr8:version-{label}", setup, FAILS, ("orders.yaml",))


def _edit(change: Callable[[dict[str, Any]], Any]) -> Callable[[Path], list[str]]:
    def setup(root: Path) -> list[str]:
        item = interaction(_BAD.decode())
        changed = change(item)
        return _project(root, [interaction(_BAD.decode(), uri="https://shop.example.com/api/"
                                           "v1/orders/2.json"), changed])
    return setup


def _pop(path: str) -> Callable[[dict[str, Any]], Any]:
    def change(item: dict[str, Any]) -> Any:
        *head, last = path.split(".")
        node = item
        for key in head:
            node = node[key]
        node.pop(last)
        return item
    return change


def _status(code: Any) -> Callable[[dict[str, Any]], Any]:
    def change(item: dict[str, Any]) -> Any:
        item["response"]["status"]["code"] = code
        return item
    return change


SHAPES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "no-request": _pop("request"),
    "body-no-string": _pop("response.body.string"),
    "status-no-message": _pop("response.status.message"),
    "status-zero": _status(0),
    "status-999": _status(999),
    "status-negative": _status(-200),
    "status-true": _status(True),
    "interaction-null": lambda item: None,
    "interaction-list": lambda item: [item["request"], item["response"]],
    "interaction-text": lambda item: "GET https://shop.example.com/api/v1/orders/1.json",
}


def _twice_case() -> Case:
    def setup(root: Path) -> list[str]:
        first = yaml.safe_dump({"interactions": [interaction(_BAD.decode())]})
        second = yaml.safe_dump({"interactions": [interaction(_GOOD.decode())], "version": 1})
        return _project(root, [], raw=first + second)
    return Case("vcr8:interactions-key-twice", setup, FAILS, ("orders.yaml",))


def cassette_cases() -> list[Case]:
    return [*(_coding_case(label, *row) for label, row in CODINGS.items()),
            *(_lie_case(label) for label in LIES),
            *(_length_case(label, values) for label, values in LENGTHS.items()),
            *(_version_case(label, version) for label, version in VERSIONS.items()),
            *(Case(f"vcr8:{label}", _edit(change), FAILS, ("orders.yaml",))
              for label, change in SHAPES.items()),
            _twice_case()]
