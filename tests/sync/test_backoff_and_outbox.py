"""Backoff timing, and batches built from a log with a damaged record."""

from __future__ import annotations

import random

from sync_fixtures import DEV, FakeClock, fill, open_log

from tutor.sync.backoff import BackoffPolicy, parse_retry_after
from tutor.sync.batch_format import decode_batch
from tutor.sync.outbox import DAMAGED, Clocks, Outbox, stream_records
from tutor.sync.sync_state import Stream


def test_full_jitter_stays_under_the_doubling_cap() -> None:
    policy = BackoffPolicy(base_s=2, cap_s=60)
    rng = random.Random(1)
    assert policy.delay(0, rng) == 0
    for failures, ceiling in [(1, 2), (2, 4), (3, 8), (6, 60), (40, 60)]:
        delays = [policy.delay(failures, rng) for _ in range(300)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # jitter spreads over the whole range
        assert min(delays) < ceiling * 0.2


def test_retry_after_seconds_date_and_garbage() -> None:
    assert parse_retry_after("120", 0) == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470) == 10
    assert parse_retry_after("soon", 0) is None
    assert parse_retry_after(None, 0) is None
    policy = BackoffPolicy(base_s=2, max_retry_after_s=600)
    assert 600 <= policy.after_retry_after(10**9, random.Random(1)) <= 602


def test_a_damaged_log_record_still_travels_as_a_placeholder(tmp_path) -> None:
    clock = FakeClock()
    log = open_log(tmp_path / "events", DEV, clock)
    fill(log, 10, clock)
    log.close()
    (segment,) = (tmp_path / "events").glob("seg-*.log")
    lines = segment.read_bytes().split(b"\n")
    lines[4] = lines[4][:20] + b"X" + lines[4][21:]  # event 5 no longer matches its checksum
    segment.write_bytes(b"\n".join(lines))
    log = open_log(tmp_path / "events", DEV, clock)
    records = list(stream_records(log, Stream(dev=DEV), 1))
    assert [r["seq"] for r in records] == list(range(1, 11))
    assert records[4]["t"] == DAMAGED and records[3]["t"] != DAMAGED
    built = Outbox(tmp_path / "outbox").build(log, Stream(dev=DEV), 16_000, Clocks(1, 2, "b"))
    assert (built.first, built.last) == (1, 10)
    assert decode_batch(built.body).events[4]["t"] == DAMAGED


def test_batches_are_cut_by_bytes(tmp_path) -> None:
    clock = FakeClock()
    log = open_log(tmp_path / "events", DEV, clock)
    fill(log, 3000, clock)
    outbox = Outbox(tmp_path / "outbox")
    small = outbox.build(log, Stream(dev=DEV), 2048, Clocks(1, 2, "b"))
    assert len(small.body) <= 2048 and small.count >= 10
    big = outbox.build(log, Stream(dev=DEV, acked=small.last), 24_000, Clocks(1, 2, "b"))
    assert big.first == small.last + 1 and big.count > 4 * small.count
    assert len(big.body) <= 24_000
    assert outbox.pending(Stream(dev=DEV)).body == small.body  # stored, found again
