"""The trainee's price against the client's budget and the market, and how clients react.

Evidence (DOMAIN §1.12) says price matters less than trainees expect: a bid far above the
budget is dropped, but a very low bid also reads as low quality to most clients. So the
client's price term is small and only clearly negative at the extremes.
"""

from __future__ import annotations

from tutor.domain.sim.job_board import Job
from tutor.domain.sim.reason import ParamValue, Reason
from tutor.domain.sim.scenario import HOURLY

UPWORK_MIN_HOURLY_USD = 3.0  # oDesk/Upwork minimum from November 2014, fee included
MAX_PRICE_USD = 1_000_000.0


def price_ratio(price: float, job: Job) -> float:
    """Price as a share of the client's budget (1.0 = exactly the budget)."""
    return price / job.budget


def price_term(ratio: float, price_focus: float) -> float:
    """The client's liking for a price, added to its utility (roughly -3 .. +0.3).

    Above budget always hurts, more for price-focused clients. Below budget helps a
    price-focused client a little, but a bid under 60% of the budget worries clients who
    care about quality (``price_focus`` near 0).
    """
    if ratio > 1.0:
        return -(ratio - 1.0) * (1.5 + 2.0 * price_focus)
    term = (1.0 - ratio) * 0.5 * price_focus
    if ratio < 0.6:
        term -= (0.6 - ratio) * 1.5 * (1.0 - price_focus)
    return term


def price_reason(price: float, job: Job) -> Reason:
    """One reason explaining the price against the budget and the market range."""
    ratio = price_ratio(price, job)
    params: dict[str, ParamValue] = {
        "price": f"{price:,.2f}",
        "budget": f"{job.budget:,.2f}",
        "low": f"{job.market_low:,.0f}",
        "high": f"{job.market_high:,.0f}",
        "pct": round(abs(ratio - 1.0) * 100),
    }
    if job.template.pay == HOURLY and price < UPWORK_MIN_HOURLY_USD:
        return Reason("price.below_minimum", False, params)
    if ratio > 1.5:
        return Reason("price.far_above_budget", False, params)
    if ratio > 1.1:
        return Reason("price.above_budget", False, params)
    if ratio < 0.6 or price < job.market_low * 0.6:
        return Reason("price.too_low", False, params)
    return Reason("price.fair", True, params)
