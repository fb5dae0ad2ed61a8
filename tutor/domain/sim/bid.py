"""Resolve one bid: read the proposal, price it, run the client's choice, explain the result.

This is the single entry point the service and the career use; everything random comes
from the ``rng`` argument, so the same seed and the same bid give the same result.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace

from tutor.domain.sim import freelancer
from tutor.domain.sim.client_choice import TRAINEE, Auction, outcome_reasons, run_auction
from tutor.domain.sim.fiverr import Package, offer_reasons
from tutor.domain.sim.job_board import Job
from tutor.domain.sim.pricing import MAX_PRICE_USD, price_ratio, price_reason
from tutor.domain.sim.profile import FreelancerProfile
from tutor.domain.sim.proposal_rules import MAX_PROPOSAL_CHARS, ProposalReport, analyse
from tutor.domain.sim.reason import Reason
from tutor.domain.sim.rivals import Bidder
from tutor.domain.sim.scenario import FREELANCER, Scenario
from tutor.i18n import _


class BidInputError(ValueError):
    """The trainee's input cannot be a bid; ``str(err)`` is a translated message."""


@dataclass(frozen=True)
class ClientView:
    """What the client saw of the trainee's proposal in the list."""

    preview: str
    price: float
    reviews: int
    rating: float | None
    jss: int | None
    badge: str
    opened: bool


@dataclass(frozen=True)
class BidOutcome:
    """The result of one bid and every reason behind it."""

    job_id: str
    won: bool
    hired: bool  # False: the client closed the job without hiring anyone
    rank: int
    of: int
    view: ClientView
    proposal: ProposalReport
    price: Reason
    reasons: tuple[Reason, ...]  # outcome reasons, shown first
    connects_spent: int
    connects_refunded: int
    winner_kind: str
    scam_message: str = ""

    @property
    def all_reasons(self) -> tuple[Reason, ...]:
        return (*self.reasons, self.price, *self.proposal.reasons)


def check_bid_input(text: object, price: object) -> tuple[str, float]:
    """Reject what cannot be a bid, with a message the trainee understands."""
    if not isinstance(text, str) or not text.strip():
        raise BidInputError(_("Write your proposal before you submit it."))
    if len(text) > MAX_PROPOSAL_CHARS:
        raise BidInputError(
            _("Your proposal is longer than {n} characters. Shorten it.").format(
                n=MAX_PROPOSAL_CHARS
            )
        )
    try:
        value = float(str(price).strip().lstrip("$").replace(",", ""))
    except ValueError as exc:
        raise BidInputError(_("Enter the price as a number of US dollars, e.g. 35.")) from exc
    if not math.isfinite(value) or value <= 0 or value > MAX_PRICE_USD:
        raise BidInputError(_("Enter a price above 0 US dollars."))
    return text, round(value, 2)


def trainee_bidder(report: ProposalReport, reputation: float, ratio: float) -> Bidder:
    return Bidder("you", report.preview_score, report.quality, reputation, ratio)


def resolve_bid(
    scenario: Scenario,
    job: Job,
    text: object,
    price: object,
    profile: FreelancerProfile,
    rng: random.Random,
) -> BidOutcome:
    """Resolve the trainee's bid on ``job`` (raises BidInputError on unusable input)."""
    proposal_text, amount = check_bid_input(text, price)
    platform = scenario.platform
    report = analyse(
        proposal_text,
        job,
        platform.preview_chars,
        scenario.template_phrases,
        platform.proposal_words,
    )
    if job.is_scam:
        return _scam_contact(job, report, amount, _view(report, amount, profile, scenario, True))
    reputation = profile.reputation(scenario.career)
    me = trainee_bidder(report, reputation, price_ratio(amount, job))
    if platform.style == FREELANCER:
        auction = freelancer.run_auction(job, me, platform.shortlist, rng, report.off_platform)
    else:
        auction = run_auction(
            job, me, scenario.rivals, platform.shortlist, rng, report.off_platform
        )
    view = _view(report, amount, profile, scenario, TRAINEE in auction.shortlisted)
    outcome = _outcome(job, report, amount, auction, view)
    if platform.style != FREELANCER:
        return outcome
    extra = freelancer.position_reasons(job, amount, reputation, auction, len(profile.reviews))
    reasons = [_bid_refund(r) for r in outcome.reasons]
    price = outcome.price
    if price.code == "price.below_minimum":  # the $3 minimum is Upwork's rule
        price = Reason("price.too_low", False, price.params)
    return replace(outcome, reasons=(*reasons[:1], *extra, *reasons[1:]), price=price)


def _bid_refund(reason: Reason) -> Reason:
    """On Freelancer a bid (not Connects) comes back when nobody is hired."""
    if reason.code == "outcome.no_hire":
        return Reason("outcome.no_hire_bid", reason.ok, reason.params)
    return reason


def _view(
    report: ProposalReport,
    amount: float,
    profile: FreelancerProfile,
    scenario: Scenario,
    opened: bool,
) -> ClientView:
    rules = scenario.career
    return ClientView(
        preview=report.preview,
        price=amount,
        reviews=len(profile.reviews),
        rating=profile.rating,
        jss=profile.jss(rules),
        badge=profile.badge(rules),
        opened=opened,
    )


def _outcome(
    job: Job, report: ProposalReport, amount: float, auction: Auction, view: ClientView
) -> BidOutcome:
    winner = "" if auction.winner is None else auction.bidders[auction.winner].kind
    return BidOutcome(
        job_id=job.id,
        won=auction.trainee_won,
        hired=auction.winner is not None,
        rank=auction.trainee_rank,
        of=len(auction.bidders),
        view=view,
        proposal=report,
        price=price_reason(amount, job),
        reasons=tuple(outcome_reasons(auction, job, report.off_platform)),
        connects_spent=job.connects,
        connects_refunded=job.connects if auction.winner is None else 0,
        winner_kind=winner,
    )


def _scam_contact(job: Job, report: ProposalReport, amount: float, view: ClientView) -> BidOutcome:
    """A scam "client" answers every bid: the trainee must now decide what to do."""
    return BidOutcome(
        job_id=job.id,
        won=False,
        hired=False,
        rank=1,
        of=job.rivals + 1,
        view=view,
        proposal=report,
        price=price_reason(amount, job),
        reasons=(Reason("outcome.scam_contact", False),),
        connects_spent=job.connects,
        connects_refunded=0,
        winner_kind="",
        scam_message=job.template.scam_message,
    )


def resolve_offer(
    scenario: Scenario,
    job: Job,
    package: Package,
    text: object,
    profile: FreelancerProfile,
    rng: random.Random,
) -> BidOutcome:
    """Resolve an offer on a Fiverr-style buyer brief: a short message and one package.

    The buyer skips offers that cannot deliver by the brief's deadline, then chooses like
    an Upwork client among the few offers (message, reviews, price against the budget).
    """
    message, amount = check_bid_input(text, package.price)
    platform = scenario.platform
    report = analyse(
        message, job, platform.preview_chars, scenario.template_phrases, platform.proposal_words
    )
    if job.is_scam:
        return _scam_contact(job, report, amount, _view(report, amount, profile, scenario, True))
    deadline = job.template.days
    too_slow = bool(deadline) and package.days > deadline
    me = trainee_bidder(report, profile.reputation(scenario.career), price_ratio(amount, job))
    skipped = report.off_platform or too_slow
    auction = run_auction(job, me, scenario.rivals, platform.shortlist, rng, skipped)
    view = _view(report, amount, profile, scenario, TRAINEE in auction.shortlisted)
    outcome = _outcome(job, report, amount, auction, view)
    category = scenario.categories[job.template.category]
    extra = offer_reasons(package, job.budget, deadline, job.rivals, category)
    hidden_for_speed = too_slow and not report.off_platform
    kept = [
        _offer_code(r)
        for r in outcome.reasons
        if not (hidden_for_speed and r.code in ("outcome.disqualified", "outcome.not_opened"))
    ]
    return replace(outcome, reasons=(*kept[:1], *extra, *kept[1:]))


def _offer_code(reason: Reason) -> Reason:
    """Briefs cost nothing to answer, so no refund; the rest reads the same."""
    if reason.code == "outcome.no_hire":
        return Reason("offer.no_hire", reason.ok, reason.params)
    return reason
