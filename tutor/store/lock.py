"""One tutor process per data folder.

Two tutors on the same folder (a second window on a shared PC) would both append seq N+1 and
both rewrite the state file. The lock is an OS file lock on ``<home>/tutor.lock``, so it goes
away by itself when the process dies (power cut, kill): no stale lock to clear by hand.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from tutor.i18n import _
from tutor.store.errors import StoreLockedError, store_error_from_os

LOCK_NAME = "tutor.lock"
_BINARY = getattr(os, "O_BINARY", 0)

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class DataFolderLock:
    """Hold the data folder's lock file for as long as the folder is in use.

    ``path`` is the lock file (``DataPaths.lock``, i.e. ``<home>/tutor.lock``); given an
    existing folder instead, the lock file ``tutor.lock`` inside it is used. Use as a context
    manager, or call :meth:`acquire` / :meth:`release`. Raises :class:`StoreLockedError` when
    another process (or another lock object in this process) holds it.
    """

    def __init__(self, path: Path) -> None:
        path = Path(path)
        self.path = path / LOCK_NAME if path.is_dir() else path
        self.home = self.path.parent
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise store_error_from_os(exc, self.home) from exc
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _BINARY, 0o644)
        except OSError as exc:
            raise store_error_from_os(exc, self.path) from exc
        if not _try_lock(fd):
            os.close(fd)
            raise StoreLockedError(
                _(
                    "Another copy of the tutor is already using the data folder {path}. "
                    "Close the other tutor window first, then try again."
                ).format(path=self.home)
            )
        self._fd = fd
        with contextlib.suppress(OSError):  # the pid is only a hint for a curious admin
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> DataFolderLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
