"""Proposal rules: each one reacts to exactly what it says it checks."""

from __future__ import annotations

import pytest
from sim_testkit import TAILORED_EXCEL, TEMPLATE_PROPOSAL, job_from

from tutor.domain.sim.proposal_rules import (
    MAX_PROPOSAL_CHARS,
    WEIGHTS,
    analyse,
    off_platform_found,
    preview_of,
)

FILLER = " I keep clear notes and send a short update at the end of every working day." * 4


def run(scenario, text: str, template: str = "excel-product-list"):
    job = job_from(scenario, template)
    return analyse(text, job, scenario.platform.preview_chars, scenario.template_phrases)


def codes(report) -> set[str]:
    return {r.code for r in report.reasons}


def test_tailored_proposal_passes_every_rule(scenario) -> None:
    report = run(scenario, TAILORED_EXCEL)
    assert all(r.ok for r in report.reasons), [r.code for r in report.reasons if not r.ok]
    assert report.quality == pytest.approx(1.0)
    assert not report.off_platform


def test_template_proposal_fails_opening_template_and_evidence(scenario) -> None:
    report = run(scenario, TEMPLATE_PROPOSAL)
    assert {"opening.generic", "template.found", "evidence.missing", "question.missing"} <= codes(
        report
    )
    assert report.quality < 0.3
    found = next(r for r in report.reasons if r.code == "template.found")
    assert found.params["count"] >= 2


def test_coverage_counts_needs_and_names_the_missing(scenario) -> None:
    text = "Your Excel sheet with the PDF catalogue data will be ready." + FILLER
    report = run(scenario, text)
    cov = next(r for r in report.reasons if r.code.startswith("coverage"))
    assert cov.code == "coverage.partial"
    assert (cov.params["covered"], cov.params["total"]) == (2, 4)
    assert "Accuracy" in str(cov.params["missing"])
    assert report.scores["coverage"] == pytest.approx(0.5)


def test_opening_must_name_the_need_inside_the_preview(scenario) -> None:
    chars = scenario.platform.preview_chars
    late = "Hello there, thank you for posting. " * 10 + "Your Excel sheet needs care."
    early = "Your Excel sheet from the PDF catalogues needs care." + " More text." * 30
    assert len(late.split("Your Excel")[0]) > chars
    assert "opening.off_need" in codes(run(scenario, late))
    assert "opening.answers_need" in codes(run(scenario, early))
    assert run(scenario, early).preview_score > run(scenario, late).preview_score


def test_evidence_needs_numbers_or_past_work(scenario) -> None:
    without = "Your Excel sheet will be correct." + FILLER
    with_number = without + " I entered 800 products for a shop last year."
    assert "evidence.missing" in codes(run(scenario, without))
    assert "evidence.present" in codes(run(scenario, with_number))
    assert "evidence.missing" in codes(run(scenario, without + " 100% accuracy!"))


def test_question_specific_generic_missing(scenario) -> None:
    base = "Your Excel sheet will be correct." + FILLER
    assert "question.missing" in codes(run(scenario, base))
    assert "question.generic" in codes(run(scenario, base + " How are you?"))
    assert "question.specific" in codes(run(scenario, base + " Which PDF comes first?"))


@pytest.mark.parametrize(
    ("words", "code"),
    [(10, "length.short"), (60, "length.short"), (150, "length.ok"), (450, "length.long")],
)
def test_length_bands(scenario, words: int, code: str) -> None:
    report = run(scenario, " ".join(["word"] * words))
    assert code in codes(report)
    assert report.words == words


@pytest.mark.parametrize(
    "text",
    [
        "Mail me at ali.khan@example.com for details.",
        "Call me on +92 300 1234567 today.",
        "My number is 0301-2345678.",
        "Let's talk on WhatsApp, it is faster.",
        "Add me on Skype please.",
        "You can pay me directly by bank transfer.",
        "Send the money by PayPal.",
    ],
)
def test_off_platform_contact_is_flagged(scenario, text: str) -> None:
    report = run(scenario, TAILORED_EXCEL + " " + text)
    assert report.off_platform
    assert report.reasons[0].code == "contact.off_platform"
    assert not report.reasons[0].ok


def test_clean_numbers_are_not_mistaken_for_phone_numbers() -> None:
    assert not off_platform_found("I typed 520 rows in 2023 and 1,200 rows in 2024 for 3 shops.")


def test_preview_cuts_at_a_word_boundary() -> None:
    text = "alpha " * 100
    preview = preview_of(text, 40)
    assert preview.endswith("…")
    assert len(preview) <= 41
    assert all(w == "alpha" for w in preview[:-1].split())
    assert preview_of("short text", 40) == "short text"


def test_hostile_long_input_is_cut_and_fast(scenario) -> None:
    report = run(scenario, "a" * 200_000 + "?" * 50_000)
    assert report.words <= MAX_PROPOSAL_CHARS
    assert 0.0 <= report.quality <= 1.0


def test_weights_sum_to_one() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
