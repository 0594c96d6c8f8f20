"""The ``sync`` check: every sync property against every configured target.

Options (from ``seamguard sync test``): ``target``, ``examples``, ``seed``, ``variant``,
``save_regressions``, ``explore`` (a random seed when none is given; without it the seed is
derived from the target, so ``seamguard check`` plays the same scripts on every run),
``every_target`` (also the targets with ``in_check = false``, which ``seamguard check`` leaves
out and names). Without targets the check examines nothing (``examined`` 0).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from seamguard.errors import UsageError
from seamguard.findings import Finding
from seamguard.sync.report import coverage_finding, failure_finding, left_out_finding

if TYPE_CHECKING:
    from seamguard.checks import RunContext

__all__ = ["run_check"]


def run_check(context: RunContext) -> Iterator[Finding]:
    from seamguard.sync.harness import SyncHarness

    settings = context.project.settings.sync
    options = context.options
    chosen = options.get("target")
    if chosen is not None and chosen not in settings.targets:
        known = ", ".join(settings.targets) or "none"
        raise UsageError(f"no sync target {chosen!r}", hint=f"configured targets: {known}")
    if chosen:
        names = [chosen]
    else:
        names = [name for name, target in settings.targets.items()
                 if target.in_check or options.get("every_target")]
        for name in settings.targets:
            if name not in names:
                yield left_out_finding(name)
    for done, name in enumerate(names):
        context.progress(done, len(names), name)
        harness = SyncHarness(context.project, context.catalog, name,
                              examples=options.get("examples"), seed=options.get("seed"),
                              variant=options.get("variant"),
                              explore=bool(options.get("explore")))
        result = harness.run()
        context.examined += result.examples + result.replayed
        for failure in result.failures:
            file = None
            if failure.regression is not None:
                file = context.project.relative(failure.regression)
            elif options.get("save_regressions"):
                file = context.project.relative(harness.save(failure))
            yield failure_finding(failure, harness.rules, regression_file=file)
        yield coverage_finding(result)
    context.progress(len(names), len(names), "")
