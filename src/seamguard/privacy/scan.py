"""Find personal data and secrets already sitting in files; scrub cassettes in place.

``seamguard privacy scan [PATH...]`` (and the ``privacy`` check of ``seamguard check``) reads
cassettes, JSON/YAML documents, JSON Lines, CSV, Parquet (through DuckDB) and text files, and
reports every personal value or secret with its file, line and JSON pointer (values masked).
Pseudonyms seamguard produced and masks are not findings. ``seamguard privacy scrub PATH...``
rewrites cassettes with every such value replaced (pseudonyms, secrets redacted); scrubbing a
scrubbed cassette changes nothing.
"""

from __future__ import annotations

import csv
import email.errors
import io
import json
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seamguard.errors import DocumentError, UsageError
from seamguard.findings import Finding
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scan_calamine import (
    ENCRYPTED,
    ENCRYPTED_HINT,
    MAX_CELLS,
    OLD_WORKBOOK_SUFFIXES,
    calamine_available,
    calamine_book,
    is_encrypted_office,
)
from seamguard.privacy.scan_cassettes import scan_cassette, scan_streamed
from seamguard.privacy.scan_files import (
    BINARY_WORKBOOK,
    BINARY_WORKBOOK_HINT,
    binary_kind,
    binary_workbook_part,
    container_of,
    inflate,
    is_binary_workbook,
    is_scanned,
    special_kind,
    trailing_note,
    zip_members,
)
from seamguard.privacy.scan_packed import is_mbox, is_tar, mail_parts, mbox_messages, tar_members
from seamguard.privacy.scan_report import (
    BINARY_HINT,
    CHECK_ID,
    TRAILING_HINT,
    Recogniser,
    findings,
    unreadable,
)
from seamguard.privacy.scan_workbooks import workbook_notes, workbook_parts, workbook_rows
from seamguard.privacy.scrub_files import ScrubResult, scrub_cassette
from seamguard.privacy.scrubber import Hit, Scrubber

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.project import Project

__all__ = ["CHECK_ID", "ScrubResult", "default_paths", "run_check", "scan_files", "scrub_cassette"]

DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".jsonl", ".ndjson", ".csv", ".parquet",
                           ".txt", ".xml", ".log", ".tsv", ".har"})
# Header names whose values hold credentials whatever else they hold (a bearer token, a session).
_CARRIES_CREDENTIALS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def default_paths(project: Project) -> list[Path]:
    """What ``privacy scan`` reads without arguments: the ``scan`` setting, else the cassettes,
    ``fixtures/`` and every file dataset."""
    settings = project.settings.privacy
    if settings.scan is not None:
        return [project.root / entry for entry in settings.scan]
    paths = [project.cassettes_dir, project.root / "fixtures"]
    for dataset in project.settings.datasets.values():
        if dataset.kind == "file" and dataset.path:
            paths.extend(sorted(project.root.glob(dataset.path)) or [project.root / dataset.path])
    return paths


def _files(paths: Iterable[Path]) -> list[Path]:
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for item in sorted(path.rglob("*")):
                # (a pipe, a socket, a device or a broken link is named, never opened)
                if is_scanned(item.relative_to(path)) and not item.is_dir():
                    found[item] = None
        elif path.exists() or path.is_symlink():
            # A file named on purpose is read whatever it is: a device, a pipe or a broken
            # link is reported as unreadable rather than silently skipped.
            found[path] = None
    return list(found)


def scan_files(paths: Iterable[Path], *, policy: PrivacyPolicy | None = None,
               display: Callable[[Path], str] = str, max_bytes: int = 64 * 1_048_576
               ) -> Iterator[Finding]:
    """Every personal value and secret in the files under ``paths`` as a finding."""
    for path in _files(paths):
        yield from _scan_file(path, display(path), policy or PrivacyPolicy.default(), max_bytes)


def _scan_file(path: Path, shown: str, policy: PrivacyPolicy, max_bytes: int
               ) -> Iterator[Finding]:
    special = special_kind(path)
    if special is not None:
        yield unreadable(shown, f"was not scanned: it is {special}, not a regular file",
                         hint=_SPECIAL_HINT)
        return
    suffix = path.suffix.lower()
    whole_head = _head(path)  # (a tar archive's magic sits at byte 257)
    head = whole_head[:16]
    container = container_of(head, suffix)
    if suffix == ".gz" or container == "gzip":
        yield from _scan_gzip(path, shown, policy, max_bytes)
        return
    hits: list[Hit] = []
    try:
        if container in ("bz2", "xz"):
            yield from _scan_inflated(path, shown, policy, max_bytes, container)
        elif container == "workbook":
            yield from _scan_workbook(path, shown, policy, hits, max_bytes)
        elif container == "zip" and is_binary_workbook(path, suffix) and calamine_available():
            yield from _scan_calamine(path, shown, policy, hits, max_bytes)
            yield from zip_members(path, max_bytes,
                                   lambda member, where: _scan_file(member, where, policy,
                                                                    max_bytes), shown,
                                   unreadable, skip=binary_workbook_part)
        elif container == "zip" and is_binary_workbook(path, suffix):
            yield unreadable(shown, f"was not fully scanned: {BINARY_WORKBOOK}",
                             hint=BINARY_WORKBOOK_HINT)
            yield from zip_members(path, max_bytes,
                                   lambda member, where: _scan_file(member, where, policy,
                                                                    max_bytes), shown,
                                   unreadable, skip=binary_workbook_part)
        elif container == "zip":
            yield from zip_members(path, max_bytes,
                                   lambda member, where: _scan_file(member, where, policy,
                                                                    max_bytes), shown,
                                   unreadable)
        elif container is None and is_tar(whole_head, suffix):
            yield from tar_members(path, max_bytes, lambda member, where: _scan_file(
                member, where, policy, max_bytes), shown)
        elif suffix == ".eml":
            yield from mail_parts(path, max_bytes, lambda part, where: _scan_file(
                part, where, policy, max_bytes), shown)
        elif container is None and is_mbox(whole_head, suffix):
            yield from mbox_messages(path, max_bytes, lambda part, where: _scan_file(
                part, where, policy, max_bytes), shown)
        elif is_encrypted_office(path, head, max_bytes):
            yield unreadable(shown, f"was not scanned: {ENCRYPTED}", hint=ENCRYPTED_HINT)
        elif (suffix in OLD_WORKBOOK_SUFFIXES and head.startswith(b"\xd0\xcf\x11\xe0")
              and calamine_available()):
            yield from _scan_calamine(path, shown, policy, hits, max_bytes)
        elif suffix == ".msg" and head.startswith(b"\xd0\xcf\x11\xe0"):
            yield unreadable(shown, "was not scanned: it is an Outlook message; save it as "
                                    ".eml (or export it as text) to have it scanned",
                             hint=BINARY_HINT)
        elif suffix not in DATA_SUFFIXES and binary_kind(head):
            yield unreadable(shown, f"was not scanned: it is {binary_kind(head)}",
                              hint=BINARY_HINT)
        elif suffix in (".yaml", ".yml", ".json", ".har"):
            yield from _scan_document(path, shown, policy, max_bytes, hits)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _scan_lines(path, shown, policy, hits, as_json=True, max_bytes=max_bytes)
        elif suffix in (".csv", ".tsv"):
            yield from _scan_csv(path, shown, policy, hits, tabs=suffix == ".tsv",
                                 max_bytes=max_bytes)
        elif suffix == ".parquet":
            yield from _scan_parquet(path, shown, policy, hits)
        else:
            yield from _scan_lines(path, shown, policy, hits, as_json=False, max_bytes=max_bytes)
    except OverflowError as exc:
        yield unreadable(shown, f"was not scanned: {exc}")
    except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile, tarfile.TarError,
            email.errors.MessageError) as exc:
        yield unreadable(shown, f"could not be scanned: {exc}")
    except Exception as exc:  # DuckDB's errors for a broken Parquet file, and the like
        yield unreadable(shown, f"could not be scanned: {type(exc).__name__}: {exc}")


def _scan_gzip(path: Path, shown: str, policy: PrivacyPolicy, max_bytes: int
               ) -> Iterator[Finding]:
    """A gzip file inflated (every member, at most ``max_bytes`` in all) into a private
    temporary file of its inner name (``orders.csv.gz`` -> ``orders.csv``) and scanned as that;
    line numbers are those of the inflated text."""
    import tempfile
    import zlib

    from seamguard.documents import read_bytes

    try:
        data = read_bytes(path, max_bytes=max_bytes, display=shown)
    except DocumentError as exc:
        yield unreadable(shown, f"could not be scanned: {exc.message}")
        return
    out = bytearray()
    trailing = 0
    try:
        while data:
            inflater = zlib.decompressobj(wbits=31)
            out += inflater.decompress(data, max_bytes + 1 - len(out))
            if len(out) > max_bytes or inflater.unconsumed_tail:
                yield unreadable(shown, f"was not scanned: it inflates to over the "
                                         f"{max_bytes}-byte limit")
                return
            if not inflater.eof:
                raise zlib.error("the data ends before the gzip stream does")
            data = inflater.unused_data.lstrip(b"\0")  # the next member, if any
            if data and not data.startswith(b"\x1f\x8b"):  # as gzip -d: what follows is
                trailing = len(data)                        # ignored, and said so
                break
    except zlib.error as exc:
        yield unreadable(shown, f"was not scanned: it is not a whole gzip file ({exc})")
        return
    # `orders.csv.gz` holds `orders.csv`; a gzip file under a plain name (a download saved
    # without inflating it) holds what its name says.
    inner = (path.name[: -len(".gz")] if path.name.lower().endswith(".gz") else path.name) \
        or "inflated"
    with tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
        target = Path(folder) / inner
        target.write_bytes(bytes(out))
        yield from _scan_file(target, shown, policy, max_bytes)
    if trailing:
        yield unreadable(shown, trailing_note(trailing, "gzip"), hint=TRAILING_HINT)


_SPECIAL_HINT = ("a pipe, a socket, a device or a broken link holds no data to commit: remove it "
                 "from the folder, or name the folders to scan in [tool.seamguard.privacy]")


def _head(path: Path) -> bytes:
    """A regular file's first bytes, to tell what it is (nothing for anything else: a device or
    a pipe is refused where it is read, never opened here)."""
    try:
        if not path.is_file():
            return b""
        with path.open("rb") as handle:
            return handle.read(512)
    except OSError:
        return b""


def _scan_inflated(path: Path, shown: str, policy: PrivacyPolicy, max_bytes: int, kind: str
                   ) -> Iterator[Finding]:
    """A bzip2 or xz file inflated (bounded) and scanned as the file it holds."""
    import tempfile

    from seamguard.documents import read_bytes

    data, trailing = inflate(read_bytes(path, max_bytes=max_bytes, display=shown), kind,
                             max_bytes)
    ending = {"bz2": (".bz2", ".bz"), "xz": (".xz", ".lzma")}[kind]
    name = path.name
    inner = next((name[: -len(e)] for e in ending if name.lower().endswith(e)), name)
    with tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
        target = Path(folder) / (inner or "inflated")
        target.write_bytes(data)
        yield from _scan_file(target, shown, policy, max_bytes)
    if trailing:
        yield unreadable(shown, trailing_note(trailing, kind), hint=TRAILING_HINT)


def _scan_workbook(path: Path, shown: str, policy: PrivacyPolicy, hits: list[Hit],
                   max_bytes: int) -> Iterator[Finding]:
    """A spreadsheet cell by cell: line = the row's number, pointer = /sheet/column."""
    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
    labels = _Labels(policy)
    rows = workbook_rows(path, max_bytes)
    while True:
        try:
            sheet, number, values = next(rows)
        except StopIteration:
            break
        except (OverflowError, OSError):
            raise
        except Exception as exc:  # a part missing or malformed: openpyxl's and XML's errors
            raise ValueError(f"it is not a readable workbook ({type(exc).__name__}: {exc}); "
                             "open and save it again in Excel or LibreOffice") from None
        scrubber.value(values)
        yield from findings(hits, shown, number, "/" + labels.step(sheet))
    yield from workbook_notes(path, shown, lambda part, where: _scan_file(part, where, policy,
                                                                          max_bytes))
    for part in workbook_parts(path):
        if part.problem:
            yield unreadable(shown, f"its part {part.section} could not be read: {part.problem}")
            continue
        place = f"/{labels.step(part.sheet)}/{part.section}" if part.sheet is not None else \
            f"/{part.section}"
        for key, text in part.values.items():
            scrubber.value({labels.of(key): text})
            yield from findings(hits, shown, None, place)


def _scan_calamine(path: Path, shown: str, policy: PrivacyPolicy, hits: list[Hit],
                   max_bytes: int) -> Iterator[Finding]:
    """An .xlsb or .xls workbook's sheet names and cells, placed as an .xlsx's are."""
    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
    labels = _Labels(policy)
    try:
        for read in calamine_book(path, max_bytes):
            if read.note:
                yield unreadable(shown, read.note, pointer="/" + labels.step(read.sheet),
                                 hint=_CELLS_HINT)
            elif read.number == 0:
                scrubber.value(read.values)
                yield from findings(hits, shown, None, "/sheets")
            else:
                scrubber.value(read.values)
                yield from findings(hits, shown, read.number, "/" + labels.step(read.sheet))
    except PermissionError:
        yield unreadable(shown, f"was not scanned: {ENCRYPTED}", hint=ENCRYPTED_HINT)


_CELLS_HINT = (f"a sheet past {MAX_CELLS} cells is no export to commit: split it, or export "
               "its sheets as CSV, and commit those")


class _Labels:
    """Names shown in a pointer (a sheet's, a property's): a name that holds a personal value
    itself is shown masked, never as it is."""

    def __init__(self, policy: PrivacyPolicy) -> None:
        self._policy = policy
        self._found: list[Hit] = []
        self._scrubber = Scrubber(policy, Recogniser(), on_hit=self._found.append)
        self._shown: dict[str, str] = {}

    def of(self, name: str) -> str:
        if name not in self._shown:
            from seamguard.privacy.guard import mask_text

            self._scrubber.text(name)
            self._shown[name] = mask_text(name, self._policy) if self._found else name
            self._found.clear()
        return self._shown[name]

    def step(self, name: str) -> str:
        """The name as one step of a JSON pointer."""
        return self.of(name).replace("~", "~0").replace("/", "~1")


def _scan_document(path: Path, shown: str, policy: PrivacyPolicy, max_bytes: int,
                   hits: list[Hit]) -> Iterator[Finding]:
    from seamguard.documents import LineLocator, load_document

    streamed = scan_streamed(path, shown, policy, max_bytes, hits)
    if streamed is not None:
        yield from streamed
        return
    try:
        data = load_document(path, max_bytes=max_bytes, display=shown, binary=True)
    except DocumentError as exc:
        yield unreadable(shown, f"could not be parsed, so it was scanned as text: {exc}",
                          exc.line)
        # A broken or foreign-encoded document can hold personal data all the same.
        yield from _scan_lines(path, shown, policy, hits, as_json=False, max_bytes=max_bytes)
        return
    locator = LineLocator(path)
    if isinstance(data, Mapping) and isinstance(data.get("interactions"), list):
        yield from scan_cassette(data["interactions"], shown, policy, hits, locator)
        return
    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
    scrubber.value(data)
    found = list(hits)
    hits.clear()
    for hit in found:
        yield from findings([hit], shown, locator.line_of(hit.pointer), "")


def _text_of(path: Path, shown: str, max_bytes: int) -> str:
    """A file's text in whatever charset it is written (UTF-8, GBK, ...), bounded in size."""
    from seamguard.documents import read_bytes
    from seamguard.recordings.bodies import decode

    raw = read_bytes(path, max_bytes=max_bytes, display=shown)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    decoded = decode(raw)
    if decoded is None:
        raise ValueError("it is not text in any known charset")
    return decoded.text


def _scan_lines(path: Path, shown: str, policy: PrivacyPolicy, hits: list[Hit], *,
                as_json: bool, max_bytes: int) -> Iterator[Finding]:
    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
    try:
        text = _text_of(path, shown, max_bytes)
    except (DocumentError, ValueError) as exc:
        yield unreadable(shown, f"could not be scanned: {exc}")
        return
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        parsed: Any = line.rstrip("\n")
        if as_json and line.strip():
            try:
                parsed = json.loads(line)
            except (ValueError, RecursionError):
                parsed = line.rstrip("\n")
        if isinstance(parsed, str):
            scrubber.text(parsed)
            yield from findings(hits, shown, number, None, column=True)
        else:
            scrubber.value(parsed)
            yield from findings(hits, shown, number, "")


def _scan_csv(path: Path, shown: str, policy: PrivacyPolicy, hits: list[Hit], *,
              tabs: bool, max_bytes: int) -> Iterator[Finding]:
    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
    try:
        text = _text_of(path, shown, max_bytes)
    except (DocumentError, ValueError) as exc:
        yield unreadable(shown, f"could not be scanned: {exc}")
        return
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if tabs else ",")
        for row in reader:
            scrubber.value({str(k): v for k, v in row.items() if k is not None})
            yield from findings(hits, shown, reader.line_num, "")


def _scan_parquet(path: Path, shown: str, policy: PrivacyPolicy, hits: list[Hit]
                  ) -> Iterator[Finding]:
    import duckdb

    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
    connection = duckdb.connect()
    try:
        cursor = connection.execute("SELECT * FROM read_parquet(?)", [str(path)])
        columns = [d[0] for d in cursor.description]
        row_number = 0
        while batch := cursor.fetchmany(2048):
            for values in batch:
                scrubber.value({c: _plain(v) for c, v in zip(columns, values, strict=True)})
                yield from findings(hits, shown, None, f"/{row_number}")
                row_number += 1
    finally:
        connection.close()


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def recorded_signatures(project: Project) -> list[str]:
    """The request signatures the project's platforms are signed with (their wire profile's
    ``signing.signature`` and ``push.signing.signature`` names): a digest of one request that
    ``verify`` checks, kept in cassettes on purpose (seamguard's recorder signs again over what
    it keeps), so no secret. In a header that carries credentials by nature (``Authorization``)
    only a bare digest is taken for the signature; anything else there stays a credential."""
    names: list[str] = []
    for platform in project.settings.platforms.values():
        for signing in (platform.wire.signing, platform.wire.push.signing):  # calls, pushes
            if signing is not None:
                names.append(signing.signature.name)
    return names


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``privacy`` check: personal data or secrets sitting in the project's files."""
    project = context.project
    raw = context.options.get("privacy_paths")
    paths = [Path(p) if Path(p).is_absolute() else project.root / p for p in raw] if raw \
        else default_paths(project)
    missing = [p for p in paths if not p.exists()] if raw else []
    if missing:
        raise UsageError(f"no such file or folder: {project.relative(missing[0])}",
                         hint="pass files or folders to scan, or none for the project's own")
    special = [p for p in paths if not p.is_dir() and not p.is_file()] if raw else []
    if special:
        raise UsageError(f"{project.relative(special[0])}: not a regular file or folder (a "
                         "device, a pipe or a socket), so it cannot be scanned",
                         hint="pass files or folders to scan, or none for the project's own")
    files = _files(paths)
    names = recorded_signatures(project)
    policy = PrivacyPolicy.from_settings(project.settings.privacy).allowing_keys(
        *(n for n in names if n.lower() not in _CARRIES_CREDENTIALS)).allowing_signature_headers(
        *(n for n in names if n.lower() in _CARRIES_CREDENTIALS))
    max_bytes = int(project.settings.max_document_mb * 1_048_576)
    for done, path in enumerate(files):
        context.progress(done, len(files), project.relative(path))
        context.examined += 1
        yield from _scan_file(path, project.relative(path), policy, max_bytes)
    context.progress(len(files), len(files), "")
