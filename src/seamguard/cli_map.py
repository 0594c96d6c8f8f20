"""`seamguard map test`, `map explain`, `map schema` and `map transforms`."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from seamguard.cli_app import _exit, _stdout, escape, map_app
from seamguard.cli_options import DebugOpt, FailOnOpt, Format, FormatOpt, ProjectOpt, ReportsOpt
from seamguard.cli_run import _run


@map_app.command("test")
def map_test(
    strength: Annotated[bool, typer.Option(
        "--strength", help="Also mutate every rule and report the mutants the examples and "
                           "recorded records miss (docs/mapping-strength.md).")] = False,
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Run the golden input/output examples kept inside the mapping specs."""
    checks = ["mapping.examples", *(["mapping.strength"] if strength else [])]
    _exit(lambda: _run("map test", checks, project, fail_on, output, reports,
                       {"strength": strength}), debug)


@map_app.command("explain")
def map_explain(
    mapping: Annotated[str, typer.Argument(help="Mapping name (file stem) or path.")],
    record: Annotated[str, typer.Argument(
        help="A JSON file, - for standard input, or cassette.yaml#N for a recorded interaction.")],
    project: ProjectOpt = None,
    output: FormatOpt = Format.text,
    show_values: Annotated[bool, typer.Option(
        "--show-values", help="Show the record's values unmasked (your own record, your own "
                              "terminal); by default personal data is masked.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Trace one record through a mapping: source, raw value, each step, output, verdict."""

    def run() -> int:
        from seamguard.contracts.catalog import ContractCatalog
        from seamguard.mapping.explain import explain, find_mapping, read_record, to_json
        from seamguard.project import find_project

        loaded = find_project(project, explicit=project is not None)
        catalog = ContractCatalog(loaded)
        spec = find_mapping(loaded, mapping)
        data, label = read_record(loaded, spec, catalog, record)
        trace = explain(loaded, spec, data, catalog)
        trace["record"] = label
        if not show_values:
            from seamguard.mapping.explain import masked

            trace = masked(trace, loaded)
        if output is Format.json:
            sys.stdout.write(to_json(trace))
        else:
            _render_trace(trace)
        return 0 if trace["valid"] else 1

    _exit(run, debug)


def _render_trace(trace: dict[str, Any]) -> None:
    import json

    from rich.table import Table

    # Every value below comes from the user's record or spec: escaped, never read as markup.
    def show(value: Any) -> str:
        text = json.dumps(value, ensure_ascii=False, default=str)
        return escape(text if len(text) <= 60 else text[:59] + "…")

    table = Table(title=f"{escape(trace['mapping'])}: {escape(trace['source'])} → "
                        f"{escape(trace['target'])}  [dim]({escape(trace['record'])})[/dim]",
                  title_justify="left", expand=True)
    for column in ("target", "source", "raw", "steps", "output", "verdict"):
        table.add_column(column, overflow="fold")
    for field in trace["fields"]:
        steps = "\n".join(f"{escape(s['step'])} → {show(s['value'])}" for s in field["steps"])
        if field["error"]:
            steps += f"\n[red]{escape(field['error'])}[/red]"
        verdict = "[green]ok[/green]" if field["verdict"] == "ok" else (
            "[red]" + escape("\n".join(field["violations"] or ["invalid"])) + "[/red]")
        table.add_row(escape(field["target"]),
                      escape(", ".join(field["sources"])) or "(constant)",
                      show(field["raw"]), steps, show(field["output"]), verdict)
    _stdout().print(table)
    for problem in trace["problems"]:
        where = f"{problem['file']}:{problem['line'] or '?'} {problem['pointer']}"
        _stdout().print(f"[red]{problem['code']}[/red] {escape(problem['target'])} "
                        f"({escape(where)}): {escape(problem['message'])}")
    _stdout().print("[bold green]valid[/bold green] target record" if trace["valid"] else
                    "[bold red]invalid[/bold red] target record")


@map_app.command("schema")
def map_schema() -> None:
    """Print the JSON Schema of mapping specs (for editor validation and completion)."""
    import json

    from seamguard.mapping.spec import MappingSpec

    sys.stdout.write(json.dumps(MappingSpec.model_json_schema(by_alias=True), indent=2) + "\n")


@map_app.command("transforms")
def map_transforms() -> None:
    """List the transforms a mapping can use."""
    from rich.table import Table

    from seamguard.mapping.transforms import TRANSFORMS, load_plugins

    load_plugins()
    table = Table("name", "takes", "gives", "idempotent", "what it does", expand=True)
    for spec in sorted(TRANSFORMS, key=lambda t: t.name):
        table.add_row(spec.name, " | ".join(sorted(spec.accepts)), spec.returns,
                      "yes" if spec.idempotent else "", spec.doc)
    _stdout().print(table)
