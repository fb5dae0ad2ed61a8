"""How long the bid simulator takes to resolve one job, with 50 and with 500 rivals.

Prints the median and best time per resolve (reading the proposal, drawing the rivals, the
client's choice) for both sizes, measured interleaved in the same run so machine load hits
both alike, and the ratio 500/50. A ratio at or below 10 means the cost grows no faster
than the number of rivals; it is lower because reading the proposal does not depend on them.

Run: .venv/bin/python bench/bench_sim.py [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import replace
from pathlib import Path

from tutor.domain.sim.bid import resolve_bid
from tutor.domain.sim.job_board import Job, draw_job
from tutor.domain.sim.profile import FreelancerProfile
from tutor.domain.sim.scenario import Scenario
from tutor.simulator.scenario_files import load_scenario

SCENARIO = (
    Path(__file__).resolve().parents[1] / "lessons" / "simulator" / "upwork-style-market.yaml"
)
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


if __name__ == "__main__":
    main()
