"""The per-cohort table on the centres page, from the trainee summaries and the cohorts.

Cohort membership is worked out in the query (see :mod:`tutor.collector.cohorts` for the
rule), so adding a cohort changes the table at once without rewriting any summary.
"""

from __future__ import annotations

from sqlalchemy import case, func, literal, select
from sqlalchemy.engine import Connection

from tutor.collector.dashboard.reports import WEEK_MS, Scope, Table, latest_cohort
from tutor.collector.schema import cohorts, sum_learners

COLUMNS = (
    "cohort",
    "centre",
    "starts",
    "enrolled",
    "active_week",
    "percent_completed",
    "pass_rate",
    "sim_players",
    "sim_bids",
    "sim_wins",
)


def _cohort_id():  # noqa: ANN202
    """Per trainee row: the id of their centre's latest cohort started by their first event."""
    return latest_cohort(cohorts.c.id)


def cohort_table(conn: Connection, scope: Scope, total_lessons: int) -> Table:
    """Per cohort: trainees, active this week, lessons completed (% of possible), quiz
    pass rate (% of lessons whose quiz was tried that were passed) and the bid simulator."""
    defined = conn.execute(select(cohorts.c.id).limit(1)).first()
    if defined is None:  # no cohorts yet: nothing to count, skip reading every trainee
        return Table("cohorts", COLUMNS, [])
    sl = sum_learners
    members = select(
        _cohort_id().label("cohort_id"),
        case((sl.c.last_at >= scope.now - WEEK_MS, 1), else_=0).label("active"),
        sl.c.completed,
        sl.c.quiz_taken,
        sl.c.quiz_passed,
        sl.c.sim_player,
        sl.c.sim_bids,
        sl.c.sim_wins,
    )
    if scope.centre is not None:
        members = members.where(sl.c.centre == scope.centre)
    m = members.subquery()
    sums = [
        func.sum(m.c[c]) for c in ("active", "completed", "quiz_taken", "quiz_passed", "sim_player")
    ]
    agg = (
        select(
            m.c.cohort_id,
            func.count().label("n"),
            *sums,
            func.sum(m.c.sim_bids),
            func.sum(m.c.sim_wins),
        )
        .where(m.c.cohort_id.is_not(None))
        .group_by(m.c.cohort_id)
    )
    found = {row[0]: [int(v or 0) for v in row[1:]] for row in conn.execute(agg)}
    q = select(cohorts.c.id, cohorts.c.name, cohorts.c.centre, cohorts.c.starts).order_by(
        cohorts.c.centre, cohorts.c.starts_at
    )
    if scope.centre is not None:
        q = q.where(cohorts.c.centre == literal(scope.centre))
    rows = []
    for cid, name, centre, starts in conn.execute(q):
        n, active, done, taken, passed, players, bids, wins = found.get(cid, [0] * 8)
        possible = n * total_lessons
        rows.append(
            (
                name,
                centre,
                starts,
                n,
                active,
                round(100 * done / possible) if possible else 0,
                round(100 * passed / taken) if taken else 0,
                players,
                bids,
                wins,
            )
        )
    return Table("cohorts", COLUMNS, rows)
