"""The collector's tables and their migrations, for SQLite and PostgreSQL alike.

SQLAlchemy Core describes the tables once; both databases get them from the same code.
Migrations are a numbered list of functions recorded in ``schema_version`` and applied in
order inside one transaction at start-up (see docs/sync.md for why not Alembic).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", BigInteger, nullable=False),
)

enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("centre", String(200), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
)

enrolments = Table(
    "enrolments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("centre", String(200), nullable=False),
    Column("dev", String(64), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
)

# One row per stream (a device id, or a new stream after a clone).
streams = Table(
    "streams",
    metadata,
    Column("dev", String(64), primary_key=True),
    Column("enrolment_id", Integer),  # NULL: known only from USB bundles so far
    Column("acked", BigInteger, nullable=False),
    Column("chain", String(64), nullable=False),
    Column("parent_dev", String(64)),
    Column("parent_upto", BigInteger),
    Column("first_seen", BigInteger, nullable=False),
    Column("last_seen", BigInteger, nullable=False),
    Column("clock_offset_ms", BigInteger),  # server time minus PC time at the last upload
)

events = Table(
    "events",
    metadata,
    Column("dev", String(64), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("hash", String(64), nullable=False),
    Column("chain", String(64)),  # set once the contiguous ack passes this seq
    Column("learner", String(200), nullable=False),
    Column("type", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", BigInteger, nullable=False),
    Column("est_time", BigInteger),  # estimated true time (ms), NULL when unknown
    Column("via", String(16), nullable=False),  # "net" or "usb"
)
Index("ix_events_learner", events.c.learner)

# Programme staff who may open the dashboard (migration 2).
staff_users = Table(
    "staff_users",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("pw_hash", String(300), nullable=False),  # scrypt$n$r$p$salt$hash
    Column("created_at", BigInteger, nullable=False),
    Column("failed_count", Integer, nullable=False, default=0),
    Column("failed_at", BigInteger),
)

staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(64), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)


def _v1(conn: Connection) -> None:
    """First schema: every table above."""
    metadata.create_all(conn, tables=[enrol_codes, enrolments, streams, events])


# How far each xAPI forwarding target has been sent (migration 2): a cursor in the
# statements' ascending order (received_at, dev, seq), moved only after the LRS accepted.
xapi_forward = Table(
    "xapi_forward",
    metadata,
    Column("target", String(500), primary_key=True),
    Column("after_received", BigInteger, nullable=False),
    Column("after_dev", String(64), nullable=False),
    Column("after_seq", BigInteger, nullable=False),
    Column("sent", BigInteger, nullable=False),
    Column("updated_at", BigInteger, nullable=False),
)


def _v2(conn: Connection) -> None:
    """Staff accounts and sessions for the dashboard; an index for per-type reports."""
    metadata.create_all(conn, tables=[staff_users, staff_sessions])
    # Plain DDL: an Index object would attach itself to ``events`` and be made by _v1 too.
    conn.execute(text("CREATE INDEX ix_events_type_learner ON events (type, learner)"))


def _v3(conn: Connection) -> None:
    """Where each xAPI forwarding target has got to."""
    metadata.create_all(conn, tables=[xapi_forward])


# ---- summaries kept at ingest (migration 4), so dashboard pages never scan events --------
# What they hold and how events change them: tutor/collector/summary_model.py.
sum_learners = Table(
    "sum_learners",
    metadata,
    Column("learner", String(200), primary_key=True),
    Column("centre", String(200), nullable=False),
    Column("first_at", BigInteger, nullable=False),
    Column("last_at", BigInteger, nullable=False),
    Column("last_progress", BigInteger),
    Column("n_events", BigInteger, nullable=False),
    Column("completed", Integer, nullable=False),
    Column("open_fails", Integer, nullable=False),
    Column("quiz_taken", Integer, nullable=False),
    Column("quiz_passed", Integer, nullable=False),
    Column("sim_player", Integer, nullable=False),
    Column("sim_bids", Integer, nullable=False),
    Column("sim_wins", Integer, nullable=False),
    Column("struggle_at", BigInteger),
    Column("job_at", BigInteger),
    Column("band_at", BigInteger),
    Index("ix_sum_learners_last", "last_at", "learner"),
    Index("ix_sum_learners_centre_last", "centre", "last_at"),
    Index("ix_sum_learners_centre_first", "centre", "first_at"),
    Index("ix_sum_learners_completed", "completed", "last_at"),
)

sum_learner_devs = Table(
    "sum_learner_devs",
    metadata,
    Column("learner", String(200), primary_key=True),
    Column("dev", String(64), primary_key=True),
    Index("ix_sum_learner_devs_dev", "dev"),
)

sum_learner_lessons = Table(
    "sum_learner_lessons",
    metadata,
    Column("learner", String(200), primary_key=True),
    Column("lesson", String(200), primary_key=True),
    Column("opened", Integer, nullable=False),
    Column("read", Integer, nullable=False),
    Column("quiz_taken", Integer, nullable=False),
    Column("quiz_passed", Integer, nullable=False),
    Column("completed", Integer, nullable=False),
    Column("fails", Integer, nullable=False),
    Column("spent_ms", BigInteger, nullable=False),
    Column("sittings", Text, nullable=False),  # JSON [[start, end], ...]
)

sum_learner_marks = Table(
    "sum_learner_marks",
    metadata,
    Column("learner", String(200), primary_key=True),
    Column("label", String(200), primary_key=True),
    Column("first_at", BigInteger, nullable=False),
)

sum_centre_lessons = Table(
    "sum_centre_lessons",
    metadata,
    Column("centre", String(200), primary_key=True),
    Column("lesson", String(200), primary_key=True),
    Column("opened", BigInteger, nullable=False),
    Column("read", BigInteger, nullable=False),
    Column("quiz_taken", BigInteger, nullable=False),
    Column("quiz_passed", BigInteger, nullable=False),
    Column("completed", BigInteger, nullable=False),
    Column("spent_ms", BigInteger, nullable=False),
    Column("spent_learners", BigInteger, nullable=False),
)

# Trainees who completed a lesson, by whole minutes spent on it: medians without a scan.
sum_lesson_minutes = Table(
    "sum_lesson_minutes",
    metadata,
    Column("centre", String(200), primary_key=True),
    Column("lesson", String(200), primary_key=True),
    Column("minutes", BigInteger, primary_key=True, autoincrement=False),
    Column("learners", BigInteger, nullable=False),
)

sum_centre_counts = Table(
    "sum_centre_counts",
    metadata,
    Column("centre", String(200), primary_key=True),
    Column("measure", String(200), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

sum_dev_questions = Table(
    "sum_dev_questions",
    metadata,
    Column("dev", String(64), primary_key=True),
    Column("lesson", String(200), primary_key=True),
    Column("question", String(200), primary_key=True),
    Column("answers", BigInteger, nullable=False),
    Column("correct", BigInteger, nullable=False),
)

sum_dev_counts = Table(
    "sum_dev_counts",
    metadata,
    Column("dev", String(64), primary_key=True),
    Column("measure", String(200), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

# Cohorts staff define per centre; a trainee's cohort is derived, never sent by a PC.
cohorts = Table(
    "cohorts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("centre", String(200), nullable=False),
    Column("name", String(200), nullable=False),
    Column("starts", String(10), nullable=False),  # YYYY-MM-DD as staff typed it
    Column("starts_at", BigInteger, nullable=False),  # its first millisecond, UTC
    Column("created_at", BigInteger, nullable=False),
    UniqueConstraint("centre", "name", name="uq_cohorts_centre_name"),
    Index("ix_cohorts_centre_start", "centre", "starts_at"),
)

SUMMARY_TABLES = (
    sum_learners,
    sum_learner_devs,
    sum_learner_lessons,
    sum_learner_marks,
    sum_centre_lessons,
    sum_lesson_minutes,
    sum_centre_counts,
    sum_dev_questions,
    sum_dev_counts,
)


def _v4(conn: Connection) -> None:
    """Summaries for the dashboard, built from the events already stored; cohorts."""
    from tutor.collector.summaries import rebuild_summaries

    metadata.create_all(conn, tables=[*SUMMARY_TABLES, cohorts])
    rebuild_summaries(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    row = conn.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc()))
    first = row.first()
    return int(first[0]) if first else 0


def migrate(engine: Engine, now_ms: int) -> int:
    """Bring the database to the latest schema; returns the version it is at.

    Runs in one transaction, so a failed migration leaves the previous version intact.
    A database newer than this program is refused rather than guessed at.
    """
    with engine.begin() as conn:
        metadata.create_all(conn, tables=[schema_version])
        version = current_version(conn)
        if version > LATEST:
            raise RuntimeError(f"database schema {version} is newer than this collector ({LATEST})")
        for number in range(version + 1, LATEST + 1):
            MIGRATIONS[number - 1](conn)
            conn.execute(schema_version.insert().values(version=number, applied_at=now_ms))
    return LATEST
