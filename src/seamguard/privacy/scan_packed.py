"""Files that hold other files, read by a privacy scan beside zip: tar archives (plain, or once
gzip, bzip2 or xz has been taken off) member by member, e-mail messages (``.eml``) part by
part — headers, each text part decoded from base64 or quoted-printable in its charset, and each
attachment as the file it is — and mailboxes (``.mbox``, or a file that starts as one) message by
message, each read as an ``.eml``. All are bounded like zip: in members, in bytes and in nesting.
"""

from __future__ import annotations

import re
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from seamguard.privacy.scan_files import MAX_MEMBERS, deeper, is_scanned

__all__ = ["is_mbox", "is_tar", "mail_parts", "mbox_messages", "tar_members"]

Scan = Callable[[Path, str], Iterator[Any]]


def is_tar(head: bytes, suffix: str) -> bool:
    """A POSIX or GNU tar archive by its header's magic, or an old one by its name."""
    return head[257:262] == b"ustar" or suffix == ".tar"


def tar_members(path: Path, max_bytes: int, scan: Scan, shown: str) -> Iterator[Any]:
    """Each file in a tar archive written to a private temporary file and read by
    ``scan(file, archive!member)``; links, folders and device entries hold no data. The
    members' sizes are bounded in all by ``max_bytes``, their number and the nesting too."""
    with deeper(), tarfile.open(path, mode="r:") as archive, \
            tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
        total = 0
        for number, info in enumerate(archive):
            if number >= MAX_MEMBERS:
                raise OverflowError(f"it holds over {MAX_MEMBERS} files")
            if not info.isfile():
                continue
            total += info.size
            if total > max_bytes:
                raise OverflowError(f"it unpacks to over the {max_bytes}-byte limit")
            if not is_scanned(Path(info.name)):
                continue
            source = archive.extractfile(info)
            if source is None:
                continue
            target = Path(folder) / f"member{number}{PurePosixPath(info.name).suffix[:16]}"
            target.write_bytes(source.read(info.size))
            yield from scan(target, f"{shown}!{info.name}")
            target.unlink()


def mail_parts(path: Path, max_bytes: int, scan: Scan, shown: str) -> Iterator[Any]:
    """An e-mail message's headers (``mail.eml!headers``), its text parts decoded
    (``mail.eml!body text/plain``, ``mail.eml!part 1 text/html``) and its attachments
    (``mail.eml!customers.csv``), each written to a private temporary file and read by
    ``scan``."""
    from seamguard.documents import read_bytes

    data = read_bytes(path, max_bytes=max_bytes, display=shown)
    with deeper(), tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
        yield from _message_parts(data, Path(folder), scan, shown)


# The "From " line that starts each message of a mailbox (RFC 4155): a sender, then a date.
_FROM_LINE = re.compile(rb"From \S+ +[^\r\n]*\d\d:\d\d[^\r\n]*\r?\n[\x21-\x39\x3b-\x7e]+:")
MBOX_SUFFIXES = frozenset({".mbox", ".mbx"})


def is_mbox(head: bytes, suffix: str) -> bool:
    """A mailbox: a file that starts with a ``From `` line, named as a mailbox or with that
    line's sender and date and a header after it (a Thunderbird ``Inbox`` has no suffix). A
    ``.mbox`` that starts otherwise is read as the text it is: a mailbox reader would pass over
    everything before its first ``From `` line."""
    return head.startswith(b"From ") and (suffix in MBOX_SUFFIXES
                                          or _FROM_LINE.match(head) is not None)


def mbox_messages(path: Path, max_bytes: int, scan: Scan, shown: str) -> Iterator[Any]:
    """Each message of a mailbox read as :func:`mail_parts` reads an ``.eml``, its places
    numbered from 1 (``inbox.mbox!message 2!body text/plain``). The mailbox is read (at most
    ``max_bytes``) into a private copy that the standard library's ``mailbox`` splits, so the
    scanned file is never opened for writing or locked."""
    import mailbox

    from seamguard.documents import read_bytes

    data = read_bytes(path, max_bytes=max_bytes, display=shown)
    with deeper(), tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
        copy = Path(folder) / "copy.mbox"
        copy.write_bytes(data)
        del data
        box = mailbox.mbox(copy, create=False)
        try:
            for number, key in enumerate(box.iterkeys(), start=1):
                if number > MAX_MEMBERS:
                    raise OverflowError(f"it holds over {MAX_MEMBERS} messages")
                inner = Path(folder) / f"message{number}"
                inner.mkdir()
                yield from _message_parts(box.get_bytes(key), inner, scan,
                                          f"{shown}!message {number}")
        finally:
            box.close()


def _message_parts(data: bytes, folder: Path, scan: Scan, shown: str) -> Iterator[Any]:
    """One message's headers, decoded text parts and attachments (see ``mail_parts``)."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    for number, part in enumerate(message.walk()):
        if number >= MAX_MEMBERS:
            raise OverflowError(f"it holds over {MAX_MEMBERS} parts")
        headers = "".join(f"{name}: {value}\n" for name, value in part.items()
                          if name.lower() not in _PLUMBING)
        if headers and (number == 0 or part.get_content_maintype() == "message"):
            yield from _written(folder / f"headers{number}.txt", headers.encode(),
                                scan, f"{shown}!headers" if number == 0
                                else f"{shown}!part {number} headers")
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            continue
        name = part.get_filename()
        if name:
            suffix = PurePosixPath(name).suffix[:16]
            yield from _written(folder / f"part{number}{suffix}", payload, scan,
                                f"{shown}!{name}")
            continue
        kind = part.get_content_type()
        charset = part.get_content_charset() or "utf-8"
        try:
            text = payload.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know: read as found
            text = payload.decode("utf-8", errors="replace")
        suffix = ".txt" if kind.startswith("text/") and kind != "text/html" else \
            {"text/html": ".html", "application/json": ".json"}.get(kind, ".bin")
        data = text.encode() if suffix != ".bin" else payload
        yield from _written(folder / f"part{number}{suffix}", data, scan,
                            f"{shown}!{f'part {number}' if number else 'body'} {kind}")


# Headers that describe the message's structure, not its people.
_PLUMBING = frozenset({"content-type", "content-transfer-encoding", "mime-version",
                       "content-disposition"})


def _written(target: Path, data: bytes, scan: Scan, where: str) -> Iterator[Any]:
    target.write_bytes(data)
    yield from scan(target, where)
    target.unlink()
