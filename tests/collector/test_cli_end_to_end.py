"""The commands as programme IT staff and trainers type them, against a real collector
process on 127.0.0.1; and a collector killed with SIGKILL in the middle of ingest."""

from __future__ import annotations

import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

pytest.importorskip("uvicorn", reason="collector extra not installed")

from tutor.domain.events import NewEvent  # noqa: E402
from tutor.paths import DataPaths  # noqa: E402
from tutor.store.device import load_or_create_device  # noqa: E402
from tutor.store.event_log import EventLog  # noqa: E402


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def tutor(capsys, monkeypatch):  # noqa: ANN001, ANN201
    """Run ``tutor ARGS`` in this process (the collector server runs as a real process)."""
    from tutor.cli import main

    monkeypatch.delenv("TUTOR_HOME", raising=False)

    def run(*args: str, check: bool = True) -> Ran:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        ran = Ran(code, out, err)
        if check:
            assert code == 0, err
        return ran

    return run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_collector(data: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tutor.cli",
            "collector",
            "serve",
            "--data",
            str(data),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("collector did not start")


def add_events(home: Path, n: int) -> str:
    paths = DataPaths(home)
    device = load_or_create_device(paths.device, clock_ms=lambda: 1, rng_hex=lambda k: "5e" * k)
    log = EventLog.open(
        paths.events, device.dev, clock_ms=lambda: 2, mono_ms=lambda: 3, boot_id="b"
    )
    with mock.patch("os.fsync"):  # set-up only: durability of the fixture log is not tested
        for i in range(n):
            log.append(NewEvent("L9", "quiz.answered", {"q": i, "ok": i % 3 == 0}))
    log.close()
    return device.dev


def count_rows(data: Path) -> tuple[int, int]:
    import sqlite3

    with sqlite3.connect(data / "collector.sqlite3") as db:
        n = db.execute("select count(*) from events").fetchone()[0]
        acked = db.execute("select coalesce(max(acked), 0) from streams").fetchone()[0]
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    return n, acked


def test_staff_and_trainer_commands(tmp_path, tutor):
    data, pc, stick = tmp_path / "collector", tmp_path / "pc", tmp_path / "stick"
    stick.mkdir()
    code = tutor(
        "collector", "enrol-code", "--centre", "Gilgit", "--data", str(data)
    ).stdout.strip()
    assert len(code) == 14
    dev = add_events(pc, 120)
    port = free_port()
    server = start_collector(data, port)
    try:
        url = f"http://127.0.0.1:{port}"
        bad = tutor("--home", str(pc), "sync", "enrol", url, "AAAA-BBBB-CCCC", check=False)
        assert bad.returncode == 1 and "refused the code" in bad.stderr
        tutor("--home", str(pc), "sync", "enrol", url, code)
        done = tutor("--home", str(pc), "sync")
        assert "All progress is sent" in done.stdout and "Sent 120 of 120" in done.stderr
        assert count_rows(data) == (120, 120)
        add_events(pc, 5)
        out = tutor("--home", str(pc), "progress", "export", str(stick)).stdout
        assert "(5 events), checked" in out
        imported = tutor("collector", "import", str(stick), "--data", str(data)).stdout
        assert "5 new" in imported and count_rows(data) == (125, 125)
        assert "0 new" in tutor("collector", "import", str(stick), "--data", str(data)).stdout
        tutor("collector", "revoke", dev, "--data", str(data))
        add_events(pc, 1)
        refused = tutor("--home", str(pc), "sync", check=False)
        assert refused.returncode == 2 and "Enrol it again" in refused.stdout
        assert count_rows(data) == (125, 125)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(10)


def test_commands_report_bad_input_clearly(tmp_path, tutor):
    missing = tutor(
        "collector", "import", str(tmp_path / "none"), "--data", str(tmp_path), check=False
    )
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    not_enrolled = tutor("--home", str(tmp_path / "pc"), "sync", check=False)
    assert not_enrolled.returncode == 1 and "not enrolled" in not_enrolled.stderr
    bad_url = tutor("--home", str(tmp_path / "pc"), "sync", "enrol", "ftp://x", "C", check=False)
    assert bad_url.returncode == 1 and "Not a web address" in bad_url.stderr
    unknown = tutor("collector", "revoke", "ffff", "--data", str(tmp_path / "c"), check=False)
    assert unknown.returncode == 1 and "No active enrolment" in unknown.stderr


def test_collector_killed_mid_ingest_loses_and_doubles_nothing(tmp_path, tutor):
    from tutor.sync.backoff import BackoffPolicy
    from tutor.sync.local_pc import open_pc, run_sync
    from tutor.sync.uploader import Outcome, SyncPolicy

    policy = SyncPolicy(
        max_target_bytes=1024,
        min_target_bytes=512,
        max_failures=50,
        backoff=BackoffPolicy(base_s=0.05, cap_s=0.5),
    )

    data, pc = tmp_path / "collector", tmp_path / "pc"
    code = tutor("collector", "enrol-code", "--centre", "Swat", "--data", str(data)).stdout.strip()
    add_events(pc, 1500)
    port = free_port()
    server = start_collector(data, port)
    tutor("--home", str(pc), "sync", "enrol", f"http://127.0.0.1:{port}", code)
    results = []

    def sync_until_done() -> None:
        with open_pc(pc) as local:
            for _ in range(200):
                report = run_sync(local, policy=policy, stall_timeout_s=2.0)
                results.append(report)
                if report.outcome is Outcome.DONE:
                    break

    # small batches (policy above) so that kills land in the middle of many ingests
    worker = threading.Thread(target=sync_until_done)
    worker.start()
    rng = random.Random(3)
    kills = 0
    try:
        for _ in range(3):
            time.sleep(rng.uniform(0.2, 0.5))
            server.send_signal(signal.SIGKILL)
            server.wait(10)
            kills += 1
            server = start_collector(data, port)
        worker.join(90)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(10)
    assert kills == 3 and results and results[-1].outcome is Outcome.DONE
    assert sum(r.failures for r in results) >= 3  # each kill broke an exchange
    assert count_rows(data) == (1500, 1500)


def test_add_cohort_checks_its_input_and_changes_nothing_on_error(tmp_path, tutor):
    data = str(tmp_path / "c")

    def cohort(*args: str):  # noqa: ANN202
        return tutor("collector", "add-cohort", *args, "--data", data, check=False)

    bad_date = cohort("--centre", "Swat", "--name", "A", "--starts", "1/3/2026")
    assert bad_date.returncode == 1 and "YYYY-MM-DD" in bad_date.stderr
    no_day = cohort("--centre", "Swat", "--name", "A", "--starts", "2026-02-30")
    assert no_day.returncode == 1 and "not a real date" in no_day.stderr
    unknown = cohort("--centre", "Swat", "--name", "A", "--starts", "2026-03-01")
    assert unknown.returncode == 1 and "No centre called Swat" in unknown.stderr
    tutor("collector", "enrol-code", "--centre", "Swat", "--data", data)
    blank = cohort("--centre", "Swat", "--name", "  ", "--starts", "2026-03-01")
    assert blank.returncode == 1 and "1 to 200 characters" in blank.stderr
    ok = cohort("--centre", "Swat", "--name", "March", "--starts", "2026-03-01")
    assert ok.returncode == 0 and "March" in ok.stdout and "2026-03-01" in ok.stdout
    again = cohort("--centre", "Swat", "--name", "Spring", "--starts", "2026-03-01")
    assert again.returncode == 1 and "already has cohort March" in again.stderr
    import sqlite3

    db = sqlite3.connect(tmp_path / "c" / "collector.sqlite3")
    assert db.execute("SELECT centre, name, starts FROM cohorts").fetchall() == [
        ("Swat", "March", "2026-03-01")
    ]
    db.close()
