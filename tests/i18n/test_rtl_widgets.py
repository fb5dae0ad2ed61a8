"""Screen tests (Pilot) of the RTL widgets in both modes and in English."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Button

from tutor.i18n import set_language
from tutor.i18n.bidi import visual_lines
from tutor.i18n.rtl_mode import set_rtl_mode
from tutor.ui.widgets.rtl_markdown import LessonMarkdown
from tutor.ui.widgets.rtl_text import RtlLinesMixin, RtlStatic

SENTENCE = "Upwork پر میرا پہلا پروجیکٹ $25 کا تھا، فیس -5 ڈالر کٹی۔"
LESSON = """\
## پہلا قدم

یہ سبق فری لانسنگ کے بارے میں ہے۔ آپ سیکھیں گے کہ انٹرنیٹ پر کام کیسے تلاش کریں۔

**(اہم)** کِتاب سے زیادہ مشق۔

- پہلا نکتہ
"""


class UrduButton(RtlLinesMixin, Button):
    pass


class Harness(App):
    CSS = "Screen { layout: vertical; } RtlStatic { width: 100%; height: auto; }"

    def __init__(self, *widgets) -> None:
        super().__init__()
        self._widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self._widgets


def screen_lines(app: App) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_static_in_app_mode_matches_display_path() -> None:
    set_language("ur")
    app = Harness(RtlStatic(SENTENCE))
    async with app.run_test(size=(30, 6)) as pilot:
        await pilot.pause()
        assert screen_lines(app)[:2] == visual_lines(SENTENCE, 30, "app")


async def test_static_rewraps_on_resize() -> None:
    set_language("ur")
    app = Harness(RtlStatic(SENTENCE))
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        assert screen_lines(app)[:1] == visual_lines(SENTENCE, 60, "app")
        await pilot.resize_terminal(24, 8)
        await pilot.pause()
        expected = visual_lines(SENTENCE, 24, "app")
        assert len(expected) == 3
        assert screen_lines(app)[:3] == expected


async def test_static_in_terminal_mode_emits_logical_order() -> None:
    set_language("ur")
    set_rtl_mode("terminal")
    app = Harness(RtlStatic(SENTENCE))
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)[:2]
        assert " ".join(line.strip() for line in lines) == SENTENCE  # logical, unshaped
        assert lines == visual_lines(SENTENCE, 40, "terminal")
        assert lines[1].startswith(" ")  # right-aligned by padding, not reordered


async def test_english_interface_leaves_text_alone() -> None:
    app = Harness(RtlStatic("Start lesson"), RtlStatic(SENTENCE))
    async with app.run_test(size=(80, 4)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[0].startswith("Start lesson")
        assert lines[1].startswith(SENTENCE)


async def test_untranslated_english_in_urdu_interface_stays_ltr() -> None:
    set_language("ur")
    app = Harness(RtlStatic("5 lessons completed."))
    async with app.run_test(size=(30, 3)) as pilot:
        await pilot.pause()
        assert screen_lines(app)[0].startswith("5 lessons completed.")


async def test_lesson_markdown_urdu_blocks_and_bold_kept() -> None:
    set_language("ur")
    app = Harness(LessonMarkdown(LESSON))
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        lines = [line for line in screen_lines(app) if line.strip()]
        heading = visual_lines("پہلا قدم", 40, "app")[0]
        assert lines[0].strip() == heading.strip()
        assert lines[1].rstrip().endswith(visual_lines("یہ سبق", 10, "app")[0].strip())
        bold_line = next(line for line in lines if "(" in line)
        assert bold_line.rstrip().endswith("(ﻢﮨﺍ)")  # first word, at the right, mirrored
        bullet_line = lines[-1]
        assert bullet_line.rstrip().endswith("•")  # marker on the right in Urdu
        strips = app.screen._compositor.render_strips()
        bold = [
            seg.text
            for strip in strips
            for seg in strip
            if seg.style is not None and seg.style.bold and seg.text.strip()
        ]
        assert "".join(bold).strip() == "(ﻢﮨﺍ)"


async def test_lines_mixin_reorders_button_label_in_app_mode_only() -> None:
    set_language("ur")
    app = Harness(UrduButton("سبق شروع کریں"))
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert visual_lines("سبق شروع کریں", 13, "app")[0] in text
    set_rtl_mode("terminal")
    app = Harness(UrduButton("سبق شروع کریں"))
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert "سبق شروع کریں" in "\n".join(screen_lines(app))


async def test_english_fallback_lesson_in_urdu_interface_stays_ltr() -> None:
    set_language("ur")
    app = Harness(
        LessonMarkdown("## First step\n\nRead the job post twice.\n\n1. Fees\n2. Tests\n")
    )
    async with app.run_test(size=(40, 14)) as pilot:
        await pilot.pause()
        lines = [line for line in screen_lines(app) if line.strip()]
        assert lines[0].strip() == "First step"
        indent = len(lines[1]) - len(lines[1].lstrip())
        assert lines[1].lstrip().startswith("Read the job post twice.")
        assert indent <= 2  # left-aligned (Markdown's own padding only)
        assert lines[2][: indent + 4].lstrip().startswith("1.")


async def test_urdu_ordered_list_has_numbers_on_the_right() -> None:
    set_language("ur")
    app = Harness(LessonMarkdown("1. فیس\n2. ٹیسٹ\n"))
    async with app.run_test(size=(30, 6)) as pilot:
        await pilot.pause()
        lines = [line.rstrip() for line in screen_lines(app) if line.strip()]
        assert lines[0].endswith(".1") and lines[1].endswith(".2")


class LinkHost(App):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def compose(self) -> ComposeResult:
        yield LessonMarkdown("یہ [اگلا سبق](lesson:abc) پڑھیں")

    def on_markdown_link_clicked(self, event: LessonMarkdown.LinkClicked) -> None:
        self.links.append(event.href)


async def test_links_stay_clickable_after_reordering() -> None:
    set_language("ur")
    app = LinkHost()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        row = app.screen._compositor.render_strips()[0]
        x, link_cells = 0, []
        for seg in row:
            if seg.style is not None and seg.style.meta.get("@click"):
                link_cells.extend(range(x, x + len(seg.text)))
            x += len(seg.text)
        assert link_cells, "the link lost its click action"
        shown = row.text[link_cells[0] : link_cells[-1] + 1]
        assert shown == visual_lines("اگلا سبق", 8, "app")[0].strip()
        await pilot.click(offset=(link_cells[0], 0))
        await pilot.pause()
        assert app.links == ["lesson:abc"]


async def test_selection_only_allowed_for_english() -> None:
    app = Harness(RtlStatic("Start lesson"))
    async with app.run_test(size=(30, 3)) as pilot:
        await pilot.pause()
        widget = app.query_one(RtlStatic)
        assert widget.allow_select
        set_language("ur")
        assert not widget.allow_select


async def test_lesson_markdown_terminal_mode_is_logical_and_right_aligned() -> None:
    set_language("ur")
    set_rtl_mode("terminal")
    app = Harness(LessonMarkdown("یہ سبق فری لانسنگ کے بارے میں ہے۔ آپ کام تلاش کرنا سیکھیں گے۔"))
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        lines = [line for line in screen_lines(app) if line.strip()]
        assert " ".join(line.strip() for line in lines) == (
            "یہ سبق فری لانسنگ کے بارے میں ہے۔ آپ کام تلاش کرنا سیکھیں گے۔"
        )
        assert all(not any("\ufb50" <= ch <= "\ufeff" for ch in line) for line in lines)
        assert lines[-1].startswith("   ")  # short last line pushed to the right


def test_rtl_visual_reads_as_its_logical_text() -> None:
    from textual.content import Content

    from tutor.ui.widgets.rtl_text import RtlVisual

    assert str(RtlVisual(Content("✓ درست: سلام"), "app")) == "✓ درست: سلام"
