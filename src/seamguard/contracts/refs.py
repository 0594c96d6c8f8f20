"""The documents of one contract and ``$ref`` resolution between them.

A contract is an entry document plus any files its ``$ref``s reach (``schemas/order.yaml#/Order``).
Files are loaded on first reference. Resolution errors carry the referring file and line, found
by searching the referring document's text for the reference (parsers keep no positions).

A Swagger 2.0 entry document is served as the OpenAPI 3.0 document it means, and the files it
refers to with their schemas read the same way (``contracts.swagger2``); every reader of a
contract sees 3.0, while ``line_of`` and ``written`` name the places of the files as written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, unquote_to_bytes, urldefrag, urljoin, urlparse

from seamguard.documents import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    LineLocator,
    escape_pointer,
    load_document,
    read_text,
)
from seamguard.errors import ContractError, DocumentError
from seamguard.spelling import nearest

if TYPE_CHECKING:
    from seamguard.contracts.swagger2 import Origins

__all__ = ["DocumentSet", "node_at", "set_at", "split_pointer"]

_MAX_CHAIN = 64


def split_pointer(pointer: str) -> list[str]:
    """Tokens of a JSON pointer (``""`` is the whole document)."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def node_at(document: Any, pointer: str) -> Any:
    """The node at ``pointer``; raises KeyError naming the first token that is missing."""
    node = document
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(token)
    return node


def set_at(tree: dict[str, Any], keys: list[str], value: Any) -> None:
    """Write ``value`` at ``keys`` below ``tree``, creating objects on the way."""
    node = tree
    for key in keys[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = node[key] = {}
        node = child
    node[keys[-1]] = value


@dataclass
class DocumentSet:
    """Every document of one contract, keyed by absolute ``file://`` URI."""

    root: Path
    display: Any  # Callable[[Path], str]: how a path is shown to the user
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    # No $ref may reach a file outside this folder (the project): a contract is data, and must
    # not make seamguard read /etc/passwd or a home folder. None: no boundary.
    boundary: Path | None = None
    documents: dict[str, Any] = field(default_factory=dict)
    # Per converted file (a Swagger 2.0 contract): where each place of its reading was written.
    origins: dict[str, Origins] = field(default_factory=dict)
    _locators: dict[str, LineLocator] = field(default_factory=dict)
    _acyclic: set[tuple[str, str]] = field(default_factory=set)
    # Per document: its $ids and $anchors, each with its pointer (read on first use).
    _ids: dict[str, tuple[dict[str, str], dict[str, str]]] = field(default_factory=dict)
    # (document, anchor) -> the pointers of an $anchor declared more than once
    _twice: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @property
    def entry_uri(self) -> str:
        # The path as written (a symbolic link is named, not its target); abspath, unlike
        # Path.resolve on Python 3.11, never raises on a link loop.
        return Path(os.path.abspath(self.root)).as_uri()

    def load(self, uri: str) -> Any:
        if uri not in self.documents:
            path = self.path_of(uri)
            document = load_document(
                path, max_bytes=self.max_bytes, display=self.display(path),
                max_depth=self.max_depth,
            )
            self.documents[uri] = self._read_as_openapi3(uri, document)
        return self.documents[uri]

    @property
    def swagger2(self) -> bool:
        """Whether the entry document is Swagger 2.0, served as its OpenAPI 3.0 reading."""
        return self.entry_uri in self.origins

    def _read_as_openapi3(self, uri: str, document: Any) -> Any:
        from seamguard.contracts import swagger2

        if uri == self.entry_uri and swagger2.is_swagger2(document):
            from seamguard.contracts.swagger2_rules import rule_problem
            from seamguard.contracts.swagger2_shapes import shape_problem

            mixed = next((key for key in ("openapi", "components", "servers")
                          if key in document), None)
            if mixed is not None:
                raise ContractError(
                    f"the document says it is Swagger 2.0 (swagger: {document['swagger']!r}) "
                    f"but is written in OpenAPI 3: it has `{mixed}`",
                    file=self.file_of(uri), line=self.line_in_file(uri, "/swagger") or 1,
                    pointer="/swagger",
                    hint="write `openapi: 3.0.3` (or 3.1.0) in place of `swagger:` if the "
                         "document is OpenAPI 3; a Swagger 2.0 document keeps its schemas "
                         "under `definitions`")
            problem = shape_problem(document)
            if problem is not None:
                pointer, expected, value = problem
                raise ContractError(
                    f"{pointer} must be {expected}, not {_kind(value)}",
                    file=self.file_of(uri), line=self.line_in_file(uri, pointer) or 1,
                    pointer=pointer,
                    hint="write the kind of value the Swagger 2.0 specification gives this "
                         "keyword; the document is read as the OpenAPI 3.0 document it means, "
                         "and this keyword cannot be")
            broken = rule_problem(document)
            if broken is not None:
                pointer, message, hint = broken
                raise ContractError(message, file=self.file_of(uri),
                                    line=self.line_in_file(uri, pointer) or 1,
                                    pointer=pointer, hint=hint)
            # the files it refers to are read as 2.0 from here on, while it is converted too
            self.origins[uri] = swagger2.Origins()
            try:
                converted, self.origins[uri] = swagger2.convert(
                    document, lambda ref: self._elsewhere(uri, ref))
            except BaseException:
                del self.origins[uri]
                raise
            return converted
        if uri != self.entry_uri and self.swagger2:
            # a file of schemas a 2.0 document refers to speaks 2.0 too (x-nullable, file)
            read, self.origins[uri] = swagger2.schemas_of(document)
            return read
        return document

    def _elsewhere(self, uri: str, ref: str) -> tuple[str, Any] | None:
        """What ``ref`` of ``uri`` reaches in another file, with a ``$ref`` to it written from
        ``uri``; None when it reaches nothing (the reading names that where it is used)."""
        try:
            (target, fragment), node = self.resolve(uri, ref)
        except (ContractError, DocumentError):
            return None
        if target == uri:
            return None
        relative = Path(os.path.relpath(self.path_of(target), self.path_of(uri).parent))
        return f"{quote(relative.as_posix())}#{fragment}", node

    def written(self, uri: str, pointer: str) -> str:
        """Where ``pointer`` into the document served for ``uri`` is in the file as written."""
        origins = self.origins.get(uri)
        return origins.source(pointer) if origins is not None else pointer

    def path_of(self, uri: str) -> Path:
        # as_uri() percent-encodes the file system's bytes: decoding them as UTF-8 (what
        # url2pathname does) turns a folder named in Latin-1 or GBK into one that does not exist
        return Path(os.fsdecode(unquote_to_bytes(urlparse(uri).path)))

    def file_of(self, uri: str) -> str:
        return str(self.display(self.path_of(uri)))

    def line_of(self, uri: str, pointer: str) -> int | None:
        """Line of ``pointer`` into the document served for ``uri``."""
        return self.line_in_file(uri, self.written(uri, pointer))

    def line_in_file(self, uri: str, pointer: str) -> int | None:
        """Line of ``pointer`` into the file as written."""
        locator = self._locators.get(uri)
        if locator is None:
            locator = self._locators[uri] = LineLocator(self.path_of(uri))
        return locator.line_of(pointer)

    def resolve(self, base_uri: str, ref: str,
                keyword: str = "$ref") -> tuple[tuple[str, str], Any]:
        """Resolve ``ref`` written in ``base_uri``; follow pure ``$ref`` chains, refusing cycles.

        Returns ``((uri, fragment), node)`` of the *last* hop, so ``node`` is read with the right
        base document; the fragment is kept as the author wrote it so it can be reused in a URI.
        ``keyword`` is the one that wrote ``ref`` (a ``$dynamicRef`` to a pointer resolves as a
        ``$ref``): an error names it, at its line.
        """
        if keyword != "$ref":
            try:
                return self.resolve(base_uri, ref)
            except ContractError as exc:
                message = (keyword + exc.message[4:] if exc.message.startswith("$ref ")
                           else exc.message)
                raise ContractError(message, file=exc.file,
                                    line=exc.line or self._ref_line(base_uri, ref, keyword),
                                    pointer=exc.pointer, hint=exc.hint) from None
        hops: list[tuple[str, str]] = []
        uri, fragment = self._target(base_uri, ref)
        node = self._node(base_uri, ref, uri, fragment)
        while isinstance(node, dict) and set(node) == {"$ref"} and isinstance(node["$ref"], str):
            hop = (uri, unquote(fragment))
            if hop in hops or len(hops) > _MAX_CHAIN:
                cycle = [*hops[hops.index(hop):], hop] if hop in hops else hops
                raise ContractError(
                    "$ref cycle with no schema in it: "
                    + " -> ".join(self._describe_hop(*step) for step in cycle),
                    file=self.file_of(base_uri),
                    line=self._ref_line(base_uri, ref),
                    hint="each of these references points at the next; one of them must point "
                         "at a real schema",
                )
            hops.append(hop)
            next_ref = node["$ref"]
            next_uri, next_fragment = self._target(uri, next_ref)
            node = self._node(uri, next_ref, next_uri, next_fragment)
            uri, fragment = next_uri, next_fragment
        return (uri, fragment), node

    def check_cycles(self, uri: str, pointer: str) -> None:
        """Refuse a schema that requires itself without consuming any of the payload.

        ``A: {allOf: [$ref: B]}`` with ``B: {allOf: [$ref: A]}`` sends every validator (and the
        OpenAPI meta-schema check) into endless recursion; a reference under ``properties`` or
        ``items`` is ordinary recursion (each level reads a deeper part of the payload) and is
        fine. Iterative, and each schema is walked once per contract.
        """
        start = (uri, pointer)
        if start in self._acyclic:
            return
        path: list[tuple[str, str]] = [start]
        pending: list[list[tuple[str, str]]] = [self._unguarded_targets(*start)]
        while pending:
            if not pending[-1]:
                self._acyclic.add(path.pop())
                pending.pop()
                continue
            target = pending[-1].pop()
            if target in self._acyclic:
                continue
            if target in path:
                cycle = [*path[path.index(target):], target]
                raise ContractError(
                    "schema cycle: each schema requires the next through allOf/anyOf/oneOf/"
                    "not/$ref, with no property or item in between: "
                    + " -> ".join(self._describe_hop(*hop) for hop in cycle),
                    file=self.file_of(target[0]), line=self.line_of(*target),
                    pointer=self.written(*target),
                    hint="a schema may refer to itself only below `properties` or `items`",
                )
            path.append(target)
            pending.append(self._unguarded_targets(*target))

    def _unguarded_targets(self, uri: str, pointer: str) -> list[tuple[str, str]]:
        """Schemas that ``uri#pointer`` must satisfy at the same place in the payload."""
        node = node_at(self.load(uri), pointer)
        found: list[tuple[str, str]] = []
        stack = [node]
        while stack:
            schema = stack.pop()
            if not isinstance(schema, dict):
                continue
            ref = schema.get("$ref")
            if isinstance(ref, str):
                (target_uri, fragment), _ = self.resolve(uri, ref)
                found.append((target_uri, unquote(fragment)))
            for key in ("allOf", "anyOf", "oneOf"):
                if isinstance(schema.get(key), list):
                    stack.extend(schema[key])
            stack.extend(schema.get(key) for key in ("not", "if", "then", "else"))
        return found

    def _describe_hop(self, uri: str, pointer: str) -> str:
        line = self.line_of(uri, pointer)
        return f"{self.file_of(uri)}{f':{line}' if line else ''} (#{pointer})"

    def _target(self, base_uri: str, ref: str) -> tuple[str, str]:
        named = self._by_id(base_uri, ref)
        if named is not None:
            return named
        if ref.startswith(("http://", "https://")):
            raise ContractError(
                f"remote $ref {ref!r} cannot be resolved offline",
                file=self.file_of(base_uri),
                line=self._ref_line(base_uri, ref),
                hint="download the referenced file next to the contract and refer to it by path",
            )
        absolute = urljoin(base_uri, ref)
        uri, fragment = urldefrag(absolute)
        if uri == self.entry_uri and self.swagger2:
            from seamguard.contracts.swagger2 import read_pointer

            # a reference from outside the document (a mapping's `schema`) in 2.0 terms
            fragment = read_pointer(fragment)
        if urlparse(uri).scheme not in ("file", ""):
            raise ContractError(
                f"$ref {ref!r} uses a scheme seamguard does not read",
                file=self.file_of(base_uri), line=self._ref_line(base_uri, ref),
                hint="refer to files next to the contract by relative path",
            )
        if self.boundary is not None and uri != base_uri.partition("#")[0]:
            target = Path(os.path.realpath(self.path_of(uri)))
            boundary = Path(os.path.realpath(self.boundary))
            if target != boundary and boundary not in target.parents:
                raise ContractError(
                    f"$ref {ref!r} points outside the project ({target}); it was not read",
                    file=self.file_of(base_uri), line=self._ref_line(base_uri, ref),
                    hint="keep every file a contract refers to inside the project folder",
                )
        return uri, fragment

    def _by_id(self, base_uri: str, ref: str) -> tuple[str, str] | None:
        """Where a JSON Schema 2020-12 ``$ref`` by identifier lands in the documents read so
        far: an ``$anchor`` (``#pos``) of the referring document, or a schema's ``$id``
        (``https://example.com/order``, ``order.json``), with a pointer or an anchor after it.
        None for a reference by path and pointer, resolved as such."""
        target, fragment = urldefrag(ref)
        if not target and (not fragment or fragment.startswith("/")):
            return None
        document_uri = base_uri.partition("#")[0]
        documents = [document_uri] + [uri for uri in self.documents if uri != document_uri]
        for uri in documents:
            try:
                ids, anchors = self._identifiers(uri)
            except DocumentError:
                continue
            if not target:  # a plain-name fragment: an anchor of the referring document
                twice = self._twice.get((uri, fragment))
                if uri == document_uri and twice:
                    raise ContractError(
                        f"$ref {ref!r} names the anchor {fragment!r}, which "
                        f"{self.file_of(uri)} declares {len(twice)} times (at "
                        f"{', '.join(twice[:3])}), so it reaches no one schema",
                        file=self.file_of(base_uri), line=self._ref_line(base_uri, ref),
                        hint="give each schema an anchor of its own")
                if uri == document_uri and fragment in anchors:
                    return uri, quote(anchors[fragment])
                continue
            for written in (target, urljoin(document_uri, target)):
                if written in ids:
                    pointer = ids[written]
                    if fragment and not fragment.startswith("/"):
                        inner = anchors.get(f"{written}#{fragment}")
                        return (uri, quote(inner)) if inner is not None else None
                    return uri, quote(pointer + fragment)
        return None

    def _identifiers(self, uri: str) -> tuple[dict[str, str], dict[str, str]]:
        """The ``$id``s (as written and resolved against the enclosing ones) and ``$anchor``s
        (by name, and as ``id#name``) of one document, each with its pointer."""
        known = self._ids.get(uri)
        if known is not None:
            return known
        ids: dict[str, str] = {}
        anchors: dict[str, str] = {}
        self._ids[uri] = (ids, anchors)
        stack: list[tuple[Any, str, str]] = [(self.load(uri), "", uri)]
        while stack:
            node, pointer, base = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("$id"), str) and pointer:
                    ids.setdefault(node["$id"], pointer)
                    base = urljoin(base, node["$id"])
                    ids.setdefault(urldefrag(base)[0], pointer)
                if isinstance(node.get("$anchor"), str):
                    first = anchors.setdefault(node["$anchor"], pointer)
                    if first != pointer:
                        self._twice.setdefault((uri, node["$anchor"]), [first]).append(pointer)
                    anchors.setdefault(f"{urldefrag(base)[0]}#{node['$anchor']}", pointer)
                    for written, at in list(ids.items()):
                        if pointer.startswith(at + "/") or pointer == at:
                            anchors.setdefault(f"{written}#{node['$anchor']}", pointer)
                stack.extend((child, f"{pointer}/{escape_pointer(str(key))}", base)
                             for key, child in node.items()
                             if key not in ("example", "examples", "enum", "const", "default"))
            elif isinstance(node, list):
                stack.extend((child, f"{pointer}/{index}", base)
                             for index, child in enumerate(node))
        return ids, anchors

    def _node(self, base_uri: str, ref: str, uri: str, fragment: str) -> Any:
        try:
            document = self.load(uri)
        except DocumentError as exc:
            if not os.path.exists(self.path_of(uri)):  # False, not OSError, for a name too long
                raise ContractError(
                    f"$ref {ref!r} points to a file that does not exist: {self.file_of(uri)}",
                    file=self.file_of(base_uri),
                    line=self._ref_line(base_uri, ref),
                    hint="check the relative path; it is resolved from the referring file",
                ) from None
            if uri == self.entry_uri:
                raise exc from None
            raise ContractError(
                f"$ref {ref!r} cannot be read: {exc.where}: {exc.message}",
                file=self.file_of(base_uri), line=self._ref_line(base_uri, ref),
                hint=exc.hint,
            ) from None
        if unquote(fragment) in ("", "/") and isinstance(document, dict) and "openapi" in document:
            raise ContractError(
                f"$ref {ref!r} points at the whole OpenAPI document, not at a schema or object "
                "in it",
                file=self.file_of(base_uri), line=self._ref_line(base_uri, ref),
                hint="an empty $ref is always a slip: refer to e.g. #/components/schemas/Name")
        if fragment and not unquote(fragment).startswith("/"):
            _, anchors = self._identifiers(uri)
            named = sorted(name for name in anchors if "#" not in name)
            close = nearest(unquote(fragment), named)
            raise ContractError(
                f"$ref {ref!r} names the anchor {unquote(fragment)!r}, and no schema of "
                f"{self.file_of(uri)} declares `$anchor: {unquote(fragment)}`",
                file=self.file_of(base_uri), line=self._ref_line(base_uri, ref),
                hint=(f"did you mean '#{close}'?" if close else
                      "declare the anchor on the schema meant, or refer to it by pointer "
                      "(#/components/schemas/Name)"))
        try:
            return node_at(document, unquote(fragment))
        except (KeyError, ValueError) as exc:
            raise ContractError(
                f"$ref {ref!r} points to nothing: {self.file_of(uri)} has no {exc.args[0]!r} "
                f"on the path {unquote(fragment) or '/'}",
                file=self.file_of(base_uri),
                line=self._ref_line(base_uri, ref),
                hint=self._suggest(document, unquote(fragment)),
            ) from None

    def _suggest(self, document: Any, pointer: str) -> str:

        tokens = split_pointer(pointer) if pointer.startswith("/") else []
        parent: Any = document
        for token in tokens[:-1]:
            if not isinstance(parent, dict) or token not in parent:
                return "check the spelling of each part of the pointer"
            parent = parent[token]
        if isinstance(parent, dict) and tokens:
            close = nearest(tokens[-1], [str(k) for k in parent])
            if close:
                return f"did you mean {close!r}?"
        return "check the spelling of each part of the pointer"

    def _ref_line(self, uri: str, ref: str, keyword: str = "$ref") -> int | None:
        try:
            text = read_text(self.path_of(uri), max_bytes=self.max_bytes)
        except DocumentError:
            return None
        # Lines as an editor numbers them: only "\n" ends one (str.splitlines would also split
        # at U+2028, U+0085 or a form feed inside a value, and lose the line of such a $ref).
        origins = self.origins.get(uri)
        written = origins.source_ref(ref) if origins is not None else ref
        for number, line in enumerate(text.split("\n"), start=1):
            if keyword in line and (ref in line or written in line):
                return number
        return None


def _kind(value: Any) -> str:
    from seamguard.contracts.diff_shapes import kind_of

    return kind_of(value)
