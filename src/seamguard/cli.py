"""The ``seamguard`` command: a thin face over the runner.

Exit codes: 0 clean; 1 findings at or above ``--fail-on``; 2 the project or the command is invalid
(the message names the file, line or JSON path, and a hint). No traceback unless ``--debug``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from seamguard.cli_app import _exit, _ReaderMayLeave, _stdout, app, escape
from seamguard.cli_options import DebugOpt
from seamguard.cli_paths import path_parser
from seamguard.cli_run import _shown_reports as _shown_reports
from seamguard.errors import SeamguardError

# Each command module registers its commands on `app` when imported: this order is the order
# of the help screens.
# isort: off
from seamguard import cli_run  # noqa: F401
from seamguard import cli_privacy  # noqa: F401
from seamguard import cli_quality  # noqa: F401
from seamguard import cli_probe  # noqa: F401
from seamguard import cli_record  # noqa: F401
from seamguard import cli_sync  # noqa: F401
from seamguard import cli_contract  # noqa: F401
from seamguard import cli_map  # noqa: F401
from seamguard import cli_baseline  # noqa: F401
# isort: on

__all__ = ["app", "main"]


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(
        parser=path_parser(), help="Folder to create the project in.")] = Path(),
    debug: DebugOpt = False,
) -> None:
    """Create a new seamguard project (settings, folders, a starter contract) in a folder."""

    def scaffold() -> int:
        from seamguard.project import find_project
        from seamguard.scaffold import AlreadyAProject, adopt_new_platforms, create_project

        try:
            created = create_project(directory)
        except AlreadyAProject:
            # A contract folder added since: adopt it, as the first init would have.
            names = adopt_new_platforms(directory)
            if not names:
                raise
            for name in names:
                _stdout().print(escape(f"added [tool.seamguard.platforms.{name}] to "
                                       f"{directory / 'pyproject.toml'} (contracts/{name}/)"),
                                highlight=False)
            _stdout().print("next: `seamguard contract lint`, then `seamguard record "
                            f"{escape(names[0])} GET ...` and `seamguard check`",
                            highlight=False)
            return 0
        for path in created:
            _stdout().print(f"created {escape(str(path))}")
        try:
            adopted = {name: settings for name, settings in
                       find_project(directory, explicit=True).settings.platforms.items()
                       if name != "example"}
        except SeamguardError:  # the settings it wrote beside others' do not load: said later
            adopted = {}
        if adopted:
            name, settings = next(iter(adopted.items()))
            base = settings.base_url.rstrip("/")
            first = _a_get_path(directory, name, settings.versions[-1:])
            _stdout().print(
                "next:\n  1. `seamguard contract lint`\n"
                f"  2. record cassettes from the running API: `seamguard record {escape(name)} "
                f"GET {escape(first)}` sends GET {escape(base)}{escape(first)} — the path as the "
                "contract writes it, after base_url (pyproject.toml); `--base-url URL` sends "
                "it elsewhere, URL's path included (docs/recording.md)\n"
                "  3. `seamguard check`", highlight=False)
        else:
            _stdout().print("next: put your contracts in "
                            "contracts/<platform>/<version>/openapi.yaml (or run init in a "
                            "folder that has them), record cassettes with `seamguard record "
                            "PLATFORM GET /path`, then run `seamguard check`", highlight=False)
        return 0

    _exit(scaffold, debug)


def _a_get_path(directory: Path, platform: str, versions: list[str]) -> str:
    """A GET path of the adopted contract to show in init's next step (``/path`` if none):
    the shortest without path parameters, so the command works as printed."""
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import find_project

    if not versions:
        return "/path"
    try:
        contract = ContractCatalog(find_project(directory, explicit=True)).load(
            platform, versions[0])
    except SeamguardError:
        return "/path"
    if isinstance(contract, SeamguardError):
        return "/path"
    paths = sorted({op.path for op in contract.operations
                    if op.method.upper() == "GET" and not op.webhook},
                   key=lambda p: ("{" in p, len(p), p))
    return paths[0] if paths else "/path"


def _version_callback(value: bool) -> None:
    if value:
        from seamguard import __version__

        typer.echo(f"seamguard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback,
                                          is_eager=True, help="Show the version.")] = False,
) -> None:
    """seamguard: make integration failures loud, early and easy to debug."""
    _mask_logs_from_the_first_record()


_log_masking = False


def _mask_logs_from_the_first_record() -> None:
    """``privacy.guard.mask_logs``, installed when the first log record is made.

    This callback runs before the subcommand reads its options, so for ``seamguard check --help``
    too; importing the privacy package costs more than the help screen. Records are made by the
    log record factory, so installing the masking factory from inside it masks every record,
    the first included, exactly as installing it here would.
    """
    global _log_masking
    if _log_masking:
        return
    _log_masking = True
    import logging

    previous = logging.getLogRecordFactory()
    installed = False

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        nonlocal installed
        if installed:
            return previous(*args, **kwargs)
        installed = True
        from seamguard.privacy.guard import mask_logs

        mask_logs()  # wraps the factory in place now, which calls this one, now a pass-through
        return logging.getLogRecordFactory()(*args, **kwargs)

    logging.setLogRecordFactory(factory)


def main() -> None:
    # Reports quote user data (Chinese names, file names with undecodable bytes): an ASCII or
    # non-UTF-8 terminal gets escapes instead of a UnicodeEncodeError. In JSON output a
    # backslash escape is a valid JSON escape, so the document stays valid.
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 -- for the whole process
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    sys.stdout = _ReaderMayLeave(sys.stdout)
    app()
