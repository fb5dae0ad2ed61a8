"""Importing USB bundles: each file goes through the same ingest as a network upload.

Importing a bundle twice, out of order, or after the network brought the same events
changes nothing: ingest is idempotent on (dev, seq) and compares content hashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.collector.store import CollectorStore, Conflict
from tutor.i18n import _
from tutor.sync.batch_format import MAX_BODY_BYTES, BatchError, decode_batch

PATTERN = "progress-*.json.gz"


@dataclass(frozen=True)
class ImportResult:
    file: str
    ok: bool
    message: str
    stored: int = 0


def import_file(store: CollectorStore, path: Path) -> ImportResult:
    """One bundle; a bad or conflicting file is reported and nothing of it is stored."""
    try:
        if path.stat().st_size > MAX_BODY_BYTES:
            return ImportResult(path.name, False, _("The file is too large to be a bundle."))
        body = path.read_bytes()
    except OSError as exc:
        return ImportResult(path.name, False, _("Cannot read the file: {err}").format(err=exc))
    try:
        batch = decode_batch(body)
        result = store.ingest(batch, enrolment_id=None, via="usb", sent=None)
    except BatchError as exc:
        return ImportResult(path.name, False, str(exc))
    except Conflict as exc:
        return ImportResult(
            path.name,
            False,
            _("Events {seqs} differ from those already stored (a cloned PC?).").format(
                seqs=", ".join(map(str, exc.seqs[:5]))
            ),
        )
    return ImportResult(
        path.name,
        True,
        _("{dev}: events {first}-{last}, {new} new, collector now holds up to {acked}.").format(
            dev=batch.dev, first=batch.first, last=batch.last, new=result.stored, acked=result.acked
        ),
        result.stored,
    )


def import_folder(store: CollectorStore, folder: Path) -> list[ImportResult]:
    """Every bundle in ``folder`` in name order (the order does not change the result)."""
    return [import_file(store, path) for path in sorted(folder.glob(PATTERN)) if path.is_file()]
