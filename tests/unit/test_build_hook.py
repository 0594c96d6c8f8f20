"""The wheel's build hook (``hatch_build.py``): the compiled accelerator goes into the wheel
when it builds, and a failed build leaves a pure wheel (the package installs and works through
its pure-Python screens) instead of failing the install."""

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
    def fail(target: Path) -> list[Path]:
        raise OSError("no C compiler")

    monkeypatch.delenv("SEAMGUARD_PURE", raising=False)
    monkeypatch.setattr(hook, "compile_extensions", fail)
    assert _build(hook, tmp_path) == {"force_include": {}, "pure_python": True,
                                      "infer_tag": False}
    assert "not built (no C compiler)" in capsys.readouterr().err


def test_a_compiled_accelerator_goes_into_a_platform_wheel(
        hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = [tmp_path / "seamguard" / f"{name}.cpython-311-x86_64-linux-gnu.so"
             for name in ("_jsonscan", "_privscreen")]
    monkeypatch.delenv("SEAMGUARD_PURE", raising=False)
    monkeypatch.setattr(hook, "compile_extensions", lambda target: built)
    data = _build(hook, tmp_path)
    assert data["force_include"] == {str(path): f"seamguard/{path.name}" for path in built}
    assert data["pure_python"] is False
    assert data["infer_tag"] is True


def test_pure_on_request_editable_in_place_and_sdists_untouched(
        hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(hook, "compile_extensions",
                        lambda target: asked.append(target) or [target])
    untouched = {"force_include": {}, "pure_python": True, "infer_tag": False}
    monkeypatch.setenv("SEAMGUARD_PURE", "1")
    assert _build(hook, tmp_path) == untouched
    monkeypatch.delenv("SEAMGUARD_PURE")
    assert _build(hook, tmp_path, target="sdist") == untouched
    assert asked == []
    assert _build(hook, tmp_path, version="editable") == untouched  # built next to the source
    assert asked == [ROOT / "src"]


def test_every_c_source_of_the_package_is_built_as_its_own_module(hook: ModuleType,
                                                                   tmp_path: Path) -> None:
    sources = sorted((ROOT / "src" / "seamguard").glob("_*.c"))
    assert [source.name for source in hook.SOURCES] == [source.name for source in sources]
    assert {"_jsonscan.c", "_privscreen.c"} <= {source.name for source in sources}
    built = hook.compile_extensions(tmp_path)
    assert [path.name.split(".")[0] for path in built] == [source.stem for source in sources]
    assert all(path.parent == tmp_path / "seamguard" and path.is_file() for path in built)
