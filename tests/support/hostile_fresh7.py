"""A seventh campaign of hostile cases, of classes the other generators leave out.

* ``alert7-hook``, ``alert7-url``, ``alert7-table``: alerts of a nightly drift run delivered to
  webhooks on 127.0.0.1 that misbehave, variables holding URLs apprise cannot use, and
  ``[tool.seamguard.alerts]`` tables written wrong; the URL's token must never be printed
  (``hostile_fresh7_alerts``).
* ``oas7``, ``oas7-doc``, ``sw7``: JSON Schema 2020-12 keywords of OpenAPI 3.1 kept and broken
  by recordings, dialects and keywords of other versions, Swagger 2.0 as generators write it
  (``hostile_fresh7_schemas``).
* ``vcr7``, ``vcr7-beside``: recordings of Ruby VCR, Betamax, Polly.JS, browsers (HAR), go-vcr,
  nock, WireMock, Hoverfly, ``responses`` and vcrpy 0.x's pickled requests in the cassettes
  folder; a YAML tag must never run (``hostile_fresh7_cassettes``).
* ``pq7``, ``csv7``: Parquet columns of every odd Arrow type, files of no rows or columns, Arrow
  files named Parquet; CSV files that are empty, a BOM, a header only, with NUL bytes or blanks
  in the header (``hostile_fresh7_data``).
* ``ghist7``: ``contract history --git`` over a repository where one commit of the spec is
  damaged (unparsable, a Git LFS pointer, binary, a link, a folder, deleted, 12 MB), and ranges
  or paths that look like options (``hostile_fresh7_history``).
* ``gen7``, ``gen7-run``: ``suites generate`` from a contract schema with odd enums, ECMA
  patterns, bounds and property names, and ``quality`` on the suite it wrote over a row that
  breaks the schema (``hostile_fresh7_generate``).

Each case runs through the real CLI (``run_batch``: worker processes, a case over ``--timeout``
seconds is a hang) and is judged as ``hostile_fresh5`` judges its own (no internal error, no
hang, no silent pass, the documented exit code, the place named with a hint, no Python
exception's words in a message, a case that may end clean must name what it was given, one that
must end clean must not cry wolf); besides, an alert URL's token printed is a ``leak`` and a
YAML tag that ran is ``executed``.

A third of the cases (by a stable hash of their id) form the ``apart`` part: ``--part seen``
runs the others, ``--part apart`` only those, and prints counts without case lines unless
``--show-apart`` is given. ``python -m tests.support.hostile_fresh7`` runs every case.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh5 import judge as judge_fresh5
from tests.support.hostile_fresh5 import run_campaign
from tests.support.hostile_fresh7_alerts import TOKEN, alert_cases
from tests.support.hostile_fresh7_cassettes import MARK, cassette_cases
from tests.support.hostile_fresh7_data import data_cases
from tests.support.hostile_fresh7_generate import generate_cases
from tests.support.hostile_fresh7_history import history_cases
from tests.support.hostile_fresh7_schemas import schema_cases


def batch_cases() -> list[Case]:
    return [*alert_cases(), *schema_cases(), *cassette_cases(), *data_cases(),
            *history_cases(), *generate_cases()]


def judge(case: Case, outcome: Outcome, root: Path) -> list[str]:
    """What is wrong with ``outcome`` of ``case`` laid out under ``root``: empty when it ended
    as it should."""
    wrong = judge_fresh5(case, outcome)
    if case.id.startswith(("ghist7:range-", "ghist7:path-")):
        # a command-line value is placed by naming it, as hostile_strategies judges `cli:` cases
        wrong = [w for w in wrong if w != "no-location"]
    if TOKEN in outcome.raw:
        wrong.append("leak")
    if (root / MARK).exists():
        wrong.append("executed")
    return wrong


def main() -> None:
    run_campaign(__doc__ or "", batch_cases(), judge)


if __name__ == "__main__":
    main()
