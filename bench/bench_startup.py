"""Launch-to-first-screen time and peak memory: the tutor against a bare Textual app.

Target (issue "Core"): the tutor within 1.3x of a bare app with a header and a footer, for
both time and peak memory. Each run is a fresh interpreter, timed from the parent until the
child has painted its first screen (headless) and exits; memory is the child's own peak RSS.

    .venv/bin/python bench/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import resource, sys, time
mode, home = sys.argv[1], sys.argv[2]


def painted():
    # The moment the first screen is on the terminal: the clock stops here, not at exit
    # (at exit the interpreter also waits for the tutor's lesson-loading thread).
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print("painted", time.monotonic(), cpu, usage.ru_maxrss, flush=True)


if mode == "bare":
    from textual.app import App
    from textual.widgets import Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(self.first_frame)

        def first_frame(self):
            painted()
            self.exit()

    Bare().run(headless=True, size=(100, 30))
else:
    from pathlib import Path

    from tutor.ui.gc_pause import pause_until_first_screen

    pause_until_first_screen()  # as tutor.cli.main does
    from tutor.cli import build_parser  # the real start path: every subcommand registered

    args = build_parser().parse_args(["--home", home])
    from tutor.services.startup import open_services
    from tutor.ui.app import TutorApp

    class FirstFrame(TutorApp):
        # Textual calls on_mount of every class in the MRO: no super() call here, or the
        # tutor's start-up would run twice.
        def on_mount(self):
            self.call_after_refresh(self.exit_when_painted)

        def exit_when_painted(self):
            from tutor.ui.screens.base import TutorScreen

            body = self.screen.query("ScreenBody") if isinstance(self.screen, TutorScreen) else []
            if body and body.first().region.area:
                painted()
                self.exit()
            else:
                self.call_after_refresh(self.exit_when_painted)

    services = open_services(Path(args.home))
    try:
        FirstFrame(services).run(headless=True, size=(100, 30))
    finally:
        services.close()
"""


def child_env() -> dict[str, str]:
    """Bytecode caching on, as on an installed PC (pip compiles .pyc at install time; an
    environment with PYTHONDONTWRITEBYTECODE would make every tutor module compile from
    source at each launch while Textual's, installed by pip, would not)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def one_run(mode: str, home: str) -> tuple[float, float, int]:
    """Launch to first screen: wall time (parent's start to the child's paint, on the
    system-wide monotonic clock), the child's CPU time and peak RSS (KiB) at that moment."""
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, home],
        capture_output=True,
        text=True,
        check=True,
        env=child_env(),
    ).stdout
    at, cpu, rss = out.rsplit("painted", 1)[1].split()[:3]
    return float(at) - start, float(cpu), int(rss)


def prepare_home(home: str) -> None:
    """A data folder as on a PC in use: language chosen and two trainees."""
    from tutor.services.startup import open_services

    services = open_services(Path(home))
    try:
        services.settings.set("language", "en")
        for name in ("Amna", "Bilal"):
            profile = services.profiles.create(name)
            services.journal.record(profile.id, "profile.created", {"name": name})
    finally:
        services.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        prepare_home(home)
        results: dict[str, list[tuple[float, float, int]]] = {"bare": [], "tutor": []}
        one_run("bare", home), one_run("tutor", home)  # warm the file cache
        for _ in range(runs):
            for mode in results:  # interleaved, so drift hits both alike
                results[mode].append(one_run(mode, home))
    wall = {m: statistics.median(r[0] for r in rs) for m, rs in results.items()}
    cpu = {m: statistics.median(r[1] for r in rs) for m, rs in results.items()}
    rss = {m: max(r[2] for r in rs) for m, rs in results.items()}
    print(f"launch to first screen, median of {runs} runs (headless, 100x30)")
    print(f"{'app':<8}{'wall (s)':>10}{'CPU (s)':>10}{'peak RSS (MiB)':>16}")
    for mode in results:
        print(f"{mode:<8}{wall[mode]:>10.3f}{cpu[mode]:>10.3f}{rss[mode] / 1024:>16.1f}")
    fastest = {m: min(r[0] for r in rs) for m, rs in results.items()}
    print(f"ratio time   {wall['tutor'] / wall['bare']:.2f}x  (target <= 1.30)")
    print(f"ratio fastest {fastest['tutor'] / fastest['bare']:.2f}x  (least disturbed by load)")
    print(f"ratio CPU    {cpu['tutor'] / cpu['bare']:.2f}x  (the same, less sensitive to load)")
    print(f"ratio memory {rss['tutor'] / rss['bare']:.2f}x  (target <= 1.30)")


if __name__ == "__main__":
    main()
