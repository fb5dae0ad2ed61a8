"""Small mutable state (profiles, settings, installed packs, sync cursor) in TinyDB, made safe.

TinyDB's own JSONStorage rewrites its file in place, so a power cut mid-write leaves it
unreadable or silently wrong (DESIGN §3). :class:`AtomicJSONStorage` instead:

* frames the JSON with a SHA-256 header (:mod:`tutor.store.framing`), so a file mixed from
  two generations is recognised rather than loaded;
* writes a temp file in the same folder, fsyncs it, renames the current file to
  ``<name>.prev``, renames the temp file into place and fsyncs the folder.

So on open there is always the new file or, failing that, the previous generation: the
state read is exactly the old or the new one. If neither is valid the damaged files are moved
aside (``<name>.damaged-<n>``) and the state starts empty; :func:`state_report` says so. Open
never raises for a damaged file. Everything here is a cache of the event log (DESIGN §2), so
an empty start loses settings at worst, never progress.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tinydb
from tinydb.storages import Storage

from tutor.i18n import _
from tutor.store.atomic_file import move_aside, read_file, write_file_atomic
from tutor.store.errors import store_error_from_os
from tutor.store.framing import frame_file, unframe_file

PREVIOUS_SUFFIX = ".prev"

# StateReport.source values
FROM_CURRENT = "current"  # the file written last
FROM_PREVIOUS = "previous"  # the last write did not finish; the generation before it
FROM_NOTHING = "nothing"  # no state yet (first start): empty
EMPTY_AFTER_DAMAGE = "empty_after_damage"  # nothing valid was left: empty, damage kept aside


@dataclass(frozen=True)
class StateReport:
    """What :func:`open_state` found: where the state came from and what was moved aside."""

    path: Path
    source: str
    damaged: tuple[Path, ...] = field(default=())

    @property
    def lost_data(self) -> bool:
        """True when the state had to start empty although a damaged file was there."""
        return self.source == EMPTY_AFTER_DAMAGE

    def message(self) -> str | None:
        """A translated note for the user, or ``None`` when there is nothing to say."""
        kept = ", ".join(p.name for p in self.damaged)
        if self.source == EMPTY_AFTER_DAMAGE:
            return _(
                "The settings file {path} was damaged (perhaps by a power cut), so settings "
                "start fresh. Your lesson progress is kept separately and is safe. The damaged "
                "file was kept as {kept}."
            ).format(path=self.path.name, kept=kept)
        if self.source == FROM_PREVIOUS:
            return _(
                "The last change to the settings did not finish (perhaps a power cut), so the "
                "version saved just before it is used."
            )
        return None


def _decode_state(data: bytes | None) -> dict[str, dict[str, Any]] | None:
    """The TinyDB tables in a checked file, or ``None`` when absent or damaged."""
    if data is None:
        return None
    payload = unframe_file(data)
    if payload is None:
        return None
    try:
        tables = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    if not isinstance(tables, dict):
        return None
    if not all(isinstance(docs, dict) for docs in tables.values()):
        return None
    return tables


def encode_state(tables: dict[str, dict[str, Any]]) -> bytes:
    """The checked file content for ``tables`` (compact UTF-8 JSON under a hash header)."""
    payload = json.dumps(tables, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return frame_file(payload.encode("utf-8"))


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written state behind.

    The state is read once, when the storage is made, and kept in memory as JSON text;
    TinyDB's frequent ``read()`` calls then cost no disk access. Only this process writes the
    file (the data-folder lock guarantees it).
    """

    def __init__(self, path: str | Path, **_ignored: Any) -> None:
        super().__init__()
        self.path = Path(path)
        self.previous = self.path.with_name(self.path.name + PREVIOUS_SUFFIX)
        self._text: str | None = None
        self._current_valid = False  # may the file at self.path become the previous one?
        self.report = self._load()

    def _load(self) -> StateReport:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise store_error_from_os(exc, self.path.parent) from exc
        try:
            current = read_file(self.path)
            tables = _decode_state(current)
            if tables is not None:
                self._keep(tables, current_valid=True)
                return StateReport(self.path, FROM_CURRENT)
            damaged: list[Path] = []
            if current:  # present and not empty, but damaged
                damaged.append(move_aside(self.path))
            previous = read_file(self.previous)
            tables = _decode_state(previous)
            if tables is not None:
                self._keep(tables, current_valid=False)
                return StateReport(self.path, FROM_PREVIOUS, tuple(damaged))
            if previous:
                damaged.append(move_aside(self.previous))
        except OSError as exc:
            raise store_error_from_os(exc, self.path) from exc
        source = EMPTY_AFTER_DAMAGE if damaged else FROM_NOTHING
        return StateReport(self.path, source, tuple(damaged))

    def _keep(self, tables: dict[str, dict[str, Any]], *, current_valid: bool) -> None:
        self._text = json.dumps(tables, ensure_ascii=False)
        self._current_valid = current_valid

    def read(self) -> dict[str, dict[str, Any]] | None:
        return None if self._text is None else json.loads(self._text)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Save ``data`` atomically; on failure raise a StoreError and keep the old state."""
        content = encode_state(data)
        keep = self.previous if self._current_valid else None
        try:
            write_file_atomic(self.path, content, previous=keep)
        except Exception:
            # The old generation may now sit at .prev with no current file: never rotate
            # over it until a write succeeds.
            self._current_valid = self._current_valid and self.path.exists()
            raise
        self._keep(data, current_valid=True)

    def close(self) -> None:
        """Nothing to release: no file stays open between writes."""


def open_state(path: Path) -> tinydb.TinyDB:
    """TinyDB on ``path`` through :class:`AtomicJSONStorage`; see :func:`state_report`.

    Never raises for a damaged file. Raises :class:`~tutor.store.errors.StoreError` only when
    the folder itself cannot be used (no access, a file in the way, disk error).
    """
    return tinydb.TinyDB(path, storage=AtomicJSONStorage)


def state_report(db: tinydb.TinyDB) -> StateReport:
    """What opening ``db`` found (the state file, the previous one, or nothing valid)."""
    storage = db.storage
    if not isinstance(storage, AtomicJSONStorage):
        raise TypeError("state_report() needs a database made by open_state()")
    return storage.report
