"""Every word the dashboard shows, marked for translation and looked up per request.

Templates are not scanned for messages (babel.cfg reads Python only), so the words live
here; each page gets them in the language the staff member chose, through ``gettext_in``
(the tutor's process-wide language must not change under a web server's threads).
"""

from __future__ import annotations

from tutor.i18n import N_, gettext_in

TEXTS: dict[str, str] = {
    # pages and navigation
    "app_title": N_("Programme dashboard"),
    "overview": N_("Overview"),
    "centres": N_("Centres and devices"),
    "trainees": N_("Trainees"),
    "lessons": N_("Lessons"),
    "outcomes": N_("Outcomes"),
    "log_in": N_("Log in"),
    "log_out": N_("Log out"),
    "username": N_("User name"),
    "password": N_("Password"),
    "login_failed": N_("The user name or password is wrong."),
    "login_expired": N_("The form expired; please try again."),
    "signed_in_as": N_("Signed in as"),
    "language": N_("Language"),
    "export_csv": N_("Export CSV"),
    "all_centres": N_("All centres"),
    "centre": N_("Centre"),
    "filter": N_("Filter"),
    "status": N_("Status"),
    "any_status": N_("Any status"),
    "stuck_days": N_("Stuck after (days without progress)"),
    "no_rows": N_("Nothing to show yet."),
    "not_found": N_("No such page."),
    "next_page": N_("Next page"),
    # overview
    "enrolled": N_("Trainees enrolled"),
    "active_week": N_("Active in the last 7 days"),
    "completion_by_module": N_("Completion by module"),
    "percent_completed": N_("Lessons completed (% of possible)"),
    "quiz_pass_rates": N_("Quiz pass rates"),
    "sim_results": N_("Bid simulator results"),
    "freshness": N_("How fresh each centre's data is"),
    "devices_title": N_("Devices"),
    "clock_note": N_(
        "A warning means the PC's clock was more than 10 minutes off at its last upload."
    ),
    "waiting_note": N_("Events still waiting on a PC are not known until it syncs."),
    # column headings
    "col_lesson": N_("Lesson"),
    "col_module": N_("Module"),
    "col_completed": N_("Completed"),
    "col_quiz_takers": N_("Took the quiz"),
    "col_quiz_passed": N_("Passed the quiz"),
    "col_pass_rate": N_("Pass rate %"),
    "col_measure": N_("Measure"),
    "col_percent": N_("Lessons completed %"),
    "measure_players": N_("Trainees who played"),
    "measure_bids": N_("Bids sent"),
    "measure_bids_won": N_("Bids won"),
    "measure_careers_ended": N_("Simulated careers finished"),
    "col_value": N_("Value"),
    "col_centre": N_("Centre"),
    "col_devices": N_("Devices"),
    "col_newest_sync": N_("Newest sync"),
    "col_oldest_sync": N_("Oldest sync"),
    "col_worst_clock_ms": N_("Worst clock offset (ms)"),
    "col_device": N_("Device"),
    "col_last_sync": N_("Last sync"),
    "col_events_held": N_("Events held"),
    "col_clock_offset_ms": N_("Clock offset (ms)"),
    "col_clock_warning": N_("Clock warning"),
    "col_revoked": N_("Revoked"),
    "col_trainee": N_("Trainee"),
    "col_status": N_("Status"),
    "col_lessons_completed": N_("Lessons completed"),
    "col_open_quiz_fails": N_("Failed quiz attempts not yet passed"),
    "col_last_progress": N_("Last progress"),
    "col_last_event": N_("Last activity"),
    "col_events": N_("Events"),
    "col_time": N_("Time"),
    "col_seq": N_("Seq"),
    "col_type": N_("What happened"),
    "col_details": N_("Details"),
    "col_via": N_("Came by"),
    "col_opened": N_("Opened"),
    "col_read": N_("Read a section"),
    "col_quiz_taken": N_("Took the quiz"),
    "col_question": N_("Question"),
    "col_answers": N_("Answers"),
    "col_correct": N_("Correct"),
    "col_percent_correct": N_("Share correct (%)"),
    "col_milestone": N_("Milestone"),
    "col_trainees": N_("Trainees"),
    "col_period_end": N_("Period ending"),
    "col_enrolled": N_("Enrolled"),
    "col_sinking": N_("Sinking"),
    "col_struggling": N_("Struggling"),
    "col_surviving": N_("Surviving"),
    "col_swimming": N_("Swimming"),
    # statuses and rules
    "status_active": N_("Active"),
    "status_stuck": N_("Stuck"),
    "status_dropped": N_("Dropped out"),
    "status_finished": N_("Finished"),
    "rule_finished": N_("Finished: completed every lesson of the curriculum."),
    "rule_dropped": N_("Dropped out: not finished and nothing at all for 30 days."),
    "rule_stuck": N_(
        "Stuck: not finished, and no progress (a section read, a quiz or a lesson finished) "
        "for the chosen number of days, or 3 or more failed quiz attempts in lessons not yet "
        "passed."
    ),
    "rule_active": N_("Active: everyone else."),
    "timeline_of": N_("Timeline of trainee"),
    "funnel": N_("Completion funnel per lesson"),
    "hardest": N_("Hardest quiz questions"),
    "hardest_note": N_("Questions answered at least 3 times, lowest share correct first."),
    "time_spent": N_("Time spent per lesson"),
    "time_rule": N_(
        "How time is counted: a trainee's events in a lesson (opening it, reading a section, "
        "answering or finishing the quiz, completing it) form sittings; a pause of more than "
        "{gap} minutes between two events ends a sitting and is not counted. A trainee's time "
        "in a lesson is the total length of their sittings. The median is over trainees who "
        "completed the lesson; the total is over all trainees. Events brought by USB only "
        "carry the time they were imported, so they add no time."
    ),
    "col_median_minutes": N_("Median minutes (trainees who completed)"),
    "col_total_minutes": N_("Total minutes, all trainees"),
    "col_trainees_with_time": N_("Trainees with time counted"),
    "milestones": N_("Reported real-world milestones"),
    "trajectories": N_("Sinking, struggling, surviving, swimming over time"),
    "rule_swimming": N_("Swimming: reported a first job and earnings of 50-200 $ a month or more."),
    "rule_surviving": N_("Surviving: reported a first job, earnings below that or not reported."),
    "rule_struggling": N_(
        "Struggling: reported a profile on a real platform or a first proposal, no job yet."
    ),
    "rule_sinking": N_("Sinking: enrolled, but none of these reported."),
    "periods_note": N_("Each row counts trainees as they stood at the end of a 28-day period."),
    "cohorts": N_("Cohorts"),
    "cohort": N_("Cohort"),
    "all_cohorts": N_("All cohorts"),
    "cohort_rule": N_(
        "A trainee belongs to the cohort of their centre with the latest start date on or "
        "before their first recorded activity. Trainees who started before their centre's "
        "first cohort belong to none. Staff add cohorts on the collector with: tutor collector "
        "add-cohort --centre CENTRE --name NAME --starts YYYY-MM-DD"
    ),
    "col_cohort": N_("Cohort"),
    "col_starts": N_("Starts"),
    "col_active_week": N_("Active this week"),
    "col_percent_completed": N_("Lessons completed (% of possible)"),
    "col_sim_players": N_("Played the bid simulator"),
    "col_sim_bids": N_("Simulator bids sent"),
    "col_sim_wins": N_("Simulator bids won"),
}


def texts(lang: str) -> dict[str, str]:
    """All dashboard words in ``lang`` (English msgids when a word has no translation)."""
    return {key: gettext_in(lang, msgid) for key, msgid in TEXTS.items()}
