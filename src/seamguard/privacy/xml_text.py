"""XML text scrubbed by its structure: element text, CDATA and attribute values, each by its
element or attribute name and its content, every other byte kept as it was.

One home for XML bodies (``privacy.http``) and XML documents inside strings — a form field, a
JSON string or a query parameter holding one (``privacy.scrubber``). The text is tokenised, not
parsed: a document that is cut off or declares a DTD is still scrubbed, and nothing is expanded.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol
from xml.sax.saxutils import escape as xml_escape

from seamguard.privacy.detect import Kind, is_bare_name

__all__ = ["Texts", "scrub_xml"]


class Texts(Protocol):
    """What scrubs one value held under a name (``Scrubber.text``)."""

    url_reader: Callable[[str, str], str] | None

    def text(self, value: str, key: str | None = None, *, pointer: str = "") -> str: ...

    def kind_text(self, value: str, kind: Kind, *, pointer: str = "") -> str: ...

    def bare_names(self, record: Mapping[str, str]) -> frozenset[str]: ...

    def value(self, value: Any, key: str | None = None, *, pointer: str = "") -> Any: ...


_XML_TOKEN = re.compile(
    r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<\?.*?\?>|<![^>]*>"
    r"|<(?P<close>/)?(?P<tag>[\w:.-]+)(?P<attrs>[^>]*?)(?P<empty>/)?>|(?P<text>[^<]+)",
    re.DOTALL,
)
_XML_ATTR = re.compile(r"""([\w:.-]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')""")


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


_CJK = re.compile(r"[\u4e00-\u9fff]")
_XML_LEAF = re.compile(r"<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<]{1,64})</\1\s*>")


def scrub_xml(text: str, scrubber: Texts, pointer: str) -> str:
    """Text nodes, CDATA and attribute values scrubbed by element / attribute name and content;
    every other byte of the document is kept as it was."""
    out: list[str] = []
    stack: list[str] = []
    # <lx>王五</lx> beside <dh>13812345678</dh>: leaf elements read as one record
    leaves: dict[str, str] = {}
    if _CJK.search(text):
        for leaf in _XML_LEAF.finditer(text):
            leaves.setdefault(_local(leaf.group(1)), html.unescape(leaf.group(2)))
    names = scrubber.bare_names(leaves) if len(leaves) > 1 else frozenset()
    for match in _XML_TOKEN.finditer(text):
        token = match.group()
        if match.group("text") is not None:
            raw = match.group("text")
            if raw.strip():
                original = html.unescape(raw)
                value = _urls_read(original, scrubber, pointer)
                key = _named(stack[-2], stack[-1]) if len(stack) > 1 else (
                    stack[-1] if stack else None)
                if key in names and is_bare_name(value):
                    scrubbed = scrubber.kind_text(value, Kind.NAME,
                                                  pointer=f"{pointer}/{'/'.join(stack)}")
                else:
                    scrubbed = scrubber.text(value, key,
                                             pointer=f"{pointer}/{'/'.join(stack)}")
                if scrubbed != original:
                    token = xml_escape(scrubbed)
        elif match.group("cdata") is not None:
            value = match.group("cdata")
            scrubbed = scrubber.text(value, stack[-1] if stack else None,
                                     pointer=f"{pointer}/{'/'.join(stack)}")
            if scrubbed != value:
                token = f"<![CDATA[{scrubbed.replace(']]>', ']]]]><![CDATA[>')}]]>"
        elif token.startswith(("<!--", "<?", "<!")):
            # Comments, processing instructions and declarations keep their markup; what they
            # say is text like any other.
            head = 4 if token.startswith("<!--") else 2
            tail = 3 if token.endswith("-->") else (2 if token.endswith("?>") else 1)
            inner = token[head:len(token) - tail]
            scrubbed = scrubber.text(inner, pointer=pointer)
            if scrubbed != inner:
                token = token[:head] + scrubbed.replace("--", "- -") + token[len(token) - tail:]
        elif match.group("tag") is not None:
            tag = _local(match.group("tag"))
            if match.group("close"):
                if tag in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(tag):]
            else:
                attrs = match.group("attrs") or ""
                if "=" in attrs:
                    # attributes point through the element's ancestors, as its text does
                    at = f"{pointer}/{'/'.join([*stack, tag])}"
                    token = token.replace(attrs, _scrub_attrs(attrs, scrubber, at, tag), 1)
                if not match.group("empty"):
                    stack.append(tag)
        out.append(token)
    return "".join(out)


# Names that say only "a number" (<Order no="…">, <Customer><id>…</id>): the element around
# them says whose, as ``order_no`` would.
_BARE = frozenset({"no", "nr", "num", "number", "id"})


def _named(element: str, name: str) -> str:
    return f"{element}_{name}" if name.lower() in _BARE else name


# A URL, or a path with a query, quoted in an element's text: an error page echoing the request
# (<pre>POST /api?name=%E5%90%95…&amp;email=…</pre>), its parameters percent-encoded.
_URL_IN_TEXT = re.compile(
    r"(?:https?://|(?<![\w/.:%@&=?-])/)[^\s<>\"'`?#]*\?[^\s<>\"'`]*=[^\s<>\"'`]*")


def _urls_read(value: str, scrubber: Texts, pointer: str) -> str:
    reader = scrubber.url_reader
    if reader is None or "?" not in value or "=" not in value:
        return value
    return _URL_IN_TEXT.sub(lambda match: reader(match.group(), pointer), value)


def _scrub_attrs(attrs: str, scrubber: Texts, pointer: str, element: str) -> str:
    values = {_local(m.group(1)).lower(): m.group(3) if m.group(3) is not None else m.group(4)
              for m in _XML_ATTR.finditer(attrs)}
    # <field name="phone" value="..."/>: the value is named by a sibling attribute.
    naming = values.get("name") or values.get("key")
    # <c lx="王五" dh="13812345678"/>: a name beside a phone in one element
    names = scrubber.bare_names({key: html.unescape(value) for key, value in values.items()}) \
        if len(values) > 1 else frozenset()
    # <party nm="Lena Jonsson" mail="…" ph="…"/>: the attributes read as one record too, as a
    # JSON object is (a plain name beside a phone is a person's)
    together: Mapping[str, Any] = {}
    if len(values) > 1 and naming is None:
        record = {_named(element, _local(m.group(1))): html.unescape(
            m.group(3) if m.group(3) is not None else m.group(4))
            for m in _XML_ATTR.finditer(attrs)}
        walked = scrubber.value(record, pointer=pointer) if len(record) > 1 else None
        together = walked if isinstance(walked, dict) else {}

    def one(match: re.Match[str]) -> str:
        name = _local(match.group(1))
        quote_char = '"' if match.group(3) is not None else "'"
        raw = match.group(3) if match.group(3) is not None else match.group(4)
        value = html.unescape(raw)
        key = naming if name.lower() == "value" and naming else _named(element, name)
        if name.lower() in names:
            scrubbed = scrubber.kind_text(value, Kind.NAME, pointer=f"{pointer}/@{name}")
        else:
            scrubbed = scrubber.text(value, key, pointer=f"{pointer}/@{name}")
            if scrubbed == value and isinstance(together.get(key), str):
                scrubbed = together[key]
        if scrubbed == value:
            return match.group()
        escaped = xml_escape(scrubbed, {'"': "&quot;"} if quote_char == '"' else {"'": "&apos;"})
        return f"{match.group(1)}{match.group(2)}{quote_char}{escaped}{quote_char}"

    return _XML_ATTR.sub(one, attrs)


