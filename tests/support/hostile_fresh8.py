"""An eighth campaign of hostile cases, of classes the other generators leave out.

* ``toml8``: ``pyproject.toml`` that is not TOML (strings, arrays, tables left open, keys and
  tables twice, escapes, numbers and dates TOML lacks, control bytes, Latin-1, UTF-16, lone CR)
  under ``verify``, ``quality`` and ``contract lint`` (``hostile_fresh8_toml``).
* ``ghist8``: ``contract history --git`` over repositories in every state git leaves them in:
  no commits, shallow, detached, bare, a linked worktree, a spec renamed, a merge, a ``HEAD``
  that names a gone branch; paths and ranges that miss (``hostile_fresh8_history``).
* ``fmt8``, ``ex8``, ``nfc8``, ``id8``, ``hook8``: formats of the registries fresh7 left out and
  misspelt ones, ``example``/``examples`` conflicts, Unicode normalisation twins, ``$anchor`` and
  ``$id`` references, a webhooks-only document (``hostile_fresh8_contracts``).
* ``vcr8``: recorded bodies under ``br``, zstd, raw and zlib ``deflate``, stacked codings, codings
  that lie, lying ``Content-Length``, cassette versions and interaction shapes vcrpy never
  writes (``hostile_fresh8_cassettes``).
* ``gx8``, ``ds8``: GX gallery expectations and GX habits (``row_condition``,
  ``result_format``, ``meta``, ``mostly``); Parquet, JSON Lines, CSV and workbooks damaged or
  huge (``hostile_fresh8_quality``).

Each case runs through the real CLI (``run_batch``: worker processes, a case over ``--timeout``
seconds is a hang) and is judged as ``hostile_fresh5`` judges its own (no internal error, no
hang, no silent pass, the documented exit code, the place named with a hint, no Python
exception's words in a message, a case that may end clean must name what it was given, one that
must end clean must not cry wolf).

A third of the cases (by a stable hash of their id) form the ``apart`` part: ``--part seen``
runs the others, ``--part apart`` only those, and prints counts without case lines unless
``--show-apart`` is given. ``python -m tests.support.hostile_fresh8`` runs every case.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh5 import judge as judge_fresh5
from tests.support.hostile_fresh5 import run_campaign
from tests.support.hostile_fresh8_cassettes import cassette_cases
from tests.support.hostile_fresh8_contracts import contract_cases
from tests.support.hostile_fresh8_history import history_cases
from tests.support.hostile_fresh8_quality import quality_cases
from tests.support.hostile_fresh8_toml import toml_cases

# A repository, a range or a path given on the command line is placed by naming it, as
# hostile_strategies judges `cli:` cases.
_BY_ARGUMENT = ("ghist8:",)


def batch_cases() -> list[Case]:
    return [*toml_cases(), *history_cases(), *contract_cases(), *cassette_cases(),
            *quality_cases()]


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
