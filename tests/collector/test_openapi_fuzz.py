"""Schemathesis generates requests from the collector's OpenAPI: none may get a 500, and
every refusal carries a reason."""

from __future__ import annotations

import random

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis (test extra) not installed")
pytest.importorskip("starlette", reason="collector extra not installed")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tutor.collector.api import create_app  # noqa: E402
from tutor.collector.database import make_engine  # noqa: E402
from tutor.collector.store import CollectorStore  # noqa: E402

AUTH: dict[str, str] = {}


@pytest.fixture
def api_schema(tmp_path_factory):  # noqa: ANN001, ANN201
    db = tmp_path_factory.mktemp("fuzz") / "c.sqlite3"
    store = CollectorStore(
        make_engine(f"sqlite:///{db}", durable=False), lambda: 1_770_000_000_000, random.Random(2)
    )
    store.migrate()
    AUTH["Authorization"] = "Bearer " + store.enrol(store.create_code("Fuzz"), "ab" * 8)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(store))


OPERATIONS = [
    ("/v1/enrol", "POST"),
    ("/v1/batches", "POST"),
    ("/v1/devices/{dev}/ack", "GET"),
    ("/v1/health", "GET"),
]


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_no_request_gets_a_server_error(api_schema, path, method):  # noqa: ANN001
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def run(case) -> None:  # noqa: ANN001
        for headers in (AUTH, {}):
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.path, response.text)
            if response.status_code >= 400:
                body = response.json()
                assert body["error"] and body["detail"]

    run()
