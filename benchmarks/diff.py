"""``contract diff`` on two versions of a large generated contract (>= 5 MB): seconds and peak
memory, as ratios to just parsing both versions' YAML in the same run.

    python benchmarks/diff.py [--repeats R] [--changes N] [--seed S]

Part 1: a Stripe-shaped pair (``stripelike.generate``: 4 MB+ each, shared components behind
hundreds of operations, a fixed set of edits inside them): seconds of ``contract diff`` (both
files read + diffed + grouped) as a ratio to parsing both files, and the size of its output
against the number of raw per-operation changes — output must grow with the distinct changes.

Part 2: the base is the generated contract of benchmark 2 (``bigspec.generate``); the
revision is the same contract with N seeded edits of the kinds the diff rules classify: an enum
value added or removed, a property removed or retyped, a field made required or nullable, a
bound tightened, an operation or a whole path removed, a parameter added.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bigspec  # noqa: E402
import stripelike  # noqa: E402
import yaml  # noqa: E402
from timing import best_of  # noqa: E402

from seamguard.contracts.diff import diff_contracts, load_spec  # noqa: E402

DUMP = {"Dumper": yaml.CSafeDumper, "sort_keys": False, "width": 100, "allow_unicode": True}


def revise(base: Path, into: Path, changes: int, seed: int) -> Counter[str]:
    """Copy the generated contract in ``base`` to ``into`` with ``changes`` seeded edits."""
    rng = random.Random(seed)
    spec = yaml.load((base / "openapi.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    common = yaml.load((base / "common.yaml").read_text(encoding="utf-8"),
                       Loader=yaml.CSafeLoader)
    schemas = spec["components"]["schemas"]
    objects = [s for s in schemas.values() if isinstance(s, dict) and s.get("properties")]
    made: Counter[str] = Counter()
    for _ in range(changes):
        kind = rng.choice(["enum+", "enum-", "remove-prop", "retype", "require", "nullable",
                           "bound", "remove-op", "remove-path", "param"])
        schema = rng.choice(objects)
        props = schema["properties"]
        name = rng.choice(sorted(props))
        prop = props[name]
        if kind in ("enum+", "enum-"):
            with_enum = [p for p in props.values() if isinstance(p, dict) and p.get("enum")]
            if not with_enum:
                continue
            target = rng.choice(with_enum)
            if kind == "enum+":
                target["enum"] = [*target["enum"], f"new_{rng.randrange(10**6)}"]
            elif len(target["enum"]) > 1:
                target["enum"] = target["enum"][:-1]
        elif kind == "remove-prop" and len(props) > 1:
            del props[name]
            if name in schema.get("required", []):
                schema["required"].remove(name)
        elif kind == "retype" and isinstance(prop, dict) and prop.get("type") == "string":
            prop["type"] = "integer"
            prop.pop("format", None)
            prop.pop("pattern", None)
        elif kind == "require":
            schema["required"] = sorted({*schema.get("required", []), name})
        elif kind == "nullable" and isinstance(prop, dict) and "$ref" not in prop:
            prop["nullable"] = True
        elif kind == "bound" and isinstance(prop, dict) and prop.get("type") == "string":
            prop["maxLength"] = 8
        elif kind in ("remove-op", "remove-path", "param"):
            path = rng.choice(sorted(spec["paths"]))
            item = spec["paths"][path]
            if kind == "remove-path":
                del spec["paths"][path]
            elif kind == "remove-op":
                methods = [m for m in item if m != "parameters"]
                if len(methods) > 1:
                    del item[rng.choice(methods)]
            else:
                for method in (m for m in item if m != "parameters"):
                    item[method].setdefault("parameters", []).append(
                        {"name": f"filter_{rng.randrange(1000)}", "in": "query",
                         "required": True, "schema": {"type": "string"}})
                    break
        else:
            continue
        made[kind] += 1
    into.mkdir(parents=True, exist_ok=True)
    (into / "openapi.yaml").write_text(yaml.dump(spec, **DUMP), encoding="utf-8")
    (into / "common.yaml").write_text(yaml.dump(common, **DUMP), encoding="utf-8")
    return made


def run_stripe(repeats: int, workdir: Path, *, operations: int = 900, objects: int = 660) -> None:
    """Part 1: the Stripe-shaped pair; time ratio to parsing, and output size."""
    from seamguard.contracts.diff_groups import group_changes
    from seamguard.report.diff import render_diff_json, render_diff_text

    info = stripelike.generate(workdir / "stripe", operations=operations, objects=objects)
    files = [info["base"], info["revision"]]
    size = sum(path.stat().st_size for path in files)

    def parse_only() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def command() -> Any:
        old = load_spec(files[0], platform="stripe", version="base")
        new = load_spec(files[1], platform="stripe", version="revision")
        changes = diff_contracts(old, new)
        return changes, group_changes(changes, base="base.yaml", revision="revision.yaml")

    parse_best, parse_median = best_of(parse_only, repeats)
    diff_best, diff_median = best_of(command, repeats)
    changes, report = command()
    text, as_json = render_diff_text(report), render_diff_json(report)
    print(f"Stripe-shaped pair: {size / 1e6:.1f} MB of YAML in all ({info['bytes'] / 1e6:.1f} MB "
          f"each side, {info['schemas']} schemas, {info['operations']} operations); "
          f"{stripelike.EDITS} edits inside shared components")
    print(f"{'measurement':<52}{'best':>9}{'median':>9}{'ratio':>8}")
    print(f"{'contract diff: read both + diff + group':<52}{diff_best:>8.2f}s"
          f"{diff_median:>8.2f}s{diff_best / parse_best:>7.2f}x")
    print(f"{'YAML parse of both files alone  [BASELINE]':<52}{parse_best:>8.2f}s"
          f"{parse_median:>8.2f}s{1:>7.2f}x")
    print(f"output: {len(report.groups)} entries ({text.count(chr(10))} text lines, "
          f"{len(as_json) / 1e3:.0f} kB JSON) for {len(changes)} per-operation changes; "
          f"largest entry reaches {max((len(g.operations) for g in report.groups), default=0)} "
          "operations")
    print()


def run(repeats: int, changes: int, seed: int, workdir: Path, entities: int = 3000) -> None:
    run_stripe(repeats, workdir, operations=900 if entities >= 3000 else 150,
               objects=660 if entities >= 3000 else 80)
    base_dir, rev_dir = workdir / "base" / "v1", workdir / "rev" / "v2"
    info = bigspec.generate(base_dir, seed=seed, entities=entities,
                            resources=max(10, entities // 6))
    made = revise(base_dir, rev_dir, changes, seed)
    files = [base_dir / "openapi.yaml", base_dir / "common.yaml", rev_dir / "openapi.yaml",
             rev_dir / "common.yaml"]
    size = sum(path.stat().st_size for path in files)
    print(f"two versions of a generated contract: {size / 1e6:.1f} MB of YAML in all "
          f"({info['bytes'] / 1e6:.1f} MB each side, {info['schemas']} schemas, "
          f"{info['operations']} operations); {sum(made.values())} seeded edits: "
          + ", ".join(f"{k} {v}" for k, v in sorted(made.items())))

    def parse_only() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def load_both() -> tuple[Any, Any]:
        return (load_spec(base_dir / "openapi.yaml", platform="big", version="v1"),
                load_spec(rev_dir / "openapi.yaml", platform="big", version="v2"))

    loaded = load_both()

    def diff_only() -> int:
        return len(diff_contracts(*loaded))

    def whole() -> int:
        return len(diff_contracts(*load_both()))

    parse_best, parse_median = best_of(parse_only, repeats)
    diff_best, diff_median = best_of(diff_only, repeats)
    whole_best, whole_median = best_of(whole, repeats)
    tracemalloc.start()
    started = time.perf_counter()
    found = diff_contracts(*load_both())
    traced = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    levels = Counter(change.level for change in found)
    print(f"{'measurement':<52}{'best':>9}{'median':>9}{'ratio':>8}")
    print(f"{'contract diff, load both + diff (the command)':<52}{whole_best:>8.2f}s"
          f"{whole_median:>8.2f}s{whole_best / parse_best:>7.2f}x")
    print(f"{'  of which the diff itself (both loaded)':<52}{diff_best:>8.2f}s"
          f"{diff_median:>8.2f}s{diff_best / parse_best:>7.2f}x")
    print(f"{'YAML parse of both versions alone  [BASELINE]':<52}{parse_best:>8.2f}s"
          f"{parse_median:>8.2f}s{1:>7.2f}x")
    print(f"peak traced memory of load both + diff: {peak / 1e6:.0f} MB (traced run took "
          f"{traced:.1f} s); changes found: {len(found)} "
          f"({', '.join(f'{levels[k]} {k}' for k in ('error', 'warning', 'info'))})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20240701)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="seamguard-diff-") as tmp:
        run(args.repeats, args.changes, args.seed, Path(tmp))


if __name__ == "__main__":
    main()
