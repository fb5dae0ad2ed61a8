"""The pages show the reports, in English and Urdu, with charts and working CSV links."""

from __future__ import annotations

import csv
import io
import re

from dash_kit import SMALL_CURRICULUM
from starlette.testclient import TestClient

from tutor.collector.api import create_app


def test_overview_shows_headline_chart_and_tables(staff):
    html = staff.get("/dashboard/").text
    assert re.search(r'id="enrolled">5<', html) and re.search(r'id="active-week">3<', html)
    assert "<svg" in html and "Completion by module" in html
    assert "Getting started" in html  # module title from the curriculum
    assert "What is online freelancing?" in html  # lesson title, not its id
    assert "<script" not in html.split("<svg", 1)[0]  # no page script before the chart


def test_overview_per_centre(staff):
    html = staff.get("/dashboard/", params={"centre": "Gilgit"}).text
    assert re.search(r'id="enrolled">2<', html)
    assert '<option value="Gilgit" selected>' in html


def test_trainee_filters_and_timeline_link(staff):
    html = staff.get("/dashboard/trainees", params={"status": "stuck"}).text
    names = re.findall(r'<a href="/dashboard/trainee\?id=([^"]+)">', html)
    assert sorted(names) == ["bilal", "zara"]
    assert "3 or more failed quiz attempts" in html  # the rule is on the page
    html = staff.get("/dashboard/trainees", params={"status": "stuck", "stuck_days": "30"}).text
    assert re.findall(r'trainee\?id=([^"]+)"', html) == ["bilal"]
    timeline = staff.get("/dashboard/trainee", params={"id": "bilal"}).text
    assert timeline.count("<td>quiz.finished</td>") == 3


def test_unknown_trainee_is_404(staff):
    assert staff.get("/dashboard/trainee", params={"id": "nobody"}).status_code == 404
    assert staff.get("/dashboard/trainee").status_code == 404


def test_lessons_and_outcomes_pages(staff):
    lessons = staff.get("/dashboard/lessons").text
    assert "Completion funnel per lesson" in lessons and lessons.count("<svg") == 1
    outcomes = staff.get("/dashboard/outcomes").text
    for word in ("Swimming:", "Surviving:", "Struggling:", "Sinking:"):
        assert word in outcomes
    assert "first_job" in outcomes and outcomes.count("<svg") == 1


def test_urdu_pages_are_right_to_left_and_translated(staff):
    html = staff.get("/dashboard/", params={"lang": "ur"}).text
    assert 'dir="rtl"' in html and 'lang="ur"' in html
    assert "آغاز" in html  # the module title in Urdu
    assert "Trainees enrolled" not in html
    # the choice sticks for the next page
    assert 'dir="rtl"' in staff.get("/dashboard/trainees").text
    assert 'dir="ltr"' in staff.get("/dashboard/trainees", params={"lang": "en"}).text


def test_every_csv_link_on_every_page_downloads_its_table(staff):
    seen = set()
    for page in (
        "/dashboard/",
        "/dashboard/centres",
        "/dashboard/trainees",
        "/dashboard/lessons",
        "/dashboard/outcomes",
        "/dashboard/trainee?id=amina",
    ):
        for link in re.findall(r'class="csv" href="([^"]+)"', staff.get(page).text):
            url = "/dashboard/" + link.replace("&amp;", "&")
            r = staff.get(url)
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), url
            rows = list(csv.reader(io.StringIO(r.text)))
            assert rows and all(len(row) == len(rows[0]) for row in rows), url
            seen.add(url.split("?")[0])
    assert len(seen) == 13


def test_csv_matches_the_filtered_table(staff):
    r = staff.get("/dashboard/csv/trainees.csv", params={"status": "stuck", "centre": "Gilgit"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(x["trainee"], x["status"], x["open_quiz_fails"]) for x in rows] == [
        ("bilal", "stuck", "3")
    ]
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\dZ$", rows[0]["last_event"])
    assert 'attachment; filename="trainees-' in r.headers["content-disposition"]


def test_unknown_export_is_404(staff):
    assert staff.get("/dashboard/csv/staff_users.csv").status_code == 404


def test_the_collector_app_serves_the_dashboard(seeded, accounts):
    client = TestClient(create_app(seeded))
    assert client.get("/dashboard/", follow_redirects=False).status_code == 303
    assert client.get("/dashboard/static/dashboard.css").status_code == 200
    assert client.get("/v1/health").json() == {"ok": True}
    assert SMALL_CURRICULUM.total_lessons == 2


def test_a_busy_database_gives_503_not_500(staff, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from tutor.collector.dashboard import reports

    def busy(*_args, **_kw):  # noqa: ANN202
        raise OperationalError("SELECT 1", {}, Exception("database is locked"))

    monkeypatch.setattr(reports, "headline", busy)
    r = staff.get("/dashboard/")
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    assert staff.get("/dashboard/trainees").status_code == 200  # other pages unaffected
