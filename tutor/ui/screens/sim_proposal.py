"""Write the proposal (in English) and set the price, then send it.

Keyboard only: Tab moves between the proposal, the price and the send button; Enter on
the button sends (Ctrl+S too, but never as the only way). A refused input shows why and
changes nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static, TextArea

from tutor.domain.sim.freelancer import bid_stats
from tutor.domain.sim.job_board import Job
from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService
from tutor.simulator.sim_texts import budget_text, usd
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlButton


class SimProposalScreen(TutorScreen):
    TITLE_MSGID = N_("Write a proposal")
    HELP = N_(
        "Write your proposal in English. The client first sees only your first lines, so "
        "start with their need. Give one example of similar work, ask one question about "
        "the job, and never give contact details. Tab moves to the price and the Send "
        "button; Escape goes back without sending."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="sim.proposal_back"),
        Binding("ctrl+s", "send", N_("Send"), id="sim.proposal_send"),
    ]
    DEFAULT_CSS = """
    SimProposalScreen #sim-form { padding: 0 1; }
    SimProposalScreen #sim-text { height: 1fr; min-height: 5; }
    SimProposalScreen #sim-price-row { height: auto; }
    SimProposalScreen #sim-price-row Static { width: auto; }
    SimProposalScreen #sim-price { width: 20; margin-bottom: 0; }
    SimProposalScreen #sim-error { height: auto; }
    """

    def __init__(self, service: SimService, job_id: str) -> None:
        super().__init__()
        self.service = service
        self.job_id = job_id

    def compose_body(self) -> ComposeResult:
        job = self.service.job(self.job_id)
        with Vertical(id="sim-form"):
            yield RtlStatic(f"{job.template.title}\n{self._terms(job)}", classes="title")
            yield RtlStatic(_("Your proposal (in English):"))
            yield TextArea(id="sim-text", soft_wrap=True, tab_behavior="focus")
            yield RtlStatic("", id="sim-count")
            with Horizontal(id="sim-price-row"):
                yield RtlStatic(_("Your price in US dollars: "))
                yield Input(value=f"{job.budget:g}", id="sim-price", compact=True)
                yield RtlButton(_("Send proposal"), id="sim-send", compact=True)
            yield RtlStatic("", id="sim-error", classes="error")

    @staticmethod
    def _terms(job: Job) -> str:
        """The budget, and on a Freelancer-style job the visible bids to price against."""
        stats = bid_stats(job)
        if stats is None:
            return budget_text(job)
        return (
            budget_text(job)
            + " · "
            + _("bids: lowest {low}, average {avg}").format(
                low=usd(stats.lowest), avg=usd(stats.average)
            )
        )

    def on_mount(self) -> None:
        self.query_one("#sim-text", TextArea).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        words = len(event.text_area.text.split())
        self.query_one("#sim-count", Static).update(_("{n} words").format(n=words))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "sim-send":
            self.action_send()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_send()

    def action_send(self) -> None:
        text = self.query_one("#sim-text", TextArea).text
        price = self.query_one("#sim-price", Input).value
        try:
            self.service.submit_bid(self.job_id, text, price)
        except SimInputError as exc:
            self.query_one("#sim-error", Static).update("✗ " + str(exc))
            return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
