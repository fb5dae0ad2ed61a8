"""How long the bid simulator takes to resolve one job, with 50 and with 500 rivals.

Prints the median and best time per resolve (reading the proposal, drawing the rivals, the
client's choice) for both sizes, measured interleaved in the same run so machine load hits
both alike, and the ratio 500/50. A ratio at or below 10 means the cost grows no faster
than the number of rivals; it is lower because reading the proposal does not depend on them.

It then prints the median time per style: one Upwork-style resolve, one Freelancer-style
resolve (visible bids), one Fiverr-style offer on a brief, and one Fiverr search week.

Run: .venv/bin/python bench/bench_sim.py [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tutor.domain.sim import fiverr
from tutor.domain.sim.bid import resolve_bid, resolve_offer
from tutor.domain.sim.job_board import Job, draw_job
from tutor.domain.sim.profile import FreelancerProfile
from tutor.domain.sim.scenario import Scenario
from tutor.simulator.scenario_files import load_scenario

FOLDER = Path(__file__).resolve().parents[1] / "lessons" / "simulator"
SCENARIO = FOLDER / "upwork-style-market.yaml"
PROPOSAL = (
    "Your six garden-tool catalogues need every product typed into your Excel column layout. "
    "Last month I typed 520 product rows from PDF price lists into Excel for a hardware shop, "
    "checking each price twice. I can deliver within 5 days, with a first batch on day one. "
    "Should sizes be in one column or split into width and length?"
)


def time_one(scenario: Scenario, job: Job, seed: int) -> float:
    """Seconds for one resolve of ``job`` with the rivals of ``seed``."""
    rng = random.Random(seed)
    start = time.perf_counter()
    resolve_bid(scenario, job, PROPOSAL, job.budget, FreelancerProfile(), rng)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    scenario = load_scenario(SCENARIO).scenario
    template = scenario.job_template("excel-product-list")
    assert template is not None
    base_job = draw_job(scenario, template, "bench", random.Random(0))
    jobs = {n: replace(base_job, rivals=n) for n in (50, 500)}
    for seed in range(20):  # warm up
        time_one(scenario, jobs[50], seed)
    samples: dict[int, list[float]] = {n: [] for n in jobs}
    for seed in range(args.repeat):  # interleaved, so both sizes see the same machine load
        for n, job in jobs.items():
            samples[n].append(time_one(scenario, job, seed))
    for n, times in samples.items():
        print(
            f"rivals={n:4d}  median={statistics.median(times) * 1e3:7.3f} ms  "
            f"min={min(times) * 1e3:7.3f} ms  (n={args.repeat})"
        )
    ratio = statistics.median(samples[500]) / statistics.median(samples[50])
    best = min(samples[500]) / min(samples[50])
    print(f"time ratio 500/50 = {ratio:.2f} (median), {best:.2f} (min) for 10x the rivals")


def median_ms(run: Callable[[int], object], repeat: int) -> float:
    """Median milliseconds of ``run(seed)`` over ``repeat`` seeds (posts drawn inside)."""
    times = []
    for seed in range(repeat):
        start = time.perf_counter()
        run(seed)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def per_style(repeat: int) -> None:
    """Median time of one resolve in each platform style (the shipped scenarios)."""
    up = load_scenario(SCENARIO).scenario
    fl = load_scenario(FOLDER / "freelancer-style-market.yaml").scenario
    fv = load_scenario(FOLDER / "fiverr-style-market.yaml").scenario
    new = FreelancerProfile(rising_talent=False)

    def job(scenario: Scenario, template_id: str, seed: int) -> Job:
        template = scenario.job_template(template_id)
        assert template is not None
        return draw_job(scenario, template, "bench", random.Random(seed))

    gig = fiverr.make_gig(
        fv, "urdu-translation", "I will translate English to Urdu", [10, 20, 40], [2, 3, 5]
    )
    rivals = fiverr.rival_gigs(fv, fv.categories["urdu-translation"], random.Random(0))
    record = fiverr.SellerRecord(3, 1, 3, 0)
    runs = {
        "upwork resolve": lambda s: resolve_bid(
            up, job(up, "excel-product-list", s), PROPOSAL, 30, new, random.Random(s)
        ),
        "freelancer resolve": lambda s: resolve_bid(
            fl, job(fl, "business-card-typing", s), PROPOSAL, 30, new, random.Random(s)
        ),
        "fiverr offer": lambda s: resolve_offer(
            fv, job(fv, "brief-menu-urdu", s), gig.packages[1], PROPOSAL, new, random.Random(s)
        ),
        "fiverr search week": lambda s: fiverr.search_week(
            fv, gig, 0.3, record, rivals, random.Random(s)
        ),
    }
    for name, run in runs.items():
        run(0)  # warm up
        print(f"{name:20s} median={median_ms(run, repeat):7.3f} ms  (n={repeat})")


if __name__ == "__main__":
    main()
    per_style(300)
