"""What the sync client remembers between runs: where to send, its token, its streams.

A *stream* is the identity events travel under: ``(stream dev, stream seq)``. Normally
there is one stream whose dev is the PC's device id and whose seq is the log's seq. After a
clone is detected (see ``docs/sync.md``) a new stream continues the log: log seq
``base + s`` travels as stream seq ``s``. ``acked`` and ``chain`` only ever come from the
collector's answers.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from tutor.i18n import _
from tutor.sync.atomic_file import write_atomic

STATE_VERSION = 1
DEFAULT_TARGET_BYTES = 16 * 1024


class SyncStateError(Exception):
    """The state file cannot be used; the message says what to do."""


@dataclass(frozen=True)
class Stream:
    dev: str
    base: int = 0
    acked: int = 0
    chain: str = ""
    parent: dict[str, Any] | None = None

    def log_seq(self, stream_seq: int) -> int:
        return self.base + stream_seq

    def stream_seq(self, log_seq: int) -> int:
        return log_seq - self.base

    @property
    def acked_log_seq(self) -> int:
        """The last log seq the collector holds through this stream (or an earlier one)."""
        return self.base + self.acked


@dataclass(frozen=True)
class SyncState:
    url: str = ""
    token: str = ""
    streams: tuple[Stream, ...] = field(default_factory=tuple)
    target_bytes: int = DEFAULT_TARGET_BYTES

    @property
    def stream(self) -> Stream:
        return self.streams[-1]

    def with_stream(self, stream: Stream) -> SyncState:
        """Replace the current stream."""
        return replace(self, streams=(*self.streams[:-1], stream))

    def with_new_stream(self, stream: Stream) -> SyncState:
        return replace(self, streams=(*self.streams, stream))

    def to_json(self) -> bytes:
        doc = {"v": STATE_VERSION, **asdict(self)}
        doc["streams"] = [asdict(s) for s in self.streams]
        return json.dumps(doc, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> SyncState:
        doc = json.loads(data)
        if not isinstance(doc, dict) or doc.get("v") != STATE_VERSION:
            raise ValueError("unknown state version")
        streams = tuple(Stream(**s) for s in doc["streams"])
        if not streams or any(s.base < 0 or s.acked < 0 for s in streams):
            raise ValueError("bad streams")
        return cls(
            url=str(doc["url"]),
            token=str(doc["token"]),
            streams=streams,
            target_bytes=int(doc["target_bytes"]),
        )


class SyncStateFile:
    """Loads and atomically saves :class:`SyncState` in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> SyncState:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError as exc:
            raise SyncStateError(
                _("This PC is not enrolled yet. Run: tutor sync enrol URL CODE")
            ) from exc
        except OSError as exc:
            raise SyncStateError(_("Cannot read the sync state: {err}").format(err=exc)) from exc
        try:
            return SyncState.from_json(data)
        except (ValueError, KeyError, TypeError) as exc:
            raise SyncStateError(
                _("The sync state file {path} is damaged; ask programme IT staff.").format(
                    path=self.path
                )
            ) from exc

    def save(self, state: SyncState) -> None:
        write_atomic(self.path, state.to_json())
