"""Helpers for the sync client tests: a real event log, a fake clock, and a collector in-process.

``AppTransport`` sends the client's requests straight into the real collector app (no
sockets) and can be told to fail in the ways a 2G link fails: before the collector sees the
request, or after it applied it but before the answer got back.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from tutor.domain.events import NewEvent
from tutor.store.event_log import EventLog
from tutor.sync.outbox import Outbox
from tutor.sync.sync_state import SyncStateFile
from tutor.sync.transport import Response, TransportError
from tutor.sync.uploader import ClientClocks, SyncClient, SyncPolicy

DEV = "a1b2c3d4e5f60718"


@dataclass
class FakeClock:
    wall: int = 1_760_000_000_000
    mono: int = 5_000
    sleeps: list[float] = field(default_factory=list)

    def wall_ms(self) -> int:
        return self.wall

    def mono_ms(self) -> int:
        return self.mono

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.wall += int(seconds * 1000)
        self.mono += int(seconds * 1000)

    def tick(self, ms: int = 1000) -> None:
        self.wall += ms
        self.mono += ms


class AppTransport:
    """Routes requests into an ASGI app; ``faults`` holds what the next requests suffer:
    ``"cut"`` (never reaches the app), ``"lost"`` (applied, answer lost), or a Response
    returned instead of calling the app."""

    def __init__(self, app) -> None:  # noqa: ANN001
        from starlette.testclient import TestClient

        self.client = TestClient(app, raise_server_exceptions=True)
        self.faults: deque = deque()
        self.log: list[tuple[str, str, int]] = []
        self.bodies: list[bytes] = []
        self.cut_bodies: list[bytes] = []

    def request(self, method, path, body=None, headers=None) -> Response:  # noqa: ANN001
        fault = self.faults.popleft() if self.faults else None
        if fault == "cut":
            if path == "/v1/batches":
                self.cut_bodies.append(body)
            self.log.append((method, path, -1))
            raise TransportError("cut")
        if isinstance(fault, Response):
            self.log.append((method, path, fault.status))
            return fault
        r = self.client.request(method, path, content=body, headers=headers or {})
        self.log.append((method, path, r.status_code))
        if path == "/v1/batches":
            self.bodies.append(body)
        if fault == "lost":
            raise TransportError("reply lost")
        return Response(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.content)

    def close(self) -> None:
        pass


def open_log(folder: Path, dev: str, clock: FakeClock) -> EventLog:
    return EventLog.open(
        folder, dev, clock_ms=clock.wall_ms, mono_ms=clock.mono_ms, boot_id="boot-1"
    )


def fill(log: EventLog, n: int, clock: FakeClock, learner: str = "L1") -> None:
    """Append ``n`` events; fsync is skipped here only to keep set-up fast on slow disks."""
    with mock.patch("os.fsync"):
        for i in range(n):
            clock.tick(700)
            log.append(NewEvent(learner, "section.read", {"lesson": "bids-101", "index": i % 7}))


def make_client(home: Path, log: EventLog, transport, clock: FakeClock, seed: int = 1, **policy):  # noqa: ANN001, ANN201
    ids = iter(f"{n:016x}" for n in range(0xF0000000, 0xFFFFFFFF))
    return SyncClient(
        log,
        SyncStateFile(home / "outbox" / "sync-state.json"),
        Outbox(home / "outbox"),
        transport,
        ClientClocks(clock.wall_ms, clock.mono_ms, "boot-1", clock.sleep),
        rng=random.Random(seed),
        new_dev=lambda: next(ids),
        policy=SyncPolicy(**policy),
    )
