"""Storage rules on SQLite and PostgreSQL: migrations, idempotent ingest, concurrency."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from tutor.collector.credentials import normalise_code
from tutor.collector.ingest import SentTimes
from tutor.collector.schema import LATEST, migrate, schema_version, streams
from tutor.collector.store import Conflict, EnrolError
from tutor.sync.batch_format import decode_batch, encode_batch

DEV = "1234abcd1234abcd"


def make(first: int, n: int, dev: str = DEV, who: str = "L", parent=None):  # noqa: ANN001, ANN201
    recs = [
        {
            "seq": s,
            "lrn": who,
            "t": "quiz.finished",
            "p": {"score": s % 10},
            "wall": 0,
            "boot": "b",
            "mono": s,
        }
        for s in range(first, first + n)
    ]
    return decode_batch(
        encode_batch(dev, recs, sent_wall=0, sent_mono=0, sent_boot="b", parent=parent)
    )


def test_migrate_is_repeatable_and_refuses_a_newer_schema(store):
    assert store.migrate() == LATEST
    with store.engine.begin() as conn:
        versions = conn.execute(select(schema_version.c.version)).scalars().all()
        assert versions == list(range(1, LATEST + 1))
        conn.execute(schema_version.insert().values(version=LATEST + 1, applied_at=0))
    with pytest.raises(RuntimeError, match="newer"):
        migrate(store.engine, 0)


def test_ingest_is_idempotent_and_atomic(store):
    assert store.ingest(make(1, 50), enrolment_id=None, via="usb", sent=None).acked == 50
    again = store.ingest(make(1, 50), enrolment_id=None, via="usb", sent=None)
    assert (again.acked, again.stored) == (50, 0)
    with pytest.raises(Conflict) as info:
        store.ingest(make(40, 20, who="X"), enrolment_id=None, via="net", sent=None)
    assert info.value.seqs[0] == 40
    assert store.count_events(DEV) == 50  # 51..59 of the refused batch were not kept


def test_parent_of_a_new_stream_is_recorded(store):
    store.ingest(
        make(1, 3, dev="feed" * 4, parent={"dev": DEV, "upto": 7}),
        enrolment_id=None,
        via="net",
        sent=SentTimes(0, 0, "b"),
    )
    with store.engine.connect() as conn:
        row = conn.execute(select(streams.c.parent_dev, streams.c.parent_upto)).one()
    assert tuple(row) == (DEV, 7)


def test_concurrent_overlapping_uploads_store_each_event_once(store):
    batches = [make(first, 40) for first in range(1, 400, 20)]  # every seq in two batches
    errors = []

    def worker(part: list) -> None:
        try:
            for b in part:
                store.ingest(b, enrolment_id=None, via="net", sent=None)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(batches[i::3],)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert store.count_events(DEV) == 420 and store.ack(DEV).acked == 420


def test_enrol_codes_are_single_use_case_and_dash_blind(store, ticker):
    code = store.create_code("Skardu")
    token = store.enrol(normalise_code(code).lower(), DEV)
    assert store.authenticate(token).centre == "Skardu"
    with pytest.raises(EnrolError):
        store.enrol(code, DEV)
    old = store.create_code("Skardu")
    ticker.now += 15 * 24 * 3600 * 1000
    with pytest.raises(EnrolError):
        store.enrol(old, DEV)


def test_revoke_by_stream_id_reaches_the_enrolment(store):
    token = store.enrol(store.create_code("Chitral"), DEV)
    enrolment = store.authenticate(token)
    store.ingest(make(1, 2, dev="beef" * 4), enrolment_id=enrolment.id, via="net", sent=None)
    assert store.revoke("beef" * 4) == 1
    assert store.authenticate(token).revoked
    assert store.revoke(DEV) == 0  # already revoked
