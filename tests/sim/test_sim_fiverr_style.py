"""Fiverr style: one gig with three packages, search rank, buyer briefs, the 20% fee."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_testkit import FL_TEMPLATE, FV_OFFER

from tutor.domain.sim import fiverr as fv
from tutor.domain.sim.bid import resolve_offer
from tutor.domain.sim.job_board import draw_board, draw_job
from tutor.domain.sim.payout import compute_payout
from tutor.domain.sim.profile import FreelancerProfile
from tutor.domain.sim.reason_text import known_codes
from tutor.simulator import sim_events as ev
from tutor.simulator.service import SimInputError, SimService

NEW = FreelancerProfile(rising_talent=False)
GIG_ARGS = ("urdu-translation", "I will translate English to Urdu, clear and natural")


def gig(scenario, prices=(10, 20, 40), days=(2, 3, 5)) -> fv.Gig:
    return fv.make_gig(scenario, GIG_ARGS[0], GIG_ARGS[1], list(prices), list(days))


def menu(scenario, seed: int = 1):
    template = scenario.job_template("brief-menu-urdu")
    return draw_job(scenario, template, f"b{seed}", random.Random(seed))


def test_the_file_is_the_fiverr_style_with_its_fee(fiverr) -> None:
    assert fiverr.platform.style == "fiverr" and fiverr.platform.package_min_usd == 5
    assert fiverr.fees.platform_pct == Decimal(20)
    assert all(j.days > 0 for j in fiverr.jobs)  # every brief has a deadline


def test_five_dollar_order_pays_four_before_withdrawal(fiverr) -> None:
    p = compute_payout(Decimal(5), fiverr.fees, fiverr.exchange, False)
    assert p.platform_fee_usd == Decimal("1.00")
    assert p.gross_usd - p.platform_fee_usd == Decimal("4.00")
    assert p.days_to_money == 7 + 3 + 14 + 3  # work, auto-complete, clearance, bank


@pytest.mark.parametrize(
    ("prices", "days", "fragment"),
    [
        ((4, 20, 40), (2, 3, 5), "between"),
        ((30, 20, 40), (2, 3, 5), "at least as much"),
        (("ten", 20, 40), (2, 3, 5), "number"),
        ((10, 20, 40), (0, 3, 5), "between 1 and"),
        ((10, 20, 40), (2, "x", 5), "whole number"),
        ((10, 20), (2, 3), "three packages"),
    ],
)
def test_bad_gigs_are_refused_with_a_reason(fiverr, prices, days, fragment) -> None:
    with pytest.raises(fv.GigInputError, match=fragment):
        fv.make_gig(fiverr, GIG_ARGS[0], GIG_ARGS[1], list(prices), list(days))


def test_a_gig_needs_a_title_and_a_known_category(fiverr) -> None:
    with pytest.raises(fv.GigInputError, match="title"):
        fv.make_gig(fiverr, GIG_ARGS[0], "  ", [10, 20, 30], [1, 2, 3])
    with pytest.raises(fv.GigInputError, match="category"):
        fv.make_gig(fiverr, "astrology", GIG_ARGS[1], [10, 20, 30], [1, 2, 3])


def test_a_title_with_the_search_words_matches_better(fiverr) -> None:
    cat = fiverr.categories["urdu-translation"]
    assert fv.title_match(GIG_ARGS[1], cat) > fv.title_match("I will help you", cat)


def search(fiverr, reputation, record, seed, the_gig=None):
    the_gig = the_gig or gig(fiverr)
    cat = fiverr.categories[the_gig.category]
    rivals = fv.rival_gigs(fiverr, cat, random.Random(seed))
    return fv.search_week(fiverr, the_gig, reputation, record, rivals, random.Random(seed + 1))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32))
def test_same_seed_same_search(fiverr, seed: int) -> None:
    record = fv.SellerRecord(2, 0, 2, 0)
    assert search(fiverr, 0.3, record, seed) == search(fiverr, 0.3, record, seed)
    board = draw_board(fiverr, 2, random.Random(seed), count=4)
    assert board == draw_board(fiverr, 2, random.Random(seed), count=4)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    rep=st.floats(0, 1),
    bump=st.floats(0, 1),
    answered=st.integers(0, 5),
    missed=st.integers(0, 5),
    on_time=st.integers(0, 5),
    late=st.integers(0, 5),
)
def test_more_reviews_and_better_record_never_lower_the_search_rank(
    fiverr, seed, rep, bump, answered, missed, on_time, late
) -> None:
    record = fv.SellerRecord(answered, missed, on_time, late)
    better = fv.SellerRecord(answered + missed, 0, on_time + late, 0)
    before = search(fiverr, rep, record, seed)
    after = search(fiverr, min(1.0, rep + bump), better, seed)
    assert after.average_rank <= before.average_rank
    assert after.shown >= before.shown


def test_a_new_gig_ranks_low_and_is_told_why(fiverr) -> None:
    week = search(fiverr, 0.0, fv.SellerRecord(), 4)
    assert week.shown == 0 and not week.orders
    assert week.average_rank > week.of // 2
    codes = [r.code for r in week.reasons]
    assert codes[:2] == ["gig.searched", "gig.new_ranks_low"]
    assert set(codes) <= known_codes()


def test_an_established_gig_gets_orders_from_search(fiverr) -> None:
    orders = sum(len(search(fiverr, 0.8, fv.SellerRecord(9, 0, 9, 0), s).orders) for s in range(20))
    assert orders > 0


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), cut=st.floats(0, 1))
def test_a_better_offer_message_never_ranks_lower(fiverr, seed: int, cut: float) -> None:
    """Cutting the tailored message short only removes what answers the brief."""
    job = menu(fiverr, seed)
    short = FV_OFFER[: max(10, int(len(FV_OFFER) * cut))]
    pkg = gig(fiverr).package("standard")
    full = resolve_offer(fiverr, job, pkg, FV_OFFER, NEW, random.Random(seed))
    part = resolve_offer(fiverr, job, pkg, short, NEW, random.Random(seed))
    if full.proposal.quality >= part.proposal.quality and (
        full.proposal.preview_score >= part.proposal.preview_score
    ):
        assert full.rank <= part.rank


def test_an_offer_slower_than_the_deadline_is_skipped(fiverr) -> None:
    job = menu(fiverr)  # needed within 3 days
    slow = gig(fiverr, days=(2, 3, 9)).package("premium")
    out = resolve_offer(fiverr, job, slow, FV_OFFER, NEW, random.Random(2))
    codes = [r.code for r in out.reasons]
    assert not out.won and not out.view.opened
    assert "offer.too_slow" in codes and "outcome.disqualified" not in codes
    assert "outcome.not_opened" not in codes  # the deadline, not the list, explains it


def test_a_tailored_offer_wins_more_than_a_template(fiverr) -> None:
    pkg = gig(fiverr).package("standard")
    good = bad = 0
    for seed in range(150):
        job = menu(fiverr, seed)
        good += resolve_offer(fiverr, job, pkg, FV_OFFER, NEW, random.Random(seed)).won
        bad += resolve_offer(fiverr, job, pkg, FL_TEMPLATE, NEW, random.Random(seed)).won
    assert good > 2 * max(bad, 1)


def make(fiverr, seed: int = 7) -> tuple[SimService, list]:
    events: list = []
    svc = SimService(fiverr, seed, lambda t, p: events.append((t, p)))
    svc.start()
    return svc, events


def test_gig_is_set_up_once_and_briefs_need_it(fiverr) -> None:
    svc, events = make(fiverr)
    brief = next(j for j in svc.board() if not j.is_scam)
    with pytest.raises(SimInputError, match="gig"):
        svc.submit_offer(brief.id, FV_OFFER, "basic")
    with pytest.raises(SimInputError, match="offer"):
        svc.submit_bid(brief.id, FV_OFFER, 20)
    with pytest.raises(SimInputError, match="at least as much"):
        svc.create_gig(GIG_ARGS[0], GIG_ARGS[1], [30, 20, 10], [1, 2, 3])
    assert svc.gig is None and [t for t, _ in events] == [ev.CAREER_STARTED]
    svc.create_gig(GIG_ARGS[0], GIG_ARGS[1], ["10", "$20", "40"], ["2", "3", "5"])
    assert events[-1] == (
        ev.GIG_CREATED,
        {"cat": "urdu-translation", "p_c": [1000, 2000, 4000], "d": [2, 3, 5], "title_ok": True},
    )
    with pytest.raises(SimInputError, match="already"):
        svc.create_gig(GIG_ARGS[0], GIG_ARGS[1], [10, 20, 40], [2, 3, 5])
    out = svc.submit_offer(brief.id, FV_OFFER, "standard")
    assert out.connects_spent == 0 and svc.state.seller.answered == 1
    assert events[-2][0] == ev.BID_SUBMITTED and events[-2][1]["pkg"] == "s"
    assert events[-2][1]["style"] == "fiverr"


def test_declining_is_a_reply_and_silence_lowers_the_response_rate(fiverr) -> None:
    svc, events = make(fiverr)
    svc.create_gig(GIG_ARGS[0], GIG_ARGS[1], [10, 20, 40], [2, 3, 5])
    genuine = [j for j in svc.board() if not j.is_scam]
    svc.decline_brief(genuine[0].id)
    assert events[-1] == (ev.BRIEF_DECLINED, {"job": genuine[0].id, "wk": 1})
    with pytest.raises(SimInputError, match="declined"):
        svc.submit_offer(genuine[0].id, FV_OFFER, "basic")
    report = svc.end_week()
    seller = svc.state.seller
    assert seller.answered == 1 and seller.missed == len(genuine) - 1
    assert report.search is not None
    search_events = [p for t, p in events if t == ev.SEARCH_WEEK]
    assert search_events == [
        {
            "wk": 1,
            "n": report.search.searches,
            "shown": report.search.shown,
            "rank": report.search.average_rank,
            "of": report.search.of,
            "orders": len(report.search.orders),
        }
    ]
    if seller.missed:
        assert "gig.response" in [r.code for r in report.search.reasons]


def test_rushed_delivery_makes_late_orders_and_worse_reviews(fiverr) -> None:
    from tutor.domain.sim.career import Contract, review_stars

    base = Contract("j", "c", 1, Decimal(10), 0.8, 1.0, 1)
    late = replace(base, late=True)
    on_time = sum(review_stars(base, random.Random(s)) for s in range(300))
    delayed = sum(review_stars(late, random.Random(s)) for s in range(300))
    assert delayed < on_time
    cat = fiverr.categories["logo-design"]  # logos need at least 2 days
    assert fv.is_late(fv.Package("basic", 10, 1), cat)
    assert not fv.is_late(fv.Package("basic", 10, 2), cat)


def test_a_full_fiverr_career_runs_and_ends_with_a_style(fiverr) -> None:
    svc, events = make(fiverr, seed=21)
    svc.create_gig(GIG_ARGS[0], GIG_ARGS[1], [10, 20, 40], [2, 3, 5])
    while not svc.over:
        for job in svc.board():
            if job.is_scam:
                svc.respond_to_scam(job.id, "report")
            elif svc.outcome(job.id) is None:
                svc.submit_offer(job.id, FV_OFFER, "basic")
        svc.end_week()
    ended = [p for t, p in events if t == ev.CAREER_ENDED]
    assert len(ended) == 1 and ended[0]["style"] == "fiverr"
    for contract in svc.state.paid:
        p = contract.payout
        assert p.platform_fee_usd == (p.gross_usd * Decimal("0.2")).quantize(Decimal("0.01"))
        assert p.gross_usd == p.platform_fee_usd + p.withdrawal_fee_usd + p.sent_usd
        assert p.net_pkr == p.received_pkr - p.tax_pkr
