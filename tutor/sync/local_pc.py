"""Opening this PC's data for a sync or an export, the way the tutor itself opens it.

Holds the data-folder lock for the whole run (the log may repair its tail on open) and
wires the real clocks, randomness and HTTP transport into the sync client. The TUI can call
:func:`run_sync` from a worker with the log it already has open.
"""

from __future__ import annotations

import contextlib
import random
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tutor.paths import DataPaths
from tutor.sync.outbox import Clocks, EventSource, Outbox
from tutor.sync.sync_state import SyncStateFile
from tutor.sync.transport import HttpTransport
from tutor.sync.uploader import ClientClocks, SyncClient, SyncPolicy, SyncReport
from tutor.sync.usb_bundle import Bundle, export_bundles

STATE_NAME = "sync-state.json"


def wall_ms() -> int:
    return int(time.time() * 1000)


def mono_ms() -> int:
    return int(time.monotonic() * 1000)


def state_file(paths: DataPaths) -> SyncStateFile:
    return SyncStateFile(paths.outbox / STATE_NAME)


@dataclass
class LocalPc:
    paths: DataPaths
    dev: str
    boot: str
    log: EventSource


@contextlib.contextmanager
def open_pc(home: Path) -> Iterator[LocalPc]:
    """Lock the data folder and open the device id and event log (StoreError if unusable)."""
    from tutor.store.device import current_boot_id, load_or_create_device
    from tutor.store.event_log import EventLog, device_of_log
    from tutor.store.lock import DataFolderLock

    paths = DataPaths(home)
    paths.home.mkdir(parents=True, exist_ok=True)
    with DataFolderLock(paths.lock):
        fallback = device_of_log(paths.events) if paths.events.is_dir() else None
        device = load_or_create_device(
            paths.device, clock_ms=wall_ms, rng_hex=secrets.token_hex, fallback_dev=fallback
        )
        boot = current_boot_id()
        log = EventLog.open(
            paths.events, device.dev, clock_ms=wall_ms, mono_ms=mono_ms, boot_id=boot
        )
        try:
            yield LocalPc(paths, device.dev, boot, log)
        finally:
            log.close()


def run_sync(
    pc: LocalPc,
    on_progress: Callable[[int, int], None] | None = None,
    *,
    policy: SyncPolicy | None = None,
    **transport_opts: float,
) -> SyncReport:
    """One sync run with the real link; raises SyncStateError when not enrolled."""
    files = state_file(pc.paths)
    state = files.load()
    transport = HttpTransport(state.url, **transport_opts)
    try:
        client = SyncClient(
            pc.log,
            files,
            Outbox(pc.paths.outbox),
            transport,
            ClientClocks(wall_ms, mono_ms, pc.boot, time.sleep),
            rng=random.Random(secrets.randbits(64)),
            new_dev=lambda: secrets.token_hex(8),
            policy=policy,
        )
        return client.sync(on_progress)
    finally:
        transport.close()


def export_progress(pc: LocalPc, folder: Path) -> list[Bundle]:
    """USB bundles of everything the collector has not acked (BundleError on failure)."""
    from tutor.sync.sync_state import Stream

    files = state_file(pc.paths)
    stream = files.load().stream if files.exists() else Stream(dev=pc.dev)
    return export_bundles(pc.log, stream, folder, Clocks(wall_ms(), mono_ms(), pc.boot))
