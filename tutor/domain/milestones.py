"""Real-world milestones a trainee reports in "My freelancing journey".

Recorded as ``milestone.reported`` events ``{milestone, value}``; the programme's dashboard
reads them to see who is sinking, struggling, surviving or swimming.
"""

from __future__ import annotations

PROFILE, PROPOSAL, FIRST_JOB, EARNINGS = (
    "platform_profile",
    "first_proposal",
    "first_job",
    "earnings_band",
)
MILESTONES = (PROFILE, PROPOSAL, FIRST_JOB, EARNINGS)
# Earnings bands (US dollars a month) from lowest to highest.
EARNINGS_BANDS = ("none", "under_50", "50_200", "200_plus")
YES_NO_MILESTONES = (PROFILE, PROPOSAL, FIRST_JOB)


def valid_report(milestone: str, value: object) -> bool:
    """Only values the dashboard understands are recorded."""
    if milestone in YES_NO_MILESTONES:
        return isinstance(value, bool)
    if milestone == EARNINGS:
        return value in EARNINGS_BANDS
    return False
