"""The dashboard in headless Chromium: log in, open each page, filter, export CSV, log out.

Debian's ``chromium`` is driven by Playwright (``executable_path``); no browser is
downloaded. Every request the browser makes is checked: anything not for the collector's
own loopback address is aborted and fails the test. Screenshots go to
``$TUTOR_SCREENSHOTS`` (default: the test's temporary folder) for a person to look at.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
uvicorn = pytest.importorskip("uvicorn", reason="collector extra not installed")

from dash_kit import PASSWORD, Clock  # noqa: E402
from seed_data import Device, seed_programme  # noqa: E402

from tutor.collector.api import create_app  # noqa: E402
from tutor.collector.cohorts import add_cohort  # noqa: E402
from tutor.collector.dashboard.staff_accounts import StaffAccounts  # noqa: E402
from tutor.collector.database import make_engine  # noqa: E402
from tutor.collector.store import CollectorStore  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Debian's chromium is not installed (apt-get install chromium)",
)


class _Clock(Clock):
    """Real time for the server (sessions must not expire mid-test), ticking like the fake."""

    def __call__(self) -> int:
        self.now = max(self.now + 1, int(time.time() * 1000))
        return self.now


@pytest.fixture
def server(tmp_path):  # noqa: ANN001, ANN201
    store = CollectorStore(
        make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}", durable=False),
        _Clock(),
        random.Random(3),
    )
    store.migrate()
    seed_programme(store)
    d = Device(store, "devxss00001", "Skardu")
    d.add("<script>alert(1)</script>", "lesson.opened", 2, lesson="<img src=x onerror=alert(2)>")
    d.sync()
    t = Device(store, "devtime0001", "Gilgit")  # amina spends 7 minutes on a second PC
    for minutes in (7, 3, 0):
        t.add("amina", "section.read", 1 + minutes / 1440, lesson="platforms-compared")
    t.sync()
    with store.engine.begin() as conn:
        add_cohort(conn, "Gilgit", "First intake", "2020-01-01", store.clock_ms())
    StaffAccounts(store.engine, store.clock_ms, store.rng, scrypt_n=2**12).add_user(
        "staff", PASSWORD
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.engine.dispose()


def test_staff_journey_in_chromium(server, tmp_path):
    shots = Path(os.environ.get("TUTOR_SCREENSHOTS", tmp_path / "shots"))
    shots.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    dialogs: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )

        def guard(route) -> None:  # noqa: ANN001
            if route.request.url.startswith(server + "/"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        page.goto(server + "/dashboard/")
        assert page.url.endswith("/dashboard/login")
        page.screenshot(path=str(shots / "login.png"), full_page=True)
        page.fill("#username", "staff")
        page.fill("#password", "wrong password!")
        page.click("#login")
        assert "wrong" in page.locator(".error").inner_text()
        page.fill("#username", "staff")
        page.fill("#password", PASSWORD)
        page.click("#login")
        page.wait_for_url(server + "/dashboard/")
        assert page.locator("#enrolled").inner_text() == "6"
        assert page.locator("figure.chart svg").count() == 1
        page.screenshot(path=str(shots / "overview.png"), full_page=True)

        for name in ("centres", "lessons", "outcomes"):
            page.click(f"nav a[href='/dashboard/{'' if name == 'overview' else name}']")
            page.wait_for_url(f"{server}/dashboard/{name}")
            assert page.locator("h1").count() == 1
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
            if name == "centres":
                cohort_rows = page.locator("#table-cohorts tbody tr td:first-child")
                assert cohort_rows.all_inner_texts() == ["First intake"]
            if name == "lessons":
                assert page.locator("#table-time_spent tbody tr").count() >= 1
                assert "10 minutes" in page.locator("#time-rule").inner_text()

        page.click("nav a[href='/dashboard/trainees']")
        page.select_option("#status", "stuck")
        page.click("#apply-filter")
        page.wait_for_url("**status=stuck**")
        names = page.locator("#table-trainees tbody tr td:first-child").all_inner_texts()
        assert sorted(names) == ["<script>alert(1)</script>", "bilal", "zara"]  # shown as text
        page.screenshot(path=str(shots / "trainees-stuck.png"), full_page=True)

        with page.expect_download() as info:
            page.click("a.csv")
        csv_text = Path(info.value.path()).read_text()
        assert csv_text.startswith("trainee,centre,cohort,status") and "bilal" in csv_text
        assert "amina" not in csv_text  # the export keeps the filter

        page.select_option("#status", "")
        page.select_option("#cohort", label="Gilgit: First intake (2020-01-01)")
        page.click("#apply-filter")
        page.wait_for_url("**cohort=**")
        names = page.locator("#table-trainees tbody tr td:first-child").all_inner_texts()
        assert sorted(names) == ["amina", "bilal"]
        page.screenshot(path=str(shots / "trainees-cohort.png"), full_page=True)

        page.click("text=bilal")
        page.wait_for_url("**/dashboard/trainee?id=bilal")
        assert page.locator("td", has_text="quiz.finished").count() == 3
        page.screenshot(path=str(shots / "timeline.png"), full_page=True)

        page.goto(server + "/dashboard/trainees?lang=ur")
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.screenshot(path=str(shots / "trainees-ur.png"), full_page=True)
        page.goto(server + "/dashboard/?lang=en")

        page.click("#logout")
        page.wait_for_url(server + "/dashboard/login")
        page.goto(server + "/dashboard/trainees")
        assert page.url.endswith("/dashboard/login")
        browser.close()
    assert outside == [], f"requests left the machine: {outside}"
    assert dialogs == [], "a script from synced data ran"
