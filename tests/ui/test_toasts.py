"""Toasts in Urdu read right to left: Textual's toast does no bidi, so the app does it."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tutor.i18n import set_language
from tutor.i18n.bidi import shape
from tutor.i18n.rtl_mode import get_rtl_mode, set_rtl_mode
from tutor.ui.widgets.rtl_widgets import toast_text

MESSAGE = "ڈسک بھری ہوئی ہے۔ کچھ جگہ خالی کریں، پھر دوبارہ کوشش کریں۔ آپ کا کام محفوظ ہے۔"


@pytest.fixture
def urdu_app_mode():
    previous = get_rtl_mode()
    set_language("ur")
    set_rtl_mode("app")
    yield
    set_rtl_mode(previous)
    set_language("en")


def test_urdu_toast_is_wrapped_then_each_line_reordered_to_the_right(urdu_app_mode) -> None:
    lines = toast_text(MESSAGE, 80).split("\n")
    width = 40 - 3  # half of 80 columns, less the toast's padding and border
    assert len(lines) > 1
    assert all(cell_len(line) == width for line in lines)  # padded on the left: right-aligned
    first_word = MESSAGE.split()[0]
    assert lines[0].rstrip().endswith(shape(first_word)[::-1])  # read from the right edge


def test_english_and_terminal_bidi_messages_are_left_alone(urdu_app_mode) -> None:
    assert toast_text("Disk full", 80) == "Disk full"  # an English fallback stays LTR
    set_rtl_mode("terminal")
    assert toast_text(MESSAGE, 80) == MESSAGE  # the terminal reorders it itself
    set_language("en")
    set_rtl_mode("app")
    assert toast_text(MESSAGE, 80) == MESSAGE  # English interface: not our layout


async def test_app_notify_shows_the_laid_out_text(run_app, urdu_app_mode) -> None:
    async with run_app(size=(80, 24)) as (app, pilot):
        set_language("ur")
        app.notify(MESSAGE + " [b]", severity="error")
        await pilot.pause()
        shown = list(app._notifications)[-1]
        assert shown.message == toast_text(MESSAGE + " [b]", 80)
        assert shown.markup is False  # a reordered "]b[" must not be read as markup
