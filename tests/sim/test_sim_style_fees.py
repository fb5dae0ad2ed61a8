"""Fees and rupees add up in every platform style (10%, 10%-or-$5, 20%; tiers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.domain.sim.payout import compute_payout

money = st.decimals(min_value=0, max_value=20_000, places=2, allow_nan=False)


@pytest.mark.parametrize("style", ["scenario", "freelancer", "fiverr"])
@settings(max_examples=60, deadline=None)
@given(gross=money, fixed=st.booleans(), pseb=st.booleans())
def test_every_deduction_adds_up_to_the_rupees(request, style, gross, fixed, pseb) -> None:
    scenario = request.getfixturevalue(style)
    p = compute_payout(gross, scenario.fees, scenario.exchange, pseb, fixed=fixed)
    assert p.gross_usd == p.platform_fee_usd + p.withdrawal_fee_usd + p.sent_usd
    assert min(p.platform_fee_usd, p.withdrawal_fee_usd, p.sent_usd) >= 0
    assert p.received_pkr == (p.sent_usd * p.usd_pkr).quantize(Decimal("0.01"))
    assert p.net_pkr == p.received_pkr - p.tax_pkr >= 0
    pct = scenario.fees.platform_pct / 100
    assert p.platform_fee_usd >= min(p.gross_usd, (p.gross_usd * pct).quantize(Decimal("0.01")))
