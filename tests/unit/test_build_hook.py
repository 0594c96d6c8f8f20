"""The wheel's build hook (``hatch_build.py``): the compiled accelerator goes into the wheel
when it builds, and a failed build leaves a pure wheel (the package installs and works through
its pure-Python screens) instead of failing the install; the privacy word tables derived ahead
go into every wheel where they could be derived."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hook() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT))
    try:
        import hatch_build

        yield hatch_build
    finally:
        sys.path.remove(str(ROOT))


def _build(hook: ModuleType, tmp_path: Path, version: str = "standard",
           target: str = "wheel") -> dict[str, Any]:
    data: dict[str, Any] = {"force_include": {}, "pure_python": True, "infer_tag": False}
    builder = SimpleNamespace(target_name=target, directory=str(tmp_path))
    hook.JsonScanHook.initialize(builder, version, data)
    return data


def test_a_failed_compile_leaves_a_pure_wheel(hook: ModuleType, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    def fail(target: Path, source: Path) -> Path:
        raise OSError("no C compiler")

    monkeypatch.delenv("SEAMGUARD_PURE", raising=False)
    monkeypatch.setattr(hook, "compile_extension", fail)
    monkeypatch.setattr(hook, "derive_lexicon_tables", lambda target: False)
    assert _build(hook, tmp_path) == {"force_include": {}, "pure_python": True,
                                      "infer_tag": False}
    err = capsys.readouterr().err
    assert "_jsonscan was not built (no C compiler)" in err
    assert "_cassread was not built (no C compiler)" in err
    assert "_privheaders was not built (no C compiler)" in err
    assert "_privscreen was not built (no C compiler)" in err
    assert "_privsplice was not built (no C compiler)" in err


def test_a_compiled_accelerator_goes_into_a_platform_wheel(
        hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def built(target: Path, source: Path) -> Path:
        return target / "seamguard" / f"{source.stem}.cpython-311-x86_64-linux-gnu.so"

    monkeypatch.delenv("SEAMGUARD_PURE", raising=False)
    monkeypatch.setattr(hook, "compile_extension", built)
    monkeypatch.setattr(hook, "derive_lexicon_tables", lambda target: True)
    data = _build(hook, tmp_path)
    assert sorted(data["force_include"].values()) == [
        f"seamguard/{name}.cpython-311-x86_64-linux-gnu.so"
        for name in ("_cassread", "_jsonscan", "_privheaders", "_privscreen", "_privsplice")] + [
        "seamguard/privacy/_lexicon_tables.txt"]
    assert str(tmp_path / "_accelerators-build" / "seamguard" / "privacy"
               / "_lexicon_tables.txt") in data["force_include"]
    assert data["pure_python"] is False
    assert data["infer_tag"] is True


def test_pure_on_request_editable_in_place_and_sdists_untouched(
        hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[Path, str]] = []

    def compile_extension(target: Path, source: Path) -> Path:
        asked.append((target, source.name))
        return target

    derived: list[Path] = []

    def derive(target: Path) -> bool:
        derived.append(target)
        return True

    monkeypatch.setattr(hook, "compile_extension", compile_extension)
    monkeypatch.setattr(hook, "derive_lexicon_tables", derive)
    untouched = {"force_include": {}, "pure_python": True, "infer_tag": False}
    tables = tmp_path / "_accelerators-build" / "seamguard" / "privacy" / "_lexicon_tables.txt"
    monkeypatch.setenv("SEAMGUARD_PURE", "1")  # no accelerator; the tables are data: taken
    assert _build(hook, tmp_path) == {
        "force_include": {str(tables): "seamguard/privacy/_lexicon_tables.txt"},
        "pure_python": True, "infer_tag": False}
    monkeypatch.delenv("SEAMGUARD_PURE")
    assert _build(hook, tmp_path, target="sdist") == untouched
    assert asked == []
    assert derived == [tables]
    assert _build(hook, tmp_path, version="editable") == untouched  # built next to the source
    assert derived[-1] == ROOT / "src" / "seamguard" / "privacy" / "_lexicon_tables.txt"
    assert asked == [(ROOT / "src", "_cassread.c"), (ROOT / "src", "_jsonscan.c"),
                     (ROOT / "src", "_privheaders.c"), (ROOT / "src", "_privscreen.c"),
                     (ROOT / "src", "_privsplice.c")]


def test_every_c_source_of_the_package_is_built_as_its_own_module(hook: ModuleType,
                                                                   tmp_path: Path) -> None:
    sources = sorted((ROOT / "src" / "seamguard").glob("_*.c"))
    assert [source.name for source in hook.SOURCES] == [source.name for source in sources]
    assert {"_jsonscan.c", "_privscreen.c", "_privsplice.c"} <= {source.name for source in sources}
    built = hook.compile_extensions(tmp_path)
    assert [path.name.split(".")[0] for path in built] == [source.stem for source in sources]
    assert all(path.parent == tmp_path / "seamguard" and path.is_file() for path in built)


def test_every_header_beside_the_sources_is_a_dependency_of_each_extension(
        hook: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A changed header (the compiled name tables) rebuilds the extensions, not only a fresh
    build: setuptools compares the built file with its sources *and* its ``depends``."""
    import setuptools.command.build_ext as build_ext_module

    seen: list[list[str]] = []

    def record(self: Any) -> None:
        seen.extend(ext.depends for ext in self.extensions)

    monkeypatch.setattr(build_ext_module.build_ext, "run", record)
    monkeypatch.setattr(build_ext_module.build_ext, "get_ext_fullpath",
                        lambda self, name: str(tmp_path / name))
    hook.compile_extension(tmp_path)
    headers = {path.name for path in (ROOT / "src" / "seamguard").glob("_*.h")}
    assert headers, "the sources have headers beside them"
    assert seen
    assert all({Path(dep).name for dep in deps} == headers for deps in seen)
