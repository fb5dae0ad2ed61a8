"""Translation for everything a user reads.

``_("text")`` returns the text in the current language. The current language is process
wide because a shared PC has one person at the keyboard at a time; switching profile or
pressing the language key calls :func:`set_language`.

Catalogs are gettext ``.po`` files under ``locales/``; see ``docs/translating.md``.
"""

from __future__ import annotations

from tutor.i18n.catalog import (
    LANGUAGES,
    current_language,
    gettext,
    gettext_in,
    is_rtl,
    ngettext,
    set_language,
)

_ = gettext


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (class-level texts)."""
    return message


__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "gettext",
    "gettext_in",
    "is_rtl",
    "ngettext",
    "set_language",
]
