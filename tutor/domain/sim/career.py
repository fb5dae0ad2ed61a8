"""Career mode: simulated weeks in which small wins grow a profile, or don't.

The state is an immutable value and every step is a pure function (state in, state out),
so a run can be replayed from its seed and the trainee's actions. The run ends with where
the trainee stands (sinking, struggling, surviving, swimming) and the factors that moved
them, as reasons the screen renders in English or Urdu.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

from tutor.domain.sim.bid import BidOutcome
from tutor.domain.sim.fiverr import Gig, Order, SellerRecord
from tutor.domain.sim.job_board import Job
from tutor.domain.sim.payout import Payout, compute_payout
from tutor.domain.sim.pricing import price_ratio
from tutor.domain.sim.profile import FreelancerProfile
from tutor.domain.sim.reason import Reason
from tutor.domain.sim.scams import ScamVerdict
from tutor.domain.sim.scenario import FIXED, UPWORK, Scenario

SINKING, STRUGGLING, SURVIVING, SWIMMING = "sinking", "struggling", "surviving", "swimming"
STANDINGS = (SINKING, STRUGGLING, SURVIVING, SWIMMING)
CONNECT_BUNDLE = 10  # the smallest bundle Upwork sells
WEEKS_PER_MONTH = 4
TAILORED_QUALITY = 0.7
CROWDED_RIVALS = 20


@dataclass(frozen=True)
class BidRecord:
    """What the career remembers about one bid (no proposal text)."""

    job_id: str
    week: int
    rivals: int
    quality: float
    template: bool
    price_ok: bool
    won: bool
    connects: int


@dataclass(frozen=True)
class Contract:
    """A won job: paid and reviewed when the week it was won ends."""

    job_id: str
    client_id: str
    week: int
    gross_usd: Decimal
    quality: float
    price_ratio: float
    milestones: int
    stars: int = 0
    payout: Payout | None = None
    fixed: bool = True  # Freelancer's $5 minimum fee applies to fixed-price work only
    late: bool = False  # promised fewer days than the work needs (Fiverr style)


@dataclass(frozen=True)
class CareerState:
    """The whole career so far; ``week`` is the current (1-based) simulated week."""

    week: int
    profile: FreelancerProfile
    connects: int
    connects_bought: int = 0
    bids: tuple[BidRecord, ...] = ()
    contracts: tuple[Contract, ...] = ()
    verdicts: tuple[ScamVerdict, ...] = ()
    warnings: int = 0
    suspended: bool = False
    scam_loss_usd: Decimal = field(default_factory=lambda: Decimal(0))
    gig: Gig | None = None  # Fiverr style: set up once per career
    seller: SellerRecord = field(default_factory=SellerRecord)

    @property
    def paid(self) -> tuple[Contract, ...]:
        return tuple(c for c in self.contracts if c.payout is not None)

    @property
    def earned_pkr(self) -> Decimal:
        return sum((c.payout.net_pkr for c in self.paid if c.payout), Decimal(0))


def start_career(scenario: Scenario, pseb_registered: bool = False) -> CareerState:
    """A new profile: approved, no reviews, the starting Connects or bids.

    Rising Talent is an Upwork badge, so only the Upwork style starts with it.
    """
    profile = FreelancerProfile(
        pseb_registered=pseb_registered, rising_talent=scenario.platform.style == UPWORK
    )
    return CareerState(week=1, profile=profile, connects=scenario.platform.starting_connects)


def is_over(state: CareerState, scenario: Scenario) -> bool:
    return state.suspended or state.week > scenario.career.weeks


def spend_connects(state: CareerState, needed: int, can_buy: bool = True) -> CareerState:
    """Pay for a bid; if Connects run out, buy bundles of 10 (real money, counted).

    Where bids cannot be bought (Freelancer's free quota), the caller checks first that
    enough are left; this never goes below zero.
    """
    if not can_buy:
        return replace(state, connects=max(0, state.connects - needed))
    connects, bought = state.connects, 0
    while connects < needed:
        connects += CONNECT_BUNDLE
        bought += CONNECT_BUNDLE
    return replace(
        state, connects=connects - needed, connects_bought=state.connects_bought + bought
    )


def record_bid(
    state: CareerState,
    job: Job,
    outcome: BidOutcome,
    can_buy: bool = True,
    late: bool = False,
    answered: bool = False,
) -> CareerState:
    """Charge the bid, refund it if nobody was hired, and start a contract if it won.

    ``answered`` counts an offer on a Fiverr brief as a reply to that buyer.
    """
    state = spend_connects(state, outcome.connects_spent, can_buy)
    state = replace(state, connects=state.connects + outcome.connects_refunded)
    record = BidRecord(
        job_id=job.id,
        week=state.week,
        rivals=job.rivals,
        quality=round(outcome.proposal.quality, 4),
        template=any(r.code == "template.found" for r in outcome.proposal.reasons),
        price_ok=outcome.price.ok,
        won=outcome.won,
        connects=outcome.connects_spent - outcome.connects_refunded,
    )
    state = replace(state, bids=(*state.bids, record))
    if outcome.proposal.off_platform:
        state = replace(state, warnings=state.warnings + 1)
    if answered:
        state = replace(state, seller=replace(state.seller, answered=state.seller.answered + 1))
    if not outcome.won:
        return state
    gross = Decimal(str(outcome.view.price))
    if job.template.pay != "fixed":
        gross *= job.template.hours
    contract = Contract(
        job_id=job.id,
        client_id=f"{job.template.id}:{job.client.country}:{job.client.jobs_posted}",
        week=state.week,
        gross_usd=gross,
        quality=outcome.proposal.quality,
        price_ratio=price_ratio(outcome.view.price, job),
        milestones=2 if job.contract_value > 300 else 1,
        fixed=job.template.pay == FIXED,
        late=late,
    )
    return replace(state, contracts=(*state.contracts, contract))


def set_gig(state: CareerState, gig: Gig) -> CareerState:
    return replace(state, gig=gig)


def record_replies(state: CareerState, answered: int, missed: int) -> CareerState:
    """Replies to buyers (a declined brief is a reply; an ignored one is not)."""
    seller = replace(
        state.seller, answered=state.seller.answered + answered, missed=state.seller.missed + missed
    )
    return replace(state, seller=seller)


def add_orders(
    state: CareerState, orders: tuple[Order, ...], late_days: int, prefix: str
) -> CareerState:
    """Orders from search become contracts of this week (paid when the week ends)."""
    added = tuple(
        Contract(
            job_id=f"{prefix}-{i + 1}",
            client_id=f"{prefix}-{i + 1}",
            week=state.week,
            gross_usd=Decimal(str(order.price)),
            quality=0.7,
            price_ratio=1.0,
            milestones=1,
            late=order.days < late_days,
        )
        for i, order in enumerate(orders)
    )
    return replace(state, contracts=(*state.contracts, *added))


def record_scam_verdict(state: CareerState, verdict: ScamVerdict, loss_usd: Decimal) -> CareerState:
    """Carry a scam response's consequence into the career."""
    state = replace(state, verdicts=(*state.verdicts, verdict))
    if verdict.consequence == "consequence.suspended":
        return replace(state, suspended=True)
    if verdict.consequence == "consequence.badges_lost":
        return replace(state, profile=replace(state.profile, badges_blocked=True))
    if verdict.consequence == "consequence.money_lost":
        return replace(state, scam_loss_usd=state.scam_loss_usd + loss_usd)
    if verdict.consequence == "consequence.identity_exposed":
        return replace(state, warnings=state.warnings + 1)
    return state


def review_stars(contract: Contract, rng: random.Random) -> int:
    """The client's review: a proposal that understood the job promises work that fits.

    Underpricing a job (under 60% of the budget) makes rushed work, and worse reviews, likely.
    """
    p_five = 0.55 + 0.4 * contract.quality - (0.25 if contract.price_ratio < 0.6 else 0.0)
    if contract.late:  # a late delivery rarely earns five stars
        p_five -= 0.4
    draw = rng.random()
    if draw < p_five:
        return 5
    if draw < p_five + (1.0 - p_five) * 0.75:
        return 4
    return 3 if not contract.late else 2


def end_week(state: CareerState, scenario: Scenario, rng: random.Random) -> CareerState:
    """Finish this week's contracts (review and payout), add Connects or bids, move on."""
    contracts, profile, seller = [], state.profile, state.seller
    for contract in state.contracts:
        if contract.payout is None and contract.week == state.week:
            stars = review_stars(contract, rng)
            payout = compute_payout(
                contract.gross_usd,
                scenario.fees,
                scenario.exchange,
                state.profile.pseb_registered,
                milestones=contract.milestones,
                fixed=contract.fixed,
            )
            contract = replace(contract, stars=stars, payout=payout)
            profile = profile.with_review(stars, contract.client_id)
            seller = replace(
                seller,
                on_time=seller.on_time + (not contract.late),
                late=seller.late + contract.late,
            )
        contracts.append(contract)
    return replace(
        state,
        week=state.week + 1,
        contracts=tuple(contracts),
        profile=profile,
        connects=_refill(state, scenario),
        seller=seller,
    )


def _refill(state: CareerState, scenario: Scenario) -> int:
    """Upwork adds free Connects monthly; Freelancer's bids refill gradually up to the quota."""
    platform = scenario.platform
    if platform.monthly_bids:
        step = max(1, platform.monthly_bids // WEEKS_PER_MONTH)
        return max(state.connects, min(platform.monthly_bids, state.connects + step))
    if state.week % WEEKS_PER_MONTH == 0:
        return state.connects + platform.monthly_free_connects
    return state.connects


@dataclass(frozen=True)
class Standing:
    """Where the trainee ends, with the numbers and the factors that put them there."""

    level: str
    contracts: int
    rating: float | None
    jss: int | None
    earned_pkr: Decimal
    connects_cost_pkr: Decimal
    scam_loss_pkr: Decimal
    factors: tuple[Reason, ...]


def standing(state: CareerState, scenario: Scenario) -> Standing:
    """Judge the run: sinking, struggling, surviving or swimming, and why."""
    rules = scenario.career
    paid = state.paid
    rating = state.profile.rating
    jss = state.profile.jss(rules)
    rate = scenario.exchange.usd_pkr
    cost = Decimal(state.connects_bought) * scenario.platform.connect_price_usd * rate
    lost = state.scam_loss_usd * rate
    net = state.earned_pkr - cost - lost
    fell = any(not v.correct and v.kind for v in state.verdicts)
    if state.suspended or not paid:
        level = SINKING
    elif len(paid) < 3 or net <= 0 or fell:
        level = STRUGGLING
    elif len(paid) >= 5 and (rating or 0) >= 4.5 and state.profile.reputation(rules) >= 0.6:
        level = SWIMMING
    else:
        level = SURVIVING
    return Standing(
        level=level,
        contracts=len(paid),
        rating=None if rating is None else round(rating, 2),
        jss=jss,
        earned_pkr=state.earned_pkr,
        connects_cost_pkr=cost.quantize(Decimal("0.01")),
        scam_loss_pkr=lost.quantize(Decimal("0.01")),
        factors=tuple(career_factors(state, scenario)),
    )


def career_factors(state: CareerState, scenario: Scenario) -> list[Reason]:
    """The factors that moved the trainee up or down, most important first."""
    out: list[Reason] = []
    bids = state.bids
    if state.suspended:
        out.append(Reason("factor.suspended", False))
    first = next((c for c in state.contracts if c.payout is not None), None)
    if first is None:
        out.append(Reason("factor.no_reviews", False, {"bids": len(bids)}))
    else:
        out.append(Reason("factor.first_review", True, {"week": first.week}))
    if bids:
        tailored = sum(1 for b in bids if b.quality >= TAILORED_QUALITY)
        templates = sum(1 for b in bids if b.template)
        if tailored * 2 >= len(bids):
            out.append(Reason("factor.tailored", True, {"n": tailored, "of": len(bids)}))
        if templates * 2 >= len(bids):
            out.append(Reason("factor.templates", False, {"n": templates, "of": len(bids)}))
        crowded = sum(1 for b in bids if b.rivals >= CROWDED_RIVALS)
        small_wins = sum(1 for b in bids if b.won and b.rivals < CROWDED_RIVALS)
        if small_wins:
            out.append(Reason("factor.small_jobs", True, {"n": small_wins}))
        elif crowded * 2 > len(bids):
            out.append(Reason("factor.crowded", False, {"n": crowded, "of": len(bids)}))
        if sum(1 for b in bids if not b.price_ok) * 2 > len(bids):
            out.append(Reason("factor.pricing", False))
    if state.connects_bought:
        usd = state.connects_bought * scenario.platform.connect_price_usd
        out.append(Reason("factor.connects_bought", False, {"usd": f"{usd:.2f}"}))
    scams = [v for v in state.verdicts if v.kind]
    if scams:
        fell = sum(1 for v in scams if not v.correct)
        code, ok = ("factor.scam_fell", False) if fell else ("factor.scams_refused", True)
        out.append(Reason(code, ok, {"n": fell or len(scams)}))
    if state.warnings:
        out.append(Reason("factor.warnings", False, {"n": state.warnings}))
    if state.profile.jss(scenario.career) is not None:
        out.append(Reason("factor.jss", True, {"jss": state.profile.jss(scenario.career) or 0}))
    return out
