"""Cassettes written as YAML lets them be written, for ``hostile_fresh10``.

* ``yml10``: aliases that nest into a bomb, an alias that holds itself, merge keys, tags that
  would run code or build Python objects, ``!!binary`` that is not base64, ``!!set`` and
  ``!!omap`` where a table is wanted, timestamps and floats where a status code is wanted,
  several documents in one file, a document cut short in each kind of node. ``verify`` must
  name the cassette and the line, never crash, never hang, never build what a tag asks for.
* ``enc10``: recorded bodies under ``Content-Encoding`` values the body does not match
  (``gzip`` over plain text, ``deflate`` raw and zlib-wrapped, ``br``, ``gzip, gzip``, an
  unknown coding) and ``Content-Type`` charsets that are not what the bytes are.
"""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, ONE, json_args
from tests.support.projects import MINI_CONTRACT, good_order, mini_project

CLEAN = frozenset({0})
_BODY = json.dumps({"order": good_order()})
_BAD_BODY = json.dumps({"order": good_order(status="lost")})

_HEAD = """interactions:
- request:
    method: GET
    uri: https://shop.example.com/api/v1/orders/1.json
    body: null
    headers: {}
  response:
    status: {code: 200, message: OK}
"""
_HEADERS = "    headers:\n      Content-Type: [application/json]\n      X-Request-Id: [r1]\n"
_STRING = f"    body:\n      string: {json.dumps(_BODY)}\n"


def _bomb(levels: int, width: int) -> str:
    lines = ["x0: &x0 [lol, lol]"]
    for level in range(1, levels):
        lines.append(f"x{level}: &x{level} [" + ", ".join([f"*x{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# label -> (cassette text, exits, names)
YAML: dict[str, tuple[str, frozenset[int], tuple[str, ...]]] = {
    "alias-bomb-in-headers": (
        _bomb(9, 9) + _HEAD + "    headers:\n      Content-Type: [application/json]\n"
        "      X-Request-Id: [r1]\n      X-Big: *x8\n" + _STRING + "version: 1\n", FAILS,
        ("orders.yaml",)),
    "alias-bomb-as-body": (_bomb(10, 8) + _HEAD + _HEADERS + "    body:\n      string: *x9\n"
                           "version: 1\n", FAILS, ("orders.yaml",)),
    "alias-bomb-as-interactions": (_bomb(8, 10) + "interactions: *x7\nversion: 1\n", FAILS,
                                   ("orders.yaml",)),
    "alias-self-list": (_HEAD + _HEADERS + "    body: &b\n      string: " + json.dumps(_BODY)
                        + "\n      again: [*b]\nversion: 1\n", ANY, ()),
    "alias-self-headers": (_HEAD + "    headers: &h\n      Content-Type: [application/json]\n"
                           "      X-Request-Id: [r1]\n      X-Self: *h\n" + _STRING
                           + "version: 1\n", ANY, ()),
    "alias-self-interactions": ("interactions: &i\n- *i\nversion: 1\n", FAILS,
                                ("orders.yaml",)),
    "alias-undefined": (_HEAD + _HEADERS + "    body:\n      string: *nowhere\nversion: 1\n",
                        FAILS, ("orders.yaml",)),
    "merge-key-headers=keeps": ("base: &base\n  Content-Type: [application/json]\n"
                                + _HEAD + "    headers:\n      <<: *base\n"
                                "      X-Request-Id: [r1]\n" + _STRING + "version: 1\n",
                                CLEAN, ()),
    "merge-key-of-a-list": (_HEAD + "    headers:\n      <<: [1, 2]\n" + _STRING
                            + "version: 1\n", FAILS, ("orders.yaml",)),
    "tag-python-apply": (_HEAD + _HEADERS + "    body:\n      string: !!python/object/apply:"
                         "os.system ['touch PWNED']\nversion: 1\n", FAILS, ("orders.yaml",)),
    "tag-python-name": (_HEAD + _HEADERS + "    body:\n      string: !!python/name:os.system ''"
                        "\nversion: 1\n", FAILS, ("orders.yaml",)),
    "tag-local-unknown": (_HEAD + _HEADERS + "    body:\n      string: !shop 7\nversion: 1\n",
                          FAILS, ("orders.yaml",)),
    "tag-binary-not-base64": (_HEAD + _HEADERS + "    body:\n      string: !!binary |\n"
                              "        this is ~~ not base64 @@\nversion: 1\n", FAILS,
                              ("orders.yaml",)),
    "tag-binary=breaks": (_HEAD + _HEADERS + "    body:\n      string: !!binary |\n        "
                          + base64.b64encode(_BAD_BODY.encode()).decode() + "\nversion: 1\n",
                          ONE, ("/order/status",)),
    "tag-set-as-headers": (_HEAD + "    headers: !!set {Content-Type, X-Request-Id}\n" + _STRING
                           + "version: 1\n", FAILS, ("orders.yaml",)),
    "tag-omap-as-headers": (_HEAD + "    headers: !!omap\n      - Content-Type: "
                            "[application/json]\n      - X-Request-Id: [r1]\n" + _STRING
                            + "version: 1\n", ANY, ()),
    "status-timestamp": (_HEAD.replace("{code: 200, message: OK}", "{code: 2024-07-01, "
                                       "message: OK}") + _HEADERS + _STRING + "version: 1\n",
                         FAILS, ("orders.yaml",)),
    "status-float": (_HEAD.replace("{code: 200,", "{code: 200.5,") + _HEADERS + _STRING
                     + "version: 1\n", FAILS, ("orders.yaml",)),
    "status-octal": (_HEAD.replace("{code: 200,", "{code: 0o310,") + _HEADERS + _STRING
                     + "version: 1\n", ANY, ()),
    "status-sexagesimal": (_HEAD.replace("{code: 200,", "{code: 3:20,") + _HEADERS + _STRING
                           + "version: 1\n", FAILS, ("orders.yaml",)),
    "status-bool": (_HEAD.replace("{code: 200,", "{code: yes,") + _HEADERS + _STRING
                    + "version: 1\n", FAILS, ("orders.yaml",)),
    "two-documents": (_HEAD + _HEADERS + _STRING + "version: 1\n---\n" + _HEAD + _HEADERS
                      + _STRING + "version: 1\n", FAILS, ("orders.yaml",)),
    "document-end-then-junk": (_HEAD + _HEADERS + _STRING + "version: 1\n...\n%%%\n", FAILS,
                               ("orders.yaml",)),
    "directive-yaml-1-1=keeps": ("%YAML 1.1\n---\n" + _HEAD + _HEADERS + _STRING
                                 + "version: 1\n", CLEAN, ()),
    "directive-yaml-9": ("%YAML 9.0\n---\n" + _HEAD + _HEADERS + _STRING + "version: 1\n",
                         FAILS, ("orders.yaml",)),
    "cut-in-flow-map": (_HEAD.replace("{code: 200, message: OK}", "{code: 200, mess"), FAILS,
                        ("orders.yaml",)),
    "cut-in-quoted": (_HEAD + _HEADERS + '    body:\n      string: "{\\"order', FAILS,
                      ("orders.yaml",)),
    "cut-in-block-scalar": (_HEAD + _HEADERS + "    body:\n      string: |\n", ANY, ()),
    "cut-after-key": (_HEAD + _HEADERS + "    body:\n", FAILS, ("orders.yaml",)),
    "tab-indent": (_HEAD + _HEADERS.replace("      X-", "\tX-") + _STRING + "version: 1\n",
                   FAILS, ("orders.yaml",)),
    "key-complex": (_HEAD + _HEADERS + "    ? [a, b]\n    : 1\n" + _STRING + "version: 1\n",
                    FAILS, ("orders.yaml",)),
    "key-null": (_HEAD + _HEADERS + "    ~: 1\n" + _STRING + "version: 1\n", FAILS,
                 ("orders.yaml",)),
    "huge-int-status": (_HEAD.replace("{code: 200,", "{code: " + "9" * 5000 + ",") + _HEADERS
                        + _STRING + "version: 1\n", FAILS, ("orders.yaml",)),
    "deep-flow-nesting": (_HEAD + _HEADERS + "    body:\n      string: x\n      deep: "
                          + "[" * 50000 + "]" * 50000 + "\nversion: 1\n", FAILS,
                          ("orders.yaml",)),
    "deep-block-nesting": (_HEAD + _HEADERS + _STRING + "".join(
        "  " * n + f"k{n}:\n" for n in range(3000)) + "version: 1\n", FAILS,
        ("orders.yaml",)),
    "version-2": (_HEAD + _HEADERS + _STRING + "version: 2\n", ANY, ()),
    "version-word": (_HEAD + _HEADERS + _STRING + "version: one\n", ANY, ()),
}

# --- encodings --------------------------------------------------------------------------------


def _encoded(coding: str, data: bytes, *, ctype: str = "application/json") -> str:
    return (_HEAD + f"    headers:\n      Content-Type: [{json.dumps(ctype)}]\n"
            f"      Content-Encoding: [{json.dumps(coding)}]\n      X-Request-Id: [r1]\n"
            "    body:\n      string: !!binary |\n        "
            + base64.b64encode(data).decode() + "\nversion: 1\n")


def _charset(ctype: str, data: bytes) -> str:
    return _encoded("identity", data, ctype=ctype).replace(
        "      Content-Encoding: [\"identity\"]\n", "")


_RAW_DEFLATE = zlib.compressobj(wbits=-15)
_DEFLATED_RAW = _RAW_DEFLATE.compress(_BAD_BODY.encode()) + _RAW_DEFLATE.flush()

ENCODINGS: dict[str, tuple[str, frozenset[int], tuple[str, ...]]] = {
    "gzip=breaks": (_encoded("gzip", gzip.compress(_BAD_BODY.encode())), ONE,
                    ("/order/status",)),
    "gzip-over-plain": (_encoded("gzip", _BAD_BODY.encode()), FAILS, ("orders.yaml",)),
    "gzip-twice-declared-once": (_encoded("gzip", gzip.compress(gzip.compress(
        _BAD_BODY.encode()))), FAILS, ("orders.yaml",)),
    "gzip-gzip=breaks": (_encoded("gzip, gzip", gzip.compress(gzip.compress(
        _BAD_BODY.encode()))), FAILS, ("orders.yaml",)),
    "gzip-truncated": (_encoded("gzip", gzip.compress(_BAD_BODY.encode())[:30]), FAILS,
                       ("orders.yaml",)),
    "gzip-trailing-junk": (_encoded("gzip", gzip.compress(_BAD_BODY.encode()) + b"junk"),
                           FAILS, ("orders.yaml",)),
    "x-gzip=breaks": (_encoded("x-gzip", gzip.compress(_BAD_BODY.encode())), FAILS,
                      ("orders.yaml",)),
    "gzip-upper=breaks": (_encoded("GZIP", gzip.compress(_BAD_BODY.encode())), FAILS,
                          ("orders.yaml",)),
    "deflate-zlib=breaks": (_encoded("deflate", zlib.compress(_BAD_BODY.encode())), FAILS,
                            ("orders.yaml",)),
    "deflate-raw=breaks": (_encoded("deflate", _DEFLATED_RAW), FAILS, ("orders.yaml",)),
    "br-not-brotli": (_encoded("br", _BAD_BODY.encode()), FAILS, ("orders.yaml",)),
    "zstd-not-zstd": (_encoded("zstd", _BAD_BODY.encode()), FAILS, ("orders.yaml",)),
    "coding-unknown": (_encoded("lzma", _BAD_BODY.encode()), FAILS, ("orders.yaml",)),
    "coding-empty": (_encoded("", _BAD_BODY.encode()), FAILS, ("orders.yaml",)),
    "utf16-declared-utf8": (_charset("application/json; charset=utf-8",
                                     _BAD_BODY.encode("utf-16")), FAILS, ("orders.yaml",)),
    "utf16-declared=breaks": (_charset("application/json; charset=utf-16",
                                       _BAD_BODY.encode("utf-16")), FAILS, ("orders.yaml",)),
    "utf32-undeclared": (_charset("application/json", _BAD_BODY.encode("utf-32")), FAILS,
                         ("orders.yaml",)),
    "charset-unknown": (_charset("application/json; charset=klingon", _BAD_BODY.encode()),
                        FAILS, ("orders.yaml",)),
    "charset-quoted=breaks": (_charset('application/json; charset="utf-8"',
                                       _BAD_BODY.encode()), ONE, ("/order/status",)),
    "latin1-declared-gbk-bytes": (_charset("application/json; charset=iso-8859-1", json.dumps(
        {"order": good_order(status="lost", note="收件人")}, ensure_ascii=False).encode("gbk")),
        FAILS, ("orders.yaml",)),
    "bom-utf8=breaks": (_charset("application/json", b"\xef\xbb\xbf" + _BAD_BODY.encode()),
                        FAILS, ("orders.yaml",)),
}


def _case(family: str, label: str, text: str, exits: frozenset[int],
          names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", contract=MINI_CONTRACT, interactions=[])
        (project / "fixtures" / "cassettes" / "orders.yaml").write_text(text, encoding="utf-8")
        return json_args("verify", project)
    return Case(f"{family}:{label}", setup, exits, names)


def cassette_cases() -> list[Case]:
    return [*(_case("yml10", label, *spec) for label, spec in YAML.items()),
            *(_case("enc10", label, *spec) for label, spec in ENCODINGS.items())]
