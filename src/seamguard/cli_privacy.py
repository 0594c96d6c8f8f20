"""`seamguard privacy scan` and `privacy scrub`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from seamguard.cli_app import _exit, _stdout, privacy_app
from seamguard.cli_options import DebugOpt, FailOnOpt, Format, FormatOpt, ProjectOpt, ReportsOpt
from seamguard.cli_paths import path_parser
from seamguard.cli_run import _run


@privacy_app.command("scan")
def privacy_scan(
    paths: Annotated[list[Path] | None, typer.Argument(
        parser=path_parser(),
        help="Files or folders (default: cassettes, fixtures/ and the file datasets).")] = None,
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Report personal data and secrets sitting in files (file:line, values masked); seamguard's
    own pseudonyms and masks are not findings. Exit 1 when anything is found."""
    # Absolute but not resolved: a symbolic link is named as the user wrote it.
    options = {"privacy_paths": [os.path.abspath(p) for p in paths]} if paths else {}
    _exit(lambda: _run("privacy scan", ["privacy"], project, fail_on, output, reports,
                       options), debug)


@privacy_app.command("scrub")
def privacy_scrub(
    paths: Annotated[list[Path], typer.Argument(
        parser=path_parser(), help="Cassettes, or folders of cassettes.")],
    project: ProjectOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report, write nothing.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Rewrite cassettes in place: personal data becomes pseudonyms, secrets are redacted.
    Scrubbing a scrubbed cassette changes nothing."""

    def run() -> int:
        from seamguard.errors import UsageError
        from seamguard.privacy.policy import PrivacyPolicy
        from seamguard.privacy.pseudonym import project_key
        from seamguard.privacy.scan import scrub_cassette
        from seamguard.project import find_project

        loaded = find_project(project, explicit=project is not None)
        policy = PrivacyPolicy.from_settings(loaded.settings.privacy)
        key = project_key(loaded)
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                found = sorted(p for p in path.rglob("*")
                               if p.is_file() and p.suffix in (".yaml", ".yml", ".json"))
                if not found:
                    raise UsageError(f"{path}: no cassettes (.yaml, .yml, .json) in this folder",
                                     hint="name the cassette files or the folder that holds them")
                files.extend(found)
            elif path.is_file():
                files.append(path)
            elif path.exists():
                raise UsageError(f"{path}: not a regular file or folder (a device, a pipe or a "
                                 "socket), so it cannot be a cassette",
                                 hint="name the cassette files or the folder that holds them")
            else:
                raise UsageError(f"no such file or folder: {path}",
                                 hint="name cassette files or folders that exist, e.g. "
                                      "fixtures/cassettes/shop/orders.yaml")
        for path in files:
            result = scrub_cassette(path, policy=policy, key=key,
                                    display=loaded.relative(path), dry_run=dry_run,
                                    max_bytes=int(loaded.settings.max_document_mb * 1_048_576))
            counts = ", ".join(f"{n} {kind.value.replace('_', ' ')}"
                               for kind, n in sorted(result.counts.items()))
            notes = "; ".join(f"body replaced: {note}" for note in result.notes)
            state = ("would change" if dry_run else "scrubbed") if result.changed \
                else "unchanged"
            detail = "; ".join(part for part in (counts, notes) if part)
            shown = f"{loaded.relative(path)}: {state}" + (f" ({detail})" if detail else "")
            _stdout().print(shown, highlight=False)
        return 0

    _exit(run, debug)
