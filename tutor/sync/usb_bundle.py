"""USB bundles: the unsent events as files a trainer carries to the collector.

A bundle is byte for byte an upload body, named ``progress-DEV-FIRST-LAST.json.gz``. FAT
sticks keep no journal, so each file is written atomically, then read back and checked;
a bundle that does not read back is removed and reported, never left half-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tutor.i18n import _
from tutor.sync.atomic_file import write_atomic
from tutor.sync.batch_format import BatchError, decode_batch, encode_batch
from tutor.sync.outbox import Clocks, EventSource, stream_records
from tutor.sync.sync_state import Stream

BUNDLE_TARGET_BYTES = 1024 * 1024  # well under the collector's 2 MiB body limit
CHUNK_EVENTS = 20_000


class BundleError(Exception):
    """A bundle could not be written or did not read back; the message says which."""


@dataclass(frozen=True)
class Bundle:
    path: Path
    first: int  # stream seqs
    last: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1


def bundle_name(dev: str, first: int, last: int) -> str:
    return f"progress-{dev}-{first:012d}-{last:012d}.json.gz"


def export_bundles(
    log: EventSource,
    stream: Stream,
    folder: Path,
    clocks: Clocks,
    *,
    target_bytes: int = BUNDLE_TARGET_BYTES,
) -> list[Bundle]:
    """Write every event the collector has not acked as one or more verified bundles."""
    if not folder.is_dir():
        raise BundleError(_("The folder {folder} does not exist.").format(folder=folder))
    records = stream_records(log, stream, stream.acked_log_seq + 1)
    bundles: list[Bundle] = []
    pending: list[dict] = []
    while True:
        pending.extend(islice(records, CHUNK_EVENTS - len(pending)))
        if not pending:
            return bundles
        body, n = _fit(stream, pending, clocks, target_bytes)
        bundles.append(_write_verified(folder, stream.dev, body))
        del pending[:n]


def _fit(stream: Stream, records: list[dict], clocks: Clocks, target: int) -> tuple[bytes, int]:
    """The largest prefix of ``records`` whose body stays under ``target`` (at least one)."""
    n = len(records)
    while True:
        body = encode_batch(
            stream.dev,
            records[:n],
            sent_wall=clocks.wall_ms,
            sent_mono=clocks.mono_ms,
            sent_boot=clocks.boot,
            parent=stream.parent or None,
        )
        if len(body) <= target or n == 1:
            return body, n
        n = max(1, int(n * 0.9 * target / len(body)))


def _write_verified(folder: Path, dev: str, body: bytes) -> Bundle:
    batch = decode_batch(body)
    path = folder / bundle_name(dev, batch.first, batch.last)
    try:
        write_atomic(path, body)
        back = path.read_bytes()
    except OSError as exc:
        raise BundleError(_("Cannot write {path}: {err}").format(path=path, err=exc)) from exc
    try:
        if back != body:
            raise BatchError("mismatch", "read-back differs")
        decode_batch(back)
    except BatchError as exc:
        path.unlink(missing_ok=True)
        raise BundleError(
            _("{path} did not read back correctly; the stick may be failing.").format(path=path)
        ) from exc
    return Bundle(path, batch.first, batch.last)
