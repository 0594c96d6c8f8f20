"""A ninth campaign of hostile cases, of classes the other generators leave out.

* ``json9``, ``pi9``, ``sw9``: contracts written as JSON by hand (JSON5 habits, comments, NUL
  bytes, a key twice, two documents), path items reached through ``components/pathItems``, and
  Swagger 2 habits (``formData``, ``collectionFormat``, ``x-`` keys everywhere)
  (``hostile_fresh9_documents``).
* ``mty9``, ``mtr9``, ``gxk9``, ``gxs9``: a mapping spec with a value of the wrong kind at
  every level, transforms unknown or misused, rules that read each other in a circle; GX 1.x
  suites with kwargs of the wrong kind, ``severity``, ``notes``, ``meta`` and ``id`` misused
  (``hostile_fresh9_specs``).
* ``csv9``, ``cli9``: datasets damaged as CSV writers damage them (mixed line ends, open
  quotes, a header twice, NUL bytes, a 2 GB sparse file, nested Parquet columns), and command
  lines in the habits of oasdiff, schemathesis and Great Expectations
  (``hostile_fresh9_inputs``).

Each case runs through the real CLI (``run_batch``: worker processes, a case over ``--timeout``
seconds is a hang) and is judged as ``hostile_fresh5`` judges its own (no internal error, no
hang, no silent pass, the documented exit code, the place named with a hint, no Python
exception's words in a message, a case that may end clean must name what it was given, one that
must end clean must not cry wolf).

A third of the cases (by a stable hash of their id) form the ``apart`` part: ``--part seen``
runs the others, ``--part apart`` only those, and prints counts without case lines unless
``--show-apart`` is given. ``python -m tests.support.hostile_fresh9`` runs every case.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh5 import judge as judge_fresh5
from tests.support.hostile_fresh5 import run_campaign
from tests.support.hostile_fresh9_documents import document_cases
from tests.support.hostile_fresh9_inputs import input_cases
from tests.support.hostile_fresh9_specs import spec_cases

# A word typed on the command line is placed by naming it, as hostile_strategies judges `cli:`
# cases.
_BY_ARGUMENT = ("cli9:",)


def batch_cases() -> list[Case]:
    return [*document_cases(), *spec_cases(), *input_cases()]


def judge(case: Case, outcome: Outcome, _root: Path) -> list[str]:
    """What is wrong with ``outcome`` of ``case``: empty when it ended as it should."""
    wrong = judge_fresh5(case, outcome)
    if case.id.startswith(_BY_ARGUMENT):
        wrong = [w for w in wrong if w != "no-location"]
    return wrong


def main() -> None:
    run_campaign(__doc__ or "", batch_cases(), judge)


if __name__ == "__main__":
    main()
