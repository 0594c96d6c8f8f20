"""Where can a personal value escape? Seeded values (Faker ``zh_CN`` and ``en_US`` phones,
e-mails, resident IDs with valid check digits, Luhn-valid bank cards, names, addresses, tokens
and passwords) are planted into every kind of input, and the real CLI is run as a subprocess
(``python -m seamguard``, with ``PYTHONWARNINGS=always``) through every surface that prints or
stores something:

* bad input whose error quotes the input back (settings, contracts, mappings, suites, datasets,
  cassettes, baselines, arguments), plainly and with ``--debug``;
* findings: contract violations, ``map lint``/``map explain``/``map test``, quality and
  reconcile samples, sync reports and scripts, ``probe``, ``drift run`` with its alerts (a JSON
  webhook and e-mail through a local SMTP server), ``drift observe``, ``contract diff`` and
  ``contract history`` over examples in specs;
* logs: pytest's live log at DEBUG over the plugin's items, library warnings, progress lines;
* recordings: live ``drift run`` and ``record`` against a server that echoes personal data in
  headers, cookies, redirects, query strings, error bodies, GBK/form/XML bodies; the vcrpy hooks
  in a user's own recording script; ``privacy scrub`` of a raw cassette;
* ``privacy scan`` itself.

Every stdout, stderr, written file and alert is searched for every seed in every spelling (as
written, digits only, full-width, percent-encoded, JSON-escaped, base64, GBK).
``python -m tests.support.leak_paths [--seed N]`` prints the leaks per surface;
``LEAK_PATHS_CONTEXT=1`` shows the text around each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from tests.support.leak_paths_bad import cases
from tests.support.leak_paths_bare import EXTRA
from tests.support.leak_paths_world import build, mailbox, make_seeds, platform_app
from tests.support.surface_pii import spellings

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 240.0
# A name that no key, label or neighbour announces is not looked for by design
# (docs/privacy.md): where such a name leaks it is counted apart, and apart again where a
# recording keeps it (a cassette, a drift report's answers), which it does by design.
NAMES = ("name-zh-1", "name-zh-2", "name-en-1", "name-en-2", *EXTRA)
# Files that are recordings of traffic: fixtures/cassettes/…, reports/drift/<platform>/….
RECORDINGS = (("fixtures", "cassettes"), ("reports", "drift"))


@dataclass
class Outputs:
    """What each surface produced, as bytes."""

    texts: dict[str, list[bytes]] = field(default_factory=dict)

    def add(self, surface: str, data: bytes | str) -> None:
        blob = data.encode("utf-8", "replace") if isinstance(data, str) else data
        self.texts.setdefault(surface, []).append(blob)


def _environment(extra: dict[str, str]) -> dict[str, str]:
    # LEAK_PATHS_SRC: another checkout's src/ (the code before a change), measured by this corpus
    path = os.pathsep.join([os.environ.get("LEAK_PATHS_SRC", str(REPO / "src")), str(REPO)])
    return {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONWARNINGS": "always",
            "PYTHONPATH": path, "PYTHONIOENCODING": "utf-8", **extra}


def run(out: Outputs, surface: str, argv: list[str], cwd: Path, env: dict[str, str],
        *, module: str = "seamguard") -> int:
    command = [sys.executable, "-m", module, *argv] if module else [sys.executable, *argv]
    try:
        done = subprocess.run(command, cwd=cwd, env=_environment(env), capture_output=True,
                              timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        out.add(surface + "|stdout", exc.stdout or b"")
        out.add(surface + "|stderr", (exc.stderr or b"") + b"\n(hung)")
        return -1
    if os.environ.get("LEAK_PATHS_SHOW"):
        print(f"== {surface} exit {done.returncode}\n{done.stdout[-2000:].decode(errors='replace')}"
              f"\n{done.stderr[-2000:].decode(errors='replace')}", file=sys.stderr)
    out.add(surface + "|stdout", done.stdout)
    out.add(surface + "|stderr", done.stderr)
    return done.returncode


def _stamp(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def files(out: Outputs, surface: str, root: Path, since: dict[Path, int]) -> None:
    """Every file under ``root`` written or changed since ``since``."""
    from tests.support.pii_dataset import stored_rows

    for path in sorted(root.rglob("*")):
        if (not path.is_file() or since.get(path) == path.stat().st_mtime_ns
                or "__pycache__" in path.parts or ".git" in path.parts):
            continue
        kind = "|recording" if path.relative_to(root).parts[:2] in RECORDINGS else "|file"
        if path.suffix in (".sqlite", ".db"):
            for _where, text in stored_rows(path):
                out.add(surface + "|file", text)
        else:
            out.add(surface + kind, path.read_bytes())
        out.add(surface + "|file", str(path.relative_to(root)))


VCR_SCRIPT = """
import os, httpx, vcr
from seamguard.privacy import vcr_hooks

hooks = vcr_hooks(".", secrets=(os.environ["LEAK_CRM_TOKEN"],))
recorder = vcr.VCR(cassette_library_dir="fixtures/cassettes/crm", **hooks)
with recorder.use_cassette("own-suite.yaml"):
    with httpx.Client(base_url=os.environ["LEAK_ORIGIN"], follow_redirects=True) as client:
        headers = {"Authorization": "Bearer " + os.environ["LEAK_CRM_TOKEN"],
                   "Cookie": "sid=" + os.environ["LEAK_COOKIE"]}
        for path in ("/v1/customers/1", "/v1/moved", "/v1/broken", "/v1/gbk", "/v1/xml",
                     "/v1/form", "/v1/missing", "/v1/escaped", "/v1/packed", "/v1/page"):
            client.get(path, params={"q": os.environ["LEAK_QUERY"]}, headers=headers)
        client.post("/v1/customers/1", data={"note": os.environ["LEAK_QUERY"]}, headers=headers)
print("recorded")
"""


def _commands(root: Path, s: dict[str, str], origin: str) -> Iterator[tuple[str, list[str]]]:
    crm = str(root / "contracts" / "crm" / "v1" / "openapi.yaml")
    record = str(root / "records" / "customer.json")
    yield "check", ["check", "-f", "json"]
    yield "verify", ["verify"]
    yield "verify:github", ["verify"]
    yield "drift-run", ["drift", "run"]
    yield "drift-observe", ["drift", "observe", "-f", "json"]
    yield "drift-observe:text", ["drift", "observe"]
    yield "quality", ["quality"]
    yield "reconcile", ["reconcile", "-f", "json"]
    yield "map-explain", ["map", "explain", "shopify-customer-to-hubspot-contact", record]
    yield "map-explain:json", ["map", "explain", "shopify-customer-to-hubspot-contact", record,
                               "-f", "json"]
    yield "map-lint", ["map", "lint"]
    yield "map-test", ["map", "test"]
    yield "contract-lint", ["contract", "lint", "-f", "json"]
    yield "contract-diff", ["contract", "diff", crm, str(root / "diff" / "openapi.yaml")]
    yield "contract-diff:json", ["contract", "diff", "crm@v1", "diff/openapi.yaml", "-f", "json"]
    yield "contract-history", ["contract", "history", "crm", "contracts/crm/v1/openapi.yaml",
                                "--git", "."]
    yield "probe", ["probe", "crm", "--base-url", f"{origin}/v1", "-n", "3"]
    yield "sync-test", ["sync", "test", "--target", "shop_sync", "--variant",
                        "phone_drops_country_code", "-n", "1"]
    yield "record", ["record", "crm", "GET", "/customers/1", "-p", f"email={s['email-en-1']}",
                     "-p", f"tel={s['zh-mobile-1']}", "-H", f"X-Note: {s['secret-slack']}",
                     "--base-url", f"{origin}/v1", "--cassette", "recorded"]
    yield "record:credentials", ["record", "crm", "GET", "/escaped", "--base-url",
                                 f"{origin}/v1", "--cassette", "recorded", "-H",
                                 f"Cookie: session={s['secret-password']}", "-H",
                                 f"Authorization: Basic {s['secret-basic']}"]
    yield "record:away", ["record", "crm", "GET", "/away", "--base-url", f"{origin}/v1",
                          "--cassette", "recorded"]
    yield "record:packed", ["record", "crm", "GET", "/packed", "--base-url", f"{origin}/v1",
                            "--cassette", "recorded"]
    yield "record:page", ["record", "crm", "GET", "/page", "--base-url", f"{origin}/v1",
                          "--cassette", "recorded"]
    yield "record:redirect", ["record", "crm", "GET", "/moved", "--base-url", f"{origin}/v1",
                              "--cassette", "recorded"]
    yield "record:error", ["record", "crm", "GET", "/broken", "--base-url", f"{origin}/v1",
                           "--cassette", "recorded", "-p", f"who={s['name-zh-2']}"]
    yield "drift-run:proxy", ["drift", "run"]
    yield "record:proxy", ["record", "crm", "GET", "/customers/1", "--base-url", f"{origin}/v1",
                           "--cassette", "proxied"]
    yield "suites-generate", ["suites", "generate"]
    yield "check:markdown", ["check", "-f", "markdown"]
    yield "baseline-save", ["baseline", "save", "--reason", "accepted", "--owner", "ops"]
    yield "privacy-scan", ["privacy", "scan"]
    yield "privacy-scan:json", ["privacy", "scan", "-f", "json"]
    yield "privacy-scrub", ["privacy", "scrub", "fixtures/cassettes/crm/raw.yaml"]


def _raw_cassette(root: Path, s: dict[str, str], origin: str) -> None:
    """A hand-made cassette nothing has scrubbed yet, for ``privacy scrub``."""
    from tests.support.projects import write_cassette

    write_cassette(root / "fixtures" / "cassettes" / "crm" / "raw.yaml", [{
        "request": {"method": "POST", "uri": f"{origin}/v1/customers/1?mail="
                                             f"{s['email-zh-2']}&pwd={s['secret-password']}",
                    "body": f"name={s['name-zh-1']}&tel={s['zh-mobile-3']}&card="
                            f"{s['card-unionpay']}",
                    "headers": {"Content-Type": ["application/x-www-form-urlencoded"],
                                "Cookie": [f"sid={s['secret-bearer']}"],
                                "X-Api-Key": [s["secret-aws"]]}},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Content-Type": ["text/xml"],
                                 "Set-Cookie": [f"token={s['secret-jwt']}; Path=/"]},
                     "body": {"string": f"<r><m>{s['us-phone-1']}</m><i>{s['ric-2']}</i>"
                                        f"<a>{s['addr-en']}</a></r>"}}}])


def _git(root: Path, s: dict[str, str]) -> None:
    """Two revisions of the CRM contract, so ``contract history`` has a change to show."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "contracts/crm")
    git("commit", "-q", "-m", "crm v1")
    crm = root / "contracts" / "crm" / "v1" / "openapi.yaml"
    original = crm.read_text("utf-8")
    crm.write_text((root / "diff" / "openapi.yaml").read_text("utf-8"), "utf-8")
    git("add", "contracts/crm")
    git("commit", "-q", "-m", "upstream change")
    crm.write_text(original, "utf-8")
    del s


def drive(work: Path, s: dict[str, str]) -> Outputs:
    from tests.support.servers import receiver, serve

    out = Outputs()
    received: list[dict[str, object]] = []
    with serve(platform_app(s)) as origin, serve(receiver(received)) as hooks, \
            mailbox() as mail:
        env = {"LEAK_CRM_TOKEN": s["secret-bearer"], "LEAK_ORIGIN": origin,
               "LEAK_COOKIE": s["secret-password"], "LEAK_QUERY": s["email-zh-3"],
               "SEAMGUARD_PSEUDONYM_KEY": "leak-paths-corpus-key",
               "LEAK_ALERTS": f"json://{hooks[len('http://'):]}/hook "
                              f"mailto://127.0.0.1:{mail.port}?from=alerts@example.com"
                              f"&to=ops@example.com"}
        root = build(work / "p", s, origin)
        _raw_cassette(root, s, origin)
        _git(root, s)
        for surface, argv in _commands(root, s, origin):
            since = _stamp(root)
            extra = {"GITHUB_ACTIONS": "true"} if surface.endswith(":github") else {}
            if surface.endswith(":proxy"):  # a proxy that cannot be used, with credentials
                proxy = f"http://{quote(s['email-en-2'])}:{s['secret-env']}@127.0.0.1:9"
                extra = {"HTTP_PROXY": proxy, "HTTPS_PROXY": proxy + "/[", "NO_PROXY": ""}
            run(out, surface, argv, root, {**env, **extra})
            files(out, surface, root, since)
            for message in received:
                out.add(surface + "|alert", json.dumps(message, ensure_ascii=False))
            received.clear()
            for message in mail.messages:
                out.add(surface + "|mail", message)
            mail.messages.clear()
        (root / "own_suite.py").write_text(textwrap.dedent(VCR_SCRIPT), "utf-8")
        (root / "tests").mkdir(exist_ok=True)
        (root / "tests" / "test_own_suite.py").write_text(
            "import runpy\n\ndef test_records():\n"
            "    runpy.run_path('own_suite.py')\n", "utf-8")
        since = _stamp(root)
        run(out, "vcr-hooks", ["own_suite.py"], root, env, module="")
        files(out, "vcr-hooks", root, since)
        since = _stamp(root)
        run(out, "pytest-log", ["-p", "no:cacheprovider", "-q", "-rA", "-o", "log_cli=true",
                                "--log-cli-level=DEBUG", "tests/test_own_suite.py",
                                "contracts/crm", "fixtures/cassettes/crm",
                                "suites/leads.json", "pyproject.toml"], root, env,
            module="pytest")
        files(out, "pytest-log", root, since)
    for number, case in enumerate(cases(s)):
        folder = work / f"bad{number}"
        folder.mkdir()
        (folder / "pyproject.toml").write_text(textwrap.dedent(case.settings), "utf-8")
        for name, text in case.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, "utf-8")
        for debug in ([], ["--debug"]):
            surface = case.surface + (":debug" if debug else "")
            since = _stamp(folder)
            run(out, surface, [*case.argv, *debug], folder, {})
            files(out, surface, folder, since)
    return out


def _spellings(value: str) -> set[bytes]:
    # a name of two or three Chinese characters is too short for ``spellings``' own forms
    raw = value.encode()
    return spellings(value) | ({raw} if len(raw) >= 6 else set())


def leaks(out: Outputs, s: dict[str, str]) -> dict[str, set[str]]:
    """Surface -> the seeds found in what it produced."""
    forms = {name: _spellings(value) for name, value in s.items()}
    found: dict[str, set[str]] = {}
    for surface, blobs in out.texts.items():
        names = {name for blob in blobs for name, spelt in forms.items()
                 if any(f in blob for f in spelt)}
        if names:
            found[surface] = names
    return found


def contexts(out: Outputs, s: dict[str, str], width: int = 90) -> Iterator[str]:
    for surface, blobs in out.texts.items():
        for name, value in s.items():
            for blob in blobs:
                hit = next((f for f in _spellings(value) if f in blob), None)
                if hit is not None:
                    at = blob.find(hit)
                    text = blob[max(0, at - width):at + len(hit) + width]
                    yield f"{surface} {name}: {text.decode('utf-8', 'replace')!r}"
                    break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.leak_paths")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--keep", help="copy the planted projects here")
    args = parser.parse_args(argv)
    s = make_seeds(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        out = drive(Path(tmp), s)
        if args.keep:
            import shutil

            shutil.copytree(tmp, args.keep, dirs_exist_ok=True)
    found = leaks(out, s)
    if os.environ.get("LEAK_PATHS_CONTEXT"):
        for line in contexts(out, s):
            print(line)
    surfaces = sorted({name.split("|")[0] for name in out.texts})
    by_surface: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}  # bare names outside recordings
    recorded: dict[str, set[str]] = {}  # bare names in recordings
    for name, seeds in found.items():
        surface = name.split("|")[0]
        by_surface.setdefault(surface, set()).update(seeds)
        into = recorded if name.endswith("|recording") else named
        into.setdefault(surface, set()).update(seeds & set(NAMES))
    total = sum(len(v - set(NAMES)) for v in by_surface.values())
    names = sum(len(v) for v in named.values())
    kept = sum(len(v) for v in recorded.values())
    print(f"{total} leaks (surface, value) over {len(surfaces)} surfaces and {len(s)} planted "
          f"values (+{names} of bare names in reports, logs, alerts and the terminal; "
          f"+{kept} kept by recordings, where no key announces them)")
    for surface in surfaces:
        seeds = by_surface.get(surface, set()) - (recorded.get(surface, set())
                                                  - named.get(surface, set()))
        where = sorted({name.split("|", 1)[1] if "|" in name else "-" for name in found
                        if name.split("|")[0] == surface})
        print(f"  {surface:28} {len(seeds - set(NAMES)):3} {len(seeds & set(NAMES)):2}  "
              f"{','.join(sorted(seeds - set(NAMES)))}  [{' '.join(where)}]")
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
