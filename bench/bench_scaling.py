"""Collector scaling figures for docs/scaling.md: ingest over HTTP, 1 vs 2 processes, storage.

Run: ``.venv/bin/python bench/bench_scaling.py`` (2-3 minutes; ``--events 40000`` for a
quicker look). Needs the collector extra and the Debian PostgreSQL binaries (or
``TUTOR_TEST_PG_URL``); Linux only for the CPU columns (read from /proc).

Every phase runs real ``tutor collector serve`` processes (uvicorn) on 127.0.0.1 and sends
the same pre-built gzip batches of 500 events from several client threads, one thread per
connection, each thread owning several devices and sending each device's batches in order.
PostgreSQL runs with ``fsync=on`` (our throw-away cluster is switched to it) so that, like
SQLite's ``synchronous=FULL``, an ack means the batch is on disk. Ratios compare phases of
this same run; absolute figures are lower bounds for a real server, because the clients,
the collector and the database share this machine's cores.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the throw-away PostgreSQL of the tests

from pg_server import TempPostgres, _as_db_user  # noqa: E402

from tutor.sync.batch_format import encode_batch  # noqa: E402

BATCH = 500
THREADS = 8
DEVICES = 32
PHASE_CAP_S = 30.0
ACK_SECONDS = 4.0
BOOT = "6c1f0e0a-8d5b-4b7e-9a57-3f4c2f1d9e21"
LESSONS = ["what-is-online-work", "platforms-compared", "title-overview-skills", "fees"]


# ---- the workload ----------------------------------------------------------------------
def course_events() -> tuple[int, int, int, int]:
    """(lessons, sections, questions, events for one pass) counted from the bundled lessons."""
    from tutor.lessons.loader import load_tree

    curriculum = load_tree(ROOT / "lessons").curriculum
    lessons = sections = questions = 0
    for lesson_id in curriculum.all_lesson_ids():
        found = curriculum.get(lesson_id, "en")
        if found is None:
            continue
        lessons += 1
        sections += len(found[0].sections)
        questions += len(found[0].quiz)
    # open + one per section + one per answer + quiz finished + completed
    return lessons, sections, questions, lessons * 3 + sections + questions


def _payload(rng: random.Random, i: int) -> tuple[str, dict]:
    """One event of the mix a trainee produces: mostly reading and quizzes, some simulator."""
    lesson = LESSONS[(i // 30) % len(LESSONS)]
    roll = rng.random()
    if roll < 0.40:
        return "section.read", {"lesson": lesson, "section": f"s{i % 6}", "index": i % 6, "of": 6}
    if roll < 0.65:
        return "quiz.answered", {
            "lesson": lesson,
            "question": f"q{i % 5}",
            "choice": rng.randint(0, 3),
            "correct": rng.random() < 0.7,
        }
    if roll < 0.75:
        return "lesson.opened", {"lesson": lesson}
    if roll < 0.85:
        job = f"w{i % 8}-j{rng.randint(0, 4)}"
        return "sim.bid_submitted", {
            "job": job,
            "tpl": "logo-quick",
            "wk": i % 8,
            "price_c": rng.randint(500, 40000),
            "conn": 4,
            "q": round(rng.random(), 2),
            "sc": {"fit": 0.7, "per": 0.5, "pri": 0.4, "cla": 0.8},
        }
    if roll < 0.95:
        return "sim.bid_outcome", {
            "job": f"w{i % 8}-j{rng.randint(0, 4)}",
            "won": rng.random() < 0.2,
            "hired": True,
            "rank": rng.randint(1, 30),
            "of": 30,
            "open": True,
            "why": ["factor.no_reviews", "factor.templates"],
        }
    return "sim.week_ended", {"wk": i % 8, "conn": 30, "bids": 3, "wins": 0}


def device_batches(dev_index: int, n_events: int) -> list[bytes]:
    """A device's events (six trainees sharing one PC) as the gzip bodies it would upload."""
    rng = random.Random(dev_index)
    dev = f"{dev_index + 1:016x}"
    learners = [f"{rng.getrandbits(64):016x}" for _ in range(6)]
    wall, mono, records = 1_763_000_000_000, 50_000, []
    for i in range(n_events):
        step = rng.randint(2_000, 90_000)
        wall, mono = wall + step, mono + step
        kind, payload = _payload(rng, i)
        records.append(
            {"seq": i + 1, "lrn": learners[i % 6], "t": kind, "p": payload}
            | {"wall": wall, "boot": BOOT, "mono": mono}
        )
    return [
        encode_batch(dev, records[i : i + BATCH], sent_wall=wall, sent_mono=mono, sent_boot=BOOT)
        for i in range(0, n_events, BATCH)
    ]


# ---- processes and CPU ---------------------------------------------------------------
def _cpu_ticks(pid: int) -> int:
    """User + system CPU of one process (and its reaped children), in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return sum(int(f) for f in fields[11:15])  # utime stime cutime cstime


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                out.append(int(entry.name))
    return out


def cpu_seconds(pids: list[int], with_children: bool = False) -> float:
    total = 0
    for pid in pids:
        total += _cpu_ticks(pid)
        if with_children:
            total += sum(_cpu_ticks(c) for c in _children(pid))
    return total / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    """CPU seconds of this process: the client threads (the batches are built beforehand)."""
    t = os.times()
    return t.user + t.system


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collectors:
    """``tutor collector serve`` processes on one database, each on its own port."""

    def __init__(self, db_url: str, count: int, data: Path) -> None:
        self.ports = [_free_port() for _ in range(count)]
        env = dict(os.environ, PYTHONPATH=str(ROOT), TUTOR_HOME=str(data))
        self.procs = [
            subprocess.Popen(
                [sys.executable, "-m", "tutor.cli", "collector", "serve", "--db", db_url]
                + ["--data", str(data), "--port", str(port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for port in self.ports
        ]
        for port in self.ports:
            _wait_healthy(port)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def _wait_healthy(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/v1/health")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"collector on port {port} did not start")


# ---- clients --------------------------------------------------------------------------
@dataclass
class Tally:
    events: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, events: int, took: float) -> None:
        with self.lock:
            self.events += events
            self.requests += 1
            self.latencies.append(took)


def _post(conn: http.client.HTTPConnection, token: str, body: bytes) -> dict:
    now = str(int(time.time() * 1000))
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Encoding": "gzip",
        "Content-Type": "application/json",
        "X-Sent-Wall": now,
        "X-Sent-Mono": "999999999",
        "X-Sent-Boot": BOOT,
    }
    conn.request("POST", "/v1/batches", body=body, headers=headers)
    resp = conn.getresponse()
    doc = json.loads(resp.read())
    if resp.status != 200:
        raise RuntimeError(f"{resp.status} {doc.get('error')}")
    return doc


def _get_ack(conn: http.client.HTTPConnection, token: str, dev: str) -> dict:
    conn.request("GET", f"/v1/devices/{dev}/ack", headers={"Authorization": f"Bearer {token}"})
    resp = conn.getresponse()
    doc = json.loads(resp.read())
    if resp.status != 200:
        raise RuntimeError(f"{resp.status} {doc.get('error')}")
    return doc


def ingest(ports: list[int], tokens: list[str], batches: list[list[bytes]]) -> tuple[Tally, float]:
    """Send every device's batches in order; threads share devices, each keeps one connection."""
    tally, deadline = Tally(), time.monotonic() + PHASE_CAP_S
    start = threading.Barrier(THREADS + 1)

    def worker(t: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", ports[t % len(ports)], timeout=120)
        mine = list(range(t, len(tokens), THREADS))
        for d in mine:  # warm the connection and the server's pool
            _get_ack(conn, tokens[d], f"{d + 1:016x}")
        start.wait()
        for r in range(len(batches[0])):
            for d in mine:
                if time.monotonic() > deadline:
                    return
                began = time.perf_counter()
                try:
                    doc = _post(conn, tokens[d], batches[d][r])
                except (OSError, RuntimeError, ValueError) as exc:
                    tally.errors.append(str(exc))
                    conn = http.client.HTTPConnection("127.0.0.1", ports[t % len(ports)])
                    continue
                if doc["acked"] != (r + 1) * BATCH:  # in order, so the ack must follow
                    tally.errors.append(f"device {d}: acked {doc['acked']}")
                tally.add(doc["stored"], time.perf_counter() - began)
        conn.close()

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for th in threads:
        th.start()
    start.wait()
    began = time.perf_counter()
    for th in threads:
        th.join()
    return tally, time.perf_counter() - began


def ack_rate(ports: list[int], tokens: list[str]) -> tuple[Tally, float]:
    """A no-change sync is one GET .../ack: how many per second the collector answers."""
    tally, stop_at = Tally(), time.monotonic() + ACK_SECONDS

    def worker(t: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", ports[t % len(ports)], timeout=60)
        mine = list(range(t, len(tokens), THREADS))
        i = 0
        while time.monotonic() < stop_at:
            d = mine[i % len(mine)]
            began = time.perf_counter()
            try:
                _get_ack(conn, tokens[d], f"{d + 1:016x}")
            except (OSError, RuntimeError, ValueError) as exc:
                tally.errors.append(str(exc))
                conn = http.client.HTTPConnection("127.0.0.1", ports[t % len(ports)])
                continue
            tally.add(0, time.perf_counter() - began)
            i += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    began = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return tally, time.perf_counter() - began


# ---- databases ------------------------------------------------------------------------
class Postgres:
    """The tests' throw-away cluster, made durable (fsync on) and split per phase."""

    def __init__(self) -> None:
        self.server = TempPostgres()
        url = self.server.start()
        if url is None:
            raise SystemExit(f"no PostgreSQL: {self.server.reason}")
        self.base = url
        if self.server.folder is not None:  # ours: acks must mean "on disk", as in production
            self._restart_durable()
        self.settings = {
            k: self.sql(f"SHOW {k}")[0][0]
            for k in ("fsync", "synchronous_commit", "shared_buffers", "max_connections")
        }

    def _restart_durable(self) -> None:
        """The tests start the cluster with ``-c fsync=off``; restart it without that."""
        folder, port = self.server.folder, self.base.rsplit(":", 1)[1].split("/")[0]
        opts = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=on"
        data = folder / "data"
        cmd = [self.server._pg_ctl, "-D", str(data), "-o", opts, "-l", str(folder / "log")]
        subprocess.run(_as_db_user([*cmd, "-w", "restart"]), check=True, capture_output=True)

    def sql(self, *statements: str, url: str | None = None, autocommit: bool = False) -> list:
        import psycopg

        rows: list = []
        with psycopg.connect(url or self.base, autocommit=autocommit) as conn:
            for stmt in statements:
                cur = conn.execute(stmt)
                rows = cur.fetchall() if cur.description else []
        return rows

    def database(self, name: str) -> str:
        self.sql(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}", autocommit=True)
        return self.base.rsplit("/", 1)[0] + "/" + name

    def postmaster(self) -> int | None:
        if self.server.folder is None:
            return None
        pid_file = self.server.folder / "data" / "postmaster.pid"
        return int(pid_file.read_text().split()[0]) if pid_file.exists() else None

    def stop(self) -> None:
        self.server.stop()


def enrol_devices(db_url: str, count: int) -> list[str]:
    from tutor.collector.database import make_engine
    from tutor.collector.store import CollectorStore

    store = CollectorStore(make_engine(db_url), lambda: int(time.time() * 1000), random.Random(7))
    store.migrate()
    tokens = [store.enrol(store.create_code("bench"), f"{d + 1:016x}") for d in range(count)]
    store.engine.dispose()
    return tokens


@dataclass
class Phase:
    name: str
    events_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    acks_s: float = 0.0
    ack_p50_ms: float = 0.0
    collector_cpu_ms: float = 0.0  # per 1,000 events
    db_cpu_ms: float = 0.0
    client_cpu_ms: float = 0.0
    ack_cpu_ms: float = 0.0  # collector + database, per request
    errors: int = 0
    extra: dict = field(default_factory=dict)


def run_phase(
    name: str, db_url: str, procs: int, batches: list[list[bytes]], tmp: Path, pg: Postgres | None
) -> Phase:
    """One database and process count: ingest every batch, then a burst of no-change syncs."""
    tokens = enrol_devices(db_url, DEVICES)
    collectors = Collectors(db_url, procs, tmp / f"data-{name}")
    phase = Phase(name)
    try:
        pm = pg.postmaster() if pg else None
        db_pids = [pm] if pm else []
        cpu0, me0 = cpu_seconds(collectors.pids), _own_cpu()
        db0 = cpu_seconds(db_pids, with_children=True)
        wal0 = pg.sql("SELECT pg_current_wal_lsn()")[0][0] if pg else None
        tally, took = ingest(collectors.ports, tokens, batches)
        cpu1, me1 = cpu_seconds(collectors.pids), _own_cpu()
        db1 = cpu_seconds(db_pids, with_children=True)
        if pg:
            phase.extra["wal_bytes"] = pg.sql(
                f"SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '{wal0}')"
            )[0][0]
        phase.events_s = tally.events / took
        phase.p50_ms = statistics.median(tally.latencies) * 1000
        phase.p95_ms = statistics.quantiles(tally.latencies, n=20)[18] * 1000
        phase.collector_cpu_ms = (cpu1 - cpu0) * 1e6 / max(tally.events, 1)
        phase.client_cpu_ms = (me1 - me0) * 1e6 / max(tally.events, 1)
        phase.db_cpu_ms = (db1 - db0) * 1e6 / max(tally.events, 1) if db_pids else 0.0
        phase.extra["events"] = tally.events
        if tally.events < sum(len(dev) for dev in batches) * BATCH:
            tally.errors.append(f"stopped at the {PHASE_CAP_S:.0f} s cap: {tally.events} stored")
        c0, d0 = cpu_seconds(collectors.pids), cpu_seconds(db_pids, with_children=True)
        acks, ack_took = ack_rate(collectors.ports, tokens)
        c1, d1 = cpu_seconds(collectors.pids), cpu_seconds(db_pids, with_children=True)
        phase.ack_cpu_ms = (c1 - c0 + d1 - d0) * 1000 / max(acks.requests, 1)
        phase.acks_s = acks.requests / ack_took
        phase.ack_p50_ms = statistics.median(acks.latencies) * 1000
        phase.errors = len(tally.errors) + len(acks.errors)
        if tally.errors or acks.errors:
            phase.extra["first_error"] = (tally.errors + acks.errors)[0]
    finally:
        collectors.stop()
    return phase


def pg_storage(pg: Postgres, url: str) -> dict:
    q = (
        "SELECT count(*), pg_total_relation_size('events'), pg_relation_size('events'),"
        " pg_indexes_size('events') FROM events"
    )
    n, total, heap, idx = pg.sql(q, url=url)[0]
    pg.sql("VACUUM FULL events", url=url, autocommit=True)
    _n, total_vac, heap_vac, idx_vac = pg.sql(q, url=url)[0]
    body = pg.sql("SELECT avg(octet_length(body)) FROM events", url=url)[0][0]
    return {
        "n": n,
        "as_written": total / n,
        "heap": heap / n,
        "indexes": idx / n,
        "vacuumed": total_vac / n,
        "heap_vac": heap_vac / n,
        "idx_vac": idx_vac / n,
        "body": float(body),
    }


def sqlite_storage(path: Path) -> dict:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    return {"n": n, "file": path.stat().st_size / n}


# ---- report ---------------------------------------------------------------------------
def main() -> None:
    global DEVICES
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=96_000, help="events per phase")
    parser.add_argument("--devices", type=int, default=DEVICES)
    args = parser.parse_args()
    if args.devices < THREADS or args.events < 1:
        parser.error(f"--devices must be at least {THREADS} and --events at least 1")
    DEVICES = args.devices
    per_device = max(BATCH, args.events // DEVICES // BATCH * BATCH)

    lessons, sections, questions, per_pass = course_events()
    print(
        f"course in lessons/: {lessons} lessons, {sections} sections, {questions} questions"
        f" -> {per_pass} events for one pass (open + sections + answers + finished + completed)"
    )
    began = time.perf_counter()
    batches = [device_batches(d, per_device) for d in range(DEVICES)]
    body = sum(len(b) for dev in batches for b in dev)
    total = DEVICES * per_device
    print(
        f"workload: {DEVICES} devices x {per_device} events in batches of {BATCH}, "
        f"{THREADS} client threads; {body / total:.1f} B/event gzip body "
        f"(built in {time.perf_counter() - began:.1f} s)"
    )
    print(f"machine: {os.cpu_count()} cores, everything on 127.0.0.1")

    phases: list[Phase] = []
    storage: dict[str, dict] = {}
    pg = Postgres()
    try:
        print(f"PostgreSQL settings: {pg.settings}")
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            url1 = pg.database("scale1")
            phases.append(run_phase("PostgreSQL, 1 process", url1, 1, batches, tmp, pg))
            storage["PostgreSQL"] = pg_storage(pg, url1)
            url2 = pg.database("scale2")
            phases.append(run_phase("PostgreSQL, 2 processes", url2, 2, batches, tmp, pg))
            lite1 = tmp / "one.sqlite3"
            phases.append(
                run_phase("SQLite, 1 process", f"sqlite:///{lite1}", 1, batches, tmp, None)
            )
            storage["SQLite"] = sqlite_storage(lite1)
            lite2 = tmp / "two.sqlite3"
            phases.append(
                run_phase("SQLite, 2 processes", f"sqlite:///{lite2}", 2, batches, tmp, None)
            )
    finally:
        pg.stop()
    print_table(phases, storage)
    print(f"total run time {time.perf_counter() - began:.0f} s")


def print_table(phases: list[Phase], storage: dict[str, dict]) -> None:
    print()
    head = (
        f"{'phase':26} {'events/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'acks/s':>7} "
        f"{'ack p50':>7} {'coll. CPU':>9} {'db CPU':>8} {'client CPU':>10} {'errors':>6}"
    )
    print(head)
    print(
        f"{'':26} {'(500/req)':>9} {'POST':>7} {'POST':>7} {'GET':>7} {'ms':>7} "
        f"{'ms/1k ev':>9} {'ms/1k ev':>8} {'ms/1k ev':>10}"
    )
    for p in phases:
        print(
            f"{p.name:26} {p.events_s:9.0f} {p.p50_ms:7.0f} {p.p95_ms:7.0f} {p.acks_s:7.0f} "
            f"{p.ack_p50_ms:7.1f} {p.collector_cpu_ms:9.0f} {p.db_cpu_ms:8.0f} "
            f"{p.client_cpu_ms:10.0f} {p.errors:6d}"
        )
        print(f"    no-change sync: {p.ack_cpu_ms:.1f} ms CPU per request (collector + database)")
        if "first_error" in p.extra:
            print(f"    first error: {p.extra['first_error']}")
    base = {p.name.split(",")[0]: p.events_s for p in phases if p.name.endswith("1 process")}
    for p in phases:
        if p.name.endswith("2 processes"):
            db = p.name.split(",")[0]
            print(f"{db}: 2 processes / 1 process = {p.events_s / base[db]:.2f}x ingest")
    for p in phases:
        if "wal_bytes" in p.extra:
            print(f"{p.name}: WAL {p.extra['wal_bytes'] / p.extra['events']:.0f} B/event")
    pgs = storage.get("PostgreSQL")
    if pgs:
        print(
            f"PostgreSQL storage ({pgs['n']:,} events, body {pgs['body']:.0f} B of JSON each): "
            f"{pgs['as_written']:.0f} B/event as written (table {pgs['heap']:.0f} + indexes "
            f"{pgs['indexes']:.0f}); {pgs['vacuumed']:.0f} B/event after VACUUM FULL "
            f"(table {pgs['heap_vac']:.0f} + indexes {pgs['idx_vac']:.0f})"
        )
    lite = storage.get("SQLite")
    if lite:
        print(f"SQLite storage ({lite['n']:,} events): {lite['file']:.0f} B/event (whole file)")


if __name__ == "__main__":
    main()
