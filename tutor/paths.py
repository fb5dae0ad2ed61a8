"""Where the tutor keeps its data.

Default: the platform's user data folder (platformdirs). ``--home DIR`` or the
``TUTOR_HOME`` environment variable override it, for tests and for a portable install
on a USB stick. Nothing here creates folders at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "tutor"
HOME_ENV = "TUTOR_HOME"


def resolve_home(cli_home: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--home`` wins, then ``TUTOR_HOME``, then the platform default."""
    if cli_home:
        return Path(cli_home).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """The files and folders inside one data folder."""

    home: Path

    @property
    def events(self) -> Path:
        """Folder of event-log segments."""
        return self.home / "events"

    @property
    def state(self) -> Path:
        """TinyDB file for profiles, settings and other small mutable state."""
        return self.home / "state.json"

    @property
    def device(self) -> Path:
        """This PC's identity file (device id), made once."""
        return self.home / "device.json"

    @property
    def packs(self) -> Path:
        """Installed lesson packs."""
        return self.home / "packs"

    @property
    def outbox(self) -> Path:
        """Sync batches built and waiting to be sent."""
        return self.home / "outbox"

    @property
    def cache(self) -> Path:
        """Things that can be rebuilt at any time (parsed lessons); safe to delete."""
        return self.home / "cache"

    @property
    def lock(self) -> Path:
        return self.home / "tutor.lock"


def bundled_dir(name: str) -> Path:
    """A folder shipped with the tutor (``lessons`` or ``locales``).

    In a wheel they live in ``tutor/_bundled/``; in a source checkout (editable install)
    they are at the repository's top level.
    """
    pkg = Path(__file__).resolve().parent
    inside = pkg / "_bundled" / name
    if inside.is_dir():
        return inside
    return pkg.parent / name
