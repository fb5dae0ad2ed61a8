"""Reordering one line: the table of RTL.md §3.4 (ICU's output is the reference)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.i18n.bidi import _all_rtl, _reversed_rtl, _uba_order, has_rtl, visual_line, visual_order

# (logical, ICU writeReordered(DO_MIRRORING | KEEP_BASE_COMBINING), base RTL)
ICU_TABLE = [
    # zer must stay on کـ (python-bidi's Rust get_display moves it to ت)
    ("کِتاب", "باتکِ"),
    # brackets around an English word are mirrored (Rust get_display does not)
    ("کام (Upwork) پر", "رپ (Upwork) ماک"),
    # bracket pair rule N0 (python-bidi's pure-Python module lacks it)
    ("پر Upwork (freelance) کام", "ماک Upwork (freelance) رپ"),
    # brackets, a number with grouping, an amount and a tanween together
    ("قیمت 7,000 روپے (تقریباً $25) ہے", "ےہ (25$ اًبیرقت) ےپور 7,000 تمیق"),
    # isolates (python-bidi's pure-Python module asserts); controls are not drawn
    ("فیس \u2066$25\u2069 ہے", "ےہ $25 سیف"),
]


@pytest.mark.parametrize(("logical", "expected"), ICU_TABLE)
def test_matches_icu_reference(logical: str, expected: str) -> None:
    assert visual_line(logical) == expected


def test_shadda_and_zabar_stay_after_their_letter() -> None:
    # اچّھا: shadda on چ; reversed clusters keep "چّ" together
    assert visual_line("اچّھا") == "اھچّا"
    assert visual_line("بَات") == "تابَ"


def test_english_word_at_start_of_urdu_line_goes_right() -> None:
    assert visual_line("Upwork پر کام") == "ماک رپ Upwork"


def test_negative_number_plain_uba_and_kept_ltr() -> None:
    # Plain UBA puts the minus after the digits; the display path keeps it in front.
    assert visual_line("فیس -5 ہے") == "ےہ 5- سیف"
    assert visual_line("فیس -5 ہے", keep_numbers_ltr=True) == "ےہ -5 سیف"


@pytest.mark.parametrize(
    ("logical", "expected"),
    [
        ("فیس $25 ہے", "ےہ $25 سیف"),
        ("فیس 10% ہے", "ےہ 10% سیف"),
        ("قیمت Rs 5,000 ہے", "ےہ Rs 5,000 تمیق"),
        ("فیس \u200e-$25.00 ہے", "ےہ -$25.00 سیف"),
    ],
)
def test_amounts_read_left_to_right_inside_urdu(logical: str, expected: str) -> None:
    assert visual_line(logical, keep_numbers_ltr=True) == expected


def test_two_amounts_apart_keep_their_order_in_urdu() -> None:
    # "week 6 of 8 · 2 reviews": each number is its own unit, read from the right as
    # 6, 8, 2 (kept numbers must not pull the dot between them into one LTR run).
    assert visual_line("ہفتہ 6 از 8 · 2 ریویوز", keep_numbers_ltr=True) == (
        "زویویر 2 · 8 زا 6 ہتفہ"
    )
    assert visual_line("فیس $5 یا 10%", keep_numbers_ltr=True) == "10% ای $5 سیف"


def test_ltr_base_keeps_english_order_and_reverses_urdu_run() -> None:
    assert visual_line("Lesson سبق one", base_rtl=False) == "Lesson قبس one"


def test_nested_brackets_mirror_only_at_odd_levels() -> None:
    assert visual_line("(الف [ب])") == "([ب] فلا)"
    assert visual_line("(a [b])", base_rtl=False) == "(a [b])"


def test_bidi_controls_are_dropped_from_output() -> None:
    order = visual_order("\u200fسب\u200e")
    assert [i for i, _ in order] == [2, 1]


def test_empty_and_whitespace_lines() -> None:
    assert visual_line("") == ""
    assert visual_line("   ") == "   "


def test_has_rtl_tells_urdu_from_english_fallback() -> None:
    assert has_rtl("Upwork پر")
    assert not has_rtl("5 lessons completed")


RTL_ONLY = st.text(
    alphabet=st.sampled_from(list("سبقکِتاّبَ لا،۔()[]«»!\u200c")), min_size=0, max_size=40
)


@settings(max_examples=200, deadline=None)
@given(RTL_ONLY)
def test_fast_path_for_pure_urdu_equals_full_algorithm(text: str) -> None:
    assert _all_rtl(text)
    assert _reversed_rtl(text) == _uba_order(text, True, False)
