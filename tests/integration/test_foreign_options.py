"""Options spelt as schemathesis, oasdiff or pytest spell them: exit 2 and what to write."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.foreign_options import FOREIGN, explain

runner = CliRunner()


@pytest.mark.parametrize(("argv", "said"), [
    (["probe", "shop", "--hypothesis-seed", "3"], "did you mean --seed?"),
    (["probe", "shop", "-E", "^/orders"], "did you mean --include-path-regex?"),
    (["probe", "shop", "--workers", "4"], "seamguard probes with one worker"),
    (["probe", "shop", "--chekcs", "all"], "did you mean --checks?"),
    # schemathesis 3's spellings were answered with an unrelated option by edit distance
    (["probe", "shop", "--stateful", "links"], "did you mean --allow-unsafe?"),
    (["probe", "shop", "-D", "negative"], "did you mean --mode?"),
    (["probe", "shop", "-b", "http://127.0.0.1:9"], "did you mean --base-url?"),
    (["probe", "shop", "--cassette-path", "x.yaml"], "--replay ID"),
    (["probe", "shop", "--sanitize-output", "false"], "always masked"),
    (["probe", "shop", "--request-tls-verify", "false"], "`tls-verify` in schemathesis.toml"),
    (["probe", "shop", "--hypothesis-deadline", "500"], "bounded by --timeout"),
    (["probe", "shop", "--config-file", "st.toml"], "read from beside pyproject.toml"),
    (["probe", "shop", "--app", "main:app"], "did you mean --base-url?"),
    (["probe", "shop", "--hypothesis-no-phases", "explicit"], "did you mean --phases?"),
    (["probe", "shop", "--pre-run", "hooks"], "$SCHEMATHESIS_HOOKS"),
    (["probe", "shop", "--auth-type", "digest"], "did you mean --header?"),
    (["contract", "diff", "a.yaml", "b.yaml", "--err-ignore", "x"], "did you mean --ignore?"),
    (["contract", "diff", "--base", "a.yaml", "b.yaml"], "the base is the first argument"),
    (["contract", "diff", "a.yaml", "b.yaml", "--fail-on-diff"], "did you mean --fail-on?"),
    (["contract", "diff", "a.yaml", "b.yaml", "--flatten-allof"], "always merged"),
    (["contract", "diff", "a.yaml", "b.yaml", "--exclude-elements", "description"],
     "never reported"),
    (["contract", "diff", "a.yaml", "b.yaml", "-e", "endpoints"],
     "added and removed operations always are (leave paths out with --match-path"),
    (["contract", "diff", "a.yaml", "b.yaml", "--severity-levels", "l.txt"],
     "did you mean --ignore?"),
    (["check", "-o", "json"], "did you mean --format?"),
    (["quality", "--engnie", "gx"], "did you mean --engine?"),
])
def test_a_foreign_option_is_a_usage_error_naming_ours(argv: list[str], said: str) -> None:
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.replace("│", " ").split())
    assert said in text, text


def test_another_commands_habit_is_not_explained_where_it_does_not_apply() -> None:
    # -x means something to probe users; to `check` it is an unknown option, nothing more
    result = runner.invoke(app, ["check", "-x"])
    assert result.exit_code == 2
    assert "No such option: -x" in result.output
    assert "every failure" not in result.output


def test_every_replacement_named_is_an_option_of_its_command() -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = {"probe": group.commands["probe"],  # type: ignore[attr-defined]
                "diff": group.commands["contract"].commands["diff"],  # type: ignore[attr-defined]
                "history": group.commands["contract"].commands["history"]}  # type: ignore[attr-defined]
    for scope, table in FOREIGN.items():
        for option, (ours, _) in table.items():
            if ours is None or not scope:
                continue
            known = [n for p in commands[scope].params for n in p.opts]
            assert ours in known, (scope, option, ours)
            assert explain(option, known, scope) is not None


def test_every_option_of_st_run_is_known_or_explained_by_probe() -> None:
    """schemathesis' own option list (``st run --help`` of the installed version): each one is
    an option of ``seamguard probe`` or is answered with what to do instead."""
    import re

    import typer.main
    from click.testing import CliRunner as ClickRunner
    from schemathesis.cli import schemathesis as st

    text = ClickRunner().invoke(st, ["run", "--help"]).output
    # (--include-TYPE-... stands for the filters: a name ending in "-" is no option)
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9]+(?:-[a-z0-9]+)*|-[a-zA-Z])\b(?!-)",
                             text))
    assert {"--checks", "--max-examples", "--report-junit-path", "--wait-for-schema"} <= options
    probe = typer.main.get_command(app).commands["probe"]  # type: ignore[attr-defined]
    ours = {n for p in probe.params for n in [*p.opts, *p.secondary_opts]}
    unexplained = sorted(o for o in options - ours - {"--help"}
                         if o not in FOREIGN["probe"] and o not in FOREIGN[""])
    assert not unexplained


# The options of `oasdiff breaking` / `oasdiff changelog` (its documented flags).
OASDIFF_OPTIONS = (
    "--composed", "-c", "--match-path", "--unmatch-path", "-q", "--filter-extension",
    "--prefix-base", "--prefix-revision", "--strip-prefix-base", "--strip-prefix-revision",
    "--include-path-params", "--match-inline-refs", "--flatten-allof", "--flatten-params",
    "--case-insensitive-headers", "--exclude-extensions", "--allow-external-refs",
    "--auto-upgrade", "--fetch", "--flatten", "--max-circular-dep", "--lang", "-l",
    "--err-ignore", "--warn-ignore", "--include-checks", "-i", "--deprecation-days-beta",
    "--deprecation-days-stable", "--color", "--format", "-f", "--severity-levels",
    "--attributes", "--template", "--stability-level", "--fail-on", "-o", "--level",
    "--open", "--exclude-elements", "-e", "--fail-on-diff", "--base", "--revision")


def test_every_option_of_oasdiff_is_known_or_explained_by_contract_diff() -> None:
    import typer.main

    diff = typer.main.get_command(app).commands["contract"].commands["diff"]  # type: ignore[attr-defined]
    ours = {n for p in diff.params for n in [*p.opts, *p.secondary_opts]}
    unexplained = [o for o in OASDIFF_OPTIONS if o not in ours and o not in FOREIGN["diff"]
                   and o not in FOREIGN[""]]
    assert not unexplained
    assert "-p" in ours  # oasdiff's -p (--match-path) is seamguard's --project: said on use


@pytest.mark.parametrize(("argv", "said"), [
    (["contract", "breaking", "a.yaml", "b.yaml"], "contract diff BASE REVISION --breaking-only"),
    (["contract", "changelog", "a.yaml", "b.yaml"], "write seamguard contract diff BASE REVISION"),
    (["breaking", "a.yaml", "b.yaml"], "--breaking-only"),
    (["run", "openapi.yaml"], "seamguard probe PLATFORM"),
    (["checkpoint", "run", "nightly"], "seamguard quality"),
    (["suites", "new"], "seamguard suites generate"),
    (["contract", "lnt"], "did you mean 'lint'?"),
])
def test_another_tools_command_is_a_usage_error_naming_ours(argv: list[str], said: str) -> None:
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.replace("│", " ").split())
    assert said in text, text


def test_every_command_named_as_a_replacement_exists() -> None:
    import re

    import typer.main

    from seamguard.foreign_options import FOREIGN_COMMANDS

    root = typer.main.get_command(app)
    for group, table in FOREIGN_COMMANDS.items():
        assert group == "" or group in root.commands, group
        for said in table.values():
            for words in re.findall(r"seamguard ((?:[a-z]+ ?){1,2})", said):
                node = root
                for word in words.split():
                    if word not in getattr(node, "commands", {}):
                        break
                    node = node.commands[word]
                assert node is not root, said
