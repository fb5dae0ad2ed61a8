"""Data-folder lock: a second tutor process on the same folder is refused with a message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tutor.store.errors import StoreError, StoreLockedError
from tutor.store.lock import DataFolderLock

TRY_LOCK = """
import sys
from pathlib import Path
from tutor.store.errors import StoreLockedError
from tutor.store.lock import DataFolderLock
try:
    with DataFolderLock(Path(sys.argv[1])):
        print("got it")
except StoreLockedError as exc:
    print("locked:", exc)
"""


def _other_process_tries(lock_path: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", TRY_LOCK, str(lock_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_second_process_is_locked_out_until_release(tmp_path: Path) -> None:
    lock_path = tmp_path / "home" / "tutor.lock"
    with DataFolderLock(lock_path) as lock:
        assert lock.held
        answer = _other_process_tries(lock_path)
        assert answer.startswith("locked:")
        assert "Another copy of the tutor" in answer and str(tmp_path / "home") in answer
    assert not lock.held
    assert _other_process_tries(lock_path) == "got it"


def test_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with DataFolderLock(tmp_path / "tutor.lock"), pytest.raises(StoreLockedError):
        DataFolderLock(tmp_path / "tutor.lock").acquire()
    with DataFolderLock(tmp_path / "tutor.lock"):
        pass  # free again once released


def test_a_folder_can_be_given_instead_of_the_lock_file(tmp_path: Path) -> None:
    with DataFolderLock(tmp_path) as lock:
        assert lock.path == tmp_path / "tutor.lock"
        with pytest.raises(StoreLockedError):
            DataFolderLock(tmp_path / "tutor.lock").acquire()


def test_lock_under_a_file_gives_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "home").write_text("x")
    with pytest.raises(StoreError) as info:
        DataFolderLock(tmp_path / "home" / "tutor.lock").acquire()
    assert "should be a folder" in str(info.value)


def test_release_twice_is_harmless(tmp_path: Path) -> None:
    lock = DataFolderLock(tmp_path / "tutor.lock")
    lock.acquire()
    lock.acquire()  # already held: no second descriptor
    lock.release()
    lock.release()
    assert not lock.held
