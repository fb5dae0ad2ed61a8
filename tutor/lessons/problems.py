"""Problems found in a lesson tree: where (file, line), what (a stable code) and why.

Lesson writers read these in English and in Urdu whatever language the tutor is set to, so
a problem carries both texts; the wording lives in :mod:`tutor.lessons.messages`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from tutor.lessons.messages import MESSAGES

ERROR = "error"
WARNING = "warning"

_SHOWN_MAX = 60  # longest piece of a writer's text echoed back in a message


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a lesson tree. ``line`` is 1-based; 0 means the whole file/folder."""

    file: str
    line: int
    code: str
    message_en: str
    message_ur: str
    severity: str  # ERROR or WARNING

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def shown(value: object) -> str:
    """A safe, short rendering of text taken from a file, for use inside a message.

    Files may hold anything (terminal escape codes, megabytes on one line), and a message
    echoes part of them back to a terminal, so control characters are replaced and the
    text is cut short.
    """
    text = value if isinstance(value, str) else repr(value)
    if len(text) > _SHOWN_MAX:
        text = text[: _SHOWN_MAX - 1] + "…"
    return "".join("\N{REPLACEMENT CHARACTER}" if _is_control(ch) else ch for ch in text)


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200c\u200d"


def problem(code: str, file: str, line: int, **args: object) -> Problem:
    """Build a problem from its code; ``args`` fill the message in both languages."""
    severity, en, ur = MESSAGES[code]
    safe = {key: value if isinstance(value, int) else shown(value) for key, value in args.items()}
    return Problem(
        file=file,
        line=line,
        code=code,
        message_en=en.format(**safe),
        message_ur=ur.format(**safe),
        severity=severity,
    )


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
