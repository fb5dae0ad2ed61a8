"""Turn reason codes into sentences in the trainee's language.

Every sentence is a literal inside ``_()`` here, so the translators' catalog picks them up
and the engine never holds user-visible English. Marks ✓/✗ go with the words, never
colour alone (STYLE.md).
"""

from __future__ import annotations

from collections.abc import Callable

from tutor.domain.sim.reason import ParamValue, Reason
from tutor.i18n import _

OK_MARK, BAD_MARK = "✓", "✗"


class _Params(dict[str, ParamValue]):
    """Missing parameters show as '?' instead of breaking the sentence."""

    def __missing__(self, key: str) -> str:
        return "?"


def _proposal_texts() -> dict[str, str]:
    return {
        "coverage.all": _("You answered everything the client asked for ({covered} of {total})."),
        "coverage.partial": _(
            "You answered {covered} of the {total} things the client asked for. Missing: {missing}."
        ),
        "opening.answers_need": _("Your first lines speak to the client's need."),
        "opening.generic": _(
            "Your first lines are a greeting or a stock phrase; the client sees only these "
            "lines in the list and moves on."
        ),
        "opening.off_need": _(
            "Your first lines do not mention what the client needs. Start with their problem."
        ),
        "evidence.present": _("You gave concrete evidence: a number, a past project or a sample."),
        "evidence.missing": _(
            "No evidence of past work. Name one similar task you did, with a number or a sample."
        ),
        "question.specific": _("Your question about the job shows you understood it."),
        "question.generic": _("You asked a question, but not about this job's details."),
        "question.missing": _(
            "No question. One clear question about the job shows understanding and invites a reply."
        ),
        "length.ok": _("Good length ({words} words)."),
        "length.short": _("Too short ({words} words): it cannot show you understood the job."),
        "length.long": _("Too long ({words} words): busy clients stop reading."),
        "template.none": _("No copy-paste phrases."),
        "template.found": _(
            'Copy-paste phrase found: "{phrase}". Clients see the same words in many '
            "proposals and skip them."
        ),
        "contact.off_platform": _(
            "Your proposal gives contact details or asks for payment outside the platform. "
            "This breaks the rules: the proposal is hidden and the account can lose its badges "
            "or be suspended."
        ),
    }


def _price_texts() -> dict[str, str]:
    return {
        "price.fair": _("Your price ${price} is fair for a budget of ${budget}."),
        "price.above_budget": _(
            "Your price ${price} is {pct}% above the budget of ${budget}; without reviews, "
            "few clients pay more."
        ),
        "price.far_above_budget": _(
            "Your price ${price} is far above the budget of ${budget}; the client drops it."
        ),
        "price.too_low": _(
            "Your price ${price} is far below the budget (${budget}) and the market "
            "(${low}-${high}). Very low prices look like low quality and leave little after fees."
        ),
        "price.below_minimum": _("Your rate ${price} is below the platform's $3 an hour minimum."),
    }


def _outcome_texts() -> dict[str, str]:
    return {
        "outcome.won": _("You won! Your proposal ranked {rank} of {of}."),
        "outcome.lost": _(
            "The client opened your proposal but chose another: you ranked {rank} of {of}."
        ),
        "outcome.not_opened": _(
            "The client opened only {opened} proposals and yours was not one of them: "
            "ranked {rank} of {of}."
        ),
        "outcome.no_hire": _(
            "The client closed the job without hiring anyone. Your Connects were refunded."
        ),
        "outcome.disqualified": _("Your proposal was hidden for breaking the rules."),
        "outcome.reviews_gap": _(
            "The winner's record (reviews and rating) was much stronger than yours. Small jobs "
            "with fewer proposals are where a new profile earns its reviews."
        ),
        "outcome.undercut": _(
            "A rival undercut you at {pct}% of the budget, and this client watches the price."
        ),
        "outcome.crowded": _(
            "{rivals} others bid on this job. A new profile rarely wins such a crowded job."
        ),
        "outcome.scam_contact": _(
            'The "client" replied at once with a strange request. Read it carefully.'
        ),
        "outcome.no_hire_bid": _(
            "The client closed the project without choosing anyone. Your bid was given back."
        ),
        "offer.no_hire": _("The buyer did not order from anyone for this brief."),
    }


def _freelancer_texts() -> dict[str, str]:
    return {
        "fl.position": _(
            "Your bid was number {pos} from the lowest of {n} bids (lowest ${low}, "
            "average ${avg}, highest ${high})."
        ),
        "fl.bottom_won": _(
            "You won at the bottom of the price list, but the fee is 10% or at least $5: "
            "very little is left for your work. A race to the bottom pays little."
        ),
        "fl.bottom_risky": _(
            "The lowest price did not win. With no reviews, a bid far below the others looks "
            "risky to the client: poor work, or a freelancer who disappears."
        ),
        "fl.near_average_won": _(
            "Your price was near the average, so the client compared proposals, not just "
            "prices, and yours was written for the job."
        ),
        "fl.listed_low": _(
            "Bids are listed by reputation. With {reviews} reviews yours was number {pos} in "
            "the list, and the client did not read that far."
        ),
        "fl.winner": _("The winner bid ${price} and has {reviews} reviews."),
    }


def _fiverr_texts() -> dict[str, str]:
    return {
        "offer.sent": _(
            "You offered your {package} package: ${price}, delivered in {days} day(s). The "
            "buyer's budget was ${budget}; {n} other sellers sent offers."
        ),
        "offer.too_slow": _(
            "The buyer's deadline is {deadline} day(s) and your package takes {days}: the "
            "buyer skipped your offer. Choose a package that meets the deadline."
        ),
        "offer.rushed": _(
            "A {days}-day delivery is too short for this work (it needs at least {min}): a "
            "late delivery will cost you reviews and search rank."
        ),
        "gig.searched": _(
            "{n} buyers searched for {cat}. Your gig came about {rank} of {of}; buyers look at "
            "the first {slots}. You were among them {shown} times."
        ),
        "gig.new_ranks_low": _(
            "New gigs with no reviews rank low. Answer briefs to win your first orders: "
            "reviews, quick replies to buyers and on-time delivery raise your rank."
        ),
        "gig.title_weak": _("Your gig title does not use the words buyers search for in {cat}."),
        "gig.too_dear": _(
            "{n} buyers saw your gig but even your basic package (${price}) was above their budget."
        ),
        "gig.ordered": _(
            "A buyer ordered your {package} package (${price}): your gig came {rank} in their "
            "search and the price fit their budget."
        ),
        "gig.shown_not_chosen": _(
            "Buyers saw your gig {n} times but chose gigs with more reviews or lower prices."
        ),
        "gig.response": _(
            "So far {n} brief(s) got no answer from you; your response rate is {pct}%. "
            "Declining a brief is an answer too."
        ),
        "gig.late": _(
            "{n} order(s) were late: you promised fewer days than the work needs (at least "
            "{min}). Late orders lower your rank and your reviews."
        ),
    }


def _scam_texts() -> dict[str, str]:
    return {
        "scam.reported_early": _("Right: you spotted the scam from the post and reported it."),
        "scam.reported": _("Right: you refused and reported the scam."),
        "scam.declined": _("You refused, which is safe. Reporting it too protects others."),
        "scam.fell.off_platform": _(
            "You moved to WhatsApp. Off the platform nothing protects your payment."
        ),
        "scam.fell.free_test": _("You did free test work. It was used and never paid."),
        "scam.fell.overpayment": _(
            'You sent the "extra" back. The client\'s payment bounces and you lose that money.'
        ),
        "scam.fell.account_rent": _("You let someone use your account. That breaks the rules."),
        "scam.fell.too_good": _(
            "You sent your ID and payment details to a stranger. Too-good pay was the bait."
        ),
        "consequence.badges_lost": _("Consequence: your badges are removed for 6 months."),
        "consequence.unpaid_work": _("Consequence: hours of work lost, no pay."),
        "consequence.money_lost": _("Consequence: money lost, and the bank may hold you liable."),
        "consequence.suspended": _("Consequence: your account is suspended."),
        "consequence.identity_exposed": _(
            "Consequence: your identity can be misused; a warning is on your account."
        ),
        "scam.false_alarm": _(
            "This job looks genuine: the client hired in {hire_rate}% of {jobs} posts and the "
            "request is normal."
        ),
        "scam.genuine_job": _("This was a genuine job."),
        "flag.pay-far-above-market": _("Red flag: pay far above the market for the work."),
        "flag.new-client-no-history": _("Red flag: a new client with no hires and no reviews."),
        "flag.vague-task": _("Red flag: the task is vague."),
        "flag.unpaid-work-before-contract": _("Red flag: work asked for before a paid contract."),
        "flag.handles-money": _("Red flag: you would receive and forward money."),
        "flag.asks-for-account": _("Red flag: they want to use your account."),
        "flag.remote-access": _("Red flag: they want remote access to your computer."),
        "flag.rushed": _("Red flag: pressure to act fast."),
    }


def _factor_texts() -> dict[str, str]:
    return {
        "factor.suspended": _("Your account was suspended."),
        "factor.no_reviews": _(
            "{bids} bids and no contract: no reviews, so clients chose others. Target small, "
            "less crowded jobs first."
        ),
        "factor.first_review": _(
            "Your first review came in week {week}; after it, clients trusted you more."
        ),
        "factor.tailored": _("{n} of {of} proposals were written for the job."),
        "factor.templates": _("{n} of {of} proposals used copy-paste phrases."),
        "factor.small_jobs": _("{n} wins came from jobs with fewer rivals."),
        "factor.crowded": _("{n} of {of} bids went to crowded jobs."),
        "factor.pricing": _("Most of your prices were far from the budget."),
        "factor.connects_bought": _("You paid ${usd} for extra Connects."),
        "factor.scam_fell": _("You fell for {n} scam(s)."),
        "factor.scams_refused": _("You refused {n} scam(s)."),
        "factor.warnings": _("{n} warning(s) for off-platform contact."),
        "factor.jss": _("You earned a Job Success Score of {jss}%."),
    }


_TABLES: tuple[Callable[[], dict[str, str]], ...] = (
    _proposal_texts,
    _price_texts,
    _outcome_texts,
    _freelancer_texts,
    _fiverr_texts,
    _scam_texts,
    _factor_texts,
)


def known_codes() -> frozenset[str]:
    """Every code that has a sentence (tests check the engine emits only these)."""
    return frozenset(code for table in _TABLES for code in table())


def reason_text(reason: Reason) -> str:
    """The reason as a sentence in the current language."""
    params = _Params(reason.params)
    if "package" in params:
        params["package"] = package_title(str(params["package"]))
    for table in _TABLES:
        texts = table()
        if reason.code in texts:
            return texts[reason.code].format_map(params)
    return _("(no explanation for {code})").format(code=reason.code)


def reason_line(reason: Reason) -> str:
    """The sentence with its ✓ or ✗ mark, for lists of feedback."""
    return f"{OK_MARK if reason.ok else BAD_MARK} {reason_text(reason)}"


def standing_title(level: str) -> str:
    titles = {
        "sinking": _("Sinking"),
        "struggling": _("Struggling"),
        "surviving": _("Surviving"),
        "swimming": _("Swimming"),
    }
    return titles.get(level, level)


def badge_title(badge: str) -> str:
    titles = {"rising_talent": _("Rising Talent"), "top_rated": _("Top Rated"), "": _("No badge")}
    return titles.get(badge, badge)


def package_title(name: str) -> str:
    titles = {"basic": _("Basic"), "standard": _("Standard"), "premium": _("Premium")}
    return titles.get(name, name)


def style_title(style: str) -> str:
    titles = {
        "upwork": _("Upwork-like"),
        "freelancer": _("Freelancer-like"),
        "fiverr": _("Fiverr-like"),
    }
    return titles.get(style, style)


def style_summary(style: str) -> str:
    """One line on how the style works, for the platform picker."""
    summaries = {
        "upwork": _("Paid Connects per bid; rivals' bids hidden; clients see first lines."),
        "freelancer": _("Free monthly bids; all bids and prices visible; rivals undercut."),
        "fiverr": _("A gig with 3 packages found by search; you answer buyers' briefs."),
    }
    return summaries.get(style, "")
