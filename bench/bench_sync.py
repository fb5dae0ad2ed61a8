"""Sync figures: bytes per event, a no-change sync, 1,000 events at 32 kbit/s, ingest rate.

Run: ``.venv/bin/python bench/bench_sync.py`` (about a minute; ``--stored 200000`` for a
quicker ingest comparison). Every figure is printed with its target; ratios compare two
measurements taken in this same run, never a number from another machine.

Targets (issue 7): ≤ 30 B/event in batches; a no-change sync ≤ 1 KB and 1 request;
1,000 events through 32 kbit/s in ≤ 2× the raw payload time; ingest with 1,000,000 events
stored ≤ 1.5× slower than into an empty database.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "sync")]  # the fault proxy is a test helper

from fault_proxy import FaultPlan, FaultProxy  # noqa: E402
from live_collector import LiveCollector  # noqa: E402

from tutor.domain.events import NewEvent  # noqa: E402
from tutor.store.event_log import EventLog  # noqa: E402
from tutor.sync.backoff import BackoffPolicy  # noqa: E402
from tutor.sync.batch_format import encode_batch  # noqa: E402
from tutor.sync.enrolment import enrol  # noqa: E402
from tutor.sync.outbox import Outbox, stream_records  # noqa: E402
from tutor.sync.sync_state import Stream, SyncStateFile  # noqa: E402
from tutor.sync.transport import HttpTransport  # noqa: E402
from tutor.sync.uploader import ClientClocks, SyncClient, SyncPolicy  # noqa: E402

DEV = "9f8e7d6c5b4a3921"
LESSONS = ["what-is-freelancing", "upwork-profile", "fiverr-gigs", "writing-proposals", "payoneer"]


def realistic_log(folder: Path, n: int, seed: int = 1) -> EventLog:
    """A trainee day on a centre PC: lessons opened, sections read, quizzes answered."""
    rng = random.Random(seed)
    clock = {"wall": 1_760_000_000_000, "mono": 50_000}
    log = EventLog.open(
        folder,
        DEV,
        clock_ms=lambda: clock["wall"],
        mono_ms=lambda: clock["mono"],
        boot_id="6c1f0e0a-8d5b-4b7e-9a57-3f4c2f1d9e21",
    )
    learners = [f"{rng.getrandbits(64):016x}" for _ in range(6)]
    with mock.patch("os.fsync"):  # building the fixture log only
        for i in range(n):
            step = rng.randint(2_000, 90_000)
            clock["wall"] += step
            clock["mono"] += step
            lesson = LESSONS[(i // 40) % len(LESSONS)]
            kind = rng.random()
            if kind < 0.55:
                new = NewEvent(
                    learners[i % 6],
                    "section.read",
                    {"lesson": lesson, "section": f"s{i % 6}", "index": i % 6, "of": 6},
                )
            elif kind < 0.85:
                new = NewEvent(
                    learners[i % 6],
                    "quiz.answered",
                    {
                        "lesson": lesson,
                        "question": f"q{i % 5}",
                        "choice": rng.randint(0, 3),
                        "correct": rng.random() < 0.7,
                    },
                )
            else:
                new = NewEvent(learners[i % 6], "lesson.opened", {"lesson": lesson})
            log.append(new)
    return log


def bytes_per_event(tmp: Path) -> None:
    log = realistic_log(tmp / "bpe", 5000)
    records = list(stream_records(log, Stream(dev=DEV), 1))
    for size in (50, 500, 1000):
        total = sum(
            len(encode_batch(DEV, records[i : i + size], sent_wall=1, sent_mono=1, sent_boot="b"))
            for i in range(0, len(records), size)
        )
        print(f"batch of {size:5d} events: {total / len(records):6.1f} B/event (target <= 30)")
    log.close()


def client(home: Path, log: EventLog, url: str, **opts) -> SyncClient:  # noqa: ANN003
    return SyncClient(
        log,
        SyncStateFile(home / "sync-state.json"),
        Outbox(home / "outbox"),
        HttpTransport(url, **opts),
        ClientClocks(
            lambda: int(time.time() * 1000), lambda: int(time.monotonic() * 1000), "b", time.sleep
        ),
        rng=random.Random(1),
        new_dev=lambda: "0" * 16,
        policy=SyncPolicy(backoff=BackoffPolicy(base_s=0.2, cap_s=2)),
    )


def link_figures(tmp: Path) -> None:
    log = realistic_log(tmp / "link", 1000, seed=2)
    with LiveCollector(tmp / "c.sqlite3") as live:
        code = live.store.create_code("bench")
        enrol(
            HttpTransport(live.url),
            SyncStateFile(tmp / "home" / "sync-state.json"),
            live.url,
            code,
            DEV,
        )
        plan = FaultPlan(rate_bps=32_000, latency_s=0.3)
        with FaultProxy(live.port, plan) as proxy:
            url = f"http://127.0.0.1:{proxy.port}"
            c = client(tmp / "home", log, url)
            start = time.monotonic()
            report = c.sync()
            took = time.monotonic() - start
            assert report.acked == 1000, report
            up, down = proxy.counts.bytes_up, proxy.counts.bytes_down
            payload = c.transport.traffic.body_up  # the batch bodies alone
            raw_s = payload * 8 / 32_000
            print(
                f"1,000 events at 32 kbit/s, 300 ms latency: {took:5.1f} s for {up} B up, "
                f"{down} B down, {c.requests} requests"
            )
            print(
                f"  raw payload time {raw_s:5.1f} s, ratio {took / raw_s:4.2f} (target <= 2.0); "
                f"{up / 1000:5.1f} wire B/event up"
            )
            before_up, before_down, before_ex = up, down, proxy.counts.exchanges
            c2 = client(tmp / "home", log, url)
            c2.sync()
            nu, nd = proxy.counts.bytes_up - before_up, proxy.counts.bytes_down - before_down
            print(
                f"no-change sync: {nu + nd} B on the wire ({nu} up, {nd} down), "
                f"{proxy.counts.exchanges - before_ex} request(s) (target <= 1024 B, 1)"
            )
    log.close()


def ingest_rate(tmp: Path, stored: int) -> None:
    from tutor.collector.database import make_engine
    from tutor.collector.store import CollectorStore
    from tutor.sync.batch_format import decode_batch

    log = realistic_log(tmp / "ingest", 10_000, seed=3)
    records = list(stream_records(log, Stream(dev=DEV), 1))
    batches = [
        decode_batch(
            encode_batch(DEV, records[i : i + 500], sent_wall=1, sent_mono=1, sent_boot="b")
        )
        for i in range(0, len(records), 500)
    ]
    log.close()

    def run(db: Path) -> float:
        store = CollectorStore(
            make_engine(f"sqlite:///{db}"), lambda: int(time.time() * 1000), random.Random(1)
        )
        store.migrate()
        _prefill(db, stored if db.name.startswith("full") else 0)
        start = time.perf_counter()
        for b in batches:
            store.ingest(b, enrolment_id=None, via="net", sent=None)
        took = time.perf_counter() - start
        assert store.ack(DEV).acked == len(records)
        store.engine.dispose()
        return len(records) / took

    empty = run(tmp / "empty.sqlite3")
    full = run(tmp / "full.sqlite3")
    print(f"ingest into empty database: {empty:8.0f} events/s")
    print(
        f"ingest with {stored:,} events stored: {full:8.0f} events/s, "
        f"ratio {empty / full:4.2f} (target <= 1.5)"
    )


def _prefill(db: Path, n: int) -> None:
    """``n`` stored events from 1,000 other devices, written directly for speed."""
    if not n:
        return
    per = max(1, n // 1000)
    conn = sqlite3.connect(db)
    with conn:
        for d in range(1000):
            dev = f"{d:016x}"
            conn.execute(
                "insert into streams(dev, acked, chain, first_seen, last_seen) values (?,?,?,0,0)",
                (dev, per, "00" * 32),
            )
            conn.executemany(
                "insert into events(dev, seq, hash, chain, learner, type, body, received_at, via) "
                "values (?,?,?,?,?,?,?,?,?)",
                (
                    (
                        dev,
                        s,
                        f"{s:064x}",
                        f"{s:064x}",
                        f"{d:016x}",
                        "section.read",
                        '{"p":{"lesson":"x"}}',
                        0,
                        "net",
                    )
                    for s in range(1, per + 1)
                ),
            )
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stored", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bytes_per_event(Path(tmp))
        link_figures(Path(tmp))
        ingest_rate(Path(tmp), args.stored)


if __name__ == "__main__":
    main()
