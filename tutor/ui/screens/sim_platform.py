"""Choose the practice market's platform style before the simulator starts.

Three styles teach different things: Upwork-like (paid bids, hidden rivals),
Freelancer-like (visible bids, undercutting) and Fiverr-like (a gig and buyer briefs).
The choice starts a new run; its ``sim.career_started`` event carries the style.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.domain.sim.reason_text import style_summary, style_title
from tutor.domain.sim.scenario import STYLES, Scenario
from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList

Record = Callable[[str, dict[str, Any]], None]


def by_style(scenarios: list[Scenario]) -> dict[str, Scenario]:
    """The first scenario of each style, in the order of STYLES."""
    found: dict[str, Scenario] = {}
    for scenario in scenarios:
        found.setdefault(scenario.platform.style, scenario)
    return {style: found[style] for style in STYLES if style in found}


class SimPlatformScreen(TutorScreen):
    TITLE_MSGID = N_("Bid simulator")
    HELP = N_(
        "Each platform works differently. Choose one with the arrow keys and press Enter; "
        "you can come back and try the others later."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="sim.platform_back")]
    DEFAULT_CSS = """
    SimPlatformScreen #sim-platform { padding: 0 1; }
    SimPlatformScreen #sim-styles { height: auto; max-height: 14; }
    """

    def __init__(self, scenarios: list[Scenario], seed: int, record: Record) -> None:
        super().__init__()
        self.scenarios = by_style(scenarios)
        self.seed = seed
        self.record = record

    def compose_body(self) -> ComposeResult:
        with Vertical(id="sim-platform"):
            yield RtlStatic(_("Choose a platform style"), classes="title")
            yield RtlStatic(
                _("Practice here costs nothing. Job posts and proposals stay in English.")
            )
            yield RtlOptionList(*self._options(), id="sim-styles")

    def _options(self) -> list[Option]:
        return [
            Option(f"{style_title(style)}\n   {style_summary(style)}", id=style)
            for style in self.scenarios
        ]

    def on_mount(self) -> None:
        styles = self.query_one("#sim-styles", OptionList)
        styles.highlighted = 0
        styles.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tutor.ui.screens.sim_board import SimBoardScreen

        scenario = self.scenarios.get(event.option.id or "")
        if scenario is None:
            return
        service = SimService(scenario, self.seed, self.record)
        try:
            service.start()
        except SimInputError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.switch_screen(SimBoardScreen(service))

    def action_back(self) -> None:
        self.dismiss()
