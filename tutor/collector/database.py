"""Opening the collector's database: SQLite by default, PostgreSQL by URL.

SQLite is set up so an ack means the batch is on disk (WAL, ``synchronous=FULL``) and so
that writers queue instead of failing (``BEGIN IMMEDIATE`` plus a busy timeout).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine


def database_url(db: str | None, data_dir: Path) -> str:
    """``--db`` as given, or a SQLite file in the collector's data folder."""
    if db:
        return db
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'collector.sqlite3'}"


def make_engine(url: str, *, durable: bool = True) -> Engine:
    """An engine for ``url``. ``durable=False`` skips SQLite's fsyncs: only for throw-away
    databases (tests), never for a collector whose acks must survive a power cut."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        _tune_sqlite(engine, "FULL" if durable else "OFF")
        return engine
    return create_engine(url, pool_pre_ping=True)


def _tune_sqlite(engine: Engine, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE")
