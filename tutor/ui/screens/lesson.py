"""The lesson reader: one section at a time, next/previous, a progress indicator.

Each section shown is recorded (``section.read``), so reopening the lesson resumes there.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, ProgressBar, Static

from tutor.domain import events as ev
from tutor.domain.lesson import Lesson
from tutor.domain.progress import section_index
from tutor.i18n import N_, _, current_language
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_markdown import LessonMarkdown
from tutor.ui.widgets.rtl_text import RtlStatic

PRACTICE_BID = "practice:bid"  # the lesson link that opens the bid simulator


class LessonScreen(TutorScreen):
    HELP = N_(
        "Right arrow or N: next section. Left arrow or P: previous section. After the last "
        "section comes the quiz. Escape: back to the lessons. Your place is saved as you read."
    )
    BINDINGS = [
        Binding("right,n", "next", N_("Next"), id="lesson.next"),
        Binding("left,p", "previous", N_("Previous"), id="lesson.previous"),
        Binding("g", "glossary", N_("Glossary"), id="lesson.glossary"),
        Binding("b", "practice_bid", N_("Bid practice"), id="lesson.practice_bid"),
        Binding("escape", "back", N_("Back"), id="lesson.back"),
    ]

    def __init__(self, lesson_id: str, section_id: str | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.start_section = section_id
        self.index = 0

    def lesson(self) -> tuple[Lesson, bool]:
        found = self.app.curriculum.get(self.lesson_id, current_language())  # type: ignore[attr-defined]
        assert found is not None, self.lesson_id
        return found

    def compose_body(self) -> ComposeResult:
        lesson, fallback = self.lesson()
        if fallback and current_language() != "en":
            yield RtlStatic(
                _("This lesson is not yet available in Urdu; here it is in English."),
                id="fallback",
                classes="notice",
            )
        yield RtlStatic(self._position_text(lesson), id="position")
        yield ProgressBar(
            total=len(lesson.sections), show_eta=False, show_percentage=False, id="progress"
        )
        with VerticalScroll(id="reader"):
            yield LessonMarkdown(self._section_markdown(lesson), id="section", open_links=False)

    def on_mount(self) -> None:
        lesson, _fallback = self.lesson()
        self.title = lesson.title
        ids = [s.id for s in lesson.sections]
        self.index = section_index(ids, self.start_section)
        self.app.record(ev.LESSON_OPENED, {"lesson": self.lesson_id})  # type: ignore[attr-defined]
        self._show()

    def _position_text(self, lesson: Lesson) -> str:
        return _("Section {n} of {total}").format(n=self.index + 1, total=len(lesson.sections))

    def _section_markdown(self, lesson: Lesson) -> str:
        section = lesson.sections[self.index]
        intro = lesson.intro + "\n\n" if self.index == 0 and lesson.intro.strip() else ""
        return f"{intro}## {section.title}\n\n{section.body}"

    def _show(self) -> None:
        lesson, _fallback = self.lesson()
        section = lesson.sections[self.index]
        self.query_one("#section", Markdown).update(self._section_markdown(lesson))
        self.query_one("#position", Static).update(self._position_text(lesson))
        self.query_one("#progress", ProgressBar).update(progress=self.index + 1)
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()  # B shows only on sections that link to the simulator
        self.app.record(  # type: ignore[attr-defined]
            ev.SECTION_READ,
            {
                "lesson": self.lesson_id,
                "section": section.id,
                "index": self.index,
                "of": len(lesson.sections),
            },
        )

    def action_next(self) -> None:
        lesson, _fallback = self.lesson()
        if self.index + 1 < len(lesson.sections):
            self.index += 1
            self._show()
        else:
            self.app.finish_reading(self.lesson_id)  # type: ignore[attr-defined]

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()

    def action_back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """B (bid practice) is offered only on a section that links to the simulator."""
        if action == "practice_bid":
            return PRACTICE_BID in self._section_body()
        return True

    def _section_body(self) -> str:
        lesson, _fallback = self.lesson()
        return lesson.sections[self.index].body

    def action_practice_bid(self) -> None:
        self.app.open_simulator()  # type: ignore[attr-defined]

    def action_glossary(self) -> None:
        from tutor.ui.screens.glossary import GlossaryScreen, terms_in

        lesson, _fallback = self.lesson()
        self.app.push_screen(GlossaryScreen(terms_in(lesson.sections[self.index].body)))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Glossary links open the term; lesson links open that lesson; others do nothing."""
        from tutor.ui.screens.glossary import TermDialog

        href = event.href
        if href.startswith("glossary:"):
            glossary = self.app.glossary  # type: ignore[attr-defined]
            term = glossary.get(href.split(":", 1)[1]) if glossary else None
            if term is not None:
                self.app.push_screen(TermDialog(term))
        elif href == PRACTICE_BID:
            self.action_practice_bid()
        elif href.startswith("lesson:"):
            target = href.split(":", 1)[1]
            lesson_id, _sep, section_id = target.partition("#")
            if self.app.curriculum.get(lesson_id, current_language()):  # type: ignore[attr-defined]
                self.app.open_lesson(lesson_id, section_id or None)  # type: ignore[attr-defined]

    async def refresh_language(self) -> None:
        await self.recompose()
        lesson, _fallback = self.lesson()
        self.title = lesson.title
        self.query_one("#progress", ProgressBar).update(progress=self.index + 1)
