"""How the simulated client picks a proposal, and why the trainee won or lost.

Two steps, as on Upwork (DOMAIN §1.8, §8): the client scans the list (first lines, badge or
JSS, reviews) and opens a short list; then picks among the opened proposals by the whole
letter, reputation and price. Each step adds Gumbel noise (a logit choice), drawn for every
bidder in a fixed order before anything about the trainee's proposal is looked at, so a
better proposal can only move up.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from tutor.domain.sim.job_board import Job
from tutor.domain.sim.pricing import price_term
from tutor.domain.sim.reason import Reason
from tutor.domain.sim.rivals import Bidder, draw_rivals
from tutor.domain.sim.scenario import RivalKind

# Weights of the list scan and of the final pick. Reputation weighs as much as the letter:
# verified history is what most helps workers from developing countries (Agrawal et al.).
LIST_PREVIEW, LIST_REPUTATION, LIST_NOISE = 1.8, 1.4, 0.30
PICK_PREVIEW, PICK_QUALITY, PICK_REPUTATION, PICK_NOISE = 0.8, 2.4, 2.2, 0.35
REPUTATION_GAP = 0.25  # a winner this much better known than the trainee: the Catch-22
TRAINEE = 0


@dataclass(frozen=True)
class Auction:
    """The client's decision over all bidders; index 0 is always the trainee."""

    bidders: tuple[Bidder, ...]
    order: tuple[int, ...]  # bidder indexes, best first
    shortlisted: frozenset[int]
    winner: int | None  # None: the client closed the job without hiring

    @property
    def trainee_rank(self) -> int:
        """1 = first. Opened proposals come before unopened ones."""
        return self.order.index(TRAINEE) + 1

    @property
    def trainee_won(self) -> bool:
        return self.winner == TRAINEE


def gumbel(rng: random.Random) -> float:
    """A standard Gumbel draw; the noise of a logit choice model."""
    u = min(max(rng.random(), 1e-12), 1.0 - 1e-12)
    return -math.log(-math.log(u))


def list_score(bidder: Bidder, noise: float) -> float:
    return LIST_PREVIEW * bidder.preview + LIST_REPUTATION * bidder.reputation + noise


def pick_score(bidder: Bidder, price_focus: float, noise: float) -> float:
    return (
        PICK_PREVIEW * bidder.preview
        + PICK_QUALITY * bidder.quality
        + PICK_REPUTATION * bidder.reputation
        + price_term(bidder.price_ratio, price_focus)
        + noise
    )


def run_auction(
    job: Job,
    trainee: Bidder,
    kinds: tuple[RivalKind, ...],
    shortlist_size: int,
    rng: random.Random,
    disqualified: bool = False,
) -> Auction:
    """Draw the rivals and noise, then let the client choose.

    ``disqualified`` (contact details or off-platform payment in the proposal) keeps the
    trainee out of the short list whatever the scores: the platform hides or flags it.
    """
    hires = rng.random() < job.client.hire_rate
    bidders = (trainee, *draw_rivals(kinds, job.rivals, rng))
    market = ClientScores(list_score, pick_score, LIST_NOISE, PICK_NOISE)
    return choose(bidders, hires, job.client.price_focus, shortlist_size, rng, market, disqualified)


@dataclass(frozen=True)
class ClientScores:
    """How a platform's client scores bids: scanning the list, then reading the opened ones.

    Each market style has its own weights; the way the client chooses is shared.
    """

    list_score: Callable[[Bidder, float], float]
    pick_score: Callable[[Bidder, float, float], float]
    list_noise: float
    pick_noise: float


def choose(
    bidders: tuple[Bidder, ...],
    hires: bool,
    price_focus: float,
    shortlist: int,
    rng: random.Random,
    scores: ClientScores,
    disqualified: bool = False,
) -> Auction:
    """The client scans every bid, opens a short list, and hires the best opened (if at all).

    Noise is drawn for every bidder before any score is read, so a better proposal from
    the trainee can only move up.
    """
    list_noise = [scores.list_noise * gumbel(rng) for _ in bidders]
    pick_noise = [scores.pick_noise * gumbel(rng) for _ in bidders]
    scan = [scores.list_score(b, n) for b, n in zip(bidders, list_noise, strict=True)]
    eligible = [i for i in range(len(bidders)) if not (disqualified and i == TRAINEE)]
    by_scan = sorted(eligible, key=lambda i: (-scan[i], i))
    opened = by_scan[:shortlist]
    pick = {i: scores.pick_score(bidders[i], price_focus, pick_noise[i]) for i in opened}
    opened_order = sorted(opened, key=lambda i: (-pick[i], i))
    rest = by_scan[shortlist:] + ([TRAINEE] if disqualified else [])
    return Auction(
        bidders=bidders,
        order=tuple(opened_order + rest),
        shortlisted=frozenset(opened),
        winner=opened_order[0] if hires and opened_order else None,
    )


def outcome_reasons(auction: Auction, job: Job, disqualified: bool) -> list[Reason]:
    """Why the trainee won or lost, beyond the proposal rules themselves."""
    rank = {"rank": auction.trainee_rank, "of": len(auction.bidders)}
    if disqualified:
        return [Reason("outcome.disqualified", False, rank)]
    if auction.winner is None:
        return [Reason("outcome.no_hire", True, rank)]
    if auction.trainee_won:
        return [Reason("outcome.won", True, rank)]
    reasons: list[Reason] = []
    me = auction.bidders[TRAINEE]
    winner = auction.bidders[auction.winner]
    if TRAINEE not in auction.shortlisted:
        reasons.append(
            Reason("outcome.not_opened", False, {**rank, "opened": len(auction.shortlisted)})
        )
    else:
        reasons.append(Reason("outcome.lost", False, rank))
    if winner.reputation - me.reputation >= REPUTATION_GAP:
        reasons.append(Reason("outcome.reviews_gap", False))
    undercut = winner.price_ratio < min(1.0, me.price_ratio - 0.2)  # below budget and me
    if undercut and job.client.price_focus >= 0.4:
        reasons.append(Reason("outcome.undercut", False, {"pct": round(winner.price_ratio * 100)}))
    if job.rivals >= 20 and me.reputation < 0.2:
        reasons.append(Reason("outcome.crowded", False, {"rivals": job.rivals}))
    return reasons
