from __future__ import annotations

import subprocess
import sys

import seamguard


def test_all_is_sorted_and_exported() -> None:
    assert seamguard.__all__ == sorted(seamguard.__all__)
    for name in seamguard.__all__:
        assert hasattr(seamguard, name)


def test_import_stays_light() -> None:
    heavy = ["typer", "rich", "pydantic", "jsonschema_rs", "yaml", "httpx", "vcr",
             "openapi_spec_validator"]
    code = (
        "import sys, seamguard; "
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
