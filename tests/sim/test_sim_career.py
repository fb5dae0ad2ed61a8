"""Career: reputation grows from small wins, Connects cost money, the run ends with a standing."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from sim_testkit import TAILORED_EXCEL, job_from

from tutor.domain.sim import career
from tutor.domain.sim.bid import resolve_bid
from tutor.domain.sim.profile import FreelancerProfile
from tutor.domain.sim.scams import judge_response


def won_outcome(scenario, state, template="urdu-leaflet-translation"):
    """A winning bid on a small job (searches seeds; the market decides, not the test)."""
    job = job_from(scenario, template)
    for seed in range(500):
        out = resolve_bid(
            scenario, job, TAILORED_EXCEL, job.budget, state.profile, random.Random(seed)
        )
        if out.won:
            return job, out
    raise AssertionError("no win in 500 seeds")


def test_new_career_starts_with_no_reviews_and_free_connects(scenario) -> None:
    state = career.start_career(scenario)
    assert state.week == 1
    assert state.connects == scenario.platform.starting_connects
    assert state.profile.reviews == ()
    assert state.profile.jss(scenario.career) is None
    assert state.profile.badge(scenario.career) == "rising_talent"


def test_running_out_of_connects_buys_bundles_of_ten(scenario) -> None:
    state = replace(career.start_career(scenario), connects=3)
    state = career.spend_connects(state, 8)
    assert state.connects_bought == 10
    assert state.connects == 5


def test_reputation_grows_with_good_reviews_and_jss(scenario) -> None:
    rules = scenario.career
    profile = FreelancerProfile()
    reps = [profile.reputation(rules)]
    for i in range(6):
        profile = profile.with_review(5, f"client-{i % 3}")
        reps.append(profile.reputation(rules))
    assert reps == sorted(reps)
    assert reps[0] < 0.2 < reps[-1]
    assert profile.jss(rules) == 100
    bad = FreelancerProfile().with_review(2, "a").with_review(2, "b")
    assert bad.reputation(rules) < FreelancerProfile().with_review(5, "a").reputation(rules)


def test_jss_needs_enough_contracts_with_enough_clients(scenario) -> None:
    rules = scenario.career
    one_client = FreelancerProfile()
    for _ in range(rules.jss_after_contracts):
        one_client = one_client.with_review(5, "same")
    assert one_client.jss(rules) is None
    mixed = FreelancerProfile()
    for i, stars in enumerate([5, 5, 4, 2, 5]):
        mixed = mixed.with_review(stars, f"c{i}")
    assert mixed.jss(rules) == 60  # (4 good - 1 bad) / 5


def test_won_bid_is_paid_and_reviewed_when_the_week_ends(scenario) -> None:
    state = career.start_career(scenario)
    job, out = won_outcome(scenario, state)
    state = career.record_bid(state, job, out)
    assert state.connects == scenario.platform.starting_connects - job.connects
    assert len(state.contracts) == 1 and state.contracts[0].payout is None
    after = career.end_week(state, scenario, random.Random(3))
    contract = after.contracts[0]
    assert contract.payout is not None and 3 <= contract.stars <= 5
    assert after.profile.reviews == (contract.stars,)
    assert after.earned_pkr == contract.payout.net_pkr > 0
    assert after.week == 2


def test_monthly_free_connects_arrive_every_fourth_week(scenario) -> None:
    state = career.start_career(scenario)
    for _ in range(4):
        state = career.end_week(state, scenario, random.Random(0))
    assert (
        state.connects
        == scenario.platform.starting_connects + scenario.platform.monthly_free_connects
    )


def test_no_contracts_means_sinking_with_the_catch_22_named(scenario) -> None:
    state = career.start_career(scenario)
    job = job_from(scenario, "excel-product-list")
    out = resolve_bid(
        scenario, job, "Dear Sir, hire me.", job.budget, state.profile, random.Random(1)
    )
    state = career.record_bid(state, job, out)
    result = career.standing(state, scenario)
    assert result.level == career.SINKING
    assert result.factors[0].code == "factor.no_reviews"


def test_steady_small_wins_reach_swimming(scenario) -> None:
    state = career.start_career(scenario)
    for week in range(6):
        job, out = won_outcome(scenario, state)
        job = replace(job, id=f"j{week}", template=replace(job.template, id=f"tpl{week}"))
        state = career.record_bid(state, job, replace(out, job_id=job.id))
        state = career.end_week(state, scenario, random.Random(week))
    result = career.standing(state, scenario)
    assert result.contracts == 6
    assert result.level in (career.SURVIVING, career.SWIMMING)
    assert "factor.first_review" in {f.code for f in result.factors}
    if (result.rating or 0) >= 4.5:
        assert result.level == career.SWIMMING


def test_falling_for_a_scam_caps_the_standing_and_account_rent_suspends(scenario) -> None:
    state = career.start_career(scenario)
    overpay = next(s for s in scenario.scams if s.scam_kind == "overpayment")
    job = replace(job_from(scenario, "urdu-leaflet-translation"), template=overpay)
    verdict = judge_response(job, "comply", before_bid=False)
    state = career.record_scam_verdict(state, verdict, Decimal("810"))
    assert state.scam_loss_usd == Decimal("810")
    assert career.standing(state, scenario).scam_loss_pkr == Decimal("226800.00")
    rent = next(s for s in scenario.scams if s.scam_kind == "account_rent")
    verdict = judge_response(replace(job, template=rent), "comply", before_bid=False)
    state = career.record_scam_verdict(state, verdict, Decimal(0))
    assert state.suspended and career.is_over(state, scenario)
    result = career.standing(state, scenario)
    assert result.level == career.SINKING
    assert result.factors[0].code == "factor.suspended"


def test_off_platform_contact_removes_badges(scenario) -> None:
    state = career.start_career(scenario)
    wa = next(s for s in scenario.scams if s.scam_kind == "off_platform")
    job = replace(job_from(scenario, "urdu-leaflet-translation"), template=wa)
    state = career.record_scam_verdict(state, judge_response(job, "comply", False), Decimal(0))
    assert state.profile.badge(scenario.career) == ""
    assert state.profile.reputation(scenario.career) == 0.0
