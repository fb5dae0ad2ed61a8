"""From the client's payment to rupees in the trainee's bank account.

The contract money sits in escrow (funded milestones) before work starts; after delivery
the client has ``review_days`` to approve or it is released; the platform fee comes off,
then the withdrawal fee, then the bank converts at the scenario's exchange rate and
withholds income tax (0.25% for PSEB-registered freelancers, 1% otherwise, s.154A).
All amounts are ``Decimal`` rounded half-up to cents (USD) and paisa (PKR), and the lines
add up exactly: that is a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tutor.domain.sim.scenario import Exchange, Fees

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Milestone:
    """One funded part of a fixed-price contract; ``day`` is when its money is released."""

    index: int
    amount_usd: Decimal
    day: int


@dataclass(frozen=True)
class Payout:
    """Every deduction between the contract's value and the rupees received."""

    gross_usd: Decimal
    platform_fee_usd: Decimal
    withdrawal_fee_usd: Decimal
    sent_usd: Decimal
    usd_pkr: Decimal
    received_pkr: Decimal
    tax_pct: Decimal
    tax_pkr: Decimal
    net_pkr: Decimal
    milestones: tuple[Milestone, ...]
    days_to_money: int
    fees_as_of: str
    rate_as_of: str


def split_milestones(gross: Decimal, count: int, work_days: int, fees: Fees) -> list[Milestone]:
    """Equal milestones (the last takes the rounding rest), each released after review."""
    count = max(1, count)
    part = cents(gross / count)
    parts = [part] * (count - 1) + [gross - part * (count - 1)]
    step = max(1, work_days // count)
    return [
        Milestone(i + 1, amount, step * (i + 1) + fees.review_days)
        for i, amount in enumerate(parts)
    ]


def platform_fee(gross: Decimal, fees: Fees, fixed: bool = True) -> Decimal:
    """The platform's share: a percentage with a floor on fixed-price work (Freelancer: $5)."""
    fee = cents(gross * fees.platform_pct / HUNDRED)
    if fixed:
        fee = max(fee, fees.platform_min_usd)
    return min(fee, gross)


def withdrawal_fee(amount: Decimal, fees: Fees) -> Decimal:
    """Flat plus percentage, or Payoneer's tier ($1 under $100, 1% from $100), never more
    than what is there."""
    tier = fees.withdrawal_tier_usd
    if tier > 0:
        fee = fees.withdrawal_usd if amount < tier else amount * fees.withdrawal_pct / HUNDRED
    else:
        fee = fees.withdrawal_usd + amount * fees.withdrawal_pct / HUNDRED
    return min(cents(fee), amount)


def compute_payout(
    gross_usd: Decimal,
    fees: Fees,
    exchange: Exchange,
    pseb_registered: bool,
    milestones: int = 1,
    work_days: int = 7,
    fixed: bool = True,
) -> Payout:
    """Walk the money from escrow to rupees; ``gross_usd`` must not be negative."""
    if gross_usd < 0:
        raise ValueError("gross_usd must not be negative")
    gross = cents(gross_usd)
    fee = platform_fee(gross, fees, fixed)
    after_fee = gross - fee
    withdrawal = withdrawal_fee(after_fee, fees)
    sent = after_fee - withdrawal
    received = cents(sent * exchange.usd_pkr)
    tax_pct = fees.tax_pct_registered if pseb_registered else fees.tax_pct_unregistered
    tax = cents(received * tax_pct / HUNDRED)
    parts = split_milestones(gross, milestones, work_days, fees)
    last_release = parts[-1].day if parts else fees.review_days
    return Payout(
        gross_usd=gross,
        platform_fee_usd=fee,
        withdrawal_fee_usd=withdrawal,
        sent_usd=sent,
        usd_pkr=exchange.usd_pkr,
        received_pkr=received,
        tax_pct=tax_pct,
        tax_pkr=tax,
        net_pkr=received - tax,
        milestones=tuple(parts),
        days_to_money=last_release + fees.security_days + fees.bank_days,
        fees_as_of=fees.as_of,
        rate_as_of=exchange.as_of,
    )
