"""Explainable rules that read the trainee's proposal against the job post.

Each rule gives a score in [0, 1] and a :class:`Reason` the trainee sees, so a lost bid
always says *why*: the first lines did not answer the client's need, no example of past
work, no question, a copy-paste phrase, contact details that break the platform's rules.
The rules are plain word and pattern checks (no model), so a trainer can predict them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.domain.sim.job_board import Job
from tutor.domain.sim.reason import ParamValue, Reason

MAX_PROPOSAL_CHARS = 5000  # longer text is cut before analysis (hostile or pasted input)

WEIGHTS = {
    "coverage": 0.30,
    "opening": 0.20,
    "evidence": 0.20,
    "question": 0.10,
    "length": 0.10,
    "template": 0.10,
}

GENERIC_OPENING_FACTOR = 0.4  # a template phrase in the first lines hides everything else
_WORD = re.compile(r"[a-z0-9']+")
_QUESTION = re.compile(r"[^.?!\n]*\?")
_YOU = re.compile(r"\b(?:you|your|yours)\b")
_EVIDENCE = (
    re.compile(
        r"\b\d[\d,.]*\s*\+?\s*(?:rows|products|pages|articles|posts|logos|sites|websites|"
        r"clients|projects|contacts|words|minutes|hours|years|months|orders|reviews|"
        r"leaflets|documents|files|interviews|stores)\b"
    ),
    re.compile(
        r"\b(?:portfolio|samples?|case study|for example|recently|last (?:week|month|year))\b"
    ),
    re.compile(
        r"\bi (?:have )?(?:built|designed|translated|transcribed|wrote|written|cleaned|created|"
        r"made|delivered|completed|typed|entered|uploaded|set up|managed|merged|edited)\b"
    ),
)
_OFF_PLATFORM = (
    re.compile(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}"),  # e-mail address
    re.compile(r"(?:\+|00)\s?\d[\d\s-]{8,}\d"),  # international phone number
    re.compile(r"\b0\d{3}[\s-]?\d{7}\b"),  # Pakistani mobile, 03xx-xxxxxxx
    re.compile(r"\b(?:whats\s?app|telegram|skype|viber|imo|wechat|signal app)\b"),
    re.compile(r"\b(?:paypal|payoneer|bank transfer|western union|easypaisa|jazzcash)\b"),
    re.compile(r"\b(?:pay|paid|payment)\s+(?:me\s+)?(?:outside|directly|off)\b"),
)


@dataclass(frozen=True)
class ProposalReport:
    """The rules' verdict on one proposal: scores, what the client sees, and reasons."""

    scores: dict[str, float]
    preview: str
    words: int
    off_platform: bool
    reasons: tuple[Reason, ...]

    @property
    def quality(self) -> float:
        """Weighted sum of the rule scores, in [0, 1]."""
        return sum(WEIGHTS[k] * self.scores[k] for k in WEIGHTS)

    @property
    def preview_score(self) -> float:
        """How well the first lines (all the client sees in the list) do their job."""
        return self.scores["opening"]


def normalise(text: str) -> str:
    """Lower case with single spaces, cut to the analysis limit."""
    return " ".join(text[:MAX_PROPOSAL_CHARS].lower().split())


def preview_of(text: str, chars: int) -> str:
    """The opening the client sees in the proposal list, cut at a word boundary."""
    flat = " ".join(text[:MAX_PROPOSAL_CHARS].split())
    if len(flat) <= chars:
        return flat
    cut = flat[:chars].rsplit(" ", 1)[0] if " " in flat[:chars] else flat[:chars]
    return cut + "…"


def _has_term(text: str, term: str) -> bool:
    """A term matches at the start of a word, so 'accura' finds 'accurate' and 'accuracy'."""
    return re.search(r"(?<![a-z0-9])" + re.escape(term), text) is not None


def _job_terms(job: Job) -> list[str]:
    terms = [t for need in job.template.needs for t in need.terms]
    terms += [w for w in _WORD.findall(job.template.title.lower()) if len(w) >= 5]
    return terms


def _coverage(text: str, job: Job) -> tuple[float, Reason]:
    needs = job.template.needs
    missing = [n.label for n in needs if not any(_has_term(text, t) for t in n.terms)]
    covered = len(needs) - len(missing)
    score = covered / len(needs)
    params: dict[str, ParamValue] = {
        "covered": covered,
        "total": len(needs),
        "missing": ", ".join(missing),
    }
    return score, Reason("coverage.all" if not missing else "coverage.partial", not missing, params)


def _opening(preview: str, job: Job, phrases: tuple[str, ...]) -> tuple[float, Reason]:
    text = normalise(preview)
    names_need = any(_has_term(text, t) for t in _job_terms(job))
    generic = any(p in text for p in phrases)
    score = 0.5 * names_need + 0.3 * (not generic and bool(text)) + 0.2 * bool(_YOU.search(text))
    if generic:
        return score * GENERIC_OPENING_FACTOR, Reason("opening.generic", False)
    if not names_need:
        return score, Reason("opening.off_need", False)
    return score, Reason("opening.answers_need", True)


def _evidence(text: str) -> tuple[float, Reason]:
    found = sum(1 for pattern in _EVIDENCE if pattern.search(text))
    score = min(1.0, found / 2)
    return score, Reason("evidence.present" if found else "evidence.missing", found > 0)


def _question(text: str, job: Job) -> tuple[float, Reason]:
    questions = _QUESTION.findall(text)
    if not questions:
        return 0.0, Reason("question.missing", False)
    terms = _job_terms(job)
    if any(_has_term(q, t) for q in questions for t in terms):
        return 1.0, Reason("question.specific", True)
    return 0.5, Reason("question.generic", False)


def _length(words: int, good: tuple[int, int] = (80, 300)) -> tuple[float, Reason]:
    """Full marks inside the platform's good range; an offer on a brief is shorter."""
    low, high = good
    floor, ceiling = low * 5 // 16, high * 5 // 3  # 25 and 500 for an 80-300 letter
    params = {"words": words}
    if words < floor:
        return 0.0, Reason("length.short", False, params)
    if words < low:
        return (words - floor) / (low - floor), Reason("length.short", False, params)
    if words <= high:
        return 1.0, Reason("length.ok", True, params)
    if words <= ceiling:
        return 1.0 - 0.7 * (words - high) / (ceiling - high), Reason("length.long", False, params)
    return 0.3, Reason("length.long", False, params)


def _template(text: str, phrases: tuple[str, ...]) -> tuple[float, Reason]:
    found = [p for p in phrases if p in text]
    if not found:
        return 1.0, Reason("template.none", True)
    score = 0.4 if len(found) == 1 else 0.0
    return score, Reason("template.found", False, {"phrase": found[0], "count": len(found)})


def off_platform_found(text: str) -> bool:
    """True if the text gives contact details or asks for payment outside the platform."""
    flat = normalise(text)
    return any(p.search(flat) for p in _OFF_PLATFORM)


def analyse(
    text: str,
    job: Job,
    preview_chars: int,
    phrases: tuple[str, ...],
    good_words: tuple[int, int] = (80, 300),
) -> ProposalReport:
    """Run every rule on ``text`` for ``job``; the reasons come in the order they are shown."""
    flat = normalise(text)
    preview = preview_of(text, preview_chars)
    words = len(_WORD.findall(flat))
    results = {
        "opening": _opening(preview, job, phrases),
        "coverage": _coverage(flat, job),
        "evidence": _evidence(flat),
        "question": _question(flat, job),
        "length": _length(words, good_words),
        "template": _template(flat, phrases),
    }
    reasons = [reason for _score, reason in results.values()]
    off = off_platform_found(text)
    if off:
        reasons.insert(0, Reason("contact.off_platform", False))
    return ProposalReport(
        scores={k: round(v[0], 4) for k, v in results.items()},
        preview=preview,
        words=words,
        off_platform=off,
        reasons=tuple(reasons),
    )
