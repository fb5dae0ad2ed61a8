"""Event types the simulator records, with their payload keys.

Payloads stay small and flat (they cross 2G links): ids, scores and reason codes, never the
proposal text. Money is in US cents (``*_c``) and whole rupees (``*_pkr``).
"""

from __future__ import annotations

CAREER_STARTED = "sim.career_started"  # {scn, style, seed, weeks}
JOB_VIEWED = "sim.job_viewed"  # {job, tpl, cat, wk}
BID_SUBMITTED = "sim.bid_submitted"  # {job, tpl, wk, style, price_c, conn, q, sc:{...}[, pkg]}
BID_OUTCOME = "sim.bid_outcome"  # {job, won, hired, rank, of, open, why:[codes]}
SCAM_REPORTED = "sim.scam_reported"  # {job, kind, early, ok, pts}
SCAM_RESPONSE = "sim.scam_response"  # {job, kind, act, ok, pts}
CONTRACT_PAID = "sim.contract_paid"  # {job, gross_c, fee_c, wd_c, tax_pkr, net_pkr, stars}
WEEK_ENDED = "sim.week_ended"  # {wk, conn, bids, wins}
CAREER_ENDED = "sim.career_ended"  # {standing, style, wk, n, pkr, why:[codes]}
# Fiverr style: the gig (prices in cents, delivery days), declined briefs, search weeks.
GIG_CREATED = "sim.gig_created"  # {cat, p_c:[3 ints], d:[3 ints], title_ok}
BRIEF_DECLINED = "sim.brief_declined"  # {job, wk}
SEARCH_WEEK = "sim.search_week"  # {wk, n, shown, rank, of, orders}

# ``style`` ("upwork", "freelancer" or "fiverr") is in career_started, bid_submitted and
# career_ended, so the dashboard can tell the platform styles apart.

SIM_EVENT_TYPES = frozenset(
    {
        CAREER_STARTED,
        JOB_VIEWED,
        BID_SUBMITTED,
        BID_OUTCOME,
        SCAM_REPORTED,
        SCAM_RESPONSE,
        CONTRACT_PAID,
        WEEK_ENDED,
        CAREER_ENDED,
        GIG_CREATED,
        BRIEF_DECLINED,
        SEARCH_WEEK,
    }
)
