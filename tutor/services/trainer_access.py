"""The trainer PIN that guards trainer mode on a PC (set on first use, per PC)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict

from tutor.domain.profiles import PinCheck, Profile, check_pin, hash_pin
from tutor.services.pc_settings import PcSettings

SETTING = "trainer"


class TrainerAccess:
    """Same rules as a trainee PIN (slow hash, five tries then a minute's lock)."""

    def __init__(self, settings: PcSettings, clock_ms: Callable[[], int]) -> None:
        self._settings = settings
        self._clock_ms = clock_ms

    def _record(self) -> Profile:
        doc = self._settings.get(SETTING) or {}
        return Profile(
            id="trainer",
            name="trainer",
            created_ms=int(doc.get("created_ms", 0)),
            pin_hash=str(doc.get("pin_hash", "")),
            failed_tries=int(doc.get("failed_tries", 0)),
            locked_until_ms=int(doc.get("locked_until_ms", 0)),
        )

    @property
    def has_pin(self) -> bool:
        return self._record().has_pin

    def set_pin(self, pin: str) -> None:
        record = Profile(
            "trainer", "trainer", self._clock_ms(), pin_hash=hash_pin(pin, os.urandom(16))
        )
        self._settings.set(SETTING, asdict(record))

    def check(self, pin: str) -> PinCheck:
        record = self._record()
        result = check_pin(record, pin, self._clock_ms())
        if result.profile != record:
            self._settings.set(SETTING, asdict(result.profile))
        return result

    def lock_ms_left(self) -> int:
        return max(0, self._record().locked_until_ms - self._clock_ms())
