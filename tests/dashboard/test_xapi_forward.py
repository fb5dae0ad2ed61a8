"""Forwarding to another LRS survives restarts, retries failures with the same statements,
stops on refusals, and delivers each statement once by id."""

from __future__ import annotations

import json
import random

import pytest
from seed_data import Device

from tutor.collector import xapi
from tutor.collector.xapi_forward import Forwarder, ForwardRefused, Target

TARGET = Target("https://lrs.example.invalid/xapi/", "key", "secret")


class FakeLRS:
    """Keeps statements by id; answers from a script of statuses, then 200."""

    def __init__(self, script: list[int] | None = None) -> None:
        self.by_id: dict[str, dict] = {}
        self.bodies: list[bytes] = []
        self.script = list(script or [])

    def __call__(self, url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        assert url == "https://lrs.example.invalid/xapi/statements"
        assert headers["X-Experience-API-Version"] == "1.0.3"
        assert headers["Authorization"] == "Basic a2V5OnNlY3JldA=="
        self.bodies.append(body)
        status = self.script.pop(0) if self.script else 200
        if status == 200:
            for s in json.loads(body):
                assert self.by_id.setdefault(s["id"], s) == s  # same id, same statement
        return status, b'{"error": "scripted"}' if status != 200 else b"[]"


def _forwarder(store, lrs, **kw) -> Forwarder:  # noqa: ANN001, ANN003
    return Forwarder(
        store,
        TARGET,
        post=lrs,
        sleep=lambda s: None,
        rng=random.Random(1),
        batch=7,
        settle_ms=0,
        **kw,
    )


def _served(store) -> dict[str, dict]:  # noqa: ANN001
    with store.engine.connect() as conn:
        found, _more = xapi.fetch(conn, xapi.StatementQuery(limit=500))
    return {s["id"]: s for s in found}


def test_everything_arrives_once_across_a_restart(seeded):
    lrs = FakeLRS()
    assert _forwarder(seeded, lrs).run_once(max_batches=3) == 21
    # "restart": a new forwarder reads the position from the database
    total = seeded.count_events()
    assert _forwarder(seeded, lrs).run_once() == total - 21
    assert lrs.by_id == _served(seeded)
    assert _forwarder(seeded, lrs).run_once() == 0  # nothing new: nothing sent
    d = Device(seeded, "devnewpc001", "Gilgit")
    d.add("late", "profile.created", 0, name="Late")
    d.sync()
    assert _forwarder(seeded, lrs).run_once() == 1 and len(lrs.by_id) == total + 1


def test_server_errors_are_retried_with_the_same_bytes(seeded):
    lrs = FakeLRS([503, 0, 500])
    assert _forwarder(seeded, lrs).run_once(max_batches=1) == 7
    assert len(lrs.bodies) == 4 and len(set(lrs.bodies)) == 1


def test_a_refusal_stops_and_keeps_the_position(seeded):
    lrs = FakeLRS([200, 401])
    fwd = _forwarder(seeded, lrs)
    with pytest.raises(ForwardRefused, match="401"):
        fwd.run_once()
    (cursor, sent) = fwd.position()
    assert sent == 7 and cursor is not None
    again = FakeLRS()
    _forwarder(seeded, again).run_once()
    assert len(again.by_id) == seeded.count_events() - 7  # carried on after the accepted batch


def test_young_events_wait_to_settle(seeded):
    lrs = FakeLRS()
    fwd = Forwarder(
        seeded, TARGET, post=lrs, sleep=lambda s: None, rng=random.Random(1), settle_ms=10**9
    )
    assert fwd.run_once() == 0 and lrs.bodies == []
