"""Batches built once from the event log and kept on disk until the collector acks them.

A retry must send the very same bytes (SYNC-STUDY §2.4: re-serialising turns retries into
conflicts), so a built batch is saved in the outbox folder and re-read, never rebuilt,
while it is pending. Only after it has failed several times in a row is it replaced by a
smaller one over the same events (same content, so the collector sees no conflict).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Protocol

from tutor.domain.events import Event
from tutor.sync.atomic_file import write_atomic
from tutor.sync.batch_format import BatchError, decode_batch, encode_batch, wire_record
from tutor.sync.sync_state import Stream

_NAME = re.compile(
    r"^batch-(?P<dev>[0-9A-Za-z_-]{1,64})-(?P<first>\d{12})-(?P<last>\d{12})\.json\.gz$"
)


class EventSource(Protocol):
    """The part of ``tutor.store.event_log.EventLog`` the sync client reads."""

    @property
    def last_seq(self) -> int: ...

    def read(self, from_seq: int = 1) -> Iterator[Event]: ...


DAMAGED = "log.damaged"  # stands in for an event the log could not read back


def stream_records(log: EventSource, stream: Stream, from_log_seq: int) -> Iterator[dict]:
    """Wire records from ``from_log_seq`` on, with stream seqs, dense up to ``last_seq``.

    The event log skips a record it finds damaged. Its seq must still travel, or the
    stream would stop at the hole for ever, so a small ``log.damaged`` record takes its
    place; the uploader and the chain check both read events through here.
    """
    expected = from_log_seq
    last = log.last_seq
    for ev in log.read(from_log_seq):
        if ev.seq < expected:
            continue
        while expected < ev.seq:
            yield _damaged(stream.stream_seq(expected))
            expected += 1
        yield wire_record(ev.to_record(), stream.stream_seq(ev.seq))
        expected = ev.seq + 1
    while expected <= last:
        yield _damaged(stream.stream_seq(expected))
        expected += 1


def _damaged(seq: int) -> dict:
    return {"seq": seq, "lrn": "", "t": DAMAGED, "p": {}, "wall": 0, "boot": "", "mono": 0}


@dataclass(frozen=True)
class BuiltBatch:
    dev: str
    first: int  # stream seqs
    last: int
    body: bytes
    path: Path

    @property
    def count(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class Clocks:
    """The PC clocks stamped into a batch when it is built."""

    wall_ms: int
    mono_ms: int
    boot: str


class Outbox:
    """The folder of pending batch files, named ``batch-DEV-FIRST-LAST.json.gz``."""

    def __init__(self, folder: Path, *, min_events: int = 10, max_events: int = 20_000) -> None:
        self.folder = folder
        self.min_events = min_events
        self.max_events = max_events

    def _files(self) -> Iterator[tuple[str, int, int, Path]]:
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.iterdir()):
            m = _NAME.match(path.name)
            if m:
                yield m["dev"], int(m["first"]), int(m["last"]), path

    def pending(self, stream: Stream) -> BuiltBatch | None:
        """The stored batch that starts the unacked range, if one is intact on disk."""
        want = stream.acked + 1
        for dev, first, last, path in self._files():
            if dev != stream.dev or not first <= want <= last:
                continue
            try:
                body = path.read_bytes()
                batch = decode_batch(body)
            except (OSError, BatchError):
                path.unlink(missing_ok=True)  # damaged: rebuilt from the log below
                continue
            if (batch.dev, batch.first, batch.last) == (dev, first, last):
                return BuiltBatch(dev, first, last, body, path)
            path.unlink(missing_ok=True)
        return None

    def prune(self, stream: Stream) -> None:
        """Drop batches the collector holds, and those of streams no longer in use."""
        for dev, _first, last, path in self._files():
            if dev != stream.dev or last <= stream.acked:
                path.unlink(missing_ok=True)

    def build(
        self, log: EventSource, stream: Stream, target_bytes: int, clocks: Clocks
    ) -> BuiltBatch | None:
        """Build, save and return the next batch of about ``target_bytes``; None if all sent."""
        start = stream.acked_log_seq + 1
        records = list(islice(stream_records(log, stream, start), self.max_events))
        if not records:
            return None
        floor = min(len(records), self.min_events)
        n = max(floor, min(len(records), target_bytes // 20))
        body = self._encode(stream, records[:n], clocks)
        while len(body) > target_bytes and n > floor:
            n = max(floor, int(n * 0.9 * target_bytes / len(body)))
            body = self._encode(stream, records[:n], clocks)
        first, last = records[0]["seq"], records[n - 1]["seq"]
        path = self.folder / f"batch-{stream.dev}-{first:012d}-{last:012d}.json.gz"
        write_atomic(path, body)
        return BuiltBatch(stream.dev, first, last, body, path)

    @staticmethod
    def _encode(stream: Stream, records: list[dict], clocks: Clocks) -> bytes:
        parent = stream.parent if stream.parent else None
        return encode_batch(
            stream.dev,
            records,
            sent_wall=clocks.wall_ms,
            sent_mono=clocks.mono_ms,
            sent_boot=clocks.boot,
            parent=parent,
        )
