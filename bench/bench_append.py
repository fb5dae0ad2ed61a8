"""Cost of one durable event append, small log against big log, with TinyDB for reference.

Target (issue "Core"): appending one event (with its fsync) to a log that already holds
100,000 events costs at most 1.5x what it costs with 100 events. For reference the same run
times TinyDB's default JSONStorage inserting one document into a 1k- and a 50k-document
database (it rewrites the whole file on every insert) and the tutor's own atomic state
storage at 1k documents.

The big log is filled by writing framed lines straight into segment files (100,000 fsyncs
would take minutes and measure nothing new); the timed appends all go through
``EventLog.append``. Appends to both logs are interleaved in rounds so disk or CPU noise from
other processes hits both alike.

    .venv/bin/python bench/bench_append.py [--appends 400] [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tutor.domain.events import Event, NewEvent
from tutor.store.event_log import (
    DEFAULT_SEGMENT_BYTES,
    EventLog,
    encode_event,
    segment_name,
)

DEV = "0123456789abcdef"
TARGET_RATIO = 1.5


def sample_event(n: int) -> NewEvent:
    """A typical event: a section read, as the lesson screen records it."""
    return NewEvent(
        learner="5f2b9c1e7a3d4b60",
        type="section.read",
        payload={"lesson": f"proposals-{n % 40:02d}", "section": n % 9, "index": n % 9, "of": 9},
    )


def fill_log(folder: Path, count: int) -> None:
    """Write ``count`` valid events into segments as EventLog would, one fsync at the end.

    The final fsync matters: otherwise the first timed fsync on the big log would also flush
    megabytes of fill data and the comparison would measure that instead.
    """
    folder.mkdir(parents=True)
    number, size = 1, 0
    out = (folder / segment_name(number)).open("wb")
    for seq in range(1, count + 1):
        new = sample_event(seq)
        event = Event(DEV, seq, new.learner, new.type, new.payload, 1_700_000_000_000, "b", seq)
        line = encode_event(event)
        if size and size + len(line) > DEFAULT_SEGMENT_BYTES:
            out.close()
            number, size = number + 1, 0
            out = (folder / segment_name(number)).open("wb")
        out.write(line)
        size += len(line)
    out.close()
    for segment in folder.iterdir():
        with segment.open("rb+") as fh:
            os.fsync(fh.fileno())


def open_log(folder: Path) -> tuple[EventLog, float]:
    start = time.perf_counter()
    log = EventLog.open(
        folder,
        DEV,
        clock_ms=lambda: int(time.time() * 1000),
        mono_ms=lambda: int(time.monotonic() * 1000),
        boot_id="bench",
    )
    return log, time.perf_counter() - start


def time_calls(call: Callable[[], object], times: int) -> list[float]:
    out = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def bench_appends(root: Path, appends: int, rounds: int) -> dict[str, list[float]]:
    fill_log(root / "small", 100)
    fill_log(root / "big", 100_000)
    small, small_open = open_log(root / "small")
    big, big_open = open_log(root / "big")
    assert small.last_seq == 100 and big.last_seq == 100_000
    timings: dict[str, list[float]] = {"small": [], "big": []}
    per_round = max(1, appends // rounds)
    for log in (small, big):  # warm up: first-append effects are not what is compared
        for n in range(20):
            log.append(sample_event(n))
    counter = iter(range(10**9))

    def append_to(log: EventLog) -> Callable[[], object]:
        return lambda: log.append(sample_event(next(counter)))

    for _ in range(rounds):
        for name, log in (("small", small), ("big", big)):
            timings[name] += time_calls(append_to(log), per_round)
    start = time.perf_counter()
    assert sum(1 for _ in big.read()) == big.last_seq
    timings["read_big"] = [time.perf_counter() - start]
    small.close()
    big.close()
    timings["open_small"] = [small_open]
    timings["open_big"] = [big_open]
    return timings


def tinydb_insert_costs(root: Path, docs: int, inserts: int, atomic: bool) -> list[float]:
    from tinydb import TinyDB

    from tutor.store.state_db import open_state

    path = root / f"{'atomic' if atomic else 'tinydb'}-{docs}.json"
    db = open_state(path) if atomic else TinyDB(path)
    db.insert_multiple({"name": f"trainee {i}", "module": i % 6, "xp": i} for i in range(docs))
    costs = time_calls(lambda: db.insert({"name": "new", "module": 1, "xp": 0}), inserts)
    db.close()
    return costs


def ms(values: list[float], how: Callable[[list[float]], float]) -> str:
    return f"{how(values) * 1000:9.3f}"


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--appends", type=int, default=400, help="timed appends per log")
    parser.add_argument("--quick", action="store_true", help="fewer TinyDB inserts at 50k")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-append-") as tmp:
        root = Path(tmp)
        t = bench_appends(root, args.appends, rounds=8)
        rows = [
            ("event append, 100 in log", t["small"]),
            ("event append, 100,000 in log", t["big"]),
            ("TinyDB insert, 1k docs", tinydb_insert_costs(root, 1_000, 30, atomic=False)),
            (
                "TinyDB insert, 50k docs",
                tinydb_insert_costs(root, 50_000, 3 if args.quick else 8, atomic=False),
            ),
            ("tutor state insert, 1k docs", tinydb_insert_costs(root, 1_000, 30, atomic=True)),
        ]
    print(f"{'operation':34} {'n':>5} {'mean ms':>9} {'median ms':>9} {'p95 ms':>9}")
    print("-" * 70)
    for label, values in rows:
        mean = ms(values, statistics.fmean)
        median = ms(values, statistics.median)
        print(f"{label:34} {len(values):5d} {mean} {median}  {ms(values, p95)}")
    print("-" * 70)
    print(f"open (scan last segment), 100 events:     {t['open_small'][0] * 1000:8.2f} ms")
    print(f"open (scan last segment), 100,000 events: {t['open_big'][0] * 1000:8.2f} ms")
    print(f"read every event of the big log:          {t['read_big'][0] * 1000:8.2f} ms")
    ratio_median = statistics.median(t["big"]) / statistics.median(t["small"])
    ratio_mean = statistics.fmean(t["big"]) / statistics.fmean(t["small"])
    verdict = "OK" if ratio_median <= TARGET_RATIO else "OVER TARGET"
    print(
        f"append cost ratio 100,000 / 100: median {ratio_median:.2f}, mean {ratio_mean:.2f} "
        f"(target <= {TARGET_RATIO}) {verdict}"
    )
    tiny = statistics.median(rows[3][1]) / statistics.median(rows[2][1])
    print(
        f"TinyDB default storage ratio 50k / 1k: median {tiny:.1f}x (why events are not in TinyDB)"
    )
    return 0 if ratio_median <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
