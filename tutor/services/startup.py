"""Open everything the tutor needs from one data folder, in the right order.

Kept out of the UI so tests (and ``tutor doctor`` later) can open a data folder the same way
the TUI does. Raises ``StoreError`` with a message for the user when the folder cannot be
used; the caller shows it and stops.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tinydb import TinyDB

from tutor.i18n import _
from tutor.paths import DataPaths
from tutor.services.journal import Journal
from tutor.services.pc_settings import PcSettings
from tutor.services.profile_book import ProfileBook
from tutor.services.trainer_access import TrainerAccess


def wall_ms() -> int:
    return int(time.time() * 1000)


def random_hex(nbytes: int) -> str:
    """``nbytes`` from the OS's secure source as hex (what ``secrets.token_hex`` does,
    without importing ``secrets``, whose hmac/OpenSSL load slows the first screen)."""
    return os.urandom(nbytes).hex()


def mono_ms() -> int:
    return int(time.monotonic() * 1000)


@dataclass
class TutorServices:
    """The services one running tutor uses; ``close()`` releases the data folder."""

    paths: DataPaths
    dev: str
    boot: str
    settings: PcSettings
    profiles: ProfileBook
    journal: Journal
    lessons_override: Path | None
    clock_ms: Callable[[], int] = wall_ms
    notices: list[str] = field(default_factory=list)
    trainer: TrainerAccess | None = None
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def lesson_roots(self) -> list[Path]:
        from tutor.services.lesson_source import lesson_roots

        return lesson_roots(self.paths, self.lessons_override)

    def close(self) -> None:
        while self._closers:
            closer = self._closers.pop()
            with contextlib.suppress(OSError):
                closer()


def open_services(home: Path, lessons_override: Path | None = None) -> TutorServices:
    """Lock the data folder and open device id, state and event log."""
    from tutor.store.device import current_boot_id, load_or_create_device
    from tutor.store.errors import StoreError
    from tutor.store.event_log import EventLog, device_of_log
    from tutor.store.lock import DataFolderLock
    from tutor.store.state_db import open_state

    paths = DataPaths(home)
    try:
        paths.home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            _("Cannot use the data folder {path}: {reason}").format(
                path=paths.home, reason=exc.strerror or exc
            )
        ) from exc
    closers: list[Callable[[], None]] = []
    lock = DataFolderLock(paths.lock)
    lock.__enter__()
    closers.append(lambda: lock.__exit__(None, None, None))
    try:
        fallback = device_of_log(paths.events) if paths.events.is_dir() else None
        device = load_or_create_device(
            paths.device, clock_ms=wall_ms, rng_hex=random_hex, fallback_dev=fallback
        )
        db = open_state(paths.state)
        closers.append(db.close)
        boot = current_boot_id()
        log = EventLog.open(
            paths.events, device.dev, clock_ms=wall_ms, mono_ms=mono_ms, boot_id=boot
        )
        closers.append(log.close)
    except BaseException:
        for closer in reversed(closers):
            closer()
        raise
    services = TutorServices(
        paths=paths,
        dev=device.dev,
        boot=boot,
        settings=PcSettings(db),
        profiles=ProfileBook(db, clock_ms=wall_ms, rng_bytes=os.urandom),
        journal=Journal(log),
        lessons_override=lessons_override,
        _closers=closers,
    )
    services.trainer = TrainerAccess(services.settings, wall_ms)
    services.notices.extend(_repair_notices(log, db))
    return services


def _repair_notices(log: object, db: TinyDB) -> list[str]:
    """Tell the user when opening had to repair something after a power cut."""
    notices = []
    repairs = getattr(log, "repairs", [])
    if repairs:
        notices.append(_("The last action before the power cut was incomplete and was set aside."))
    return notices


class StateSession:
    """The PC's settings and profiles for a command-line tool, with the data folder locked.

    Used as ``with StateSession(home) as state:``; the TUI must not run at the same time
    (the lock says so), since both would write the same state file.
    """

    def __init__(self, home: Path) -> None:
        self.paths = DataPaths(home)
        self._closers: list[Callable[[], None]] = []

    def __enter__(self) -> StateSession:
        from tutor.store.errors import StoreError
        from tutor.store.lock import DataFolderLock
        from tutor.store.state_db import open_state

        try:
            self.paths.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                _("Cannot use the data folder {path}: {reason}").format(
                    path=self.paths.home, reason=exc.strerror or exc
                )
            ) from exc
        lock = DataFolderLock(self.paths.lock)
        lock.__enter__()
        self._closers.append(lambda: lock.__exit__(None, None, None))
        try:
            db = open_state(self.paths.state)
        except BaseException:
            self.close()
            raise
        self._closers.append(db.close)
        self.settings = PcSettings(db)
        self.profiles = ProfileBook(db, clock_ms=wall_ms, rng_bytes=os.urandom)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        while self._closers:
            self._closers.pop()()
