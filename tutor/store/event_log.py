"""The append-only event log: every event a trainee produced, durable before it is confirmed.

Layout: ``<folder>/seg-00000001.log``, ``seg-00000002.log``, ... Each line is one event,
framed as ``crc32hex SP json LF`` (compact JSON, UTF-8). ``seq`` is dense from 1 and never
reused. A new segment starts when the current one would grow past ``segment_bytes``.

Why this shape (DESIGN §2, §8): an append writes one short line at the end of an open file
and fsyncs it, so its cost does not grow with the log, and a power cut can only damage the
line being written. On open the last segment is checked; an unfinished or damaged tail is
cut off, its bytes kept in ``quarantine-<segment>-<offset>.bin``, and the cut is reported in
:attr:`EventLog.repairs`. Damage inside older segments is skipped by :meth:`EventLog.read`
and reported, and the file is left as it is.

The log does not lock its folder; the caller holds a
:class:`~tutor.store.lock.DataFolderLock` for the whole data folder.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from tutor.domain.events import Event, NewEvent
from tutor.store.atomic_file import fsync_folder, write_all
from tutor.store.errors import store_error_from_os
from tutor.store.log_records import (
    CORRUPT_RECORD,
    FOREIGN_DEVICE,
    SEQ_GAP,
    SEQ_NOT_INCREASING,
    TORN_TAIL,
    Repair,
    SeqChecker,
    decode_line,
    encode_event,
    last_record,
    list_segments,
    segment_name,
    walk_records,
)

DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024
_MIN_SEGMENT_BYTES = 256
_BINARY = getattr(os, "O_BINARY", 0)


class EventLog:
    """An open event log for one device. Build it with :meth:`EventLog.open`.

    ``append`` is safe to call from several threads; each call is durable before it returns.
    """

    def __init__(
        self,
        folder: Path,
        dev: str,
        *,
        clock_ms: Callable[[], int],
        mono_ms: Callable[[], int],
        boot_id: str,
        segment_bytes: int,
    ) -> None:
        if segment_bytes < _MIN_SEGMENT_BYTES:
            raise ValueError(f"segment_bytes must be at least {_MIN_SEGMENT_BYTES}")
        self._folder = Path(folder)
        self._dev = dev
        self._clock_ms = clock_ms
        self._mono_ms = mono_ms
        self._boot_id = boot_id
        self._segment_bytes = segment_bytes
        self._mutex = threading.Lock()
        self._segments: list[int] = []
        self._first_seq: dict[int, int | None] = {}
        self._fd: int | None = None
        self._size = 0
        self._dirty = False  # a failed append may have left bytes past _size
        self._last_seq = 0
        self._reported: set[tuple[str, int, str]] = set()
        self.repairs: list[Repair] = []

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: Path,
        dev: str,
        *,
        clock_ms: Callable[[], int],
        mono_ms: Callable[[], int],
        boot_id: str,
        segment_bytes: int = DEFAULT_SEGMENT_BYTES,
    ) -> EventLog:
        """Open (or create) the log in ``folder``, repairing a torn tail of the last segment.

        Raises :class:`StoreError` with a clear message when the folder cannot be used.
        """
        log = cls(
            folder,
            dev,
            clock_ms=clock_ms,
            mono_ms=mono_ms,
            boot_id=boot_id,
            segment_bytes=segment_bytes,
        )
        try:
            log._open_files()
        except OSError as exc:
            log.close()
            raise store_error_from_os(exc, exc.filename or log._folder) from exc
        except BaseException:
            log.close()
            raise
        return log

    def _open_files(self) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        self._segments = list_segments(self._folder)
        if not self._segments:
            os.close(self._create_segment(1))
            self._segments = [1]
        current = self._segments[-1]
        data = self._read_segment(current)
        last_start, good_end, last = last_record(data)
        if last is not None and last.dev != self._dev:
            self._report(Repair(segment_name(current), last_start, 0, FOREIGN_DEVICE, last.dev))
        if good_end < len(data):
            self._cut_tail(current, data, good_end)
        self._last_seq = last.seq if last else self._last_seq_before(len(self._segments) - 1)
        self._fd = os.open(self._path(current), os.O_WRONLY | _BINARY)
        self._size = good_end

    def _cut_tail(self, number: int, data: bytes, good_end: int) -> None:
        """Keep the torn tail's bytes in a quarantine file, then truncate the segment."""
        tail = data[good_end:]
        quarantine = self._write_quarantine(number, good_end, tail)
        fd = os.open(self._path(number), os.O_WRONLY | _BINARY)
        try:
            os.ftruncate(fd, good_end)
            os.fsync(fd)
        finally:
            os.close(fd)
        self._report(Repair(segment_name(number), good_end, len(tail), TORN_TAIL, quarantine))

    def _write_quarantine(self, number: int, offset: int, tail: bytes) -> str:
        suffix = 0
        while True:
            extra = f"-{suffix}" if suffix else ""
            name = f"quarantine-{number:08d}-{offset}{extra}.bin"
            try:
                fd = os.open(
                    self._folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o644
                )
                break
            except FileExistsError:
                suffix += 1
        try:
            write_all(fd, tail)
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_folder(self._folder)
        return name

    def _last_seq_before(self, index: int) -> int:
        """Seq of the newest record in the segments before ``index`` (0 if none)."""
        for number in reversed(self._segments[:index]):
            _start, _end, last = last_record(self._read_segment(number))
            if last is not None:
                return last.seq
        return 0

    # -- files -----------------------------------------------------------------------------

    def _path(self, number: int) -> Path:
        return self._folder / segment_name(number)

    def _read_segment(self, number: int, limit: int = -1) -> bytes:
        with open(self._path(number), "rb") as fh:
            return fh.read(limit)

    def _create_segment(self, number: int) -> int:
        fd = os.open(self._path(number), os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o644)
        try:
            fsync_folder(self._folder)
        except OSError:
            os.close(fd)
            raise
        return fd

    def _report(self, repair: Repair) -> None:
        key = (repair.file, repair.offset, repair.reason)
        if key not in self._reported:
            self._reported.add(key)
            self.repairs.append(repair)

    # -- appending -------------------------------------------------------------------------

    @property
    def last_seq(self) -> int:
        """The seq of the newest event; 0 when the log is empty."""
        return self._last_seq

    @property
    def dev(self) -> str:
        return self._dev

    def append(self, new: NewEvent) -> Event:
        """Write ``new`` as the next event and fsync it; return the event as stored.

        Raises :class:`DiskFullError` (disk full) or :class:`StoreError`; then nothing of the
        event is left in the log and the next append gets the same seq.
        """
        with self._mutex:
            if self._fd is None:
                raise ValueError("the event log is closed")
            event = Event(
                dev=self._dev,
                seq=self._last_seq + 1,
                learner=new.learner,
                type=new.type,
                payload=dict(new.payload),
                wall=int(self._clock_ms()),
                boot=self._boot_id,
                mono=int(self._mono_ms()),
            )
            line = encode_event(event)
            if self._size and self._size + len(line) > self._segment_bytes:
                self._roll()
            self._write_line(line)
            self._last_seq = event.seq
            stored = decode_line(line[:-1])
            assert stored is not None
            return stored

    def _roll(self) -> None:
        """Start the next segment; the old one is complete and stays as it is."""
        number = self._segments[-1] + 1
        try:
            fd = self._create_segment(number)
        except OSError as exc:
            raise store_error_from_os(exc, self._path(number)) from exc
        old, self._fd = self._fd, fd
        self._segments.append(number)
        self._size, self._dirty = 0, False
        if old is not None:
            with contextlib.suppress(OSError):
                os.close(old)

    def _write_line(self, line: bytes) -> None:
        fd = self._fd
        assert fd is not None
        try:
            if self._dirty:
                os.ftruncate(fd, self._size)
                self._dirty = False
            os.lseek(fd, self._size, os.SEEK_SET)
            write_all(fd, line)
            os.fsync(fd)
        except OSError as exc:
            self._undo_partial(fd)
            raise store_error_from_os(exc, self._path(self._segments[-1])) from exc
        self._size += len(line)

    def _undo_partial(self, fd: int) -> None:
        """Cut whatever a failed append left; if even that fails, retry before the next one."""
        try:
            os.ftruncate(fd, self._size)
            os.fsync(fd)
        except OSError:
            self._dirty = True

    # -- reading ---------------------------------------------------------------------------

    def read(self, from_seq: int = 1) -> Iterator[Event]:
        """Events with ``seq >= from_seq`` in file (= seq) order, across all segments.

        Damaged records are skipped and added to :attr:`repairs`; the files are not changed.
        """
        if self._fd is None:
            raise ValueError("the event log is closed")
        segments = list(self._segments)
        start = self._start_index(segments, from_seq)
        checker = SeqChecker(self._dev, self._report, 1 if start == 0 else None)
        for index in range(start, len(segments)):
            number = segments[index]
            active = index == len(segments) - 1 and number == self._segments[-1]
            yield from self._read_events(number, self._size if active else -1, checker, from_seq)

    def _read_events(
        self, number: int, limit: int, checker: SeqChecker, from_seq: int
    ) -> Iterator[Event]:
        name = segment_name(number)
        try:
            data = self._read_segment(number, limit)
        except OSError as exc:
            raise store_error_from_os(exc, self._path(number)) from exc
        bad: tuple[int, int] | None = None
        for start, end, event in walk_records(data):
            if event is None:
                bad = (bad[0], end) if bad else (start, end)
                continue
            if bad:
                self._report(Repair(name, bad[0], bad[1] - bad[0], CORRUPT_RECORD))
                bad = None
            checker.see(name, start, event)
            if event.seq >= from_seq:
                yield event
        if bad:
            self._report(Repair(name, bad[0], bad[1] - bad[0], CORRUPT_RECORD))

    def _start_index(self, segments: list[int], from_seq: int) -> int:
        """Index of the last segment that starts at or before ``from_seq``."""
        if from_seq <= 1:
            return 0
        for index in range(len(segments) - 1, 0, -1):
            first = self._first_seq_of(segments[index])
            if first is not None and first <= from_seq:
                return index
        return 0

    def _first_seq_of(self, number: int) -> int | None:
        if number in self._first_seq:
            return self._first_seq[number]
        first = None
        try:
            with open(self._path(number), "rb") as fh:
                for raw in fh:
                    event = decode_line(raw[:-1]) if raw.endswith(b"\n") else None
                    if event is not None:
                        first = event.seq
                        break
        except OSError as exc:
            raise store_error_from_os(exc, self._path(number)) from exc
        if first is not None:
            self._first_seq[number] = first
        return first

    # -- closing ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the open segment; safe to call twice."""
        with self._mutex:
            fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> EventLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def device_of_log(folder: Path) -> str | None:
    """The device id on the newest readable record in ``folder``, without changing anything.

    Why: if ``device.json`` is lost but the log survived, the caller can keep the same id
    (and so the same stream) instead of starting a new one.
    """
    try:
        numbers = list_segments(folder)
        for number in reversed(numbers):
            with open(folder / segment_name(number), "rb") as fh:
                data = fh.read()
            _start, _end, last = last_record(data)
            if last is not None:
                return last.dev
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise store_error_from_os(exc, folder) from exc
    return None


__all__ = [
    "CORRUPT_RECORD",
    "DEFAULT_SEGMENT_BYTES",
    "FOREIGN_DEVICE",
    "SEQ_GAP",
    "SEQ_NOT_INCREASING",
    "TORN_TAIL",
    "EventLog",
    "Repair",
    "decode_line",
    "device_of_log",
    "encode_event",
    "list_segments",
    "segment_name",
]
