"""One job post: read it, then write a proposal or report it as a scam.

Red flags are not pointed out here: spotting them is the exercise. The verdict after a
report says which flags were there (or why the job looked genuine).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.domain.sim.scenario import FIVERR, FREELANCER
from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService
from tutor.simulator.sim_texts import job_facts, verdict_text
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


def _declined_note() -> str:
    return "✓ " + _("You declined the brief. A reply, even a no, keeps your response rate up.")


HELP_BY_STYLE = {
    FREELANCER: N_(
        "Read the post, the client's history and the bids already placed, with their prices "
        'and reviews. Choose "Place a bid" to bid (it uses one of your free bids), or '
        '"Report as a scam" if something is wrong. PageUp and PageDown scroll a long post.'
    ),
    FIVERR: N_(
        "Read the buyer's brief: budget, deadline and how many offers were sent. Send an "
        "offer with one of your packages, decline the brief (a reply keeps your response "
        "rate up), or report it as a scam."
    ),
}


class SimJobScreen(TutorScreen):
    TITLE_MSGID = N_("Job post")
    HELP = N_(
        'Read the post and the client\'s history. Choose "Write a proposal" to bid, or '
        '"Report as a scam" if something is wrong. Reporting a scam before you bid costs '
        "no Connects. PageUp and PageDown scroll a long post."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="sim.job_back"),
        Binding("pageup", "scroll(-1)", show=False, priority=True, id="sim.job_page_up"),
        Binding("pagedown", "scroll(1)", show=False, priority=True, id="sim.job_page_down"),
    ]
    DEFAULT_CSS = """
    SimJobScreen #sim-job { padding: 0 1; height: 1fr; }
    SimJobScreen #sim-actions { height: auto; max-height: 6; }
    """

    def __init__(self, service: SimService, job_id: str) -> None:
        super().__init__()
        self.service = service
        self.job_id = job_id
        self.HELP = HELP_BY_STYLE.get(service.style, self.HELP)
        # Built when composed, so F2 shows the verdict in the new language.
        self.verdict_shown: Callable[[], str] | None = None
        earlier = service.verdict(job_id)
        if earlier is not None and service.outcome(job_id) is None:  # reported from the post
            self.verdict_shown = lambda: verdict_text(earlier)
        elif service.declined(job_id):
            self.verdict_shown = _declined_note

    def compose_body(self) -> ComposeResult:
        job = self.service.job(self.job_id)
        with VerticalScroll(id="sim-job", can_focus=False):
            yield RtlStatic(job.template.title, classes="title")
            yield Static(job.template.description + "\n", id="sim-desc")  # English post
            yield RtlStatic(job_facts(job, self.service.style), id="sim-post")
            if self.verdict_shown is not None:
                yield RtlStatic(self.verdict_shown(), id="sim-verdict")
        yield RtlOptionList(*self._actions(), id="sim-actions")

    def _actions(self) -> list[Option]:
        svc = self.service
        options = []
        declined = svc.declined(self.job_id)
        done = svc.outcome(self.job_id) is not None or (self.verdict_shown is not None) or declined
        if svc.outcome(self.job_id) is not None:
            options.append(Option(_("See the result of your proposal"), id="result"))
        elif not done and not svc.over:
            if svc.style == FIVERR:
                options.append(Option(_("Send an offer"), id="offer"))
                options.append(Option(_("Decline this brief"), id="decline"))
            elif svc.style == FREELANCER:
                options.append(Option(_("Place a bid"), id="write"))
            else:
                options.append(Option(_("Write a proposal"), id="write"))
            options.append(Option(_("Report as a scam"), id="report"))
        options.append(Option(_("Back to the board"), id="back"))
        return options

    def action_scroll(self, pages: int) -> None:
        """Long posts (a Freelancer-style bid list) scroll with PageUp and PageDown."""
        scroller = self.query_one("#sim-job", VerticalScroll)
        scroller.scroll_relative(y=pages * max(1, scroller.size.height - 2), animate=False)

    def on_mount(self) -> None:
        self.service.view_job(self.job_id)
        actions = self.query_one("#sim-actions", OptionList)
        actions.highlighted = 0
        actions.focus()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tutor.ui.screens.sim_outcome import SimOutcomeScreen
        from tutor.ui.screens.sim_proposal import SimProposalScreen

        choice = event.option.id
        if choice == "back":
            self.dismiss()
        elif choice == "result":
            self.app.push_screen(SimOutcomeScreen(self.service, self.job_id), self._refresh)
        elif choice == "write":
            self.app.push_screen(SimProposalScreen(self.service, self.job_id), self._sent)
        elif choice == "report":
            await self.report()
        elif choice == "offer":
            self.offer()
        elif choice == "decline":
            await self.decline()

    def offer(self) -> None:
        from tutor.ui.screens.sim_offer import SimOfferScreen

        if self.service.gig is None:
            self.notify(_("Set up your gig before you answer briefs."), severity="warning")
            return
        self.app.push_screen(SimOfferScreen(self.service, self.job_id), self._sent)

    async def decline(self) -> None:
        try:
            self.service.decline_brief(self.job_id)
        except SimInputError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.verdict_shown = _declined_note
        await self.recompose_keeping_focus()

    async def report(self) -> None:
        try:
            verdict = self.service.respond_to_scam(self.job_id, "report")
        except SimInputError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.verdict_shown = lambda: verdict_text(verdict)
        await self.recompose_keeping_focus()

    def _sent(self, sent: bool | None) -> None:
        from tutor.ui.screens.sim_outcome import SimOutcomeScreen

        if sent:
            self.app.push_screen(SimOutcomeScreen(self.service, self.job_id), self._refresh)

    async def _refresh(self, _result: object = None) -> None:
        await self.recompose_keeping_focus()

    def action_back(self) -> None:
        self.dismiss()
