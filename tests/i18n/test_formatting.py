"""Numbers, money, dates and plurals follow the language (Babel / CLDR)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel import Locale

from tutor.i18n import set_language
from tutor.i18n.bidi import shape, visual_line, visual_lines
from tutor.i18n.formatting import (
    LRM,
    NBSP,
    format_date,
    format_decimal,
    format_money,
    format_number,
    format_percent,
)


def test_english_numbers_and_money() -> None:
    assert format_number(1234567) == "1,234,567"
    assert format_decimal(-5.256) == "-5.26"
    assert format_percent(0.1) == "10%"
    assert format_money(25, "USD") == "$25.00"
    assert format_money(-25, "USD") == "-$25.00"
    assert format_money(5000, "PKR") == f"Rs{NBSP}5,000"
    assert format_money(Decimal("1234.5"), "PKR") == f"Rs{NBSP}1,234.50"


def test_urdu_uses_western_digits_and_a_leading_lrm() -> None:
    set_language("ur")
    assert format_number(1234567) == LRM + "1,234,567"
    assert format_decimal(-5) == LRM + "-5"
    assert format_percent(0.256) == LRM + "26%"
    assert format_money(5000, "PKR") == f"{LRM}Rs{NBSP}5,000"
    assert format_money(-25, "USD") == f"{LRM}-$25.00"


def test_language_argument_overrides_current_language() -> None:
    set_language("ur")
    assert format_number(5, lang="en") == "5"


def test_dates_follow_the_language() -> None:
    day = dt.date(2025, 3, 14)
    assert format_date(day) == "14-Mar-2025"
    set_language("ur")
    assert format_date(day) == "14 مارچ، 2025"
    assert format_date(day, "full") == "جمعہ، 14 مارچ، 2025"


def test_unknown_currency_is_refused() -> None:
    with pytest.raises(ValueError, match="currency"):
        format_money(5, "EUR")


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [(-25, "USD", "-$25.00"), (-500, "PKR", f"-Rs{NBSP}500"), (25, "USD", "$25.00")],
)
def test_negative_amounts_stay_correct_inside_urdu_sentence(amount, currency, shown) -> None:
    set_language("ur")
    sentence = f"آپ کا بیلنس {format_money(amount, currency)} ہے"
    for mode in ("app", "terminal"):
        (line,) = visual_lines(sentence, 60, mode)
        assert shown in line.replace(LRM, "")
    (line,) = visual_lines(sentence, 60, "app")
    # in app mode the amount sits between the reversed words, minus in front
    assert line.strip().startswith(visual_line(shape("ہے")) + " " + shown)


def test_urdu_plural_rule_is_one_and_other() -> None:
    rule = Locale.parse("ur_PK").plural_form
    assert [rule(n) for n in (0, 1, 2, 5)] == ["other", "one", "other", "other"]
