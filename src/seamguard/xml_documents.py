"""XML bodies read safely into the JSON-like documents every check reads.

Gateway platforms answer in XML when a request asks for it (TOP ``format=xml``, Pinduoduo
``data_type=XML``) and SF's older API speaks nothing else. The answer is turned into the shape a
JSON answer has, so envelopes, in-band errors, schemas, drift and mappings read it unchanged.

The convention (deterministic; nothing depends on the contract):

* the document is ``{root name: root value}`` (``<error_response>…`` → ``{"error_response": …}``);
* an element with neither children nor attributes is its text, always a string (XML has no
  numbers or booleans), ``""`` when it is empty or only whitespace;
* any other element is an object: each attribute and each child element under its name (an
  attribute whose name a child element also has is kept as ``"@name"``), text beside children
  or attributes as ``"#text"`` — so SF's ``<WaybillRoute mailno="SF1…" opCode="50"/>`` reads as
  its JSON push mode writes it, ``{"mailno": "SF1…", "opCode": "50"}``;
* a child name that repeats is an array of the children in document order, and so is every child
  of an element marked ``list="true"`` (TOP's ``<trades list="true"><trade>…``); that marker is
  not kept as an attribute;
* namespace prefixes are dropped: names are local names.

Checking against a contract then reads each text as the type the schema declares where it can
(``"20"`` for an integer), as form fields are read (see ``contracts.xml_typed``).

Parsing is hardened with defusedxml: a DTD (the carrier of entity expansion — "billion laughs" —
and external entities — XXE) is refused before anything is expanded or fetched, and nesting
deeper than ``max_depth`` is refused while parsing, without recursion. The size bound is the
caller's (bodies are decoded within ``max_body_mb``).
"""

from __future__ import annotations

import re
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from defusedxml.ElementTree import ParseError as XmlParseError

__all__ = ["XmlProblem", "is_xml_media", "loads_xml", "looks_like_xml"]

_XML_MEDIA = re.compile(r"^(application|text)/([\w.+-]+\+)?xml$")


def is_xml_media(media_type: object) -> bool:
    """``application/xml``, ``text/xml`` or a ``+xml`` type (parameters ignored)."""
    if not isinstance(media_type, str):
        return False  # absent, or a contract's contentMediaType that is not text
    base = media_type.split(";", 1)[0].strip().lower()
    return bool(_XML_MEDIA.match(base))


def looks_like_xml(text: str) -> bool:
    """A body whose first non-blank character opens markup (for bodies sent without an XML
    Content-Type)."""
    return text.lstrip("\ufeff \t\r\n").startswith("<")


class XmlProblem(ValueError):
    """Why an XML body was not read.

    Attributes:
        kind: ``not-well-formed``, ``unsafe`` (a DTD or entity declaration) or ``too-deep``.
        reason: What was wrong, for a finding's message.
    """

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def _local(name: str) -> str:
    """``{urn:x}trade``, ``urn:x}trade`` (as expat writes it) or ``ns:trade`` → ``trade``."""
    if "}" not in name and ":" not in name:
        return name  # the usual case, checked first: this runs for every element
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


_NONE: dict[str, str] = {}  # the attributes of an element without any (shared, never changed)


class _Frame:
    __slots__ = ("attributes", "children", "is_list", "name", "text")

    def __init__(self, name: str, attributes: dict[str, str]) -> None:
        self.name = name
        if attributes:
            self.is_list = attributes.get("list", "").strip().lower() == "true"
            self.attributes = {_local(k): v for k, v in attributes.items()
                               if not (self.is_list and k == "list")}
        else:
            self.is_list = False
            self.attributes = _NONE
        self.children: list[tuple[str, Any]] = []
        self.text: list[str] = []

    def value(self) -> Any:
        text = "".join(self.text)
        if not self.children and not self.attributes and not self.is_list:
            return text if text.strip() else ""
        counts: dict[str, int] = {}
        for name, _ in self.children:
            counts[name] = counts.get(name, 0) + 1
        out: dict[str, Any] = {name if name not in counts else f"@{name}": value
                               for name, value in self.attributes.items()}
        for name, child in self.children:
            if self.is_list or counts[name] > 1:
                out.setdefault(name, []).append(child)
            else:
                out[name] = child
        if text.strip():
            out["#text"] = text
        return out


class _Builder:
    """A parser target building the document with an explicit stack (no recursion)."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.stack: list[_Frame] = []
        self.root: tuple[str, Any] | None = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if len(self.stack) >= self.max_depth:
            raise XmlProblem("too-deep", f"nested deeper than {self.max_depth} elements")
        self.stack.append(_Frame(_local(tag), attrib))

    def expat_start(self, tag: str, attributes: list[str]) -> None:
        """``start`` as expat calls it (ordered attributes: name, value, name, value…)."""
        if len(self.stack) >= self.max_depth:
            raise XmlProblem("too-deep", f"nested deeper than {self.max_depth} elements")
        self.stack.append(_Frame(_local(tag), dict(zip(attributes[::2], attributes[1::2],
                                                       strict=True)) if attributes else _NONE))

    def end(self, tag: str) -> None:
        frame = self.stack.pop()
        if self.stack:
            self.stack[-1].children.append((frame.name, frame.value()))
        else:
            self.root = (frame.name, frame.value())

    def data(self, text: str) -> None:
        if self.stack:
            self.stack[-1].text.append(text)

    def close(self) -> Any:
        return self.root


def loads_xml(text: str, *, max_depth: int = 128) -> dict[str, Any]:
    """An XML document as ``{root name: value}`` (see the module docstring).

    Raises:
        XmlProblem: the text is not well-formed XML, declares a DTD or entities, or nests
            deeper than ``max_depth``.
    """
    # The text is already decoded; its declaration may still name the bytes' charset
    # (``encoding="GBK"``), which would make the parser decode again.
    # Blank lines some servers write before the declaration are not the document's.
    text = _DECLARATION.sub(_utf8_declaration, text.lstrip("\ufeff \t\r\n"), count=1)
    builder = _Builder(max_depth)
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    # The builder takes expat's element events itself: ElementTree's layer in between only
    # rewrites names and attributes the builder reads as they come. defusedxml's handlers
    # (DTDs, entities, external references) stay as it set them.
    expat = getattr(parser, "parser", None)
    if expat is not None and getattr(expat, "ordered_attributes", False):
        expat.StartElementHandler = builder.expat_start
        expat.EndElementHandler = builder.end
    try:
        parser.feed(text.encode("utf-8", "surrogatepass"))
        parser.close()
    except XmlProblem:
        raise
    except DefusedXmlException as exc:
        raise XmlProblem("unsafe", _unsafe(exc)) from None
    except XmlParseError as exc:
        raise XmlProblem("not-well-formed", _parse_error(exc)) from None
    except (ValueError, UnicodeError) as exc:
        raise XmlProblem("not-well-formed", str(exc)) from None
    if builder.root is None:
        raise XmlProblem("not-well-formed", "no root element")
    name, value = builder.root
    return {name: value}


_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*?\?>")
_ENCODING = re.compile(r"""encoding\s*=\s*(["'])[^"']*\1""")


def _utf8_declaration(match: re.Match[str]) -> str:
    return _ENCODING.sub('encoding="utf-8"', match.group())


def _unsafe(exc: DefusedXmlException) -> str:
    kind = type(exc).__name__
    if kind == "DTDForbidden":
        return ("it declares a DTD (<!DOCTYPE …>), the carrier of entity expansion (billion "
                "laughs) and external entities (XXE); no answer needs one")
    if kind == "EntitiesForbidden":
        return "it declares entities (entity expansion, billion laughs)"
    return "it refers to external resources (XXE)"


def _parse_error(exc: XmlParseError) -> str:
    message = str(exc).split(":", 1)[0]
    position = getattr(exc, "position", None)
    if position:
        line, column = position
        return f"{message} at line {line} column {column + 1}"
    return message
