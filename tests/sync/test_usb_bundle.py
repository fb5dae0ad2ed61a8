"""USB bundles: same bytes as an upload, verified on write, harmless to import again."""

from __future__ import annotations

import pytest
from sync_fixtures import DEV, AppTransport, fill, make_client, open_log

from tutor.sync.batch_format import decode_batch
from tutor.sync.outbox import Clocks
from tutor.sync.sync_state import Stream, SyncStateFile
from tutor.sync.usb_bundle import BundleError, export_bundles

pytest.importorskip("starlette", reason="collector extra not installed")

from tutor.collector.importer import import_folder  # noqa: E402

CLOCKS = Clocks(1_760_000_000_000, 9_000, "boot-1")


@pytest.fixture
def log(tmp_path, clock):  # noqa: ANN001, ANN201
    log = open_log(tmp_path / "pc" / "events", DEV, clock)
    fill(log, 900, clock)
    return log


def test_bundles_are_upload_bodies_split_by_size(tmp_path, log):
    stick = tmp_path / "stick"
    stick.mkdir()
    bundles = export_bundles(log, Stream(dev=DEV), stick, CLOCKS, target_bytes=6000)
    assert len(bundles) > 1
    assert [b.first for b in bundles][0] == 1 and bundles[-1].last == 900
    for prev, nxt in zip(bundles, bundles[1:], strict=False):
        assert nxt.first == prev.last + 1
    for b in bundles:
        body = b.path.read_bytes()
        assert len(body) <= 6000
        assert b.path.name == f"progress-{DEV}-{b.first:012d}-{b.last:012d}.json.gz"
        assert decode_batch(body).first == b.first
    assert not list(stick.glob(".*.tmp"))


def test_import_twice_out_of_order_and_after_network_changes_nothing(
    tmp_path, log, collector, clock
):
    store, app = collector
    stick = tmp_path / "stick"
    stick.mkdir()
    bundles = export_bundles(log, Stream(dev=DEV), stick, CLOCKS, target_bytes=6000)
    bundles[0].path.rename(stick / "zz-later.bin")  # the first bundle arrives last
    results = import_folder(store, stick)
    assert all(r.ok for r in results)
    assert store.ack(DEV).acked == 0 and store.count_events(DEV) == 900 - bundles[0].count
    (stick / "zz-later.bin").rename(bundles[0].path)
    again = import_folder(store, stick)
    assert all(r.ok for r in again) and sum(r.stored for r in again) == bundles[0].count
    assert store.ack(DEV).acked == 900 and store.count_events(DEV) == 900
    assert sum(r.stored for r in import_folder(store, stick)) == 0
    # the PC syncs by network later: it only learns the ack, sends nothing again
    from tutor.sync.enrolment import enrol

    transport = AppTransport(app)
    home = tmp_path / "pc"
    enrol(
        transport,
        SyncStateFile(home / "outbox/sync-state.json"),
        "http://x",
        store.create_code("C"),
        DEV,
    )
    fill(log, 10, clock)
    report = make_client(home, log, transport, clock).sync()
    assert report.acked == 910 and store.count_events(DEV) == 910
    assert len(transport.bodies) == 1 and decode_batch(transport.bodies[0]).first == 901


def test_bad_bundles_are_reported_and_the_rest_imported(tmp_path, log, collector):
    store, _app = collector
    stick = tmp_path / "stick"
    stick.mkdir()
    bundles = export_bundles(log, Stream(dev=DEV), stick, CLOCKS, target_bytes=6000)
    torn = bundles[1].path
    torn.write_bytes(torn.read_bytes()[:-30])
    (stick / "progress-garbage.json.gz").write_bytes(b"\x00" * 100)
    results = {r.file: r for r in import_folder(store, stick)}
    assert not results[torn.name].ok and "cut short" in results[torn.name].message
    assert not results["progress-garbage.json.gz"].ok
    assert store.count_events(DEV) == 900 - bundles[1].count
    assert store.ack(DEV).acked == bundles[0].last


def test_a_bundle_that_does_not_read_back_is_removed(tmp_path, log, monkeypatch):
    from pathlib import Path

    stick = tmp_path / "stick"
    stick.mkdir()
    real = Path.read_bytes

    def flaky(self):  # noqa: ANN001, ANN202
        data = real(self)
        if self.parent != stick:
            return data
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]

    monkeypatch.setattr(Path, "read_bytes", flaky)
    with pytest.raises(BundleError) as info:
        export_bundles(log, Stream(dev=DEV), stick, CLOCKS)
    assert "did not read back" in str(info.value)
    assert not list(stick.iterdir())


def test_export_to_a_missing_folder_is_a_clear_error(tmp_path, log):
    with pytest.raises(BundleError) as info:
        export_bundles(log, Stream(dev=DEV), tmp_path / "nope", CLOCKS)
    assert "does not exist" in str(info.value)


def test_nothing_to_export_after_a_full_sync(tmp_path, log, collector, clock):
    store, app = collector
    from tutor.sync.enrolment import enrol

    home = tmp_path / "pc"
    transport = AppTransport(app)
    enrol(
        transport,
        SyncStateFile(home / "outbox/sync-state.json"),
        "http://x",
        store.create_code("C"),
        DEV,
    )
    make_client(home, log, transport, clock).sync()
    stream = SyncStateFile(home / "outbox/sync-state.json").load().stream
    stick = tmp_path / "stick"
    stick.mkdir()
    assert export_bundles(log, stream, stick, CLOCKS) == []
