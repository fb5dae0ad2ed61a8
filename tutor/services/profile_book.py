"""The trainees of this PC: profiles in the state database, PIN checks, language choice."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, replace

from tinydb import Query, TinyDB

from tutor.domain import events as ev
from tutor.domain.events import Event
from tutor.domain.profiles import (
    PinCheck,
    Profile,
    ProfileError,
    check_pin,
    clean_name,
    hash_pin,
    valid_pin,
)
from tutor.i18n import _

TABLE = "profiles"


class ProfileBook:
    """Reads and writes profiles; every write goes through the atomic state storage."""

    def __init__(
        self,
        db: TinyDB,
        *,
        clock_ms: Callable[[], int],
        rng_bytes: Callable[[int], bytes],
    ) -> None:
        self._table = db.table(TABLE)
        self._clock_ms = clock_ms
        self._rng_bytes = rng_bytes

    def all(self) -> list[Profile]:
        """Profiles in the order they were made."""
        found = [_from_doc(doc) for doc in self._table.all()]
        return sorted((p for p in found if p is not None), key=lambda p: p.created_ms)

    def get(self, profile_id: str) -> Profile | None:
        doc = self._table.get(Query().id == profile_id)
        return _from_doc(doc) if isinstance(doc, dict) else None

    def create(self, name: str, pin: str = "", lang: str = "en") -> Profile:
        """A new profile; raises ProfileError (translated) for a bad name or PIN."""
        cleaned = clean_name(name)
        if not cleaned:
            raise ProfileError(_("Please type a name of 1 to 40 letters."))
        if pin and not valid_pin(pin):
            raise ProfileError(_("A PIN is exactly 4 digits, or leave it empty."))
        if any(p.name.casefold() == cleaned.casefold() for p in self.all()):
            raise ProfileError(_("There is already a profile with this name."))
        pin_hash = hash_pin(pin, self._rng_bytes(16)) if pin else ""
        profile = Profile(
            id=self._rng_bytes(16).hex(),
            name=cleaned,
            created_ms=self._clock_ms(),
            lang=lang,
            pin_hash=pin_hash,
        )
        self.save(profile)
        return profile

    def save(self, profile: Profile) -> None:
        self._table.upsert(asdict(profile), Query().id == profile.id)

    def verify(self, profile: Profile, pin: str) -> PinCheck:
        """Check a PIN and keep the try counter and lock in the state file."""
        result = check_pin(profile, pin, self._clock_ms())
        if result.profile != profile:
            self.save(result.profile)
        return result

    def set_language(self, profile: Profile, lang: str) -> Profile:
        updated = replace(profile, lang=lang)
        self.save(updated)
        return updated

    def reset_pin(self, profile: Profile) -> Profile:
        updated = replace(profile, pin_hash="", failed_tries=0, locked_until_ms=0)
        self.save(updated)
        return updated

    def restore_from_events(self, events: Iterable[Event]) -> int:
        """Re-create profiles the log knows but the state lost (a damaged state file).

        The state is a cache of the log; PINs are not in the log, so restored profiles have
        none until the trainee or a trainer sets one again.
        """
        known = {p.id for p in self.all()}
        restored = 0
        for e in events:
            if e.type == ev.PROFILE_CREATED and e.learner not in known:
                name = clean_name(str(e.payload.get("name", ""))) or e.learner[:8]
                lang = str(e.payload.get("lang", "en"))
                self.save(Profile(id=e.learner, name=name, created_ms=e.wall, lang=lang))
                known.add(e.learner)
                restored += 1
        return restored


def _from_doc(doc: dict | None) -> Profile | None:
    """A profile from its stored document; None for a document that is not one."""
    if not doc:
        return None
    try:
        return Profile(
            id=str(doc["id"]),
            name=str(doc["name"]),
            created_ms=int(doc.get("created_ms", 0)),
            lang=str(doc.get("lang", "en")),
            pin_hash=str(doc.get("pin_hash", "")),
            failed_tries=int(doc.get("failed_tries", 0)),
            locked_until_ms=int(doc.get("locked_until_ms", 0)),
        )
    except (KeyError, TypeError, ValueError):
        return None
