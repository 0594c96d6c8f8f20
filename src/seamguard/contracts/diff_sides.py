"""Sides of ``contract diff`` that are not files on disk, as oasdiff users write them.

* ``REV:PATH`` — the file as committed at a git revision (``main:openapi.yaml``,
  ``v1.4.0:contracts/shop/v1/openapi.yaml``, ``HEAD~1:./spec.yaml``), PATH relative to the
  current folder as in ``git show``;
* ``-`` — standard input (``git show main:spec.yaml | seamguard contract diff - spec.yaml``);
* a pipe, as the shell's process substitution gives it (``<(git show main:spec.yaml)``).

Each is written to a temporary file (read up to the document size limit) and diffed from there,
named as the user wrote it. A ``$ref`` to another file resolves beside the temporary copy, so a
split spec at an old revision reports that file as missing: diff such specs from two checkouts.
"""

from __future__ import annotations

import io
import os
import select
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import BinaryIO

from seamguard.errors import UsageError

__all__ = ["PIPE_WAIT", "materialise", "shown_in", "with_neighbours"]

_SUFFIXES = (".yaml", ".yml", ".json")  # what a $ref reaches
PIPE_WAIT = 10.0  # seconds a named pipe's writer has to appear


def materialise(spec: str, into: Path, *, max_bytes: int, cwd: Path | None = None
                ) -> Path | None:
    """A temporary copy of the side ``spec`` when it is ``-``, a pipe or ``REV:PATH``; None
    when it is none of them (a file, ``platform@version`` or a mistyped path).

    Raises:
        UsageError: git cannot show it, or it is larger than ``max_bytes``.
    """
    where = Path(cwd or Path.cwd())
    if spec == "-":
        return _write(into, "stdin.yaml", _bounded(sys.stdin.buffer, max_bytes, "-"))
    path = Path(spec)
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        mode = 0
    if stat.S_ISFIFO(mode):
        return _write(into, "pipe.yaml", _from_pipe(path, max_bytes, spec))
    revision, colon, inside = spec.partition(":")
    if not colon or not revision or not inside or mode or "@" in inside:
        return None
    if not _is_commit(where, revision):
        if _git(where, "rev-parse", "--git-dir").returncode == 0:
            raise UsageError(f"{spec!r}: git knows no revision {revision!r} here",
                             hint="REV:PATH takes a commit, branch or tag (main, v1.4.0, "
                                  "HEAD~1) of the repository around this folder")
        return None
    shown = inside if inside.startswith(("./", "../", "/")) else f"./{inside}"
    done = _git(where, "show", f"{revision}:{shown}")
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git cannot show {spec}: {said[-1] if said else 'no such file'}",
                         hint="write REV:PATH with PATH as it is relative to this folder at "
                              "that revision, e.g. main:contracts/shop/v1/openapi.yaml")
    if len(done.stdout) > max_bytes:
        raise UsageError(f"{spec} is larger than the document limit ({max_bytes} bytes)",
                         hint="raise max_document_mb in [tool.seamguard]")
    return (with_neighbours(where, revision, shown, into, max_bytes)
            or _write(into, Path(inside).name or "spec.yaml", done.stdout))


def with_neighbours(cwd: Path, revision: str, shown: str, into: Path,
                     max_bytes: int) -> Path | None:
    """The spec at ``revision`` with the YAML and JSON files of its top folder (what its
    ``$ref``s may reach: ``../common/schemas.yaml``), at their places under ``into``; None when
    those files would be more than a few documents' worth (then the spec file alone)."""
    import io
    import tarfile

    prefix = _git(cwd, "rev-parse", "--show-prefix").stdout.decode("utf-8").strip()
    cwd = Path(_git(cwd, "rev-parse", "--show-toplevel").stdout.decode("utf-8").strip() or cwd)
    relative = Path(prefix, shown).as_posix()
    parts: list[str] = []
    for part in relative.split("/"):
        if part == "..":
            if not parts:
                return None  # outside the repository
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    top = [f"{parts[0]}/"] if len(parts) > 1 else []
    listing = _git(cwd, "ls-tree", "-r", "-l", revision, "--", *top)
    files, total = [], 0
    for line in listing.stdout.decode("utf-8", "replace").splitlines():
        meta, _, name = line.partition("\t")
        fields = meta.split()
        if len(fields) == 4 and fields[1] == "blob" and name.endswith(_SUFFIXES):
            files.append(name)
            total += int(fields[3]) if fields[3].isdigit() else 0
    # Split specs keep thousands of small files (DigitalOcean's: ~3,000 per version).
    if listing.returncode != 0 or total > 4 * max_bytes or not 0 < len(files) <= 10_000:
        return None
    archive = _git(cwd, "archive", "--format=tar", revision, "--", *files)
    if archive.returncode != 0:
        return None
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    target = into.joinpath(*parts)
    return target if target.is_file() else None


def shown_in(root: Path | None, revision: str, path: Path) -> str:
    """How a file written under ``root`` by :func:`with_neighbours` is named to the user:
    ``REV:path/in/the/repository``, as ``git show`` takes it (never the temporary folder,
    which changes from run to run and would defeat an ignore entry's ``component``)."""
    if root is not None:
        try:
            return f"{revision}:{path.relative_to(root).as_posix()}"
        except ValueError:
            pass
    return str(path)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True,
                              check=False, timeout=120)
    except FileNotFoundError:
        raise UsageError("git is not installed, so a REV:PATH side cannot be read",
                         hint="install git, or write the revision to a file first") from None


def _is_commit(cwd: Path, revision: str) -> bool:
    if revision.startswith("-"):
        return False  # never an option to git
    done = _git(cwd, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    return done.returncode == 0


def _from_pipe(path: Path, max_bytes: int, name: str) -> bytes:
    """What a program writes into the named pipe ``path``, once one opens it for writing.

    Opening a pipe nobody writes to waits forever; here a writer has ``PIPE_WAIT`` seconds to
    appear (a process substitution's command is there at once, a forgotten ``mkfifo`` is not).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        deadline = time.monotonic() + PIPE_WAIT
        while True:
            try:
                first = os.read(fd, 65536)
            except BlockingIOError:  # a writer is there and has not written yet
                first = b""
                break
            if first:
                break
            if time.monotonic() > deadline:  # b"": no writer has opened the pipe
                raise UsageError(f"{name}: a pipe nobody wrote into within {PIPE_WAIT:g} s",
                                 hint="give the spec as a file, REV:PATH or - (standard "
                                      "input), or start the program that writes into this "
                                      "pipe first")
            select.select([fd], [], [], 0.1)
        os.set_blocking(fd, True)
        with os.fdopen(os.dup(fd), "rb") as stream:
            rest = stream.read(max_bytes + 1 - len(first)) if len(first) <= max_bytes else b""
    finally:
        os.close(fd)
    return _bounded(io.BytesIO(first + rest), max_bytes, name)


def _bounded(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UsageError(f"{name}: more than the document limit ({max_bytes} bytes)",
                         hint="raise max_document_mb in [tool.seamguard]")
    if not data.strip():
        raise UsageError(f"{name}: nothing was read", hint="is the command feeding it right?")
    return data


def _write(into: Path, name: str, data: bytes) -> Path:
    target = into / name
    target.write_bytes(data)
    return target
