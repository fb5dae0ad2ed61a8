"""The service: records every action as a small event; bad input changes nothing."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest
from sim_testkit import TAILORED_EXCEL, TEMPLATE_PROPOSAL

from tutor.domain.sim.scams import judge_response
from tutor.simulator import sim_events as ev
from tutor.simulator.service import SimInputError, SimService


class Recorder:
    """A record callback that keeps events, and can be told to fail (disk full)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict]] = []
        self.fail = False

    def __call__(self, type_: str, payload: dict) -> None:
        if self.fail:
            raise OSError(28, "No space left on device")
        self.events.append((type_, json.loads(json.dumps(payload))))

    def types(self) -> list[str]:
        return [t for t, _ in self.events]


def make(scenario, seed: int = 11) -> tuple[SimService, Recorder]:
    rec = Recorder()
    svc = SimService(scenario, seed, rec)
    svc.start()
    return svc, rec


def first(svc: SimService, scam: bool):
    """A job of the wanted kind, moving weeks on until one appears."""
    for _ in range(svc.scenario.career.weeks):
        for job in svc.board():
            if job.is_scam == scam:
                return job
        svc.end_week()
    raise AssertionError("no such job")


def test_same_seed_same_market_whatever_the_trainee_did(scenario) -> None:
    a, _ = make(scenario, seed=5)
    b, _ = make(scenario, seed=5)
    job = next(j for j in a.board() if not j.is_scam)
    a.submit_bid(job.id, TEMPLATE_PROPOSAL, job.budget)  # only a bids
    a.end_week()
    b.end_week()
    assert a.board() == b.board()
    assert make(scenario, seed=6)[0].board() != make(scenario, seed=5)[0].board()


def test_bid_records_small_events_without_proposal_text(scenario) -> None:
    svc, rec = make(scenario)
    job = first(svc, scam=False)
    svc.view_job(job.id)
    out = svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)
    assert rec.types()[-3:] == [ev.JOB_VIEWED, ev.BID_SUBMITTED, ev.BID_OUTCOME]
    submitted, outcome = rec.events[-2][1], rec.events[-1][1]
    assert submitted["job"] == job.id and submitted["price_c"] == round(job.budget * 100)
    assert outcome["rank"] == out.rank and outcome["won"] == out.won
    assert set(outcome["why"]) <= {r.code for r in out.all_reasons}
    for _type, payload in rec.events:
        blob = json.dumps(payload)
        assert "catalogues" not in blob and len(blob) < 400
    assert {t for t in rec.types()} <= ev.SIM_EVENT_TYPES


@pytest.mark.parametrize(("text", "price"), [("", 30), ("ok", "abc"), ("ok", -1)])
def test_bad_bid_changes_nothing(scenario, text, price) -> None:
    svc, rec = make(scenario)
    job = first(svc, scam=False)
    before_state, before_events = svc.state, list(rec.events)
    with pytest.raises(SimInputError):
        svc.submit_bid(job.id, text, price)
    assert svc.state == before_state
    assert rec.events == before_events
    assert svc.outcome(job.id) is None


def test_unknown_job_and_double_bid_are_refused(scenario) -> None:
    svc, _ = make(scenario)
    with pytest.raises(SimInputError, match="no longer on the board"):
        svc.submit_bid("w9-9-nothing", TAILORED_EXCEL, 10)
    job = first(svc, scam=False)
    svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)
    with pytest.raises(SimInputError, match="already"):
        svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)


def test_failed_record_leaves_state_unchanged(scenario) -> None:
    svc, rec = make(scenario)
    job = first(svc, scam=False)
    before = svc.state
    rec.fail = True
    with pytest.raises(OSError):
        svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)
    assert svc.state == before
    rec.fail = False
    svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)  # can retry after the disk is fixed
    assert len(svc.state.bids) == 1


def test_reporting_a_scam_post_scores_best_and_spends_nothing(scenario) -> None:
    svc, rec = make(scenario)
    job = first(svc, scam=True)
    connects = svc.state.connects
    verdict = svc.respond_to_scam(job.id, "report")
    assert verdict.correct and verdict.points == 2
    assert svc.state.connects == connects
    assert rec.events[-1] == (
        ev.SCAM_REPORTED,
        {"job": job.id, "kind": job.template.scam_kind, "ok": True, "pts": 2, "early": True},
    )
    with pytest.raises(SimInputError):
        svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)


def test_scam_client_writes_after_a_bid_and_reporting_refunds_connects(scenario) -> None:
    svc, rec = make(scenario)
    job = first(svc, scam=True)
    connects = svc.state.connects
    out = svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)
    assert out.scam_message == job.template.scam_message and not out.won
    assert svc.state.connects == connects - job.connects
    verdict = svc.respond_to_scam(job.id, "report")
    assert verdict.points == 2 and svc.state.connects == connects
    assert rec.events[-1][1]["early"] is False


def service_with_scam(scenario, kind: str) -> tuple[SimService, Recorder, object]:
    """A fresh service whose first-week board holds a scam of ``kind`` (searching seeds)."""
    for seed in range(500):
        svc, rec = make(scenario, seed)
        job = next((j for j in svc.board() if j.template.scam_kind == kind), None)
        if job is not None:
            return svc, rec, job
    raise AssertionError(f"no {kind} scam in 500 seeds")


def test_going_along_with_account_rent_ends_the_run(scenario) -> None:
    svc, rec, job = service_with_scam(scenario, "account_rent")
    svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)
    verdict = svc.respond_to_scam(job.id, "comply")
    assert not verdict.correct and verdict.consequence == "consequence.suspended"
    assert rec.types()[-2:] == [ev.SCAM_RESPONSE, ev.CAREER_ENDED]
    assert rec.events[-1][1]["standing"] == "sinking"
    with pytest.raises(SimInputError, match="ended"):
        svc.end_week()


def test_sending_back_an_overpayment_loses_the_money(scenario) -> None:
    svc, _, job = service_with_scam(scenario, "overpayment")
    svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)
    svc.respond_to_scam(job.id, "comply")
    assert svc.state.scam_loss_usd == Decimal(str(job.template.scam_loss_usd)) > 0
    assert svc.finish().scam_loss_pkr > 0


def test_scam_answers_are_checked(scenario) -> None:
    svc, _ = make(scenario)
    scam = first(svc, scam=True)
    with pytest.raises(SimInputError):
        svc.respond_to_scam(scam.id, "dance")
    with pytest.raises(SimInputError, match="only report"):
        svc.respond_to_scam(scam.id, "comply")
    genuine = next(j for j in svc.board() if not j.is_scam)
    svc.submit_bid(genuine.id, TAILORED_EXCEL, genuine.budget)
    with pytest.raises(SimInputError, match="no request"):
        svc.respond_to_scam(genuine.id, "comply")


def test_reporting_a_genuine_job_is_a_false_alarm(scenario) -> None:
    svc, _ = make(scenario)
    job = first(svc, scam=False)
    verdict = svc.respond_to_scam(job.id, "report")
    assert not verdict.correct and verdict.points == 0
    assert verdict.reasons[0].code == "scam.false_alarm"


@pytest.mark.parametrize("action", ["report", "decline", "comply"])
def test_judge_scores_each_answer(scenario, action) -> None:
    svc, _ = make(scenario)
    job = first(svc, scam=True)
    verdict = judge_response(job, action, before_bid=False)
    assert verdict.points == {"report": 2, "decline": 1, "comply": 0}[action]
    assert verdict.correct == (action != "comply")
    flags = [r.code for r in verdict.reasons if r.code.startswith("flag.")]
    assert flags == [f"flag.{f}" for f in job.template.red_flags]


def test_full_career_ends_with_a_standing_event(scenario) -> None:
    svc, rec = make(scenario, seed=3)
    rng = random.Random(0)
    report = None
    while not svc.over:
        for job in svc.board():
            if job.is_scam:
                svc.respond_to_scam(job.id, "report")
            elif rng.random() < 0.8:
                svc.submit_bid(job.id, TAILORED_EXCEL, job.budget)
        report = svc.end_week()
    assert report is not None and report.over and report.standing is not None
    ended = [p for t, p in rec.events if t == ev.CAREER_ENDED]
    assert len(ended) == 1
    assert ended[0]["standing"] == report.standing.level
    assert ended[0]["wk"] == scenario.career.weeks
    paid = [p for t, p in rec.events if t == ev.CONTRACT_PAID]
    assert len(paid) == report.standing.contracts
    assert sum(p["net_pkr"] for p in paid) == pytest.approx(
        float(report.standing.earned_pkr), abs=len(paid)
    )
    assert svc.finish() == report.standing
    assert rec.types().count(ev.CAREER_ENDED) == 1
