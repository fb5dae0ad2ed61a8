"""Every bundled lesson, in both languages, read to the end and its quiz passed in the reader."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown, Static

from tutor.i18n import set_language
from tutor.lessons.loader import load_tree
from tutor.paths import bundled_dir
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.quiz import QuizScreen

CURRICULUM = load_tree(bundled_dir("lessons")).curriculum
LESSON_IDS = CURRICULUM.all_lesson_ids()


def test_bundled_curriculum_is_complete() -> None:
    assert len(CURRICULUM.modules) >= 6
    for module in CURRICULUM.modules:
        assert len(CURRICULUM.lesson_ids(module.id)) >= 4, module.id
    for lesson_id in LESSON_IDS:
        for lang in ("en", "ur"):
            found = CURRICULUM.get(lesson_id, lang)
            assert found is not None and not found[1], (lesson_id, lang)
            assert len(found[0].quiz) >= 4, (lesson_id, lang)


@pytest.mark.parametrize("lang", ["en", "ur"])
async def test_walk_every_lesson_and_pass_every_quiz(run_app, lang: str) -> None:
    """Half the lessons in each language, so every lesson goes through the reader once.

    Both languages of every lesson are checked for the same sections and quiz by
    ``tutor lessons check`` (tests/lessons); a full walk of both costs minutes of CI time.
    """
    lesson_ids = LESSON_IDS[(lang == "ur") :: 2]
    async with run_app(lessons=None, size=(100, 30)) as (app, pilot):
        await pilot.press("enter")
        profile = app.services.profiles.create("Walker", "", lang)
        app.start_session(profile)
        set_language(lang)
        await pilot.pause()
        for lesson_id in lesson_ids:
            lesson = CURRICULUM.get(lesson_id, lang)[0]
            # every section is rendered once by the reader; the page turns themselves are
            # covered in test_flow (a full walk with key presses costs minutes of CI time)
            app.open_lesson(lesson_id, lesson.sections[-1].id)
            await pilot.pause()
            assert isinstance(app.screen, LessonScreen)
            reader = app.screen
            for index, section in enumerate(lesson.sections):
                reader.index = index
                markdown = reader._section_markdown(lesson)
                assert section.title in markdown and section.body.strip()[:20] in markdown
            assert section.title in app.screen.query_one("#section", Markdown).source
            await pilot.press("right")
            assert isinstance(app.screen, QuizScreen), lesson_id
            for question in lesson.quiz:
                await pilot.press(str(question.correct_indexes[0] + 1))
                assert "✓" in str(app.screen.query_one("#verdict", Static).content)
                await pilot.press("enter")
            assert "✓" in str(app.screen.query_one("#summary", Static).content)
            await pilot.press("enter")
        progress = app.journal_progress()
        assert all(progress.lesson(lid).completed for lid in lesson_ids)
