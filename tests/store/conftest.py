"""Store test fixtures: English messages and a log opener with a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_testkit import DEV, FakeClock

from tutor.i18n import set_language
from tutor.store.event_log import EventLog

OpenLog = Callable[..., EventLog]


@pytest.fixture(autouse=True)
def english_first() -> None:
    """The interface language is process-wide; every test starts from English."""
    set_language("en")


@pytest.fixture
def open_log() -> OpenLog:
    """Open an EventLog for device DEV with a fake clock; extra keywords pass through."""
    clock = FakeClock()

    def _open(folder: Path, dev: str = DEV, **kwargs: Any) -> EventLog:
        return EventLog.open(
            folder, dev, clock_ms=clock.wall_ms, mono_ms=clock.mono_ms, boot_id="boot-1", **kwargs
        )

    return _open
