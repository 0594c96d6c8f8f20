"""An event script: the logical events of a history and the schedule that delivers them.

A script is plain JSON so that a shrunk counterexample can be printed, saved as a regression
example and replayed byte for byte::

    {"events": [{"label": "e1", "event_id": "…", "topic": "orders/create", "payload": {…}}],
     "steps": [{"deliver": "e1"}, {"deliver": "e1", "fault": "timeout-after-commit"},
               {"deliver": "e2", "together": true, "delay": 7200},
               {"deliver": "e1", "forgery": "tampered-body"}, {"tick": true, "delay": 60}]}

``together`` delivers the event twice at the same time (a platform retrying before the first
delivery was answered); ``alongside`` delivers another event at the same time (two changes of one
record in flight at once, as platforms deliver them); ``fault`` arms one downstream fault for the
first CRM write that delivery (or tick) causes; ``delay`` moves the harness's clock forward that
many seconds before the step (``at`` puts it that many seconds after the script's start instead, so
that a pulled record's landing keeps its time when shrinking drops steps before it). ``forgery``
makes the delivery not genuine (a wrong or missing signature, a body changed after signing, a
replay after the platform's tolerance window): it must be rejected and change nothing. ``poison``
delivers a body the system cannot read. A ``tick`` lets the system's scheduled work run (a poller
polls); ``during`` makes a pulled record change land while the next tick is reading pages, and
``source_fault`` makes the source answer one request of a tick with an error (its rate limit).
A new-id copy is an event of its own with the same payload.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["CRASHES", "FAULTS", "FORGERIES", "POISONS", "TIMEOUT_BEFORE_COMMIT", "Event", "Script",
           "Step"]

FAULTS = ("crm-503", "crm-429", "timeout-after-commit", "partial-207")
# Drawn in place of half the crm-503s (``schedule``), where a refused delivery comes back.
TIMEOUT_BEFORE_COMMIT = "timeout-before-commit"
# A process crash at the first CRM write, before or after the CRM committed it (in-process
# targets only: the harness restarts the system afterwards, as a supervisor would).
CRASHES = ("crash-before-commit", "crash-after-commit")
FORGERIES = ("forged-signature", "missing-signature", "tampered-body", "replay")
POISONS = ("not-json", "not-an-object", "unknown-topic")
_NAMESPACE = uuid.UUID("0b6f0c1e-6d0a-4c55-9d3c-2b8f1f3e7a11")


@dataclass(frozen=True)
class Event:
    label: str
    event_id: str
    topic: str
    payload: dict[str, Any]
    mapping: str | None = None  # the mapping whose source records this event carries

    @staticmethod
    def make(label: str, topic: str, payload: dict[str, Any], mapping: str | None,
             salt: str = "") -> Event:
        event_id = str(uuid.uuid5(_NAMESPACE, f"{salt}/{label}"))
        return Event(label, event_id, topic, payload, mapping)


@dataclass(frozen=True)
class Step:
    deliver: str = ""  # event label; empty for a tick
    fault: str | None = None
    together: bool = False  # two deliveries of the event at the same time
    delay: float = 0.0  # simulated seconds before the step
    forgery: str | None = None
    poison: str | None = None
    tick: bool = False
    during: bool = False
    source_fault: str | None = None
    tamper: dict[str, Any] | None = None  # top-level fields a forger changed
    at: float | None = None  # seconds after the script's start (instead of a delay)
    alongside: str | None = None  # another event's label, delivered at the same time

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"tick": True} if self.tick else {"deliver": self.deliver}
        for name in ("fault", "together", "alongside", "delay", "at", "forgery", "tamper",
                     "poison", "during", "source_fault"):
            value = getattr(self, name)
            if value or (name == "at" and value is not None):
                data[name] = value
        return data

    @staticmethod
    def from_json(data: dict[str, Any]) -> Step:
        return Step(str(data.get("deliver") or ""), data.get("fault"),
                    bool(data.get("together")), float(data.get("delay") or 0.0),
                    data.get("forgery"), data.get("poison"), bool(data.get("tick")),
                    bool(data.get("during")), data.get("source_fault"), data.get("tamper"),
                    data.get("at"), data.get("alongside"))

    @property
    def genuine(self) -> bool:
        """A delivery of the event as the platform sends it (not forged, not poisoned)."""
        return not self.tick and self.forgery is None and self.poison is None

    def but(self, **changes: Any) -> Step:
        return replace(self, **changes)


@dataclass
class Script:
    events: list[Event]
    steps: list[Step]
    meta: dict[str, Any] = field(default_factory=dict)

    def event(self, label: str) -> Event:
        return next(e for e in self.events if e.label == label)

    def used(self) -> set[str]:
        return {label for step in self.steps for label in (step.deliver, step.alongside)
                if label}

    def to_json(self) -> dict[str, Any]:
        return {
            **({"meta": self.meta} if self.meta else {}),
            "events": [{"label": e.label, "event_id": e.event_id, "topic": e.topic,
                        "mapping": e.mapping, "payload": e.payload} for e in self.events],
            "steps": [s.to_json() for s in self.steps],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    @staticmethod
    def from_json(data: dict[str, Any]) -> Script:
        events = [Event(e["label"], e["event_id"], e["topic"], e["payload"], e.get("mapping"))
                  for e in data["events"]]
        steps = [Step.from_json(s) for s in data["steps"]]
        labels = {e.label for e in events}
        for number, step in enumerate(steps):
            for name, label in (("deliver", step.deliver), ("alongside", step.alongside)):
                if label and label not in labels:
                    raise ValueError(f"/steps/{number}/{name}: {label!r} is not the label of "
                                     f"one of the script's events (expected one of "
                                     f"{', '.join(sorted(labels)) or 'none'})")
        return Script(events, steps, dict(data.get("meta") or {}))
