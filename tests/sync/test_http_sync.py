"""The real HTTP client against a uvicorn collector on 127.0.0.1, directly and through a
fault-injecting proxy."""

from __future__ import annotations

import random
import threading

import pytest
from sync_fixtures import DEV, FakeClock, fill, open_log

pytest.importorskip("uvicorn", reason="collector extra not installed")

from fault_proxy import FaultPlan, FaultProxy  # noqa: E402
from live_collector import LiveCollector  # noqa: E402

from tutor.sync.backoff import BackoffPolicy  # noqa: E402
from tutor.sync.batch_format import chain_next, event_hash  # noqa: E402
from tutor.sync.enrolment import enrol  # noqa: E402
from tutor.sync.outbox import Outbox, stream_records  # noqa: E402
from tutor.sync.sync_state import Stream, SyncStateFile  # noqa: E402
from tutor.sync.transport import HttpTransport, TransportError  # noqa: E402
from tutor.sync.uploader import ClientClocks, Outcome, SyncClient, SyncPolicy  # noqa: E402


def real_clocks() -> ClientClocks:
    import time

    return ClientClocks(
        lambda: int(time.time() * 1000), lambda: int(time.monotonic() * 1000), "boot-1", time.sleep
    )


def client_for(home, log, url, seed, **transport_opts):  # noqa: ANN001, ANN201
    ids = iter(f"{seed:04x}{n:012x}" for n in range(1, 1 << 40))
    return SyncClient(
        log,
        SyncStateFile(home / "outbox" / "sync-state.json"),
        Outbox(home / "outbox"),
        HttpTransport(url, **transport_opts),
        real_clocks(),
        rng=random.Random(seed),
        new_dev=lambda: next(ids),
        policy=SyncPolicy(
            max_failures=1000,
            min_target_bytes=1024,
            max_target_bytes=8192,
            backoff=BackoffPolicy(base_s=0.02, cap_s=0.3),
        ),
    )


def local_chain(log) -> str:  # noqa: ANN001
    chain = ""
    for rec in stream_records(log, Stream(dev=log.dev), 1):
        chain = chain_next(chain, event_hash(rec))
    return chain


def test_sync_over_real_http(tmp_path):
    clock = FakeClock()
    with LiveCollector(tmp_path / "c.sqlite3") as live:
        log = open_log(tmp_path / "pc" / "events", DEV, clock)
        fill(log, 700, clock)
        code = live.store.create_code("Hunza")
        enrol(
            HttpTransport(live.url),
            SyncStateFile(tmp_path / "pc/outbox/sync-state.json"),
            live.url,
            code,
            DEV,
        )
        client = client_for(tmp_path / "pc", log, live.url, 1)
        report = client.sync()
        assert report.outcome is Outcome.DONE and report.acked == 700
        assert live.store.count_events(DEV) == 700
        assert live.store.ack(DEV).chain == local_chain(log)
        before = client.transport.traffic.requests
        assert client.sync().outcome is Outcome.DONE
        assert client.transport.traffic.requests - before == 1  # no change: one request


def test_timeout_grows_with_the_body_so_slow_uploads_survive(tmp_path):
    """The pitfall in DESIGN §5: a fixed short timeout kills a healthy slow upload."""
    body = random.Random(1).randbytes(16_000)
    slow = FaultPlan(rate_bps=64_000)  # 16 KB takes ~2 s
    with LiveCollector(tmp_path / "c.sqlite3") as live, FaultProxy(live.port, slow) as proxy:
        url = f"http://127.0.0.1:{proxy.port}"
        auth = {"Authorization": "Bearer " + live.store.enrol(live.store.create_code("X"), DEV)}
        fixed = HttpTransport(url, stall_timeout_s=1.0, min_rate_bytes_s=1e12)
        with pytest.raises(TransportError):
            fixed.request("POST", "/v1/batches", body, auth)
        scaled = HttpTransport(url, stall_timeout_s=1.0, min_rate_bytes_s=4000)
        resp = scaled.request("POST", "/v1/batches", body, auth)
        assert resp.status == 400  # the collector read it all and answered: no timeout


def test_ten_thousand_events_from_three_pcs_arrive_exactly_once(tmp_path):
    plan = FaultPlan(
        rate_bps=400_000,
        latency_s=0.01,
        cut_up=0.15,
        cut_down=0.15,
        stall=0.05,
        up_mean_s=2.0,
        down_mean_s=0.3,
        seed=11,
    )
    counts = {"0a0a0a0a0a0a0a0a": 3334, "0b0b0b0b0b0b0b0b": 3333, "0c0c0c0c0c0c0c0c": 3333}
    with LiveCollector(tmp_path / "c.sqlite3") as live, FaultProxy(live.port, plan) as proxy:
        url = f"http://127.0.0.1:{proxy.port}"
        logs, results = {}, {}
        for i, (dev, n) in enumerate(counts.items()):
            clock = FakeClock(wall=1_760_000_000_000 + i * 7_000_000)
            logs[dev] = open_log(tmp_path / dev / "events", dev, clock)
            fill(logs[dev], n, clock, learner=f"L{i}")
            code = live.store.create_code("Swat")
            enrol(
                HttpTransport(live.url),
                SyncStateFile(tmp_path / dev / "outbox/sync-state.json"),
                url,
                code,
                dev,
            )

        def run(dev: str, seed: int) -> None:
            client = client_for(
                tmp_path / dev, logs[dev], url, seed, stall_timeout_s=0.5, min_rate_bytes_s=20_000
            )
            for _ in range(30):
                report = client.sync()
                if report.outcome is Outcome.DONE:
                    break
            results[dev] = report

        threads = [threading.Thread(target=run, args=(dev, s)) for s, dev in enumerate(counts)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        for dev, n in counts.items():
            assert results[dev].outcome is Outcome.DONE, results[dev]
            assert live.store.count_events(dev) == n
            assert live.store.ack(dev).acked == n
            assert live.store.ack(dev).chain == local_chain(logs[dev])
        assert live.store.count_events() == 10_000
        c = proxy.counts
        assert c.cuts and c.lost_replies and c.stalls and c.flaps, c  # every fault really happened
