"""The command-line application: the typer app and its command groups, the consoles, and how a
command ends (exit codes 2 and 3, messages instead of tracebacks, a reader that went away)."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from seamguard import help_screen
from seamguard.errors import SeamguardError

if TYPE_CHECKING:  # rich is imported when something is printed, not to start a command
    from rich.console import Console


help_screen.install()  # help screens and usage errors without rich's Markdown and Traceback

app = typer.Typer(
    name="seamguard",
    cls=help_screen.Group,
    help="Contract, mapping, sync and data-quality checks for CRM / shop / carrier integrations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _group(name: str, help_text: str) -> typer.Typer:
    group = typer.Typer(cls=help_screen.Group, help=help_text, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


contract_app = _group("contract", "Work with the OpenAPI contracts.")
map_app = _group("map", "Work with the field-mapping specs.")
drift_app = _group("drift", "Find upstream drift and what it breaks.")
sync_app = _group("sync", "Test the sync's idempotency and conflict rules.")
suites_app = _group("suites", "Work with the expectation suites of synced datasets.")
privacy_app = _group("privacy", "Find and remove personal data and secrets in project files.")
baseline_app = _group("baseline", "Accept known findings so that only new ones fail.")

# Help texts are rich markup: a literal "[" is written "\\["
# (tests/integration/test_rough_edges.py).

def _console(*, stderr: bool = False) -> Console:
    """A console; in CI logs (no terminal) wide enough that file paths are not folded."""
    from rich.console import Console

    console = Console(stderr=stderr)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(stderr=stderr, width=160)
    return console


@cache
def _stdout() -> Console:
    return _console()


@cache
def _stderr() -> Console:
    return _console(stderr=True)


def escape(text: str) -> str:
    """``text`` shown literally in rich markup (a "[" is not a style)."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)



class _ReaderMayLeave:
    """Standard output whose reader may go away (`| head`): what it no longer reads is
    dropped, so the command ends with its own verdict, not a broken-pipe error."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return int(self._stream.write(text))
            except BrokenPipeError:
                self._leave()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._leave()

    def _leave(self) -> None:
        self._gone = True
        _silence_stdout()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that no later write or the flush at exit
    fails again on a reader that went away."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)



def _masked(text: str) -> str:
    """An error message as it is printed: a value it quotes from the input (an argument, a
    file name, a line of a document) may be personal data, masked as reports mask it."""
    from seamguard.privacy.guard import mask_text

    return mask_text(text)


def _masked_error(exc: SeamguardError) -> str:
    """``exc`` as printed, masked; the file it names first is masked a folder at a time (as
    reports name files), so a folder name that reads like ``secret=...`` cannot take the file
    name with it."""
    from seamguard.errors import UsageError
    from seamguard.privacy.guard import mask_path

    text = str(exc)
    file = exc.file if isinstance(exc, UsageError) else None
    if file and text.startswith(file):
        return mask_path(file) + _masked(text[len(file):])
    return _masked(text)


def _exit(action: Any, debug: bool) -> None:
    try:
        code = action()
    except SeamguardError as exc:
        if debug:
            _debug_traceback(exc, 2)
        # Messages quote settings such as [tool.seamguard]: never read them as markup.
        _stderr().print(f"[bold red]error:[/bold red] {escape(_masked_error(exc))}",
                        highlight=False,
                        soft_wrap=True)
        raise typer.Exit(2) from None
    except (KeyboardInterrupt, typer.Exit):
        raise
    except BrokenPipeError:
        _silence_stdout()
        _stderr().print("[bold red]error:[/bold red] standard output was closed before the "
                        "output was written\n  hint: read the report files in the reports "
                        "folder, or let the reader take all of the output", highlight=False,
                        soft_wrap=True)
        raise typer.Exit(2) from None
    except OSError as exc:
        # A path from the settings, a $ref or an argument the system refuses to open (too
        # long, a link loop, no permission): the user's to fix, so it is named, not a crash.
        said = _PATH_PROBLEMS.get(exc.errno or 0)
        if debug or said is None or exc.filename is None:
            if debug:
                _debug_traceback(exc, 3)
            _internal_error(exc)
        reason, hint = said
        from seamguard.privacy.guard import mask_path

        name = mask_path(os.fsdecode(exc.filename))
        if len(name) > 4200:  # past any system's limit: the start and the end say which
            name, reason = f"{name[:2000]}…{name[-2000:]}", f"{reason} ({len(name)} characters)"
        _stderr().print(f"[bold red]error:[/bold red] {escape(name)}: {reason}\n"
                        f"  hint: {hint}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except Exception as exc:
        if debug:
            _debug_traceback(exc, 3)
        _internal_error(exc)
    raise typer.Exit(code)


_LONG = ("shorten the path in the setting, $ref or argument that names it (a name may have at "
         "most 255 bytes)")
_PATH_PROBLEMS = {
    errno.ENAMETOOLONG: ("file name too long", _LONG),
    errno.ELOOP: ("too many levels of symbolic links",
                  "a symbolic link on the path points back at itself: fix or remove it"),
    errno.EACCES: ("permission denied", "make the file (and its folders) readable, or writable "
                                        "for report and cassette folders"),
    errno.EPERM: ("operation not permitted", "check the file's permissions and owner"),
    errno.EROFS: ("read-only file system", "write the reports to a writable folder (--reports)"),
    errno.ENOSPC: ("no space left on the device", "free some space, or write elsewhere"),
}


def _debug_traceback(exc: BaseException, code: int) -> NoReturn:
    """``--debug``: the whole traceback, masked as every other output is (the values a frame
    quotes, an argument, a record in an error message, may be personal data)."""
    import traceback

    text = "".join(traceback.format_exception(exc))
    _stderr().print(escape(_masked(text)), highlight=False, soft_wrap=True, end="")
    raise typer.Exit(code) from None


def _internal_error(exc: BaseException) -> NoReturn:
    _stderr().print(
        f"[bold red]internal error:[/bold red] {type(exc).__name__}: "
        f"{escape(_masked(str(exc)))}\n"
        "  hint: run again with --debug for the traceback, and report it with that output",
        highlight=False, soft_wrap=True,
    )
    raise typer.Exit(3) from None
