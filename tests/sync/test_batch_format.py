"""The batch byte format: deterministic, and every kind of bad body refused with a reason."""

from __future__ import annotations

import gzip
import json

import pytest

from tutor.sync.batch_format import (
    FORMAT,
    BatchError,
    canonical_json,
    chain_next,
    decode_batch,
    encode_batch,
    event_hash,
)


def recs(first: int, n: int) -> list[dict]:
    return [
        {
            "seq": s,
            "lrn": "L1",
            "t": "quiz.answered",
            "p": {"q": s % 5, "ok": True},
            "wall": 1000 + s,
            "boot": "b",
            "mono": 10 * s,
        }
        for s in range(first, first + n)
    ]


def body_of(doc: object) -> bytes:
    return gzip.compress(json.dumps(doc).encode())


def good_doc() -> dict:
    return {
        "fmt": FORMAT,
        "dev": "abc",
        "first": 3,
        "last": 4,
        "sent_wall": 1,
        "sent_mono": 2,
        "sent_boot": "b",
        "events": recs(3, 2),
    }


def test_encode_is_deterministic_and_round_trips() -> None:
    a = encode_batch("dev1", recs(1, 50), sent_wall=5, sent_mono=6, sent_boot="b")
    b = encode_batch("dev1", recs(1, 50), sent_wall=5, sent_mono=6, sent_boot="b")
    assert a == b
    batch = decode_batch(a)
    assert (batch.dev, batch.first, batch.last, len(batch.events)) == ("dev1", 1, 50, 50)
    assert batch.events[0]["p"] == {"q": 1, "ok": True}


def test_encode_refuses_a_range_with_a_hole() -> None:
    events = recs(1, 3) + recs(5, 1)
    with pytest.raises(ValueError):
        encode_batch("d", events, sent_wall=0, sent_mono=0, sent_boot="")


def test_chain_depends_on_every_earlier_event() -> None:
    events = recs(1, 3)
    chain = ""
    for e in events:
        chain = chain_next(chain, event_hash(e))
    events[0]["p"]["q"] = 9
    other = ""
    for e in events:
        other = chain_next(other, event_hash(e))
    assert chain != other and len(chain) == 64


def test_hash_ignores_key_order_but_not_content() -> None:
    e = recs(1, 1)[0]
    assert event_hash(e) == event_hash(dict(reversed(list(e.items()))))
    assert event_hash(e) != event_hash({**e, "wall": 0})
    assert canonical_json({"b": 1, "a": "ے"}) == '{"a":"ے","b":1}'.encode()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"", "not_gzip"),
        (b'{"fmt": 1}', "not_gzip"),
        (b"\x1f\x8b\x08\x00garbage-garbage", "bad_gzip"),
        (gzip.compress(b"{}")[:-6], "truncated"),
        (gzip.compress(b"{}") + b"extra", "trailing_data"),
        (gzip.compress(b"not json"), "bad_json"),
        (gzip.compress(b"[" * 100_000 + b"]" * 100_000), "bad_json"),
        (body_of([1, 2]), "bad_batch"),
        (body_of({**good_doc(), "fmt": "other/9"}), "bad_format"),
        (body_of({**good_doc(), "dev": "../etc"}), "bad_field"),
        (body_of({**good_doc(), "first": True}), "bad_field"),
        (body_of({**good_doc(), "last": 9}), "not_dense"),
        (body_of({**good_doc(), "events": []}), "bad_field"),
        (body_of({**good_doc(), "events": recs(3, 1) + recs(5, 1)}), "not_dense"),
        (body_of({**good_doc(), "events": [1, 2]}), "bad_event"),
        (
            body_of({**good_doc(), "events": [{**recs(3, 1)[0], "x": 1}, recs(4, 1)[0]]}),
            "bad_event",
        ),
        (
            body_of({**good_doc(), "events": [{**recs(3, 1)[0], "p": []}, recs(4, 1)[0]]}),
            "bad_event",
        ),
        (
            body_of({**good_doc(), "events": [{**recs(3, 1)[0], "mono": -1}, recs(4, 1)[0]]}),
            "bad_field",
        ),
        (body_of({**good_doc(), "parent": {"dev": "x"}}), "bad_field"),
    ],
)
def test_bad_bodies_are_refused_with_a_code(body: bytes, code: str) -> None:
    with pytest.raises(BatchError) as info:
        decode_batch(body)
    assert info.value.code == code
    assert str(info.value)


def test_gzip_bomb_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"{" + b" " * 50_000_000 + b"}", compresslevel=9)
    assert len(bomb) < 100_000
    with pytest.raises(BatchError) as info:
        decode_batch(bomb, max_json_bytes=1_000_000)
    assert info.value.code == "too_large"


def test_good_doc_with_parent_decodes() -> None:
    batch = decode_batch(body_of({**good_doc(), "parent": {"dev": "old1", "upto": 7}}))
    assert batch.parent == {"dev": "old1", "upto": 7}
