"""Builds the optional C accelerators (every ``src/seamguard/_*.c``: ``seamguard._jsonscan``,
``seamguard._cassread``, ``seamguard._privscreen``, ``seamguard._privsplice``, …) into the wheel.

Hatchling runs :class:`JsonScanHook` for every wheel, editable ones included. Each extension is
compiled with setuptools' ``build_ext`` (the compiler and flags Python itself was built with).
When that fails (no compiler, no Python headers), the wheel is built without them and seamguard
uses its pure-Python paths, which give the same answers: a warning says so, the install goes
on. ``SEAMGUARD_PURE=1`` skips the extensions on purpose.

``python hatch_build.py`` compiles them next to their sources (``src/seamguard``), for a
checkout run from ``src`` without installing. Both also derive the privacy lexicon's word
tables ahead (``seamguard/privacy/_lexicon_tables.txt``, see ``seamguard.privacy.lexicon_store``),
which a process otherwise derives at its first use.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # imported for compile_extension alone
    BuildHookInterface = object  # type: ignore[assignment,misc]

ROOT = Path(__file__).resolve().parent
SOURCES = tuple(sorted((ROOT / "src" / "seamguard").glob("_*.c")))
SOURCE = ROOT / "src" / "seamguard" / "_jsonscan.c"
HEADERS = tuple(sorted((ROOT / "src" / "seamguard").glob("_*.h")))
LEXICON_TABLES = Path("seamguard") / "privacy" / "_lexicon_tables.txt"


def compile_extension(target: Path, source: Path = SOURCE) -> Path:
    """Compiles one extension (``seamguard.<source's stem>``) into ``target``/seamguard/ and
    returns the built file's path."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    name = f"seamguard.{source.stem}"
    with tempfile.TemporaryDirectory(prefix="seamguard-build-") as temporary:
        distribution = Distribution({"name": "seamguard", "ext_modules": [
            # (the headers beside the sources too: a changed header rebuilds what includes it)
            Extension(name, [str(source)], depends=[str(header) for header in HEADERS],
                      extra_compile_args=[] if os.name == "nt" else ["-O2", "-std=c99"])]})
        command = build_ext(distribution)
        command.build_lib = str(target)
        command.build_temp = temporary
        command.ensure_finalized()
        command.run()
        return Path(command.get_ext_fullpath(name))


def compile_extensions(target: Path, sources: tuple[Path, ...] = SOURCES) -> list[Path]:
    """Compiles every extension into ``target``/seamguard/; returns the built files' paths."""
    return [compile_extension(target, source) for source in sources]


def derive_lexicon_tables(target: Path) -> bool:
    """Derives the privacy lexicon's word tables (jieba's dictionary read with Faker's names,
    ``seamguard.privacy.lexicon_store``) into ``target``; False, with a warning, where jieba or
    Faker is missing from the build (a process then derives them at first use)."""
    import subprocess

    target.parent.mkdir(parents=True, exist_ok=True)
    code = ("import sys; from pathlib import Path; from seamguard.privacy.lexicon import "
            "derive_and_store; derive_and_store(Path(sys.argv[1]))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, "-c", code, str(target)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode:
        print(f"seamguard: the privacy word tables were not derived ahead "
              f"({done.stderr.strip().splitlines()[-1:]}); they are derived at first use",
              file=sys.stderr)
    return done.returncode == 0


class JsonScanHook(BuildHookInterface):  # type: ignore[misc]
    """Adds the compiled accelerators to the wheel, or leaves out each one that cannot be built
    (the wheel is pure when none can)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        tables = (ROOT / "src" if version == "editable"
                  else Path(self.directory) / "_accelerators-build") / LEXICON_TABLES
        if derive_lexicon_tables(tables) and version != "editable":
            build_data["force_include"][str(tables)] = f"seamguard/privacy/{tables.name}"
        if os.environ.get("SEAMGUARD_PURE"):
            return
        for source in SOURCES:  # each accelerator has its own pure-Python stand-in
            try:
                if version == "editable":  # the editable wheel points at src/: build it there
                    compile_extension(ROOT / "src", source)
                    continue
                built = compile_extension(Path(self.directory) / "_accelerators-build", source)
            except Exception as exc:  # any failure leaves the pure-Python path
                print(f"seamguard: the C accelerator {source.stem} was not built ({exc}); the "
                      f"pure-Python code is used instead", file=sys.stderr)
                continue
            build_data["force_include"][str(built)] = f"seamguard/{built.name}"
            build_data["pure_python"] = False
            build_data["infer_tag"] = True


if __name__ == "__main__":
    for each in SOURCES:
        print(compile_extension(ROOT / "src", each))
    if derive_lexicon_tables(ROOT / "src" / LEXICON_TABLES):
        print(ROOT / "src" / LEXICON_TABLES)
