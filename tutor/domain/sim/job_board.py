"""Job posts drawn from the scenario: the board a trainee chooses from each week.

A :class:`Job` fixes everything random about one post when it is drawn (budget, client
history, how many rivals will bid), so viewing a job and later resolving a bid on it agree,
and the same seed always gives the same board.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tutor.domain.sim.rivals import Bidder, draw_rivals
from tutor.domain.sim.scenario import FIXED, FREELANCER, Band, JobTemplate, Scenario


@dataclass(frozen=True)
class ClientHistory:
    """What the post shows about the client (Upwork shows hire rate, spend, rating)."""

    country: str
    jobs_posted: int
    hire_rate: float
    rating: float
    verified: bool
    price_focus: float


@dataclass(frozen=True)
class Job:
    """One post on the board. ``budget`` is USD for fixed price, USD/hour for hourly."""

    id: str
    template: JobTemplate
    budget: float
    client: ClientHistory
    rivals: int
    band: tuple[int, int]
    connects: int
    market_low: float
    market_high: float
    bids: tuple[Bidder, ...] = ()  # freelancer style: the rival bids shown on the job

    @property
    def is_scam(self) -> bool:
        return self.template.is_scam

    @property
    def contract_value(self) -> float:
        """What the whole job is worth in USD at the budget (hours times rate if hourly)."""
        if self.template.pay == FIXED:
            return self.budget
        return self.budget * self.template.hours


def _pick_band(bands: tuple[Band, ...], rng: random.Random) -> Band:
    weights = [b.weight for b in bands]
    return rng.choices(bands, weights=weights, k=1)[0]


def _round_budget(value: float) -> float:
    """Budgets people post are round: whole dollars, or half dollars for small rates."""
    return round(value * 2) / 2 if value < 20 else float(round(value))


def draw_job(scenario: Scenario, template: JobTemplate, job_id: str, rng: random.Random) -> Job:
    """Draw the random parts of one post from ``template``."""
    category = scenario.categories[template.category]
    band = _pick_band(scenario.competition[category.competition], rng)
    spec = template.client
    budget = _round_budget(template.budget.draw(rng.random()))
    client = ClientHistory(
        country=rng.choice(spec.countries),
        jobs_posted=int(round(spec.jobs_posted.draw(rng.random()))),
        hire_rate=round(spec.hire_rate.draw(rng.random()), 2),
        rating=round(spec.rating.draw(rng.random()), 1),
        verified=spec.verified,
        price_focus=spec.price_focus,
    )
    value = budget if template.pay == FIXED else budget * template.hours
    rivals = rng.randint(band.low, band.high)
    bids: tuple[Bidder, ...] = ()
    if scenario.platform.style == FREELANCER:  # bids are public, so drawn with the post
        bids = tuple(draw_rivals(scenario.rivals, rivals, rng))
    return Job(
        id=job_id,
        template=template,
        budget=budget,
        client=client,
        rivals=rivals,
        band=(band.low, band.high),
        connects=scenario.platform.connects_for(value),
        market_low=category.market.low,
        market_high=category.market.high,
        bids=bids,
    )


MATCHED_SHARE = 0.75  # Fiverr's Brief & Match: most briefs that reach a seller fit the gig


def draw_board(
    scenario: Scenario,
    week: int,
    rng: random.Random,
    count: int | None = None,
    prefer: str | None = None,
) -> tuple[Job, ...]:
    """This week's posts: mostly real jobs, with scams mixed in at the scenario's share.

    A template is not repeated within a week while unused ones remain. ``prefer`` (a
    category id: the trainee's gig) makes most genuine posts come from that category.
    """
    count = scenario.career.jobs_per_week if count is None else count
    jobs: list[Job] = []
    used: set[str] = set()
    for index in range(count):
        use_scam = bool(scenario.scams) and rng.random() < scenario.career.scam_share
        pool = scenario.scams if use_scam else scenario.jobs
        if prefer is not None and not use_scam and rng.random() < MATCHED_SHARE:
            pool = tuple(t for t in pool if t.category == prefer) or pool
        fresh = [t for t in pool if t.id not in used] or list(pool)  # no repeats while possible
        template = rng.choice(fresh)
        used.add(template.id)
        jobs.append(draw_job(scenario, template, f"w{week}-{index + 1}-{template.id}", rng))
    return tuple(jobs)
