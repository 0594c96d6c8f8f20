"""Drift history: report each drift finding once as new, then as ongoing, then as resolved.

The nightly ``seamguard drift`` job sees the same upstream changes night after night. This store
remembers what each platform's previous run found so that a run can say which findings are new,
which are ongoing, which got worse and which went away, and so that alerts go out only for the
new and the worsened ones (:meth:`RunResult.to_alert`).

Findings are matched across runs by :func:`fingerprint`, which leaves out everything that changes
from night to night (message text, counts, file, line, interaction).

Only code, severity, message, location, fingerprint and the ``hits``/``of`` counts are stored:
``expected`` and ``actual`` may hold customer data (names, e-mails, addresses), which has no place
in a long-lived history database.
"""

from __future__ import annotations

import shlex
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..baseline import DriftIgnore
from ..baseline import fingerprint as baseline_fingerprint
from ..document_reading import require_readable
from ..errors import PathRefused, UsageError
from ..findings import Finding, Severity
from .history_seal import damage, seal

__all__ = [
    "DEFAULT_URL",
    "SCHEMA_VERSION",
    "Classified",
    "FieldFormat",
    "HistoryError",
    "HistoryStore",
    "IgnoreRule",
    "RunResult",
    "fingerprint",
]

DEFAULT_URL = "sqlite:///reports/drift-history.sqlite"
SCHEMA_VERSION = 2  # 2 added the per-field format baselines; 1 is upgraded in place

# A count share must grow by more than this fraction of itself to count as "worsened"; smaller
# moves are the normal night-to-night noise of sampled traffic.
_WORSENED_SHARE_GROWTH = 0.5


class HistoryError(UsageError):
    """The drift history cannot be opened or updated (corrupt file, clock went backwards...)."""


def fingerprint(finding: Finding) -> str:
    """Return an identity for ``finding`` that stays the same from one night to the next.

    Only the code and where the finding applies (platform, version, operation, pointer) go in;
    the message, counts, file, line and interaction change nightly and are left out.

    Args:
        finding: The finding to identify.

    Returns:
        32 hexadecimal characters of a SHA-256 digest.
    """
    return baseline_fingerprint(finding, place=False)


# Ignore rules are the project's one acceptance format (seamguard.baseline), with owner and
# expiry required.
IgnoreRule = DriftIgnore


@dataclass(frozen=True)
class Classified:
    """One finding of a run with what the history says about it.

    Attributes:
        finding: The finding as the check reported it tonight.
        fingerprint: Its :func:`fingerprint`.
        status: ``"new"``, ``"ongoing"``, ``"worsened"`` or ``"ignored"``.
        first_seen: When this run of consecutive sightings began (UTC).
        runs_seen: How many consecutive runs, this one included, have seen it.
    """

    finding: Finding
    fingerprint: str
    status: str
    first_seen: datetime
    runs_seen: int


@dataclass(frozen=True)
class RunResult:
    """What one recorded run found, compared with the previous run of the same platform.

    Attributes:
        run_id: Identifier of the stored run.
        classified: One entry per fingerprint; duplicates keep the most severe finding.
        resolved: ``(fingerprint, code, last message)`` of findings seen in the previous run and
            not in this one.
        expired_ignores: Ignore rules past their expiry date; they no longer apply.
    """

    run_id: int
    classified: list[Classified]
    resolved: list[tuple[str, str, str]]
    expired_ignores: list[IgnoreRule]

    def to_alert(self) -> list[Classified]:
        """Return the findings worth waking someone for: the new and the worsened ones."""
        return [item for item in self.classified if item.status in ("new", "worsened")]


def _tables(schema: str | None) -> tuple[sa.MetaData, sa.Table, sa.Table, sa.Table, sa.Table]:
    metadata = sa.MetaData(schema=schema)
    meta = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))
    runs = sa.Table(
        "runs",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(200), nullable=False, index=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("findings", sa.Integer, nullable=False),
    )
    observations = sa.Table(
        "observations",
        metadata,
        sa.Column("run_id", sa.Integer, sa.ForeignKey(runs.c.id), primary_key=True),
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        *_finding_columns(),
    )
    baselines = sa.Table(
        "baselines",
        metadata,
        sa.Column("platform", sa.String(200), primary_key=True),
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_run_id", sa.Integer, nullable=False),
        sa.Column("runs_seen", sa.Integer, nullable=False),
        *_finding_columns(),
    )
    sa.Table(
        "formats",
        metadata,
        sa.Column("platform", sa.String(200), primary_key=True),
        sa.Column("operation", sa.String(500), primary_key=True),
        sa.Column("field", sa.String(500), primary_key=True),
        sa.Column("format", sa.String(64), nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.DateTime, nullable=False),
    )
    return metadata, meta, runs, observations, baselines


FormatKey = tuple[str, str]  # (operation, field path)


@dataclass(frozen=True)
class FieldFormat:
    """The dominant string format of one field in one run (or when the field was first seen)."""

    format: str
    share: float
    total: int
    first_seen: datetime | None = None


def _finding_columns() -> list[sa.Column[Any]]:
    # Deliberately no expected/actual: they may carry personal data (see the module docstring).
    return [
        sa.Column("code", sa.String(200), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("check_name", sa.String(200), nullable=False),
        sa.Column("loc_platform", sa.String(200)),
        sa.Column("loc_version", sa.String(200)),
        sa.Column("loc_operation", sa.Text),
        sa.Column("loc_pointer", sa.Text),
        sa.Column("hits", sa.Integer),
        sa.Column("of", sa.Integer),
    ]


def _counts(finding: Finding) -> tuple[int | None, int | None]:
    actual = finding.actual
    if isinstance(actual, dict):
        hits, of = actual.get("hits"), actual.get("of")
        # bool is an int subclass; True/False are flags, not counts.
        if all(isinstance(n, int) and not isinstance(n, bool) for n in (hits, of)):
            return hits, of
    return None, None


def _finding_row(finding: Finding) -> dict[str, Any]:
    where = finding.location
    hits, of = _counts(finding)
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "check_name": finding.check,
        "loc_platform": where.platform,
        "loc_version": where.version,
        "loc_operation": where.operation,
        "loc_pointer": where.pointer,
        "hits": hits,
        "of": of,
    }


def _worsened(previous: Any, row: dict[str, Any]) -> bool:
    if Severity(row["severity"]) > Severity(previous.severity):
        return True
    if previous.hits is None or not previous.of or row["hits"] is None or not row["of"]:
        return False
    before: float = previous.hits / previous.of
    now: float = row["hits"] / row["of"]
    return now > before * (1 + _WORSENED_SHARE_GROWTH) if before else now > 0


def _to_utc_naive(moment: datetime) -> datetime:
    # Stored naive in UTC: SQLite has no time zones, and comparing a naive local time with a
    # stored UTC time would make the backwards-clock check meaningless.
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def _dedupe(findings: Sequence[Finding]) -> dict[str, Finding]:
    chosen: dict[str, Finding] = {}
    for finding in findings:
        key = fingerprint(finding)
        kept = chosen.get(key)
        if kept is None or finding.severity > kept.severity:
            chosen[key] = finding
    return chosen


class HistoryStore:
    """The drift history in SQLite (default) or PostgreSQL, through SQLAlchemy Core.

    Use :meth:`open`, not the constructor.
    """

    def __init__(self, engine: Engine, schema: str | None, where: str) -> None:
        self._engine = engine
        self._where = where
        # A SQLite file sealed on close (drift/history_seal.py), once it was found sound
        self._seal: Path | None = None
        (self._metadata, self._meta, self._runs, self._observations, self._baselines) = _tables(
            schema
        )
        self._formats = self._metadata.tables[f"{schema}.formats" if schema else "formats"]

    @classmethod
    def open(cls, url: str = DEFAULT_URL, *, schema: str | None = None,
             connect_timeout: float = 10.0) -> HistoryStore:
        """Open (creating if missing) the history at ``url``.

        Args:
            url: A SQLAlchemy URL: ``sqlite:///path/to/file.sqlite`` (parent folders are
                created) or ``postgresql+psycopg://user@host:port/db``.
            schema: A PostgreSQL schema to keep the tables in, created if missing; None keeps
                them in the default schema.
            connect_timeout: Seconds to wait for a database server to answer (a server that
                accepts connections but never answers must not hold the nightly job).

        Returns:
            The open store.

        Raises:
            HistoryError: The database cannot be reached, is not a database, or holds a history
                of another schema version.
        """
        try:
            parsed = sa.make_url(url)
        except sa.exc.ArgumentError:
            raise HistoryError(
                f"not a database URL: {url!r}",
                hint="use sqlite:///path/to/history.sqlite or "
                "postgresql+psycopg://user@host:5432/database",
            ) from None
        where = parsed.render_as_string(hide_password=True)
        options: dict[str, Any] = {}
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            where = str(parsed.database)
            try:
                Path(where).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise HistoryError(
                    f"cannot create the folder of the drift history: {error.strerror or error}",
                    file=where, hint="point the history at a path whose folders are folders "
                                     "you may write to") from None
            try:
                require_readable(Path(where), display=where)
            except PathRefused as refused:
                raise HistoryError(
                    f"cannot open the drift history: {refused.message}", file=where,
                    hint="make the file and its folder readable and writable by the user "
                         "running seamguard (each run is added to it)") from refused
            wrong = damage(Path(where))
            if wrong is not None:
                raise HistoryError(
                    f"the drift history is damaged: {wrong}", file=where,
                    hint="move the file aside (keep it to look into) and run again to start a "
                         "fresh history, or restore it from a backup; if you changed it on "
                         f"purpose, `sqlite3 {shlex.quote(where)} 'PRAGMA user_version = 0'` "
                         "accepts it as it is")
        elif parsed.get_backend_name() == "postgresql":
            options["connect_args"] = {"connect_timeout": max(1, round(connect_timeout))}
        if schema is not None and parsed.get_backend_name() != "postgresql":
            raise HistoryError(
                "a schema can only be given for a PostgreSQL history",
                file=where,
                hint="leave out schema=, or use a postgresql+psycopg:// URL",
            )
        try:
            store = cls(sa.create_engine(parsed, **options), schema, where)
            try:
                store._prepare(schema)
            except BaseException:
                store.close()
                raise
            if parsed.get_backend_name() == "sqlite" and Path(where).is_file():
                store._seal = Path(where)
        except sa.exc.SQLAlchemyError as error:
            raise HistoryError(
                f"cannot open the drift history: {_driver_message(error)}",
                file=where,
                hint="if this file is not a seamguard drift history (or is damaged), move it "
                "aside and run again to start a fresh history; for a server, check the URL "
                "and that the server is running",
            ) from None
        return store

    def _prepare(self, schema: str | None) -> None:
        with self._engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Jobs opening one fresh history at once would race to create the same tables.
                conn.execute(
                    sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext("seamguard")))
                )
            if schema is not None:
                conn.execute(sa.schema.CreateSchema(schema, if_not_exists=True))
            inspector = sa.inspect(conn)
            existing = set(inspector.get_table_names(schema=schema))
            ours = {table.name for table in self._metadata.sorted_tables}
            if existing & ours:
                self._check_version(conn, existing)
                if "formats" not in existing:
                    self._formats.create(conn)  # a history of schema version 1: add the table
                    conn.execute(sa.update(self._meta).values(version=SCHEMA_VERSION))
            else:
                self._metadata.create_all(conn)
                conn.execute(sa.insert(self._meta).values(version=SCHEMA_VERSION))

    def _check_version(self, conn: Connection, existing: set[str]) -> None:
        found = None
        if self._meta.name in existing:
            found = conn.execute(sa.select(sa.func.max(self._meta.c.version))).scalar()
        if found not in (1, SCHEMA_VERSION):
            newer = isinstance(found, int) and found > SCHEMA_VERSION
            raise HistoryError(
                f"the drift history has schema version {found}, this seamguard "
                f"needs {SCHEMA_VERSION}"
                + (" (it was written by a newer seamguard: upgrade this one)" if newer else
                   "" if found is not None else " (its tables are not a seamguard history)"),
                file=self._where,
                hint="move the file aside (or drop its tables) to start a fresh history",
            )

    def close(self) -> None:
        """Release the database connections (and seal a SQLite file for the next reader)."""
        self._engine.dispose()
        if self._seal is not None:
            path, self._seal = self._seal, None
            try:
                seal(path)
            except (sqlite3.Error, OSError) as error:
                raise HistoryError(
                    f"cannot seal the drift history after writing it: {error}", file=str(path),
                    hint="this run's rows are written; check the file's permissions and the "
                         "disk, and run again") from None

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        try:
            with self._engine.begin() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as error:
            raise HistoryError(
                f"cannot update the drift history: {_driver_message(error)}",
                file=self._where,
                hint="the previous history is unchanged; check the database and run again",
            ) from None
        except (ValueError, TypeError, ArithmeticError) as error:
            # A value no seamguard writes (a time that is no time, an unknown severity, bytes
            # where a count belongs): another program changed the history, or it is damaged.
            raise HistoryError(
                f"the drift history holds a value seamguard never writes: {error}",
                file=self._where,
                hint="the history is unchanged; if another program edited it, undo that, or "
                     "move the file aside to start a fresh history",
            ) from None

    def baseline(self, platform: str) -> set[str]:
        """Return the fingerprints seen in the last recorded run of ``platform``."""
        table = self._baselines
        with self._transaction() as conn:
            rows = conn.execute(sa.select(table.c.fingerprint).where(table.c.platform == platform))
            return {row.fingerprint for row in rows}

    def formats(self, platform: str) -> dict[FormatKey, FieldFormat]:
        """The format baseline of ``platform``: each field's format when it was first seen."""
        table = self._formats
        with self._transaction() as conn:
            rows = conn.execute(sa.select(table).where(table.c.platform == platform))
            return {(row.operation, row.field): FieldFormat(row.format, row.share, row.total,
                                                            row.first_seen.replace(tzinfo=UTC))
                    for row in rows}

    def record(
        self,
        platform: str,
        findings: Sequence[Finding],
        *,
        now: datetime,
        ignores: Sequence[IgnoreRule] = (),
        formats: Mapping[FormatKey, FieldFormat] | None = None,
        unchecked: Collection[str] = (),
    ) -> RunResult:
        """Store one run of ``platform`` and classify its findings against the previous run.

        Everything happens in one transaction: if anything fails midway, the history is left as
        it was before the call.

        Args:
            platform: The platform the run checked; each platform has its own sequence of runs.
            findings: The run's findings; several with one fingerprint count once (the most
                severe is kept).
            now: When the run happened; naive values are taken as UTC.
            ignores: Ignore rules; expired ones do not apply and come back in the result.
            formats: This run's dominant format per field; fields not yet in the platform's
                format baseline are added to it (a baseline is never overwritten).
            unchecked: Codes this run could not check (the payloads they are about did not all
                arrive). A previous finding with such a code that is not among ``findings`` is
                kept as it was, not resolved: a night whose fetch failed proves nothing fixed.

        Returns:
            The classified findings, the resolved ones and the expired ignore rules.

        Raises:
            HistoryError: ``now`` is earlier than the platform's last run, or the database fails.
        """
        stamp = _to_utc_naive(now)
        active = [rule for rule in ignores if not rule.expired(stamp.date())]
        expired = [rule for rule in ignores if rule.expired(stamp.date())]
        current = _dedupe(findings)
        with self._transaction() as conn:
            if conn.dialect.name == "postgresql":
                # Two jobs recording one platform at once would both read the same previous run
                # and both pass the clock check; the lock makes the second wait for the first.
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(platform))))
            self._check_clock(conn, platform, stamp)
            previous = {
                row.fingerprint: row
                for row in conn.execute(
                    sa.select(self._baselines).where(self._baselines.c.platform == platform)
                )
            }
            insert_run = sa.insert(self._runs).values(
                platform=platform, started_at=stamp, findings=len(findings)
            )
            run_id = int(conn.execute(insert_run.returning(self._runs.c.id)).scalar_one())
            classified: list[Classified] = []
            observations: list[dict[str, Any]] = []
            baselines: list[dict[str, Any]] = []
            for key, finding in current.items():
                row = _finding_row(finding)
                before = previous.get(key)
                status, first_seen, runs_seen = _classify(
                    before, row, stamp, any(rule.matches(finding, platform) for rule in active)
                )
                classified.append(
                    Classified(finding, key, status, first_seen.replace(tzinfo=UTC), runs_seen)
                )
                observations.append({"run_id": run_id, "fingerprint": key, "status": status, **row})
                baselines.append(
                    {
                        "platform": platform,
                        "fingerprint": key,
                        "status": status,
                        "first_seen": first_seen,
                        "last_run_id": run_id,
                        "runs_seen": runs_seen,
                        **row,
                    }
                )
            kept = {key: row for key, row in previous.items()
                    if key not in current and row.code in unchecked}
            baselines.extend({**row._asdict(), "platform": platform} for row in kept.values())
            self._insert_observations(conn, observations)
            self._replace_baselines(conn, platform, baselines)
            self._add_formats(conn, platform, formats or {}, stamp)
        resolved = [
            (key, row.code, row.message) for key, row in previous.items()
            if key not in current and key not in kept
        ]
        return RunResult(run_id, classified, resolved, expired)

    def _check_clock(self, conn: Connection, platform: str, stamp: datetime) -> None:
        runs = self._runs
        last = conn.execute(
            sa.select(sa.func.max(runs.c.started_at)).where(runs.c.platform == platform)
        ).scalar()
        if last is not None and stamp < last:
            raise HistoryError(
                f"the clock went backwards for platform {platform!r}: this run is at "
                f"{stamp.isoformat()}Z but the last recorded run was at {last.isoformat()}Z",
                file=self._where,
                hint="check the machine's clock and time zone (pass an aware datetime); the "
                "history was not changed",
            )

    def _add_formats(self, conn: Connection, platform: str,
                     formats: Mapping[FormatKey, FieldFormat], stamp: datetime) -> None:
        if not formats:
            return
        table = self._formats
        known = {(row.operation, row.field) for row in conn.execute(
            sa.select(table.c.operation, table.c.field).where(table.c.platform == platform))}
        rows = [{"platform": platform, "operation": operation, "field": field,
                 "format": seen.format, "share": seen.share, "total": seen.total,
                 "first_seen": stamp}
                for (operation, field), seen in formats.items()
                if (operation, field) not in known]
        if rows:
            conn.execute(sa.insert(table), rows)

    def _insert_observations(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(sa.insert(self._observations), rows)

    def _replace_baselines(
        self, conn: Connection, platform: str, rows: list[dict[str, Any]]
    ) -> None:
        # Replace rather than upsert: one statement shape for SQLite and PostgreSQL, and the
        # deletion is what makes a finding "resolved" next time.
        table = self._baselines
        conn.execute(sa.delete(table).where(table.c.platform == platform))
        if rows:
            conn.execute(sa.insert(table), rows)


def _classify(
    before: Any, row: dict[str, Any], stamp: datetime, ignored: bool
) -> tuple[str, datetime, int]:
    if before is None:
        return ("ignored" if ignored else "new"), stamp, 1
    first_seen, runs_seen = before.first_seen, before.runs_seen + 1
    if ignored:
        return "ignored", first_seen, runs_seen
    if before.status == "ignored":
        # The ignore rule expired or was removed: nobody has been alerted yet, so alert now.
        return "new", first_seen, runs_seen
    return ("worsened" if _worsened(before, row) else "ongoing"), first_seen, runs_seen


def _driver_message(error: sa.exc.SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    text = str(original if original is not None else error).strip()
    return text.splitlines()[0] if text else type(error).__name__
