"""What the dashboard keeps per trainee instead of re-reading every event: a pure fold.

Reports over millions of events cannot scan them on every page load, so the collector keeps
small summaries (tables in :mod:`tutor.collector.schema`). This module says what they hold
and how one event changes them, with no database in sight. Every field is a minimum, a
maximum, a count, a flag that only turns on, or a union of time spans: folding the same
set of events in any order, in one go or in many batches, gives the same state. That is
what lets ingest update summaries batch by batch while a rebuild folds everything at once
and both agree (tested with hypothesis).

Payload fields are read the way :mod:`.dashboard.sql_json` reads them in SQL: text as is,
numbers as their JSON text, booleans as ``true``/``false``, anything else as unknown. Text
that cannot go in a PostgreSQL text column (NUL) is replaced, and keys are cut to 200
characters, so a hostile PC cannot make an insert fail.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from tutor.domain import events as ev
from tutor.domain.milestones import EARNINGS, EARNINGS_BANDS, FIRST_JOB, PROFILE, PROPOSAL
from tutor.simulator import sim_events as sim

USB_CENTRE = "(USB)"
KEY_CHARS = 200
SITTING_GAP_MS = 10 * 60 * 1000  # a longer pause ends a sitting: that time is not counted
SWIM_BAND = 2  # earnings band index from which a trainee with a job is "swimming"
PROGRESS_TYPES = frozenset({ev.SECTION_READ, ev.QUIZ_FINISHED, ev.LESSON_COMPLETED})
LESSON_TYPES = frozenset(
    {ev.LESSON_OPENED, ev.SECTION_READ, ev.QUIZ_ANSWERED, ev.QUIZ_FINISHED, ev.LESSON_COMPLETED}
)
LESSON_FLAGS = ("opened", "read", "quiz_taken", "quiz_passed", "completed")
_FLAG_OF_TYPE = {
    ev.LESSON_OPENED: "opened",
    ev.SECTION_READ: "read",
    ev.QUIZ_FINISHED: "quiz_taken",
    ev.LESSON_COMPLETED: "completed",
}


def field_text(value: Any) -> str | None:
    """A payload value as the SQL reports would read it, safe to store as a key."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value
    elif isinstance(value, int | float):
        text = json.dumps(value)
    else:
        return None
    return text.replace("\x00", "\ufffd")[:KEY_CHARS]


@dataclass(frozen=True)
class Event:
    """The parts of a stored event the summaries need."""

    learner: str
    dev: str
    type: str
    payload: dict
    at: int  # estimated true time, else when received (ms)


def event_from_body(learner: str, dev: str, body: str, at: int) -> Event:
    """An :class:`Event` from a stored row's canonical JSON body."""
    try:
        rec = json.loads(body)
    except ValueError:
        rec = {}
    payload = rec.get("p") if isinstance(rec, dict) else None
    etype = rec.get("t", "") if isinstance(rec, dict) else ""
    return Event(learner, dev, str(etype), payload if isinstance(payload, dict) else {}, at)


@dataclass
class LessonState:
    opened: int = 0
    read: int = 0
    quiz_taken: int = 0
    quiz_passed: int = 0
    completed: int = 0
    fails: int = 0  # quiz attempts not passed
    sittings: list[list[int]] = field(default_factory=list)  # sorted [start, end] spans

    @property
    def spent_ms(self) -> int:
        return sum(end - start for start, end in self.sittings)

    def copy(self) -> LessonState:
        return replace(self, sittings=[list(s) for s in self.sittings])


def add_to_sittings(sittings: list[list[int]], at: int, gap: int = SITTING_GAP_MS) -> None:
    """Put one event time into the spans: spans closer than ``gap`` to it merge with it.

    The spans are the groups of event times whose neighbours are at most ``gap`` apart,
    which depends only on the set of times, not on the order they arrive in. Spans stay
    sorted and more than ``gap`` apart, so both ends are sorted and bisect finds the ones
    to merge.
    """
    lo = bisect_left(sittings, at - gap, key=lambda span: span[1])
    hi = bisect_right(sittings, at + gap, key=lambda span: span[0])
    start, end = at, at
    if lo < hi:  # spans lo..hi-1 are within ``gap`` of ``at``: one span with it
        start, end = min(at, sittings[lo][0]), max(at, sittings[hi - 1][1])
    sittings[lo:hi] = [[start, end]]


@dataclass
class LearnerState:
    """One trainee's summary; ``centre`` is set by the caller from the trainee's devices."""

    learner: str
    centre: str = USB_CENTRE
    first_at: int | None = None
    last_at: int | None = None
    last_progress: int | None = None
    n_events: int = 0
    sim_player: int = 0
    sim_bids: int = 0
    sim_wins: int = 0
    struggle_at: int | None = None
    job_at: int | None = None
    band_at: int | None = None
    devs: set[str] = field(default_factory=set)
    lessons: dict[str, LessonState] = field(default_factory=dict)
    marks: dict[str, int] = field(default_factory=dict)  # milestone label -> first time

    def copy(self) -> LearnerState:
        return replace(
            self,
            devs=set(self.devs),
            lessons={k: v.copy() for k, v in self.lessons.items()},
            marks=dict(self.marks),
        )

    @property
    def completed(self) -> int:
        return sum(s.completed for s in self.lessons.values())

    @property
    def open_fails(self) -> int:
        return sum(s.fails for s in self.lessons.values() if not s.quiz_passed)

    @property
    def quiz_taken(self) -> int:
        return sum(s.quiz_taken for s in self.lessons.values())

    @property
    def quiz_passed(self) -> int:
        return sum(s.quiz_passed for s in self.lessons.values())


def _min(a: int | None, b: int) -> int:
    return b if a is None or b < a else a


def _max(a: int | None, b: int) -> int:
    return b if a is None or b > a else a


def fold(state: LearnerState, e: Event) -> None:
    """Apply one event to its trainee's state (order of events does not matter)."""
    state.devs.add(e.dev)
    state.first_at = _min(state.first_at, e.at)
    state.last_at = _max(state.last_at, e.at)
    state.n_events += 1
    if e.type in PROGRESS_TYPES:
        state.last_progress = _max(state.last_progress, e.at)
    if e.type in LESSON_TYPES:
        _fold_lesson(state, e)
    elif e.type == ev.MILESTONE_REPORTED:
        _fold_milestone(state, e)
    elif e.type == sim.CAREER_STARTED:
        state.sim_player = 1
    elif e.type == sim.BID_SUBMITTED:
        state.sim_bids += 1
    elif e.type == sim.BID_OUTCOME and e.payload.get("won") is True:
        state.sim_wins += 1


def _fold_lesson(state: LearnerState, e: Event) -> None:
    lesson = field_text(e.payload.get("lesson"))
    if lesson is None:
        return
    s = state.lessons.setdefault(lesson, LessonState())
    flag = _FLAG_OF_TYPE.get(e.type)
    if flag:
        setattr(s, flag, 1)
    if e.type == ev.QUIZ_FINISHED:
        if e.payload.get("passed") is True:
            s.quiz_passed = 1
        else:
            s.fails += 1
    add_to_sittings(s.sittings, e.at)


def milestone_label(payload: dict) -> str:
    """The milestone as the outcomes page counts it: the kind, with the band for earnings."""
    kind = field_text(payload.get("milestone"))
    if kind == EARNINGS:
        return f"{kind}:{field_text(payload.get('value')) or '?'}"[:KEY_CHARS]
    return kind if kind is not None else "?"


def _fold_milestone(state: LearnerState, e: Event) -> None:
    label = milestone_label(e.payload)
    state.marks[label] = _min(state.marks.get(label), e.at)
    kind = field_text(e.payload.get("milestone"))
    if kind in (PROFILE, PROPOSAL):
        state.struggle_at = _min(state.struggle_at, e.at)
    elif kind == FIRST_JOB:
        state.job_at = _min(state.job_at, e.at)
    elif kind == EARNINGS:
        value = field_text(e.payload.get("value"))
        rank = EARNINGS_BANDS.index(value) if value in EARNINGS_BANDS else 0
        if rank >= SWIM_BAND:
            state.band_at = _min(state.band_at, e.at)


def home_centre(centres: Iterable[str | None]) -> str:
    """A trainee's centre: the first (by name) centre of their enrolled PCs, else (USB)."""
    known = sorted(c for c in centres if c)
    return known[0] if known else USB_CENTRE


# ---- what a trainee adds to the per-centre tables -------------------------------------------
@dataclass
class Contribution:
    """Counts one trainee adds to the per-centre tables; summing these over trainees gives
    the tables, and ingest applies (new - old) for the trainees a batch touched."""

    lessons: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    minutes: dict[tuple[str, str, int], int] = field(default_factory=dict)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, other: Contribution, sign: int = 1) -> None:
        for key, values in other.lessons.items():
            mine = self.lessons.setdefault(key, [0] * len(values))
            for i, v in enumerate(values):
                mine[i] += sign * v
        for key, n in other.minutes.items():
            self.minutes[key] = self.minutes.get(key, 0) + sign * n
        for key, n in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + sign * n

    def nonzero(self) -> Contribution:
        return Contribution(
            {k: v for k, v in self.lessons.items() if any(v)},
            {k: n for k, n in self.minutes.items() if n},
            {k: n for k, n in self.counts.items() if n},
        )


# Per (centre, lesson): the five flags, then total time spent and trainees with any time.
CENTRE_LESSON_COLUMNS = (*LESSON_FLAGS, "spent_ms", "spent_learners")


def minutes_of(spent_ms: int) -> int:
    return round(spent_ms / 60_000)


def contribution(state: LearnerState | None) -> Contribution:
    """What this trainee counts for in their centre (nothing for a trainee not yet seen)."""
    out = Contribution()
    if state is None or state.first_at is None:
        return out
    c = state.centre
    out.counts[(c, "learners")] = 1
    if state.sim_player:
        out.counts[(c, "sim_players")] = 1
    for lesson, s in state.lessons.items():
        spent = s.spent_ms
        out.lessons[(c, lesson)] = [*(getattr(s, f) for f in LESSON_FLAGS), spent, int(spent > 0)]
        if s.completed:
            key = (c, lesson, minutes_of(spent))
            out.minutes[key] = out.minutes.get(key, 0) + 1
    return out


# ---- counts per device (plain event counts, no trainee distinctness) --------------------
def device_counts(e: Event) -> tuple[tuple[str, str, str, int, int] | None, list[str]]:
    """A quiz answer's (dev, lesson, question, 1, correct) and the simulator measures."""
    question = None
    if e.type == ev.QUIZ_ANSWERED:
        lesson = field_text(e.payload.get("lesson")) or ""
        qid = field_text(e.payload.get("question")) or ""
        question = (e.dev, lesson, qid, 1, int(e.payload.get("correct") is True))
    measures: list[str] = []
    if e.type == sim.BID_SUBMITTED:
        measures.append("bids")
    elif e.type == sim.BID_OUTCOME and e.payload.get("won") is True:
        measures.append("bids_won")
    elif e.type == sim.CAREER_ENDED:
        measures.append("careers_ended")
        standing = field_text(e.payload.get("standing"))
        measures.append(f"standing:{standing if standing is not None else '?'}"[:KEY_CHARS])
    return question, measures


def sittings_text(sittings: list[list[int]]) -> str:
    return json.dumps(sittings, separators=(",", ":"))


def sittings_from_text(text: str | None) -> list[list[int]]:
    try:
        spans = json.loads(text or "[]")
    except ValueError:
        return []
    return [[int(a), int(b)] for a, b in spans]
