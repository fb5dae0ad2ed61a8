"""The platform picker and a full bid in the Freelancer and Fiverr styles, at 80x24,
keyboard only, in English and in Urdu."""

from __future__ import annotations

import pytest
from sim_testkit import FL_TAILORED, FV_OFFER
from textual.app import App
from textual.widgets import Input, OptionList, Static, TextArea

from tutor.i18n import set_language
from tutor.simulator import sim_events as ev
from tutor.ui.screens.sim_board import SimBoardScreen
from tutor.ui.screens.sim_gig import SimGigScreen
from tutor.ui.screens.sim_job import SimJobScreen
from tutor.ui.screens.sim_offer import SimOfferScreen
from tutor.ui.screens.sim_outcome import SimOutcomeScreen
from tutor.ui.screens.sim_platform import SimPlatformScreen
from tutor.ui.screens.sim_proposal import SimProposalScreen

SIZE = (80, 24)
SEED = 11


class Picker(App):
    """Just enough app to host the simulator, starting at the platform picker."""

    def __init__(self, scenarios) -> None:
        super().__init__()
        self.scenarios = scenarios
        self.events: list = []

    def on_mount(self) -> None:
        self.push_screen(SimPlatformScreen(self.scenarios, SEED, self.record))

    def record(self, type_: str, payload: dict) -> None:
        self.events.append((type_, payload))


def text(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def has_urdu(svg: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc" for ch in svg)


async def pick(pilot, app: Picker, style: str) -> None:
    await pilot.pause()
    styles = app.screen.query_one("#sim-styles", OptionList)
    ids = [styles.get_option_at_index(i).id for i in range(styles.option_count)]
    assert ids == ["upwork", "freelancer", "fiverr"]
    for _ in range(ids.index(style)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SimBoardScreen)
    started = [p for t, p in app.events if t == ev.CAREER_STARTED]
    assert started and started[-1]["style"] == style


async def open_first_genuine(pilot, app: Picker) -> None:
    svc = app.screen.service
    jobs = app.screen.query_one("#sim-jobs", OptionList)
    ids = [jobs.get_option_at_index(i).id for i in range(jobs.option_count)]
    target = next(j.id for j in svc.board() if not j.is_scam)
    for _ in range(ids.index(target)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SimJobScreen)


@pytest.fixture(params=["en", "ur"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


async def test_freelancer_bid_shows_rivals_and_where_the_bid_stood(
    scenario, freelancer, fiverr, language
) -> None:
    app = Picker([scenario, freelancer, fiverr])
    async with app.run_test(size=SIZE) as pilot:
        await pick(pilot, app, "freelancer")
        assert app.screen.service.style == "freelancer"
        await open_first_genuine(pilot, app)
        post = text(app, "#sim-post")
        job = app.screen.service.job(app.screen.job_id)
        assert job.template.description[:30] in text(app, "#sim-desc")  # posts stay English
        assert "$" in post and "★" in post  # rival prices and ratings are visible
        await pilot.press("enter")  # "Place a bid"
        await pilot.pause()
        assert isinstance(app.screen, SimProposalScreen)
        app.screen.query_one("#sim-text", TextArea).text = FL_TAILORED
        await pilot.press("tab")
        assert app.screen.focused is app.screen.query_one("#sim-price", Input)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SimOutcomeScreen)
        result = text(app, "#sim-result")
        outcome = app.screen.service.outcome(job.id)
        assert [r.code for r in outcome.reasons][1] == "fl.position"
        assert str(job.rivals + 1) in result
        if language == "en":
            assert "from the lowest" in result and "JSS" not in result
        else:
            assert has_urdu(result) and has_urdu(app.export_screenshot())
        assert [t for t, _ in app.events][-2:] == [ev.BID_SUBMITTED, ev.BID_OUTCOME]


async def test_fiverr_gig_then_offer_on_a_brief(scenario, freelancer, fiverr, language) -> None:
    app = Picker([fiverr, scenario, freelancer])  # file order does not change the list
    async with app.run_test(size=SIZE) as pilot:
        await pick(pilot, app, "fiverr")
        svc = app.screen.service
        jobs = app.screen.query_one("#sim-jobs", OptionList)
        assert jobs.get_option_at_index(0).id == "gig"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SimGigScreen)
        await pilot.press("down", "down", "enter")  # English-Urdu translation
        title = app.screen.query_one("#sim-gig-title", Input)
        assert app.screen.focused is title
        title.value = "I will translate English to Urdu"
        await pilot.press("tab", "1", "0")  # the basic price
        assert app.screen.focused is app.screen.query_one("#sim-price-basic", Input)
        app.screen.query_one("#sim-price-standard", Input).value = "20"
        app.screen.query_one("#sim-price-premium", Input).value = "40"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SimBoardScreen), text(app, "#sim-error")
        assert svc.gig is not None and svc.gig.category == "urdu-translation"
        assert [p.price for p in svc.gig.packages] == [10, 20, 40]
        assert "Urdu" in text(app, "#sim-status")
        await open_first_genuine(pilot, app)
        await pilot.press("enter")  # "Send an offer"
        await pilot.pause()
        assert isinstance(app.screen, SimOfferScreen)
        app.screen.query_one("#sim-text", TextArea).text = FV_OFFER
        await pilot.press("tab", "down", "enter")  # the standard package
        await pilot.pause()
        assert isinstance(app.screen, SimOutcomeScreen)
        job_id = app.screen.job_id
        outcome = svc.outcome(job_id)
        assert outcome.view.price == 20
        assert "offer.sent" in [r.code for r in outcome.reasons]
        result = text(app, "#sim-result")
        if language == "en":
            assert "Standard package" in result and "Connects" not in result
        else:
            assert has_urdu(app.export_screenshot())
        sent = [p for t, p in app.events if t == ev.BID_SUBMITTED]
        assert sent[-1]["style"] == "fiverr" and sent[-1]["pkg"] == "s"


async def test_a_bad_gig_shows_why_and_creates_nothing(fiverr) -> None:
    app = Picker([fiverr])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # "Set up your gig"
        await pilot.pause()
        await pilot.press("enter")  # first category, to the title
        app.screen.query_one("#sim-gig-title", Input).value = "I will design a logo"
        for name, price in (("basic", "3"), ("standard", "20"), ("premium", "40")):
            app.screen.query_one(f"#sim-price-{name}", Input).value = price
        await pilot.press("ctrl+s")  # $3 is below the $5 minimum
        await pilot.pause()
        assert isinstance(app.screen, SimGigScreen)
        assert "between" in text(app, "#sim-error")
        assert app.screen.service.gig is None
        assert ev.GIG_CREATED not in [t for t, _ in app.events]


async def test_the_chosen_kind_of_work_survives_a_language_switch(fiverr) -> None:
    app = Picker([fiverr])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # Fiverr-like, then "Set up your gig"
        await pilot.pause()
        assert "Enter" in text(app, "#sim-gig-chosen")  # nothing chosen by the highlight
        await pilot.press("down", "enter")  # Data entry
        app.screen.query_one("#sim-gig-title", Input).value = "I will type your data in Excel"
        set_language("ur")
        try:
            await app.screen.refresh_language()  # what F2 does
            await pilot.pause()
            assert app.screen.category == "data-entry"
            assert "Data entry" in text(app, "#sim-gig-chosen")
            title = app.screen.query_one("#sim-gig-title", Input).value
            assert title == "I will type your data in Excel"
        finally:
            set_language("en")
