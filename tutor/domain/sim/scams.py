"""Scam "clients" and how the trainee's response to them is scored.

The right move with a scam is always the same: refuse and report it on the platform
(DOMAIN §3). Reporting before spending Connects scores best; going along has a
consequence matched to the scam's kind (lost badges, unpaid work, money lost, account
suspended, identity exposed) that the career carries forward.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.domain.sim.job_board import Job
from tutor.domain.sim.reason import Reason

REPORT = "report"  # refuse and report to the platform
DECLINE = "decline"  # refuse without reporting
COMPLY = "comply"  # do what the "client" asks
ACTIONS = (REPORT, DECLINE, COMPLY)

# What going along with each kind of scam costs (career consequences).
CONSEQUENCE = {
    "off_platform": "consequence.badges_lost",
    "free_test": "consequence.unpaid_work",
    "overpayment": "consequence.money_lost",
    "account_rent": "consequence.suspended",
    "too_good": "consequence.identity_exposed",
}


@dataclass(frozen=True)
class ScamVerdict:
    """The score for one response: 2 = refused and reported, 1 = refused, 0 = fell for it."""

    job_id: str
    kind: str  # the scam's kind, or "" when the job was genuine
    action: str
    points: int
    correct: bool
    consequence: str
    reasons: tuple[Reason, ...]


def _flag_reasons(job: Job) -> list[Reason]:
    return [Reason(f"flag.{flag}", True) for flag in job.template.red_flags]


def judge_response(job: Job, action: str, before_bid: bool) -> ScamVerdict:
    """Score the trainee's ``action`` on ``job`` (raises ValueError on an unknown action).

    ``before_bid`` is True when the trainee reported straight from the job post: spotting
    the scam before paying Connects is worth the most.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not job.is_scam:
        return _genuine(job, action)
    kind = job.template.scam_kind
    flags = _flag_reasons(job)
    if action == REPORT:
        code = "scam.reported_early" if before_bid else "scam.reported"
        return ScamVerdict(job.id, kind, action, 2, True, "", (Reason(code, True), *flags))
    if action == DECLINE:
        return ScamVerdict(
            job.id, kind, action, 1, True, "", (Reason("scam.declined", True), *flags)
        )
    consequence = CONSEQUENCE[kind]
    reasons = (Reason(f"scam.fell.{kind}", False), Reason(consequence, False), *flags)
    return ScamVerdict(job.id, kind, action, 0, False, consequence, reasons)


def _genuine(job: Job, action: str) -> ScamVerdict:
    """A genuine job: reporting it is a false alarm (no harm, but it says what looked fine)."""
    if action == REPORT:
        signals = {"hire_rate": round(job.client.hire_rate * 100), "jobs": job.client.jobs_posted}
        reason = Reason("scam.false_alarm", False, signals)
        return ScamVerdict(job.id, "", action, 0, False, "", (reason,))
    return ScamVerdict(job.id, "", action, 1, True, "", (Reason("scam.genuine_job", True),))
