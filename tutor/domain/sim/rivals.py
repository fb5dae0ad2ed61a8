"""Rival bidders: mostly template senders at the budget, some low-ballers, a few strong.

Rivals are drawn from the scenario's mix only from the job and the random generator, never
from the trainee's proposal, so changing the proposal leaves the field unchanged: that is
what lets a test say "a better proposal never ranks lower".
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tutor.domain.sim.scenario import RivalKind


@dataclass(frozen=True)
class Bidder:
    """One proposal as the client model sees it: scores in [0, 1] and a price ratio."""

    kind: str
    preview: float
    quality: float
    reputation: float
    price_ratio: float


def draw_rival(kinds: tuple[RivalKind, ...], rng: random.Random) -> Bidder:
    """One rival; five uniform draws per rival whatever the kind, to keep streams aligned."""
    kind = rng.choices(kinds, weights=[k.share for k in kinds], k=1)[0]
    return Bidder(
        kind=kind.id,
        preview=kind.preview.draw(rng.random()),
        quality=kind.quality.draw(rng.random()),
        reputation=kind.reputation.draw(rng.random()),
        price_ratio=kind.price.draw(rng.random()),
    )


def draw_rivals(kinds: tuple[RivalKind, ...], count: int, rng: random.Random) -> list[Bidder]:
    return [draw_rival(kinds, rng) for _ in range(count)]
