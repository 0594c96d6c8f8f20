"""The performance aims in one table, each figure taken from the section of this run that
measured it (run.py passes every section's returned figures in; nothing is measured again)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

MIB = 1_048_576


@dataclass
class Aim:
    """One aim: what is measured, against what, the bound, and how this run did."""

    measure: str
    aim: str
    figure: str  # the run's figure, or "not run (…)" with the option that runs it
    met: bool | None  # None: not run, or not comparable


def _not_run(measure: str, aim: str, how: str) -> Aim:
    return Aim(measure, aim, f"not run ({how})", None)


def recorded(figures: dict[str, Any] | None) -> Aim:
    measure, aim = "recorded verification vs bare json.loads + is_valid (wall)", "≤ 1.20x"
    if not figures or "seamguard" not in figures:
        return _not_run(measure, aim, "--only recorded")
    ratio = figures["seamguard"].best / figures["baseline"].best
    return Aim(measure, aim, f"{ratio:.2f}x", ratio <= 1.2)


def memory(figures: dict[str, Any] | None) -> list[Aim]:
    peak_measure = "peak memory, large contract + one GET response each (VmHWM)"
    growth_measure = "RSS with response schemas compiled (per-operation growth)"
    if not figures:
        return [_not_run(peak_measure, "≤ 250 MiB", "--only memory"),
                _not_run(growth_measure, "500 operations ≤ 1 GiB", "--only memory")]
    rows = []
    peak = figures.get("peak", {})
    if "peak" in peak and figures.get("published", True):
        rows.append(Aim(peak_measure, "≤ 250 MiB", f"{peak['peak'] / MIB:.0f} MiB",
                        peak["peak"] <= 250 * MIB))
    elif "peak" in peak:
        # the aim was set on Stripe's spec; the generated contract alone parses to more
        reference = figures.get("reference", {}).get("peak")
        told = f" (reference {reference / MIB:.0f} MiB)" if reference else ""
        rows.append(Aim(peak_measure, "≤ 250 MiB on a published spec",
                        f"{peak['peak'] / MIB:.0f} MiB{told} on the generated contract: "
                        "give --spec PATH", None))
    else:
        rows.append(Aim(peak_measure, "≤ 250 MiB", "failed", False))
    growth = figures.get("growth", {})
    if growth.get("rows"):
        first, last = growth["rows"][0], growth["rows"][-1]
        per = ((last["rss"] - first["rss"]) / MIB / (last["operations"] - first["operations"])
               if last["operations"] > first["operations"] else 0.0)
        rows.append(Aim(growth_measure, "500 operations ≤ 1 GiB",
                        f"{last['operations']} operations {last['rss'] / MIB:.0f} MiB "
                        f"(+{(last['rss'] - growth['before']) / MIB:.0f} MiB, "
                        f"{per * 1024:.0f} KiB/operation)",
                        last["rss"] <= 1024 * MIB))
    else:
        rows.append(Aim(growth_measure, "500 operations ≤ 1 GiB", "failed", False))
    return rows


def cassettes(figures: dict[str, Any] | None) -> list[Aim]:
    rss_measure = "streamed cassette read: peak RSS of the child"
    speed_measure = "streamed cassette read vs whole-file YAML read (wall)"
    if not figures or "streamed" not in figures:
        return [_not_run(rss_measure, "≤ 500 MB", "--only cassettes"),
                _not_run(speed_measure, "≥ 2x faster", "--only cassettes")]
    streamed, whole = figures["streamed"], figures["whole"]
    speed = whole["seconds"] / streamed["seconds"]
    return [Aim(rss_measure, "≤ 500 MB", f"{streamed['rss'] / MIB:.0f} MB",
                streamed["rss"] <= 500 * MIB),
            Aim(speed_measure, "≥ 2x faster", f"{speed:.2f}x faster", speed >= 2.0)]


def headline(rows: list[Any] | None) -> list[Aim]:
    """The TPC-H-like rows (tpch.Row): CPU ratio first, the wall ratio after it."""
    wanted = [("quality, 6 checks, DuckDB vs hand-written DuckDB (CPU, wall)", "≤ 1.20x", 1.2,
               "quality", "DuckDB"),
              ("reconcile, DuckDB vs hand-written full join (CPU, wall)", "≤ 1.30x", 1.3,
               "reconcile", "DuckDB"),
              ("quality, Spark compiled vs hand Spark SQL (CPU, wall)", "≤ 1.30x", 1.3,
               "quality", "Spark"),
              ("reconcile, Spark compiled vs hand Spark SQL (CPU, wall)", "≤ 1.30x", 1.3,
               "reconcile", "Spark")]
    out = []
    for measure, aim, bound, kind, engine in wanted:
        row = next((r for r in rows or [] if r[0].startswith(f"seamguard {kind}")
                    and f"({engine}" in r[0]), None)
        if row is None:
            how = ("--only quality; needs pyspark importable" if engine == "Spark"
                   else "--only quality")
            out.append(_not_run(measure, aim, how))
            continue
        _, seconds, hand, cpu, hand_cpu, equal, _ = row
        wall = seconds / hand
        ratio = cpu / hand_cpu if cpu is not None and hand_cpu else wall
        # Three decimals where two would print the bound itself beside "not met".
        places = 3 if f"{ratio:.2f}" == f"{bound:.2f}" else 2
        figure = (f"{ratio:.{places}f}x ({wall:.2f}x)" if cpu is not None and hand_cpu
                  else f"- ({wall:.2f}x)")
        if not equal:
            figure += ", counts DIFFER"
        out.append(Aim(measure, aim, figure, ratio <= bound and equal))
    return out


def startup(figures: dict[str, float] | None, aimed: tuple[str, ...], bound: float) -> Aim:
    measure = "CLI start-up: slowest help screen (wall, best)"
    if not figures:
        return _not_run(measure, f"≤ {bound:.2f} s", "--only startup")
    worst = max(aimed, key=lambda label: figures[label])
    return Aim(measure, f"≤ {bound:.2f} s", f"{figures[worst]:.3f} s ({worst})",
               figures[worst] <= bound)


def gateway(ratio: float | None) -> Aim:
    measure = "gateway verification vs hand-written loop (wall)"
    if ratio is None:
        return _not_run(measure, "≤ 1.50x", "--only gateway")
    return Aim(measure, "≤ 1.50x", f"{ratio:.2f}x", ratio <= 1.5)


def privacy(figures: dict[str, float] | None) -> list[Aim]:
    scrub, scan = "privacy scrub vs json.loads (wall)", "privacy scan vs json.loads (wall)"
    if not figures:
        return [_not_run(scrub, "≤ 2x", "--only privacy"),
                _not_run(scan, "≤ 2x", "--only privacy")]
    return [Aim(scrub, "≤ 2x", f"{figures['scrub']:.2f}x", figures["scrub"] <= 2.0),
            Aim(scan, "≤ 2x", f"{figures['scan']:.2f}x", figures["scan"] <= 2.0)]


def show(aims: list[Aim], *, quick: bool) -> None:
    """Print the table (the last thing a full run prints)."""
    print("\nScoreboard: every aim, with the figure this run measured (CPU ratios for the "
          "TPC-H rows, wall ratio in brackets); load average now "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if quick:
        print("(--quick: smoke sizes; these figures are NOT meaningful, only the wiring is)")
    header = ["measure", "aim", "this run", "verdict"]
    rows = [[a.measure, a.aim, a.figure,
             "-" if a.met is None else ("met" if a.met else "not met")] for a in aims]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
              .rstrip())
