"""A sixth campaign of hostile cases, of classes the other generators leave out.

* ``tpl6``, ``ykeys6``: contract paths whose braces make no template, reached by a recording
  whose URL fits them if read loosely; property names and response codes YAML reads as numbers,
  booleans, null or dates (``hostile_fresh6_paths``).
* ``map6``, ``gx6``, ``csv6``: mapping enum tables with keys no source value reaches and YAML
  tags in golden examples; expectation suites as GX 0.x and 1.x export them and as their users
  get them wrong; datasets with ragged rows, a stray Latin-1 cell, UTF-16, lone CR line ends,
  JSON Lines that are one array (``hostile_fresh6_data``).
* ``net6``: answers on 127.0.0.1 that are well formed and still wrong for drift's live fetch and
  ``probe``: a body in a charset other than the one declared, ``204``/``304`` with a body, a
  ``101`` switch nobody asked for, content codings seamguard cannot undo, a body that is JSON
  and declared as another type (``hostile_fresh6_net``).

Each case runs through the real CLI (``run_batch``: worker processes, a case over ``--timeout``
seconds is a hang) and is judged as ``hostile_fresh5`` judges its own (no internal error, no
hang, no silent pass, the documented exit code, the place named with a hint, no Python
exception's words in a message, a case that may end clean must name what it was given, one that
must end clean must not cry wolf).

A third of the cases (by a stable hash of their id) form the ``apart`` part: ``--part seen``
runs the others, ``--part apart`` only those, and prints counts without case lines unless
``--show-apart`` is given. ``python -m tests.support.hostile_fresh6`` runs every case.
"""

from __future__ import annotations

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh5 import judge as judge_fresh5
from tests.support.hostile_fresh5 import run_campaign
from tests.support.hostile_fresh6_bases import base_cases
from tests.support.hostile_fresh6_data import data_cases
from tests.support.hostile_fresh6_net import net_cases
from tests.support.hostile_fresh6_paths import path_cases


def batch_cases() -> list[Case]:
    return [*path_cases(), *data_cases(), *net_cases(), *base_cases()]


def judge(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with ``outcome`` of ``case``: empty when it ended as it should."""
    return judge_fresh5(case, outcome)


def main() -> None:
    run_campaign(__doc__ or "", batch_cases(), lambda case, outcome, _cwd: judge(case, outcome))


if __name__ == "__main__":
    main()
