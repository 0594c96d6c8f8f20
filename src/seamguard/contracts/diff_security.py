"""Security changes: global and per-operation requirements, OAuth scopes, security schemes.

A ``security`` list holds alternatives; each alternative names schemes and, for OAuth2 and
OpenID Connect, the scopes it needs. Alternatives are paired first when identical, then when
they name the same schemes and no other alternative does; a paired alternative whose scopes
differ reports each scope added or removed. An empty alternative (``{}``: no authentication)
is not reported as a requirement added or removed on an operation.

oasdiff grades every security change info, a scheme's ``type`` change included. A caller
reads them differently: alternatives are OR-ed and the schemes and scopes inside one are
AND-ed, so a caller that satisfied an old alternative still gets in when some new alternative
asks for no more (its schemes and scopes a subset). When none does — a scope added to the
only alternative, an alternative removed, a public operation that now needs a token —
seamguard adds ``api-security-tightened`` (error) on top of oasdiff's ids, with the
requirements no longer accepted; a scheme whose ``type`` changes gets
``api-security-scheme-type-changed`` (error) beside oasdiff's info.
"""

from __future__ import annotations

from typing import Any

from seamguard.contracts.diff_schema import mapping_at

__all__ = ["effective_security", "global_security", "operation_security", "security_schemes",
           "tightened"]

Alternative = dict[str, list[str]]


def _alternatives(raw: Any) -> list[Alternative]:
    if not isinstance(raw, list):
        return []
    found = []
    for item in raw:
        if isinstance(item, dict):
            found.append({str(k): sorted(str(s) for s in v) if isinstance(v, list) else []
                          for k, v in item.items()})
    return found


def _text(alternative: Alternative) -> str:
    if not alternative:
        return "no authentication ({})"
    return " AND ".join(f"{name}: [{', '.join(scopes)}]" if scopes else name
                        for name, scopes in sorted(alternative.items()))


def _pair(old: list[Alternative], new: list[Alternative]
          ) -> tuple[list[Alternative], list[Alternative], list[tuple[Alternative, Alternative]]]:
    used_a, used_b = [False] * len(old), [False] * len(new)
    for i, alt in enumerate(old):
        for j, other in enumerate(new):
            if not used_b[j] and alt == other:
                used_a[i] = used_b[j] = True
                break
    modified = []

    def unique(alts: list[Alternative], used: list[bool], names: set[str]) -> bool:
        return sum(1 for k, a in enumerate(alts) if not used[k] and set(a) == names) == 1

    for i, alt in enumerate(old):
        if used_a[i] or not unique(old, used_a, set(alt)):
            continue
        for j, other in enumerate(new):
            if not used_b[j] and set(other) == set(alt) and unique(new, used_b, set(other)):
                used_a[i] = used_b[j] = True
                modified.append((alt, other))
                break
    removed = [alt for i, alt in enumerate(old) if not used_a[i]]
    added = [alt for j, alt in enumerate(new) if not used_b[j]]
    return removed, added, modified


def _changes(old: Any, new: Any, stem: str, *, skip_empty: bool) -> list[tuple[str, str]]:
    removed, added, modified = _pair(_alternatives(old), _alternatives(new))
    found = []
    for alt in added:
        if alt or not skip_empty:
            found.append((f"{stem}-added", f"security requirement {_text(alt)} added"))
    for alt in removed:
        if alt or not skip_empty:
            found.append((f"{stem}-removed", f"security requirement {_text(alt)} removed"))
    for alt, other in modified:
        for name in sorted(alt):
            for scope in sorted(set(other[name]) - set(alt[name])):
                found.append((f"{stem}-scope-added", f"scope {scope} of {name} added"))
            for scope in sorted(set(alt[name]) - set(other[name])):
                found.append((f"{stem}-scope-removed", f"scope {scope} of {name} removed"))
    return found


def global_security(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    """Changes of the document-wide ``security`` list."""
    return _changes(old.get("security"), new.get("security"), "api-global-security",
                    skip_empty=False)


def operation_security(old: Any, new: Any) -> list[tuple[str, str]]:
    """Changes of one operation's own ``security`` list."""
    return _changes(old, new, "api-security", skip_empty=True)


def _schemes(side: Any) -> dict[str, dict[str, Any]]:
    components = side.document.get("components")
    raw = components.get("securitySchemes") if isinstance(components, dict) else None
    found = {}
    for name, scheme in (raw.items() if isinstance(raw, dict) else ()):
        if isinstance(scheme, dict) and isinstance(scheme.get("$ref"), str):
            scheme = side.docs.resolve(side.docs.entry_uri, scheme["$ref"])[1]
        if isinstance(scheme, dict):
            found[str(name)] = scheme
    return found


def security_schemes(base: Any, revision: Any) -> list[tuple[str, str, str]]:
    """Security schemes added, removed or changed: (rule, message, scheme name)."""
    old, new = _schemes(base), _schemes(revision)
    found = []
    for name in sorted(new.keys() - old.keys()):
        found.append(("api-security-component-added", f"security scheme {name} added", name))
    for name in sorted(old.keys() - new.keys()):
        found.append(("api-security-component-removed", f"security scheme {name} removed",
                      name))
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name], new[name]
        if a.get("type") != b.get("type"):
            text = f"type of {name} {a.get('type')} → {b.get('type')}"
            # oasdiff's id, at oasdiff's level (info), and seamguard's error beside it: a
            # client sending the old kind of credential no longer gets in
            found.append(("api-security-component-type-changed", text, name))
            found.append(("api-security-scheme-type-changed", text, name))
        else:
            found.extend(_wire_changes(name, a, b))
        flows_a = mapping_at(a, "flows")
        flows_b = mapping_at(b, "flows")
        for flow in sorted(flows_a.keys() & flows_b.keys()):
            fa, fb = flows_a[flow], flows_b[flow]
            if not isinstance(fa, dict) or not isinstance(fb, dict):
                continue
            for key, rule in (("authorizationUrl", "api-security-component-oauth-url-changed"),
                              ("tokenUrl", "api-security-component-oauth-token-url-changed")):
                if fa.get(key) != fb.get(key):
                    found.append((rule, f"{flow} {key} of {name} {fa.get(key)} → "
                                        f"{fb.get(key)}", name))
            sa = mapping_at(fa, "scopes")
            sb = mapping_at(fb, "scopes")
            for scope in sorted(sb.keys() - sa.keys()):
                found.append(("api-security-component-oauth-scope-added",
                              f"scope {scope} added to {name} ({flow})", name))
            for scope in sorted(sa.keys() - sb.keys()):
                found.append(("api-security-component-oauth-scope-removed",
                              f"scope {scope} removed from {name} ({flow})", name))
            for scope in sorted(k for k in sa.keys() & sb.keys() if sa[k] != sb[k]):
                found.append(("api-security-component-oauth-scope-changed",
                              f"description of scope {scope} of {name} changed", name))
    return found


#: How a scheme's credentials travel: a client sending them the old way no longer gets in
#: (oasdiff grades these as breaking since its security-scheme review; ``bearerFormat`` is
#: advice to the reader). Header names and HTTP auth schemes are compared without case.
_WIRE_FIELDS = (
    ("name", "api-security-scheme-name-changed", "apiKey", True),
    ("in", "api-security-scheme-in-changed", "apiKey", False),
    ("scheme", "api-security-scheme-scheme-changed", "http", True),
    ("bearerFormat", "api-security-scheme-bearer-format-changed", "http", False),
    ("openIdConnectUrl", "api-security-scheme-openid-connect-url-changed", "openIdConnect",
     False),
)


def _wire_changes(name: str, a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, str,
                                                                                  str]]:
    found = []
    for key, rule, kind, caseless in _WIRE_FIELDS:
        old, new = a.get(key), b.get(key)
        if a.get("type") != kind or old == new:
            continue
        if caseless and isinstance(old, str) and isinstance(new, str) and (
                old.lower() == new.lower()) and (key == "scheme" or a.get("in") == "header"):
            continue  # HTTP header names and auth schemes have no case
        found.append((rule, f"{key} of {name} {old} → {new}", name))
    return found


def effective_security(operation: dict[str, Any], document: dict[str, Any]) -> Any:
    """What a caller must present: the operation's own ``security`` or the document's; a
    missing list is one empty alternative (no authentication)."""
    raw = operation["security"] if "security" in operation else document.get("security")
    return raw if isinstance(raw, list) and raw else [{}]


def _asks_no_more(new: Alternative, old: Alternative) -> bool:
    return all(name in old and set(scopes) <= set(old[name]) for name, scopes in new.items())


def tightened(old: Any, new: Any) -> list[str]:
    """The old alternatives no new alternative accepts (each as text); empty when every
    caller that got in before still does."""
    before, after = _alternatives(old), _alternatives(new)
    return [_text(alt) for alt in before
            if not any(_asks_no_more(other, alt) for other in after)]
