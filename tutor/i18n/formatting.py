"""Numbers, money, percentages and dates in the current language (Babel / CLDR).

Choices made for trainees (tested in ``tests/i18n/test_formatting.py``):

* Digits are Western (0-9) in both languages: CLDR's default for ``ur_PK`` and what
  Pakistani banks, JazzCash, Easypaisa and the platforms show.
* In Urdu every number that can start with a sign, and every amount, begins with a
  LEFT-TO-RIGHT MARK. CLDR defines the Urdu minus sign with that mark but Babel drops it, and
  without it ``-5`` inside an Urdu sentence shows as ``5-`` and ``$25`` as ``25$``.
* Rupees are written ``Rs 5,000`` (no paisa for whole amounts; a no-break space because
  CLDR's ``Rs5,000`` reads as one word). Dollars keep cents like the platforms:
  ``$25.00``; never ``US$``.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from babel import dates as _dates
from babel import numbers as _numbers

from tutor.i18n.catalog import current_language

LRM = "\u200e"
NBSP = "\u00a0"
LOCALES = {"en": "en_PK", "ur": "ur_PK"}
CURRENCIES = ("PKR", "USD")

Number = int | float | Decimal


def babel_locale(lang: str | None = None) -> str:
    """The CLDR locale for a tutor language (``en`` -> ``en_PK``)."""
    return LOCALES.get(lang or current_language(), "en_PK")


def _directional(text: str, lang: str | None) -> str:
    """Keep a number left to right inside Urdu text (see the module docstring)."""
    return LRM + text if (lang or current_language()) == "ur" else text


def format_number(value: int, lang: str | None = None) -> str:
    """A whole number with grouping: ``1,234``."""
    return _directional(_numbers.format_decimal(value, locale=babel_locale(lang)), lang)


def format_decimal(value: Number, digits: int = 2, lang: str | None = None) -> str:
    """A number with at most ``digits`` decimals: ``1,234.5``."""
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    text = _numbers.format_decimal(value, format=pattern, locale=babel_locale(lang))
    return _directional(text, lang)


def format_percent(value: Number, lang: str | None = None) -> str:
    """A fraction as a percentage: ``0.1`` -> ``10%``."""
    return _directional(_numbers.format_percent(value, locale=babel_locale(lang)), lang)


def format_money(amount: Number, currency: str, lang: str | None = None) -> str:
    """``Rs 5,000`` or ``$25.00``; negative amounts as ``-Rs 500`` / ``-$25.00``."""
    if currency not in CURRENCIES:
        raise ValueError(f"currency must be one of {CURRENCIES}, not {currency!r}")
    locale = babel_locale(lang)
    value = Decimal(str(amount))
    sign = "-" if value < 0 else ""
    value = abs(value)
    if currency == "USD":
        text = f"{sign}${_numbers.format_decimal(value, format='#,##0.00', locale=locale)}"
    else:
        pattern = "#,##0" if value == value.to_integral_value() else "#,##0.00"
        text = f"{sign}Rs{NBSP}{_numbers.format_decimal(value, format=pattern, locale=locale)}"
    return _directional(text, lang)


def format_date(value: _dt.date, length: str = "medium", lang: str | None = None) -> str:
    """A date: ``14 Mar 2025`` / ``14 مارچ، 2025`` (``length`` short|medium|long|full)."""
    text = _dates.format_date(value, format=length, locale=babel_locale(lang))
    return _directional(text, lang) if length == "short" else text
