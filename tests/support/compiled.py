"""The C accelerator (``seamguard._jsonscan``) for the tests that compare it with its Python
references: as installed, or compiled once from its source when the package runs from a
checkout without it (as the build hook compiles it)."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


@cache
def accelerator() -> ModuleType:
    try:
        from seamguard import _jsonscan  # type: ignore[attr-defined]
    except ImportError:
        sys.path.insert(0, str(ROOT))
        try:
            from hatch_build import compile_extension
        finally:
            sys.path.remove(str(ROOT))
        folder = tempfile.mkdtemp(prefix="seamguard-jsonscan-")
        built = compile_extension(Path(folder))
        spec = importlib.util.spec_from_file_location("seamguard._jsonscan", built)
        assert spec is not None
        assert spec.loader is not None
        _jsonscan = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_jsonscan)
    return _jsonscan  # type: ignore[no-any-return]
