"""Set up the trainee's gig (Fiverr style), once per career: category, title, 3 packages.

Keyboard only: Tab moves through the category list, the title, each package's price and
days, and the button. A refused gig shows why and changes nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tutor.domain.sim.fiverr import PACKAGES
from tutor.domain.sim.reason_text import package_title
from tutor.i18n import N_, _
from tutor.simulator.service import SimInputError, SimService
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlButton, RtlOptionList

DEFAULT_DAYS = ("2", "3", "5")


class SimGigScreen(TutorScreen):
    TITLE_MSGID = N_("Set up your gig")
    HELP = N_(
        "Choose the kind of work, write a title with the words buyers search for, and price "
        "three packages from cheapest to dearest. Promise delivery days you can keep: late "
        "orders cost reviews and search rank. Fiverr keeps 20% of each order."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="sim.gig_back"),
        Binding("ctrl+s", "create", N_("Create gig"), id="sim.gig_create"),
    ]
    DEFAULT_CSS = """
    SimGigScreen #sim-gig { padding: 0 1; }
    SimGigScreen #sim-gig-cats { height: auto; max-height: 6; }
    SimGigScreen .sim-gig-row { height: 1; }
    SimGigScreen .sim-gig-label { width: 22; padding: 0 2 0 0; }
    SimGigScreen .sim-gig-row Input { width: 12; margin-right: 2; }
    SimGigScreen #sim-gig-title { width: 100%; }
    SimGigScreen #sim-error { height: auto; }
    """

    def __init__(self, service: SimService) -> None:
        super().__init__()
        self.service = service
        self.category = ""

    def compose_body(self) -> ComposeResult:
        scenario = self.service.scenario
        with Vertical(id="sim-gig"):
            yield RtlStatic(_("Kind of work:"))
            yield RtlOptionList(
                *(Option(c.title, id=c.id) for c in scenario.categories.values()),
                id="sim-gig-cats",
            )
            yield RtlStatic(self._chosen(), id="sim-gig-chosen")
            yield RtlStatic(_("Gig title (in English), e.g. 'I will design a logo':"))
            yield Input(id="sim-gig-title", compact=True, max_length=80, placeholder="I will …")
            yield RtlStatic(_("Packages: price in US dollars, then delivery days"))
            for name, days in zip(PACKAGES, DEFAULT_DAYS, strict=True):
                with Horizontal(classes="sim-gig-row"):
                    yield from self._row(name, days)
            yield RtlButton(_("Create gig"), id="sim-gig-create", compact=True)
            yield RtlStatic("", id="sim-error", classes="error")

    @staticmethod
    def _row(name: str, days: str) -> list[Widget]:
        """Label, price, days. Not mirrored in Urdu: Tab must still go price, then days."""
        return [
            RtlStatic(package_title(name), classes="sim-gig-label"),
            Input(id=f"sim-price-{name}", compact=True, placeholder="$"),
            Input(value=days, id=f"sim-days-{name}", compact=True),
        ]

    def on_mount(self) -> None:
        cats = self.query_one("#sim-gig-cats", OptionList)
        cats.highlighted = 0
        cats.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter chooses the kind of work (kept across F2); then on to the title."""
        self.category = event.option.id or ""
        self.query_one("#sim-gig-chosen", Static).update(self._chosen())
        self.query_one("#sim-gig-title", Input).focus()

    def _chosen(self) -> str:
        """The choice in words: a highlight alone is only a colour."""
        kind = self.service.scenario.categories.get(self.category)
        if kind is None:
            return _("Press Enter on the kind of work you do.")
        return "✓ " + _("Chosen: {kind}").format(kind=kind.title)

    def on_button_pressed(self, _event: object) -> None:
        self.action_create()

    def action_create(self) -> None:
        prices = [self.query_one(f"#sim-price-{n}", Input).value for n in PACKAGES]
        days = [self.query_one(f"#sim-days-{n}", Input).value for n in PACKAGES]
        title = self.query_one("#sim-gig-title", Input).value
        try:
            self.service.create_gig(self.category, title, prices, days)  # type: ignore[arg-type]
        except SimInputError as exc:
            self.query_one("#sim-error", Static).update("✗ " + str(exc))
            return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
