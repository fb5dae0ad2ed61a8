"""The Fiverr-like style: a gig with three packages, search ranking, and buyer briefs.

On Fiverr the seller does not bid for most work: buyers search, see a few gigs and order
one (DOMAIN §1.9). A new gig with no reviews ranks low, so the first orders usually come
from answering buyer briefs with an offer. Our model of the rank (reviews, replies to
buyers, on-time delivery, a title that matches what buyers search) is a simplification
for teaching, not Fiverr's real formula, and says so in the docs.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from tutor.domain.sim.client_choice import gumbel
from tutor.domain.sim.reason import Reason
from tutor.domain.sim.scenario import Category, Scenario
from tutor.i18n import _

PACKAGES = ("basic", "standard", "premium")
MAX_TITLE = 80
MAX_DAYS = 30
# Search rank weights (our model): reviews weigh most; a new seller has no delivery record.
RANK_REPUTATION, RANK_RESPONSE, RANK_DELIVERY, RANK_TITLE, RANK_NOISE = 2.2, 0.8, 0.8, 0.6, 0.35
NEW_RESPONSE = 0.5  # response rate a seller is shown with before any buyer wrote
# The buyer's choice among the gigs it looks at, and the value of leaving without ordering.
BUY_REPUTATION, BUY_TITLE, BUY_PRICE, BUY_NOISE, WALK_AWAY = 1.5, 0.8, 1.2, 0.5, 0.3


class GigInputError(ValueError):
    """The gig cannot be created; ``str(err)`` is a translated message."""


@dataclass(frozen=True)
class Package:
    name: str  # one of PACKAGES
    price: float
    days: int


@dataclass(frozen=True)
class Gig:
    """The trainee's gig: set up once per career."""

    category: str
    title: str
    packages: tuple[Package, Package, Package]

    def package(self, name: str) -> Package:
        for pkg in self.packages:
            if pkg.name == name:
                return pkg
        raise GigInputError(_("Choose the basic, standard or premium package."))


@dataclass(frozen=True)
class SellerRecord:
    """What the platform counts about the seller: replies to buyers and deliveries."""

    answered: int = 0
    missed: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def response(self) -> float:
        total = self.answered + self.missed
        return self.answered / total if total else NEW_RESPONSE

    @property
    def delivery(self) -> float:
        """Share of orders delivered on time; 0 before the first order (nothing to show)."""
        total = self.on_time + self.late
        return self.on_time / total if total else 0.0


@dataclass(frozen=True)
class RivalGig:
    reputation: float
    response: float
    delivery: float
    title: float
    price: float  # its basic package, USD


@dataclass(frozen=True)
class Order:
    """A buyer ordered from search: which package, and where the gig stood."""

    package: str
    price: float
    days: int
    rank: int


@dataclass(frozen=True)
class SearchWeek:
    """One week of buyers searching the gig's category."""

    searches: int
    shown: int  # searches where the gig was among the first ``slots`` results
    slots: int
    of: int
    average_rank: int
    orders: tuple[Order, ...]
    too_dear: int  # shown, but even the basic package was above the buyer's budget
    reasons: tuple[Reason, ...]


def _price(value: object) -> float:
    try:
        number = float(str(value).strip().lstrip("$").replace(",", ""))
    except ValueError as exc:
        raise GigInputError(_("Enter each price as a number of US dollars, e.g. 15.")) from exc
    if not math.isfinite(number):
        raise GigInputError(_("Enter each price as a number of US dollars, e.g. 15."))
    return round(number, 2)


def _days(value: object) -> int:
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise GigInputError(_("Enter delivery days as a whole number, e.g. 3.")) from exc
    if not 1 <= number <= MAX_DAYS:
        raise GigInputError(_("Delivery must be between 1 and {n} days.").format(n=MAX_DAYS))
    return number


def make_gig(
    scenario: Scenario, category: str, title: object, prices: list[object], days: list[object]
) -> Gig:
    """Check the trainee's gig and build it (raises GigInputError with the reason)."""
    if category not in scenario.categories:
        raise GigInputError(_("Choose a category for your gig."))
    if not isinstance(title, str) or not title.strip():
        raise GigInputError(_("Give your gig a title, e.g. 'I will design a logo'."))
    if len(title.strip()) > MAX_TITLE:
        raise GigInputError(_("The title is longer than {n} characters.").format(n=MAX_TITLE))
    if len(prices) != 3 or len(days) != 3:
        raise GigInputError(_("A gig has three packages: basic, standard and premium."))
    platform = scenario.platform
    amounts = [_price(p) for p in prices]
    for amount in amounts:
        if not platform.package_min_usd <= amount <= platform.package_max_usd:
            raise GigInputError(
                _("Package prices must be between ${low:g} and ${high:g}.").format(
                    low=platform.package_min_usd, high=platform.package_max_usd
                )
            )
    if not amounts[0] <= amounts[1] <= amounts[2]:
        raise GigInputError(_("Each package must cost at least as much as the one before."))
    packages = tuple(
        Package(name, amount, _days(d))
        for name, amount, d in zip(PACKAGES, amounts, days, strict=True)
    )
    return Gig(category, " ".join(title.split()), packages)  # type: ignore[arg-type]


def title_match(title: str, category: Category) -> float:
    """Share of the category's search words the title contains (buyers search words)."""
    terms = category.terms or tuple(w for w in category.title.lower().split() if len(w) > 3)
    if not terms:
        return 0.0
    text = title.lower()
    found = sum(1 for t in terms if t in text)
    return min(1.0, found / min(2, len(terms)))


def rival_gigs(scenario: Scenario, category: Category, rng: random.Random) -> list[RivalGig]:
    """The other gigs in the category's search, drawn once per career."""
    out = []
    kinds = scenario.rivals
    for _i in range(scenario.platform.rival_gigs):
        kind = rng.choices(kinds, weights=[k.share for k in kinds], k=1)[0]
        rep = kind.reputation.draw(rng.random())
        out.append(
            RivalGig(
                reputation=rep,
                response=0.6 + 0.4 * rng.random(),
                delivery=min(1.0, 0.5 + rep + 0.3 * rng.random()),
                title=0.5 + 0.5 * rng.random(),
                price=max(
                    scenario.platform.package_min_usd,
                    round(category.market.low * kind.price.draw(rng.random())),
                ),
            )
        )
    return out


def rank_score(reputation: float, response: float, delivery: float, title: float) -> float:
    return (
        RANK_REPUTATION * reputation
        + RANK_RESPONSE * response
        + RANK_DELIVERY * delivery
        + RANK_TITLE * title
    )


def _affordable(gig: Gig, budget: float) -> Package | None:
    """The dearest package within the buyer's budget (None: even basic is too dear)."""
    fits = [p for p in gig.packages if p.price <= budget]
    return fits[-1] if fits else None


def _buy_utility(reputation: float, title: float, price: float, budget: float) -> float:
    """Buyers compare gigs by their starting (basic) price, then order what fits."""
    return BUY_REPUTATION * reputation + BUY_TITLE * title + BUY_PRICE * (1.0 - price / budget)


def search_week(
    scenario: Scenario,
    gig: Gig,
    reputation: float,
    record: SellerRecord,
    rivals: list[RivalGig],
    rng: random.Random,
) -> SearchWeek:
    """Buyers search the gig's category; each looks at the first few gigs and may order.

    Every random draw for a search happens before the trainee's numbers are used, so a
    better record can only raise the gig.
    """
    category = scenario.categories[gig.category]
    platform = scenario.platform
    title = title_match(gig.title, category)
    mine = rank_score(reputation, record.response, record.delivery, title)
    slots = platform.search_slots
    ranks, orders, shown, too_dear = [], [], 0, 0
    for _s in range(platform.searches_per_week):
        budget = category.market.draw(rng.random())
        noise = [RANK_NOISE * gumbel(rng) for _ in range(len(rivals) + 1)]
        buy_noise = [BUY_NOISE * gumbel(rng) for _ in range(slots + 1)]
        walk = WALK_AWAY + BUY_NOISE * gumbel(rng)
        scores = [rank_score(r.reputation, r.response, r.delivery, r.title) for r in rivals]
        my_score = mine + noise[0]
        rank = 1 + sum(1 for s, n in zip(scores, noise[1:], strict=False) if s + n > my_score)
        ranks.append(rank)
        if rank > slots:
            continue
        shown += 1
        pkg = _affordable(gig, budget)
        if pkg is None:
            too_dear += 1
            continue
        seen = sorted(range(len(rivals)), key=lambda i: -(scores[i] + noise[i + 1]))
        best_rival = max(
            (
                _buy_utility(rivals[i].reputation, rivals[i].title, rivals[i].price, budget)
                + buy_noise[j + 1]
                for j, i in enumerate(seen[: slots - 1])
                if rivals[i].price <= budget
            ),
            default=-math.inf,
        )
        mine_u = _buy_utility(reputation, title, gig.packages[0].price, budget) + buy_noise[0]
        if mine_u > max(best_rival, walk):
            orders.append(Order(pkg.name, pkg.price, pkg.days, rank))
    average = round(sum(ranks) / len(ranks)) if ranks else 0
    result = SearchWeek(
        searches=len(ranks),
        shown=shown,
        slots=slots,
        of=len(rivals) + 1,
        average_rank=average,
        orders=tuple(orders),
        too_dear=too_dear,
        reasons=(),
    )
    return _with_reasons(result, gig, category, record, reputation)


def _with_reasons(
    week: SearchWeek, gig: Gig, category: Category, record: SellerRecord, reputation: float
) -> SearchWeek:
    from dataclasses import replace

    reasons = [
        Reason(
            "gig.searched",
            week.shown > 0,
            {
                "n": week.searches,
                "cat": category.title,
                "rank": week.average_rank,
                "of": week.of,
                "slots": week.slots,
                "shown": week.shown,
            },
        )
    ]
    if week.shown == 0 and reputation < 0.2:
        reasons.append(Reason("gig.new_ranks_low", False))
    if title_match(gig.title, category) < 0.5:
        reasons.append(Reason("gig.title_weak", False, {"cat": category.title}))
    if week.too_dear:
        reasons.append(
            Reason(
                "gig.too_dear", False, {"n": week.too_dear, "price": f"{gig.packages[0].price:g}"}
            )
        )
    for order in week.orders:
        reasons.append(
            Reason(
                "gig.ordered",
                True,
                {"package": order.package, "price": f"{order.price:g}", "rank": order.rank},
            )
        )
    if week.shown and not week.orders and not week.too_dear:
        reasons.append(Reason("gig.shown_not_chosen", False, {"n": week.shown}))
    if record.missed:
        reasons.append(
            Reason("gig.response", False, {"n": record.missed, "pct": round(record.response * 100)})
        )
    if record.late:
        reasons.append(Reason("gig.late", False, {"n": record.late, "min": category.min_days}))
    return replace(week, reasons=tuple(reasons))


def is_late(package: Package, category: Category) -> bool:
    """Promising fewer days than the work needs makes a late delivery (our rule)."""
    return package.days < category.min_days


def offer_reasons(
    package: Package, budget: float, deadline: int, offers: int, category: Category
) -> list[Reason]:
    """Why the buyer of a brief took (or skipped) the offer, beyond the message rules."""
    params = {
        "package": package.name,
        "price": f"{package.price:g}",
        "days": package.days,
        "budget": f"{budget:g}",
        "deadline": deadline,
        "n": offers,
    }
    out = [Reason("offer.sent", True, params)]
    if deadline and package.days > deadline:
        out.append(Reason("offer.too_slow", False, params))
    if is_late(package, category):
        out.append(Reason("offer.rushed", False, {**params, "min": category.min_days}))
    return out
