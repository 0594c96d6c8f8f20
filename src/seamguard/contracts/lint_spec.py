"""Contract lint: rules of the OpenAPI specification its meta-schema cannot express.

The meta-schema checks the shape of each object; these rules look across objects: a path
template must be a template, two templated paths may not differ only in their variable names,
a server URL's variables must be declared (and a default be one of its ``enum``), a security
requirement must name a declared scheme, and the header parameters the specification says are
ignored (``Accept``, ``Content-Type``, ``Authorization``) are said to be ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from seamguard.contracts.lint_links import link_rules, operations
from seamguard.contracts.operations import is_template
from seamguard.documents import escape_pointer
from seamguard.spelling import nearest

__all__ = ["Rule", "bad_templates", "malformed_paths", "spec_rules", "undocumented_hint"]

_VARIABLE = re.compile(r"\{([^{}]*)\}")
_IGNORED_HEADERS = {"accept": "the media types of `content`",
                    "content-type": "the media type keys of `requestBody.content`",
                    "authorization": "`security` and `components.securitySchemes`"}
# (pointer, code, error?, message, hint)
Rule = tuple[str, str, bool, str, str]


def _paths(document: dict[str, Any]) -> dict[str, Any]:
    paths = document.get("paths")
    return paths if isinstance(paths, dict) else {}


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    return operations(document, ("paths",))


def malformed_paths(document: Any) -> list[str]:
    """The path keys of ``document`` that are no path template (they match no request)."""
    if not isinstance(document, dict):
        return []
    return [path for path in _paths(document) if isinstance(path, str)
            and not is_template(path)]


def undocumented_hint(document: Any, file: str | None = None,
                      line_of: Callable[[str], int | None] | None = None) -> str:
    """What to do about a request path the contract lacks: a contract path that is no template
    (so it matches nothing) is the likelier cause, and named — in ``file`` at the line
    ``line_of`` gives for its JSON pointer."""
    broken = malformed_paths(document)
    if broken:
        line = line_of(f"/paths/{escape_pointer(broken[0])}") if line_of else None
        where = f"{file}:{line}" if file and line else file or ""
        return (f"the contract's path {broken[0]!r}{f' ({where})' if where else ''} is no valid "
                "path template, so it matches no request: write each variable as {name} "
                "(`seamguard contract lint` lists them)")
    return "add the path to the contract, or check the base_url"


def bad_templates(document: Any) -> list[Rule]:
    """Path keys whose braces do not make a template: ``{id`` unclosed, ``{}``, nested."""
    return [(f"/paths/{escape_pointer(str(path))}", "contract.invalid", True,
             f"path {path!r} is not a valid path template: each variable is written "
             "{name}, braces closed, not nested, not empty, without spaces",
             "write the variable as {name} (and declare it as an `in: path` parameter), or "
             "leave braces out of a literal path")
            for path in malformed_paths(document)]


def spec_rules(document: Any) -> Iterator[Rule]:
    if not isinstance(document, dict):
        return
    yield from _twin_paths(document)
    yield from _server_variables(document)
    yield from _security_names(document)
    yield from _ignored_headers(document)
    yield from link_rules(document)


def _twin_paths(document: dict[str, Any]) -> Iterator[Rule]:
    seen: dict[str, str] = {}
    for path in _paths(document):
        if not isinstance(path, str) or "{" not in path or not is_template(path):
            continue
        shape = _VARIABLE.sub("{}", path)
        first = seen.setdefault(shape, path)
        if first != path:
            # A warning: published contracts do this (Xero's accounting API has fifteen such
            # pairs, /Contacts/{ContactID} beside /Contacts/{ContactNumber}), and the user
            # of a platform's contract cannot merge them.
            yield (f"/paths/{escape_pointer(path)}", "contract.ambiguous-path", False,
                   f"paths {first!r} and {path!r} differ only in the names of their "
                   "variables: the specification forbids it, and a request could match either",
                   f"merge the two into one path item (keep {first!r}); in a platform's "
                   "published contract, accept it in the baseline (docs/baseline.md)")


def _servers(document: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield "/servers", document.get("servers")
    for path, item in _paths(document).items():
        if isinstance(item, dict):
            yield f"/paths/{escape_pointer(str(path))}/servers", item.get("servers")
    for pointer, operation in _operations(document):
        yield f"{pointer}/servers", operation.get("servers")


def _server_variables(document: dict[str, Any]) -> Iterator[Rule]:
    for at, servers in _servers(document):
        if not isinstance(servers, list):
            continue
        for index, server in enumerate(servers):
            if not isinstance(server, dict) or not isinstance(server.get("url"), str):
                continue
            variables = server.get("variables")
            variables = variables if isinstance(variables, dict) else {}
            pointer = f"{at}/{index}"
            for name in dict.fromkeys(_VARIABLE.findall(server["url"])):
                if name not in variables:
                    close = nearest(name, [str(v) for v in variables])
                    yield (f"{pointer}/url", "contract.server-variable", True,
                           f"server URL {server['url']!r} uses {{{name}}}, which its "
                           "`variables` do not declare, so the URL cannot be built",
                           f"did you mean {{{close}}}?" if close else
                           f"add variables: {{{name}: {{default: ...}}}} to the server")
            for name, variable in variables.items():
                if not isinstance(variable, dict):
                    continue
                enum, default = variable.get("enum"), variable.get("default")
                if isinstance(enum, list) and enum and "default" in variable \
                        and default not in enum:
                    yield (f"{pointer}/variables/{escape_pointer(str(name))}/default",
                           "contract.server-variable", True,
                           f"server variable {name!r} defaults to {default!r}, which is not one "
                           f"of its enum values ({', '.join(map(repr, enum[:5]))})",
                           "make the default one of the enum values, or add it to the enum")


def _security_names(document: dict[str, Any]) -> Iterator[Rule]:
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    declared = [str(name) for name in schemes] if isinstance(schemes, dict) else []
    places = [("/security", document.get("security"))]
    places += [(f"{pointer}/security", op.get("security")) for pointer, op in
               _operations(document)]
    for at, requirements in places:
        if not isinstance(requirements, list):
            continue
        for index, requirement in enumerate(requirements):
            if not isinstance(requirement, dict):
                continue
            for name in requirement:
                if str(name) in declared:
                    continue
                close = nearest(str(name), declared)
                yield (f"{at}/{index}/{escape_pointer(str(name))}",
                       "contract.unknown-security-scheme", True,
                       f"security requirement {name!r} names no scheme of "
                       f"components.securitySchemes (declared: {', '.join(declared) or 'none'})",
                       f"did you mean {close!r}?" if close else
                       f"declare {name!r} under components.securitySchemes")


def _ignored_headers(document: dict[str, Any]) -> Iterator[Rule]:
    places = []
    for path, item in _paths(document).items():
        if isinstance(item, dict):
            places.append((f"/paths/{escape_pointer(str(path))}", item.get("parameters")))
    places += [(pointer, op.get("parameters")) for pointer, op in _operations(document)]
    for at, parameters in places:
        if not isinstance(parameters, list):
            continue
        for index, parameter in enumerate(parameters):
            if not isinstance(parameter, dict) or parameter.get("in") != "header":
                continue
            name = parameter.get("name")
            instead = _IGNORED_HEADERS.get(str(name).lower()) if isinstance(name, str) else None
            if instead is not None:
                yield (f"{at}/parameters/{index}", "contract.ignored-header", False,
                       f"header parameter {name!r} is ignored: OpenAPI describes it by "
                       f"{instead}", f"remove the parameter and describe it by {instead}")
