"""The C accelerators (``seamguard._jsonscan``, ``seamguard._cassread``,
``seamguard._privscreen``, ``seamguard._privsplice``, ``seamguard._privheaders``) for the tests
that compare them with their Python references: as installed, or compiled once from their
source when the package runs from a checkout without them (as the build hook compiles them)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


@cache
def accelerator(name: str = "_jsonscan") -> ModuleType:
    try:
        return importlib.import_module(f"seamguard.{name}")
    except ImportError:
        sys.path.insert(0, str(ROOT))
        try:
            from hatch_build import compile_extension
        finally:
            sys.path.remove(str(ROOT))
        folder = tempfile.mkdtemp(prefix=f"seamguard-{name.strip('_')}-")
        built = compile_extension(Path(folder), ROOT / "src" / "seamguard" / f"{name}.c")
        spec = importlib.util.spec_from_file_location(f"seamguard.{name}", built)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
