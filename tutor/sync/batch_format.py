"""The progress batch: the one byte format for uploads and USB bundles.

A batch is gzip'd compact JSON holding a dense seq range of one stream's events. The same
bytes are an HTTP upload body and a USB bundle file, so the collector has one decoder and
one ingest path. Both sides hash events the same way (:func:`event_hash`) and chain those
hashes (:func:`chain_next`): a chain value at seq N vouches for the whole prefix 1..N, which
is how a cloned PC notices that the collector's history is not its own.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tutor.i18n import _

FORMAT = "progress-batch/1"
MAX_BODY_BYTES = 2 * 1024 * 1024  # compressed body the collector accepts
MAX_JSON_BYTES = 32 * 1024 * 1024  # decompressed: anything bigger is a gzip bomb
MAX_EVENTS = 50_000
MAX_INT = 2**53  # JSON-safe everywhere, and fits every database's BIGINT
DEV_PATTERN = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_GZIP_MAGIC = b"\x1f\x8b"
# Keys of one event inside a batch: the record of tutor.domain.events without "dev",
# which the batch carries once.
EVENT_KEYS = ("seq", "lrn", "t", "p", "wall", "boot", "mono")


class BatchError(ValueError):
    """A body or bundle that is not a valid batch; ``code`` is stable, ``str()`` readable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Batch:
    """A decoded batch. ``events`` are wire records: seq is the stream's seq."""

    dev: str
    first: int
    last: int
    sent_wall: int
    sent_mono: int
    sent_boot: str
    events: list[dict[str, Any]]
    parent: dict[str, Any] | None = field(default=None)


def canonical_json(obj: Any) -> bytes:
    """Deterministic JSON (sorted keys, no spaces): equal content gives equal bytes."""
    return json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def event_hash(record: Mapping[str, Any]) -> bytes:
    """Content hash of one wire record; the collector stores it to spot clones."""
    return hashlib.sha256(canonical_json(dict(record))).digest()


def chain_next(prev_hex: str, ev_hash: bytes) -> str:
    """Chain value after one more event: sha256(previous chain ‖ event hash)."""
    prev = bytes.fromhex(prev_hex) if prev_hex else b""
    return hashlib.sha256(prev + ev_hash).hexdigest()


def wire_record(record: Mapping[str, Any], seq: int) -> dict[str, Any]:
    """An event record (``Event.to_record()``) as it travels: stream seq, no dev key."""
    out = {k: record[k] for k in EVENT_KEYS if k in record}
    out["seq"] = seq
    return out


def encode_batch(
    dev: str,
    records: Iterable[Mapping[str, Any]],
    *,
    sent_wall: int,
    sent_mono: int,
    sent_boot: str,
    parent: Mapping[str, Any] | None = None,
) -> bytes:
    """Build a batch body from wire records with dense seqs; gzip with mtime 0 so the bytes
    depend on the content only."""
    events = [dict(r) for r in records]
    if not events:
        raise ValueError("a batch needs at least one event")
    first, last = int(events[0]["seq"]), int(events[-1]["seq"])
    if last - first + 1 != len(events):
        raise ValueError("batch seqs must be dense")
    doc: dict[str, Any] = {
        "fmt": FORMAT,
        "dev": dev,
        "first": first,
        "last": last,
        "sent_wall": sent_wall,
        "sent_mono": sent_mono,
        "sent_boot": sent_boot,
        "events": events,
    }
    if parent:
        doc["parent"] = dict(parent)
    return gzip.compress(canonical_json(doc), compresslevel=9, mtime=0)


def decode_batch(body: bytes, *, max_json_bytes: int = MAX_JSON_BYTES) -> Batch:
    """Check and decode a batch body; any problem raises :class:`BatchError` with a reason."""
    raw = _gunzip_limited(body, max_json_bytes)
    try:
        doc = json.loads(raw)
        canonical_json(doc)  # lone surrogates parse but cannot be stored or hashed
    except (ValueError, RecursionError) as exc:
        raise BatchError("bad_json", _("The batch is not valid JSON.")) from exc
    return _validate(doc)


def _gunzip_limited(body: bytes, limit: int) -> bytes:
    """Decompress at most ``limit`` bytes, so a small bomb cannot fill memory."""
    if not body.startswith(_GZIP_MAGIC):
        raise BatchError("not_gzip", _("The batch is not gzip-compressed."))
    dec = zlib.decompressobj(wbits=31)
    try:
        out = dec.decompress(body, limit + 1)
    except zlib.error as exc:
        raise BatchError("bad_gzip", _("The batch is damaged (gzip error).")) from exc
    if len(out) > limit or dec.unconsumed_tail:
        raise BatchError("too_large", _("The batch is too large once decompressed."))
    if not dec.eof:
        raise BatchError("truncated", _("The batch is cut short (incomplete gzip)."))
    if dec.unused_data:
        raise BatchError("trailing_data", _("The batch has extra bytes after its end."))
    return out


def _int(doc: Mapping[str, Any], key: str, minimum: int = 0) -> int:
    value = doc.get(key)
    if type(value) is not int or not minimum <= value <= MAX_INT:
        raise BatchError("bad_field", _("Field {key!r} must be a whole number.").format(key=key))
    return value


def _str(doc: Mapping[str, Any], key: str, limit: int = 200) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise BatchError("bad_field", _("Field {key!r} must be short text.").format(key=key))
    return value


def _validate(doc: Any) -> Batch:
    if not isinstance(doc, dict):
        raise BatchError("bad_batch", _("The batch must be a JSON object."))
    if doc.get("fmt") != FORMAT:
        raise BatchError(
            "bad_format", _("Unknown batch format (expected {fmt}).").format(fmt=FORMAT)
        )
    dev = _str(doc, "dev", 64)
    if not DEV_PATTERN.match(dev):
        raise BatchError("bad_field", _("The device id has characters that are not allowed."))
    first, last = _int(doc, "first", 1), _int(doc, "last", 1)
    events = doc.get("events")
    if not isinstance(events, list) or not events or len(events) > MAX_EVENTS:
        raise BatchError(
            "bad_field", _("The batch must hold 1 to {n} events.").format(n=MAX_EVENTS)
        )
    if last - first + 1 != len(events):
        raise BatchError("not_dense", _("The events do not match the range first..last."))
    for offset, rec in enumerate(events):
        _validate_event(rec, first + offset)
    return Batch(
        dev=dev,
        first=first,
        last=last,
        sent_wall=_int(doc, "sent_wall"),
        sent_mono=_int(doc, "sent_mono"),
        sent_boot=_str(doc, "sent_boot"),
        events=events,
        parent=_validate_parent(doc.get("parent")),
    )


def _validate_event(rec: Any, seq: int) -> None:
    if not isinstance(rec, dict) or set(rec) - set(EVENT_KEYS):
        raise BatchError("bad_event", _("Event {seq} is not a valid event record.").format(seq=seq))
    if rec.get("seq") != seq or type(rec.get("seq")) is not int:
        raise BatchError("not_dense", _("Event {seq} has the wrong seq.").format(seq=seq))
    _str(rec, "lrn")
    _str(rec, "t")
    _str(rec, "boot")
    _int(rec, "wall")
    _int(rec, "mono")
    if not isinstance(rec.get("p"), dict):
        raise BatchError("bad_event", _("Event {seq} has no payload object.").format(seq=seq))


def _validate_parent(parent: Any) -> dict[str, Any] | None:
    """A rotated stream names the stream it continues and the last seq shared with it."""
    if parent is None:
        return None
    if not isinstance(parent, dict) or set(parent) != {"dev", "upto"}:
        raise BatchError("bad_field", _("Field 'parent' must hold dev and upto."))
    if not DEV_PATTERN.match(_str(parent, "dev", 64)):
        raise BatchError(
            "bad_field", _("The parent device id has characters that are not allowed.")
        )
    _int(parent, "upto")
    return dict(parent)
