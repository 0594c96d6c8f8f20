"""What recorded verification does with a body in XML.

An XML body is read safely (``seamguard.xml_documents``) into the document a JSON body gives,
then checked the same way: its envelope opened, an in-band error reported, the payload
validated after :func:`~seamguard.contracts.xml_typed.typed_xml` gave its texts the types the
schema declares. A body that cannot be read is one finding saying why:

``body.not-xml``     not well-formed (with line and column)
``body.unsafe-xml``  a DTD or entity declaration (billion laughs, XXE): refused, never expanded
``body.too-deep``    nested deeper than ``max_depth``
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from seamguard.findings import Finding, Severity
from seamguard.recordings.bodies import media_of
from seamguard.xml_documents import XmlProblem, is_xml_media, loads_xml, looks_like_xml

if TYPE_CHECKING:
    from seamguard.contracts.model import Contract, Operation
    from seamguard.verify_gateway import GatewayChecks
    from seamguard.wire.envelope import InBandError
    from seamguard.wire.requests import Params

__all__ = ["XML_CODES", "read_xml", "refusal", "refusal_findings"]

XML_CODES = {"not-well-formed": "body.not-xml", "unsafe": "body.unsafe-xml",
             "too-deep": "body.too-deep"}

_HINTS = {
    "body.not-xml": "the answer was cut off, or is not XML (an HTML error page, JSON sent as "
                    "XML); re-record the call",
    "body.unsafe-xml": "no platform answer declares a DTD; a body like this is an attack or a "
                       "broken proxy, and seamguard never expands or fetches its entities",
    "body.too-deep": "raise max_depth in [tool.seamguard] if this is intended",
}


def read_xml(text: str, *, max_depth: int, media: str, context: str,
             make: Callable[..., Finding]) -> Any:
    """The document of an XML body, or the finding saying why it was not read.

    ``media``: the media type the body was expected to be; ``context``: why it was read
    (``the contract declares text/xml``), for the message.
    """
    try:
        return loads_xml(text, max_depth=max_depth)
    except XmlProblem as problem:
        code = XML_CODES[problem.kind]
        if code == "body.not-xml":
            message = f"body is not well-formed XML ({problem.reason}) although {context}"
        elif code == "body.unsafe-xml":
            message = (f"body was refused as unsafe XML: {problem.reason}; expected {media} "
                       "without a DTD")
        else:
            message = f"body is XML {problem.reason}"
        return make(code, Severity.ERROR, f"{message}; the body was not checked",
                    expected=media, hint=_HINTS[code])


def refusal_findings(gateway: GatewayChecks, platform: str, operation: Operation,
                     contract: Contract, params: Params | None, text: str,
                     content_type: str | None, *, max_depth: int,
                     make: Callable[..., Finding]) -> list[Finding]:
    """The in-band error inside an XML answer the contract does not declare (or sent with a
    JSON Content-Type), so a refusal is reported whatever format it came in; [] for anything
    else. Bad XML is said only when the answer claims to be XML (an HTML page is the
    Content-Type finding's)."""
    if not looks_like_xml(text):
        return []
    document = read_xml(text, max_depth=max_depth, make=make,
                        media=media_of(content_type) or "XML",
                        context="an answer in XML must be read to tell a platform error from a "
                                "success")
    if isinstance(document, Finding):
        claims = is_xml_media(content_type) or text.lstrip("\ufeff \t\r\n").startswith("<?xml")
        return [document] if claims else []
    opened = gateway.open(platform, document, operation, make, contract, params, xml=True)
    if isinstance(opened, list) and any(f.code == "response.in-band-error" for f in opened):
        return opened
    return []


def refusal(gateway: GatewayChecks, platform: str, operation: Operation,
            params: Params | None, text: str, *, max_depth: int) -> InBandError | None:
    """The in-band error inside an XML answer (for drift, which counts them), if it is one."""
    if not looks_like_xml(text):
        return None
    try:
        document = loads_xml(text, max_depth=max_depth)
    except XmlProblem:
        return None
    opened = gateway.unwrap(platform, document, operation, params)
    return None if opened is None else opened[2]
