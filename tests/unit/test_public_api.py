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


def test_the_command_line_starts_light() -> None:
    # Each command imports what it uses: starting the CLI (here `--version`) loads no engine,
    # and rich only once a report, a help screen or an error is printed.
    heavy = ["rich", "pydantic", "jsonschema_rs", "yaml", "httpx", "vcr", "duckdb", "pandas",
             "great_expectations", "hypothesis", "pyspark", "schemathesis", "sqlglot"]
    code = (
        "import sys\n"
        "import seamguard.cli\n"
        f"print([m for m in {heavy!r} if m in sys.modules])\n"
        "sys.argv = ['seamguard', '--version']\n"
        "try:\n"
        "    seamguard.cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print([m for m in {heavy!r} if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "[]"
    assert lines[1] == f"seamguard {seamguard.__version__}"
    assert lines[2] == "[]"
