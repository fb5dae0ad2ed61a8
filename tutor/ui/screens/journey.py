"""My freelancing journey: the trainee reports real-world steps (optional, private to them
and the programme), recorded as ``milestone.reported`` events."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.domain import events as ev
from tutor.domain.milestones import EARNINGS, EARNINGS_BANDS, FIRST_JOB, PROFILE, PROPOSAL
from tutor.i18n import N_, _
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList

STEP_TEXT = {
    PROFILE: N_("I made my profile on a real platform"),
    PROPOSAL: N_("I sent my first real proposal"),
    FIRST_JOB: N_("I won my first paid job"),
}
BAND_TEXT = {
    "none": N_("Nothing yet"),
    "under_50": N_("Less than $50 a month"),
    "50_200": N_("$50 to $200 a month"),
    "200_plus": N_("More than $200 a month"),
}


class JourneyScreen(TutorScreen):
    TITLE_MSGID = N_("My freelancing journey")
    HELP = N_(
        "Tell the programme how your real freelancing is going. Press Enter on a step to mark "
        "it done (or not done), and choose what you earn online. Only you and your programme "
        "see this; it is optional."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="journey.back")]

    def compose_body(self) -> ComposeResult:
        reported = self.app.journal_progress().milestones  # type: ignore[attr-defined]
        options = []
        for step, text in STEP_TEXT.items():
            mark = "✓" if reported.get(step) is True else "·"
            options.append(Option(f"{mark} {_(text)}", id=step))
        band = reported.get(EARNINGS)
        for value in EARNINGS_BANDS:
            mark = "●" if band == value else "○"
            options.append(
                Option(f"{mark} {_('Earning online:')} {_(BAND_TEXT[value])}", id=f"band:{value}")
            )
        with Vertical(classes="page"):
            yield RtlStatic(_("My freelancing journey"), classes="title")
            yield RtlStatic(_("Optional: only you and your programme see this."))
            yield RtlOptionList(*options, id="steps")

    def on_mount(self) -> None:
        steps = self.query_one("#steps", OptionList)
        steps.highlighted = 0
        steps.focus()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice.startswith("band:"):
            payload = {"milestone": EARNINGS, "value": choice.split(":", 1)[1]}
        else:
            done = self.app.journal_progress().milestones.get(choice) is True  # type: ignore[attr-defined]
            payload = {"milestone": choice, "value": not done}
        self.app.record(ev.MILESTONE_REPORTED, payload)  # type: ignore[attr-defined]
        index = event.option_index
        await self.recompose_keeping_focus()
        self.query_one("#steps", OptionList).highlighted = index

    def action_back(self) -> None:
        self.dismiss()
