"""Keeping the dashboard's summary tables: per batch at ingest, or rebuilt from all events.

Ingest calls :func:`update_for_events` in the same transaction as the events insert, so
the summaries can never disagree with the events they came from. For each trainee the
batch touches it loads the stored state, folds the new events in (summary_model.fold),
writes the rows that changed, and applies the difference of the trainee's per-centre
contribution to the per-centre tables. :func:`rebuild_summaries` folds every stored event
from scratch with the same code; migration 4 uses it to fill the tables on upgrade.

On PostgreSQL, two collector processes may ingest for the same trainee at once (two PCs):
each takes a transaction-scoped advisory lock per trainee, in name order, before reading.
SQLite serialises writers already (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import Table, delete, func, select, text
from sqlalchemy.engine import Connection

from tutor.collector import summary_model as sm
from tutor.collector.schema import (
    SUMMARY_TABLES,
    enrolments,
    events,
    streams,
    sum_centre_counts,
    sum_centre_lessons,
    sum_dev_counts,
    sum_dev_questions,
    sum_learner_devs,
    sum_learner_lessons,
    sum_learner_marks,
    sum_learners,
    sum_lesson_minutes,
)

CHUNK = 500  # keys per IN (...) list
WRITE_CHUNK = 5000


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _insert(conn: Connection, table: Table):  # noqa: ANN202
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _upsert_set(conn: Connection, table: Table, keys: tuple[str, ...]):  # noqa: ANN202
    """INSERT, or on a key clash overwrite every other column."""
    stmt = _insert(conn, table)
    others = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=others)


def _upsert_add(conn: Connection, table: Table, keys: tuple[str, ...]):  # noqa: ANN202
    """INSERT, or on a key clash add the new values to the stored ones."""
    stmt = _insert(conn, table)
    others = {
        c.name: table.c[c.name] + stmt.excluded[c.name] for c in table.columns if c.name not in keys
    }
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=others)


# ---- reading and writing trainee states -------------------------------------------------
def load_states(conn: Connection, learners: Iterable[str]) -> dict[str, sm.LearnerState]:
    """The stored states of these trainees (absent ones are not in the result)."""
    names = sorted(set(learners))
    states: dict[str, sm.LearnerState] = {}
    for part in _chunks(names):
        for row in conn.execute(select(sum_learners).where(sum_learners.c.learner.in_(part))):
            m = row._mapping
            states[m["learner"]] = sm.LearnerState(
                learner=m["learner"],
                centre=m["centre"],
                first_at=m["first_at"],
                last_at=m["last_at"],
                last_progress=m["last_progress"],
                n_events=int(m["n_events"]),
                sim_player=int(m["sim_player"]),
                sim_bids=int(m["sim_bids"]),
                sim_wins=int(m["sim_wins"]),
                struggle_at=m["struggle_at"],
                job_at=m["job_at"],
                band_at=m["band_at"],
            )
        q = select(sum_learner_lessons).where(sum_learner_lessons.c.learner.in_(part))
        for row in conn.execute(q):
            m = row._mapping
            states[m["learner"]].lessons[m["lesson"]] = sm.LessonState(
                *(int(m[f]) for f in sm.LESSON_FLAGS),
                fails=int(m["fails"]),
                sittings=sm.sittings_from_text(m["sittings"]),
            )
        q = select(sum_learner_marks).where(sum_learner_marks.c.learner.in_(part))
        for learner, label, at in conn.execute(q):
            states[learner].marks[label] = at
        q = select(sum_learner_devs).where(sum_learner_devs.c.learner.in_(part))
        for learner, dev in conn.execute(q):
            states[learner].devs.add(dev)
    return states


def _learner_row(s: sm.LearnerState) -> dict:
    return {
        "learner": s.learner,
        "centre": s.centre,
        "first_at": s.first_at,
        "last_at": s.last_at,
        "last_progress": s.last_progress,
        "n_events": s.n_events,
        "completed": s.completed,
        "open_fails": s.open_fails,
        "quiz_taken": s.quiz_taken,
        "quiz_passed": s.quiz_passed,
        "sim_player": s.sim_player,
        "sim_bids": s.sim_bids,
        "sim_wins": s.sim_wins,
        "struggle_at": s.struggle_at,
        "job_at": s.job_at,
        "band_at": s.band_at,
    }


def _lesson_row(learner: str, lesson: str, s: sm.LessonState) -> dict:
    row = {"learner": learner, "lesson": lesson, "fails": s.fails, "spent_ms": s.spent_ms}
    row.update({f: getattr(s, f) for f in sm.LESSON_FLAGS})
    row["sittings"] = sm.sittings_text(s.sittings)
    return row


def _changed_rows(old: sm.LearnerState | None, new: sm.LearnerState) -> dict[str, list[dict]]:
    """Rows to write for one trainee: only what differs from the stored state."""
    before_lessons = old.lessons if old else {}
    before_marks = old.marks if old else {}
    before_devs = old.devs if old else set()
    return {
        "lessons": [
            _lesson_row(new.learner, lesson, s)
            for lesson, s in new.lessons.items()
            if before_lessons.get(lesson) != s
        ],
        "marks": [
            {"learner": new.learner, "label": label, "first_at": at}
            for label, at in new.marks.items()
            if before_marks.get(label) != at
        ],
        "devs": [{"learner": new.learner, "dev": d} for d in sorted(new.devs - before_devs)],
    }


def write_states(
    conn: Connection, old: dict[str, sm.LearnerState], new: dict[str, sm.LearnerState]
) -> None:
    """Store the new states of trainees whose stored states are ``old``."""
    learners = [_learner_row(s) for _, s in sorted(new.items())]
    lessons, marks, devs = [], [], []
    for name, state in sorted(new.items()):
        rows = _changed_rows(old.get(name), state)
        lessons += rows["lessons"]
        marks += rows["marks"]
        devs += rows["devs"]
    if learners:
        conn.execute(_upsert_set(conn, sum_learners, ("learner",)), learners)
    if lessons:
        conn.execute(_upsert_set(conn, sum_learner_lessons, ("learner", "lesson")), lessons)
    if marks:
        conn.execute(_upsert_set(conn, sum_learner_marks, ("learner", "label")), marks)
    if devs:
        conn.execute(_insert(conn, sum_learner_devs).on_conflict_do_nothing(), devs)


def apply_contribution(conn: Connection, delta: sm.Contribution, *, fresh: bool = False) -> None:
    """Add ``delta`` to the per-centre tables (``fresh``: they are empty, plain inserts)."""
    delta = delta.nonzero()
    lesson_rows = [
        {"centre": c, "lesson": lesson, **dict(zip(sm.CENTRE_LESSON_COLUMNS, v, strict=True))}
        for (c, lesson), v in sorted(delta.lessons.items())
    ]
    minute_rows = [
        {"centre": c, "lesson": lesson, "minutes": m, "learners": n}
        for (c, lesson, m), n in sorted(delta.minutes.items())
    ]
    count_rows = [{"centre": c, "measure": k, "n": n} for (c, k), n in sorted(delta.counts.items())]
    for table, keys, rows in (
        (sum_centre_lessons, ("centre", "lesson"), lesson_rows),
        (sum_lesson_minutes, ("centre", "lesson", "minutes"), minute_rows),
        (sum_centre_counts, ("centre", "measure"), count_rows),
    ):
        if rows:
            stmt = table.insert() if fresh else _upsert_add(conn, table, keys)
            conn.execute(stmt, rows)


class DeviceCounts:
    """Plain event counts per device: quiz answers per question, simulator measures."""

    def __init__(self) -> None:
        self.questions: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.measures: dict[tuple[str, str], int] = defaultdict(int)

    def add(self, e: sm.Event) -> None:
        question, measures = sm.device_counts(e)
        if question is not None:
            dev, lesson, qid, answers, correct = question
            totals = self.questions[(dev, lesson, qid)]
            totals[0] += answers
            totals[1] += correct
        for m in measures:
            self.measures[(e.dev, m)] += 1

    def write(self, conn: Connection, *, fresh: bool = False) -> None:
        q_rows = [
            {"dev": d, "lesson": lesson, "question": q, "answers": a, "correct": c}
            for (d, lesson, q), (a, c) in sorted(self.questions.items())
        ]
        m_rows = [{"dev": d, "measure": m, "n": n} for (d, m), n in sorted(self.measures.items())]
        for table, keys, rows in (
            (sum_dev_questions, ("dev", "lesson", "question"), q_rows),
            (sum_dev_counts, ("dev", "measure"), m_rows),
        ):
            for part in _chunks(rows, WRITE_CHUNK):
                stmt = table.insert() if fresh else _upsert_add(conn, table, keys)
                conn.execute(stmt, part)


# ---- centres of devices ------------------------------------------------------------------
def device_centres(conn: Connection, devs: Iterable[str] | None = None) -> dict[str, str | None]:
    """Each device's enrolled centre (None when known only from USB bundles)."""
    q = select(streams.c.dev, enrolments.c.centre).select_from(
        streams.outerjoin(enrolments, enrolments.c.id == streams.c.enrolment_id)
    )
    if devs is None:
        return dict(conn.execute(q).all())
    out: dict[str, str | None] = {}
    for part in _chunks(sorted(set(devs))):
        out.update(conn.execute(q.where(streams.c.dev.in_(part))).all())
    return out


def _lock_learners(conn: Connection, learners: list[str]) -> None:
    if conn.dialect.name != "postgresql":
        return
    for name in sorted(learners):
        key = zlib.crc32(name.encode()) - 2**31
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


# ---- the ingest hook ---------------------------------------------------------------------------
def update_for_events(
    conn: Connection, new_events: list[sm.Event], recheck: Iterable[str] = ()
) -> None:
    """Fold newly stored events into the summaries, in the caller's transaction.

    ``recheck`` names trainees whose centre may have changed without new events (their
    PC's stream just got an enrolment)."""
    learners = sorted({e.learner for e in new_events} | set(recheck))
    if not learners:
        return
    _lock_learners(conn, learners)
    old = load_states(conn, learners)
    new = {name: (old[name].copy() if name in old else sm.LearnerState(name)) for name in learners}
    counts = DeviceCounts()
    for e in new_events:
        sm.fold(new[e.learner], e)
        counts.add(e)
    centres = device_centres(conn, {d for s in new.values() for d in s.devs})
    delta = sm.Contribution()
    for name, state in new.items():
        state.centre = sm.home_centre(centres.get(d) for d in state.devs)
        delta.add(sm.contribution(state))
        delta.add(sm.contribution(old.get(name)), -1)
    write_states(conn, old, {k: v for k, v in new.items() if v.first_at is not None})
    apply_contribution(conn, delta)
    counts.write(conn)


def learners_on_device(conn: Connection, dev: str) -> list[str]:
    q = select(sum_learner_devs.c.learner).where(sum_learner_devs.c.dev == dev)
    return [name for (name,) in conn.execute(q)]


# ---- rebuilding from every stored event ----------------------------------------------------
def _events_by_learner(conn: Connection) -> Iterator[sm.Event]:
    at = func.coalesce(events.c.est_time, events.c.received_at)
    q = select(events.c.learner, events.c.dev, events.c.body, at).order_by(events.c.learner)
    result = conn.execute(q.execution_options(yield_per=10_000))
    for learner, dev, body, when in result:
        yield sm.event_from_body(learner, dev, body, int(when))


def rebuild_summaries(conn: Connection) -> int:
    """Empty the summary tables and fold every stored event again; returns trainees."""
    for table in SUMMARY_TABLES:
        conn.execute(delete(table))
    centres = device_centres(conn)
    total = sm.Contribution()
    counts = DeviceCounts()
    pending: dict[str, sm.LearnerState] = {}
    state: sm.LearnerState | None = None
    n = 0

    def finish(s: sm.LearnerState) -> None:
        s.centre = sm.home_centre(centres.get(d) for d in s.devs)
        total.add(sm.contribution(s))
        pending[s.learner] = s
        if len(pending) >= 1000:
            write_states(conn, {}, pending)
            pending.clear()

    for e in _events_by_learner(conn):
        if state is None or state.learner != e.learner:
            if state is not None:
                finish(state)
                n += 1
            state = sm.LearnerState(e.learner)
        sm.fold(state, e)
        counts.add(e)
    if state is not None:
        finish(state)
        n += 1
    write_states(conn, {}, pending)
    apply_contribution(conn, total, fresh=True)
    counts.write(conn, fresh=True)
    return n
