"""The dashboard's reports, each one SQL query (or a few) over the synced events.

Every report returns a :class:`Table`: column keys and rows of plain values, which the
pages render and the CSV export writes unchanged. The same SQLAlchemy Core queries run on
SQLite and PostgreSQL; payload fields are read with :mod:`.sql_json`. An event's time is
the collector's estimate of the true time when it has one, else when it was received
(PC clocks are often wrong, DESIGN §5). ``now`` comes from the caller's clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, distinct, func, literal, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnElement, Select

from tutor.collector.dashboard.sql_json import json_text, json_true
from tutor.collector.schema import enrolments, events, streams
from tutor.domain import events as ev
from tutor.domain.milestones import (
    EARNINGS,
    EARNINGS_BANDS,
    FIRST_JOB,
    PROFILE,
    PROPOSAL,
)
from tutor.simulator import sim_events as sim

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
    """Which trainees a report covers: all, or one centre's devices."""

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


def _scoped(query: Select, scope: Scope) -> Select:
    if scope.centre is not None:
        return query.where(events.c.dev.in_(_centre_devices(scope.centre)))
    return query


def _lesson() -> ColumnElement:
    return json_text(events.c.body, "p", "lesson")


def _count_learners_where(cond: ColumnElement) -> ColumnElement:
    return func.count(distinct(case((cond, events.c.learner))))


# ---- overview --------------------------------------------------------------------------
def headline(conn: Connection, scope: Scope) -> dict[str, int]:
    """Trainees enrolled (any event) and active in the last seven days."""
    q = select(
        func.count(distinct(events.c.learner)),
        _count_learners_where(event_time() >= scope.now - WEEK_MS),
    )
    enrolled, active = conn.execute(_scoped(q, scope)).one()
    return {"enrolled": int(enrolled or 0), "active_week": int(active or 0)}


def lesson_results(conn: Connection, scope: Scope) -> Table:
    """Per lesson: trainees who completed it, attempted its quiz, and passed it."""
    t = events.c.type
    q = (
        select(
            _lesson().label("lesson"),
            _count_learners_where(t == ev.LESSON_COMPLETED),
            _count_learners_where(t == ev.QUIZ_FINISHED),
            _count_learners_where(
                and_(t == ev.QUIZ_FINISHED, json_true(events.c.body, "p", "passed"))
            ),
        )
        .where(t.in_((ev.LESSON_COMPLETED, ev.QUIZ_FINISHED)))
        .group_by(_lesson())
    )
    rows = [tuple(r) for r in conn.execute(_scoped(q, scope)) if r[0] is not None]
    return Table("lesson_results", ("lesson", "completed", "quiz_takers", "quiz_passed"), rows)


def sim_results(conn: Connection, scope: Scope) -> Table:
    """Bid simulator: trainees who played, bids sent and won, careers by final standing."""
    t = events.c.type
    q = select(
        _count_learners_where(t == sim.CAREER_STARTED),
        func.sum(case((t == sim.BID_SUBMITTED, 1), else_=0)),
        func.sum(
            case((and_(t == sim.BID_OUTCOME, json_true(events.c.body, "p", "won")), 1), else_=0)
        ),
        func.sum(case((t == sim.CAREER_ENDED, 1), else_=0)),
    ).where(t.in_((sim.CAREER_STARTED, sim.BID_SUBMITTED, sim.BID_OUTCOME, sim.CAREER_ENDED)))
    players, bids, wins, ended = conn.execute(_scoped(q, scope)).one()
    rows: list[tuple[Any, ...]] = [
        ("players", int(players or 0)),
        ("bids", int(bids or 0)),
        ("bids_won", int(wins or 0)),
        ("careers_ended", int(ended or 0)),
    ]
    standing = json_text(events.c.body, "p", "standing")
    q2 = (
        select(standing, func.count())
        .where(t == sim.CAREER_ENDED)
        .group_by(standing)
        .order_by(func.count().desc())
    )
    for name, n in conn.execute(_scoped(q2, scope)):
        rows.append((f"standing:{name if name is not None else '?'}", int(n)))
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
def _failures_in_unpassed_lessons() -> Select:
    """Per trainee: failed quiz attempts in lessons they have not passed yet."""
    passed = json_true(events.c.body, "p", "passed")
    per_lesson = (
        select(
            events.c.learner.label("learner"),
            func.sum(case((passed, 0), else_=1)).label("fails"),
            func.max(case((passed, 1), else_=0)).label("ever_passed"),
        )
        .where(events.c.type == ev.QUIZ_FINISHED)
        .group_by(events.c.learner, _lesson())
        .subquery()
    )
    return (
        select(
            per_lesson.c.learner,
            func.sum(case((per_lesson.c.ever_passed == 0, per_lesson.c.fails), else_=0)).label(
                "open_fails"
            ),
        )
        .group_by(per_lesson.c.learner)
        .subquery()
    )


def trainee_rows(
    conn: Connection,
    scope: Scope,
    *,
    status: str | None = None,
    stuck_days: int = 14,
    total_lessons: int = 0,
    offset: int = 0,
) -> Table:
    """The trainee list with each one's status, by the rules in :func:`status_rules`."""
    at, t = event_time(), events.c.type
    centre = func.min(func.coalesce(enrolments.c.centre, literal("(USB)")))
    per = (
        select(
            events.c.learner.label("learner"),
            centre.label("centre"),
            func.min(at).label("first_at"),
            func.max(at).label("last_at"),
            func.max(case((t.in_(PROGRESS_TYPES), at))).label("last_progress"),
            func.count(distinct(case((t == ev.LESSON_COMPLETED, _lesson())))).label("completed"),
            func.count().label("n_events"),
        )
        .select_from(
            events.join(streams, streams.c.dev == events.c.dev).outerjoin(
                enrolments, enrolments.c.id == streams.c.enrolment_id
            )
        )
        .group_by(events.c.learner)
    )
    per = _scoped(per, scope).subquery()
    fails = _failures_in_unpassed_lessons()
    open_fails = func.coalesce(fails.c.open_fails, 0)
    finished = and_(literal(total_lessons) > 0, per.c.completed >= total_lessons)
    dropped = per.c.last_at < scope.now - DROPPED_AFTER_DAYS * DAY_MS
    stuck = or_(
        per.c.last_progress.is_(None),
        per.c.last_progress < scope.now - stuck_days * DAY_MS,
        open_fails >= REPEATED_FAILS,
    )
    state = case(
        (finished, literal("finished")),
        (dropped, literal("dropped")),
        (stuck, literal("stuck")),
        else_=literal("active"),
    ).label("status")
    q = (
        select(
            per.c.learner,
            per.c.centre,
            state,
            per.c.completed,
            open_fails.label("open_fails"),
            per.c.last_progress,
            per.c.last_at,
            per.c.n_events,
        )
        .select_from(per.outerjoin(fails, fails.c.learner == per.c.learner))
        .order_by(per.c.last_at.desc(), per.c.learner)
        .limit(PAGE_ROWS)
        .offset(max(0, offset))
    )
    if status in STATUSES:
        q = q.where(state == status)
    rows = [
        (lrn, centre, st, int(done), int(fails), progress, last, int(n))
        for lrn, centre, st, done, fails, progress, last, n in conn.execute(q)
    ]
    return Table(
        "trainees",
        (
            "trainee",
            "centre",
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
    t = events.c.type
    passed = json_true(events.c.body, "p", "passed")
    q = (
        select(
            _lesson(),
            _count_learners_where(t == ev.LESSON_OPENED),
            _count_learners_where(t == ev.SECTION_READ),
            _count_learners_where(t == ev.QUIZ_FINISHED),
            _count_learners_where(and_(t == ev.QUIZ_FINISHED, passed)),
            _count_learners_where(t == ev.LESSON_COMPLETED),
        )
        .where(t.in_((ev.LESSON_OPENED, ev.SECTION_READ, ev.QUIZ_FINISHED, ev.LESSON_COMPLETED)))
        .group_by(_lesson())
    )
    rows = [tuple(r) for r in conn.execute(_scoped(q, scope)) if r[0] is not None]
    return Table(
        "funnel", ("lesson", "opened", "read", "quiz_taken", "quiz_passed", "completed"), rows
    )


def hardest_questions(conn: Connection, scope: Scope, min_answers: int = 3) -> Table:
    """Questions with the lowest share of correct answers (at least ``min_answers``)."""
    question = json_text(events.c.body, "p", "question")
    correct = func.sum(case((json_true(events.c.body, "p", "correct"), 1), else_=0))
    q = (
        select(_lesson(), question, func.count(), correct)
        .where(events.c.type == ev.QUIZ_ANSWERED)
        .group_by(_lesson(), question)
        .having(func.count() >= min_answers)
        .order_by((correct * 1.0 / func.count()).asc(), func.count().desc())
        .limit(20)
    )
    rows = [
        (lesson, qid, int(n), int(ok), round(100 * int(ok) / int(n)))
        for lesson, qid, n, ok in conn.execute(_scoped(q, scope))
    ]
    return Table("hardest", ("lesson", "question", "answers", "correct", "percent_correct"), rows)


# ---- outcomes ------------------------------------------------------------------------------
def _band_rank() -> ColumnElement:
    value = json_text(events.c.body, "p", "value")
    return case(*((value == b, i) for i, b in enumerate(EARNINGS_BANDS)), else_=0)


def _milestone_times(scope: Scope) -> Select:
    """Per trainee who reported anything: when each level was first reached."""
    at = event_time()
    kind = json_text(events.c.body, "p", "milestone")
    first = lambda cond: func.min(case((cond, at)))  # noqa: E731
    q = (
        select(
            events.c.learner.label("learner"),
            first(or_(kind == PROFILE, kind == PROPOSAL)).label("struggle_at"),
            first(kind == FIRST_JOB).label("job_at"),
            first(and_(kind == EARNINGS, _band_rank() >= SWIM_BAND)).label("band_at"),
        )
        .where(events.c.type == ev.MILESTONE_REPORTED)
        .group_by(events.c.learner)
    )
    return _scoped(q, scope)


def milestone_counts(conn: Connection, scope: Scope) -> Table:
    """Trainees who reported each milestone, and each earnings band (latest not tracked)."""
    kind = json_text(events.c.body, "p", "milestone")
    value = json_text(events.c.body, "p", "value")
    label = case((kind == EARNINGS, kind + literal(":") + func.coalesce(value, "?")), else_=kind)
    q = (
        select(label, func.count(distinct(events.c.learner)))
        .where(events.c.type == ev.MILESTONE_REPORTED)
        .group_by(label)
        .order_by(label)
    )
    rows = [(k if k is not None else "?", int(n)) for k, n in conn.execute(_scoped(q, scope))]
    return Table("milestones", ("milestone", "trainees"), rows)


def trajectories(conn: Connection, scope: Scope, periods: int = 6, period_days: int = 28) -> Table:
    """Trainees sinking, struggling, surviving and swimming at the end of each period.

    Rules (also written on the page): swimming = first job reported and an earnings band
    of 50-200 $/month or more; surviving = first job reported; struggling = a real profile
    or a first proposal reported; sinking = enrolled, nothing of the above reported.
    """
    ms = _milestone_times(scope).subquery()
    swim_at = case((ms.c.job_at.is_(None), None), else_=func.max(ms.c.job_at, ms.c.band_at))
    if conn.dialect.name == "postgresql":
        swim_at = case(
            (ms.c.job_at.is_(None), None), else_=func.greatest(ms.c.job_at, ms.c.band_at)
        )
    firsts = _scoped(
        select(
            events.c.learner.label("learner"), func.min(event_time()).label("first_at")
        ).group_by(events.c.learner),
        scope,
    ).subquery()
    ends = [scope.now - k * period_days * DAY_MS for k in range(periods - 1, -1, -1)]
    cols = []
    for e in ends:
        cols += [
            func.sum(case((firsts.c.first_at <= e, 1), else_=0)),
            func.sum(case((and_(ms.c.band_at.is_not(None), swim_at <= e), 1), else_=0)),
            func.sum(case((ms.c.job_at <= e, 1), else_=0)),
            func.sum(case((or_(ms.c.struggle_at <= e, ms.c.job_at <= e), 1), else_=0)),
        ]
    q = select(*cols).select_from(firsts.outerjoin(ms, ms.c.learner == firsts.c.learner))
    values = [int(v or 0) for v in conn.execute(q).one()]
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
