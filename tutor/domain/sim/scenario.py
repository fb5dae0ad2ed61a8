"""The scenario: every number and text the simulated market is built from.

Fees, exchange rate, competition levels, rival mixes and job posts are data (shipped in
``lessons/simulator/*.yaml``) so trainers can update them when platforms change their rules,
without touching the engine. The types below are what the engine sees after validation;
:mod:`tutor.domain.sim.scenario_parse` builds them from plain dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FIXED = "fixed"
HOURLY = "hourly"

UPWORK, FREELANCER, FIVERR = "upwork", "freelancer", "fiverr"
STYLES = (UPWORK, FREELANCER, FIVERR)

SCAM_KINDS = ("off_platform", "free_test", "overpayment", "account_rent", "too_good")
RED_FLAGS = (
    "pay-far-above-market",
    "new-client-no-history",
    "vague-task",
    "unpaid-work-before-contract",
    "handles-money",
    "asks-for-account",
    "remote-access",
    "rushed",
)


@dataclass(frozen=True)
class Span:
    """A closed range ``[low, high]`` values are drawn from (uniformly)."""

    low: float
    high: float

    def draw(self, rng_uniform: float) -> float:
        """Map a uniform draw in [0, 1) onto the span (keeps the rng outside)."""
        return self.low + (self.high - self.low) * rng_uniform


@dataclass(frozen=True)
class Band:
    """One proposals-count band as the platform shows it (e.g. 20 to 50)."""

    low: int
    high: int
    weight: float


@dataclass(frozen=True)
class RivalKind:
    """A kind of rival bidder: template senders, low-ballers, strong profiles."""

    id: str
    share: float
    preview: Span
    quality: Span
    reputation: Span
    price: Span  # price as a ratio of the job's budget


@dataclass(frozen=True)
class ConnectsStep:
    """Bids on jobs with budget up to ``up_to`` USD cost ``connects`` (None = no limit)."""

    up_to: float | None
    connects: int


@dataclass(frozen=True)
class Platform:
    """How bidding works on the simulated platform.

    ``style`` picks the rules: ``upwork`` (paid Connects, hidden rival bids), ``freelancer``
    (a free monthly bid quota, rival bids visible on the job) or ``fiverr`` (a gig found by
    search, plus offers on buyer briefs; no bid cost). Fields a style does not use keep
    their defaults.
    """

    style: str
    preview_chars: int
    shortlist: int
    connect_price_usd: Decimal
    connects_by_budget: tuple[ConnectsStep, ...]
    starting_connects: int
    monthly_free_connects: int
    proposal_words: tuple[int, int] = (80, 300)  # a good length, in words
    monthly_bids: int = 0  # freelancer: free bids a month, refilled gradually
    search_slots: int = 0  # fiverr: gigs a buyer looks at in search results
    searches_per_week: int = 0  # fiverr: buyers searching the gig's category each week
    rival_gigs: int = 0  # fiverr: other gigs in the same search
    package_min_usd: float = 5.0  # fiverr: packages are priced from $5
    package_max_usd: float = 995.0

    @property
    def buys_bids(self) -> bool:
        """Only Upwork sells bids (Connects); Freelancer rations free bids, Fiverr has none."""
        return self.style == UPWORK

    def connects_for(self, budget_usd: float) -> int:
        """Connects a proposal costs: more for bigger jobs, as on Upwork's rate card."""
        for step in self.connects_by_budget:
            if step.up_to is None or budget_usd <= step.up_to:
                return step.connects
        return self.connects_by_budget[-1].connects


@dataclass(frozen=True)
class Fees:
    """What is taken between the client's payment and rupees in the trainee's account."""

    as_of: str
    platform_pct: Decimal
    platform_min_usd: Decimal
    withdrawal_usd: Decimal
    withdrawal_pct: Decimal
    tax_pct_registered: Decimal
    tax_pct_unregistered: Decimal
    review_days: int
    security_days: int
    bank_days: int
    sources: tuple[str, ...] = ()
    # Payoneer-style tier: under this amount the fee is ``withdrawal_usd``, from it on it is
    # ``withdrawal_pct``. 0 means no tier: the fee is ``withdrawal_usd`` plus ``withdrawal_pct``.
    withdrawal_tier_usd: Decimal = Decimal(0)


@dataclass(frozen=True)
class Exchange:
    """Rupees per US dollar for this scenario; data, never a constant in the logic."""

    usd_pkr: Decimal
    as_of: str


@dataclass(frozen=True)
class Category:
    """A kind of work: how crowded it is and what the market pays."""

    id: str
    title: str
    competition: str
    market: Span  # fair price range for its typical job, USD (fixed) or USD/hour
    terms: tuple[str, ...] = ()  # fiverr: words buyers search for in this category
    min_days: int = 1  # fiverr: fewer delivery days than this makes late delivery likely


@dataclass(frozen=True)
class Need:
    """One thing the client asks for, with the words that show a proposal addressed it."""

    id: str
    label: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class ClientProfile:
    """Ranges the simulated client's history is drawn from."""

    hire_rate: Span
    jobs_posted: Span
    rating: Span
    verified: bool
    countries: tuple[str, ...]
    price_focus: float  # 0 = cares only for quality, 1 = very price-sensitive


@dataclass(frozen=True)
class JobTemplate:
    """A job post pattern; a scam template also carries the scam's kind and message."""

    id: str
    category: str
    title: str
    description: str
    pay: str  # FIXED or HOURLY
    budget: Span
    hours: int
    needs: tuple[Need, ...]
    client: ClientProfile
    red_flags: tuple[str, ...] = ()
    scam_kind: str = ""
    scam_message: str = ""
    scam_loss_usd: float = 0.0  # money lost by going along (overpayment scams)
    days: int = 0  # fiverr briefs: the buyer needs delivery within this many days (0: any)

    @property
    def is_scam(self) -> bool:
        return bool(self.scam_kind)


@dataclass(frozen=True)
class CareerRules:
    """How a career run is paced and judged."""

    weeks: int
    jobs_per_week: int
    scam_share: float
    jss_after_contracts: int
    jss_min_clients: int


@dataclass(frozen=True)
class Scenario:
    """Everything one simulated market is built from."""

    id: str
    title: str
    platform: Platform
    fees: Fees
    exchange: Exchange
    competition: dict[str, tuple[Band, ...]]
    rivals: tuple[RivalKind, ...]
    categories: dict[str, Category]
    jobs: tuple[JobTemplate, ...]
    scams: tuple[JobTemplate, ...]
    career: CareerRules
    template_phrases: tuple[str, ...] = field(default_factory=tuple)

    def job_template(self, template_id: str) -> JobTemplate | None:
        for tpl in self.jobs + self.scams:
            if tpl.id == template_id:
                return tpl
        return None
