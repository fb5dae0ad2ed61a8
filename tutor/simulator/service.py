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
from tutor.domain.sim import fiverr
from tutor.domain.sim.bid import BidInputError, BidOutcome, resolve_bid, resolve_offer
from tutor.domain.sim.career import CareerState, Contract, Standing
from tutor.domain.sim.fiverr import Gig, GigInputError, SearchWeek
from tutor.domain.sim.job_board import Job, draw_board
from tutor.domain.sim.scams import ACTIONS, REPORT, ScamVerdict, judge_response
from tutor.domain.sim.scenario import FIVERR, Scenario
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
    search: SearchWeek | None = None  # Fiverr style: how the gig did in search


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
        self._declined: set[str] = set()
        self._ended = False

    @property
    def style(self) -> str:
        return self.scenario.platform.style

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
            gig = self._state.gig
            prefer = gig.category if gig is not None else None
            rng = self._rng("board", week)
            self._boards[week] = draw_board(self.scenario, week, rng, prefer=prefer)
        return self._boards[week]

    def job(self, job_id: str) -> Job:
        for job in self.board():
            if job.id == job_id:
                return job
        raise SimInputError(_("This job is no longer on the board."))

    def outcome(self, job_id: str) -> BidOutcome | None:
        return self._outcomes.get(job_id)

    def verdict(self, job_id: str) -> ScamVerdict | None:
        """The answer already given to this job (a report from the post, or to a message)."""
        return self._answered.get(job_id)

    def declined(self, job_id: str) -> bool:
        return job_id in self._declined

    @property
    def gig(self) -> Gig | None:
        return self._state.gig

    # -- actions ---------------------------------------------------------------------------
    def start(self) -> None:
        """Record the start of the run (call once, before the first action)."""
        payload = {
            "scn": self.scenario.id,
            "style": self.style,
            "seed": self.seed,
            "weeks": self.scenario.career.weeks,
        }
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
        job = self._biddable(job_id)
        if self.style == FIVERR:
            raise SimInputError(_("On this platform you answer a brief with an offer."))
        if not self.scenario.platform.buys_bids and self._state.connects < job.connects:
            raise SimInputError(_("You have no bids left. Free bids refill a little every week."))
        rng = self._rng("bid", job.id)
        try:
            outcome = resolve_bid(self.scenario, job, text, price, self._state.profile, rng)
        except BidInputError as exc:
            raise SimInputError(str(exc)) from exc
        can_buy = self.scenario.platform.buys_bids
        new_state = career_mod.record_bid(self._state, job, outcome, can_buy=can_buy)
        self._commit_bid(job, outcome, new_state, {})
        return outcome

    def submit_offer(self, job_id: str, text: object, package: str) -> BidOutcome:
        """Answer a buyer brief with a short message and one of the gig's packages."""
        job = self._biddable(job_id)
        gig = self._state.gig
        if self.style != FIVERR or gig is None:
            raise SimInputError(_("Set up your gig before you answer briefs."))
        if job_id in self._declined:
            raise SimInputError(_("You already declined this brief."))
        try:
            chosen = gig.package(package)
            outcome = resolve_offer(
                self.scenario, job, chosen, text, self._state.profile, self._rng("bid", job.id)
            )
        except (BidInputError, GigInputError) as exc:
            raise SimInputError(str(exc)) from exc
        category = self.scenario.categories[job.template.category]
        late = fiverr.is_late(chosen, category)
        new_state = career_mod.record_bid(
            self._state, job, outcome, can_buy=False, late=late, answered=True
        )
        self._commit_bid(job, outcome, new_state, {"pkg": chosen.name[0]})
        return outcome

    def create_gig(
        self, category: str, title: object, prices: list[object], days: list[object]
    ) -> Gig:
        """Set up the trainee's gig, once per career (raises SimInputError on bad input)."""
        self._check_open()
        if self.style != FIVERR:
            raise SimInputError(_("Gigs exist only in the Fiverr-style market."))
        if self._state.gig is not None:
            raise SimInputError(_("Your gig is already set up for this career."))
        try:
            gig = fiverr.make_gig(self.scenario, category, title, prices, days)
        except GigInputError as exc:
            raise SimInputError(str(exc)) from exc
        match = fiverr.title_match(gig.title, self.scenario.categories[category])
        self._record(
            ev.GIG_CREATED,
            {
                "cat": category,
                "p_c": [round(p.price * 100) for p in gig.packages],
                "d": [p.days for p in gig.packages],
                "title_ok": match >= 0.5,
            },
        )
        self._state = career_mod.set_gig(self._state, gig)
        return gig

    def decline_brief(self, job_id: str) -> None:
        """Say no to a brief: a reply to the buyer, which (unlike silence) costs nothing."""
        job = self._biddable(job_id)
        if self.style != FIVERR:
            raise SimInputError(_("Only briefs can be declined."))
        self._record(ev.BRIEF_DECLINED, {"job": job.id, "wk": self._state.week})
        self._state = career_mod.record_replies(self._state, 1, 0)
        self._declined.add(job_id)

    def _biddable(self, job_id: str) -> Job:
        self._check_open()
        job = self.job(job_id)
        if job_id in self._outcomes:
            raise SimInputError(_("You already sent a proposal for this job."))
        if job_id in self._answered:
            raise SimInputError(_("You already reported this job."))
        if job_id in self._declined:
            raise SimInputError(_("You already declined this brief."))
        return job

    def _commit_bid(
        self, job: Job, outcome: BidOutcome, new_state: CareerState, extra: dict[str, Any]
    ) -> None:
        self._record(ev.BID_SUBMITTED, {**self._bid_payload(job, outcome), **extra})
        self._record(ev.BID_OUTCOME, self._outcome_payload(job, outcome))
        self._state = new_state
        self._outcomes[job.id] = outcome

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
        state, search = self._fiverr_week(self._state)
        new_state = career_mod.end_week(state, self.scenario, self._rng("week", week))
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
        return WeekReport(week, paid, over, result, search)

    def _fiverr_week(self, state: CareerState) -> tuple[CareerState, SearchWeek | None]:
        """Fiverr: unanswered briefs lower the response rate; buyers search; orders arrive."""
        if self.style != FIVERR:
            return state, None
        week = state.week
        missed = [
            j
            for j in self.board()
            if not j.is_scam
            and j.id not in self._outcomes
            and j.id not in self._declined
            and j.id not in self._answered
        ]
        state = career_mod.record_replies(state, 0, len(missed))
        gig = state.gig
        if gig is None:
            return state, None
        category = self.scenario.categories[gig.category]
        rivals = fiverr.rival_gigs(self.scenario, category, self._rng("gigs", gig.category))
        reputation = state.profile.reputation(self.scenario.career)
        search = fiverr.search_week(
            self.scenario, gig, reputation, state.seller, rivals, self._rng("search", week)
        )
        state = career_mod.add_orders(state, search.orders, category.min_days, f"w{week}-order")
        self._record(
            ev.SEARCH_WEEK,
            {
                "wk": week,
                "n": search.searches,
                "shown": search.shown,
                "rank": search.average_rank,
                "of": search.of,
                "orders": len(search.orders),
            },
        )
        return state, search

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
            "style": self.style,
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

    def _ended_payload(self, state: CareerState, result: Standing) -> dict[str, Any]:
        return {
            "standing": result.level,
            "style": self.style,
            "wk": state.week - 1 if not state.suspended else state.week,
            "n": result.contracts,
            "pkr": _rupees(result.earned_pkr),
            "why": [f.code for f in result.factors],
        }
