"""Sentences the simulator screens show, built from engine values through ``_()``.

Kept apart from the Textual screens so every line can be tested without a terminal, and
so the screens stay thin. Job posts and the trainee's proposal stay in English (that is the
language of the platforms); everything around them follows the interface language.
"""

from __future__ import annotations

from decimal import Decimal

from tutor.domain.sim.bid import BidOutcome, ClientView
from tutor.domain.sim.career import CareerState, Contract, Standing
from tutor.domain.sim.fiverr import Gig, SearchWeek
from tutor.domain.sim.freelancer import RISKY_RATIO, bid_stats, public_bids
from tutor.domain.sim.job_board import Job
from tutor.domain.sim.payout import Payout
from tutor.domain.sim.reason_text import (
    badge_title,
    package_title,
    reason_line,
    standing_title,
)
from tutor.domain.sim.scams import ScamVerdict
from tutor.domain.sim.scenario import FIVERR, FIXED, FREELANCER, UPWORK, Scenario
from tutor.i18n import _, is_rtl, ngettext
from tutor.i18n.formatting import format_money
from tutor.i18n.rtl_mode import get_rtl_mode


def dot() -> str:
    """The " · " between parts of a line.

    In Urdu, drawn by the app, a number ending one part and a number starting the next
    ("از 8 · 2 ریویوز") are kept together as one left-to-right run and swap places; a
    right-to-left mark on each side keeps them apart. The marks never reach the screen
    (the bidi display path drops them); a terminal that reorders itself does not need them.
    """
    if is_rtl() and get_rtl_mode() == "app":
        return "\u200f · \u200f"
    return " · "


BIDS_SHOWN = 6  # rival bids listed on a Freelancer-style job (the rest are summed up)


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


def job_line(job: Job, style: str = UPWORK) -> str:
    """One line of the board: title, pay, competition, cost to bid."""
    if style == FREELANCER:
        stats = bid_stats(job)
        bids = (
            _("{n} bids, average {avg}").format(n=stats.count, avg=usd(stats.average))
            if stats
            else _("no bids yet")
        )
        return f"{job.template.title}\n   " + dot().join([budget_text(job), bids, _("costs 1 bid")])
    if style == FIVERR:
        return f"{job.template.title}\n   " + brief_terms(job)
    connects = _("{n} Connects").format(n=job.connects)
    return f"{job.template.title}\n   " + dot().join([budget_text(job), band_text(job), connects])


def brief_terms(job: Job) -> str:
    """Budget, deadline and how many offers were sent (Fiverr shows that count)."""
    parts = [_("Budget {amount}").format(amount=usd(job.budget))]
    if job.template.days:
        days = job.template.days
        parts.append(ngettext("within {n} day", "within {n} days", days).format(n=days))
    parts.append(ngettext("{n} offer sent", "{n} offers sent", job.rivals).format(n=job.rivals))
    return dot().join(parts)


def bids_text(job: Job) -> str:
    """The public bids on a Freelancer-style project: summary, then the list by reputation."""
    stats = bid_stats(job)
    if stats is None:
        return _("No bids yet.")
    lines = [
        _("{n} bids · average {avg} · lowest {low} · highest {high}").format(
            n=stats.count,
            avg=usd(stats.average),
            low=usd(stats.lowest),
            high=usd(stats.highest),
        ),
        _("Bids as the project lists them (best reputation first):"),
    ]
    bids = public_bids(job)
    for bid in bids[:BIDS_SHOWN]:
        rep = (
            ngettext(
                "{rating:.1f}★ from {n} review", "{rating:.1f}★ from {n} reviews", bid.reviews
            ).format(rating=bid.rating, n=bid.reviews)
            if bid.rating is not None
            else _("no reviews")
        )
        lines.append(f"  {usd(bid.price):>10}  {rep}")
    if len(bids) > BIDS_SHOWN:
        lines.append("  " + _("… and {n} more bids").format(n=len(bids) - BIDS_SHOWN))
    cheap = [b for b in bids if b.price < RISKY_RATIO * job.budget]
    if cheap:
        lines.append(
            _(
                "{n} bids are under half the budget; {new} of them from accounts with no reviews."
            ).format(n=len(cheap), new=sum(1 for b in cheap if not b.reviews))
        )
    return "\n".join(lines)


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


def job_details(job: Job, style: str = UPWORK) -> str:
    """The post as the trainee reads it (description in English), then its facts."""
    return job.template.description + "\n\n" + job_facts(job, style)


def job_facts(job: Job, style: str = UPWORK) -> str:
    """Budget, bids or offers, client history and the cost to bid, in the UI language."""
    if style == FIVERR:
        return "\n".join([brief_terms(job), client_text(job), _("Offers are free.")])
    lines = [budget_text(job) + dot() + band_text(job)]
    if style == FREELANCER:
        lines = [budget_text(job), "", bids_text(job), ""]
    lines.append(client_text(job))
    if style == FREELANCER:
        lines.append(_("Bidding uses 1 of your free bids for the month."))
    else:
        lines.append(_("Sending a proposal costs {n} Connects.").format(n=job.connects))
    return "\n".join(lines)


def profile_line(state: CareerState, scenario: Scenario) -> str:
    """Week, Connects or bids, and the reputation a client would see."""
    rules = scenario.career
    profile = state.profile
    style = scenario.platform.style
    reviews = (
        ngettext(
            "{n} review, {rating:.1f}★", "{n} reviews, {rating:.1f}★", len(profile.reviews)
        ).format(n=len(profile.reviews), rating=profile.rating)
        if profile.reviews
        else _("no reviews yet")
    )
    week = _("Week {week} of {weeks}").format(week=min(state.week, rules.weeks), weeks=rules.weeks)
    if style == FREELANCER:
        return dot().join([week, _("{n} bids left").format(n=state.connects), reviews])
    if style == FIVERR:
        seller = state.seller
        return dot().join(
            [
                week,
                reviews,
                _("replies {pct}%").format(pct=round(seller.response * 100))
                if seller.answered + seller.missed
                else _("no buyer messages yet"),
                _("on time {pct}%").format(pct=round(seller.delivery * 100))
                if seller.on_time + seller.late
                else _("no orders yet"),
            ]
        )
    jss = profile.jss(rules)
    return dot().join(
        [
            week,
            _("{n} Connects").format(n=state.connects),
            reviews,
            _("JSS {jss}%").format(jss=jss) if jss is not None else _("no JSS yet"),
            badge_title(profile.badge(rules)),
        ]
    )


def gig_text(gig: Gig) -> str:
    """The trainee's gig: title and the three packages."""
    lines = [_("Your gig: {title}").format(title=gig.title)]
    for pkg in gig.packages:
        lines.append("  " + package_option(gig, pkg.name))
    return "\n".join(lines)


def package_option(gig: Gig, name: str) -> str:
    pkg = gig.package(name)
    return ngettext(
        "{package}: {price}, {days} day", "{package}: {price}, {days} days", pkg.days
    ).format(package=package_title(pkg.name), price=usd(pkg.price), days=pkg.days)


def search_text(search: SearchWeek) -> str:
    return "\n".join(reason_line(r) for r in search.reasons)


def view_text(view: ClientView, style: str = UPWORK) -> str:
    """What the client saw in the proposal list."""
    reviews = (
        ngettext("{n} review", "{n} reviews", view.reviews).format(n=view.reviews)
        if view.reviews
        else _("no reviews")
    )
    jss = _("JSS {jss}%").format(jss=view.jss) if view.jss is not None else _("no JSS")
    seen = "  " + dot().join([usd(view.price), reviews, jss, badge_title(view.badge)])
    if style != UPWORK:  # JSS and these badges are Upwork's
        seen = "  " + dot().join([usd(view.price), reviews])
    opened = (
        _("The client opened your proposal.")
        if view.opened
        else _("The client did not open your proposal.")
    )
    return "\n".join(
        [
            _("What the client saw:"),
            f"  “{view.preview}”",
            seen,
            opened,
        ]
    )


def outcome_headline(outcome: BidOutcome, style: str = UPWORK) -> str:
    if outcome.scam_message:
        return "⚠ " + _("The client wrote to you:")
    if style == FIVERR:  # a buyer orders an offer; nobody is "hired"
        if outcome.won:
            return "✓ " + _("The buyer ordered your offer!")
        if not outcome.hired:
            return "• " + _("The buyer ordered from nobody.")
        return "✗ " + _("The buyer chose another offer.")
    if outcome.won:
        return "✓ " + _("You won this job!")
    if not outcome.hired:
        return "• " + _("Nobody was hired.")
    return "✗ " + _("You did not win this job.")


def outcome_text(outcome: BidOutcome, style: str = UPWORK) -> str:
    """Result, what the client saw, and every reason."""
    return "\n".join(text for text, _english in outcome_parts(outcome, style))


def outcome_parts(outcome: BidOutcome, style: str = UPWORK) -> list[tuple[str, bool]]:
    """The result as blocks, each flagged True when it is English the client wrote or read
    (the scam message, the proposal's first lines): those stay left to right in Urdu."""
    parts: list[tuple[str, bool]] = [(outcome_headline(outcome, style), False)]
    if outcome.scam_message:
        parts.append((f"“{outcome.scam_message}”\n", True))
    view = view_text(outcome.view, style).split("\n")
    parts += [(view[0], False), (view[1], True), ("\n".join(view[2:]), False)]
    reasons = [_("Why:"), *(reason_line(r) for r in outcome.all_reasons)]
    parts.append(("\n" + "\n".join(reasons), False))
    return parts


def verdict_text(verdict: ScamVerdict) -> str:
    head = (
        ("✓ " + _("Safe choice.") if verdict.correct else "✗ " + _("Not the right move."))
        + " "
        + _("Points: {n} of 2").format(n=verdict.points)
    )
    return "\n".join([head, *(reason_line(r) for r in verdict.reasons)])


def payout_lines(payout: Payout, style: str = UPWORK) -> list[str]:
    """The money from escrow to the bank, each deduction on its own line."""
    held = _("Milestones funded in escrow: {n}").format(n=len(payout.milestones))
    if style == FIVERR:
        held = _("The buyer paid when ordering; the money is held until the order is done.")
    lines = [
        held,
        _("Contract value: {amount}").format(amount=usd(payout.gross_usd)),
        _("Platform fee: -{amount} (rules as of {date})").format(
            amount=usd(payout.platform_fee_usd), date=payout.fees_as_of
        ),
        _("Withdrawal fee: -{amount}").format(amount=usd(payout.withdrawal_fee_usd)),
        _("Sent to your bank: {amount}").format(amount=usd(payout.sent_usd)),
        _("At Rs {rate} per dollar ({date}): {amount}").format(
            rate=f"{payout.usd_pkr:,.2f}", date=payout.rate_as_of, amount=pkr(payout.received_pkr)
        ),
        _("Income tax {pct}%: -{amount}").format(pct=payout.tax_pct, amount=pkr(payout.tax_pkr)),
        _("In your account: {amount}").format(amount=pkr(payout.net_pkr)),
        _("Money arrives about {days} days after work starts.").format(days=payout.days_to_money),
    ]
    return lines


def contract_text(contract: Contract, style: str = UPWORK) -> str:
    stars = "★" * contract.stars + "☆" * (5 - contract.stars)
    head = f"{contract.job_id}: {stars}"
    if contract.late:
        head += dot() + _("delivered late")
    if contract.payout is None:
        return head
    lines = payout_lines(contract.payout, style)
    return "\n".join([head, *("  " + line for line in lines)])


def standing_text(standing: Standing, style: str = UPWORK) -> str:
    """Where the trainee ends and the factors that moved them."""
    rating = f"{standing.rating:.1f}★" if standing.rating is not None else _("no reviews")
    lines = [
        _("Where you stand: {level}").format(level=standing_title(standing.level)),
        _("Contracts: {n} · Rating: {rating} · Earned: {earned}").format(
            n=standing.contracts, rating=rating, earned=pkr(standing.earned_pkr)
        ),
        _("Spent on Connects: {cost} · Lost to scams: {lost}").format(
            cost=pkr(standing.connects_cost_pkr), lost=pkr(standing.scam_loss_pkr)
        )
        if style == UPWORK
        else _("Lost to scams: {lost}").format(lost=pkr(standing.scam_loss_pkr)),
        "",
        _("What moved you:"),
    ]
    lines += [reason_line(f) for f in standing.factors]
    return "\n".join(lines)
