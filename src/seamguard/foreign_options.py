"""Options other tools spell differently: a usage error that names seamguard's own spelling.

People arrive with habits: ``st run --hypothesis-seed 7``, ``oasdiff breaking --err-ignore
FILE``, ``pytest -x``. An option seamguard does not know is a usage error (exit code 2) either
way; this module makes its message say what to write instead — the option that does the same
(if this command has it), or why there is none.
"""

from __future__ import annotations

from collections.abc import Iterable

from seamguard.spelling import nearest

__all__ = ["FOREIGN", "FOREIGN_COMMANDS", "explain", "explain_command"]

Entry = tuple[str | None, str]  # (seamguard's option that does the same, or None; what to know)

# command name -> option -> entry; "" applies to every command
FOREIGN: dict[str, dict[str, Entry]] = {"probe": {
    # schemathesis (st run, 3.x and 4.x)
    "--hypothesis-seed": ("--seed", "schemathesis' --hypothesis-seed"),
    "--generation-mode": ("--mode", "positive, negative or all"),
    "--hypothesis-phases": ("--mode", "positive, negative or all"),
    "--endpoint": ("--include-path-regex", "schemathesis 3's -E"),
    "-E": ("--include-path-regex", "schemathesis 3's --endpoint"),
    "--method": ("--include-method", "schemathesis 3's -M"),
    "-M": ("--include-method", "schemathesis 3's --method"),
    "--operation-id": ("--include-operation-id", "schemathesis 3's -O"),
    "-O": ("--include-operation-id", "schemathesis 3's --operation-id"),
    "--tag": ("--include-tag", "schemathesis 3's -T"),
    "-T": ("--include-tag", "schemathesis 3's --tag"),
    "--report": ("--reports", "report.json, junit.xml, summary.md and report.html are always "
                              "written; --reports picks their folder"),
    "--report-dir": ("--reports", "the folder of every report file"),
    "--junit-xml": ("--reports", "junit.xml is always written to the reports folder"),
    "--report-junit-path": ("--reports", "junit.xml is always written to the reports folder"),
    "--workers": (None, "seamguard probes with one worker"),
    "-w": (None, "seamguard probes with one worker"),
    "--max-failures": (None, "every failure is reported, each once"),
    "--exitfirst": (None, "every failure is reported, each once"),
    "-x": (None, "every failure is reported, each once"),
    "--continue-on-failure": (None, "seamguard always continues after a failure"),
    "--wait-for-schema": (None, "the schema is the platform's contract file, read from disk"),
    "--generation-database": (None, "no example database is kept: --seed reproduces a run, "
                                    "--replay ID one failure"),
    "--origin": ("--base-url", "the base URL with the contract's base path"),
    # schemathesis 3's spellings
    "-b": ("--base-url", "schemathesis 3's --base-url"),
    "-D": ("--mode", "schemathesis 3's --data-generation-method: positive, negative or all"),
    "--data-generation-method": ("--mode", "positive, negative or all"),
    "--stateful": ("--allow-unsafe", "stateful sequences chain calls that may create "
                                     "resources, so they run only with --allow-unsafe"),
    "--hypothesis-derandomize": ("--seed", "a fixed --seed repeats a run"),
    "--hypothesis-deadline": (None, "each request is bounded by --timeout"),
    "--hypothesis-verbosity": (None, "each failure is a finding with its request and answer"),
    "--hypothesis-suppress-health-check": (None, "set `suppress-health-check` in "
                                                 "schemathesis.toml"),
    "--suppress-health-check": (None, "set `suppress-health-check` in schemathesis.toml"),
    "--validate-schema": (None, "`seamguard contract lint` checks the contract"),
    "--dry-run": (None, "`seamguard contract lint` checks the contract without a request"),
    "--show-trace": ("--debug", "tracebacks of internal errors"),
    "--show-errors-tracebacks": ("--debug", "tracebacks of internal errors"),
    "--cassette-path": (None, "failures are saved for `seamguard probe PLATFORM --replay ID`; "
                              "`seamguard record` records traffic"),
    "--code-sample-style": (None, "each failure carries a curl line and a --replay command"),
    "--sanitize-output": (None, "secrets and personal data are always masked"),
    "--output-sanitize": (None, "secrets and personal data are always masked"),
    "--experimental": (None, "OpenAPI 3.1 contracts are read as they are"),
    # schemathesis 4 settings that live in its settings file here
    "--tls-verify": (None, "set `tls-verify` in schemathesis.toml"),
    "--request-tls-verify": (None, "set `tls-verify` in schemathesis.toml"),
    "--rate-limit": (None, "set `rate-limit` in schemathesis.toml"),
    "--proxy": (None, "set `proxy` in schemathesis.toml"),
    "--max-redirects": (None, "set `max-redirects` in schemathesis.toml"),
    "--request-retries": (None, "set `request-retries` in schemathesis.toml"),
    "--request-cert": (None, "set `request-cert` in schemathesis.toml"),
    "--request-cert-key": (None, "set `request-cert-key` in schemathesis.toml"),
    "--generation-deterministic": (None, "set `deterministic` under [generation] in "
                                         "schemathesis.toml"),
    "--generation-allow-x00": (None, "set `allow-x00` under [generation] in "
                                     "schemathesis.toml"),
    "--generation-codec": (None, "set `codec` under [generation] in schemathesis.toml"),
    "--generation-with-security-parameters": (None, "set `with-security-parameters` under "
                                                    "[generation] in schemathesis.toml"),
    "--generation-unique-inputs": (None, "set `unique-inputs` under [generation] in "
                                         "schemathesis.toml"),
    "--include-by": (None, "filter with the --include-*/--exclude-* options"),
    "--exclude-by": (None, "filter with the --include-*/--exclude-* options"),
    "--auth-type": ("--header", "schemathesis 3's --auth-type: -a USER:PASS sends Basic; "
                                "send another scheme as -H 'Authorization: ...'"),
    "-A": ("--header", "schemathesis 3's --auth-type: -a USER:PASS sends Basic; send another "
                       "scheme as -H 'Authorization: ...'"),
    "--auth-wfc": ("--header", "send the credential as a header, or set the platform's `auth` "
                               "with its token in the environment"),
    "--auth-wfc-user": ("--header", "send the credential as a header, or set the platform's "
                                    "`auth` with its token in the environment"),
    # schemathesis 4's other report files and output switches
    "--report-vcr-path": (None, "failures are saved for `seamguard probe PLATFORM --replay ID`; "
                                "`seamguard record` records traffic as cassettes"),
    "--report-har-path": (None, "`seamguard record` records traffic as cassettes"),
    "--report-ndjson-path": ("--reports", "report.json (every finding) is always written to the "
                                          "reports folder"),
    "--report-json-path": ("--reports", "report.json is always written to the reports folder"),
    "--report-html-path": ("--reports", "report.html is always written to the reports folder"),
    "--report-allure-path": ("--reports", "junit.xml and report.json are always written to the "
                                          "reports folder"),
    "--report-pytest-path": ("--reports", "junit.xml is always written to the reports folder"),
    "--report-wfc-path": ("--reports", "report.json is always written to the reports folder"),
    "--report-preserve-bytes": (None, "answers are kept as text, with secrets and personal data "
                                      "masked"),
    "--output-truncate": (None, "each finding shows the failing request and answer, masked"),
    "--baseline-update": (None, "accept the current findings with `seamguard baseline save`; "
                                "--baseline FILE then fails only on new ones"),
    "--baseline-prune": (None, "`seamguard baseline save` writes the current findings anew"),
    "--warnings": (None, "schema warnings come from `seamguard contract lint`"),
    "--generation-maximize": (None, "requests are drawn for coverage; slow answers are found with "
                                    "--max-response-time"),
    "--generation-graphql-allow-null": (None, "the probe speaks OpenAPI contracts only"),
    "--no-color": (None, "the terminal output follows NO_COLOR and the terminal"),
    "--force-color": (None, "the terminal output follows NO_COLOR and the terminal"),
    # schemathesis 4's group option, and schemathesis 3's that 4 dropped
    "--config-file": (None, "schemathesis.toml is read from beside pyproject.toml (the "
                            "project root); put the file there"),
    "--app": ("--base-url", "schemathesis 3 called an ASGI/WSGI app in-process; start the "
                            "service and pass its URL"),
    "--hypothesis-no-phases": ("--phases", "schemathesis 3's hypothesis phases; choose "
                                           "examples, coverage, fuzzing or stateful"),
    "--pre-run": (None, "hooks come from `hooks` in schemathesis.toml or $SCHEMATHESIS_HOOKS"),
    "--base-path": ("--base-url", "the base URL with the contract's base path"),
    "--fixups": (None, "schemathesis 4 dropped fixups; the contract is probed as it is"),
    "--stateful-recursion-limit": (None, "stateful sequences run with --allow-unsafe, their "
                                         "length as schemathesis 4 decides"),
    "--contrib-unique-data": (None, "set `unique-inputs` under [generation] in "
                                    "schemathesis.toml"),
}, "diff": {
    # oasdiff (breaking / changelog / diff)
    "--base": (None, "the base is the first argument: contract diff BASE REVISION"),
    "--revision": (None, "the revision is the second argument: contract diff BASE REVISION"),
    "--err-ignore": ("--ignore", "one ignore file holds accepted changes of every level, "
                                 "each with a reason and an expiry"),
    "--warn-ignore": ("--ignore", "one ignore file holds accepted changes of every level, "
                                  "each with a reason and an expiry"),
    "--fail-on-diff": ("--fail-on", "--fail-on INFO fails on any change"),
    "--lang": (None, "messages are in English"),
    "--flatten-allof": (None, "allOf object parts are always merged before the comparison"),
    "--flatten-params": (None, "path-level parameters always count as each operation's"),
    "--case-insensitive-headers": (None, "header names are always compared without case"),
    "--exclude-elements": (None, "descriptions, summaries, titles, examples and extensions "
                                 "are never reported; added and removed operations always are "
                                 "(leave paths out with --match-path / --unmatch-path)"),
    "-e": (None, "oasdiff's --exclude-elements: descriptions, summaries, titles, examples and "
                 "extensions are never reported; added and removed operations always are "
                 "(leave paths out with --match-path / --unmatch-path)"),
    "--composed": (None, "each side is one contract: a file, or platform@version"),
    "-c": (None, "oasdiff's --composed: each side is one contract, a file or platform@version"),
    "--severity-levels": ("--ignore", "levels are the catalogue's (docs/diff-rules.md); an "
                                      "accepted change goes in the ignore file"),
    "--match-inline-refs": (None, "inline and $ref branches of anyOf/oneOf are always paired "
                                  "by structure"),
    "--exclude-extensions": (None, "extension values count only where a rule reads them "
                                   "(x-stability-level, x-sunset, x-extensible-enum); leave "
                                   "paths or operations out with --filter-extension"),
    "--allow-external-refs": (None, "$refs to files beside the contract are followed; a URL "
                                    "$ref is an error naming it"),
    "--auto-upgrade": (None, "OpenAPI 3.0 and 3.1 sides are compared as they are, nullable "
                             "and type lists with null read alike"),
    "--fetch": (None, "a REV:PATH side is read from the local repository as it is"),
    "--flatten": (None, "oasdiff's old --flatten-allof: allOf object parts are always merged "
                        "before the comparison"),
    "--max-circular-dep": (None, "oasdiff ignores it too"),
    "--include-checks": ("--ignore", "oasdiff retired it; every rule runs here, and accepted "
                                     "changes go in the ignore file"),
    "-i": ("--ignore", "oasdiff's retired --include-checks; every rule runs here, and accepted "
                       "changes go in the ignore file"),
    "--color": (None, "the terminal output follows NO_COLOR and the terminal"),
    "--attributes": (None, "--format json gives each change's operations, component and "
                           "pointer"),
    "--template": ("--format", "text, json or markdown"),
    "--open": (None, "the comparison stays on this machine"),
    "-l": (None, "oasdiff's --lang: messages are in English"),
}, "": {
    "-h": (None, "the help screen is --help"),
    "--output": ("--format", "text, json or markdown on stdout"),
    "-o": ("--format", "text, json or markdown on stdout"),
    "--verbose": ("--debug", "tracebacks of internal errors"),
    "-v": ("--debug", "tracebacks of internal errors"),
}}


# `contract history` takes `contract diff`'s options, so an oasdiff spelling means the same to
# it; what differs is where the versions come from.
_VERSIONS = ("the versions are the spec's commits in --git DIR (--range REVISIONS picks them), "
             "or files given oldest first")
FOREIGN["history"] = {
    **FOREIGN["diff"],
    "--base": (None, _VERSIONS),
    "--revision": (None, _VERSIONS),
    "--composed": (None, "each version is one contract: the spec file, its path inside --git "
                         "DIR"),
    "-c": (None, "oasdiff's --composed: the spec is one file, its path inside --git DIR"),
    "-p": ("--match-path", "oasdiff's -p REGEX"),
    "--since": ("--range", "git's REV.. form: --range v2.0.."),
    "--from": ("--range", "git's FROM..TO form: --range v2.0..main"),
    "--to": ("--range", "git's FROM..TO form: --range v2.0..main"),
    "--max-count": ("--max", "the newest N versions"),
    "-n": ("--max", "the newest N versions"),
}

# group ("" for seamguard itself) -> another tool's command -> what to write here
_BREAKING = ("seamguard contract diff BASE REVISION --breaking-only (oasdiff's breaking: "
             "errors and warnings; --fail-on ERR or WARN sets the exit code)")
_CHANGELOG = ("seamguard contract diff BASE REVISION (oasdiff's changelog: every change, "
              "breaking ones first; --level picks the lowest level listed)")
_PROBE = "seamguard probe PLATFORM (schemathesis' st run, against the platform's contract)"
FOREIGN_COMMANDS: dict[str, dict[str, str]] = {
    "contract": {
        "breaking": _BREAKING,
        "changelog": _CHANGELOG,
        "summary": "seamguard contract diff BASE REVISION --format json (each change with its "
                   "level and operations; oasdiff's summary counts them)",
        "validate": "seamguard contract lint",
        "flatten": "nothing: allOf parts are always merged before a comparison",
        "checks": "docs/diff-rules.md lists every rule, its id and level",
    },
    "": {
        "breaking": _BREAKING,
        "changelog": _CHANGELOG,
        "diff": "seamguard contract diff BASE REVISION",
        "run": _PROBE,
        "fuzz": "seamguard probe PLATFORM --max-time SECONDS (schemathesis' st fuzz)",
        "validate": "seamguard contract lint (or seamguard quality for expectation suites)",
        "lint": "seamguard contract lint, or seamguard map lint for mapping specs",
        "checkpoint": "seamguard quality (every suite in suites/ runs on its dataset; no "
                      "checkpoint is needed)",
        "suite": "seamguard suites generate, or seamguard quality to run them",
        "test": "seamguard check (or pytest, which runs the same checks)",
    },
    "suites": {
        "new": "seamguard suites generate DATASET (or write suites/DATASET.json by hand)",
        "run": "seamguard quality",
        "edit": "edit suites/DATASET.json; seamguard suites generate keeps hand edits",
        "list": "ls suites/ (one JSON file per dataset)",
    },
}


def explain_command(name: str, group: str, known: Iterable[str]) -> str | None:
    """What to say about an unknown command ``name`` of ``group`` ("" for ``seamguard``
    itself): the command another tool's spelling stands for here; None: nothing better."""
    said = FOREIGN_COMMANDS.get(group, {}).get(name)
    if said is not None:
        return f"No such command {name!r} — write {said}"
    close = nearest(name, sorted(set(known)))
    return f"No such command {name!r} — did you mean {close!r}?" if close else None


def explain(option: str, known: Iterable[str], command: str = "") -> str | None:
    """What to say about ``option`` to ``command``, whose options are ``known``; None: nothing
    better than the usual message."""
    names = sorted(set(known))
    name = option.split("=", 1)[0]
    entry = FOREIGN.get(command, {}).get(name) or FOREIGN[""].get(name)
    if entry is None:  # another command's habit: only a replacement this command has
        entry = next((table[name] for table in FOREIGN.values()
                      if name in table and table[name][0] in names), None)
    if entry is not None:
        ours, note = entry
        if ours is not None and ours in names:
            return f"No such option: {name} — did you mean {ours}? ({note})"
        if ours is None:
            return f"No such option: {name} ({note})"
    long_names = [n for n in names if n.startswith("--")]
    if name.startswith("--"):
        close = nearest(name, long_names)
    else:  # a short option in the wrong case (-F for -f) is one of a few letters
        close = next((n for n in names if n.casefold() == name.casefold()), None)
    if close:
        return f"No such option: {name} — did you mean {close}?"
    return None
