"""The quiz at the end of a lesson.

Feedback says right or wrong in words and with ✓/✗ (never colour alone) and shows the
explanation written for every option, so a wrong answer still teaches.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.domain import events as ev
from tutor.domain.lesson import Lesson, Question
from tutor.domain.quiz import Feedback, grade, result
from tutor.i18n import N_, _, current_language
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


def verdict_text(fb: Feedback) -> str:
    """Right or wrong in words and with a mark, never by colour alone."""
    if fb.correct:
        return "✓ " + _("Correct!")
    right = ", ".join(str(i + 1) for i in fb.correct_indexes)
    return "✗ " + _("Not quite. The right answer is {n}.").format(n=right)


def feedback_text(question: Question, fb: Feedback) -> str:
    """Every option with ✓ or ✗, "your answer", and its explanation.

    The verdict itself is not repeated here: it stands beside "Next", which is always
    scrolled into view, so it is seen once on any screen size.
    """
    lines = []
    for i, option in enumerate(question.options):
        mark = "✓" if option.correct else "✗"
        mine = "  ← " + _("your answer") if i == fb.choice else ""
        lines.append(f"{mark} {i + 1}. {option.text}{mine}\n   {option.why}")
    return "\n\n".join(lines)


class QuizScreen(TutorScreen):
    HELP = N_(
        "Choose an answer with the arrow keys or its number and press Enter. Then read why "
        "each answer is right or wrong and press Enter for the next question."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="quiz.back"),
        Binding("pageup", "scroll(-1)", show=False, id="quiz.page_up"),
        Binding("pagedown", "scroll(1)", show=False, id="quiz.page_down"),
        *[Binding(str(n), f"choose({n})", show=False, id=f"quiz.choose{n}") for n in range(1, 7)],
    ]

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.number = 0
        self.answers: list[Feedback] = []
        self.current: Feedback | None = None  # set while feedback is shown

    def lesson(self) -> Lesson:
        found = self.app.curriculum.get(self.lesson_id, current_language())  # type: ignore[attr-defined]
        assert found is not None
        return found[0]

    def compose_body(self) -> ComposeResult:
        """The same widgets for every step; ``_show_step`` fills them (cheaper than rebuilding)."""
        with VerticalScroll(id="quiz", can_focus=False):
            yield RtlStatic(id="position")
            yield RtlStatic(id="prompt", classes="title")
            yield RtlStatic(id="feedback")
            yield RtlStatic(id="summary")
            # the verdict stands beside "Next" so it shows on a 24-line screen too
            yield RtlStatic(id="verdict", classes="title")
            yield RtlOptionList(id="choices")

    def _show_step(self) -> None:
        lesson = self.lesson()
        finished = self.number >= len(lesson.quiz)
        feedback = None if finished else self.current
        show = {
            "position": not finished,
            "prompt": not finished,
            "summary": finished,
            "feedback": feedback is not None,
            "verdict": feedback is not None,
        }
        for widget_id, visible in show.items():
            self.query_one(f"#{widget_id}", Static).display = visible
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        if finished:
            self.query_one("#summary", Static).update(self._summary_text())
            choices.add_option(Option(_("Back to the lessons"), id="done"))
        else:
            question = lesson.quiz[self.number]
            self.query_one("#position", Static).update(
                _("Question {n} of {total}").format(n=self.number + 1, total=len(lesson.quiz))
            )
            self.query_one("#prompt", Static).update(question.prompt)
            if feedback is None:
                choices.add_options(
                    Option(f"{i + 1}. {o.text}", id=str(i)) for i, o in enumerate(question.options)
                )
            else:
                self.query_one("#feedback", Static).update(feedback_text(question, feedback))
                self.query_one("#verdict", Static).update(verdict_text(feedback))
                last = self.number + 1 >= len(lesson.quiz)
                label = _("See my result") if last else _("Next question")
                choices.add_option(Option(label, id="next"))
        choices.highlighted = 0
        if not choices.has_focus:
            choices.focus()
        self.query_one("#quiz", VerticalScroll).scroll_home(animate=False)
        if feedback is not None:  # after the new text is laid out, or it scrolls too little
            self.call_after_refresh(choices.scroll_visible, animate=False)

    def on_mount(self) -> None:
        self.title = self.lesson().title
        self._show_step()

    async def refresh_language(self) -> None:
        await self.recompose()
        self.title = self.lesson().title
        self._show_step()

    def action_scroll(self, pages: int) -> None:
        scroller = self.query_one("#quiz", VerticalScroll)
        scroller.scroll_relative(y=pages * max(1, scroller.size.height - 2), animate=False)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == "done":
            self.dismiss()
        elif option_id == "next":
            self.current = None
            self.number += 1
            if self.number >= len(self.lesson().quiz):
                self._finish()
            self._show_step()
        elif option_id.isdigit():
            await self.answer(int(option_id))

    async def action_choose(self, n: int) -> None:
        if self.current is None and self.number < len(self.lesson().quiz):
            question = self.lesson().quiz[self.number]
            if n <= len(question.options):
                await self.answer(n - 1)

    async def answer(self, choice: int) -> None:
        question = self.lesson().quiz[self.number]
        fb = grade(question, choice)
        self.app.record(
            ev.QUIZ_ANSWERED,
            {  # type: ignore[attr-defined]
                "lesson": self.lesson_id,
                "question": question.id,
                "choice": choice,
                "correct": fb.correct,
            },
        )
        self.answers.append(fb)
        self.current = fb
        self._show_step()

    def _finish(self) -> None:
        res = result(self.answers)
        self.app.record(
            ev.QUIZ_FINISHED,
            {  # type: ignore[attr-defined]
                "lesson": self.lesson_id,
                "score": res.score,
                "total": res.total,
                "passed": res.passed,
            },
        )
        if res.passed:
            self.app.record(ev.LESSON_COMPLETED, {"lesson": self.lesson_id})  # type: ignore[attr-defined]
        self.app.start_sync()  # type: ignore[attr-defined]

    def _summary_text(self) -> str:
        res = result(self.answers)
        text = _("You answered {score} of {total} correctly ({percent}%).").format(
            score=res.score, total=res.total, percent=res.percent
        )
        if res.passed:
            return "✓ " + text + "\n" + _("Passed. This lesson is done.")
        return "✗ " + text + "\n" + _("Not passed yet. Read the lesson again and retry the quiz.")

    def action_back(self) -> None:
        self.dismiss()
