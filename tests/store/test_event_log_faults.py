"""Event log on a full disk and on folders it cannot use: a clear message, nothing partial."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from store_testkit import new_event

import tutor.store.errors as store_errors
from tutor.store.errors import DiskFullError, StoreError
from tutor.store.event_log import list_segments, segment_name


class FailingWrites:
    """Replace ``os.write``: after ``ok`` good calls, write half of one buffer, then fail."""

    def __init__(self, error: int = errno.ENOSPC, ok: int = 0) -> None:
        self.real = os.write
        self.error = error
        self.ok = ok
        self.half_written = False
        self.armed = True

    def __call__(self, fd: int, data) -> int:
        if not self.armed:
            return self.real(fd, data)
        if self.ok > 0:
            self.ok -= 1
            return self.real(fd, data)
        if not self.half_written and len(data) > 1:
            self.half_written = True
            return self.real(fd, bytes(data[: len(data) // 2]))
        raise OSError(self.error, os.strerror(self.error))


def test_disk_full_during_write_leaves_no_partial_record(
    tmp_path: Path, open_log, monkeypatch
) -> None:
    folder = tmp_path / "events"
    with open_log(folder) as log:
        log.append(new_event(1))
        before = (folder / segment_name(1)).read_bytes()
        failing = FailingWrites()
        monkeypatch.setattr(os, "write", failing)
        with pytest.raises(DiskFullError) as info:
            log.append(new_event(2))
        assert "disk is full" in str(info.value)
        assert (folder / segment_name(1)).read_bytes() == before
        assert log.last_seq == 1
        failing.armed = False  # space was freed
        assert log.append(new_event(2)).seq == 2
    with open_log(folder) as log:
        assert log.repairs == []
        assert [e.seq for e in log.read()] == [1, 2]


def test_disk_full_at_fsync_rolls_back_the_record(tmp_path: Path, open_log, monkeypatch) -> None:
    folder = tmp_path / "events"
    real_fsync = os.fsync
    state = {"fail": False}

    def fsync(fd: int) -> None:
        if state["fail"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    with open_log(folder) as log:
        log.append(new_event(1))
        before = (folder / segment_name(1)).read_bytes()
        monkeypatch.setattr(os, "fsync", fsync)
        state["fail"] = True
        with pytest.raises(DiskFullError):
            log.append(new_event(2))
        state["fail"] = False
        assert (folder / segment_name(1)).read_bytes() == before
        assert log.append(new_event(2)).seq == 2
        assert [e.seq for e in log.read()] == [1, 2]


def test_failed_rollback_is_cut_before_the_next_append(
    tmp_path: Path, open_log, monkeypatch
) -> None:
    folder = tmp_path / "events"
    real_ftruncate = os.ftruncate
    with open_log(folder) as log:
        log.append(new_event(1))
        failing = FailingWrites(error=errno.EIO)
        monkeypatch.setattr(os, "write", failing)
        monkeypatch.setattr(os, "ftruncate", lambda fd, n: (_ for _ in ()).throw(OSError(5, "")))
        with pytest.raises(StoreError) as info:
            log.append(new_event(2))
        assert not isinstance(info.value, DiskFullError)
        assert "read/write error" in str(info.value)
        assert (folder / segment_name(1)).stat().st_size > 0  # half a record is still there
        failing.armed = False
        monkeypatch.setattr(os, "ftruncate", real_ftruncate)
        assert log.append(new_event(2)).seq == 2
    with open_log(folder) as log:
        assert log.repairs == []
        assert [e.seq for e in log.read()] == [1, 2]


def test_disk_full_when_starting_a_new_segment(tmp_path: Path, open_log, monkeypatch) -> None:
    folder = tmp_path / "events"
    real_open = os.open

    def no_new_files(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, flags, *args)

    with open_log(folder, segment_bytes=400) as log:
        log.append(new_event(1))
        log.append(new_event(2))
        monkeypatch.setattr(os, "open", no_new_files)
        with pytest.raises(DiskFullError):
            for n in range(3, 10):
                log.append(new_event(n))
        stuck_at = log.last_seq
        monkeypatch.setattr(os, "open", real_open)
        assert log.append(new_event(50)).seq == stuck_at + 1
        assert [e.seq for e in log.read()] == list(range(1, stuck_at + 2))


def test_folder_path_that_is_a_file_gives_a_clear_error(tmp_path: Path, open_log) -> None:
    blocker = tmp_path / "events"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as info:
        open_log(blocker)
    assert "should be a folder" in str(info.value)
    assert blocker.read_text() == "not a folder"
    with pytest.raises(StoreError):
        open_log(blocker / "inner")


def test_unreadable_folder_gives_a_clear_error(tmp_path: Path, open_log, monkeypatch) -> None:
    folder = tmp_path / "events"
    with open_log(folder) as log:
        log.append(new_event(1))
    before = (folder / segment_name(1)).read_bytes()
    real_scandir = os.scandir

    def denied(path=".", *args):
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", denied)
    with pytest.raises(StoreError) as info:
        open_log(folder)
    assert "not allowed" in str(info.value) and str(folder) in str(info.value)
    monkeypatch.setattr(os, "scandir", real_scandir)
    assert (folder / segment_name(1)).read_bytes() == before


def test_read_only_disk_gives_a_clear_error(tmp_path: Path, open_log, monkeypatch) -> None:
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(StoreError) as info:
        open_log(tmp_path / "events")
    assert "cannot be written" in str(info.value)


def test_segment_that_is_a_folder_gives_a_clear_error(tmp_path: Path, open_log) -> None:
    folder = tmp_path / "events"
    (folder / segment_name(1)).mkdir(parents=True)
    with pytest.raises(StoreError):
        open_log(folder)
    assert list_segments(folder) == [1]


def test_error_messages_go_through_translation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_errors, "_", lambda text: "«" + text + "»")
    error = store_errors.store_error_from_os(OSError(errno.ENOSPC, "full"), tmp_path)
    assert isinstance(error, DiskFullError)
    assert str(error).startswith("«") and str(error).endswith("»")
