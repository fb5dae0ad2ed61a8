"""Speed of loading lesson trees (meant for bench/; not collected by pytest).

    .venv/bin/python bench/bench_lessons_load.py [LESSON_FOLDER]

Prints, for the bundled lessons and for a tree of 50 lessons x 2 languages made from them:
the time to only read the files (the baseline, same run), ``load_tree`` without a cache,
and ``load_tree`` with a warm parse cache. Each figure is the best of 7 runs, in CPU time.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tutor.lessons.loader import load_tree
from tutor.paths import bundled_dir

TARGET_LESSONS = 50


def best(run: Callable[[], object], repeat: int = 7) -> float:
    """Best CPU time of ``repeat`` runs: on a shared machine, wall time mostly measures the
    other processes (``BENCH_CLOCK=wall`` measures wall time instead)."""
    clock = time.perf_counter if os.environ.get("BENCH_CLOCK") == "wall" else time.process_time
    times = []
    for _ in range(repeat):
        started = clock()
        run()
        times.append(clock() - started)
    return min(times)


def grow(source: Path, target: Path, lessons: int) -> None:
    """Copy ``source`` until it holds ``lessons`` lesson ids (copies get new ids)."""
    shutil.copytree(source, target / "copy0")
    count, copy = len(list(source.rglob("*.en.md"))), 1
    while count and count < lessons:
        folder = target / f"copy{copy}"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("simulator", "glossary.*"))
        for path in folder.rglob("*"):
            if path.suffix in (".md", ".yaml") and path.is_file():
                text = path.read_text("utf-8")
                text = re.sub(r"^(id|module): (\S+)", rf"\1: \2-{copy}", text, flags=re.M)
                path.write_text(text, "utf-8")
        count += len(list(source.rglob("*.en.md")))
        copy += 1


def measure(root: Path, label: str) -> None:
    files = [p for p in root.rglob("*") if p.is_file()]
    read = best(lambda: [p.read_bytes() for p in files])
    load_tree(root)
    cold = best(lambda: load_tree(root))
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "lesson-cache.json"
        load_tree(root, cache_file=cache)
        warm = best(lambda: load_tree(root, cache_file=cache))
    result = load_tree(root)
    md_bytes = sum(p.stat().st_size for p in files if p.suffix == ".md")
    print(
        f"{label}: {len(result.curriculum.lessons)} lesson files, {md_bytes / 1024:.0f} KiB | "
        f"read only {read * 1000:.1f} ms | load_tree {cold * 1000:.0f} ms "
        f"({cold / read:.0f}x read) | with cache {warm * 1000:.0f} ms "
        f"({warm / read:.0f}x read, {cold / warm:.1f}x faster than no cache)"
    )


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_dir("lessons")
    measure(source, "bundled")
    with tempfile.TemporaryDirectory() as tmp:
        grow(source, Path(tmp), TARGET_LESSONS)
        measure(Path(tmp), f">= {TARGET_LESSONS} lessons x 2")


if __name__ == "__main__":
    main()
