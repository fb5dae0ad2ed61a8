"""Sentences the simulator screens show, built from engine values through ``_()``.

Kept apart from the Textual screens so every line can be tested without a terminal, and
so the screens stay thin. Job posts and the trainee's proposal stay in English (that is the
language of the platforms); everything around them follows the interface language.
"""

from __future__ import annotations

from decimal import Decimal

from tutor.domain.sim.bid import BidOutcome, ClientView
from tutor.domain.sim.career import CareerState, Contract, Standing
from tutor.domain.sim.job_board import Job
from tutor.domain.sim.payout import Payout
from tutor.domain.sim.reason_text import badge_title, reason_line, standing_title
from tutor.domain.sim.scams import ScamVerdict
from tutor.domain.sim.scenario import FIXED, Scenario
from tutor.i18n import _
from tutor.i18n.formatting import format_money


def usd(amount: float | Decimal) -> str:
    """Dollars as the platforms show them (CLDR grouping, kept left to right in Urdu)."""
    return format_money(Decimal(str(amount)), "USD")


def pkr(amount: Decimal) -> str:
    return format_money(amount, "PKR")


def budget_text(job: Job) -> str:
    if job.template.pay == FIXED:
        return _("Fixed price {amount}").format(amount=usd(job.budget))
    return _("Hourly {amount}/hr, about {hours} hours").format(
        amount=usd(job.budget), hours=job.template.hours
    )


def band_text(job: Job) -> str:
    low, high = job.band
    if high >= 50 and low >= 50:
        return _("Proposals: 50+")
    return _("Proposals: {low} to {high}").format(low=low, high=high)


def job_line(job: Job) -> str:
    """One line of the board: title, pay, competition, cost to bid."""
    return f"{job.template.title}\n   {budget_text(job)} · {band_text(job)} · " + _(
        "{n} Connects"
    ).format(n=job.connects)


def client_text(job: Job) -> str:
    c = job.client
    verified = _("Payment verified") if c.verified else _("Payment not verified")
    rating = f"{c.rating:.1f}★" if c.rating > 0 else _("no reviews")
    return _(
        "Client: {country} · {jobs} jobs posted · hires {rate}% · {rating} · {verified}"
    ).format(
        country=c.country,
        jobs=c.jobs_posted,
        rate=round(c.hire_rate * 100),
        rating=rating,
        verified=verified,
    )


def job_details(job: Job) -> str:
    """The post as the trainee reads it (description in English)."""
    return "\n".join(
        [
            job.template.description,
            "",
            budget_text(job) + " · " + band_text(job),
            client_text(job),
            _("Sending a proposal costs {n} Connects.").format(n=job.connects),
        ]
    )


def profile_line(state: CareerState, scenario: Scenario) -> str:
    """Week, Connects and the reputation a client would see."""
    rules = scenario.career
    profile = state.profile
    jss = profile.jss(rules)
    reviews = (
        _("{n} reviews, {rating:.1f}★").format(n=len(profile.reviews), rating=profile.rating)
        if profile.reviews
        else _("no reviews yet")
    )
    return " · ".join(
        [
            _("Week {week} of {weeks}").format(
                week=min(state.week, rules.weeks), weeks=rules.weeks
            ),
            _("{n} Connects").format(n=state.connects),
            reviews,
            _("JSS {jss}%").format(jss=jss) if jss is not None else _("no JSS yet"),
            badge_title(profile.badge(rules)),
        ]
    )


def view_text(view: ClientView) -> str:
    """What the client saw in the proposal list."""
    reviews = _("{n} reviews").format(n=view.reviews) if view.reviews else _("no reviews")
    jss = _("JSS {jss}%").format(jss=view.jss) if view.jss is not None else _("no JSS")
    opened = (
        _("The client opened your proposal.")
        if view.opened
        else _("The client did not open your proposal.")
    )
    return "\n".join(
        [
            _("What the client saw:"),
            f"  “{view.preview}”",
            f"  {usd(view.price)} · {reviews} · {jss} · {badge_title(view.badge)}",
            opened,
        ]
    )


def outcome_headline(outcome: BidOutcome) -> str:
    if outcome.scam_message:
        return "⚠ " + _("The client wrote to you:")
    if outcome.won:
        return "✓ " + _("You won this job!")
    if not outcome.hired:
        return "• " + _("Nobody was hired.")
    return "✗ " + _("You did not win this job.")


def outcome_text(outcome: BidOutcome) -> str:
    """Result, what the client saw, and every reason."""
    lines = [outcome_headline(outcome)]
    if outcome.scam_message:
        lines += [f"“{outcome.scam_message}”", ""]
    lines += [view_text(outcome.view), "", _("Why:")]
    lines += [reason_line(r) for r in outcome.all_reasons]
    return "\n".join(lines)


def verdict_text(verdict: ScamVerdict) -> str:
    head = (
        ("✓ " + _("Safe choice.") if verdict.correct else "✗ " + _("Not the right move."))
        + " "
        + _("Points: {n} of 2").format(n=verdict.points)
    )
    return "\n".join([head, *(reason_line(r) for r in verdict.reasons)])


def payout_lines(payout: Payout) -> list[str]:
    """The money from escrow to the bank, each deduction on its own line."""
    lines = [
        _("Milestones funded in escrow: {n}").format(n=len(payout.milestones)),
        _("Contract value: {amount}").format(amount=usd(payout.gross_usd)),
        _("Platform fee: -{amount} (rules as of {date})").format(
            amount=usd(payout.platform_fee_usd), date=payout.fees_as_of
        ),
        _("Withdrawal fee: -{amount}").format(amount=usd(payout.withdrawal_fee_usd)),
        _("Sent to your bank: {amount}").format(amount=usd(payout.sent_usd)),
        _("At Rs {rate} per dollar ({date}): {amount}").format(
            rate=payout.usd_pkr, date=payout.rate_as_of, amount=pkr(payout.received_pkr)
        ),
        _("Income tax {pct}%: -{amount}").format(pct=payout.tax_pct, amount=pkr(payout.tax_pkr)),
        _("In your account: {amount}").format(amount=pkr(payout.net_pkr)),
        _("Money arrives about {days} days after work starts.").format(days=payout.days_to_money),
    ]
    return lines


def contract_text(contract: Contract) -> str:
    stars = "★" * contract.stars + "☆" * (5 - contract.stars)
    head = f"{contract.job_id}: {stars}"
    if contract.payout is None:
        return head
    return "\n".join([head, *("  " + line for line in payout_lines(contract.payout))])


def standing_text(standing: Standing) -> str:
    """Where the trainee ends and the factors that moved them."""
    rating = f"{standing.rating:.1f}★" if standing.rating is not None else _("no reviews")
    lines = [
        _("Where you stand: {level}").format(level=standing_title(standing.level)),
        _("Contracts: {n} · Rating: {rating} · Earned: {earned}").format(
            n=standing.contracts, rating=rating, earned=pkr(standing.earned_pkr)
        ),
        _("Spent on Connects: {cost} · Lost to scams: {lost}").format(
            cost=pkr(standing.connects_cost_pkr), lost=pkr(standing.scam_loss_pkr)
        ),
        "",
        _("What moved you:"),
    ]
    lines += [reason_line(f) for f in standing.factors]
    return "\n".join(lines)
