"""Shaping with arabic-reshaper, around its faults (RTL.md §3.4)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tutor.i18n import bidi
from tutor.i18n.bidi import shape, shape_pieces


def _bidi_reshape(text: str) -> str:
    """arabic-reshaper on the whole text at once, lam-alef alef dropped like ours."""
    return bidi._reshaper().reshape(text)


def test_harakat_are_kept() -> None:
    # arabic-reshaper deletes them by default; zer (U+0650) must survive after its letter
    assert shape("کِتاب") == "\ufb90\u0650\ufe98\ufe8e\ufe8f"


def test_shadda_and_zabar_kept_after_their_letter() -> None:
    assert shape("بَّ") == "\ufe8f\u064e\u0651"


def test_lam_alef_becomes_one_cell() -> None:
    assert cell_len("سلام") == 4
    shaped = shape("سلام")
    assert shaped == "\ufeb3\ufefc\ufee1"
    assert cell_len(shaped) == 3


def test_lam_alef_with_harakat_between_keeps_the_mark() -> None:
    pieces = shape_pieces("لَا")
    assert pieces == ["\ufefb", "\u064e", ""]


def test_pieces_line_up_with_logical_characters() -> None:
    text = "Upwork پر کام کِیا، سلام! لا"
    pieces = shape_pieces(text)
    assert len(pieces) == len(text)
    assert pieces[:6] == list("Upwork")


def test_allah_ligature_is_not_used() -> None:
    assert "\ufdf2" not in shape("الله")


def test_heh_goal_hamza_joins_instead_of_breaking() -> None:
    # ۂ has no presentation forms; shaped as ہ + hamza above so the ک before it joins
    shaped = shape("کۂ")
    assert shaped[0] == "\ufb90"  # initial kaf, joined
    assert shaped.endswith("\u0654")


def test_teh_marbuta_goal_joins() -> None:
    shaped = shape("نسبۃ")  # after ب, which joins on both sides
    assert shaped[-1] == "\ufe94"  # final form of ة


def test_unexpected_reshaper_output_falls_back_to_unshaped(monkeypatch) -> None:
    class Broken:
        def reshape(self, text: str) -> str:
            return text[:-1]

    monkeypatch.setattr(bidi, "_reshaper", lambda: Broken())
    bidi._shape_word.cache_clear()
    try:
        assert shape_pieces("سبق") == ["س", "ب", "ق"]
    finally:
        bidi._shape_word.cache_clear()  # no broken shapes left for other tests


def test_words_are_shaped_separately_with_the_same_result() -> None:
    text = "Upwork پر کام کِیا، سلام! لا  دو"
    whole = _bidi_reshape(text)
    assert shape(text) == whole


@pytest.mark.parametrize("word", sorted(bidi.PRESHAPED))
def test_preshaped_words_match_the_reshaper(word: str) -> None:
    """The table that spares an English start the reshaper must say what it would say."""
    from arabic_reshaper import ArabicReshaper

    reshaped = ArabicReshaper(configuration=bidi._RESHAPER_CONFIG).reshape(word)
    assert "".join(bidi.PRESHAPED[word]) == reshaped
    assert len(bidi.PRESHAPED[word]) == len(word)  # one piece per logical character
