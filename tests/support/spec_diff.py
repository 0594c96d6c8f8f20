"""Two OpenAPI documents diffed the way `seamguard contract diff` loads them from files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from seamguard.contracts.diff import Change, diff_contracts, load_spec


def diff_docs(tmp_path: Path, base: dict[str, Any], revision: dict[str, Any], *, platform: str,
              **kwargs: Any) -> list[Change]:
    """The changes from ``base`` to ``revision``: each is written as JSON (``old.json`` and
    ``new.json`` under ``tmp_path``) and loaded as that version of ``platform``."""
    sides = []
    for name, doc in (("old", base), ("new", revision)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        sides.append(load_spec(path, platform=platform, version=name))
    return diff_contracts(sides[0], sides[1], **kwargs)
