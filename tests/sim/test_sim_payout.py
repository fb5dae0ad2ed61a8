"""Fees and rupees: every deduction is shown and the amounts add up exactly."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.domain.sim.payout import compute_payout, split_milestones

money = st.decimals(min_value=0, max_value=50_000, places=2, allow_nan=False)


def test_worked_example_upwork_100_dollars(scenario) -> None:
    """$100 fixed price: 10% fee, $0.99 to a local bank, Rs 280/$, 1% tax without PSEB."""
    p = compute_payout(Decimal("100"), scenario.fees, scenario.exchange, pseb_registered=False)
    assert p.platform_fee_usd == Decimal("10.00")
    assert p.withdrawal_fee_usd == Decimal("0.99")
    assert p.sent_usd == Decimal("89.01")
    assert p.received_pkr == Decimal("24922.80")
    assert p.tax_pkr == Decimal("249.23")
    assert p.net_pkr == Decimal("24673.57")
    assert p.fees_as_of == "2023-05-03"


def test_pseb_registration_lowers_the_tax(scenario) -> None:
    args = (Decimal("100"), scenario.fees, scenario.exchange)
    registered = compute_payout(*args, pseb_registered=True)
    assert registered.tax_pkr == Decimal("62.31")  # 0.25%
    assert registered.net_pkr > compute_payout(*args, pseb_registered=False).net_pkr


def test_exchange_rate_is_data(scenario) -> None:
    cheaper = replace(scenario.exchange, usd_pkr=Decimal("140"))
    a = compute_payout(Decimal("100"), scenario.fees, scenario.exchange, False)
    b = compute_payout(Decimal("100"), scenario.fees, cheaper, False)
    assert b.received_pkr * 2 == a.received_pkr


@settings(max_examples=80, deadline=None)
@given(gross=money, pseb=st.booleans(), parts=st.integers(1, 5), floor=st.sampled_from(["0", "5"]))
def test_amounts_add_up(scenario, gross: Decimal, pseb: bool, parts: int, floor: str) -> None:
    fees = replace(scenario.fees, platform_min_usd=Decimal(floor))  # Freelancer.com: 10% or $5
    p = compute_payout(gross, fees, scenario.exchange, pseb, milestones=parts)
    assert p.gross_usd == p.platform_fee_usd + p.withdrawal_fee_usd + p.sent_usd
    assert min(p.platform_fee_usd, p.withdrawal_fee_usd, p.sent_usd) >= 0
    assert p.received_pkr == (p.sent_usd * p.usd_pkr).quantize(Decimal("0.01"))
    assert p.net_pkr == p.received_pkr - p.tax_pkr
    assert p.net_pkr >= 0
    assert sum(m.amount_usd for m in p.milestones) == p.gross_usd
    assert len(p.milestones) == parts
    assert p.platform_fee_usd >= min(Decimal(floor), p.gross_usd)


def test_small_job_with_minimum_fee_leaves_little(scenario) -> None:
    fees = replace(scenario.fees, platform_min_usd=Decimal("5"))
    p = compute_payout(Decimal("8"), fees, scenario.exchange, False)
    assert p.platform_fee_usd == Decimal("5")
    assert p.sent_usd == Decimal("2.01")


def test_milestones_release_after_review_and_money_arrives_later(scenario) -> None:
    parts = split_milestones(Decimal("500"), 2, 14, scenario.fees)
    assert [m.amount_usd for m in parts] == [Decimal("250.00"), Decimal("250.00")]
    assert [m.day for m in parts] == [7 + 14, 14 + 14]
    p = compute_payout(Decimal("500"), scenario.fees, scenario.exchange, False, 2, 14)
    assert p.days_to_money == 28 + scenario.fees.security_days + scenario.fees.bank_days


def test_negative_amount_is_refused(scenario) -> None:
    with pytest.raises(ValueError):
        compute_payout(Decimal("-1"), scenario.fees, scenario.exchange, False)
