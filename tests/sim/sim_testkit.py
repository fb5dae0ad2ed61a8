"""Shared data for the bid simulator tests: the shipped scenario and sample proposals."""

from __future__ import annotations

import random
from pathlib import Path

from tutor.domain.sim.job_board import Job, draw_job
from tutor.domain.sim.scenario import Scenario

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "lessons" / "simulator" / "upwork-style-market.yaml"
FREELANCER_FILE = REPO / "lessons" / "simulator" / "freelancer-style-market.yaml"
FIVERR_FILE = REPO / "lessons" / "simulator" / "fiverr-style-market.yaml"

# Freelancer style: a copy-paste bid, and a bid written for the business-card job.
FL_TEMPLATE = (
    "Dear Sir, I have read your project description and I can do this project. I am an "
    "expert. Lowest price and 100% satisfaction. Please award me, check my profile, ready "
    "to start immediately. I will do your work with best quality in short time. Thanks."
)
FL_TAILORED = (
    "Your 600 business cards need name, company, job title, phone and email typed into a "
    "spreadsheet, one card per row. I would zoom in on every small print card and check each "
    "email twice so there is no error. Last month I typed 450 cards from scanned PDF files "
    "into Excel for an events company with zero errors in their check. I can send the first "
    "100 rows within two days so you can check my work before I continue. Should I add a "
    "column for the fair where each card was collected?"
)
# Fiverr style: an offer written for the takeaway-menu brief.
FV_OFFER = (
    "Your takeaway menu of about 350 words needs clear Urdu that customers can read. I will "
    "translate every dish name and description into everyday Urdu and keep all prices and "
    "numbers exactly as they are. Last month I translated a 40-dish restaurant menu. You get "
    "a Unicode Word file. Should dish names stay in English next to the Urdu?"
)

TEMPLATE_PROPOSAL = (
    "Dear Sir, I have read your job description and I can do this job. I am an expert in "
    "this work with 100% satisfaction. Hire me and I am ready to start right now. Please "
    "check my profile. I am hard working and dedicated and will give you the best result "
    "in short time. Thanks."
)

TAILORED_EXCEL = (
    "Your six garden-tool catalogues need every product typed into your Excel column layout, "
    "and wrong prices cost you money. I would check each price twice against the PDF before "
    "marking a row done. Last month I typed 520 product rows from PDF price lists into Excel "
    "for a hardware shop, with zero price errors in their audit. I use a second pass where I "
    "compare totals per page, so any error shows up at once. I can deliver the full sheet "
    "within 5 days, with a first batch of 50 rows on day one so you can confirm the layout. "
    "Should sizes be in one column or split into width and length columns?"
)


def job_from(scenario: Scenario, template_id: str, seed: int = 1) -> Job:
    """One drawn post of a template (fixed seed, so tests see the same budget)."""
    template = scenario.job_template(template_id)
    assert template is not None, template_id
    return draw_job(scenario, template, f"t-{template_id}", random.Random(seed))
