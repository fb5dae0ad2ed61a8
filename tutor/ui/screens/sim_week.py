"""End of a simulated week: which contracts were paid, reviewed, and what reached the bank."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.domain.sim.scenario import UPWORK
from tutor.i18n import N_, _
from tutor.simulator.service import WeekReport
from tutor.simulator.sim_texts import contract_text, search_text
from tutor.ui.screens.base import TutorModal
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


class SimWeekDialog(TutorModal):
    BINDINGS = [
        Binding("escape", "close", N_("Continue"), id="sim.week_close"),
        Binding("pageup", "scroll(-1)", show=False, priority=True, id="sim.week_page_up"),
        Binding("pagedown", "scroll(1)", show=False, priority=True, id="sim.week_page_down"),
    ]
    DEFAULT_CSS = """
    SimWeekDialog { align: center middle; }
    SimWeekDialog .dialog { height: auto; max-height: 100%; }
    SimWeekDialog #sim-week-text { height: auto; }
    """

    def __init__(self, report: WeekReport, style: str = UPWORK) -> None:
        super().__init__()
        self.report = report
        self.style = style

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield RtlStatic(_("Week {week} is over").format(week=self.report.week), classes="title")
            if self.report.paid:
                text = "\n".join(contract_text(c, self.style) for c in self.report.paid)
            else:
                text = _("No contract this week, so no review and no pay.")
            if self.report.search is not None:
                text = search_text(self.report.search) + "\n\n" + text
            yield RtlStatic(text, id="sim-week-text")
            yield RtlOptionList(Option(_("Continue"), id="continue"), id="sim-week-ok")

    def action_scroll(self, pages: int) -> None:
        """A week with payouts and a search report is taller than 24 lines."""
        box = self.query_one(".dialog", VerticalScroll)
        box.scroll_relative(y=pages * max(1, box.size.height - 2), animate=False)

    def on_mount(self) -> None:
        ok = self.query_one("#sim-week-ok", OptionList)
        ok.highlighted = 0
        ok.focus()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
