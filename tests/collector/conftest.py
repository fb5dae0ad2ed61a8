"""A collector store with a fake clock and seeded randomness, on SQLite and on PostgreSQL.

Every test that takes ``store`` runs on both databases: one code path must serve both.
"""

from __future__ import annotations

import random

import pytest

pytest.importorskip("sqlalchemy", reason="collector extra not installed")


from tutor.collector.database import make_engine  # noqa: E402
from tutor.collector.store import CollectorStore  # noqa: E402


class Ticker:
    def __init__(self, start: int = 1_770_000_000_000) -> None:
        self.now = start

    def __call__(self) -> int:
        self.now += 10
        return self.now


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def store(db_url, ticker) -> CollectorStore:  # noqa: ANN001
    s = CollectorStore(make_engine(db_url, durable=False), ticker, random.Random(4))
    s.migrate()
    yield s
    s.engine.dispose()
