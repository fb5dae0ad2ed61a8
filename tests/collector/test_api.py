"""The collector's HTTP rules: auth, 4xx with reasons (never 500), limits, idempotence."""

from __future__ import annotations

import gzip
import json

import pytest

pytest.importorskip("starlette", reason="collector extra not installed")

from starlette.testclient import TestClient  # noqa: E402

from tutor.collector.api import create_app  # noqa: E402
from tutor.sync.batch_format import FORMAT, encode_batch  # noqa: E402

DEV = "00aa11bb22cc33dd"


def recs(first: int, n: int, who: str = "L") -> list[dict]:
    return [
        {
            "seq": s,
            "lrn": who,
            "t": "lesson.opened",
            "p": {"lesson": f"l{s % 9}"},
            "wall": s,
            "boot": "b1",
            "mono": 100 * s,
        }
        for s in range(first, first + n)
    ]


def batch(first: int, n: int, dev: str = DEV, who: str = "L") -> bytes:
    return encode_batch(
        dev, recs(first, n, who), sent_wall=1, sent_mono=100 * (first + n), sent_boot="b1"
    )


@pytest.fixture
def api(store):  # noqa: ANN001, ANN201
    client = TestClient(create_app(store, max_body=64 * 1024), raise_server_exceptions=False)
    token = client.post("/v1/enrol", json={"code": store.create_code("Gilgit"), "dev": DEV}).json()[
        "token"
    ]
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def post(api, body: bytes, **headers):  # noqa: ANN001, ANN201
    return api.post("/v1/batches", content=body, headers={"Content-Encoding": "gzip", **headers})


def test_batches_are_idempotent_and_ack_is_contiguous(api, store):
    r = post(api, batch(1, 10))
    assert r.status_code == 200 and r.json()["acked"] == 10 and r.json()["stored"] == 10
    r = post(api, batch(21, 10))  # out of order: stored, not acked
    assert r.json()["acked"] == 10 and r.json()["stored"] == 10
    r = post(api, batch(1, 10))  # the same again: nothing changes
    assert r.json() == {**r.json(), "acked": 10, "stored": 0}
    r = post(api, batch(11, 10))  # the hole filled: the ack jumps over what was waiting
    assert r.json()["acked"] == 30
    assert store.count_events(DEV) == 30
    ack = api.get(f"/v1/devices/{DEV}/ack").json()
    assert ack["acked"] == 30 and ack["chain"] == r.json()["chain"]


def test_same_seq_different_content_is_409_and_stores_nothing(api, store):
    post(api, batch(1, 10))
    r = post(api, batch(5, 10, who="other"))
    assert r.status_code == 409 and r.json()["error"] == "seq_conflict"
    assert r.json()["seqs"] == list(range(5, 11))
    assert store.count_events(DEV) == 10  # 11..14 were not stored either


def test_chain_at_a_seq(api):
    post(api, batch(1, 10))
    assert api.get(f"/v1/devices/{DEV}/ack?at=0").json()["at_chain"] == ""
    at5 = api.get(f"/v1/devices/{DEV}/ack?at=5").json()["at_chain"]
    assert len(at5) == 64
    assert api.get(f"/v1/devices/{DEV}/ack?at=11").json()["at_chain"] is None


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"", 400, "not_gzip"),
        (b"hello", 400, "not_gzip"),
        (gzip.compress(b"{]"), 400, "bad_json"),
        (gzip.compress(json.dumps({"fmt": FORMAT}).encode()), 400, "bad_field"),
        (gzip.compress(b" " * 40_000_000), 413, "too_large"),
        (b"\x1f\x8b" + b"x" * 70_000, 413, "too_large"),
    ],
)
def test_bad_bodies_get_a_4xx_with_a_reason(api, store, body, status, code):
    r = post(api, body)
    assert r.status_code == status
    assert r.json()["error"] == code and r.json()["detail"]
    assert store.count_events() == 0


def test_auth_rules(api, store):
    body = batch(1, 3)
    assert api.post("/v1/batches", content=body, headers={"Authorization": ""}).status_code == 401
    r = api.post("/v1/batches", content=body, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.json()["error"] == "bad_token"
    store.revoke(DEV)
    r = post(api, body)
    assert r.status_code == 403 and r.json()["error"] == "revoked"
    assert store.count_events() == 0


def test_a_token_cannot_write_another_devices_stream(api, store):
    other = TestClient(create_app(store), raise_server_exceptions=False)
    token = other.post(
        "/v1/enrol", json={"code": store.create_code("Swat"), "dev": "ee" * 8}
    ).json()["token"]
    other.headers["Authorization"] = f"Bearer {token}"
    post(api, batch(1, 3))
    r = post(other, batch(4, 3))
    assert r.status_code == 403 and r.json()["error"] == "not_your_stream"
    assert other.get(f"/v1/devices/{DEV}/ack").status_code == 403


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"[]",
        b"{",
        b'{"code": 5, "dev": "ab"}',
        b'{"code": "x", "dev": "../../"}',
        b'{"code": "NOPE-NOPE-NOPE", "dev": "abcd"}',
        b"[" * 5000,
    ],
)
def test_bad_enrolments_are_refused(api, payload):
    r = api.post("/v1/enrol", content=payload)
    assert r.status_code in (400, 403, 413) and r.json()["error"]


@pytest.mark.parametrize(
    "path", ["/v1/devices/..%2F..%2Fetc/ack", "/v1/devices/x/ack?at=-1", "/v1/devices/x/ack?at=abc"]
)
def test_bad_ack_queries_are_400(api, path):
    assert api.get(path).status_code in (400, 404)


def test_clock_offset_and_estimated_times(api, store, ticker):
    from sqlalchemy import select

    from tutor.collector.schema import events, streams

    body = batch(1, 3)  # events at mono 100, 200, 300 in boot b1
    r = post(api, body, **{"X-Sent-Wall": "1000", "X-Sent-Mono": "400", "X-Sent-Boot": "b1"})
    assert r.status_code == 200
    with store.engine.connect() as conn:
        rows = conn.execute(select(events.c.seq, events.c.est_time, events.c.received_at)).all()
        offset = conn.execute(select(streams.c.clock_offset_ms)).scalar()
    for seq, est, received in rows:
        assert est == received - (400 - 100 * seq)  # the PC's wrong wall clock is not used
    assert offset > 1_700_000_000_000  # server time minus a PC clock stuck near 1970


def test_openapi_is_served(api):
    doc = api.get("/openapi.json").json()
    assert "/v1/batches" in doc["paths"]


def raw_batch(events: list[dict], first: int = 1) -> bytes:
    doc = {
        "fmt": FORMAT,
        "dev": DEV,
        "first": first,
        "last": first + len(events) - 1,
        "sent_wall": 1,
        "sent_mono": 1,
        "sent_boot": "b",
        "events": events,
    }
    return gzip.compress(json.dumps(doc).encode())


@pytest.mark.parametrize(
    "event",
    [
        {**recs(1, 1)[0], "seq": 2**63 + 5},  # beyond BIGINT
        {**recs(1, 1)[0], "lrn": "a\x00b"},  # NUL: PostgreSQL text refuses it
        {**recs(1, 1)[0], "p": {"x": "\ud800"}},  # a lone surrogate
        {**recs(1, 1)[0], "wall": 10**30},
    ],
)
def test_hostile_values_are_400_on_every_database(api, store, event):
    first = event["seq"] if event["seq"] > 1 else 1
    r = post(api, raw_batch([event], first=first))
    assert r.status_code == 400 and r.json()["error"]
    assert store.count_events() == 0


def test_hostile_enrolment_codes_are_400(api):
    for code in ["\ud800", "x" * 65, "DROP TABLE;", ""]:
        r = api.post("/v1/enrol", content=json.dumps({"code": code, "dev": DEV}))
        assert r.status_code == 400 and r.json()["error"] == "bad_code"
