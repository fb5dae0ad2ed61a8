"""Dashboard load times: overview and trainee list, on a large and a small SQLite store.

Target (issue 8): with 40,000 trainees and 10,000,000 events the overview and the trainee
list load within 5x their time with 1,000 trainees, measured in the same run.

    .venv/bin/python bench/bench_dashboard.py [--trainees 40000] [--events 10000000]
                                              [--small 1000] [--runs 3] [--keep DIR]

Both stores get the same events per trainee (so the small one has events/trainees*small
events), written straight into the collector's tables by sqlite3 (generating 10M rows
through the HTTP API would take hours), with the events table's secondary indexes made
after the rows are in; the dashboard summaries are then built once by the collector's own
rebuild (the code migration 4 runs on upgrade, tested equal to what ingest keeps). Every
page is then fetched through the real app with a logged-in staff session. Prints the
generation and summary-build times, each page's median and the large/small ratios; exits
1 when the overview's or the trainee list's ratio is over 5 (other pages are shown for
information).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TARGET = 5.0
DAY = 24 * 3600 * 1000
NOW = 1_770_000_000_000
LESSONS = [f"lesson-{i:02d}" for i in range(32)]
TRAINEES_PER_DEVICE = 40
CENTRES = 20


def _events_for(rng: random.Random, learner: str, count: int):  # noqa: ANN202
    """A plausible stream for one trainee: lessons in order, quizzes sometimes failed,
    a little bid simulator, the odd milestone; times spread over the last 90 days."""
    start = NOW - rng.randint(1, 90) * DAY
    made = 0
    lesson = 0
    while made < count:
        lid = LESSONS[lesson % len(LESSONS)]
        passed = rng.random() < 0.75
        batch = [
            ("lesson.opened", {"lesson": lid}),
            ("section.read", {"lesson": lid, "section": "s1", "index": 0, "of": 3}),
            ("section.read", {"lesson": lid, "section": "s2", "index": 1, "of": 3}),
            ("section.read", {"lesson": lid, "section": "s3", "index": 2, "of": 3}),
            ("quiz.answered", {"lesson": lid, "question": "q1", "choice": 1, "correct": True}),
            ("quiz.answered", {"lesson": lid, "question": "q2", "choice": 0, "correct": passed}),
            (
                "quiz.finished",
                {"lesson": lid, "score": 2 if passed else 1, "total": 2, "passed": passed},
            ),
        ]
        if passed:
            batch.append(("lesson.completed", {"lesson": lid}))
            lesson += 1
        if rng.random() < 0.1:
            batch.append(("sim.bid_submitted", {"job": f"j{made}", "wk": 1, "price_c": 900}))
            batch.append(("sim.bid_outcome", {"job": f"j{made}", "won": rng.random() < 0.3}))
        if rng.random() < 0.02:
            batch.append(("milestone.reported", {"milestone": "platform_profile"}))
        for etype, payload in batch:
            if made >= count:
                return
            made += 1
            yield etype, payload, start + made * 60_000


def build_store(
    folder: Path, trainees: int, events_per: int, seed: int = 1
) -> tuple[str, float, float]:
    """A migrated collector database holding the synthetic programme: its URL, seconds to
    write the events, seconds to build the summaries."""
    from tutor.collector.database import make_engine
    from tutor.collector.store import CollectorStore

    url = f"sqlite:///{folder / 'c.sqlite3'}"
    clock = iter(range(NOW, NOW + 10**9))
    store = CollectorStore(make_engine(url, durable=False), lambda: next(clock), random.Random(1))
    store.migrate()
    store.engine.dispose()
    started = time.perf_counter()
    rng = random.Random(seed)
    db = sqlite3.connect(folder / "c.sqlite3")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA cache_size=-400000")
    index_sql = [
        sql
        for (sql,) in db.execute(
            "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='events' "
            "AND sql IS NOT NULL"
        )
    ]
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='events' "
        "AND sql IS NOT NULL"
    ).fetchall():
        db.execute(f"DROP INDEX {name}")
    devices = (trainees + TRAINEES_PER_DEVICE - 1) // TRAINEES_PER_DEVICE
    for d in range(devices):
        dev = f"dev{d:08d}"
        db.execute(
            "INSERT INTO enrolments (id, token_hash, centre, dev, created_at) VALUES (?,?,?,?,?)",
            (
                d + 1,
                hashlib.sha256(dev.encode()).hexdigest(),
                f"Centre {d % CENTRES:02d}",
                dev,
                NOW,
            ),
        )
    rows: list[tuple] = []
    seqs = [0] * devices
    acked = [0] * devices
    for t in range(trainees):
        d = t // TRAINEES_PER_DEVICE
        dev, learner = f"dev{d:08d}", f"trainee-{t:06d}"
        for etype, payload, at in _events_for(rng, learner, events_per):
            seqs[d] += 1
            rec = {
                "boot": "b",
                "lrn": learner,
                "mono": 0,
                "p": payload,
                "seq": seqs[d],
                "t": etype,
                "wall": at,
            }
            body = json.dumps(rec, separators=(",", ":"), sort_keys=True)
            rows.append((dev, seqs[d], "0" * 64, learner, etype, body, at + 5000, at, "net"))
            if len(rows) >= 50_000:
                db.executemany(
                    "INSERT INTO events (dev, seq, hash, learner, type, body, "
                    "received_at, est_time, via) VALUES (?,?,?,?,?,?,?,?,?)",
                    rows,
                )
                rows.clear()
        acked[d] = seqs[d]
    if rows:
        db.executemany(
            "INSERT INTO events (dev, seq, hash, learner, type, body, received_at, "
            "est_time, via) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
    for d in range(devices):
        db.execute(
            "INSERT INTO streams (dev, enrolment_id, acked, chain, first_seen, last_seen, "
            "clock_offset_ms) VALUES (?,?,?,?,?,?,?)",
            (
                f"dev{d:08d}",
                d + 1,
                acked[d],
                "",
                NOW - 90 * DAY,
                NOW - rng.randint(0, 9) * DAY,
                rng.choice([0, 1000, 3_600_000]),
            ),
        )
    for sql in index_sql:
        db.execute(sql)
    db.commit()
    db.close()
    took = time.perf_counter() - started
    started = time.perf_counter()
    from tutor.collector.summaries import rebuild_summaries

    engine = make_engine(url, durable=False)
    with engine.begin() as conn:
        rebuild_summaries(conn)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return url, took, time.perf_counter() - started


def time_pages(url: str, runs: int) -> dict[str, float]:
    """Median seconds to fetch each page through the app, logged in."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from tutor.collector.dashboard.routes import dashboard_routes
    from tutor.collector.dashboard.staff_accounts import StaffAccounts
    from tutor.collector.database import make_engine
    from tutor.collector.store import CollectorStore

    started = time.time()  # the pages' clock runs from NOW, where the synthetic data ends
    store = CollectorStore(
        make_engine(url, durable=False),
        lambda: NOW + int((time.time() - started) * 1000),
        random.Random(2),
    )
    StaffAccounts(store.engine, store.clock_ms, store.rng).add_user("bench", "bench password")
    client = TestClient(Starlette(routes=dashboard_routes(store)))
    page = client.get("/dashboard/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post(
        "/dashboard/login", data={"csrf": csrf, "username": "bench", "password": "bench password"}
    )
    out = {}
    for name, path in (
        ("overview", "/dashboard/"),
        ("trainee list", "/dashboard/trainees"),
        ("stuck trainees", "/dashboard/trainees?status=stuck"),
        ("finished (rare)", "/dashboard/trainees?status=finished"),
        ("one centre", "/dashboard/trainees?centre=Centre+03&status=stuck"),
        ("lessons*", "/dashboard/lessons"),
        ("centres*", "/dashboard/centres"),
        ("outcomes*", "/dashboard/outcomes"),
    ):
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            r = client.get(path)
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200, (path, r.status_code)
        out[name] = statistics.median(times)
    store.engine.dispose()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, default=40_000)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", help="folder to build the stores in (kept afterwards)")
    args = ap.parse_args()
    per = max(1, args.events // args.trainees)
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-dash-"))
    figures = {}
    for label, n in (("small", args.small), ("large", args.trainees)):
        folder = base / label
        folder.mkdir(parents=True, exist_ok=True)
        url, took, summarised = build_store(folder, n, per)
        size = (folder / "c.sqlite3").stat().st_size / 1e6
        print(
            f"{label}: {n:,} trainees, {n * per:,} events, written in {took:.1f} s, "
            f"summaries built in {summarised:.1f} s, {size:.0f} MB",
            flush=True,
        )
        figures[label] = time_pages(url, args.runs)
    print(f"{'page':<16}{'small s':>10}{'large s':>10}{'ratio':>8}")
    worst = 0.0
    for page in figures["small"]:
        small, large = figures["small"][page], figures["large"][page]
        ratio = large / small
        if not page.endswith("*"):
            worst = max(worst, ratio)
        print(f"{page:<16}{small:>10.3f}{large:>10.3f}{ratio:>8.1f}")
    print(f"worst ratio {worst:.1f} (target <= {TARGET}; * pages for information only)")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
