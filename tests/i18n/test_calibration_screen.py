"""The calibration screen: one sentence both ways, keyboard only, result per choice."""

from __future__ import annotations

import pytest
from textual.app import App

from tutor.i18n import set_language
from tutor.i18n.bidi import visual_lines
from tutor.i18n.rtl_mode import set_rtl_mode
from tutor.ui.screens.calibration import SAMPLE, CalibrationScreen
from tutor.ui.widgets.rtl_text import RtlStatic


class Host(App):
    def __init__(self, screen: CalibrationScreen) -> None:
        super().__init__()
        self._screen = screen
        self.results: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(self._screen, self.results.append)


def _text(app: App) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("lang", ["en", "ur"])
async def test_shows_sample_both_ways_whatever_the_mode(lang: str) -> None:
    set_language(lang)
    set_rtl_mode("terminal")
    app = Host(CalibrationScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        samples = list(app.screen.query(".sample").results(RtlStatic))
        assert [s.rtl_mode_override for s in samples] == ["app", "terminal"]
        width = samples[0].content_size.width
        text = _text(app)
        for line in visual_lines(SAMPLE, width, "app"):
            assert line.strip() in text
        assert SAMPLE in text  # box 2: logical order, untouched


@pytest.mark.parametrize(("key", "expected"), [("1", "app"), ("2", "terminal")])
async def test_number_keys_choose(key: str, expected: str) -> None:
    app = Host(CalibrationScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert app.results == [expected]


async def test_tab_and_enter_choose_a_button() -> None:
    app = Host(CalibrationScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "choose-app"
        await pilot.press("tab")
        assert app.focused.id == "choose-terminal"
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["terminal"]


async def test_escape_keeps_current_setting() -> None:
    app = Host(CalibrationScreen(current="terminal"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == ["terminal"]


async def test_urdu_prompt_is_in_both_boxes() -> None:
    app = Host(CalibrationScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        prompts = [p.content for p in app.screen.query(".prompt").results(RtlStatic)]
        assert len(prompts) == 2
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in p) for p in prompts)
        assert "1" in prompts[0] and "2" in prompts[1]
