"""Display sentences built from engine values, and the ``tutor sim check`` command."""

from __future__ import annotations

import argparse
import io
from decimal import Decimal
from pathlib import Path

from sim_testkit import SHIPPED, job_from

from tutor.domain.sim.career import Standing
from tutor.domain.sim.payout import compute_payout
from tutor.domain.sim.reason import Reason
from tutor.simulator import commands
from tutor.simulator.sim_texts import band_text, budget_text, payout_lines, standing_text


def test_payout_lines_show_every_deduction_and_the_rupees(scenario) -> None:
    payout = compute_payout(Decimal("100"), scenario.fees, scenario.exchange, False)
    text = "\n".join(payout_lines(payout)).replace("\u00a0", " ")
    for fragment in (
        "$100.00",
        "-$10.00",
        "-$0.99",
        "$89.01",
        "Rs 24,922.80",
        "-Rs 249.23",
        "Rs 24,673.57",
        "2023-05-03",
        "280",
    ):
        assert fragment in text, fragment


def test_budget_and_band_texts(scenario) -> None:
    hourly = job_from(scenario, "inbox-assistant")
    assert "/hr" in budget_text(hourly) and "10 hours" in budget_text(hourly)
    fixed = job_from(scenario, "bakery-logo")
    assert budget_text(fixed).startswith("Fixed price $")
    low, high = fixed.band
    assert band_text(fixed) == ("Proposals: 50+" if low >= 50 else f"Proposals: {low} to {high}")


def test_standing_text_lists_level_numbers_and_factors() -> None:
    standing = Standing(
        level="struggling",
        contracts=2,
        rating=4.5,
        jss=None,
        earned_pkr=Decimal("12345.6"),
        connects_cost_pkr=Decimal("420"),
        scam_loss_pkr=Decimal("0"),
        factors=(
            Reason("factor.first_review", True, {"week": 3}),
            Reason("factor.crowded", False, {"n": 5, "of": 6}),
        ),
    )
    text = standing_text(standing).replace("\u00a0", " ")
    assert "Struggling" in text and "Rs 12,345.60" in text and "Rs 420" in text
    assert "✓ Your first review came in week 3" in text
    assert "✗ 5 of 6 bids went to crowded jobs." in text


def run_check(path: Path | None) -> tuple[int, str]:
    out = io.StringIO()
    code = commands.run_check(argparse.Namespace(path=str(path) if path else None), out)
    return code, out.getvalue()


def test_check_command_passes_the_shipped_tree() -> None:
    code, text = run_check(SHIPPED.parents[1])
    assert code == 0
    assert text.startswith("✓ ") and "upwork-style-market" in text


def test_check_command_reports_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "simulator"
    folder.mkdir()
    (folder / "bad.yaml").write_text("format: 1\nid: [oops\n", encoding="utf-8")
    code, text = run_check(tmp_path)
    assert code == 1
    assert text.startswith("✗ ") and "bad.yaml:" in text
    code, text = run_check(tmp_path / "empty")
    assert code == 1 and "No scenario files" in text


def test_check_command_registers_under_sim() -> None:
    parser = argparse.ArgumentParser()
    commands.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["sim", "check", "somewhere"])
    assert args.func is commands.run_check and args.path == "somewhere"


def test_amounts_stay_left_to_right_in_urdu(scenario) -> None:
    from tutor.i18n import set_language

    set_language("ur")
    payout = compute_payout(Decimal("100"), scenario.fees, scenario.exchange, False)
    lines = payout_lines(payout)
    assert all(line.strip() for line in lines)
    assert "\u200eRs" in lines[-2]  # the rupee amount keeps its direction inside Urdu text


def test_numbers_on_both_sides_of_a_dot_keep_their_order_in_urdu() -> None:
    """'Week 6 of 8 · 2 reviews' drawn right to left must not read 'Week 6 of 2 · 8'."""
    from tutor.i18n import set_language
    from tutor.i18n.bidi import visual_line
    from tutor.i18n.rtl_mode import get_rtl_mode, set_rtl_mode
    from tutor.simulator.sim_texts import dot

    before = get_rtl_mode()
    set_language("ur")
    set_rtl_mode("app")
    try:
        line = dot().join(["ہفتہ 6 از 8", "2 ریویوز"])
        shown = visual_line(line, True, keep_numbers_ltr=True)
        assert "\u200f" not in shown
        assert shown.index("2") < shown.index("8")  # read right to left: 8, then 2
    finally:
        set_rtl_mode(before)
        set_language("en")
    assert dot() == " · "
