"""Why a pack was refused, in words a trainer can act on."""

from __future__ import annotations


class PackError(Exception):
    """A pack could not be built, verified, installed or rolled back.

    ``code`` is stable (tests and logs); the message is translated for the trainer.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
