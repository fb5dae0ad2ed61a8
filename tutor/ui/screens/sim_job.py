"""One job post: read it, then write a proposal or report it as a scam.

Red flags are not pointed out here: spotting them is the exercise. The verdict after a
report says which flags were there (or why the job looked genuine).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService
from tutor.simulator.sim_texts import job_details
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic


class SimJobScreen(TutorScreen):
    HELP = N_(
        'Read the post and the client\'s history. Choose "Write a proposal" to bid, or '
        '"Report as a scam" if something is wrong. Reporting a scam before you bid costs '
        "no Connects."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="sim.job_back")]
    DEFAULT_CSS = """
    SimJobScreen #sim-job { padding: 0 1; height: 1fr; }
    SimJobScreen #sim-actions { height: auto; max-height: 6; }
    """

    def __init__(self, service: SimService, job_id: str) -> None:
        super().__init__()
        self.service = service
        self.job_id = job_id
        self.verdict_shown = ""

    def compose_body(self) -> ComposeResult:
        job = self.service.job(self.job_id)
        with VerticalScroll(id="sim-job", can_focus=False):
            yield RtlStatic(job.template.title, classes="title")
            yield RtlStatic(job_details(job), id="sim-post")
            if self.verdict_shown:
                yield RtlStatic(self.verdict_shown, id="sim-verdict")
        yield OptionList(*self._actions(), id="sim-actions")

    def _actions(self) -> list[Option]:
        svc = self.service
        options = []
        done = svc.outcome(self.job_id) is not None or bool(self.verdict_shown)
        if svc.outcome(self.job_id) is not None:
            options.append(Option(_("See the result of your proposal"), id="result"))
        elif not done and not svc.over:
            options.append(Option(_("Write a proposal"), id="write"))
            options.append(Option(_("Report as a scam"), id="report"))
        options.append(Option(_("Back to the board"), id="back"))
        return options

    def on_mount(self) -> None:
        self.title = _("Job post")
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

    async def report(self) -> None:
        from tutor.simulator.sim_texts import verdict_text

        try:
            verdict = self.service.respond_to_scam(self.job_id, "report")
        except SimInputError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.verdict_shown = verdict_text(verdict)
        await self.recompose_keeping_focus()

    def _sent(self, sent: bool | None) -> None:
        from tutor.ui.screens.sim_outcome import SimOutcomeScreen

        if sent:
            self.app.push_screen(SimOutcomeScreen(self.service, self.job_id), self._refresh)

    async def _refresh(self, _result: object = None) -> None:
        await self.recompose_keeping_focus()

    def action_back(self) -> None:
        self.dismiss()
