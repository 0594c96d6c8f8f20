"""A spec's git history as repositories really hold it, for ``hostile_fresh7``.

``ghist7``: ``contract history shop api/openapi.yaml --git REPO`` over three commits of which
one is damaged: YAML that does not parse, a Git LFS pointer in place of the spec, binary bytes,
UTF-16, the spec made a symbolic link or a folder, deleted and brought back, duplicate keys, a
document of no OpenAPI version, 12 MB of spec, an author name that is not UTF-8; and ranges or
paths that look like options. A version that cannot be read must be named by its commit and
file (or the run refused with a usage error), never dropped from the changelog without a word.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, TWO

CLEAN = frozenset({0})
SPEC = ('openapi: 3.0.3\ninfo: {{title: shop, version: "{n}"}}\npaths:\n  /orders{n}:\n'
        '    get: {{responses: {{"200": {{description: ok}}}}}}\n')
FILE = "api/openapi.yaml"


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c",
                    "user.name=t", "-c", "commit.gpgsign=false", *args], check=True,
                   capture_output=True, env={**os.environ, **(env or {})})


Damage = Callable[[Path], None]


def _write(data: bytes | str) -> Damage:
    def damage(path: Path) -> None:
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return damage


def _symlink(path: Path) -> None:
    path.unlink()
    path.symlink_to("/etc/passwd")


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x.yaml").write_text(SPEC.format(n=9), encoding="utf-8")


def _deleted(path: Path) -> None:
    path.unlink()


_LFS = ("version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        "size 12345\n")

# `contract history` exits 0 unless --fail-on is given, a version it cannot read included: the
# step across it must name it (with what it is, where that is known), never leave it out.
SKIPPED = ("skipped",)
# label -> (what the middle commit does to the spec, exits, names)
DAMAGES: dict[str, tuple[Damage | None, frozenset[int], tuple[str, ...]]] = {
    "control": (None, CLEAN, ()),
    "yaml-broken": (_write("openapi: 3.0.3\ninfo: {title: shop\npaths: {}\n"), ANY, SKIPPED),
    "lfs-pointer": (_write(_LFS), ANY, ("Git LFS pointer",)),
    "binary": (_write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), ANY, SKIPPED),
    "utf16": (_write(SPEC.format(n=1).encode("utf-16")), ANY, ()),
    "symlink": (_symlink, ANY, ("symbolic link",)),
    "folder": (_folder, ANY, ("is a folder",)),
    "deleted-then-back": (_deleted, ANY, ("openapi.yaml",)),
    "duplicate-keys": (_write(SPEC.format(n=1) + "paths: {}\n"), ANY, SKIPPED),
    "no-openapi-version": (_write("info: {title: shop, version: '1'}\npaths: {}\n"), ANY,
                           SKIPPED),
    "top-level-list": (_write("- openapi: 3.0.3\n"), ANY, SKIPPED),
    "empty": (_write(""), ANY, SKIPPED),
    # under the document size limit: a spec like any other
    "twelve-mb": (_write(SPEC.format(n=1) + "x-pad: '" + "a" * (12 << 20) + "'\n"), ANY, ()),
}


def _repo(root: Path, damage: Damage | None) -> Path:
    repo = root / "shop-api"
    (repo / "api").mkdir(parents=True)
    _git(repo, "init", "-q")
    for n in range(3):
        path = repo / FILE
        if path.is_symlink() or path.is_dir():
            if path.is_dir() and not path.is_symlink():
                for child in path.iterdir():
                    child.unlink()
                path.rmdir()
            else:
                path.unlink()
        path.write_text(SPEC.format(n=n), encoding="utf-8")
        if n == 1 and damage is not None:
            damage(path)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "--allow-empty", "-m", f"version {n}")
    return repo


def _case(label: str, damage: Damage | None, exits: frozenset[int],
          names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        repo = _repo(root, damage)
        return ["contract", "history", "shop", FILE, "--git", str(repo), "-f", "json"]
    return Case(f"ghist7:{label}", setup, exits, names)


def _author_not_utf8(root: Path) -> list[str]:
    repo = _repo(root, None)
    (repo / FILE).write_text(SPEC.format(n=7), encoding="utf-8")
    _git(repo, "add", "-A")
    subprocess.run(["git", "-C", str(repo), "-c", "i18n.commitEncoding=latin-1", "commit", "-q",
                    "-m", "version 7 caf\xe9"], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "Jos\xe9", "GIT_AUTHOR_EMAIL": "j@x",
                        "GIT_COMMITTER_NAME": "Jos\xe9", "GIT_COMMITTER_EMAIL": "j@x"})
    return ["contract", "history", "shop", FILE, "--git", str(repo), "-f", "json"]


def _option_range(value: str) -> Callable[[Path], list[str]]:
    def setup(root: Path) -> list[str]:
        repo = _repo(root, None)
        return ["contract", "history", "shop", FILE, "--git", str(repo), "--range", value,
                "-f", "json"]
    return setup


def _dash_path(root: Path) -> list[str]:
    repo = _repo(root, None)
    return ["contract", "history", "shop", "--git", str(repo), "-f", "json", "--",
            "--output=x.yaml"]


def history_cases() -> list[Case]:
    return [*(_case(label, *row) for label, row in DAMAGES.items()),
            Case("ghist7:author-not-utf8", _author_not_utf8, ANY),
            Case("ghist7:range-is-an-option", _option_range("--output=/tmp/hg7-owned"), TWO,
                 ("--range",)),
            Case("ghist7:range-exec-option", _option_range("--exec=touch hg7-ran"), TWO,
                 ("--range",)),
            Case("ghist7:range-empty", _option_range(""), TWO, ("--range",)),
            Case("ghist7:path-is-an-option", _dash_path, TWO, ())]
