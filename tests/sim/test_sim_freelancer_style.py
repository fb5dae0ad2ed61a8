"""Freelancer style: visible bids, undercutting, a free bid quota, 10% or $5 fees."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_testkit import FL_TAILORED, FL_TEMPLATE, SHIPPED

from tutor.domain.sim import freelancer as fl
from tutor.domain.sim.bid import resolve_bid
from tutor.domain.sim.job_board import draw_board, draw_job
from tutor.domain.sim.payout import compute_payout
from tutor.domain.sim.profile import FreelancerProfile
from tutor.domain.sim.reason_text import known_codes
from tutor.domain.sim.rivals import Bidder
from tutor.domain.sim.scenario_parse import ScenarioError, scenario_from_dict
from tutor.simulator import sim_events as ev
from tutor.simulator.service import SimInputError, SimService

NEW = FreelancerProfile(rising_talent=False)
unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def cards(scenario, seed: int):
    template = scenario.job_template("business-card-typing")
    return draw_job(scenario, template, f"j{seed}", random.Random(seed))


def test_the_file_is_the_freelancer_style_with_its_fees(freelancer) -> None:
    assert freelancer.platform.style == "freelancer"
    assert freelancer.platform.monthly_bids == 8
    assert not freelancer.platform.buys_bids
    assert freelancer.fees.platform_pct == Decimal(10)
    assert freelancer.fees.platform_min_usd == Decimal(5)


def test_a_wrong_style_or_missing_quota_is_refused_with_a_reason() -> None:
    import yaml

    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    data["platform"]["style"] = "elance"
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    assert "freelancer" in info.value.message and info.value.where() == "platform.style"
    data["platform"] = {"style": "freelancer", "preview_chars": 200, "shortlist": 6}
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    assert "monthly_bids" in info.value.message


def test_rival_bids_are_drawn_with_the_post_and_listed_by_reputation(freelancer) -> None:
    job = cards(freelancer, 3)
    assert len(job.bids) == job.rivals > 0
    listed = fl.public_bids(job)
    assert [b.reviews for b in listed] == sorted((b.reviews for b in listed), reverse=True)
    stats = fl.bid_stats(job)
    assert stats is not None and stats.lowest <= stats.average <= stats.highest
    assert any(b.price < 0.55 * job.budget for b in listed)  # somebody undercuts


def test_upwork_posts_carry_no_visible_bids(scenario) -> None:
    assert all(not j.bids for j in draw_board(scenario, 1, random.Random(1), count=10))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32), week=st.integers(1, 20))
def test_same_seed_same_market(freelancer, seed: int, week: int) -> None:
    board = draw_board(freelancer, week, random.Random(seed), count=4)
    assert board == draw_board(freelancer, week, random.Random(seed), count=4)
    job = board[0]
    a = resolve_bid(freelancer, job, FL_TAILORED, job.budget, NEW, random.Random(seed))
    b = resolve_bid(freelancer, job, FL_TAILORED, job.budget, NEW, random.Random(seed))
    assert a == b


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    preview=unit,
    quality=unit,
    reputation=unit,
    ratio=st.floats(min_value=0.1, max_value=2.0),
    field=st.sampled_from(["preview", "quality", "reputation"]),
    bump=st.floats(min_value=0.0, max_value=1.0),
)
def test_improving_proposal_quality_never_lowers_rank(
    freelancer, seed, preview, quality, reputation, ratio, field, bump
) -> None:
    job = cards(freelancer, seed)
    me = Bidder("you", preview, quality, reputation, ratio)
    better = replace(me, **{field: min(1.0, getattr(me, field) + bump)})
    before = fl.run_auction(job, me, freelancer.platform.shortlist, random.Random(seed))
    after = fl.run_auction(job, better, freelancer.platform.shortlist, random.Random(seed))
    assert after.trainee_rank <= before.trainee_rank
    assert after.trainee_won or not before.trainee_won


def test_race_to_the_bottom_rarely_wins_and_a_tailored_average_bid_wins_more(freelancer):
    """Across many seeds: the lowest visible price with a template against a letter
    written for the job at about the average price (same jobs, same rivals, same noise)."""
    lowest_wins = tailored_wins = 0
    runs = 400
    for seed in range(runs):
        job = cards(freelancer, seed)
        stats = fl.bid_stats(job)
        assert stats is not None
        rng_seed = seed + 10_000
        low = resolve_bid(freelancer, job, FL_TEMPLATE, stats.lowest, NEW, random.Random(rng_seed))
        fair = resolve_bid(
            freelancer, job, FL_TAILORED, stats.average, NEW, random.Random(rng_seed)
        )
        lowest_wins += low.won
        tailored_wins += fair.won
    assert lowest_wins <= runs * 0.02
    assert tailored_wins >= max(3 * lowest_wins, runs * 0.04)


def test_the_result_says_where_the_bid_stood_and_why(freelancer) -> None:
    codes_seen: set[str] = set()
    for seed in range(60):
        job = cards(freelancer, seed)
        stats = fl.bid_stats(job)
        out = resolve_bid(freelancer, job, FL_TEMPLATE, stats.lowest, NEW, random.Random(seed))
        codes = [r.code for r in out.all_reasons]
        assert "fl.position" in codes
        position = next(r for r in out.reasons if r.code == "fl.position")
        assert position.params["pos"] == 1 and position.params["n"] == job.rivals + 1
        codes_seen |= set(codes)
        assert set(codes) <= known_codes()
    assert "fl.bottom_risky" in codes_seen  # the lowest bid lost because it looked risky


def test_winning_at_the_bottom_is_explained_as_paying_little(freelancer) -> None:
    """Against three weak rivals at the budget, a tailored $8 bid can win: the result says
    a race to the bottom pays little, and the $5 minimum fee shows why."""
    base = cards(freelancer, 1)
    weak = tuple(replace(b, preview=0, quality=0, reputation=0, price_ratio=1.0) for b in base.bids)
    job = replace(base, bids=weak[:3], client=replace(base.client, hire_rate=1.0))
    wins = [resolve_bid(freelancer, job, FL_TAILORED, 8, NEW, random.Random(s)) for s in range(20)]
    won = [o for o in wins if o.won]
    assert won and all("fl.bottom_won" in [r.code for r in o.reasons] for o in won)
    pay = compute_payout(Decimal(8), freelancer.fees, freelancer.exchange, False)
    assert pay.platform_fee_usd == Decimal(5) and pay.sent_usd == Decimal(2)


@pytest.mark.parametrize(
    ("gross", "fixed", "fee"),
    [("20", True, "5.00"), ("20", False, "2.00"), ("80", True, "8.00"), ("3", True, "3.00")],
)
def test_fee_is_ten_percent_or_five_dollars_on_fixed_price(freelancer, gross, fixed, fee):
    p = compute_payout(Decimal(gross), freelancer.fees, freelancer.exchange, False, fixed=fixed)
    assert p.platform_fee_usd == Decimal(fee)


def test_payoneer_tier_one_dollar_under_100_one_percent_from_100(freelancer) -> None:
    small = compute_payout(Decimal("50"), freelancer.fees, freelancer.exchange, False)
    big = compute_payout(Decimal("300"), freelancer.fees, freelancer.exchange, False)
    assert small.withdrawal_fee_usd == Decimal("1.00")  # 45.00 after the fee: under $100
    assert big.withdrawal_fee_usd == Decimal("2.70")  # 1% of 270.00


def rationed(freelancer, seed: int) -> tuple[SimService, list]:
    """A run with a quota of 2 bids, both spent on the first week's genuine jobs."""
    two = replace(freelancer, platform=replace(freelancer.platform, monthly_bids=2))
    two = replace(two, platform=replace(two.platform, starting_connects=2))
    events: list = []
    svc = SimService(two, seed, lambda t, p: events.append((t, p)))
    svc.start()
    for job in [j for j in svc.board() if not j.is_scam][:2]:
        svc.submit_bid(job.id, FL_TEMPLATE, job.budget)
    return svc, events


def test_bids_are_rationed_not_bought(freelancer) -> None:
    svc, events = next(
        (s, e)
        for s, e in (rationed(freelancer, seed) for seed in range(50))
        if len(s.state.bids) == 2 and all(b.connects == 1 for b in s.state.bids)
    )
    assert events[0][1]["style"] == "freelancer"
    assert svc.state.connects == 0 and svc.state.connects_bought == 0
    job = next(j for j in svc.board() if svc.outcome(j.id) is None)
    before = len(events)
    with pytest.raises(SimInputError, match="no bids left"):
        svc.submit_bid(job.id, FL_TAILORED, job.budget)
    assert len(events) == before and svc.outcome(job.id) is None
    svc.end_week()
    assert svc.state.connects == 1  # a quarter of the month's quota comes back each week
    submitted = [p for t, p in events if t == ev.BID_SUBMITTED]
    assert len(submitted) == 2
    assert all(p["style"] == "freelancer" and p["conn"] == 1 for p in submitted)


def test_a_project_closed_without_hiring_gives_the_bid_back(freelancer) -> None:
    svc, _events = next(
        (s, e)
        for s, e in (rationed(freelancer, seed) for seed in range(80))
        if any(b.connects == 0 for b in s.state.bids)
    )
    refunded = sum(1 for b in svc.state.bids if b.connects == 0)
    assert svc.state.connects == refunded
    outcome = next(svc.outcome(b.job_id) for b in svc.state.bids if b.connects == 0)
    assert "outcome.no_hire_bid" in [r.code for r in outcome.reasons]
