"""The simulator's job board: this week's posts, the trainee's standing, and "end the week".

The screen is handed a :class:`SimService`; it never builds one, so tests and the app
decide the scenario, the seed and where events go.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.domain.sim.job_board import Job
from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService, WeekReport
from tutor.simulator.sim_texts import job_line, profile_line
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic

END_WEEK = "end-week"
FINISH = "finish"


class SimBoardScreen(TutorScreen):
    HELP = N_(
        "This is a practice market: losing here costs nothing. Choose a job with the arrow "
        "keys and press Enter to read it, write a proposal or report it as a scam. Press E "
        '(or choose "End the week") when you are done with this week\'s jobs.'
    )
    BINDINGS = [
        Binding("e", "end_week", N_("End the week"), id="sim.end_week"),
        Binding("escape", "back", N_("Back"), id="sim.board_back"),
    ]
    DEFAULT_CSS = """
    SimBoardScreen #sim-board { padding: 0 1; }
    SimBoardScreen #sim-status { margin-bottom: 1; }
    """

    def __init__(self, service: SimService) -> None:
        super().__init__()
        self.service = service

    def compose_body(self) -> ComposeResult:
        svc = self.service
        with Vertical(id="sim-board"):
            yield RtlStatic(
                _("Practice market: {title}").format(title=svc.scenario.title), classes="title"
            )
            yield RtlStatic(profile_line(svc.state, svc.scenario), id="sim-status")
            yield OptionList(*self._options(), id="sim-jobs")

    def _options(self) -> list[Option]:
        svc = self.service
        if svc.over:
            return [Option(_("See where you stand"), id=FINISH)]
        options = [Option(f"{self._mark(job)} {job_line(job)}", id=job.id) for job in svc.board()]
        options.append(Option(_("End the week"), id=END_WEEK))
        options.append(Option(_("Stop and see where you stand"), id=FINISH))
        return options

    def _mark(self, job: Job) -> str:
        """A sign and nothing else would be colour-like; the job screen says it in words."""
        outcome = self.service.outcome(job.id)
        if outcome is None:
            return "·"
        return "★" if outcome.won else "✓"

    def on_mount(self) -> None:
        self.title = _("Bid simulator")
        jobs = self.query_one("#sim-jobs", OptionList)
        jobs.highlighted = 0
        jobs.focus()

    async def refresh_board(self, _result: object = None) -> None:
        await self.recompose_keeping_focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == END_WEEK:
            self.action_end_week()
        elif option_id == FINISH:
            self.show_result()
        elif option_id:
            from tutor.ui.screens.sim_job import SimJobScreen

            self.app.push_screen(SimJobScreen(self.service, option_id), self.refresh_board)

    def action_end_week(self) -> None:
        from tutor.ui.screens.sim_week import SimWeekDialog

        if self.service.over:
            self.show_result()
            return
        try:
            report: WeekReport = self.service.end_week()
        except SimInputError as exc:
            self.notify(str(exc), severity="warning")
            return

        async def after(_result: object = None) -> None:
            if report.over:
                self.show_result()
            else:
                await self.refresh_board()

        self.app.push_screen(SimWeekDialog(report), after)

    def show_result(self) -> None:
        from tutor.ui.screens.sim_result import SimResultScreen

        self.app.switch_screen(SimResultScreen(self.service))

    def action_back(self) -> None:
        self.dismiss()
