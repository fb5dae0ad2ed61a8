"""The sync client against the real collector app, with faults injected in between."""

from __future__ import annotations

import shutil

import pytest
from sync_fixtures import DEV, AppTransport, fill, make_client, open_log

from tutor.sync.enrolment import EnrolFailed, enrol
from tutor.sync.sync_state import SyncStateError, SyncStateFile
from tutor.sync.transport import Response
from tutor.sync.uploader import Outcome

pytest.importorskip("starlette", reason="collector extra not installed")


def setup_pc(tmp_path, collector, clock, n=300, name="pc1"):  # noqa: ANN001, ANN201
    store, app = collector
    home = tmp_path / name
    log = open_log(home / "events", DEV, clock)
    fill(log, n, clock)
    transport = AppTransport(app)
    code = store.create_code("Gilgit")
    enrol(transport, SyncStateFile(home / "outbox" / "sync-state.json"), "http://x", code, DEV)
    transport.log.clear()
    return home, log, transport


def posts(transport: AppTransport) -> list:
    return [entry for entry in transport.log if entry[0] == "POST" and entry[1] == "/v1/batches"]


def test_everything_arrives_once_and_acks_come_from_the_collector(tmp_path, collector, clock):
    store, _app = collector
    home, log, transport = setup_pc(tmp_path, collector, clock, n=1200)
    seen = []
    report = make_client(home, log, transport, clock).sync(lambda a, b: seen.append((a, b)))
    assert report.outcome is Outcome.DONE
    assert (report.acked, report.last) == (1200, 1200)
    assert store.count_events(DEV) == 1200
    assert store.ack(DEV).acked == 1200
    state = SyncStateFile(home / "outbox" / "sync-state.json").load()
    assert state.stream.acked == 1200 and state.stream.chain == store.ack(DEV).chain
    assert seen[0] == (0, 1200) and seen[-1] == (1200, 1200)
    assert len(posts(transport)) >= 2  # sized by bytes: more than one batch
    assert not list((home / "outbox").glob("batch-*"))


def test_no_change_sync_is_one_small_request(tmp_path, collector, clock):
    home, log, transport = setup_pc(tmp_path, collector, clock, n=20)
    make_client(home, log, transport, clock).sync()
    transport.log.clear()
    report = make_client(home, log, transport, clock).sync()
    assert report.outcome is Outcome.DONE
    assert [m for m, _p, _s in transport.log] == ["GET"]


def test_lost_reply_after_apply_is_not_sent_again(tmp_path, collector, clock):
    store, _app = collector
    home, log, transport = setup_pc(tmp_path, collector, clock, n=40)
    transport.faults.extend([None, "lost"])  # GET ack fine, the POST applied but reply lost
    report = make_client(home, log, transport, clock).sync()
    assert report.outcome is Outcome.DONE
    assert len(posts(transport)) == 1  # the ack after the failure showed it had arrived
    assert store.count_events(DEV) == 40
    assert len(clock.sleeps) == 1


def test_cut_upload_is_resent_byte_for_byte(tmp_path, collector, clock):
    store, _app = collector
    home, log, transport = setup_pc(tmp_path, collector, clock, n=40)
    transport.faults.extend([None, "cut", "cut"])  # ack, then the upload dies, then the ack
    report = make_client(home, log, transport, clock).sync()
    assert report.outcome is Outcome.DONE and store.count_events(DEV) == 40
    assert transport.cut_bodies[0] == transport.bodies[0]
    assert len(clock.sleeps) == 2


def test_retry_sends_identical_bytes_after_a_restart(tmp_path, collector, clock):
    store, _app = collector
    home, log, transport = setup_pc(tmp_path, collector, clock, n=60)
    transport.faults.extend([None, Response(503, {"retry-after": "0"}, b"{}")] * 10)
    client = make_client(home, log, transport, clock, max_failures=1)
    assert client.sync().outcome is Outcome.OFFLINE
    stored = sorted((home / "outbox").glob("batch-*"))
    assert len(stored) == 1
    built = stored[0].read_bytes()
    clock.tick(60_000)  # a later run, clocks moved on: the bytes must not change
    transport.faults.clear()
    assert make_client(home, log, transport, clock).sync().outcome is Outcome.DONE
    assert transport.bodies[0] == built
    assert store.count_events(DEV) == 60


def test_retry_after_is_honoured(tmp_path, collector, clock):
    home, log, transport = setup_pc(tmp_path, collector, clock, n=10)
    transport.faults.extend([None, Response(429, {"retry-after": "120"}, b"{}")])
    report = make_client(home, log, transport, clock).sync()
    assert report.outcome is Outcome.DONE
    assert 120 <= clock.sleeps[0] <= 122


@pytest.mark.parametrize(
    ("status", "outcome"),
    [(400, Outcome.REJECTED), (401, Outcome.UNAUTHORIZED), (403, Outcome.UNAUTHORIZED)],
)
def test_client_errors_are_not_retried(tmp_path, collector, clock, status, outcome):
    store, _app = collector
    home, log, transport = setup_pc(tmp_path, collector, clock, n=10)
    transport.faults.extend([None, Response(status, {}, b'{"error": "x", "detail": "why"}')])
    report = make_client(home, log, transport, clock).sync()
    assert report.outcome is outcome and "why" in report.message
    assert len(transport.log) == 2 and not clock.sleeps
    assert store.count_events(DEV) == 0
    assert SyncStateFile(home / "outbox" / "sync-state.json").load().stream.acked == 0


def test_revoked_device_is_refused(tmp_path, collector, clock):
    store, _app = collector
    home, log, transport = setup_pc(tmp_path, collector, clock, n=10)
    assert store.revoke(DEV) == 1
    report = make_client(home, log, transport, clock).sync()
    assert report.outcome is Outcome.UNAUTHORIZED and store.count_events() == 0


def test_batches_grow_after_success_and_shrink_after_failure(tmp_path, collector, clock):
    home, log, transport = setup_pc(tmp_path, collector, clock, n=30)
    state_file = SyncStateFile(home / "outbox" / "sync-state.json")
    start = state_file.load().target_bytes
    make_client(home, log, transport, clock).sync()
    grown = state_file.load().target_bytes
    assert grown > start
    fill(log, 30, clock)
    transport.faults.extend([None, "cut"])
    make_client(home, log, transport, clock).sync()
    assert state_file.load().target_bytes < 24 * 1024 or grown == 24 * 1024


def test_flaky_link_delivers_exactly_once(tmp_path, collector, clock):
    import random

    store, _app = collector
    home, log, transport = setup_pc(tmp_path, collector, clock, n=2000)
    rng = random.Random(5)
    transport.faults.extend(rng.choice([None, None, "cut", "lost"]) for _ in range(400))
    for _ in range(20):
        report = make_client(home, log, transport, clock, max_target_bytes=4096).sync()
        if report.outcome is Outcome.DONE:
            break
    assert report.outcome is Outcome.DONE
    assert store.count_events(DEV) == 2000 and store.ack(DEV).acked == 2000


def test_cloned_pc_gets_a_new_stream_and_nothing_is_lost_or_doubled(tmp_path, collector, clock):
    store, app = collector
    home1, log1, t1 = setup_pc(tmp_path, collector, clock, n=50)
    make_client(home1, log1, t1, clock).sync()
    log1.close()
    shutil.copytree(home1, tmp_path / "pc2")  # the disk image is cloned here
    log1 = open_log(home1 / "events", DEV, clock)
    log2 = open_log(tmp_path / "pc2" / "events", DEV, clock)
    fill(log1, 30, clock, learner="A")
    fill(log2, 45, clock, learner="B")
    assert make_client(home1, log1, t1, clock).sync().outcome is Outcome.DONE
    report = make_client(tmp_path / "pc2", log2, AppTransport(app), clock).sync()
    assert report.outcome is Outcome.DONE and report.rotated
    state = SyncStateFile(tmp_path / "pc2" / "outbox" / "sync-state.json").load()
    new = state.stream
    assert (new.base, new.parent) == (50, {"dev": DEV, "upto": 50})
    assert store.count_events(DEV) == 80  # 50 shared + pc1's 30
    assert store.count_events(new.dev) == 45  # pc2's own, each once
    # a later sync of pc2 continues on the new stream
    fill(log2, 5, clock, learner="B")
    assert make_client(tmp_path / "pc2", log2, AppTransport(app), clock).sync().acked == 100
    assert store.count_events(new.dev) == 50


def test_clone_found_by_409_before_any_ack(tmp_path, collector, clock):
    """pc2's events at seqs the collector already holds from pc1 are refused (409)."""
    store, app = collector
    home1, log1, t1 = setup_pc(tmp_path, collector, clock, n=20)
    log1.close()
    shutil.copytree(home1, tmp_path / "pc2")
    log1 = open_log(home1 / "events", DEV, clock)
    log2 = open_log(tmp_path / "pc2" / "events", DEV, clock)
    fill(log1, 10, clock, learner="A")
    fill(log2, 10, clock, learner="B")
    assert make_client(home1, log1, t1, clock).sync().acked == 30
    t2 = AppTransport(app)
    report = make_client(tmp_path / "pc2", log2, t2, clock).sync()
    assert report.outcome is Outcome.DONE and report.rotated
    new = SyncStateFile(tmp_path / "pc2" / "outbox" / "sync-state.json").load().stream
    assert new.base == 20
    assert store.count_events(DEV) == 30 and store.count_events(new.dev) == 10


def test_damaged_state_file_is_reported_and_left_alone(tmp_path, collector, clock):
    home, log, transport = setup_pc(tmp_path, collector, clock, n=5)
    path = home / "outbox" / "sync-state.json"
    path.write_bytes(b"\x00garbage{")
    with pytest.raises(SyncStateError) as info:
        make_client(home, log, transport, clock).sync()
    assert "damaged" in str(info.value)
    assert path.read_bytes() == b"\x00garbage{"


def test_bad_enrolment_code_saves_nothing(tmp_path, collector, clock):
    _store, app = collector
    path = tmp_path / "s.json"
    with pytest.raises(EnrolFailed):
        enrol(AppTransport(app), SyncStateFile(path), "http://x", "WRONG-CODE", DEV)
    assert not path.exists()


def test_code_is_single_use(tmp_path, collector, clock):
    store, app = collector
    code = store.create_code("Peshawar")
    enrol(AppTransport(app), SyncStateFile(tmp_path / "a.json"), "http://x", code, DEV)
    with pytest.raises(EnrolFailed):
        enrol(
            AppTransport(app),
            SyncStateFile(tmp_path / "b.json"),
            "http://x",
            code,
            "ffff0000ffff0000",
        )


def test_damaged_outbox_batch_is_rebuilt(tmp_path, collector, clock):
    store, _app = collector
    home, log, transport = setup_pc(tmp_path, collector, clock, n=30)
    transport.faults.extend([None, "cut"])
    client = make_client(home, log, transport, clock, max_failures=0)
    assert client.sync().outcome is Outcome.OFFLINE
    (stored,) = (home / "outbox").glob("batch-*")
    stored.write_bytes(stored.read_bytes()[:20])
    assert make_client(home, log, transport, clock).sync().outcome is Outcome.DONE
    assert store.count_events(DEV) == 30


def test_clone_enrolled_again_with_its_own_code_gets_a_new_stream(tmp_path, collector, clock):
    """The stream then belongs to the other enrolment (403 not_your_stream)."""
    store, app = collector
    home1, log1, t1 = setup_pc(tmp_path, collector, clock, n=25)
    make_client(home1, log1, t1, clock).sync()
    log1.close()
    home2 = tmp_path / "pc2"
    shutil.copytree(home1, home2)
    log1 = open_log(home1 / "events", DEV, clock)
    log2 = open_log(home2 / "events", DEV, clock)
    fill(log1, 5, clock, learner="A")
    fill(log2, 7, clock, learner="B")
    t2 = AppTransport(app)
    enrol(
        t2, SyncStateFile(home2 / "outbox/sync-state.json"), "http://x", store.create_code("C"), DEV
    )
    assert make_client(home1, log1, t1, clock).sync().acked == 30
    report = make_client(home2, log2, t2, clock).sync()
    assert report.outcome is Outcome.DONE and report.rotated
    new = SyncStateFile(home2 / "outbox/sync-state.json").load().stream
    assert new.base == 25 and store.count_events(new.dev) == 7
    assert store.count_events(DEV) == 30


def test_a_collector_that_always_says_conflict_does_not_spawn_streams_forever(
    tmp_path, collector, clock
):
    home, log, transport = setup_pc(tmp_path, collector, clock, n=10)
    conflict = Response(409, {}, b'{"error": "seq_conflict", "seqs": [1]}')
    ok_ack = None
    transport.faults.extend([ok_ack, conflict] + [ok_ack, ok_ack, conflict] * 5)
    report = make_client(home, log, transport, clock).sync()
    assert report.outcome is Outcome.REJECTED and "ask staff" in report.message
    streams = SyncStateFile(home / "outbox" / "sync-state.json").load().streams
    assert len(streams) == 3  # the original and two new ones, then it stopped
