"""The project's pseudonym key: an environment variable, else a key file kept out of git."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seamguard.project import Project

__all__ = ["KEY_ENV", "KEY_FILE", "load_key", "project_key"]

KEY_ENV = "SEAMGUARD_PSEUDONYM_KEY"
KEY_FILE = ".seamguard/pseudonym.key"


def load_key(root: Path, *, env_name: str = KEY_ENV, file: str = KEY_FILE,
             env: Mapping[str, str] | None = None) -> bytes:
    """The project's pseudonym key: the environment variable ``env_name``, else the key file
    ``file`` under ``root`` (created with 32 random bytes, readable by its owner only, with a
    ``.gitignore`` beside it, when missing)."""
    environ = os.environ if env is None else env
    value = environ.get(env_name, "").strip()
    if value:
        # A key is bytes: one set in another encoding is used as the bytes it is.
        return value.encode("utf-8", "surrogateescape")
    path = root / file
    text = ""
    if path.exists() or path.is_symlink():
        from seamguard.documents import read_text

        # Bounded and plain files only: a key "file" that is a folder, a pipe or /dev/zero is
        # a usage error naming it, never a hang.
        text = read_text(path, max_bytes=1 << 16, display=file).strip()
    if not text:
        text = secrets.token_hex(32)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + "\n", "utf-8")
            path.chmod(0o600)
            ignore = path.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# the pseudonym key never goes into version control\n*\n",
                                  "utf-8")
        except OSError as exc:
            from seamguard.errors import UsageError

            raise UsageError(f"cannot create the pseudonym key {file}: {exc.strerror or exc}",
                             file=file, hint=f"make {Path(file).parent}/ a writable folder, or "
                                             f"set ${env_name} to a key of your own") from None
    return text.encode("utf-8")


def project_key(project: Project) -> bytes:
    """The pseudonym key of a project, as its ``[tool.seamguard.privacy]`` settings say."""
    settings = project.settings.privacy
    return load_key(project.root, env_name=settings.pseudonym_key_env,
                    file=settings.pseudonym_key_file)
