"""Every page, export and API call needs a live session; logins are slowed, CSRF-checked;
SQL injection and script injection through filters and synced text are inert."""

from __future__ import annotations

import re

import pytest
from dash_kit import PASSWORD, log_in, login_csrf
from seed_data import Device

from tutor.collector.cohorts import add_cohort
from tutor.collector.dashboard.staff_accounts import SESSION_LIFETIME_MS

PAGES = [
    "/dashboard/",
    "/dashboard/centres",
    "/dashboard/trainees",
    "/dashboard/trainees?status=stuck",
    "/dashboard/trainees?cohort=1",
    "/dashboard/trainee?id=amina",
    "/dashboard/lessons",
    "/dashboard/outcomes",
]
EXPORTS = [
    f"/dashboard/csv/{name}.csv"
    for name in (
        "modules",
        "lesson_results",
        "sim_results",
        "centres",
        "devices",
        "trainees",
        "funnel",
        "hardest",
        "milestones",
        "trajectories",
        "cohorts",
        "time_spent",
    )
] + ["/dashboard/csv/timeline.csv?id=amina"]


def _gated(client, path: str) -> bool:  # noqa: ANN001
    r = client.get(path, follow_redirects=False)
    if path.startswith("/dashboard/csv"):
        return r.status_code == 401 and "amina" not in r.text
    return r.status_code == 303 and r.headers["location"] == "/dashboard/login"


def test_everything_needs_a_session(client):
    for path in [*PAGES, *EXPORTS]:
        assert _gated(client, path), path
    r = client.get("/xapi/statements")
    assert r.status_code == 401 and "statements" not in r.text


def test_forged_and_expired_sessions_are_refused(client, clock):
    client.cookies.set("tutor_staff", "forged-token-value")
    assert all(_gated(client, p) for p in [*PAGES, *EXPORTS])
    client.cookies.clear()
    assert log_in(client).status_code == 303
    assert client.get("/dashboard/").status_code == 200
    clock.now += SESSION_LIFETIME_MS + 1
    assert all(_gated(client, p) for p in [*PAGES, *EXPORTS])


def test_session_cookie_is_http_only_and_strict(client):
    r = log_in(client)
    cookie = r.headers["set-cookie"]
    assert "tutor_staff=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_login_without_the_form_token_is_refused(client):
    r = client.post(
        "/dashboard/login",
        data={"csrf": "guess", "username": "staff", "password": PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 400 and "tutor_staff=" not in r.headers.get("set-cookie", "")
    assert _gated(client, "/dashboard/")


def test_wrong_password_and_unknown_user_are_refused_alike(client):
    wrong, unknown = log_in(client, password="not the password"), log_in(client, "nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert "tutor_staff=" not in wrong.headers.get("set-cookie", "")
    assert _gated(client, "/dashboard/")


def test_failed_logins_are_slowed_down_and_reset_on_success(client, sleeps):
    for _ in range(4):
        assert log_in(client, password="wrong wrong wrong").status_code == 401
    assert log_in(client).status_code == 303
    assert sleeps.waits == [0.0, 0.5, 1.0, 2.0, 4.0]
    client.cookies.clear()
    log_in(client)
    assert sleeps.waits[-1] == 0.0


def test_logout_needs_the_session_csrf_token(staff):
    r = staff.post("/dashboard/logout", data={"csrf": "wrong"}, follow_redirects=False)
    assert r.status_code == 403 and staff.get("/dashboard/").status_code == 200
    token = re.search(r'name="csrf" value="([^"]+)"', staff.get("/dashboard/").text).group(1)
    r = staff.post("/dashboard/logout", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    assert _gated(staff, "/dashboard/")


def test_old_session_cookie_is_dead_after_logout(staff):
    cookie = staff.cookies.get("tutor_staff")
    token = re.search(r'name="csrf" value="([^"]+)"', staff.get("/dashboard/").text).group(1)
    staff.post("/dashboard/logout", data={"csrf": token})
    staff.cookies.set("tutor_staff", cookie)
    assert _gated(staff, "/dashboard/trainees")


def test_oversized_login_form_is_refused(client):
    csrf = login_csrf(client)
    r = client.post(
        "/dashboard/login",
        data={"csrf": csrf, "username": "staff", "password": "x" * 10_000},
        follow_redirects=False,
    )
    assert r.status_code == 400


def test_pages_forbid_scripts_and_other_hosts(staff):
    for path in PAGES:
        r = staff.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        # nothing is loaded from another host: every src/href is local
        for url in re.findall(r'(?:src|href)="([^"]*)"', r.text):
            assert not re.match(r"^(https?:)?//", url), (path, url)


INJECTIONS = [
    "x' OR '1'='1",
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "1) UNION SELECT token_hash, 1 FROM staff_sessions --",
]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_sql_injection_through_filters_is_inert(staff, seeded, evil):
    before = seeded.count_events()
    paths = ("/dashboard/trainees", "/dashboard/", "/dashboard/lessons", "/dashboard/outcomes")
    for path in (*paths, "/dashboard/centres"):
        params = {"centre": evil, "status": evil, "stuck_days": evil, "cohort": evil}
        assert staff.get(path, params=params).status_code == 200
    for name in ("trainees", "cohorts", "time_spent"):
        r = staff.get(f"/dashboard/csv/{name}.csv", params={"centre": evil, "cohort": evil})
        assert r.status_code == 200 and "," in r.text
    for params in ({"centre": evil}, {"cohort": evil}, {"cohort": "1 OR 1=1"}):
        r = staff.get("/dashboard/trainees", params=params)
        assert all(name in r.text for name in ("amina", "bilal", "sana"))  # filter ignored
    assert staff.get("/dashboard/trainee", params={"id": evil}).status_code == 404
    assert staff.get("/dashboard/csv/trainees.csv", params={"status": evil}).status_code == 200
    assert staff.get("/xapi/statements", params={"verb": evil, "activity": evil}).json() == {
        "statements": [],
        "more": "",
    }
    assert seeded.count_events() == before


XSS = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'


def test_script_injection_through_synced_text_is_inert(staff, seeded):
    d = Device(seeded, "devevil0001", "<b>Evil centre</b>" + XSS)
    d.add(XSS, "lesson.opened", 1, lesson=IMG)
    d.add(XSS, "quiz.answered", 1, lesson=IMG, question=XSS, choice=0, correct=False)
    for _ in range(3):
        d.add(XSS, "quiz.answered", 1, lesson=IMG, question=XSS, choice=1, correct=False)
    d.add(XSS, "milestone.reported", 1, milestone=XSS, value=IMG)
    d.add(XSS, "sim.career_ended", 1, standing=IMG)
    d.sync()
    with seeded.engine.begin() as conn:
        add_cohort(conn, "<b>Evil centre</b>" + XSS, IMG, "2020-01-01", seeded.clock_ms())
    pages = [*PAGES, "/dashboard/trainee?" + "id=%3Cscript%3Ealert(1)%3C%2Fscript%3E"]
    for path in pages:
        r = staff.get(path)
        assert r.status_code == 200, path
        assert "<script>alert" not in r.text and "<img src=x" not in r.text, path
    outcomes = staff.get("/dashboard/outcomes").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outcomes
    assert "&lt;img src=x" in staff.get("/dashboard/lessons").text
    for page in ("/dashboard/centres", "/dashboard/trainees"):  # cohort table, cohort filter
        assert "&lt;img src=x onerror=" in staff.get(page).text, page


def test_csv_cells_cannot_run_as_formulas(staff, seeded):
    d = Device(seeded, "devcsv00001", "Gilgit")
    d.add('=HYPERLINK("http://x")', "lesson.opened", 1, lesson="-2+3")
    d.sync()
    text = staff.get("/dashboard/csv/trainees.csv").text
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text
    funnel = staff.get("/dashboard/csv/funnel.csv").text
    assert "'-2+3" in funnel
