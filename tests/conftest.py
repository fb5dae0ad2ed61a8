"""Fixtures shared by the collector and dashboard tests: one throw-away PostgreSQL server
for the whole run (started only if a test asks for it), and a clean database per test."""

from __future__ import annotations

import pytest
from pg_server import TempPostgres


@pytest.fixture(scope="session")
def postgres_url():  # noqa: ANN201
    server = TempPostgres()
    url = server.start()
    yield url, server.reason
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, postgres_url) -> str:  # noqa: ANN001
    """Each test runs on SQLite and on PostgreSQL (skipped, with the reason, without it)."""
    pytest.importorskip("sqlalchemy", reason="collector extra not installed")
    from tutor.collector.database import make_engine
    from tutor.collector.schema import metadata, schema_version

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
