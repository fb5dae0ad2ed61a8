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
from tutor.domain.sim.scenario import FIVERR
from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService, WeekReport
from tutor.simulator.sim_texts import gig_text, job_line, profile_line
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList

END_WEEK = "end-week"
FINISH = "finish"
GIG = "gig"


class SimBoardScreen(TutorScreen):
    TITLE_MSGID = N_("Bid simulator")
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
            yield RtlStatic(self._status(), id="sim-status")
            yield RtlOptionList(*self._options(), id="sim-jobs")

    def _status(self) -> str:
        svc = self.service
        line = profile_line(svc.state, svc.scenario)
        if svc.style == FIVERR and svc.gig is not None:
            return line + "\n" + gig_text(svc.gig)
        return line

    def _options(self) -> list[Option]:
        svc = self.service
        if svc.over:
            return [Option(_("See where you stand"), id=FINISH)]
        options = []
        if svc.style == FIVERR and svc.gig is None:
            options.append(Option("➜ " + _("Set up your gig (once per career)"), id=GIG))
        options += [
            Option(f"{self._mark(job)} {job_line(job, svc.style)}", id=job.id)
            for job in svc.board()
        ]
        options.append(Option(_("End the week"), id=END_WEEK))
        options.append(Option(_("Stop and see where you stand"), id=FINISH))
        return options

    def _mark(self, job: Job) -> str:
        """A sign and nothing else would be colour-like; the job screen says it in words."""
        outcome = self.service.outcome(job.id)
        if outcome is None:
            return "–" if self.service.declined(job.id) else "·"
        return "★" if outcome.won else "✓"

    def on_mount(self) -> None:
        jobs = self.query_one("#sim-jobs", OptionList)
        jobs.highlighted = 0
        jobs.focus()

    async def refresh_board(self, _result: object = None) -> None:
        """Rebuild the board (new marks, new week) with the cursor back on the last job."""
        jobs = self.query_one("#sim-jobs", OptionList)
        index = jobs.highlighted
        last = jobs.get_option_at_index(index).id if index is not None else None
        await self.recompose_keeping_focus()
        jobs = self.query_one("#sim-jobs", OptionList)
        ids = [jobs.get_option_at_index(i).id for i in range(jobs.option_count)]
        jobs.highlighted = ids.index(last) if last in ids and last != END_WEEK else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == END_WEEK:
            self.action_end_week()
        elif option_id == FINISH:
            self.show_result()
        elif option_id == GIG:
            from tutor.ui.screens.sim_gig import SimGigScreen

            self.app.push_screen(SimGigScreen(self.service), self.refresh_board)
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

        self.app.push_screen(SimWeekDialog(report, self.service.style), after)

    def show_result(self) -> None:
        from tutor.ui.screens.sim_result import SimResultScreen

        self.app.switch_screen(SimResultScreen(self.service))

    def action_back(self) -> None:
        self.dismiss()
