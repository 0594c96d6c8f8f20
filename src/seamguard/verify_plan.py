"""What a clean recorded interaction is checked with, resolved once per operation.

Routing an interaction to its operation, then its status and Content-Type to a response and a
media type, gives the same answer for every interaction with the same route: the recorded check
(``verify.py``) resolves it once into an :class:`OperationPlan` and a :class:`BodyPlan` per
(status, Content-Type), so checking a clean interaction is a few dict lookups, the parse and
``is_valid``. A plan says nothing about findings: whatever is not clean takes the full check.
"""

from __future__ import annotations

from typing import NamedTuple

from seamguard.contracts.compiled import SchemaValidator
from seamguard.contracts.embedded import sites_of
from seamguard.contracts.id_precision import twins_of, wants_integers
from seamguard.contracts.model import Contract, HeaderSpec, Operation, SchemaRef, match_media
from seamguard.wire.requests import is_form
from seamguard.xml_documents import is_xml_media

__all__ = ["BodyPlan", "OperationPlan"]


class BodyPlan(NamedTuple):
    """What a response (status, Content-Type) or a delivery (Content-Type) is checked with.

    ``schema`` None: no JSON body to check. ``sites``: the schema declares JSON documents
    inside strings, or numbers with text twins (``contracts.id_precision``), so the body goes
    through ``violations()`` rather than ``is_valid`` alone. ``integers``: the schema can want
    an integer, so a body whose text may hold a float beyond 2^53 takes the full check.
    """

    # The response headers the contract declares, by lower-cased name.
    headers: tuple[tuple[str, HeaderSpec], ...]
    schema: SchemaRef | None
    validator: SchemaValidator | None
    sites: bool
    integers: bool = False


class OperationPlan:
    """One operation of one contract, resolved once for every interaction routed to it.

    Built by :meth:`RecordedVerifier.plan`; ``body()`` resolves the status and Content-Type
    once per distinct pair. A plan only says what a clean interaction is checked with: any
    finding is worked out by the full check, so the plan never has to say why.
    """

    __slots__ = ("_bodies", "contract", "enveloped", "operation", "platform", "version")

    def __init__(self, contract: Contract, operation: Operation, platform: str, version: str,
                 enveloped: bool) -> None:
        self.contract = contract
        self.operation = operation
        self.platform = platform
        self.version = version
        self.enveloped = enveloped
        self._bodies: dict[tuple[int, str | None], BodyPlan | None] = {}

    def body(self, status: int, content_type: str | None) -> BodyPlan | None:
        """The body plan, or None when the status or Content-Type alone is a finding."""
        key = (status, content_type)
        try:
            return self._bodies[key]
        except KeyError:
            found = self._body(status, content_type)
            if len(self._bodies) < 1_024:  # a handful of statuses and Content-Types, normally
                self._bodies[key] = found
            return found

    def _body(self, status: int, content_type: str | None) -> BodyPlan | None:
        operation = self.operation
        headers: tuple[tuple[str, HeaderSpec], ...] = ()
        if operation.webhook:
            if not operation.request:
                return BodyPlan((), None, None, False)
            media = match_media(operation.request, content_type)
            if media is None or is_form(media.media_type):
                return None  # undeclared, or a form push: the full check reads it
        else:
            response = operation.response(status)
            if response is None:
                return None
            headers = tuple(response.headers.items())
            if not response.content:
                return BodyPlan(headers, None, None, False)
            media = response.media(content_type)
            if media is None:
                return None
        if media.schema is not None and is_xml_media(media.media_type):
            return None  # XML: the full check reads and types it
        if media.schema is None or not media.is_json:
            return BodyPlan(headers, None, None, False)
        contract = self.contract
        root = contract.schema(media.schema)
        return BodyPlan(headers, media.schema, contract.validator(media.schema),
                        bool(sites_of(contract, media.schema)) or bool(twins_of(contract, root)),
                        wants_integers(contract, root))
