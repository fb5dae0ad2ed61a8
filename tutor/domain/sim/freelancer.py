"""The Freelancer-like style: rival bids are public, so many rivals undercut.

On Freelancer.com bids are listed on the project, ranked by reputation (DOMAIN §1.10,
§1.12), so the trainee sees the count, the average and every rival's price and rating
before bidding. The simulated client weighs price more than on Upwork, but a price far
below the others from a seller with no reviews looks like a risk (poor work or a no-show).
The lesson: a race to the bottom rarely wins and pays little; a tailored bid near the
average can win.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass

from tutor.domain.sim.client_choice import TRAINEE, Auction, ClientScores, choose
from tutor.domain.sim.job_board import Job
from tutor.domain.sim.reason import Reason
from tutor.domain.sim.rivals import Bidder

# The list is ranked by reputation; the client also sees each bid's price and first lines.
LIST_REPUTATION, LIST_PREVIEW, LIST_PRICE, LIST_NOISE = 1.5, 1.8, 0.6, 0.30
PICK_PREVIEW, PICK_QUALITY, PICK_REPUTATION, PICK_NOISE = 0.8, 2.6, 1.8, 0.35
RISKY_RATIO = 0.55  # a bid under 55% of the budget worries the client...
RISK_WEIGHT = 7.0  # ...the more, the fewer reviews the bidder has
NEAR_AVERAGE = 0.2  # within 20% of the average bid
MAX_REVIEWS_SHOWN = 80


@dataclass(frozen=True)
class VisibleBid:
    """One line of the public bid list: price, reviews and rating (never the letter)."""

    price: float
    reviews: int
    rating: float | None
    you: bool = False


@dataclass(frozen=True)
class BidStats:
    """Summary the platform shows above the list."""

    count: int
    average: float
    lowest: float
    highest: float


def round_price(value: float) -> float:
    """Bids people place are round: whole dollars, half dollars under $20."""
    return max(0.5, round(value * 2) / 2 if value < 20 else float(round(value)))


def reviews_for(reputation: float) -> int:
    """A rival's review count from its reputation (0 means a new account)."""
    return int(round(reputation**1.5 * MAX_REVIEWS_SHOWN))


def visible_bid(bidder: Bidder, budget: float) -> VisibleBid:
    reviews = reviews_for(bidder.reputation)
    rating = round(min(5.0, 4.0 + bidder.reputation), 1) if reviews else None
    return VisibleBid(round_price(bidder.price_ratio * budget), reviews, rating)


def public_bids(job: Job) -> list[VisibleBid]:
    """The rival bids as the project page lists them: best reputation first."""
    order = sorted(job.bids, key=lambda b: -b.reputation)
    return [visible_bid(b, job.budget) for b in order]


def bid_stats(job: Job) -> BidStats | None:
    prices = [b.price for b in public_bids(job)]
    if not prices:
        return None
    return BidStats(len(prices), round_price(statistics.fmean(prices)), min(prices), max(prices))


def price_term(ratio: float, reputation: float, price_focus: float) -> float:
    """Price weighs more than on Upwork; a very low bid without reviews looks risky."""
    if ratio > 1.0:
        return -(ratio - 1.0) * 3.0
    term = (1.0 - ratio) * (0.8 + 0.8 * price_focus)
    if ratio < RISKY_RATIO:
        term -= (RISKY_RATIO - ratio) * RISK_WEIGHT * (1.0 - reputation)
    return term


def list_score(bidder: Bidder, noise: float) -> float:
    cheap = max(0.0, 1.0 - bidder.price_ratio)
    return (
        LIST_REPUTATION * bidder.reputation
        + LIST_PREVIEW * bidder.preview
        + LIST_PRICE * cheap
        + noise
    )


def pick_score(bidder: Bidder, price_focus: float, noise: float) -> float:
    return (
        PICK_PREVIEW * bidder.preview
        + PICK_QUALITY * bidder.quality
        + PICK_REPUTATION * bidder.reputation
        + price_term(bidder.price_ratio, bidder.reputation, price_focus)
        + noise
    )


def run_auction(
    job: Job, trainee: Bidder, shortlist: int, rng: random.Random, disqualified: bool = False
) -> Auction:
    """The client scans the public list, opens a few bids, and picks one (or nobody).

    Noise is drawn for every bidder before any score is read, so a better proposal from
    the trainee can only move up.
    """
    hires = rng.random() < job.client.hire_rate
    scores = ClientScores(list_score, pick_score, LIST_NOISE, PICK_NOISE)
    bidders = (trainee, *job.bids)
    return choose(bidders, hires, job.client.price_focus, shortlist, rng, scores, disqualified)


def price_position(job: Job, price: float) -> int:
    """1 = the trainee's bid is the lowest (ties count in the trainee's favour)."""
    return 1 + sum(1 for b in public_bids(job) if b.price < price)


def position_reasons(
    job: Job, price: float, reputation: float, auction: Auction, reviews: int
) -> list[Reason]:
    """Where the bid stood among the visible bids, and why that price did or did not win."""
    stats = bid_stats(job)
    if stats is None:
        return []
    pos = price_position(job, price)
    out = [
        Reason(
            "fl.position",
            True,
            {
                "pos": pos,
                "n": stats.count + 1,
                "low": f"{stats.lowest:,.2f}",
                "avg": f"{stats.average:,.2f}",
                "high": f"{stats.highest:,.2f}",
            },
        )
    ]
    ratio = price / job.budget
    at_bottom = pos == 1 or ratio < RISKY_RATIO
    near = abs(price - stats.average) <= NEAR_AVERAGE * stats.average
    if at_bottom and auction.trainee_won:
        out.append(Reason("fl.bottom_won", False))
    elif at_bottom and auction.winner is not None and reputation < 0.3:
        out.append(Reason("fl.bottom_risky", False))
    elif near and auction.trainee_won:
        out.append(Reason("fl.near_average_won", True))
    if TRAINEE not in auction.shortlisted and auction.winner is not None:
        list_pos = 1 + sum(1 for b in job.bids if b.reputation > reputation)
        out.append(Reason("fl.listed_low", False, {"pos": list_pos, "reviews": reviews}))
    if auction.winner not in (None, TRAINEE):
        win = visible_bid(auction.bidders[auction.winner], job.budget)  # type: ignore[index]
        out.append(
            Reason("fl.winner", False, {"price": f"{win.price:,.2f}", "reviews": win.reviews})
        )
    return out
