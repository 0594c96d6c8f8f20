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
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seamguard.errors import DocumentError, UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.privacy.detect import Kind
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.mask import is_masked, mask_kind
from seamguard.privacy.policy import NamePart, PrivacyPolicy
from seamguard.privacy.pseudonym import Pseudonymizer
from seamguard.privacy.scan_files import (
    binary_kind,
    container_of,
    inflate,
    is_scanned,
    trailing_note,
    workbook_notes,
    workbook_rows,
    zip_members,
)
from seamguard.privacy.scrub_files import ScrubResult, recorded_body, scrub_cassette
from seamguard.privacy.scrubber import Hit, Scrubber

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.project import Project

__all__ = ["CHECK_ID", "ScrubResult", "default_paths", "run_check", "scan_files", "scrub_cassette"]

CHECK_ID = "privacy"
DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".jsonl", ".ndjson", ".csv", ".parquet",
                           ".txt", ".xml", ".log", ".tsv", ".har"})
_HINTS = {
    "privacy.personal-data": "re-record through seamguard's hooks, or run `seamguard privacy "
                             "scrub` on a cassette; replace hand-written fixtures with fakes",
    "privacy.secret": "rotate the credential, then remove it (cassettes: `seamguard privacy "
                      "scrub`)",
    "privacy.unreadable": "a body seamguard cannot read may hold anything: re-record it",
}
# Header names whose values hold credentials whatever else they hold (a bearer token, a session).
_CARRIES_CREDENTIALS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


class Recogniser:
    """A replacer that changes nothing: values are only reported, unless they are masks or
    pseudonyms seamguard produced (recognised by their public check, no key needed)."""

    pseudonyms = False

    def __init__(self) -> None:
        self._pseudonyms = Pseudonymizer(b"recognition needs no key")

    def replace(self, kind: Kind, value: str, part: NamePart = None) -> str:
        """The value itself (a scan changes nothing)."""
        return value

    def is_own(self, kind: Kind, value: str, part: NamePart = None) -> bool:
        """A mask or a seamguard pseudonym is no finding."""
        return is_masked(value) or self._pseudonyms.is_own(kind, value, part)

    def replace_names(self, family: str, given: str) -> tuple[str, str]:
        """Both parts unchanged."""
        return family, given

    def own_names(self, family: str, given: str) -> bool:
        """Masks or a seamguard pseudonym pair."""
        return (is_masked(family) and is_masked(given)) or self._pseudonyms.own_names(family,
                                                                                      given)


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
                if item.is_file() and is_scanned(item.relative_to(path)):
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
    suffix = path.suffix.lower()
    head = _head(path)
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
        elif container == "zip":
            yield from zip_members(path, max_bytes,
                                   lambda member, where: _scan_file(member, where, policy,
                                                                    max_bytes), shown,
                                   _unreadable)
        elif suffix not in DATA_SUFFIXES and binary_kind(head):
            yield _unreadable(shown, f"was not scanned: it is {binary_kind(head)}",
                              hint=_BINARY_HINT)
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
        yield _unreadable(shown, f"was not scanned: {exc}")
    except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile) as exc:
        yield _unreadable(shown, f"could not be scanned: {exc}")
    except Exception as exc:  # DuckDB's errors for a broken Parquet file, and the like
        yield _unreadable(shown, f"could not be scanned: {type(exc).__name__}: {exc}")


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
        yield _unreadable(shown, f"could not be scanned: {exc.message}")
        return
    out = bytearray()
    trailing = 0
    try:
        while data:
            inflater = zlib.decompressobj(wbits=31)
            out += inflater.decompress(data, max_bytes + 1 - len(out))
            if len(out) > max_bytes or inflater.unconsumed_tail:
                yield _unreadable(shown, f"was not scanned: it inflates to over the "
                                         f"{max_bytes}-byte limit")
                return
            if not inflater.eof:
                raise zlib.error("the data ends before the gzip stream does")
            data = inflater.unused_data.lstrip(b"\0")  # the next member, if any
            if data and not data.startswith(b"\x1f\x8b"):  # as gzip -d: what follows is
                trailing = len(data)                        # ignored, and said so
                break
    except zlib.error as exc:
        yield _unreadable(shown, f"was not scanned: it is not a whole gzip file ({exc})")
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
        yield _unreadable(shown, trailing_note(trailing, "gzip"), hint=_TRAILING_HINT)


def _head(path: Path) -> bytes:
    """A regular file's first bytes, to tell what it is (nothing for anything else: a device or
    a pipe is refused where it is read, never opened here)."""
    try:
        if not path.is_file():
            return b""
        with path.open("rb") as handle:
            return handle.read(16)
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
        yield _unreadable(shown, trailing_note(trailing, kind), hint=_TRAILING_HINT)


def _scan_workbook(path: Path, shown: str, policy: PrivacyPolicy, hits: list[Hit],
                   max_bytes: int) -> Iterator[Finding]:
    """A spreadsheet cell by cell: line = the row's number, pointer = /sheet/column."""
    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
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
        place = "/" + sheet.replace("~", "~0").replace("/", "~1")
        yield from _findings(hits, shown, number, place)
    yield from workbook_notes(path, shown, lambda part, where: _scan_file(part, where, policy,
                                                                          max_bytes))


# A file (or an archive's member) that could not be read, whatever the reason.
_FILE_HINT = ("a file seamguard cannot read may hold anything: repair it or export it again "
              "from its source (a cassette: re-record it); if it is known to hold no customer "
              "data, accept this warning in the baseline (docs/baseline.md)")
_TRAILING_HINT = ("bytes appended after compressed data may hold anything: compress the file "
                  "again from its source")
_BINARY_HINT = ("seamguard reads text, spreadsheets and archives: keep photos and scans of "
                "customers or their documents out of the repository; if the file is your own "
                "(a logo), accept this warning in the baseline (docs/baseline.md)")


def _unreadable(shown: str, message: str, line: int | None = None,
                pointer: str | None = None, hint: str | None = None) -> Finding:
    return Finding(code="privacy.unreadable", severity=Severity.WARNING, check=CHECK_ID,
                   message=message, location=Location(file=shown, line=line, pointer=pointer),
                   hint=hint or _FILE_HINT)


def _findings(hits: list[Hit], shown: str, line: int | None, pointer: str | None,
              *, inner: bool = False, column: bool = False) -> Iterator[Finding]:
    """The collected hits as findings; ``inner``: the hit's pointer goes into the message (a
    JSON pointer inside a cassette body), else it extends ``pointer``."""
    for hit in hits:
        code = "privacy.secret" if hit.kind is Kind.SECRET else "privacy.personal-data"
        where = ""
        place = pointer
        if inner and hit.pointer:
            where = f" at {hit.pointer}"
        elif hit.pointer:
            place = f"{pointer or ''}{hit.pointer}"
        if column:
            where += f", column {hit.start + 1}"
        yield Finding(
            code=code, severity=Severity.ERROR, check=CHECK_ID,
            message=f"{hit.kind.value.replace('_', ' ')} {mask_kind(hit.kind, hit.value)!r}"
                    f"{where}",
            location=Location(file=shown, line=line, pointer=place), hint=_HINTS[code])
    hits.clear()


def _scan_document(path: Path, shown: str, policy: PrivacyPolicy, max_bytes: int,
                   hits: list[Hit]) -> Iterator[Finding]:
    from seamguard.documents import LineLocator, load_document

    streamed = _scan_streamed(path, shown, policy, max_bytes, hits)
    if streamed is not None:
        yield from streamed
        return
    try:
        data = load_document(path, max_bytes=max_bytes, display=shown, binary=True)
    except DocumentError as exc:
        yield _unreadable(shown, f"could not be parsed, so it was scanned as text: {exc}",
                          exc.line)
        # A broken or foreign-encoded document can hold personal data all the same.
        yield from _scan_lines(path, shown, policy, hits, as_json=False, max_bytes=max_bytes)
        return
    locator = LineLocator(path)
    if isinstance(data, Mapping) and isinstance(data.get("interactions"), list):
        yield from _scan_cassette(data["interactions"], shown, policy, hits, locator)
        return
    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
    scrubber.value(data)
    found = list(hits)
    hits.clear()
    for hit in found:
        yield from _findings([hit], shown, locator.line_of(hit.pointer), "")


_CASSETTE_START = re.compile(rb"(?m)^interactions:[ \t]*(?:#.*)?\r?$")


def _scan_streamed(path: Path, shown: str, policy: PrivacyPolicy, max_bytes: int,
                   hits: list[Hit]) -> list[Finding] | None:
    """The findings of a vcrpy cassette read one interaction at a time, or None when the file
    is no cassette in vcrpy's layout (then it is parsed whole, as any other document)."""
    from seamguard.documents import DEFAULT_MAX_DEPTH, LineLocator, open_regular
    from seamguard.recordings.stream import Irregular, scan

    if path.suffix.lower() == ".json":
        return None
    found: list[Finding] = []
    try:
        with open_regular(path, max_bytes=max_bytes, display=shown) as stream:
            if not _CASSETTE_START.search(stream.read(65536)):
                return None
            stream.seek(0)
            items = scan(stream, max_bytes=max_bytes, max_depth=DEFAULT_MAX_DEPTH)
            locator = _ItemLocators(path)

            def values() -> Iterator[Any]:
                for index, item in enumerate(items):
                    locator.current = (f"/interactions/{index}",
                                       LineLocator(path, text=item.text, first_line=item.line))
                    yield item.value

            found.extend(_scan_cassette(values(), shown, policy, hits, locator))
    except (Irregular, DocumentError, OSError):
        hits.clear()
        return None
    return found


class _ItemLocators:
    """Lines of pointers into the interaction being scanned, from its own text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current: tuple[str, Any] = ("", None)

    def line_of(self, pointer: str) -> int | None:
        prefix, locator = self.current
        if locator is None or not (pointer == prefix or pointer.startswith(prefix + "/")):
            raise AssertionError(f"{pointer} is outside the interaction being scanned")
        line: int | None = locator.line_of("/0" + pointer[len(prefix):])
        return line


# Identical bodies read in one context give identical hits and notes: a cassette file's
# repeated bodies (an empty page polled again, the same acknowledgement, a request sent twice)
# are read once. Bounded by the text it keeps.
_MEMO_BYTES = 32 * 1_048_576


class _BodyMemo:
    """The hits and notes of the bodies read so far in one file, by body and by what else a
    body's reading depends on (its content headers; a response's, its request's body)."""

    def __init__(self) -> None:
        self.found: dict[Any, tuple[tuple[Hit, ...], tuple[str, ...]]] = {}
        self.size = 0

    @staticmethod
    def key(body: bytes | str, headers: Any, columns: bytes | str | None) -> Any:
        if not isinstance(headers, Mapping):
            return body, None, columns
        try:
            content = tuple((name, tuple(value) if isinstance(value, list) else value)
                            for name, value in headers.items()
                            if isinstance(name, str) and name[:8].lower() == "content-")
            hash(content)
        except TypeError:  # a value that is a mapping: read every time
            return None
        return body, content, columns

    def keep(self, key: Any, hits: list[Hit], notes: list[str]) -> None:
        self.size += len(key[0]) + len(key[2] or "")
        if self.size > _MEMO_BYTES:
            self.found.clear()
            self.size = len(key[0]) + len(key[2] or "")
        self.found[key] = (tuple(hits), tuple(notes))


def _scan_cassette(interactions: Iterable[Any], shown: str, policy: PrivacyPolicy,
                   hits: list[Hit], locator: Any) -> Iterator[Finding]:
    traffic = TrafficScrubber(policy, Recogniser(), on_hit=hits.append)
    memo = _BodyMemo()
    for index, item in enumerate(interactions):
        if not isinstance(item, Mapping):
            continue
        traffic.expect_columns(None)
        columns = None
        for part in ("request", "response"):
            message = item.get(part)
            if not isinstance(message, Mapping):
                continue
            if part == "response":  # (its rows may follow the columns the request named)
                columns = recorded_body(item.get("request"))
                traffic.expect_columns(columns)
            base = f"/interactions/{index}/{part}"
            if isinstance(message.get("uri"), str):
                traffic.url(message["uri"], pointer="")
                if hits:  # (most parts hold nothing: no generator for them)
                    yield from _placed(hits, shown, locator, f"{base}/uri")
            headers = message.get("headers")
            if isinstance(headers, Mapping):
                traffic.headers(headers)
                if hits:
                    yield from _placed(hits, shown, locator, f"{base}/headers", inner=True)
            body = message.get("body")
            pointer = f"{base}/body"
            if isinstance(body, Mapping):
                body, pointer = body.get("string"), f"{base}/body/string"
            if isinstance(body, bytes | str) and body:
                key = memo.key(body, headers, columns)
                found = memo.found.get(key) if key is not None else None
                if found is None:
                    notes = len(traffic.notes)
                    traffic.body(body, dict(headers) if isinstance(headers, Mapping) else {},
                                 pointer="")
                    found = tuple(hits), tuple(traffic.notes[notes:])
                    if key is not None:
                        memo.keep(key, hits, traffic.notes[notes:])
                else:
                    hits.extend(found[0])
                for note in found[1]:
                    yield _unreadable(shown, f"a body that could not be checked: {note}",
                                      locator.line_of(pointer), pointer,
                                      hint=_HINTS["privacy.unreadable"])
                if hits:
                    yield from _placed(hits, shown, locator, pointer, inner=True)


def _placed(hits: list[Hit], shown: str, locator: Any, pointer: str, *,
            inner: bool = False) -> Iterator[Finding]:
    yield from _findings(hits, shown, locator.line_of(pointer), pointer, inner=inner)


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
        yield _unreadable(shown, f"could not be scanned: {exc}")
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
            yield from _findings(hits, shown, number, None, column=True)
        else:
            scrubber.value(parsed)
            yield from _findings(hits, shown, number, "")


def _scan_csv(path: Path, shown: str, policy: PrivacyPolicy, hits: list[Hit], *,
              tabs: bool, max_bytes: int) -> Iterator[Finding]:
    scrubber = Scrubber(policy, Recogniser(), on_hit=hits.append)
    try:
        text = _text_of(path, shown, max_bytes)
    except (DocumentError, ValueError) as exc:
        yield _unreadable(shown, f"could not be scanned: {exc}")
        return
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if tabs else ",")
        for row in reader:
            scrubber.value({str(k): v for k, v in row.items() if k is not None})
            yield from _findings(hits, shown, reader.line_num, "")


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
                yield from _findings(hits, shown, None, f"/{row_number}")
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
