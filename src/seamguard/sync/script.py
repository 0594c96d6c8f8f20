"""An event script: the logical events of a history and the schedule that delivers them.

A script is plain JSON so that a shrunk counterexample can be printed, saved as a regression
example and replayed byte for byte::

    {"events": [{"label": "e1", "event_id": "…", "topic": "orders/create", "payload": {…}}],
     "steps": [{"deliver": "e1"}, {"deliver": "e1", "fault": "timeout-after-commit"},
               {"deliver": "e2", "together": true}]}

``together`` delivers the event twice at the same time (a platform retrying before the first
delivery was answered); ``fault`` arms one downstream fault for the first CRM write that
delivery causes. A new-id copy is an event of its own with the same payload.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FAULTS", "Event", "Script", "Step"]

FAULTS = ("crm-503", "crm-429", "timeout-after-commit", "partial-207")
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
    deliver: str  # event label
    fault: str | None = None
    together: bool = False  # two deliveries of the event at the same time

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"deliver": self.deliver}
        if self.fault:
            data["fault"] = self.fault
        if self.together:
            data["together"] = True
        return data


@dataclass
class Script:
    events: list[Event]
    steps: list[Step]
    meta: dict[str, Any] = field(default_factory=dict)

    def event(self, label: str) -> Event:
        return next(e for e in self.events if e.label == label)

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
        steps = [Step(s["deliver"], s.get("fault"), bool(s.get("together")))
                 for s in data["steps"]]
        return Script(events, steps, dict(data.get("meta") or {}))
