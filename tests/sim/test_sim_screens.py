"""Simulator screens through Pilot at 80x24: keyboard only, the service handed in."""

from __future__ import annotations

from dataclasses import replace

from sim_testkit import TAILORED_EXCEL
from textual.app import App
from textual.widgets import Input, OptionList, Static, TextArea

from tutor.simulator import sim_events as ev
from tutor.simulator.service import SimService
from tutor.ui.screens.sim_board import SimBoardScreen
from tutor.ui.screens.sim_job import SimJobScreen
from tutor.ui.screens.sim_outcome import SimOutcomeScreen
from tutor.ui.screens.sim_proposal import SimProposalScreen
from tutor.ui.screens.sim_result import SimResultScreen
from tutor.ui.screens.sim_week import SimWeekDialog

SIZE = (80, 24)


class Harness(App):
    """Just enough app to host the simulator screens."""

    def __init__(self, service: SimService) -> None:
        super().__init__()
        self.service = service

    def on_mount(self) -> None:
        self.push_screen(SimBoardScreen(self.service))


def service(scenario, seed: int = 11) -> tuple[SimService, list]:
    events: list = []
    svc = SimService(scenario, seed, lambda t, p: events.append((t, p)))
    return svc, events


def has_urdu(svg: str) -> bool:
    """Arabic-script letters, plain or shaped (presentation forms), are on the screen."""
    return any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc" for ch in svg)


def static_text(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_job(pilot, app: App, index: int) -> None:
    jobs = app.screen.query_one("#sim-jobs", OptionList)
    jobs.highlighted = index
    await pilot.press("enter")
    await pilot.pause()


async def test_bid_from_board_to_reasons(scenario) -> None:
    svc, events = service(scenario)
    index = next(i for i, j in enumerate(svc.board()) if not j.is_scam)
    job = svc.board()[index]
    app = Harness(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SimBoardScreen)
        assert "Week 1 of 8" in static_text(app, "#sim-status")
        await open_job(pilot, app, index)
        assert isinstance(app.screen, SimJobScreen)
        assert job.template.description[:30] in static_text(app, "#sim-desc")
        assert "Connects" in static_text(app, "#sim-post")
        assert events[-1][0] == ev.JOB_VIEWED
        await pilot.press("enter")  # "Write a proposal"
        await pilot.pause()
        assert isinstance(app.screen, SimProposalScreen)
        app.screen.query_one("#sim-text", TextArea).text = TAILORED_EXCEL
        await pilot.press("tab")  # to the price
        assert app.screen.focused is app.screen.query_one("#sim-price", Input)
        await pilot.press("tab", "enter")  # to "Send proposal", press it
        await pilot.pause()
        assert isinstance(app.screen, SimOutcomeScreen)
        result = static_text(app, "#sim-result")
        shown = "\n".join(str(w.content) for w in app.screen.query(Static))
        assert "What the client saw" in shown and TAILORED_EXCEL[:40] in shown
        assert "Why:" in result
        assert ("✓" in result) and ("✗" in result or "won" in result)
        assert [t for t, _ in events][-2:] == [ev.BID_SUBMITTED, ev.BID_OUTCOME]
        await pilot.press("enter")  # back to the board
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SimBoardScreen)
        assert "✓" in str(
            app.screen.query_one("#sim-jobs", OptionList).get_option_at_index(index).prompt
        ) or "★" in str(
            app.screen.query_one("#sim-jobs", OptionList).get_option_at_index(index).prompt
        )


async def test_bad_price_shows_why_and_sends_nothing(scenario) -> None:
    svc, events = service(scenario)
    index = next(i for i, j in enumerate(svc.board()) if not j.is_scam)
    app = Harness(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_job(pilot, app, index)
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#sim-text", TextArea).text = TAILORED_EXCEL
        app.screen.query_one("#sim-price", Input).value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SimProposalScreen)
        assert "number" in static_text(app, "#sim-error")
        assert ev.BID_SUBMITTED not in [t for t, _ in events]
        assert svc.outcome(svc.board()[index].id) is None


async def test_report_scam_from_the_post(scenario) -> None:
    svc, events = service(scenario)
    seed = 11
    while not any(j.is_scam for j in svc.board()):
        seed += 1
        svc, events = service(scenario, seed)
    index = next(i for i, j in enumerate(svc.board()) if j.is_scam)
    app = Harness(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_job(pilot, app, index)
        actions = app.screen.query_one("#sim-actions", OptionList)
        actions.highlighted = 1  # "Report as a scam"
        await pilot.press("enter")
        await pilot.pause()
        verdict = static_text(app, "#sim-verdict")
        assert verdict.startswith("✓") and "2 of 2" in verdict
        assert events[-1][0] == ev.SCAM_REPORTED


async def test_weeks_end_and_the_run_ends_with_a_standing(scenario) -> None:
    short = replace(scenario, career=replace(scenario.career, weeks=3))
    svc, events = service(short)
    app = Harness(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _week in range(short.career.weeks):
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, SimWeekDialog)
            assert "No contract this week" in static_text(app, "#sim-week-text")
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, SimResultScreen)
        text = static_text(app, "#sim-standing-text")
        assert "Sinking" in text and "What moved you" in text
        assert [t for t, _ in events].count(ev.CAREER_ENDED) == 1


async def test_screens_work_in_urdu(scenario) -> None:
    from tutor.i18n import _, set_language

    set_language("ur")
    svc, _events = service(scenario)
    index = next(i for i, j in enumerate(svc.board()) if not j.is_scam)
    svc.submit_bid(svc.board()[index].id, TAILORED_EXCEL, svc.board()[index].budget)
    app = Harness(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert has_urdu(app.export_screenshot())
        await open_job(pilot, app, index)
        await pilot.press("enter")  # "See the result of your proposal"
        await pilot.pause()
        assert isinstance(app.screen, SimOutcomeScreen)
        assert _("Why:") != "Why:"  # the catalog has Urdu for it
        assert has_urdu(app.export_screenshot())
