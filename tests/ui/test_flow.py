"""A trainee's path through the tutor, driven with Pilot like a keyboard would."""

from __future__ import annotations

from textual.widgets import Input, Markdown, OptionList, Static

from tutor.domain import events as ev
from tutor.i18n.rtl_mode import get_rtl_mode, set_rtl_mode
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.language import LanguageScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.module import ModuleScreen
from tutor.ui.screens.pin_dialog import PinDialog
from tutor.ui.screens.profile_new import NewProfileScreen
from tutor.ui.screens.profile_pick import ProfilePickerScreen
from tutor.ui.screens.quiz import QuizScreen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def first_start(app, pilot, name: str = "Amna", pin: str = "1234") -> None:
    assert isinstance(app.screen, LanguageScreen)
    await pilot.press("enter")  # English is the first option
    assert isinstance(app.screen, NewProfileScreen)
    await type_text(pilot, name)
    await pilot.press("enter")
    await type_text(pilot, pin)
    await pilot.press("enter")
    await type_text(pilot, pin)
    await pilot.press("enter")
    await pilot.pause()


def event_types(app) -> list[str]:
    return [e.type for e in app.services.journal._log.read(1)]


def section_shown(app) -> str:
    return app.screen.query_one("#section", Markdown).source


async def test_first_start_creates_profile_and_shows_modules(run_app) -> None:
    async with run_app() as (app, pilot):
        await first_start(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.profile is not None and app.profile.name == "Amna"
        assert app.profile.has_pin
        modules = app.screen.query_one("#modules", OptionList)
        assert modules.option_count == 1
        assert "0 of 2 lessons" in str(modules.get_option_at_index(0).prompt)
        assert app.services.settings.language == "en"
        assert event_types(app) == [ev.PROFILE_CREATED]


async def test_bad_profile_input_is_refused_with_a_message(run_app) -> None:
    async with run_app() as (app, pilot):
        await pilot.press("enter")
        await pilot.press("enter")  # empty name
        await pilot.press("enter", "enter")
        error = app.screen.query_one("#error", Static)
        assert "name" in str(error.content).lower()
        assert isinstance(app.screen, NewProfileScreen)
        assert app.services.profiles.all() == []


async def test_mismatched_pins_are_refused(run_app) -> None:
    async with run_app() as (app, pilot):
        await pilot.press("enter")
        await type_text(pilot, "Amna")
        await pilot.press("enter", *"1234", "enter", *"4321", "enter")
        assert isinstance(app.screen, NewProfileScreen)
        assert "not the same" in str(app.screen.query_one("#error", Static).content)


async def test_urdu_name_is_previewed_and_kept_across_a_language_switch(run_app) -> None:
    previous = get_rtl_mode()
    try:
        await _type_urdu_name_and_switch_language(run_app)
    finally:
        set_rtl_mode(previous)


async def _type_urdu_name_and_switch_language(run_app) -> None:
    async with run_app() as (app, pilot):
        set_rtl_mode("app")  # a terminal that does no bidi: the field shows letters reversed
        await pilot.press("enter")
        await type_text(pilot, "ثنا")
        await pilot.pause()
        preview = str(app.screen.query_one("#name-preview", Static).content)
        assert preview.endswith("\ufe8e\ufee8\ufe9b")  # shaped, reordered: alef first
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, NewProfileScreen)
        assert app.screen.query_one("#name", Input).value == "ثنا"
        await pilot.press("enter", "enter", "enter")
        assert app.profile is not None and app.profile.name == "ثنا"


async def test_read_sections_then_restart_resumes_where_left(run_app) -> None:
    async with run_app() as (app, pilot):
        await first_start(app, pilot)
        await pilot.press("enter")  # module
        assert isinstance(app.screen, ModuleScreen)
        await pilot.press("enter")  # first lesson
        assert isinstance(app.screen, LessonScreen)
        assert "What a platform does" in section_shown(app)
        assert "1 of 3" in str(app.screen.query_one("#position", Static).content)
        await pilot.press("right")
        assert "Where the money goes" in section_shown(app)
        assert "2 of 3" in str(app.screen.query_one("#position", Static).content)
    # the process ends; a new one starts on the same data folder
    async with run_app() as (app, pilot):
        assert isinstance(app.screen, ProfilePickerScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, PinDialog)
        await pilot.press(*"1234", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("c")
        assert isinstance(app.screen, LessonScreen)
        assert "Where the money goes" in section_shown(app)


async def test_quiz_gives_feedback_in_words_and_keeps_result(run_app) -> None:
    async with run_app() as (app, pilot):
        await first_start(app, pilot, pin="")
        await pilot.press("enter", "enter", "right", "right", "right")
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("1")
        feedback = str(app.screen.query_one("#feedback", Static).content)
        assert str(app.screen.query_one("#verdict", Static).content) == "✓ Correct!"
        assert "Correct" not in feedback  # said once, beside Next
        assert "The platform takes a share" in feedback and "Every platform charges" in feedback
        await pilot.press("enter")
        await pilot.press("2")
        feedback = str(app.screen.query_one("#feedback", Static).content)
        verdict = str(app.screen.query_one("#verdict", Static).content)
        assert verdict == "✗ Not quite. The right answer is 1."
        assert "← your answer" in feedback.split("\n\n")[1]  # option 2 was chosen
        await pilot.press("enter")
        summary = str(app.screen.query_one("#summary", Static).content)
        assert "1 of 2" in summary and "Not passed" in summary
        progress = app.journal_progress().lesson("first-steps")
        assert (progress.best_score, progress.quiz_total, progress.completed) == (1, 2, False)
        types = event_types(app)
        assert types.count(ev.QUIZ_ANSWERED) == 2 and ev.QUIZ_FINISHED in types


async def test_passing_the_quiz_completes_the_lesson(run_app) -> None:
    async with run_app() as (app, pilot):
        await first_start(app, pilot, pin="")
        await pilot.press("enter", "enter", "right", "right", "right")
        await pilot.press("1", "enter", "1", "enter")
        assert "Passed" in str(app.screen.query_one("#summary", Static).content)
        assert app.journal_progress().lesson("first-steps").completed
        await pilot.press("enter")  # back to the lessons
        assert isinstance(app.screen, ModuleScreen)
        lessons = app.screen.query_one("#lessons", OptionList)
        assert "✓ done" in str(lessons.get_option_at_index(0).prompt)


async def test_five_wrong_pins_lock_the_profile(run_app) -> None:
    async with run_app() as (app, pilot):
        await first_start(app, pilot)
    async with run_app() as (app, pilot):
        await pilot.press("enter")
        for _ in range(5):
            await pilot.press(*"0000", "enter")
        assert isinstance(app.screen, PinDialog)
        assert "locked for 60 seconds" in str(app.screen.query_one("#error", Static).content)
        await pilot.press(*"1234", "enter")
        assert isinstance(app.screen, PinDialog)  # even the right PIN waits out the lock


async def test_full_disk_while_recording_shows_message_and_keeps_going(run_app) -> None:
    from tutor.store.errors import DiskFullError

    async with run_app() as (app, pilot):
        await first_start(app, pilot, pin="")
        log = app.services.journal._log
        before = log.last_seq

        def full(_new):
            raise DiskFullError("The disk is full. Free some space; your work so far is safe.")

        log.append = full
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert any("disk is full" in n.message for n in app._notifications)
        assert log.last_seq == before


async def test_switch_language_mid_lesson_keeps_the_place(run_app) -> None:
    async with run_app() as (app, pilot):
        await first_start(app, pilot, pin="")
        await pilot.press("enter", "enter", "right")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert "پیسہ کہاں جاتا ہے" in section_shown(app)
        assert app.profile.lang == "ur"
        assert app.services.profiles.get(app.profile.id).lang == "ur"
        await pilot.press("f2")
        await pilot.pause()
        assert "Where the money goes" in section_shown(app)


async def test_help_and_small_terminal(run_app) -> None:
    async with run_app(size=(80, 24)) as (app, pilot):
        await first_start(app, pilot, pin="")
        await pilot.press("f1")
        text = str(app.screen.query_one("#screen-help", Static).content)
        assert "continue where you left off" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, LessonScreen)


async def test_glossary_from_a_lesson_lists_the_section_terms_first(run_app) -> None:
    from tutor.ui.screens.glossary import GlossaryScreen, terms_in

    assert terms_in(
        "a [client](glossary:client) and [x](glossary:platform) [c](glossary:client)"
    ) == ["client", "platform"]
    async with run_app(lessons=None) as (app, pilot):
        await first_start(app, pilot, pin="")
        await pilot.press("c")
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("g")
        assert isinstance(app.screen, GlossaryScreen)
        terms = app.screen.query_one("#terms", OptionList)
        first = str(terms.get_option_at_index(0).prompt)
        assert first.startswith("★ ")
        shown = app.screen.query_one("#term", Markdown).source
        assert shown.startswith("## ") and len(shown) > 20
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)


async def test_bid_practice_opens_from_home_and_records_events(run_app) -> None:
    from tutor.ui.screens.sim_board import SimBoardScreen

    async with run_app(lessons=None) as (app, pilot):
        await first_start(app, pilot, pin="")
        await pilot.press("b")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        from tutor.ui.screens.sim_platform import SimPlatformScreen

        assert isinstance(app.screen, SimPlatformScreen)
        await pilot.press("enter")  # the first style, Upwork-like
        await pilot.pause()
        assert isinstance(app.screen, SimBoardScreen)
        assert "sim.career_started" in event_types(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_journey_records_milestones_as_events(run_app) -> None:
    from tutor.ui.screens.journey import JourneyScreen

    async with run_app() as (app, pilot):
        await first_start(app, pilot, pin="")
        await pilot.press("j")
        assert isinstance(app.screen, JourneyScreen)
        await pilot.press("enter")  # profile on a real platform: done
        await pilot.press("down", "down", "down", "down", "enter")  # earning: under $50
        steps = app.screen.query_one("#steps", OptionList)
        assert str(steps.get_option_at_index(0).prompt).startswith("✓")
        assert str(steps.get_option_at_index(4).prompt).startswith("●")
        assert app.journal_progress().milestones == {
            "platform_profile": True,
            "earnings_band": "under_50",
        }
        await pilot.press("up", "up", "up", "up", "enter")  # undo the profile step
        assert app.journal_progress().milestones["platform_profile"] is False
        assert event_types(app).count(ev.MILESTONE_REPORTED) == 3


async def test_a_proposals_lesson_opens_bid_practice_with_b(run_app) -> None:
    from tutor.ui.screens.sim_platform import SimPlatformScreen

    async with run_app(lessons=None) as (app, pilot):
        await first_start(app, pilot, pin="")
        app.open_lesson("first-lines-and-tailored-proposals", "first-two-lines")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert "lesson.practice_bid" not in footer_binding_ids(app)  # no link here: no B
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        app.screen.dismiss()
        await pilot.pause()
        app.open_lesson("first-lines-and-tailored-proposals", "practice")
        await pilot.pause()
        assert "lesson.practice_bid" in footer_binding_ids(app)
        await pilot.press("b")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, SimPlatformScreen)


def footer_binding_ids(app) -> set[str]:
    return {active.binding.id for active in app.screen.active_bindings.values() if active.enabled}


async def test_quiz_verdict_and_next_are_on_screen_at_80x24(run_app) -> None:
    from textual.containers import VerticalScroll

    async with run_app(size=(80, 24), lessons=None) as (app, pilot):
        await first_start(app, pilot, pin="")
        app.push_screen(QuizScreen("what-is-online-work"))
        await pilot.pause()
        await pilot.press("2")  # a wrong answer: four long explanations above the verdict
        await pilot.pause()
        await pilot.pause()
        view = app.screen.query_one("#quiz", VerticalScroll)
        assert view.scroll_y > 0
        for widget_id in ("#verdict", "#choices"):
            assert view.region.contains_region(app.screen.query_one(widget_id).region)


async def test_a_pc_in_use_starts_on_the_picker_and_comes_back_to_it(run_app, home) -> None:
    async with run_app() as (app, pilot):
        await first_start(app, pilot, name="Amna", pin="")
    async with run_app() as (app, pilot):
        assert isinstance(app.screen, ProfilePickerScreen)
        assert len(app.screen_stack) == 1  # the picker is the bottom screen: one paint
        await pilot.press("down", "enter")  # + New profile
        assert isinstance(app.screen, NewProfileScreen)
        await type_text(pilot, "Bilal")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.profile.name == "Bilal"
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ProfilePickerScreen) and len(app.screen_stack) == 1
        assert app.profile is None
        names = app.screen.query_one("#profiles", OptionList)
        shown = [str(names.get_option_at_index(i).prompt) for i in range(names.option_count)]
        assert shown[:2] == ["Amna", "Bilal"]
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen) and app.profile.name == "Amna"


async def test_screen_titles_follow_a_language_switch(run_app) -> None:
    from tutor.i18n import gettext_in
    from tutor.ui.screens.glossary import GlossaryScreen

    async with run_app() as (app, pilot):
        await first_start(app, pilot, pin="")
        await pilot.press("g")
        assert isinstance(app.screen, GlossaryScreen)
        assert app.screen.title == "Glossary"
        await pilot.press("f2")
        await pilot.pause()
        urdu = gettext_in("ur", "Glossary")
        assert urdu != "Glossary" and app.screen.title == urdu
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.title == gettext_in("ur", "Freelancing tutor")
