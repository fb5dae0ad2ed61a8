"""The end of a simulator run: sinking, struggling, surviving or swimming, and why."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.domain.sim.career import Standing
from tutor.i18n import N_, _
from tutor.simulator.service import SimService
from tutor.simulator.sim_texts import standing_text
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


class SimResultScreen(TutorScreen):
    TITLE_MSGID = N_("Your result")
    HELP = N_(
        "Where you ended in this practice market, and what moved you there. Lines marked ✓ "
        "helped; lines marked ✗ held you back."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="sim.result_back")]
    DEFAULT_CSS = """
    SimResultScreen #sim-standing { padding: 0 1; height: 1fr; }
    SimResultScreen #sim-done { height: auto; }
    """

    def __init__(self, service: SimService) -> None:
        super().__init__()
        self.service = service
        self.standing: Standing | None = None

    def compose_body(self) -> ComposeResult:
        if self.standing is None:  # ends the run (and records it) once, when first shown
            self.standing = self.service.finish()
        with VerticalScroll(id="sim-standing", can_focus=False):
            text = standing_text(self.standing, self.service.style)
            yield RtlStatic(text, id="sim-standing-text")
        yield RtlOptionList(Option(_("Back"), id="back"), id="sim-done")

    def on_mount(self) -> None:
        done = self.query_one("#sim-done", OptionList)
        done.highlighted = 0
        done.focus()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.dismiss()

    def action_back(self) -> None:
        self.dismiss()
