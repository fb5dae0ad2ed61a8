"""Fixtures for the sync client tests; the helpers they use live in ``sync_fixtures``."""

from __future__ import annotations

import random

import pytest
from sync_fixtures import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def collector(tmp_path):  # noqa: ANN001, ANN201
    pytest.importorskip("starlette", reason="collector extra not installed")
    from tutor.collector.api import create_app
    from tutor.collector.database import make_engine
    from tutor.collector.store import CollectorStore

    ticks = iter(range(1_770_000_000_000, 1_800_000_000_000, 1000))
    store = CollectorStore(
        make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}", durable=False),
        lambda: next(ticks),
        random.Random(7),
    )
    store.migrate()
    return store, create_app(store)
