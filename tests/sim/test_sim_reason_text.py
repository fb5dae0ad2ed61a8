"""Every reason the engine can give has a sentence, in English or Urdu, with a ✓/✗ mark."""

from __future__ import annotations

import random

from sim_testkit import TAILORED_EXCEL, TEMPLATE_PROPOSAL

from tutor.domain.sim import career
from tutor.domain.sim.reason import Reason
from tutor.domain.sim.reason_text import (
    BAD_MARK,
    OK_MARK,
    known_codes,
    reason_line,
    reason_text,
    standing_title,
)
from tutor.domain.sim.scams import ACTIONS, judge_response
from tutor.i18n import set_language
from tutor.simulator.service import SimService

TEXTS = (TEMPLATE_PROPOSAL, TAILORED_EXCEL, TAILORED_EXCEL + " WhatsApp me.", "Hi? " * 200)


def emitted_codes(scenario) -> set[str]:
    """Drive several careers with varied bids and answers; collect every code produced."""
    codes: set[str] = set()
    for seed in range(6):
        svc = SimService(scenario, seed, lambda t, p: None)
        rng = random.Random(seed)
        while not svc.over:
            for job in svc.board():
                codes |= {r.code for a in ACTIONS for r in judge_response(job, a, False).reasons}
                price = job.budget * rng.choice([0.3, 0.9, 1.0, 1.3, 2.0])
                out = svc.submit_bid(job.id, rng.choice(TEXTS), max(price, 1))
                codes |= {r.code for r in out.all_reasons}
            svc.end_week()
        codes |= {f.code for f in career.standing(svc.state, scenario).factors}
    return codes


def test_every_emitted_code_has_a_sentence(scenario) -> None:
    codes = emitted_codes(scenario)
    assert len(codes) > 30
    missing = codes - known_codes()
    assert not missing, missing


def test_every_red_flag_in_the_data_has_a_sentence(scenario) -> None:
    flags = {f"flag.{f}" for s in scenario.scams for f in s.red_flags}
    assert flags <= known_codes()


def test_params_are_filled_and_missing_ones_do_not_crash() -> None:
    text = reason_text(
        Reason("coverage.partial", False, {"covered": 2, "total": 4, "missing": "Excel sheet"})
    )
    assert "2" in text and "4" in text and "Excel sheet" in text
    assert "?" in reason_text(Reason("coverage.partial", False))
    assert "mystery.code" in reason_text(Reason("mystery.code", True))


def test_marks_say_helped_or_hurt() -> None:
    assert reason_line(Reason("evidence.present", True)).startswith(OK_MARK + " ")
    assert reason_line(Reason("evidence.missing", False)).startswith(BAD_MARK + " ")


def test_rendering_works_in_urdu_mode() -> None:
    set_language("ur")
    for code in sorted(known_codes()):
        assert reason_text(Reason(code, True, {"n": 1})).strip()
    assert standing_title("swimming").strip()
