"""Answer a buyer brief with an offer: a short message (English) and one gig package.

Keyboard only: Tab moves from the message to the package list; Enter on a package sends
the offer with that package's price and delivery days. A refused offer shows why.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tutor.domain.sim.fiverr import PACKAGES
from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService
from tutor.simulator.sim_texts import brief_terms, package_option
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


class SimOfferScreen(TutorScreen):
    TITLE_MSGID = N_("Send an offer")
    HELP = N_(
        "Write a short offer in English: show you understood the brief, name one similar "
        "piece of work, and never give contact details. Tab moves to your packages; Enter "
        "on a package sends the offer with its price and delivery days."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="sim.offer_back")]
    DEFAULT_CSS = """
    SimOfferScreen #sim-offer { padding: 0 1; }
    SimOfferScreen #sim-text { height: 1fr; min-height: 5; }
    SimOfferScreen #sim-packages { height: auto; max-height: 5; }
    SimOfferScreen #sim-error { height: auto; }
    """

    def __init__(self, service: SimService, job_id: str) -> None:
        super().__init__()
        self.service = service
        self.job_id = job_id

    def compose_body(self) -> ComposeResult:
        job = self.service.job(self.job_id)
        gig = self.service.gig
        with Vertical(id="sim-offer"):
            yield RtlStatic(f"{job.template.title}\n{brief_terms(job)}", classes="title")
            yield RtlStatic(_("Your offer message (in English):"))
            yield TextArea(id="sim-text", soft_wrap=True, tab_behavior="focus")
            yield RtlStatic(_("Send with which package? (Enter sends)"))
            options = (
                [Option(package_option(gig, name), id=name) for name in PACKAGES] if gig else []
            )
            yield RtlOptionList(*options, id="sim-packages")
            yield RtlStatic("", id="sim-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#sim-packages", OptionList).highlighted = 0  # Enter works at once
        self.query_one("#sim-text", TextArea).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.send(event.option.id or "")

    def send(self, package: str) -> None:
        text = self.query_one("#sim-text", TextArea).text
        try:
            self.service.submit_offer(self.job_id, text, package)
        except SimInputError as exc:
            self.query_one("#sim-error", Static).update("✗ " + str(exc))
            return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
