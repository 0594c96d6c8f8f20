"""What people coming from oasdiff type to `seamguard contract history`, and the repositories
they point it at: does it do the right thing?

Four kinds of case, each run through the CLI in-process:

- ``diff-habits``: every oasdiff habit of ``ecosystem_habits`` written for ``contract diff``
  (flags, formats, levels, path filters), typed to ``contract history`` instead, judged as
  there (a changelog exits 0 unless --fail-on is given);
- ``flags``: each flag of ``oasdiff breaking`` / ``changelog`` (its documented list) given to
  ``contract history``: right when it runs (seamguard has the option) or is refused (exit 2)
  with seamguard's option named (``did you mean``) or why there is none;
- ``file``: oasdiff.yaml keys with good values (the step differs from the default) and bad
  ones (exit 2 naming ``oasdiff.yaml:LINE`` and the key);
- ``git``: repositories, ranges and paths that give no history — a tag, branch or path of
  random name (``--seed``), a repository with no commits, a shallow clone, a folder that is
  none — right when it is exit 2 naming the cause, without git's raw ``fatal:``.

    python -m tests.support.history_habits            # right/total per kind, and what failed
    python -m tests.support.history_habits --seed 7   # other random names
"""

from __future__ import annotations

import contextlib
import json
import random
import string
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from seamguard.cli import app

# `oasdiff breaking` / `oasdiff changelog` flags from its documentation, each with a value
# (None: a switch); those seamguard has must run, the others must be answered.
OASDIFF_FLAGS: dict[str, str | None] = {
    "--match-path": "^/pets", "--unmatch-path": "^/stores", "-q": "^/stores",
    "--filter-extension": "x-beta", "--prefix-base": "/api", "--prefix-revision": "/api",
    "--strip-prefix-base": "/v1", "--strip-prefix-revision": "/v1",
    "--include-path-params": None, "--deprecation-days-beta": "30",
    "--deprecation-days-stable": "60", "--stability-level": "stable", "--fail-on": "ERR",
    "-o": "WARN", "--level": "WARN", "--format": "json", "-f": "yaml",
    "--composed": None, "-c": None, "--match-inline-refs": None, "--flatten-allof": None,
    "--flatten-params": None, "--case-insensitive-headers": None,
    "--exclude-extensions": None, "--allow-external-refs": None, "--auto-upgrade": None,
    "--lang": "ru", "-l": "ru", "--err-ignore": "err.txt", "--warn-ignore": "warn.txt",
    "--include-checks": "response-property-enum-value-added",
    "-i": "response-property-enum-value-added", "--color": "never",
    "--severity-levels": "levels.txt", "--attributes": "x-audience", "--template": "t.tmpl",
    "--exclude-elements": "description", "-e": "endpoints", "--fail-on-diff": None,
    "--base": "base.yaml", "--revision": "rev.yaml", "-p": "^/pets",
}


@dataclass(frozen=True)
class Verdict:
    kind: str
    name: str
    wrong: str | None  # None: right


def _invoke(argv: list[str], folder: Path) -> tuple[int, str, str | None]:
    with contextlib.chdir(folder):
        result = CliRunner().invoke(app, argv)
    crashed = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crashed = f"{type(result.exception).__name__}: {result.exception}"
    return result.exit_code, " ".join(result.output.replace("\u2502", " ").split()), crashed


def _diff_habits(root: Path) -> list[Verdict]:
    from tests.support.ecosystem_habits import judge, run_case
    from tests.support.ecosystem_habits_cases import OASDIFF

    verdicts = []
    for number, case in enumerate(OASDIFF):
        if case.argv[:2] != ("contract", "diff") or not case.argv[2].startswith("{root}"):
            continue
        argv = [*case.argv]
        at = argv.index("--project")
        del argv[at:at + 2]  # history reads no project
        argv[:4] = ["contract", "history", "pets", *argv[2:4]]
        asked = any(a.startswith(("--fail-on", "-o")) for a in argv) or any(
            "fail-on" in text for text in case.files.values())
        history = type(case)(**{**case.__dict__, "argv": tuple(argv),
                                "codes": case.codes if asked else (0, 1)})
        result = run_case(history, root / f"d{number}")
        verdicts.append(Verdict("diff-habits", case.name, judge(history, result)))
    return verdicts


def _judge_refusal(code: int, text: str, crashed: str | None, said: tuple[str, ...],
                   raw: tuple[str, ...] = ("fatal:",)) -> str | None:
    if crashed:
        return f"crashed: {crashed}"
    if "Traceback (most recent call last)" in text:
        return "printed a traceback"
    if code != 2:
        return f"exit {code}, wanted 2: {text[:200]}"
    missing = [word for word in said if word not in text]
    if missing:
        return f"does not say {missing}: {text[:300]}"
    shown = [word for word in raw if word in text]
    return f"shows {shown} as it came: {text[:300]}" if shown else None


def _flags(root: Path) -> list[Verdict]:
    from tests.support.ecosystem_habits_cases import BASE, REVISION

    folder = root / "flags"
    folder.mkdir()
    (folder / "base.yaml").write_text(BASE, encoding="utf-8")
    (folder / "rev.yaml").write_text(REVISION, encoding="utf-8")
    verdicts = []
    for flag, value in OASDIFF_FLAGS.items():
        argv = ["contract", "history", "pets", "base.yaml", "rev.yaml", flag,
                *([value] if value is not None else [])]
        code, text, crashed = _invoke(argv, folder)
        if crashed or "Traceback (most recent call last)" in text:
            wrong: str | None = f"crashed: {crashed or text[:200]}"
        elif code in (0, 1):
            wrong = None  # seamguard has the option
        elif code == 2 and (f"No such option: {flag} (" in text or "did you mean --" in text):
            wrong = None
        else:
            wrong = f"exit {code} without seamguard's option or a reason: {text[:250]}"
        verdicts.append(Verdict("flags", flag, wrong))
    return verdicts


# oasdiff.yaml keys: a good value changes the step (the words its output then holds); a bad one
# is named at its line.
FILE_GOOD = {
    "match-path: ^/stores": "/stores", "unmatch-path: ^/stores": "/pets",
    "include-path-params: true": "/pets", "prefix-revision: /v2": "/v2/stores",
    "strip-prefix-base: /pets": "endpoint-added", "stability-level: stable": "/pets",
    "deprecation-days-beta: 10": "/pets", "level: ERR": "/pets", "format: yaml": "id:",
}
FILE_BAD = ("match-path: '('", "filter-extension: '[x'", "stability-level: gold",
            "deprecation-days-beta: soon", "include-path-params: perhaps", "level: LOUD",
            "format: html", "fail-on: NEVER", "prefix-base: [a, b]")


def _file(root: Path) -> list[Verdict]:
    from tests.support.ecosystem_habits_cases import BASE, REVISION

    verdicts = []
    for number, line in enumerate((*FILE_GOOD, *FILE_BAD)):
        folder = root / f"f{number}"
        folder.mkdir()
        (folder / "base.yaml").write_text(BASE, encoding="utf-8")
        (folder / "rev.yaml").write_text(REVISION.replace("/stores:", "/stores:\n    x-n: 1"),
                                         encoding="utf-8")
        (folder / "oasdiff.yaml").write_text(f"# settings\n{line}\n", encoding="utf-8")
        code, text, crashed = _invoke(["contract", "history", "pets", "base.yaml", "rev.yaml"],
                                      folder)
        key = line.split(":")[0]
        if line in FILE_GOOD:
            if crashed or code not in (0, 1):
                wrong: str | None = f"exit {code}: {crashed or text[:250]}"
            elif f"{key} is not read" in text:
                wrong = f"{key} not read: {text[:200]}"
            else:
                wrong = None if FILE_GOOD[line] in text else f"lacks {FILE_GOOD[line]!r}"
        else:
            wrong = _judge_refusal(code, text, crashed, ("oasdiff.yaml:2", key))
        verdicts.append(Verdict("file", line, wrong))
    return verdicts


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.email=t@example.com", "-c",
                    "user.name=t", *args], check=True, capture_output=True)


def _repository(folder: Path, spec: str, commits: int) -> Path:
    folder.mkdir(parents=True)
    _git(folder, "init", "-q")
    (folder / spec).parent.mkdir(parents=True, exist_ok=True)
    for n in range(commits):
        (folder / spec).write_text(f'openapi: 3.0.3\ninfo: {{title: t, version: "{n}"}}\n'
                                   f"paths:\n  /p{n}: {{get: {{responses: {{'200': "
                                   "{description: ok}}}}}\n", encoding="utf-8")
        _git(folder, "add", "-A")
        _git(folder, "commit", "-q", "-m", f"v{n}")
        _git(folder, "tag", f"v{n}")
    return folder


def _git_cases(root: Path, seed: int) -> list[Verdict]:
    rng = random.Random(seed)

    def name() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9)))

    spec = f"{name()}/{name()}.yaml"
    repo = _repository(root / "git" / name(), spec, 3)
    empty = root / "git" / f"empty-{name()}"
    empty.mkdir()
    _git(empty, "init", "-q")
    shallow = root / "git" / f"shallow-{name()}"
    _git(root, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))
    plain = root / "git" / f"plain-{name()}"
    plain.mkdir()
    tag, branch, other = f"v{rng.randint(5, 99)}.{rng.randint(0, 9)}", name(), name()
    cases: list[tuple[str, list[str], tuple[str, ...]]] = [
        ("missing tag", [spec, "--git", str(repo), "--range", f"{tag}..HEAD"], (tag,)),
        ("missing branch", [spec, "--git", str(repo), "--range", f"v0..{branch}"], (branch,)),
        ("missing commit", [spec, "--git", str(repo), "--range",
                            "".join(rng.choices("0123456789abcdef", k=12))], ("no revision",)),
        ("path not committed", [f"{other}.yaml", "--git", str(repo)], (f"{other}.yaml",)),
        ("path outside", [f"../{other}.yaml", "--git", str(repo)], ("outside",)),
        ("file name only", [Path(spec).name, "--git", str(repo)], (spec,)),
        ("spec is a folder", [str(Path(spec).parent), "--git", str(repo)], ("folder", spec)),
        ("no commits", [spec, "--git", str(empty)], ("no commits",)),
        ("shallow clone", [spec, "--git", str(shallow)], ("shallow",)),
        ("not a repository", [spec, "--git", str(plain)], ("not a git repository",)),
        ("no such folder", [spec, "--git", str(root / other)], ("no such folder",)),
    ]
    verdicts = []
    for label, argv, said in cases:
        code, text, crashed = _invoke(["contract", "history", "t", *argv], root)
        verdicts.append(Verdict("git", label, _judge_refusal(code, text, crashed, said)))
    return verdicts


def score(seed: int) -> list[Verdict]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        kinds: list[Callable[[Path], list[Verdict]]] = [_diff_habits, _flags, _file]
        verdicts = [verdict for kind in kinds for verdict in kind(root)]
        return verdicts + _git_cases(root, seed)


def main(argv: list[str]) -> int:
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
    verdicts = score(seed)
    by_kind: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        by_kind.setdefault(verdict.kind, []).append(verdict)
    for kind, results in by_kind.items():
        print(f"{kind}: {sum(1 for v in results if v.wrong is None)}/{len(results)} right")
        for verdict in results:
            if verdict.wrong is not None:
                print(f"  WRONG {verdict.name}: {verdict.wrong[:300]}")
    right = sum(1 for v in verdicts if v.wrong is None)
    print(json.dumps({"history habits": f"{right}/{len(verdicts)}", "seed": seed}))
    return 0 if right == len(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
