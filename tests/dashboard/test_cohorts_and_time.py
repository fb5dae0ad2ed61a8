"""Cohorts defined on the collector and time spent per lesson, in reports, pages and CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest
from seed_data import Device

from tutor.collector.cohorts import CohortError, add_cohort, list_cohorts
from tutor.collector.dashboard import reports as rep
from tutor.collector.dashboard.cohort_reports import cohort_table

MINUTE_DAYS = 1 / (24 * 60)


def _cohorts(store) -> dict[str, int]:  # noqa: ANN001
    """Gilgit: "January" from 2026-01-01 and "Late January" from 2026-01-25. The store's
    clock is 2026-02-02, so amina (first event 10 days ago) is in January and bilal (5 days
    ago) in Late January; Peshawar has no cohort."""
    with store.engine.begin() as conn:
        add_cohort(conn, "Gilgit", "January", "2026-01-01", store.clock_ms())
        add_cohort(conn, "Gilgit", "Late January", "2026-01-25", store.clock_ms())
        return {c.name: c.id for c in list_cohorts(conn)}


def test_a_trainee_joins_the_latest_cohort_started_by_their_first_event(seeded):
    _cohorts(seeded)
    with seeded.engine.connect() as conn:
        table = rep.trainee_rows(conn, rep.Scope(seeded.clock_ms()), total_lessons=2)
        per = {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.rows}
        cohorts = cohort_table(conn, rep.Scope(seeded.clock_ms()), total_lessons=2)
    assert per["amina"]["cohort"] == "January" and per["bilal"]["cohort"] == "Late January"
    assert per["omar"]["cohort"] is None  # Peshawar defined no cohort
    rows = {r[0]: dict(zip(cohorts.columns, r, strict=True)) for r in cohorts.rows}
    jan, late = rows["January"], rows["Late January"]
    assert (jan["enrolled"], jan["active_week"], jan["percent_completed"]) == (1, 1, 100)
    assert (jan["pass_rate"], jan["sim_players"], jan["sim_bids"], jan["sim_wins"]) == (
        100,
        1,
        1,
        1,
    )
    assert (late["enrolled"], late["percent_completed"], late["pass_rate"]) == (1, 0, 0)


def test_cohort_input_is_checked(seeded):
    with seeded.engine.begin() as conn:
        for centre, name, starts, words in (
            ("Nowhere", "A", "2026-01-01", "No centre called"),
            ("Gilgit", "A", "2026-13-01", "not a real date"),
            ("Gilgit", "A", "01-01-2026", "YYYY-MM-DD"),
            ("Gilgit", "a\nb", "2026-01-01", "control characters"),
        ):
            with pytest.raises(CohortError, match=words):
                add_cohort(conn, centre, name, starts, 0)
        assert list_cohorts(conn) == []


def test_trainee_list_and_its_csv_filter_by_cohort(staff, seeded):
    ids = _cohorts(seeded)
    html = staff.get("/dashboard/trainees", params={"cohort": ids["January"]}).text
    assert re.findall(r'trainee\?id=([^"]+)"', html) == ["amina"]
    assert f'<option value="{ids["January"]}" selected>' in html
    r = staff.get("/dashboard/csv/trainees.csv", params={"cohort": ids["Late January"]})
    assert [row["trainee"] for row in csv.DictReader(io.StringIO(r.text))] == ["bilal"]
    unknown = staff.get("/dashboard/trainees", params={"cohort": "999"}).text
    assert len(re.findall(r'trainee\?id=([^"]+)"', unknown)) == 5  # filter ignored


def test_centres_page_shows_cohorts_their_rule_and_csv(staff, seeded):
    _cohorts(seeded)
    html = staff.get("/dashboard/centres").text
    assert 'id="table-cohorts"' in html and "Late January" in html
    assert "latest start date on or before their first recorded activity" in html
    rows = list(csv.DictReader(io.StringIO(staff.get("/dashboard/csv/cohorts.csv").text)))
    assert [(r["cohort"], r["enrolled"]) for r in rows] == [("January", "1"), ("Late January", "1")]


def _sitting(d: Device, who: str, lesson: str, minutes: list[float], complete: bool) -> None:
    """Events of one lesson at these minutes (from 2 days ago), completing it if asked."""
    kinds = ["lesson.opened"] + ["section.read"] * (len(minutes) - 1)
    if complete:
        kinds[-1] = "lesson.completed"
    for kind, m in zip(kinds, minutes, strict=True):
        d.add(who, kind, 2 - m * MINUTE_DAYS, lesson=lesson)


def test_time_spent_counts_sittings_and_skips_long_pauses(store):
    d = Device(store, "devtime0001", "Gilgit")
    # tariq: 0-9 minutes, a pause of an hour (not counted), then 69-74: 14 minutes
    _sitting(d, "tariq", "l1", [0, 3, 8, 9, 69, 74], complete=True)
    _sitting(d, "huma", "l1", [0, 2, 4], complete=True)  # 4 minutes
    _sitting(d, "ali", "l1", [0, 6], complete=False)  # 6 minutes, not completed
    d.sync()
    with store.engine.connect() as conn:
        table = rep.time_spent(conn, rep.Scope(store.clock_ms()))
    row = dict(zip(table.columns, table.rows[0], strict=True))
    assert row == {
        "lesson": "l1",
        "completed": 2,
        "median_minutes": 9,  # of 4 and 14: trainees who completed
        "total_minutes": 24,  # everyone
        "trainees_with_time": 3,
    }
    assert rep.median_of_histogram([(1, 2), (7, 1)]) == 1
    assert rep.median_of_histogram([(1, 1), (2, 1)]) == 1.5
    assert rep.median_of_histogram([]) is None


def test_lessons_page_shows_time_spent_and_its_rule(staff, seeded):
    d = Device(seeded, "devtime0002", "Gilgit")
    _sitting(d, "tariq", "what-is-online-work", [0, 5, 7], complete=True)
    d.sync()
    html = staff.get("/dashboard/lessons").text
    assert 'id="table-time_spent"' in html and "more than 10 minutes" in html
    rows = list(csv.DictReader(io.StringIO(staff.get("/dashboard/csv/time_spent.csv").text)))
    mine = next(r for r in rows if r["lesson"] == "what-is-online-work")
    assert (mine["completed"], mine["median_minutes"], mine["total_minutes"]) == ("4", "0", "7")
    urdu = staff.get("/dashboard/lessons", params={"lang": "ur"}).text
    assert 'dir="rtl"' in urdu and urdu.count('id="table-time_spent"') == 1
