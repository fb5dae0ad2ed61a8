"""The lessons of one module, each marked done, started or new in words, not colour alone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.domain.progress import LessonProgress
from tutor.i18n import N_, _, current_language
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


def lesson_status(lp: LessonProgress) -> str:
    if lp.completed:
        return "✓ " + _("done")
    if lp.sections_read:
        return "… " + _("started")
    return "· " + _("new")


class ModuleScreen(TutorScreen):
    TITLE_MSGID = N_("Freelancing tutor")
    HELP = N_("Choose a lesson with the arrow keys and press Enter. Escape goes back.")
    BINDINGS = [Binding("escape", "back", N_("Back"), id="module.back")]

    def __init__(self, module_id: str) -> None:
        super().__init__()
        self.module_id = module_id

    def compose_body(self) -> ComposeResult:
        cur = self.app.curriculum  # type: ignore[attr-defined]
        lang = current_language()
        module = next(m for m in cur.modules if m.id == self.module_id)
        progress = self.app.journal_progress()  # type: ignore[attr-defined]
        options = []
        for number, lesson_id in enumerate(cur.lesson_ids(self.module_id), 1):
            found = cur.get(lesson_id, lang)
            if found is None:
                continue
            lesson = found[0]
            status = lesson_status(progress.lesson(lesson_id))
            minutes = _("{n} min").format(n=lesson.minutes)
            options.append(
                Option(f"{number}. {lesson.title}\n   {status} · {minutes}", id=lesson_id)
            )
        with Vertical():
            yield RtlStatic(module.title(lang), classes="title")
            yield RtlOptionList(*options, id="lessons")

    def action_back(self) -> None:
        self.dismiss()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_lesson(event.option.id)  # type: ignore[attr-defined]

    async def on_screen_resume(self) -> None:
        await self.recompose_keeping_focus()

    async def curriculum_loaded(self) -> None:
        await self.recompose_keeping_focus()
