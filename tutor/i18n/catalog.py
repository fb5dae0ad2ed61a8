"""gettext catalogs: load the ``.mo`` compiled at install, or the ``.po`` in a checkout."""

from __future__ import annotations

import gettext as _gettext
import io
from pathlib import Path

from tutor.paths import bundled_dir

LANGUAGES: dict[str, str] = {"en": "English", "ur": "اردو"}
DOMAIN = "tutor"

_state: dict[str, object] = {"lang": "en", "tr": _gettext.NullTranslations()}
_cache: dict[str, _gettext.NullTranslations] = {}


def _load(lang: str) -> _gettext.NullTranslations:
    """Translations for ``lang``; English (the msgids) when there is no catalog."""
    if lang in _cache:
        return _cache[lang]
    base = bundled_dir("locales") / lang / "LC_MESSAGES"
    tr: _gettext.NullTranslations = _gettext.NullTranslations()
    mo, po = base / f"{DOMAIN}.mo", base / f"{DOMAIN}.po"
    # In a wheel the .mo was compiled from the .po at build time; in a checkout a .po
    # edited after the last compile wins.
    in_wheel = "_bundled" in base.parts
    try:
        if mo.is_file() and (
            in_wheel or not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime
        ):
            with mo.open("rb") as fh:
                tr = _gettext.GNUTranslations(fh)
        elif po.is_file() and lang != "en":  # English msgids are the English text
            tr = _compile_po(po)
    except (OSError, ValueError):
        tr = _gettext.NullTranslations()
    _cache[lang] = tr
    return tr


def _compile_po(po: Path) -> _gettext.GNUTranslations:
    """Compile a ``.po`` in memory (source checkouts, where no ``.mo`` was built)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def set_language(lang: str) -> None:
    """Switch every later ``_()`` call to ``lang`` (unknown codes fall back to English)."""
    if lang not in LANGUAGES:
        lang = "en"
    _state["lang"] = lang
    _state["tr"] = _load(lang)


def current_language() -> str:
    return str(_state["lang"])


def gettext_in(lang: str, message: str) -> str:
    """``message`` in ``lang`` whatever the current language (bilingual screens)."""
    return _load(lang if lang in LANGUAGES else "en").gettext(message)


def is_rtl(lang: str | None = None) -> bool:
    return (lang or current_language()) == "ur"


def gettext(message: str) -> str:
    tr = _state["tr"]
    assert isinstance(tr, _gettext.NullTranslations)
    return tr.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    tr = _state["tr"]
    assert isinstance(tr, _gettext.NullTranslations)
    return tr.ngettext(singular, plural, n)
