"""A collector store with a fake clock and seeded randomness, on SQLite and on PostgreSQL.

Every test that takes ``store`` runs on both databases: one code path must serve both.
"""

from __future__ import annotations

import random

import pytest

pytest.importorskip("sqlalchemy", reason="collector extra not installed")

from pg_server import TempPostgres  # noqa: E402

from tutor.collector.database import make_engine  # noqa: E402
from tutor.collector.schema import metadata, schema_version  # noqa: E402
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


@pytest.fixture(scope="session")
def postgres_url():  # noqa: ANN201
    server = TempPostgres()
    url = server.start()
    yield url, server.reason
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, postgres_url) -> str:  # noqa: ANN001
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'c.sqlite3'}"
    url, reason = postgres_url
    if url is None:
        pytest.skip(reason)
    engine = make_engine(url)
    with engine.begin() as conn:  # a clean database for each test
        metadata.drop_all(conn)
        schema_version.drop(conn, checkfirst=True)
    engine.dispose()
    return url


@pytest.fixture
def store(db_url, ticker) -> CollectorStore:  # noqa: ANN001
    s = CollectorStore(make_engine(db_url, durable=False), ticker, random.Random(4))
    s.migrate()
    yield s
    s.engine.dispose()
