"""Pilot fixtures: a fresh data folder per test and the small fixture lesson tree."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from tutor.i18n import set_language
from tutor.services.startup import TutorServices, open_services
from tutor.ui.app import TutorApp

FIXTURE_LESSONS = Path(__file__).parent / "fixtures" / "lessons"


@pytest.fixture(autouse=True)
def english_first() -> None:
    """The interface language is process-wide; every test starts from English."""
    set_language("en")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


Runner = Callable[..., object]


@pytest.fixture
def run_app(home: Path) -> Callable[..., object]:
    """``async with run_app() as (app, pilot)``: the tutor on ``home``, closed afterwards."""

    @asynccontextmanager
    async def runner(
        size: tuple[int, int] = (100, 30), lessons: Path | None = FIXTURE_LESSONS
    ) -> AsyncIterator[tuple[TutorApp, object]]:
        services: TutorServices = open_services(home, lessons)
        app = TutorApp(services)
        try:
            async with app.run_test(size=size) as pilot:
                for _ in range(50):  # lessons start loading once the first screen is painted
                    if app._loading_started:
                        break
                    await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                yield app, pilot
        finally:
            services.close()

    return runner
