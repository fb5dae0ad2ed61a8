"""One event per line: how records are encoded, checked, found and reported.

The byte-level half of the event log (:mod:`tutor.store.event_log` is the file half): a
record is ``crc32hex SP compact-json LF``; a line that fails the checksum, does not parse or
is not an event counts as damaged. :class:`Repair` is how damage is reported, with a
translated message for trainers and IT staff.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tutor.domain.events import Event
from tutor.i18n import _
from tutor.store.framing import frame_line, unframe_line

_JSON = json.JSONDecoder()
_SEGMENT_NAME = re.compile(r"seg-([0-9]{8,})\.log")

# Why a record was reported (Repair.reason).
TORN_TAIL = "torn_tail"  # cut off the end of the last segment, bytes quarantined
CORRUPT_RECORD = "corrupt_record"  # skipped by read(); the file is not changed
SEQ_GAP = "seq_gap"  # sequence numbers missing between two records
SEQ_NOT_INCREASING = "seq_not_increasing"  # a record whose seq is not above the one before
FOREIGN_DEVICE = "foreign_device"  # a record written by another device id


@dataclass(frozen=True)
class Repair:
    """One problem the log found. ``dropped_bytes`` is how much read() will not deliver.

    ``file`` is the segment's file name, ``offset`` the byte where the problem starts;
    ``detail`` holds the quarantine file name (torn tail), the missing seq range (gap) or the
    other device id.
    """

    file: str
    offset: int
    dropped_bytes: int
    reason: str
    detail: str = ""

    def message(self) -> str:
        """A translated sentence for a trainer or the programme's IT person."""
        values = {
            "file": self.file,
            "offset": self.offset,
            "bytes": self.dropped_bytes,
            "detail": self.detail,
        }
        if self.reason == TORN_TAIL:
            text = _(
                "{file}: an unfinished record ({bytes} bytes from byte {offset}) was cut off, "
                "probably after a power cut. Its bytes were kept in {detail}. Everything saved "
                "before it is safe."
            )
        elif self.reason == CORRUPT_RECORD:
            text = _(
                "{file}: a damaged record ({bytes} bytes from byte {offset}) was skipped. "
                "The file was not changed."
            )
        elif self.reason == SEQ_GAP:
            text = _("{file}: events {detail} are missing from the log (at byte {offset}).")
        elif self.reason == SEQ_NOT_INCREASING:
            text = _("{file}: the record at byte {offset} repeats or goes back ({detail}).")
        else:
            text = _("{file}: the record at byte {offset} was written by another PC ({detail}).")
        return text.format(**values)


def segment_name(number: int) -> str:
    """File name of segment ``number`` (1-based)."""
    return f"seg-{number:08d}.log"


def encode_event(event: Event) -> bytes:
    """The framed log line for ``event``; raises TypeError/ValueError for non-JSON payloads."""
    payload = json.dumps(
        event.to_record(), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")
    return frame_line(payload)


def _decode_payload(payload: bytes) -> Event | None:
    try:
        record = _JSON.decode(payload.decode("utf-8"))
        if not isinstance(record, dict):
            return None
        event = Event.from_record(record)
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    return event if event.seq >= 1 else None


def decode_line(line: bytes) -> Event | None:
    """The event on one log line (without LF), or ``None`` if the line is damaged."""
    payload = unframe_line(line)
    return None if payload is None else _decode_payload(payload)


def last_record(data: bytes) -> tuple[int, int, Event | None]:
    """Start and end offsets of the last whole, valid record in ``data``, and that record.

    Scans backwards from the end, so opening a full 4 MB segment costs a few lines' checks,
    not one JSON decode per line. Everything after the returned offset is a torn tail.
    """
    newline = data.rfind(b"\n")
    while newline >= 0:
        start = data.rfind(b"\n", 0, newline) + 1
        event = decode_line(data[start:newline])
        if event is not None:
            return start, newline + 1, event
        newline = start - 1
    return 0, 0, None


def walk_records(data: bytes) -> Iterator[tuple[int, int, Event | None]]:
    """``(start, end, event or None)`` for each line; a last line without LF is unfinished."""
    lines = data.split(b"\n")
    pos = 0
    for line in lines[:-1]:
        end = pos + len(line) + 1
        yield pos, end, decode_line(line)
        pos = end
    if lines[-1]:
        yield pos, len(data), None


class SeqChecker:
    """Notices gaps, repeats and foreign device ids while records go by, in file order."""

    def __init__(self, dev: str, report: Callable[[Repair], None], expected: int | None) -> None:
        self._dev = dev
        self._report = report
        self._expected = expected

    def see(self, file: str, offset: int, event: Event) -> None:
        if event.dev != self._dev:
            self._report(Repair(file, offset, 0, FOREIGN_DEVICE, event.dev))
        expected = self._expected
        if expected is not None and event.seq > expected:
            self._report(Repair(file, offset, 0, SEQ_GAP, f"{expected}-{event.seq - 1}"))
        elif expected is not None and event.seq < expected:
            detail = f"{event.seq} < {expected}"
            self._report(Repair(file, offset, 0, SEQ_NOT_INCREASING, detail))
        self._expected = max(expected or 0, event.seq + 1)


def list_segments(folder: Path) -> list[int]:
    """Segment numbers present in ``folder``, in order (quarantine and other files ignored)."""
    numbers = []
    with os.scandir(folder) as entries:
        for entry in entries:
            match = _SEGMENT_NAME.fullmatch(entry.name)
            if match:
                numbers.append(int(match.group(1)))
    return sorted(numbers)
