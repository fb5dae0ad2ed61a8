"""The journal: records what trainees do in the event log and keeps progress views current.

Every call to :meth:`Journal.record` returns only after the event is durable (the log
fsyncs), so what the screen shows as done is on disk.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any, Protocol

from tutor.domain.events import Event, NewEvent
from tutor.domain.progress import LearnerProgress, apply, fold_all


class EventSink(Protocol):
    """What the journal needs from the event log (``tutor.store.event_log.EventLog``)."""

    def append(self, new: NewEvent) -> Event: ...

    def read(self, from_seq: int = 1) -> Any: ...


class Journal:
    """Appends events and folds them into per-trainee progress."""

    def __init__(self, log: EventSink) -> None:
        self._log = log
        self._progress: dict[str, LearnerProgress] = {}
        # appends (UI thread) and reads (start-up and sync workers) never interleave
        self._lock = threading.Lock()

    def load(self) -> list[Event]:
        """Fold the whole log once (at start, in a worker); returns the events read."""
        with self._lock:
            events = list(self._log.read(1))
            self._progress = fold_all(events)
        return events

    def record(self, learner: str, type_: str, payload: dict[str, Any] | None = None) -> Event:
        with self._lock:
            event = self._log.append(NewEvent(learner=learner, type=type_, payload=payload or {}))
            self._progress[learner] = apply(self.progress(learner), event)
        return event

    def reader(self) -> LockedReader:
        """The log as the sync client reads it, safe beside appends from the UI thread."""
        return LockedReader(self._log, self._lock)

    def progress(self, learner: str) -> LearnerProgress:
        return self._progress.get(learner, LearnerProgress())

    def all_progress(self) -> dict[str, LearnerProgress]:
        return dict(self._progress)


class LockedReader:
    """Reads the log under the journal's lock (it materialises what one call asks for)."""

    def __init__(self, log: Any, lock: threading.Lock) -> None:
        self._log = log
        self._lock = lock

    @property
    def last_seq(self) -> int:
        with self._lock:
            return int(self._log.last_seq)

    def read(self, from_seq: int = 1) -> Iterator[Event]:
        with self._lock:
            events = list(self._log.read(from_seq))
        return iter(events)
