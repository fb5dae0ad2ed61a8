"""Event records: the one source of truth for everything a trainee did.

An event is identified by ``(dev, seq)``: the device that wrote it and a dense sequence
number starting at 1. Every view of progress is a fold over these records (DESIGN §2).
Keys are short because each event crosses 2G links many times over its life.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Event types. Payload keys are listed beside each; payloads stay small and flat.
PROFILE_CREATED = "profile.created"  # {name}
LANGUAGE_CHANGED = "language.changed"  # {lang}
LESSON_OPENED = "lesson.opened"  # {lesson}
SECTION_READ = "section.read"  # {lesson, section, index, of}
QUIZ_ANSWERED = "quiz.answered"  # {lesson, question, choice, correct}
QUIZ_FINISHED = "quiz.finished"  # {lesson, score, total, passed}
LESSON_COMPLETED = "lesson.completed"  # {lesson}
MILESTONE_REPORTED = "milestone.reported"  # {milestone, value?}

EVENT_TYPES = frozenset(
    {
        PROFILE_CREATED,
        LANGUAGE_CHANGED,
        LESSON_OPENED,
        SECTION_READ,
        QUIZ_ANSWERED,
        QUIZ_FINISHED,
        LESSON_COMPLETED,
        MILESTONE_REPORTED,
    }
)


@dataclass(frozen=True)
class Event:
    """One thing a trainee did, as written to the log.

    ``wall`` is the PC's clock in epoch milliseconds (often wrong on centre PCs);
    ``boot`` and ``mono`` (monotonic milliseconds within that boot) let the collector
    estimate true times. Order events by ``(dev, seq)``, never by ``wall``.
    """

    dev: str
    seq: int
    learner: str
    type: str
    payload: dict[str, Any] = field(default_factory=dict)
    wall: int = 0
    boot: str = ""
    mono: int = 0

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict written to the log and sent in sync batches."""
        return {
            "dev": self.dev,
            "seq": self.seq,
            "lrn": self.learner,
            "t": self.type,
            "p": self.payload,
            "wall": self.wall,
            "boot": self.boot,
            "mono": self.mono,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Event:
        """Rebuild an event from its record; raises KeyError/TypeError on a malformed one."""
        return cls(
            dev=str(rec["dev"]),
            seq=int(rec["seq"]),
            learner=str(rec["lrn"]),
            type=str(rec["t"]),
            payload=dict(rec.get("p") or {}),
            wall=int(rec.get("wall", 0)),
            boot=str(rec.get("boot", "")),
            mono=int(rec.get("mono", 0)),
        )


@dataclass(frozen=True)
class NewEvent:
    """What the app asks to record; the store gives it ``dev``, ``seq`` and the clocks."""

    learner: str
    type: str
    payload: dict[str, Any] = field(default_factory=dict)
