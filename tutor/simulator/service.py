"""The simulator service: one career run, driven by the screens, recording every action.

The service owns the run's state and its seed, calls the pure engine, and reports each
action through a ``record(type, payload)`` callback (the event log in the app, a list in
tests). State changes only after every event of an action was recorded, and bad input
raises :class:`SimInputError` with a translated message before anything changes.

Each random step draws from its own generator seeded by ``(seed, purpose, id)``, so the
board of week 3 is the same whatever the trainee did in weeks 1 and 2: same seed, same
market.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tutor.domain.sim import career as career_mod
from tutor.domain.sim.bid import BidInputError, BidOutcome, resolve_bid
from tutor.domain.sim.career import CareerState, Contract, Standing
from tutor.domain.sim.job_board import Job, draw_board
from tutor.domain.sim.scams import ACTIONS, REPORT, ScamVerdict, judge_response
from tutor.domain.sim.scenario import Scenario
from tutor.i18n import _
from tutor.simulator import sim_events as ev

Record = Callable[[str, dict[str, Any]], None]


class SimInputError(ValueError):
    """An action the service cannot take; ``str(err)`` is a translated message."""


def _cents(value: Decimal) -> int:
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _rupees(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class WeekReport:
    """What happened when a week ended: contracts paid and where the run stands."""

    week: int
    paid: tuple[Contract, ...]
    over: bool
    standing: Standing | None


class SimService:
    """One trainee's simulator run over a scenario (practice bids and career weeks)."""

    def __init__(
        self, scenario: Scenario, seed: int, record: Record, pseb_registered: bool = False
    ):
        self.scenario = scenario
        self.seed = seed
        self._record = record
        self._state = career_mod.start_career(scenario, pseb_registered)
        self._boards: dict[int, tuple[Job, ...]] = {}
        self._outcomes: dict[str, BidOutcome] = {}
        self._answered: dict[str, ScamVerdict] = {}
        self._ended = False

    # -- reading ---------------------------------------------------------------------------
    @property
    def state(self) -> CareerState:
        return self._state

    @property
    def over(self) -> bool:
        return career_mod.is_over(self._state, self.scenario)

    def _rng(self, purpose: str, key: object) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}:{key}")

    def board(self) -> tuple[Job, ...]:
        """This week's job posts (drawn once per week from the seed)."""
        week = self._state.week
        if week not in self._boards:
            self._boards[week] = draw_board(self.scenario, week, self._rng("board", week))
        return self._boards[week]

    def job(self, job_id: str) -> Job:
        for job in self.board():
            if job.id == job_id:
                return job
        raise SimInputError(_("This job is no longer on the board."))

    def outcome(self, job_id: str) -> BidOutcome | None:
        return self._outcomes.get(job_id)

    # -- actions ---------------------------------------------------------------------------
    def start(self) -> None:
        """Record the start of the run (call once, before the first action)."""
        payload = {"scn": self.scenario.id, "seed": self.seed, "weeks": self.scenario.career.weeks}
        self._record(ev.CAREER_STARTED, payload)

    def view_job(self, job_id: str) -> Job:
        job = self.job(job_id)
        payload = {
            "job": job.id,
            "tpl": job.template.id,
            "cat": job.template.category,
            "wk": self._state.week,
        }
        self._record(ev.JOB_VIEWED, payload)
        return job

    def submit_bid(self, job_id: str, text: object, price: object) -> BidOutcome:
        """Send a proposal; returns the result with every reason (raises SimInputError)."""
        self._check_open()
        job = self.job(job_id)
        if job_id in self._outcomes:
            raise SimInputError(_("You already sent a proposal for this job."))
        if job_id in self._answered:
            raise SimInputError(_("You already reported this job."))
        rng = self._rng("bid", job.id)
        try:
            outcome = resolve_bid(self.scenario, job, text, price, self._state.profile, rng)
        except BidInputError as exc:
            raise SimInputError(str(exc)) from exc
        new_state = career_mod.record_bid(self._state, job, outcome)
        self._record(ev.BID_SUBMITTED, self._bid_payload(job, outcome))
        self._record(ev.BID_OUTCOME, self._outcome_payload(job, outcome))
        self._state = new_state
        self._outcomes[job_id] = outcome
        return outcome

    def respond_to_scam(self, job_id: str, action: str) -> ScamVerdict:
        """The trainee's answer to a suspicious job or message: report, decline or comply.

        From the post (no bid yet) only reporting makes sense; after a bid on a scam job
        the "client" has written and any of the three answers is possible.
        """
        self._check_open()
        job = self.job(job_id)
        if action not in ACTIONS:
            raise SimInputError(_("Choose report, decline or go along."))
        if job_id in self._answered:
            raise SimInputError(_("You already answered this job."))
        outcome = self._outcomes.get(job_id)
        before_bid = outcome is None
        if before_bid and action != REPORT:
            raise SimInputError(_("Nothing to answer yet: you can only report a job post."))
        if outcome is not None and not outcome.scam_message and action != REPORT:
            raise SimInputError(_("This client sent no request to answer."))
        verdict = judge_response(job, action, before_bid)
        loss = Decimal(str(job.template.scam_loss_usd))
        new_state = career_mod.record_scam_verdict(self._state, verdict, loss)
        if verdict.kind and action == REPORT and not before_bid:
            # The platform removes a reported scam post and refunds the Connects.
            new_state = replace(new_state, connects=new_state.connects + job.connects)
        event = ev.SCAM_REPORTED if action == REPORT else ev.SCAM_RESPONSE
        payload = {
            "job": job.id,
            "kind": verdict.kind,
            "ok": verdict.correct,
            "pts": verdict.points,
        }
        payload.update({"early": before_bid} if action == REPORT else {"act": action})
        self._record(event, payload)
        if new_state.suspended:
            result = career_mod.standing(new_state, self.scenario)
            self._record(ev.CAREER_ENDED, self._ended_payload(new_state, result))
            self._ended = True
        self._state = new_state
        self._answered[job_id] = verdict
        return verdict

    def end_week(self) -> WeekReport:
        """Close the week: won contracts are reviewed and paid; the run may end here."""
        self._check_open()
        week = self._state.week
        new_state = career_mod.end_week(self._state, self.scenario, self._rng("week", week))
        paid = tuple(c for c in new_state.contracts if c.week == week and c.payout is not None)
        for contract in paid:
            self._record(ev.CONTRACT_PAID, self._paid_payload(contract))
        bids = [b for b in new_state.bids if b.week == week]
        self._record(
            ev.WEEK_ENDED,
            {
                "wk": week,
                "conn": new_state.connects,
                "bids": len(bids),
                "wins": sum(b.won for b in bids),
            },
        )
        over = career_mod.is_over(new_state, self.scenario)
        result = career_mod.standing(new_state, self.scenario) if over else None
        if result is not None:
            self._record(ev.CAREER_ENDED, self._ended_payload(new_state, result))
        self._state = new_state
        self._ended = over
        return WeekReport(week, paid, over, result)

    def finish(self) -> Standing:
        """End the run now (e.g. the trainee quits early) and say where they stand."""
        result = career_mod.standing(self._state, self.scenario)
        if not self._ended:
            self._record(ev.CAREER_ENDED, self._ended_payload(self._state, result))
            self._ended = True
        return result

    # -- helpers ---------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._ended or self.over:
            raise SimInputError(_("This simulation has ended. Start a new one."))

    def _bid_payload(self, job: Job, outcome: BidOutcome) -> dict[str, Any]:
        scores = {k[:3]: round(v, 2) for k, v in outcome.proposal.scores.items()}
        return {
            "job": job.id,
            "tpl": job.template.id,
            "wk": self._state.week,
            "price_c": round(outcome.view.price * 100),
            "conn": outcome.connects_spent,
            "q": round(outcome.proposal.quality, 2),
            "sc": scores,
        }

    @staticmethod
    def _outcome_payload(job: Job, outcome: BidOutcome) -> dict[str, Any]:
        return {
            "job": job.id,
            "won": outcome.won,
            "hired": outcome.hired,
            "rank": outcome.rank,
            "of": outcome.of,
            "open": outcome.view.opened,
            "why": [r.code for r in outcome.all_reasons if not r.ok],
        }

    @staticmethod
    def _paid_payload(contract: Contract) -> dict[str, Any]:
        payout = contract.payout
        assert payout is not None
        return {
            "job": contract.job_id,
            "gross_c": _cents(payout.gross_usd),
            "fee_c": _cents(payout.platform_fee_usd),
            "wd_c": _cents(payout.withdrawal_fee_usd),
            "tax_pkr": _rupees(payout.tax_pkr),
            "net_pkr": _rupees(payout.net_pkr),
            "stars": contract.stars,
        }

    @staticmethod
    def _ended_payload(state: CareerState, result: Standing) -> dict[str, Any]:
        return {
            "standing": result.level,
            "wk": state.week - 1 if not state.suspended else state.week,
            "n": result.contracts,
            "pkr": _rupees(result.earned_pkr),
            "why": [f.code for f in result.factors],
        }
