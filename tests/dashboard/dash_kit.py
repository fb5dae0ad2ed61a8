"""Shared pieces of the dashboard tests: clock, recorded sleeps, a small curriculum, login."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from tutor.collector.dashboard.curriculum_index import CurriculumIndex, ModuleInfo

START = 1_770_000_000_000
PASSWORD = "correct horse battery"
SMALL_CURRICULUM = CurriculumIndex(
    (
        ModuleInfo(
            "getting-started",
            {"en": "Getting started", "ur": "آغاز"},
            ("what-is-online-work", "platforms-compared"),
        ),
    ),
    {"what-is-online-work": {"en": "What is online freelancing?"}},
)


class Clock:
    """A settable clock that moves 10 ms per reading (ids and orderings stay unique)."""

    def __init__(self, start: int = START) -> None:
        self.now = start

    def __call__(self) -> int:
        self.now += 10
        return self.now


class Sleeps:
    """Records how long the login throttle asked to wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def login_csrf(client: TestClient) -> str:
    page = client.get("/dashboard/login")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def log_in(client: TestClient, username: str = "staff", password: str = PASSWORD):  # noqa: ANN201
    return client.post(
        "/dashboard/login",
        data={"csrf": login_csrf(client), "username": username, "password": password},
        follow_redirects=False,
    )
