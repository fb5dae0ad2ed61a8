"""The collector's operations on its database, each one transaction.

The web app and the command line both call these; nothing is kept between calls outside
the database, so any number of collector processes can share one PostgreSQL.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.engine import Engine

from tutor.collector.credentials import code_hash, new_code, new_token, token_hash
from tutor.collector.ingest import IngestResult, SentTimes, ingest_batch
from tutor.collector.schema import enrol_codes, enrolments, events, migrate, streams
from tutor.sync.batch_format import Batch

CODE_LIFETIME_MS = 14 * 24 * 3600 * 1000


class EnrolError(Exception):
    """A code that is unknown, used or expired."""


class Conflict(Exception):
    def __init__(self, seqs: tuple[int, ...]) -> None:
        super().__init__(f"seq conflict at {list(seqs)[:10]}")
        self.seqs = seqs


@dataclass(frozen=True)
class Enrolment:
    id: int
    centre: str
    dev: str
    revoked: bool


@dataclass(frozen=True)
class AckInfo:
    acked: int
    chain: str
    at_chain: str | None = None


class CollectorStore:
    def __init__(self, engine: Engine, clock_ms: Callable[[], int], rng: random.Random) -> None:
        self.engine = engine
        self.clock_ms = clock_ms
        self.rng = rng

    def migrate(self) -> int:
        return migrate(self.engine, self.clock_ms())

    # ---- enrolment ---------------------------------------------------------------
    def create_code(self, centre: str) -> str:
        code = new_code(self.rng)
        now = self.clock_ms()
        with self.engine.begin() as conn:
            conn.execute(
                enrol_codes.insert().values(
                    code_hash=code_hash(code),
                    centre=centre,
                    created_at=now,
                    expires_at=now + CODE_LIFETIME_MS,
                )
            )
        return code

    def enrol(self, code: str, dev: str) -> str:
        """Spend a one-time code; returns the device's new token."""
        now = self.clock_ms()
        token = new_token(self.rng)
        with self.engine.begin() as conn:
            row = (
                conn.execute(
                    select(enrol_codes)
                    .where(enrol_codes.c.code_hash == code_hash(code))
                    .with_for_update()
                )
                .mappings()
                .first()
            )
            if row is None or row["used_at"] is not None or row["expires_at"] < now:
                raise EnrolError(code)
            conn.execute(
                update(enrol_codes)
                .where(enrol_codes.c.code_hash == row["code_hash"])
                .values(used_at=now)
            )
            conn.execute(
                enrolments.insert().values(
                    token_hash=token_hash(token), centre=row["centre"], dev=dev, created_at=now
                )
            )
        return token

    def authenticate(self, token: str) -> Enrolment | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(enrolments).where(enrolments.c.token_hash == token_hash(token)))
                .mappings()
                .first()
            )
            conn.rollback()
        if row is None:
            return None
        return Enrolment(row["id"], row["centre"], row["dev"], row["revoked_at"] is not None)

    def revoke(self, dev: str) -> int:
        """Revoke the enrolment of a device id (or of the enrolment that owns that stream)."""
        now = self.clock_ms()
        with self.engine.begin() as conn:
            owner = select(streams.c.enrolment_id).where(streams.c.dev == dev).scalar_subquery()
            result = conn.execute(
                update(enrolments)
                .where(and_(or_(enrolments.c.dev == dev, enrolments.c.id == owner)))
                .where(enrolments.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            return int(result.rowcount or 0)

    # ---- events --------------------------------------------------------------------
    def ingest(
        self, batch: Batch, *, enrolment_id: int | None, via: str, sent: SentTimes | None
    ) -> IngestResult:
        """Store a batch in one transaction; raises :class:`Conflict` (nothing stored)."""
        with self.engine.begin() as conn:
            result = ingest_batch(
                conn, batch, enrolment_id=enrolment_id, via=via, now_ms=self.clock_ms(), sent=sent
            )
            if result.conflicts:
                conn.rollback()
                raise Conflict(result.conflicts)
        return result

    def ack(self, dev: str, at: int | None = None) -> AckInfo:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(streams.c.acked, streams.c.chain).where(streams.c.dev == dev)
            ).first()
            at_chain = None
            if at is not None and row is not None and 0 < at <= row[0]:
                at_chain = conn.execute(
                    select(events.c.chain).where(and_(events.c.dev == dev, events.c.seq == at))
                ).scalar()
            elif at == 0:
                at_chain = ""
            conn.rollback()
        if row is None:
            return AckInfo(0, "", at_chain)
        return AckInfo(int(row[0]), str(row[1]), at_chain)

    def stream_owner(self, dev: str) -> int | None:
        with self.engine.connect() as conn:
            owner = conn.execute(
                select(streams.c.enrolment_id).where(streams.c.dev == dev)
            ).scalar()
            conn.rollback()
        return owner

    def count_events(self, dev: str | None = None) -> int:
        with self.engine.connect() as conn:
            q = select(func.count()).select_from(events)
            if dev is not None:
                q = q.where(events.c.dev == dev)
            n = conn.execute(q).scalar_one()
            conn.rollback()
        return int(n)
