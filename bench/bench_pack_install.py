"""Verify + install of a 200-lesson pack against a plain unzip of the same file, in one run.

Target (issue "Lesson packs"): at most 3x plain unzip.

    .venv/bin/python bench/bench_pack_install.py [--lessons 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tutor.packs.pack_build import build_pack
from tutor.packs.pack_keys import public_line
from tutor.packs.pack_library import PackLibrary
from tutor.packs.pack_verify import verify_pack

PARAGRAPH = (
    "A client in Lahore posts a logo job with a budget of 40 dollars. Read the post twice, "
    "answer the question it asks in your first two lines, and show one example of your work. "
)


def make_tree(root: Path, lessons: int) -> None:
    """Lessons of realistic size (about 6 KB each, two languages)."""
    module = root / "01-bench"
    module.mkdir(parents=True)
    (module / "module.yaml").write_text("id: bench\norder: 1\ntitle:\n  en: Bench\n  ur: بینچ\n")
    body = "\n\n".join(f"## Part {i} {{#p{i}}}\n\n" + PARAGRAPH * 8 for i in range(1, 6))
    for n in range(lessons):
        for lang in ("en", "ur"):
            head = (
                f"---\nid: l{n}\nmodule: bench\norder: {n + 1}\ntitle: Lesson {n}\n"
                "minutes: 5\nobjectives:\n  - read\n---\n\n"
            )
            (module / f"{n:03d}-lesson.{lang}.md").write_text(head + body)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lessons", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    key = Ed25519PrivateKey.generate()
    public = public_line(key.public_key())
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        make_tree(base / "src", args.lessons)
        pack = base / "bench.tpack"
        build_pack(base / "src", key, pack, pack_id="bench", version=1, check=False)
        unzip_times, install_times = [], []
        for run in range(args.runs):
            target = base / f"unzip{run}"
            unzip_times.append(timed(lambda t=target: zipfile.ZipFile(pack).extractall(t)))
            lib = PackLibrary(base / f"lib{run}")
            install_times.append(timed(lambda lib=lib: lib.install(verify_pack(pack, [public]))))
            shutil.rmtree(target)
            shutil.rmtree(lib.root)
        size = pack.stat().st_size
    u, i = statistics.median(unzip_times), statistics.median(install_times)
    print(f"pack: {args.lessons} lessons x 2 languages, {size / 1024:.0f} KiB")
    print(f"plain unzip        {u * 1000:8.1f} ms (median of {args.runs})")
    print(f"verify + install   {i * 1000:8.1f} ms (median of {args.runs})")
    print(f"ratio              {i / u:8.2f}x  (target <= 3.0)")


if __name__ == "__main__":
    main()
