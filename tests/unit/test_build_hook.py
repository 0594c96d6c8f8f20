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
    def fail(target: Path) -> Path:
        raise OSError("no C compiler")

    monkeypatch.delenv("SEAMGUARD_PURE", raising=False)
    monkeypatch.setattr(hook, "compile_extension", fail)
    assert _build(hook, tmp_path) == {"force_include": {}, "pure_python": True,
                                      "infer_tag": False}
    assert "not built (no C compiler)" in capsys.readouterr().err


def test_a_compiled_accelerator_goes_into_a_platform_wheel(
        hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = tmp_path / "seamguard" / "_jsonscan.cpython-311-x86_64-linux-gnu.so"
    monkeypatch.delenv("SEAMGUARD_PURE", raising=False)
    monkeypatch.setattr(hook, "compile_extension", lambda target: built)
    data = _build(hook, tmp_path)
    assert data["force_include"] == {str(built): f"seamguard/{built.name}"}
    assert data["pure_python"] is False
    assert data["infer_tag"] is True


def test_pure_on_request_editable_in_place_and_sdists_untouched(
        hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(hook, "compile_extension", lambda target: asked.append(target) or target)
    untouched = {"force_include": {}, "pure_python": True, "infer_tag": False}
    monkeypatch.setenv("SEAMGUARD_PURE", "1")
    assert _build(hook, tmp_path) == untouched
    monkeypatch.delenv("SEAMGUARD_PURE")
    assert _build(hook, tmp_path, target="sdist") == untouched
    assert asked == []
    assert _build(hook, tmp_path, version="editable") == untouched  # built next to the source
    assert asked == [ROOT / "src"]
