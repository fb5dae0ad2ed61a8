"""Fixtures for the dashboard: a seeded collector store on SQLite and PostgreSQL, a staff
account, and a logged-in client. Login waits are recorded, never slept."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("sqlalchemy", reason="collector extra not installed")
pytest.importorskip("jinja2", reason="collector extra not installed")
pytest.importorskip("pygal", reason="collector extra not installed")

from dash_kit import PASSWORD, SMALL_CURRICULUM, Clock, Sleeps, log_in  # noqa: E402, F401
from seed_data import seed_programme  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from tutor.collector.dashboard.routes import dashboard_routes  # noqa: E402
from tutor.collector.dashboard.staff_accounts import StaffAccounts  # noqa: E402
from tutor.collector.database import make_engine  # noqa: E402
from tutor.collector.store import CollectorStore  # noqa: E402


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(db_url, clock) -> CollectorStore:  # noqa: ANN001
    s = CollectorStore(make_engine(db_url, durable=False), clock, random.Random(8))
    s.migrate()
    yield s
    s.engine.dispose()


@pytest.fixture
def seeded(store) -> CollectorStore:  # noqa: ANN001
    seed_programme(store)
    return store


@pytest.fixture
def accounts(store) -> StaffAccounts:  # noqa: ANN001
    acc = StaffAccounts(store.engine, store.clock_ms, store.rng, scrypt_n=2**12)  # faster tests
    acc.add_user("staff", PASSWORD)
    return acc


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(seeded, accounts, sleeps) -> TestClient:  # noqa: ANN001
    app = Starlette(routes=dashboard_routes(seeded, curriculum=SMALL_CURRICULUM, sleep=sleeps))
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def staff(client) -> TestClient:  # noqa: ANN001
    assert log_in(client).status_code == 303
    return client
