"""Help screens and usage errors of whole ``seamguard`` processes: every command listed, nothing
heavy imported to draw them, and the shortcuts taken for speed invisible."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
import typer.main

from seamguard.cli import app

SRC = os.path.join(os.path.dirname(__file__), "..", "..", "src")


def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200",
           "PYTHONPATH": os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-c", textwrap.dedent(code)] if code else \
        [sys.executable, "-m", "seamguard", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def _groups() -> dict[tuple[str, ...], list[str]]:
    """Each group of the command tree (by path) and the names of its visible commands."""
    groups: dict[tuple[str, ...], list[str]] = {}

    def walk(command: object, path: tuple[str, ...]) -> None:
        commands = getattr(command, "commands", None)
        if commands is None:
            return
        groups[path] = [name for name, sub in commands.items() if not sub.hidden]
        for name, sub in commands.items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return groups


def _listed(screen: str) -> list[str]:
    """The command names in the Commands panel of a help screen, in order."""
    names, inside = [], False
    for line in screen.splitlines():
        if line.startswith("╭─ Commands"):
            inside = True
        elif line.startswith("╰"):
            inside = False
        elif inside and line.startswith("│ ") and line[2] != " ":
            names.append(line[2:].split()[0])
    return names


def test_the_tree_has_the_documented_groups() -> None:
    groups = _groups()
    assert set(groups[()]) >= {"check", "verify", "reconcile", "quality", "probe", "record",
                               "init", "contract", "map", "drift", "sync", "suites", "privacy",
                               "baseline"}
    assert {"lint", "diff", "history"} <= set(groups[("contract",)])


@pytest.mark.parametrize("path", list(_groups()), ids=lambda path: " ".join(path) or "seamguard")
def test_help_lists_every_command(path: tuple[str, ...]) -> None:
    result = _run(*path, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"Usage: python -m seamguard {' '.join(path)}".rstrip() in result.stdout
    assert _listed(result.stdout) == _groups()[path]
    group = typer.main.get_command(app)
    for name in path:
        group = group.commands[name]  # type: ignore[attr-defined]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        first_words = " ".join((command.help or "").split()[:3])
        row = next(line for line in result.stdout.splitlines() if line.startswith(f"│ {name} "))
        assert first_words in row


HEAVY = ["rich.markdown", "rich.traceback", "markdown_it", "pygments", "pydantic",
         "seamguard.privacy", "jsonschema_rs", "yaml", "httpx", "duckdb", "hypothesis",
         "phonenumbers", "pandas", "great_expectations", "schemathesis"]


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["contract", "diff", "--help"],
                                  ["contract"], ["check", "--no-such-option"]])
def test_help_and_usage_errors_import_nothing_heavy(argv: list[str]) -> None:
    result = _run(code=f"""
        import sys
        sys.argv = ["seamguard", *{argv!r}]
        from seamguard.cli import main
        try:
            main()
        except SystemExit as exit:
            code = exit.code
        print("loaded:", [m for m in {HEAVY!r} if m in sys.modules])
        print("exit:", code)
        """)
    lines = result.stdout.splitlines()
    assert lines[-2] == "loaded: []", result.stdout + result.stderr
    usage = f"Usage: seamguard {' '.join(a for a in argv if not a.startswith('-'))}".rstrip()
    assert usage in result.stdout + result.stderr
    if argv[-1] == "--no-such-option":
        assert lines[-1] == "exit: 2"
        assert "No such option: --no-such-option" in result.stderr
    else:
        assert lines[-1] in ("exit: 0", "exit: 2")  # a group without a command shows help too


def test_usage_errors_keep_their_message_and_exit_code() -> None:
    result = _run("check", "--fail-on", "nope")
    assert result.returncode == 2
    assert "'nope' is not one of error, warning, info" in result.stderr
    assert "Traceback" not in result.stderr
    result = _run("nosuchcommand")
    assert result.returncode == 2
    assert "No such command 'nosuchcommand'" in result.stderr


def test_version_prints_without_rich() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout == "seamguard 0.1.0\n"


def test_the_stand_ins_reach_the_real_rich_classes() -> None:
    result = _run(code="""
        import sys
        import seamguard.cli
        import typer.rich_utils as renderer
        print("markdown loaded:", "rich.markdown" in sys.modules)
        document = renderer._make_rich_text(text="**bold**", markup_mode="markdown")
        from rich.markdown import Markdown
        from rich.traceback import Traceback
        print(type(document) is Markdown, isinstance(document, renderer.Markdown))
        try:
            raise ValueError("x")
        except ValueError as error:
            trace = renderer.Traceback.from_exception(type(error), error, error.__traceback__)
        print(type(trace) is Traceback, renderer.Markdown.__name__)
        """)
    assert result.stdout.splitlines() == ["markdown loaded: False", "True True",
                                          "True Markdown"], result.stderr


def test_a_renderer_that_imports_more_gets_the_real_modules() -> None:
    # A later typer that imports a name the stand-ins lack still imports, with the real modules.
    result = _run(code="""
        import sys
        from seamguard import help_screen
        help_screen.STAND_INS["rich.markdown"] = ()
        help_screen.install()
        import typer.rich_utils as renderer
        import rich.markdown
        print(renderer.Markdown is rich.markdown.Markdown, help_screen._FINDER in sys.meta_path)
        """)
    assert result.stdout.split() == ["True", "False"], result.stderr


def test_log_masking_starts_at_the_first_record() -> None:
    result = _run(code="""
        import logging, sys
        from seamguard import cli
        cli._root(version=False)
        cli._root(version=False)  # a second run in the same process adds nothing
        factory = logging.getLogRecordFactory()
        cli._root(version=False)
        print(logging.getLogRecordFactory() is factory)
        print("seamguard.privacy.guard" in sys.modules)
        logging.basicConfig(stream=sys.stdout, format="%(name)s %(message)s")
        logging.getLogger("httpx").warning("GET https://x.example/a?access_token=s3cr3tvalue1 %s",
                                           "13812345678")
        print("seamguard.privacy.guard" in sys.modules)
        logging.getLogger("seamguard.x").warning("phone 13812345678")
        """)
    lines = result.stdout.splitlines()
    assert lines[:2] == ["True", "False"], result.stderr
    assert "s3cr3tvalue1" not in result.stdout
    assert "13812345678" not in result.stdout
    assert lines[2].startswith("httpx GET https://x.example/a?access_token=")
    assert lines[3] == "True"
    assert lines[4].startswith("seamguard.x phone 138")
