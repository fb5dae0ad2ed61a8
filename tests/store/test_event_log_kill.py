"""200 SIGKILLs of a process appending events: nothing it acknowledged is ever lost.

A child appends in a loop and prints each seq after ``append()`` returns (its promise to the
user). The parent kills it after a short random delay, sometimes before it is even ready
(while it may be repairing the log), then reopens the log and checks that every acknowledged
seq is there and the seqs are dense. Two lanes with their own folders run side by side so the
200 kills take about 20 seconds on two cores.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from store_testkit import DEV, FakeClock

from tutor.store.event_log import TORN_TAIL, EventLog

KILLS = 200
LANES = 2
SEGMENT_BYTES = 4096  # small, so kills also land around segment roll-overs

CHILD = f"""
import os, sys
from pathlib import Path
from tutor.domain.events import NewEvent
from tutor.store.event_log import EventLog
log = EventLog.open(Path(sys.argv[1]), {DEV!r}, clock_ms=lambda: 1, mono_ms=lambda: 2,
                    boot_id="kill-test", segment_bytes={SEGMENT_BYTES})
os.write(1, b"ready\\n")
n = 0
while True:
    n += 1
    event = log.append(NewEvent("learner-1", "section.read", {{"n": n, "pad": "ب" * (n % 50)}}))
    os.write(1, b"%d\\n" % event.seq)
"""


def _acknowledged(output: bytes) -> list[int]:
    """Seqs from complete lines only: a line cut by the kill was never acknowledged."""
    lines = output.split(b"\n")[:-1]
    return [int(line) for line in lines if line and line != b"ready"]


def _run_one(folder: Path, rng: random.Random) -> list[int]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    head = b""
    if rng.random() < 0.8:  # most kills land while appending, some while opening
        head = proc.stdout.readline()
        assert head == b"ready\n", proc.stderr.read() if proc.stderr else b""
    time.sleep(rng.uniform(0.0, 0.03))
    proc.kill()
    # read through the same buffered reader: readline() may already hold acknowledged lines
    rest = proc.stdout.read()
    err = proc.stderr.read() if proc.stderr else b""
    proc.wait()
    proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()
    assert proc.returncode != 0
    assert b"Traceback" not in err, err.decode(errors="replace")
    return _acknowledged(head + rest)


def _lane(folder: Path, seed: int, kills: int) -> dict[str, int]:
    rng = random.Random(seed)
    clock = FakeClock()
    checked = 0  # every seq up to here was verified present and dense
    acked_total = torn = 0
    for _ in range(kills):
        acked = _run_one(folder, rng)
        acked_total += len(acked)
        with EventLog.open(
            folder,
            DEV,
            clock_ms=clock.wall_ms,
            mono_ms=clock.mono_ms,
            boot_id="parent",
            segment_bytes=SEGMENT_BYTES,
        ) as log:
            torn += sum(1 for r in log.repairs if r.reason == TORN_TAIL)
            assert [r for r in log.repairs if r.reason != TORN_TAIL] == []
            if acked:
                assert acked == list(range(acked[0], acked[-1] + 1))
                assert acked[0] == checked + 1  # the child went on right after the last one
                assert log.last_seq >= acked[-1]
            seqs = [e.seq for e in log.read(checked + 1)]
            assert seqs == list(range(checked + 1, log.last_seq + 1))
            checked = log.last_seq
    return {"acked": acked_total, "last": checked, "torn": torn}


def test_no_acknowledged_event_is_lost_across_200_kills(tmp_path: Path) -> None:
    per_lane = KILLS // LANES
    with ThreadPoolExecutor(LANES) as pool:
        futures = [
            pool.submit(_lane, tmp_path / f"lane-{lane}", 1234 + lane, per_lane)
            for lane in range(LANES)
        ]
        results = [f.result() for f in futures]
    for lane, result in enumerate(results):
        assert result["acked"] > per_lane, result  # the children really got to append
        with EventLog.open(
            tmp_path / f"lane-{lane}", DEV, clock_ms=lambda: 0, mono_ms=lambda: 0, boot_id="x"
        ) as log:
            assert [e.seq for e in log.read()] == list(range(1, result["last"] + 1))
            assert log.last_seq == result["last"]
