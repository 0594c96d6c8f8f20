"""A tenth campaign of hostile cases, of classes the other generators leave out.

* ``rsp10``, ``req10``, ``lnk10``: what an OpenAPI operation says beyond its body schema
  (response ranges and ``default``, media ranges and ``+json`` types, ``components`` responses
  and headers, header schemas, discriminator mappings; query, header and body parameters of the
  recorded request; links, duplicate operation ids and parameters)
  (``hostile_fresh10_operations``).
* ``sw10``: the same for Swagger 2.0 (``default`` and global responses, ``produces``,
  ``collectionFormat`` arrays, header and body parameters, the string ``discriminator``,
  ``x-nullable`` on a reference) (``hostile_fresh10_swagger``).
* ``yml10``, ``enc10``: cassettes using what YAML allows (alias bombs, self-holding aliases,
  merge keys, code-running tags, ``!!binary`` that is not base64, timestamps as status codes,
  cut documents) and bodies whose ``Content-Encoding`` or charset lies
  (``hostile_fresh10_cassettes``).
* ``ds10``: datasets in UTF-16/32, GBK, Excel's ``sep=`` habit and other dialects, and files
  that are not what their suffix says (``hostile_fresh10_data``).

Each case runs through the real CLI (``run_batch``: worker processes, a case over ``--timeout``
seconds is a hang) and is judged as ``hostile_fresh5`` judges its own (no internal error, no
hang, no silent pass, the documented exit code, the place named with a hint, no Python
exception's words in a message, a case that may end clean must name what it was given, one that
must end clean must not cry wolf).

A third of the cases (by a stable hash of their id) form the ``apart`` part: ``--part seen``
runs the others, ``--part apart`` only those, and prints counts without case lines unless
``--show-apart`` is given. ``python -m tests.support.hostile_fresh10`` runs every case.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh5 import judge as judge_fresh5
from tests.support.hostile_fresh5 import run_campaign
from tests.support.hostile_fresh10_cassettes import cassette_cases
from tests.support.hostile_fresh10_data import data_cases
from tests.support.hostile_fresh10_operations import operation_cases
from tests.support.hostile_fresh10_swagger import swagger_cases


def batch_cases() -> list[Case]:
    return [*operation_cases(), *swagger_cases(), *cassette_cases(), *data_cases()]


def judge(case: Case, outcome: Outcome, root: Path) -> list[str]:
    """What is wrong with ``outcome`` of ``case``: empty when it ended as it should; a tag that
    would run code must not have run it."""
    wrong = judge_fresh5(case, outcome)
    if case.id.startswith("yml10:tag-python") and any(root.rglob("PWNED")):
        wrong.append("ran-code")
    return wrong


def main() -> None:
    run_campaign(__doc__ or "", batch_cases(), judge)


if __name__ == "__main__":
    main()
