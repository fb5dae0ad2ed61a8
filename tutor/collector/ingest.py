"""Storing one batch: idempotent on (dev, seq), all or nothing, ack over contiguous seqs.

The same function takes network uploads and USB bundles, so a bundle imported twice, out
of order or after the network already delivered it changes nothing (DESIGN §5). The
dashboard's summaries are updated here too, in the same transaction, from the new rows only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Table, and_, bindparam, select, update
from sqlalchemy.engine import Connection

from tutor.collector.schema import events, streams
from tutor.collector.summaries import learners_on_device, update_for_events
from tutor.collector.summary_model import Event
from tutor.sync.batch_format import Batch, canonical_json, chain_next, event_hash

ADVANCE_CHUNK = 5000


@dataclass(frozen=True)
class SentTimes:
    """The PC's clocks when it sent the request (headers), or when it built the batch."""

    wall: int
    mono: int
    boot: str


@dataclass(frozen=True)
class IngestResult:
    acked: int
    chain: str
    stored: int  # new rows
    conflicts: tuple[int, ...] = ()


class StreamOwnedElsewhere(Exception):
    """The stream belongs to another enrolment: a token may not write to it."""


def lock_stream(conn: Connection, batch: Batch, enrolment_id: int | None, now_ms: int) -> dict:
    """The stream's row, created on first sight and locked for this transaction."""
    row = (
        conn.execute(select(streams).where(streams.c.dev == batch.dev).with_for_update())
        .mappings()
        .first()
    )
    if row is None:
        parent = batch.parent or {}
        conn.execute(
            _insert_ignore(conn, streams).values(
                dev=batch.dev,
                enrolment_id=enrolment_id,
                acked=0,
                chain="",
                parent_dev=parent.get("dev"),
                parent_upto=parent.get("upto"),
                first_seen=now_ms,
                last_seen=now_ms,
            )
        )
        row = (
            conn.execute(select(streams).where(streams.c.dev == batch.dev).with_for_update())
            .mappings()
            .first()
        )
    assert row is not None
    owner = row["enrolment_id"]
    if enrolment_id is not None and owner is not None and owner != enrolment_id:
        raise StreamOwnedElsewhere(batch.dev)
    if enrolment_id is not None and owner is None:
        conn.execute(
            update(streams).where(streams.c.dev == batch.dev).values(enrolment_id=enrolment_id)
        )
    return dict(row)


def _insert_ignore(conn: Connection, table: Table):  # noqa: ANN202
    """INSERT that does nothing when the key exists (two first uploads racing)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_nothing()


def ingest_batch(
    conn: Connection,
    batch: Batch,
    *,
    enrolment_id: int | None,
    via: str,
    now_ms: int,
    sent: SentTimes | None,
) -> IngestResult:
    """Insert the batch's new events and advance the ack; the caller owns the transaction
    and must roll it back when ``conflicts`` is not empty."""
    stream = lock_stream(conn, batch, enrolment_id, now_ms)
    existing = dict(
        conn.execute(
            select(events.c.seq, events.c.hash).where(
                and_(events.c.dev == batch.dev, events.c.seq.between(batch.first, batch.last))
            )
        ).all()
    )
    rows, fresh, conflicts = [], [], []
    for rec in batch.events:
        digest = event_hash(rec).hex()
        seen = existing.get(rec["seq"])
        if seen is None:
            rows.append(_row(batch.dev, rec, digest, now_ms, via, sent))
            fresh.append(rec)
        elif seen != digest:
            conflicts.append(rec["seq"])
    if conflicts:
        return IngestResult(stream["acked"], stream["chain"], 0, tuple(conflicts[:100]))
    if rows:
        conn.execute(events.insert(), rows)
    just_enrolled = enrolment_id is not None and stream["enrolment_id"] is None
    update_for_events(
        conn,
        [_summary_event(batch.dev, rec, row) for rec, row in zip(fresh, rows, strict=True)],
        learners_on_device(conn, batch.dev) if just_enrolled else (),
    )
    acked, chain = advance_ack(conn, batch.dev, stream["acked"], stream["chain"])
    offset = now_ms - sent.wall if sent and via == "net" else stream["clock_offset_ms"]
    conn.execute(
        update(streams)
        .where(streams.c.dev == batch.dev)
        .values(acked=acked, chain=chain, last_seen=now_ms, clock_offset_ms=offset)
    )
    return IngestResult(acked, chain, len(rows))


def _summary_event(dev: str, rec: dict, row: dict) -> Event:
    at = row["est_time"] if row["est_time"] is not None else row["received_at"]
    return Event(rec["lrn"], dev, rec["t"], rec["p"], at)


def _row(dev: str, rec: dict, digest: str, now_ms: int, via: str, sent: SentTimes | None) -> dict:
    est = None
    if sent is not None and via == "net" and rec["boot"] == sent.boot and rec["mono"] <= sent.mono:
        est = now_ms - (
            sent.mono - rec["mono"]
        )  # exact within the round trip, whatever the PC clock
    return {
        "dev": dev,
        "seq": rec["seq"],
        "hash": digest,
        "chain": None,
        "learner": rec["lrn"],
        "type": rec["t"],
        "body": canonical_json(rec).decode(),
        "received_at": now_ms,
        "est_time": est,
        "via": via,
    }


def _hashes_after(conn: Connection, dev: str, after: int) -> Iterator[tuple[int, str]]:
    """(seq, hash) from ``after + 1`` on, in order, a chunk at a time."""
    while True:
        chunk = conn.execute(
            select(events.c.seq, events.c.hash)
            .where(and_(events.c.dev == dev, events.c.seq > after))
            .order_by(events.c.seq)
            .limit(ADVANCE_CHUNK)
        ).all()
        yield from chunk
        if len(chunk) < ADVANCE_CHUNK:
            return
        after = chunk[-1][0]


def advance_ack(conn: Connection, dev: str, acked: int, chain: str) -> tuple[int, str]:
    """Move the ack over every contiguous stored seq, recording the chain at each."""
    updates = []
    for seq, digest in _hashes_after(conn, dev, acked):
        if seq != acked + 1:
            break
        acked, chain = seq, chain_next(chain, bytes.fromhex(digest))
        updates.append({"d": dev, "s": seq, "c": chain})
    if updates:
        stmt = (
            update(events)
            .where(and_(events.c.dev == bindparam("d"), events.c.seq == bindparam("s")))
            .values(chain=bindparam("c"))
        )
        conn.execute(stmt, updates)
    return acked, chain
