"""`seamguard record`: its options handed to the record check."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from seamguard.cli_app import _exit, _stderr, app, escape
from seamguard.cli_options import DebugOpt, FailOnOpt, Format, FormatOpt, PlatformArg, ReportsOpt
from seamguard.cli_paths import path_parser
from seamguard.cli_run import _run


class RecordMode(StrEnum):
    new = "new"
    all = "all"
    none = "none"
    once = "once"


@app.command("record")
def record(
    platform: PlatformArg,
    method: Annotated[str | None, typer.Argument(
        metavar="METHOD|OPERATION", help="GET, POST, ... (then PATH), or a gateway "
                                           "operation such as taobao.trades.sold.get.")] = None,
    path: Annotated[str | None, typer.Argument(
        metavar="PATH", help="Path after the platform's base_url, e.g. /orders.json.")] = None,
    params: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE",
        help="A query parameter (a gateway operation's business parameter); repeatable.")]
        = None,
    json_body: Annotated[str | None, typer.Option(
        "--json", metavar="JSON|@FILE", help="A JSON request body.")] = None,
    form: Annotated[list[str] | None, typer.Option(
        "--form", metavar="NAME=VALUE", help="A form body field; repeatable.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="A text request body.")] = None,
    headers: Annotated[list[str] | None, typer.Option(
        "--header", "-H", metavar="'NAME: VALUE'", help="A request header; repeatable.")]
        = None,
    name: Annotated[str | None, typer.Option("--name", help="A label for reports.")] = None,
    files: Annotated[list[Path] | None, typer.Option(
        "--from", metavar="FILE", parser=path_parser(dir_okay=False),
        help="A YAML list of requests (the shape of `live` entries, bodies allowed); "
             "repeatable.")] = None,
    live: Annotated[bool, typer.Option(
        "--live", help="Record the platform's `live` requests from the settings.")] = False,
    proxy: Annotated[str | None, typer.Option(
        "--proxy", metavar="HOST:PORT",
        help="Run a recording proxy there; point your client at it (Ctrl-C ends).")] = None,
    mode: Annotated[RecordMode, typer.Option(
        "--mode", help="new: keep what is recorded, add new requests; all: record everything "
                       "again; none: send nothing, fail on requests not recorded; once: all "
                       "for a new cassette, else none.")] = RecordMode.new,
    version: Annotated[str | None, typer.Option(
        "--version", help="Contract version (default: the newest).")] = None,
    cassette: Annotated[str | None, typer.Option(
        "--cassette", help="Cassette name under fixtures/cassettes/PLATFORM/ (default: the "
                           "version).")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="Send to this URL (a sandbox, a local copy) instead of base_url; "
                           "recorded under base_url.")] = None,
    allow_unsafe: Annotated[bool, typer.Option(
        "--allow-unsafe", help="Also send requests that may change data to a host that is not "
                               "a sandbox.")] = False,
    undocumented: Annotated[bool, typer.Option(
        "--undocumented", help="Record paths the contract does not document too.")] = False,
    stop_after: Annotated[int | None, typer.Option(
        "--stop-after", min=1, help="With --proxy: stop after this many requests.")] = None,
    project: Annotated[Path | None, typer.Option(
        "--project", help="Project folder (default: nearest with \\[tool.seamguard]).",
        parser=path_parser(file_okay=False), metavar="DIR")] = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Record requests (or a client's traffic, with --proxy) as scrubbed cassettes in
    fixtures/cassettes/PLATFORM/, with vcrpy's record modes."""
    from seamguard.record.plan import RecordOptions

    def announce(text: str) -> None:
        _stderr().print(escape(text), highlight=False, soft_wrap=True)

    options = RecordOptions(
        platform=platform, method=method, target=path, params=tuple(params or ()),
        json_body=json_body, form=tuple(form or ()), body=body, headers=tuple(headers or ()),
        name=name, files=tuple(files or ()), live=live, proxy=proxy, mode=mode.value,
        version=version, cassette=cassette, base_url=base_url, allow_unsafe=allow_unsafe,
        undocumented=undocumented, stop_after=stop_after, announce=announce)
    _exit(lambda: _run("record", ["record"], project, fail_on, output, reports,
                       options={"record": options}), debug)
