"""The whole display path for plain strings: shape, wrap logically, reorder, right-align."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tutor.i18n.bidi import shape, visual_lines, wrap_logical

LIGATURES = {chr(c) for c in range(0xFEF5, 0xFEFD)}


def unshaped(line: str) -> str:
    """Back from presentation forms to letters, in visual order (a ligature's letters are
    stored lam-then-alef, which on screen reads alef-then-lam from the left)."""
    out = []
    for ch in line:
        base = unicodedata.normalize("NFKC", ch)
        out.append(base[::-1] if ch in LIGATURES else base)
    return "".join(out)


PARAGRAPH = (
    "یہ سبق فری لانسنگ کے بارے میں ہے۔ آپ سیکھیں گے کہ انٹرنیٹ پر کام کیسے تلاش کریں، "
    "اپنی پروفائل کیسے بنائیں اور کِتاب سے زیادہ عملی مشق کیسے کریں۔"
)

# (logical text, width, expected lines as seen on a left-to-right terminal, unshaped)
TABLE = [
    # an English word at the start of an Urdu line ends up at the right edge
    ("Upwork پر پروفائل بنائیں", 30, ["      ںیئانب لئافورپ رپ Upwork"]),
    # $25 and a negative number stay readable
    ("فیس $25 ہے اور کٹوتی -5 ڈالر", 30, ["  رلاڈ -5 یتوٹک روا ےہ $25 سیف"]),
    # brackets around an English word, mirrored
    ("کام (Upwork) پر", 20, ["     رپ (Upwork) ماک"]),
]


def _strip_pad(lines: list[str]) -> list[str]:
    return [line.strip(" ") for line in lines]


@pytest.mark.parametrize(("text", "width", "expected"), TABLE)
def test_visual_lines_exact(text: str, width: int, expected: list[str]) -> None:
    lines = visual_lines(text, width, "app")
    assert [unshaped(line) for line in lines] == expected
    assert all(cell_len(line) == width for line in lines)


def test_harakat_wrap_keeps_marks_on_letters() -> None:
    lines = visual_lines("کِتاب اچّھی ہے", 8, "app")
    assert _strip_pad([unshaped(line) for line in lines]) == ["باتکِ", "ےہ یھچّا"]
    assert all(line.startswith(" ") for line in lines)  # right-aligned


def test_lam_alef_is_measured_after_shaping() -> None:
    # 10 letters but 9 cells once لا is one ligature: fits on one line of 9 cells
    lines = visual_lines("فری لانسنگ", 9, "app")
    assert len(lines) == 1
    assert "\ufefb" in lines[0]
    assert unshaped(lines[0]) == "گنسنال یرف"


def test_long_paragraph_starts_on_first_line_at_several_widths() -> None:
    for width in (20, 30, 45):
        lines = visual_lines(PARAGRAPH, width, "app")
        assert len(lines) > 3
        assert all(cell_len(line) == width for line in lines)
        # reading each line right to left, top to bottom gives the paragraph back
        words = []
        for line in lines:
            words.extend(unshaped(line).split()[::-1])
        assert [w[::-1] for w in words] == _reversed_clusters(PARAGRAPH.split())


def _reversed_clusters(words: list[str]) -> list[str]:
    """Each word as the display shows it reversed back: letters with marks kept after."""
    out = []
    for word in words:
        clusters: list[str] = []
        for ch in word:
            if clusters and unicodedata.category(ch) == "Mn":
                clusters[-1] += ch
            else:
                clusters.append(ch)
        out.append("".join(c[::-1] for c in clusters))
    return out


def test_rewrap_on_resize_changes_lines_not_words() -> None:
    wide = visual_lines(PARAGRAPH, 60, "app")
    narrow = visual_lines(PARAGRAPH, 25, "app")
    assert len(narrow) > len(wide)
    assert sorted(" ".join(wide).split()) == sorted(" ".join(narrow).split())


def test_terminal_mode_emits_logical_order_right_aligned() -> None:
    lines = visual_lines("Upwork پر میرا پہلا پروجیکٹ $25 کا تھا۔", 30, "terminal")
    assert [line.strip() for line in lines] == ["Upwork پر میرا پہلا پروجیکٹ", "$25 کا تھا۔"]
    assert all(cell_len(line) == 30 for line in lines)
    assert lines[1].startswith(" " * 10)


def test_english_text_is_left_aligned_and_unchanged() -> None:
    assert visual_lines("Start lesson", 15, "app", base_rtl=False) == ["Start lesson   "]


def test_unknown_mode_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown rtl mode"):
        visual_lines("سبق", 10, "both")


def test_wrap_cuts_overlong_word_without_splitting_marks() -> None:
    lines = wrap_logical("کِکِکِکِکِ", 3)
    assert "".join(lines) == "کِکِکِکِکِ"
    assert all(not unicodedata.combining(line[0]) for line in lines)


def test_shape_keeps_text_without_arabic() -> None:
    assert shape("Upwork $25") == "Upwork $25"


URDU_WORDS = st.sampled_from(
    ["سبق", "کام", "فری", "لانسنگ", "کِتاب", "اچّھی", "Upwork", "$25", "-5", "(اہم)", "لا", "۔"]
)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(URDU_WORDS, min_size=1, max_size=30), width=st.integers(6, 50))
def test_every_line_fits_and_no_word_is_lost(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = visual_lines(text, width, "app")
    assert all(cell_len(line) == width for line in lines)
    shown = sorted(unshaped(w) for line in lines for w in line.split())
    assert len(shown) == len(words)
