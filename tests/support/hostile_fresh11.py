"""An eleventh campaign of hostile cases, of classes the other generators leave out.

* ``oas11``: what OpenAPI 3.1 takes from JSON Schema 2020-12 (``type`` arrays, ``const``,
  ``$defs``, ``$anchor``, ``prefixItems``, ``dependentRequired``, ``if``/``then``,
  ``unevaluatedProperties``, ``contains``, backtracking patterns, ``multipleOf`` on decimals,
  ``webhooks``, ``components.pathItems``, version strings) and what 2020-12 refuses, under
  ``verify`` (``hostile_fresh11_schemas``).
* ``mp11``: mapping specs wrong in what their rules mean: enum maps, transform parameters out of
  range or of the wrong kind, pipelines whose steps do not fit, paths that do not exist, rules
  with both or neither of ``constant`` and ``source``, golden examples that disagree, under
  ``map lint`` (``hostile_fresh11_mappings``).
* ``argv-cli11``, ``pub11``: option combinations of ``verify`` and ``quality``, and published
  specs served on 127.0.0.1 whose document is wrong, under ``drift run``
  (``hostile_fresh11_more``).

Each case runs through the real CLI (``run_batch``: worker processes, a case over ``--timeout``
seconds is a hang) and is judged as ``hostile_fresh5`` judges its own (no internal error, no
hang, no silent pass, the documented exit code, the place named with a hint, no Python
exception's words in a message, a case that may end clean must name what it was given, one that
must end clean must not cry wolf); a published spec's ``$ref`` to a local file must not be read.

A third of the cases (by a stable hash of their id) form the ``apart`` part: ``--part seen``
runs the others, ``--part apart`` only those, and prints counts without case lines unless
``--show-apart`` is given. ``python -m tests.support.hostile_fresh11`` runs every case.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh5 import judge as judge_fresh5
from tests.support.hostile_fresh5 import run_campaign
from tests.support.hostile_fresh11_mappings import mapping_cases
from tests.support.hostile_fresh11_more import more_cases
from tests.support.hostile_fresh11_schemas import schema_cases


def batch_cases() -> list[Case]:
    return [*schema_cases(), *mapping_cases(), *more_cases()]


def judge(case: Case, outcome: Outcome, root: Path) -> list[str]:
    """What is wrong with ``outcome`` of ``case``: empty when it ended as it should; a
    published spec's reference to a local file must not bring its text into the output."""
    wrong = judge_fresh5(case, outcome)
    if case.id == "pub11:ref-local-file" and "root:x:0:0" in outcome.raw:
        wrong.append("read-local-file")
    return wrong


def main() -> None:
    run_campaign(__doc__ or "", batch_cases(), judge)


if __name__ == "__main__":
    main()
