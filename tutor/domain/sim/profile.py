"""The trainee's simulated freelancer profile: reviews, clients, badge, Job Success Score.

Reputation is what clients weigh alongside the letter. A new profile has none, which is
the Catch-22 trainees described (no reviews, so no work; no work, so no reviews): the
Rising Talent badge gives a little, each good review more, and a JSS once enough contracts
with enough different clients are done (DOMAIN §1.5, §1.6).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tutor.domain.sim.scenario import CareerRules

RISING_TALENT_BONUS = 0.12
PER_REVIEW = 0.14
REVIEWS_CAP = 0.55
JSS_BONUS = 0.30


@dataclass(frozen=True)
class FreelancerProfile:
    """What the simulated platform knows about the trainee (immutable; methods return new)."""

    reviews: tuple[int, ...] = ()  # stars, 1..5, oldest first
    clients: frozenset[str] = field(default_factory=frozenset)
    rising_talent: bool = True
    badges_blocked: bool = False  # off-platform payment: no badges for 6 months
    pseb_registered: bool = False

    @property
    def rating(self) -> float | None:
        return sum(self.reviews) / len(self.reviews) if self.reviews else None

    def jss(self, rules: CareerRules) -> int | None:
        """(good - bad) / all, as a percentage, once enough contracts and clients exist."""
        if (
            len(self.reviews) < rules.jss_after_contracts
            or len(self.clients) < rules.jss_min_clients
        ):
            return None
        good = sum(1 for s in self.reviews if s >= 4)
        bad = sum(1 for s in self.reviews if s <= 2)
        return max(0, round(100 * (good - bad) / len(self.reviews)))

    def badge(self, rules: CareerRules) -> str:
        """ "top_rated", "rising_talent" or "" (badges need a clean record)."""
        if self.badges_blocked:
            return ""
        jss = self.jss(rules)
        if jss is not None and jss >= 90 and len(self.reviews) >= 8:
            return "top_rated"
        return "rising_talent" if self.rising_talent else ""

    def reputation(self, rules: CareerRules) -> float:
        """A number in [0, 1] the client model weighs; 0 for a brand-new profile."""
        rep = RISING_TALENT_BONUS if self.badge(rules) else 0.0
        if self.reviews:
            stars = (self.rating or 1.0) - 1.0
            rep += min(REVIEWS_CAP, PER_REVIEW * len(self.reviews)) * stars / 4.0
        jss = self.jss(rules)
        if jss is not None:
            rep += JSS_BONUS * max(0.0, (jss - 70) / 30)
        return round(min(1.0, max(0.0, rep)), 4)

    def with_review(self, stars: int, client_id: str) -> FreelancerProfile:
        return replace(self, reviews=(*self.reviews, stars), clients=self.clients | {client_id})
