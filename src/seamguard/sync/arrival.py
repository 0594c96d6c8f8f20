"""The sync properties of how events arrived: forged and replayed deliveries refused, nothing
dead-lettered without a review item, and a poller's windows and pages (no record lost, re-reads
bounded by the platform's write lag). ``docs/sync.md`` lists what each one asserts.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from seamguard.sync.violations import Context, Violation, instant_of

__all__ = ["authenticity", "bounded_re_reads", "dead_letter_review", "no_lost_record"]


_FORGERY = {
    "forged-signature": "signed with another secret",
    "missing-signature": "without a signature",
    "tampered-body": "a genuine signature over a body changed afterwards",
    "replay": "a genuine delivery sent again after the platform's replay tolerance",
}


def authenticity(ctx: Context) -> Violation | None:
    """Every delivery that is not genuine is refused with a 4xx and changes nothing."""
    for delivery in ctx.trace.deliveries:
        if delivery.forgery is None:
            continue
        what = f"{delivery.label} {_FORGERY.get(delivery.forgery, delivery.forgery)}"
        if delivery.tamper:
            what += f" (changed: {', '.join(sorted(delivery.tamper))})"
        writes = [f"{e.kind} {e.object_type} #{e.record_id}" for e in delivery.effects]
        if not delivery.answer.rejected_4xx or writes or delivery.changed:
            changed = writes + [c for c in delivery.changed if c != "CRM records" or not writes]
            return Violation(
                "authenticity",
                f"forged delivery accepted: {what} was answered {delivery.answer.text}"
                + (f" and changed {', '.join(changed)}" if changed else ""),
                expected="a 4xx answer and no change", actual={
                    "answer": delivery.answer.text, "changed": changed})
    return None


def dead_letter_review(ctx: Context) -> Violation | None:
    """Nothing sits in a dead-letter queue, and no unreadable delivery is dropped, without a
    review item naming it; an unreadable delivery changes nothing."""
    named = {str(item.get("event_id")) for item in ctx.trace.review}
    for letter in ctx.trace.dead_letters:
        if letter.event_id not in named:
            return Violation("dead-letter-review",
                             f"message {letter.event_id} ({letter.topic}) is in the dead-letter "
                             "queue, but no review item names it: nobody will look at it",
                             expected="a review item for it", actual=letter.reason or None)
    for delivery in ctx.trace.deliveries:
        if delivery.poison is None:
            continue
        if delivery.effects or "CRM records" in delivery.changed:
            return Violation("dead-letter-review",
                             f"unreadable delivery of {delivery.label} ({delivery.poison}) "
                             "changed the CRM", expected="no change",
                             actual=[e.properties for e in delivery.effects][:3])
    return None


def _when(ctx: Context, moment: datetime | None) -> str:
    started = ctx.trace.started
    if moment is None or started is None:
        return "?"
    seconds = int((moment - started).total_seconds())
    return f"t+{seconds // 3600}h{seconds % 3600 // 60:02d}m{seconds % 60:02d}s" \
        if seconds >= 3600 else f"t+{seconds // 60}m{seconds % 60:02d}s"


def _windows(ctx: Context, limit: int = 6) -> str:
    """The windows a poller asked for, as a reader checks them against a lost record."""
    shown = []
    for request in ctx.trace.source:
        start = request.start.isoformat() if request.start else "?"
        end = request.end.isoformat() if request.end else "now"
        what = request.error or f"{len(request.served)} served" + (", more" if request.more
                                                                    else "")
        shown.append(f"[{start} .. {end}] page {request.page} at {_when(ctx, request.at)}: "
                     f"{what}")
    if len(shown) > limit:
        shown = [*shown[: limit // 2], f"... {len(shown) - limit} more ...",
                 *shown[-(limit // 2):]]
    return "; ".join(shown) or "none"


def no_lost_record(ctx: Context) -> Violation | None:
    """A poller reaches every record's last version, across windows and pages."""
    for key, final in sorted(ctx.trace.finals.items()):
        rule = ctx.rules.get(final.mapping or "")
        if rule is None:
            continue
        served = [(request, s) for request in ctx.trace.source for s in request.served
                  if s.label == final.label]
        landed = next((d.at for d in ctx.trace.deliveries if d.label == final.label), None)
        version = f"{rule.version_field} {final.payload.get(rule.version_field or '')}"
        if not served:
            return Violation(
                "no-lost-record",
                f"record {rule.key_source}={key} lost: its last version {final.label} "
                f"({version}, visible from {_when(ctx, landed)}) was never served to the "
                f"service; its requests were: {_windows(ctx)}",
                expected=f"{final.label} served and applied", actual="never served")
        state = ctx.trace.states.get(key)
        if final.label in ctx.expected.parked:
            continue  # parked, not applied: convergence holds the review queue to the model
        if key in ctx.trace.states and rule.instant(final.payload) is not None:
            stored = instant_of((state or {}).get("version"))
            if stored is None or stored < (rule.instant(final.payload) or stored):
                request, _ = served[-1]
                return Violation(
                    "no-lost-record",
                    f"record {rule.key_source}={key} lost: its last version {final.label} "
                    f"({version}) was served (page {request.page} at {_when(ctx, request.at)})"
                    " but never applied", expected=rule.instant(final.payload),
                    actual=(state or {}).get("version"))
    return None


def _traversals(ctx: Context) -> list[list[Any]]:
    """The poller's requests grouped by window: a new group starts when the window changes (or a
    cursor chain starts again at its first page)."""
    groups: list[list[Any]] = []
    for request in ctx.trace.source:
        previous = groups[-1][-1] if groups else None
        if previous is None or (previous.start, previous.end) != (request.start, request.end) \
                or (request.end is None and request.page == "1"):
            groups.append([request])
        else:
            groups[-1].append(request)
    return groups


def bounded_re_reads(ctx: Context) -> Violation | None:
    """A poller reads a version again only where it must: within the platform's write lag of
    what it has read completely, or at the newest modified time it has seen (the ties a ``>=``
    cursor reads again). What a poll that failed or crashed half way read does not count."""
    lag = ctx.trace.source_lag + timedelta(seconds=1)
    finished = {number for number, delivery in enumerate(
        (d for d in ctx.trace.deliveries if d.tick), start=1) if delivery.ok}
    read: set[str] = set()  # labels served in finished, complete windows
    read_up_to: datetime | None = None
    newest: datetime | None = None
    for group in _traversals(ctx):
        for request in group:
            for served in request.served:
                if served.label not in read or read_up_to is None or newest is None:
                    continue
                if served.modified >= read_up_to - lag or served.modified >= newest - lag:
                    continue
                return Violation(
                    "bounded-re-reads",
                    f"unbounded re-reads: {served.label} (modified {served.modified.isoformat()})"
                    f" read again at {_when(ctx, request.at)} in the window from "
                    f"{request.start.isoformat() if request.start else '?'}, though everything "
                    f"up to {read_up_to.isoformat()} had been read completely; the platform's "
                    f"write lag is {ctx.trace.source_lag}: every poll re-reads the past",
                    expected=f"windows from >= {(read_up_to - lag).isoformat()}",
                    actual=request.start.isoformat() if request.start else None)
        if group[0].tick not in finished or any(r.error for r in group) or \
                all(r.more for r in group):
            continue
        end = group[0].end or group[0].at
        read_up_to = end if read_up_to is None else max(read_up_to, end)
        for request in group:
            for served in request.served:
                read.add(served.label)
                newest = served.modified if newest is None else max(newest, served.modified)
    return None
