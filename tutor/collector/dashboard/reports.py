"""The dashboard's reports, each one SQL query (or a few) over the summary tables.

Every report returns a :class:`Table`: column keys and rows of plain values, which the
pages render and the CSV export writes unchanged. The same SQLAlchemy Core queries run on
SQLite and PostgreSQL. Reports read the summaries ingest keeps (tutor/collector/summaries.py)
and never scan the events table, so a page costs about the same with 10 million events as
with 10 thousand; only one trainee's timeline reads events, through the learner index.
An event's time is the collector's estimate of the true time when it has one, else when it
was received (PC clocks are often wrong, DESIGN §5). ``now`` comes from the caller's clock.

A centre's trainees are those whose home centre (the first centre, by name, among their
enrolled PCs) is that centre; per-question and simulator event counts go by the PC that
sent them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, distinct, func, literal, not_, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnElement, Select

from tutor.collector.schema import (
    cohorts,
    enrolments,
    events,
    streams,
    sum_centre_counts,
    sum_centre_lessons,
    sum_dev_counts,
    sum_dev_questions,
    sum_learner_marks,
    sum_learners,
    sum_lesson_minutes,
)
from tutor.domain import events as ev

DAY_MS = 24 * 3600 * 1000
WEEK_MS = 7 * DAY_MS
DROPPED_AFTER_DAYS = 30  # no event at all for this long, not finished: dropped out
REPEATED_FAILS = 3  # failed quiz attempts in lessons not yet passed: stuck
CLOCK_WARN_MS = 10 * 60 * 1000  # a PC clock off by more than this gets a warning
PAGE_ROWS = 500
PROGRESS_TYPES = (ev.SECTION_READ, ev.QUIZ_FINISHED, ev.LESSON_COMPLETED)
STATUSES = ("active", "stuck", "dropped", "finished")
TIME_COLUMNS = frozenset(
    {"newest_sync", "oldest_sync", "last_sync", "last_progress", "last_event", "time", "period_end"}
)

# Milestones a trainee reports ("My freelancing journey"): payload {milestone, value?}.
# "swimming" starts at earnings band index 2.
SWIM_BAND = 2
TRAJECTORIES = ("sinking", "struggling", "surviving", "swimming")


@dataclass(frozen=True)
class Table:
    """A report: ``columns`` are stable keys (labels come from the page's language)."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class Scope:
    """Which trainees a report covers: all, or those whose home centre is ``centre``."""

    now: int
    centre: str | None = None


def event_time() -> ColumnElement:
    return func.coalesce(events.c.est_time, events.c.received_at)


def _centre_devices(centre: str) -> Select:
    return (
        select(streams.c.dev)
        .join(enrolments, enrolments.c.id == streams.c.enrolment_id)
        .where(enrolments.c.centre == centre)
    )


# ---- overview --------------------------------------------------------------------------
def _learners_in(scope: Scope) -> list[ColumnElement]:
    """Conditions (none, or one) for the trainees in scope, to splat into ``where``."""
    return [] if scope.centre is None else [sum_learners.c.centre == scope.centre]


def _dev_in(column: ColumnElement, scope: Scope) -> list[ColumnElement]:
    return [] if scope.centre is None else [column.in_(_centre_devices(scope.centre))]


def headline(conn: Connection, scope: Scope) -> dict[str, int]:
    """Trainees enrolled (any event) and active in the last seven days."""
    where = _learners_in(scope)
    enrolled = conn.execute(select(func.count()).select_from(sum_learners).where(*where)).scalar()
    active = conn.execute(
        select(func.count())
        .select_from(sum_learners)
        .where(*where, sum_learners.c.last_at >= scope.now - WEEK_MS)
    ).scalar()
    return {"enrolled": int(enrolled or 0), "active_week": int(active or 0)}


def _centre_lessons(scope: Scope, *columns: str) -> Select:
    """Per lesson: the per-centre lesson counts, summed over the centres in scope."""
    cl = sum_centre_lessons
    q = select(cl.c.lesson, *(func.sum(cl.c[c]) for c in columns)).group_by(cl.c.lesson)
    if scope.centre is not None:
        q = q.where(cl.c.centre == scope.centre)
    return q.order_by(cl.c.lesson)


def lesson_results(conn: Connection, scope: Scope) -> Table:
    """Per lesson: trainees who completed it, attempted its quiz, and passed it."""
    cols = ("completed", "quiz_taken", "quiz_passed")
    rows = [
        (lesson, *(int(v or 0) for v in vals))
        for lesson, *vals in conn.execute(_centre_lessons(scope, *cols))
        if vals[0] or vals[1]
    ]
    return Table("lesson_results", ("lesson", "completed", "quiz_takers", "quiz_passed"), rows)


def _centre_count(conn: Connection, scope: Scope, measure: str) -> int:
    q = select(func.sum(sum_centre_counts.c.n)).where(sum_centre_counts.c.measure == measure)
    if scope.centre is not None:
        q = q.where(sum_centre_counts.c.centre == scope.centre)
    return int(conn.execute(q).scalar() or 0)


def sim_results(conn: Connection, scope: Scope) -> Table:
    """Bid simulator: trainees who played, bids sent and won, careers by final standing."""
    dc = sum_dev_counts
    q = (
        select(dc.c.measure, func.sum(dc.c.n))
        .where(*_dev_in(dc.c.dev, scope))
        .group_by(dc.c.measure)
        .order_by(func.sum(dc.c.n).desc(), dc.c.measure)
    )
    found = {m: int(n or 0) for m, n in conn.execute(q)}
    rows: list[tuple[Any, ...]] = [("players", _centre_count(conn, scope, "sim_players"))]
    rows += [(m, found.get(m, 0)) for m in ("bids", "bids_won", "careers_ended")]
    rows += [(m, n) for m, n in found.items() if m.startswith("standing:")]
    return Table("sim_results", ("measure", "value"), rows)


def centres(conn: Connection, scope: Scope) -> Table:
    """Per centre: devices, the newest and oldest last sync, and the worst clock offset."""
    centre = func.coalesce(enrolments.c.centre, literal("(USB)"))
    q = (
        select(
            centre,
            func.count(streams.c.dev),
            func.max(streams.c.last_seen),
            func.min(streams.c.last_seen),
            func.max(func.abs(streams.c.clock_offset_ms)),
        )
        .select_from(streams.outerjoin(enrolments, enrolments.c.id == streams.c.enrolment_id))
        .group_by(centre)
        .order_by(centre)
    )
    if scope.centre is not None:
        q = q.where(enrolments.c.centre == scope.centre)
    rows = [
        (name, int(n), newest, oldest, int(off) if off is not None else None)
        for name, n, newest, oldest, off in conn.execute(q)
    ]
    return Table(
        "centres", ("centre", "devices", "newest_sync", "oldest_sync", "worst_clock_ms"), rows
    )


def devices(conn: Connection, scope: Scope) -> Table:
    """Every PC: centre, last sync, events held (contiguous), clock offset, revoked."""
    q = (
        select(
            streams.c.dev,
            func.coalesce(enrolments.c.centre, literal("(USB)")),
            streams.c.last_seen,
            streams.c.acked,
            streams.c.clock_offset_ms,
            enrolments.c.revoked_at,
        )
        .select_from(streams.outerjoin(enrolments, enrolments.c.id == streams.c.enrolment_id))
        .order_by(streams.c.last_seen.desc())
        .limit(PAGE_ROWS)
    )
    if scope.centre is not None:
        q = q.where(enrolments.c.centre == scope.centre)
    rows = [
        (
            dev,
            centre,
            last,
            int(acked),
            offset,
            "yes" if offset is not None and abs(offset) > CLOCK_WARN_MS else "",
            "yes" if revoked else "",
        )
        for dev, centre, last, acked, offset, revoked in conn.execute(q)
    ]
    return Table(
        "devices",
        (
            "device",
            "centre",
            "last_sync",
            "events_held",
            "clock_offset_ms",
            "clock_warning",
            "revoked",
        ),
        rows,
    )


# ---- trainees ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CohortSpan:
    """A cohort as a filter: its centre's trainees whose first event falls in [start, end)."""

    centre: str
    start: int
    end: int | None


def cohort_of() -> ColumnElement:
    """The cohort of the trainee in ``sum_learners``: their centre's latest start on or
    before their first event (NULL when their centre had none yet)."""
    return latest_cohort(cohorts.c.name)


def latest_cohort(column: ColumnElement) -> ColumnElement:
    """``column`` of the cohort ``cohort_of`` describes (its name, or its id for grouping)."""
    return (
        select(column)
        .where(
            cohorts.c.centre == sum_learners.c.centre,
            cohorts.c.starts_at <= sum_learners.c.first_at,
        )
        .order_by(cohorts.c.starts_at.desc(), cohorts.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _status_is(
    status: str, done: tuple[ColumnElement, ColumnElement], drop_line: int, stuck: ColumnElement
) -> ColumnElement:
    """The status filter as plain conditions (the same rules as the status column), so the
    database can walk the ``last_at`` or ``completed`` index instead of every trainee."""
    finished, unfinished = done
    last_at = sum_learners.c.last_at
    if status == "finished":
        return finished
    if status == "dropped":
        return and_(unfinished, last_at < drop_line)
    live = and_(unfinished, last_at >= drop_line)
    return and_(live, stuck) if status == "stuck" else and_(live, not_(stuck))


def _newest_first(conn: Connection, status: str | None, finished: ColumnElement) -> ColumnElement:
    """``last_at`` descending. For the *finished* filter when few have finished, as an
    expression, so the database reads those few through the ``completed`` index and sorts
    them instead of walking every trainee by last activity looking for them."""
    last_at = sum_learners.c.last_at
    if status == "finished":
        few = select(sum_learners.c.learner).where(finished).limit(4 * PAGE_ROWS).subquery()
        if conn.execute(select(func.count()).select_from(few)).scalar_one() < 4 * PAGE_ROWS:
            return (last_at + 0).desc()
    return last_at.desc()


def trainee_rows(
    conn: Connection,
    scope: Scope,
    *,
    status: str | None = None,
    stuck_days: int = 14,
    total_lessons: int = 0,
    offset: int = 0,
    cohort: CohortSpan | None = None,
) -> Table:
    """The trainee list with each one's status, by the rules in :func:`status_rules`.

    Reads only the trainee summaries, newest activity first, a page at a time."""
    sl = sum_learners
    finished = sl.c.completed >= total_lessons if total_lessons > 0 else literal(False)
    unfinished = sl.c.completed < total_lessons if total_lessons > 0 else literal(True)
    drop_line = scope.now - DROPPED_AFTER_DAYS * DAY_MS
    dropped = sl.c.last_at < drop_line
    stuck = or_(
        sl.c.last_progress.is_(None),
        sl.c.last_progress < scope.now - stuck_days * DAY_MS,
        sl.c.open_fails >= REPEATED_FAILS,
    )
    state = case(
        (finished, literal("finished")),
        (dropped, literal("dropped")),
        (stuck, literal("stuck")),
        else_=literal("active"),
    ).label("status")
    q = (
        select(
            sl.c.learner,
            sl.c.centre,
            cohort_of(),
            state,
            sl.c.completed,
            sl.c.open_fails,
            sl.c.last_progress,
            sl.c.last_at,
            sl.c.n_events,
        )
        .where(*_learners_in(scope))
        .order_by(_newest_first(conn, status, finished), sl.c.learner)
        .limit(PAGE_ROWS)
        .offset(max(0, offset))
    )
    if status in STATUSES:
        q = q.where(_status_is(status, (finished, unfinished), drop_line, stuck))
    if cohort is not None:
        q = q.where(sl.c.centre == cohort.centre, sl.c.first_at >= cohort.start)
        if cohort.end is not None:
            q = q.where(sl.c.first_at < cohort.end)
    rows = [
        (lrn, centre, coh, st, int(done), int(fails), progress, last, int(n))
        for lrn, centre, coh, st, done, fails, progress, last, n in conn.execute(q)
    ]
    return Table(
        "trainees",
        (
            "trainee",
            "centre",
            "cohort",
            "status",
            "lessons_completed",
            "open_quiz_fails",
            "last_progress",
            "last_event",
            "events",
        ),
        rows,
    )


def timeline(conn: Connection, learner: str, limit: int = 1000) -> Table:
    """One trainee's events in order of (estimated) time, then stream order."""
    q = (
        select(event_time(), events.c.dev, events.c.seq, events.c.type, events.c.body, events.c.via)
        .where(events.c.learner == learner)
        .order_by(event_time(), events.c.dev, events.c.seq)
        .limit(limit)
    )
    rows = [
        (at, dev, seq, t, _payload_text(body), via)
        for at, dev, seq, t, body, via in conn.execute(q)
    ]
    return Table("timeline", ("time", "device", "seq", "type", "details", "via"), rows)


def _payload_text(body: str) -> str:
    """The event's payload as compact JSON, for people reading a timeline."""
    try:
        payload = json.loads(body).get("p", {})
    except (ValueError, AttributeError):
        return ""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


# ---- lessons -------------------------------------------------------------------------------
def lesson_funnel(conn: Connection, scope: Scope) -> Table:
    """Per lesson, trainees at each step: opened, read a section, took the quiz, passed,
    completed; each step is a distinct count so the funnel shows where people stop."""
    cols = ("opened", "read", "quiz_taken", "quiz_passed", "completed")
    rows = [
        (lesson, *(int(v or 0) for v in vals))
        for lesson, *vals in conn.execute(_centre_lessons(scope, *cols))
        if any(vals)
    ]
    return Table(
        "funnel", ("lesson", "opened", "read", "quiz_taken", "quiz_passed", "completed"), rows
    )


def time_spent(conn: Connection, scope: Scope) -> Table:
    """Per lesson: the median minutes of trainees who completed it, and the total minutes
    all trainees spent in it, by the sitting rule of :mod:`tutor.collector.summary_model`."""
    totals = {
        lesson: (int(ms or 0), int(n or 0))
        for lesson, ms, n in conn.execute(_centre_lessons(scope, "spent_ms", "spent_learners"))
    }
    lm = sum_lesson_minutes
    q = select(lm.c.lesson, lm.c.minutes, func.sum(lm.c.learners))
    q = q.group_by(lm.c.lesson, lm.c.minutes)
    if scope.centre is not None:
        q = q.where(lm.c.centre == scope.centre)
    hist: dict[str, list[tuple[int, int]]] = {}
    for lesson, minutes, n in conn.execute(q.order_by(lm.c.lesson, lm.c.minutes)):
        if n:
            hist.setdefault(lesson, []).append((int(minutes), int(n)))
    rows = []
    for lesson in sorted(set(totals) | set(hist)):
        counts = hist.get(lesson, [])
        ms, spent_by = totals.get(lesson, (0, 0))
        if not counts and not spent_by:
            continue
        done = sum(n for _m, n in counts)
        rows.append((lesson, done, median_of_histogram(counts), round(ms / 60_000), spent_by))
    return Table(
        "time_spent",
        ("lesson", "completed", "median_minutes", "total_minutes", "trainees_with_time"),
        rows,
    )


def median_of_histogram(counts: list[tuple[int, int]]) -> float | None:
    """The median of values given as sorted (value, how many) pairs; None when empty."""
    total = sum(n for _v, n in counts)
    if total == 0:
        return None
    wanted = ((total - 1) // 2, total // 2)  # the one or two middle positions
    found: list[int] = []
    seen = 0
    for value, n in counts:
        for pos in wanted:
            if seen <= pos < seen + n:
                found.append(value)
        seen += n
    middle = (found[0] + found[-1]) / 2
    return int(middle) if middle == int(middle) else middle


def hardest_questions(conn: Connection, scope: Scope, min_answers: int = 3) -> Table:
    """Questions with the lowest share of correct answers (at least ``min_answers``)."""
    dq = sum_dev_questions
    answers, correct = func.sum(dq.c.answers), func.sum(dq.c.correct)
    q = (
        select(dq.c.lesson, dq.c.question, answers, correct)
        .where(*_dev_in(dq.c.dev, scope))
        .group_by(dq.c.lesson, dq.c.question)
        .having(answers >= min_answers)
        .order_by((correct * 1.0 / answers).asc(), answers.desc(), dq.c.lesson, dq.c.question)
        .limit(20)
    )
    rows = [
        (lesson or None, qid or None, int(n), int(ok), round(100 * int(ok) / int(n)))
        for lesson, qid, n, ok in conn.execute(q)
    ]
    return Table("hardest", ("lesson", "question", "answers", "correct", "percent_correct"), rows)


# ---- outcomes ------------------------------------------------------------------------------
def milestone_counts(conn: Connection, scope: Scope) -> Table:
    """Trainees who reported each milestone, and each earnings band (latest not tracked)."""
    mk = sum_learner_marks
    q = select(mk.c.label, func.count()).group_by(mk.c.label).order_by(mk.c.label)
    if scope.centre is not None:
        q = q.join(sum_learners, sum_learners.c.learner == mk.c.learner).where(
            sum_learners.c.centre == scope.centre
        )
    rows = [(k, int(n)) for k, n in conn.execute(q)]
    return Table("milestones", ("milestone", "trainees"), rows)


def trajectories(conn: Connection, scope: Scope, periods: int = 6, period_days: int = 28) -> Table:
    """Trainees sinking, struggling, surviving and swimming at the end of each period.

    Rules (also written on the page): swimming = first job reported and an earnings band
    of 50-200 $/month or more; surviving = first job reported; struggling = a real profile
    or a first proposal reported; sinking = enrolled, nothing of the above reported.
    """
    sl = sum_learners
    greatest = func.greatest if conn.dialect.name == "postgresql" else func.max
    swim_at = case(
        (or_(sl.c.job_at.is_(None), sl.c.band_at.is_(None)), None),
        else_=greatest(sl.c.job_at, sl.c.band_at),
    )
    ends = [scope.now - k * period_days * DAY_MS for k in range(periods - 1, -1, -1)]
    cols = []
    for e in ends:
        cols += [
            func.sum(case((sl.c.first_at <= e, 1), else_=0)),
            func.sum(case((swim_at <= e, 1), else_=0)),
            func.sum(case((sl.c.job_at <= e, 1), else_=0)),
            func.sum(case((or_(sl.c.struggle_at <= e, sl.c.job_at <= e), 1), else_=0)),
        ]
    values = [int(v or 0) for v in conn.execute(select(*cols).where(*_learners_in(scope))).one()]
    rows = []
    for i, e in enumerate(ends):
        enrolled, swimming, job, any_level = values[4 * i : 4 * i + 4]
        surviving = job - swimming
        struggling = any_level - job
        rows.append((e, enrolled, enrolled - any_level, struggling, surviving, swimming))
    return Table("trajectories", ("period_end", "enrolled", *TRAJECTORIES), rows)


def centre_names(conn: Connection) -> list[str]:
    q = select(distinct(enrolments.c.centre)).order_by(enrolments.c.centre)
    return [c for (c,) in conn.execute(q)]
