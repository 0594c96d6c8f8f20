"""Which paths a diff compares, as oasdiff's ``--match-path``, ``--unmatch-path`` and
``--filter-extension`` choose them.

oasdiff filters each side's paths before it compares them, and so does this module:

* ``--match-path REGEX`` keeps only the paths the regex finds in (an unanchored search);
* ``--unmatch-path REGEX`` leaves out the paths it finds in;
* ``--filter-extension REGEX`` leaves out each path item, and each operation, that carries an
  extension (an ``x-`` key) whose name the regex finds in, e.g. ``x-beta``;
* then ``--strip-prefix-base/-revision PREFIX`` takes a prefix off that side's paths, and
  ``--prefix-base/-revision PREFIX`` puts one in front (``/v1`` → ``/api/v1``), so a service
  that moved its paths under a new base is compared operation by operation.

Each side is filtered on its own, as oasdiff does: an operation that gains ``x-beta`` in the
revision is gone from the revision's view, so the diff reports it removed. Webhooks and the
document's components are not paths and stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from seamguard.contracts.diff import DiffSide, Spec
from seamguard.errors import UsageError

__all__ = ["PathFilter", "compile_filter"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class PathFilter:
    match_path: re.Pattern[str] | None = None
    unmatch_path: re.Pattern[str] | None = None
    extension: re.Pattern[str] | None = None
    # (strip, prefix) of the base's paths and of the revision's
    base_prefix: tuple[str, str] = ("", "")
    revision_prefix: tuple[str, str] = ("", "")

    @property
    def active(self) -> bool:
        return any((self.match_path, self.unmatch_path, self.extension, *self.base_prefix,
                    *self.revision_prefix))

    def apply(self, side: DiffSide, *, revision: bool = False) -> DiffSide:
        """``side`` with only the paths and operations this filter keeps, renamed by the
        side's prefix options."""
        if not self.active:
            return side
        strip, prefix = self.revision_prefix if revision else self.base_prefix
        paths = side.document.get("paths") or {}
        kept: dict[str, Any] = {}
        for template, item in paths.items():
            name = str(template)
            if self.match_path is not None and not self.match_path.search(name):
                continue
            if self.unmatch_path is not None and self.unmatch_path.search(name):
                continue
            if self.extension is not None:
                item = self._without_extended(side, item)
                if item is None:
                    continue
            if strip and name.startswith(strip):
                name = name[len(strip):]
            kept[prefix + name] = item
        document = {**side.document, "paths": kept}
        return Spec(side.docs, document, side.platform, side.version)

    def _extended(self, node: Any) -> bool:
        pattern = self.extension
        return pattern is not None and isinstance(node, dict) and any(
            isinstance(key, str) and key.startswith("x-") and pattern.search(key)
            for key in node)

    def _without_extended(self, side: DiffSide, item: Any) -> Any:
        """The path item without its extended operations; None when the item itself is
        extended, or no operation is left of those it had."""
        resolved = item
        if isinstance(item, dict) and isinstance(item.get("$ref"), str):
            resolved = side.docs.resolve(side.docs.entry_uri, item["$ref"])[1]
        if not isinstance(resolved, dict):
            return item
        if self._extended(resolved):
            return None
        dropped = [m for m in _METHODS if self._extended(self._operation(side, resolved, m))]
        if not dropped:
            return item
        left = {k: v for k, v in resolved.items() if k not in dropped}
        return left if any(m in left for m in _METHODS) else None

    @staticmethod
    def _operation(side: DiffSide, item: dict[str, Any], method: str) -> Any:
        raw = item.get(method)
        if isinstance(raw, dict) and isinstance(raw.get("$ref"), str):
            try:
                return side.docs.resolve(side.docs.entry_uri, raw["$ref"])[1]
            except Exception:  # the diff itself reports a reference it cannot follow
                return raw
        return raw


def compile_filter(match_path: str | None, unmatch_path: str | None,
                   filter_extension: str | None, *, prefix_base: str = "",
                   prefix_revision: str = "", strip_prefix_base: str = "",
                   strip_prefix_revision: str = "") -> PathFilter:
    """The filter of oasdiff's path options (UsageError naming the option when a regex is
    bad)."""
    compiled: list[re.Pattern[str] | None] = []
    for option, value in (("--match-path", match_path), ("--unmatch-path", unmatch_path),
                          ("--filter-extension", filter_extension)):
        if value is None:
            compiled.append(None)
            continue
        try:
            compiled.append(re.compile(value))
        except re.error as exc:
            raise UsageError(f"{option} {value!r} is not a regular expression: {exc}",
                             hint="oasdiff searches each path (or extension name) with the "
                                  "regex, e.g. --match-path '^/orders'") from None
    match, unmatch, extension = compiled
    return PathFilter(match, unmatch, extension, base_prefix=(strip_prefix_base, prefix_base),
                      revision_prefix=(strip_prefix_revision, prefix_revision))
