"""The result of a proposal: won or lost, rank, what the client saw, and every reason.

When the "client" was a scam, its message is shown and the trainee answers: refuse and
report, refuse, or go along. The verdict (and its consequence) appears in place.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.domain.sim.scams import ScamVerdict
from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService
from tutor.simulator.sim_texts import outcome_parts, verdict_text
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


class SimOutcomeScreen(TutorScreen):
    TITLE_MSGID = N_("Result")
    HELP = N_(
        "Read why your proposal won or lost: each line marked ✗ is something to change next "
        "time. If the client sent a strange request, choose how to answer it."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="sim.outcome_back"),
        Binding("pageup", "scroll(-1)", show=False, priority=True, id="sim.outcome_page_up"),
        Binding("pagedown", "scroll(1)", show=False, priority=True, id="sim.outcome_page_down"),
    ]
    DEFAULT_CSS = """
    SimOutcomeScreen #sim-outcome { padding: 0 1; height: 1fr; }
    SimOutcomeScreen #sim-answers { height: auto; max-height: 5; }
    """

    def __init__(self, service: SimService, job_id: str) -> None:
        super().__init__()
        self.service = service
        self.job_id = job_id
        self.verdict: ScamVerdict | None = None  # rendered at compose time (F2 re-renders)

    def compose_body(self) -> ComposeResult:
        outcome = self.service.outcome(self.job_id)
        with VerticalScroll(id="sim-outcome", can_focus=False):
            parts = outcome_parts(outcome, self.service.style) if outcome else [("", False)]
            *head, (why, _english) = parts
            for text, english in head:
                yield Static(text) if english else RtlStatic(text)
            yield RtlStatic(why, id="sim-result")
            if self.verdict is not None:
                yield RtlStatic(verdict_text(self.verdict), id="sim-verdict")
        yield RtlOptionList(*self._answers(), id="sim-answers")

    def _answers(self) -> list[Option]:
        outcome = self.service.outcome(self.job_id)
        if outcome and outcome.scam_message and self.verdict is None and not self.service.over:
            return [
                Option(_("Refuse and report it"), id="report"),
                Option(_("Refuse"), id="decline"),
                Option(_("Go along with it"), id="comply"),
            ]
        return [Option(_("Back to the board"), id="back")]

    def on_mount(self) -> None:
        answers = self.query_one("#sim-answers", OptionList)
        answers.highlighted = 0
        answers.focus()

    def action_scroll(self, pages: int) -> None:
        scroller = self.query_one("#sim-outcome", VerticalScroll)
        scroller.scroll_relative(y=pages * max(1, scroller.size.height - 2), animate=False)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "back":
            self.dismiss()
            return
        try:
            verdict = self.service.respond_to_scam(self.job_id, choice)
        except SimInputError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.verdict = verdict
        await self.recompose_keeping_focus()
        self.query_one("#sim-outcome", VerticalScroll).scroll_end(animate=False)

    def action_back(self) -> None:
        self.dismiss()
