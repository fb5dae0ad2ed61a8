"""USB kit figures: kit size, installed size, and launcher-to-first-screen time.

Targets (issue 9): the kit <= 40 MB, the installed tutor <= 80 MB. Start-up of the installed
build and of the standalone build is compared with the development install in the same run:
each launcher is started in a fresh tmux window (100x30) on a fresh data folder, and the
clock stops when the language screen is on the terminal. Runs are interleaved so drift hits
all alike.

    .venv/bin/python bench/bench_kit.py [--kit KIT] [--standalone dist/tutor] [--runs 5]

Without ``--kit`` a kit for this machine is built first (``--from-installed``, throwaway
key); pass the full multi-platform kit to measure its size. Without ``--standalone`` the
standalone build is made first with ``packaging/build-standalone`` (about a minute; skipped,
with a note, when PyInstaller is missing). Needs tmux; it runs its own tmux server, so other
tmux sessions on the machine are left alone.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARKER = "Choose your language"
TMUX = ["tmux"]  # private_tmux() adds its own socket: other tmux sessions are left alone
RUN_NO = itertools.count(1)
KIT_TARGET_MB, INSTALLED_TARGET_MB = 40, 80


def folder_mb(path: Path) -> float:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )


def build_kit(work: Path) -> Path:
    from tutor.packs.pack_keys import generate

    pem, _line = generate(b"bench-passphrase")
    (work / "k.key").write_bytes(pem)
    (work / "pass").write_text("bench-passphrase", "utf-8")
    kit = work / "KIT"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "packaging" / "build-usb-kit"),
            str(kit),
            "--key",
            str(work / "k.key"),
            "--passphrase-file",
            str(work / "pass"),
            "--from-installed",
        ],
        check=True,
        capture_output=True,
    )
    return kit


def install(kit: Path, app: Path, home: Path) -> None:
    env = {**os.environ, "HOME": str(home), "TUTOR_HOME": str(home / "data")}
    subprocess.run(
        ["sh", str(kit / "install.sh"), "--app-dir", str(app), "--no-shortcut"],
        check=True,
        capture_output=True,
        env=env,
    )


@contextlib.contextmanager
def private_tmux(socket: Path):  # noqa: ANN201
    """Our own tmux server for the whole run; an idle session keeps it up between runs, so
    no run pays for (or races with) a server starting or stopping."""
    TMUX[1:] = ["-S", str(socket)]
    subprocess.run([*TMUX, "new-session", "-d", "-s", "holder", "sleep 86400"], check=True)
    try:
        yield
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)


def first_screen_s(cmd: str, home: Path, timeout: float = 60) -> float:
    """Seconds from starting ``cmd`` in tmux until the language screen shows."""
    name = f"run-{next(RUN_NO)}"
    shutil.rmtree(home, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [
            *TMUX,
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "100",
            "-y",
            "30",
            f"TUTOR_HOME={home} {cmd}",
        ],
        check=True,
    )
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if MARKER in screen:
                return time.perf_counter() - start
            time.sleep(0.01)
        raise RuntimeError(f"{cmd}: no first screen in {timeout} s")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", name], capture_output=True)


def build_standalone(work: Path) -> Path | None:
    """The standalone build made with the project's recipe, or None without PyInstaller."""
    import importlib.util

    if importlib.util.find_spec("PyInstaller") is None:
        print("PyInstaller is not installed: no standalone figures", file=sys.stderr)
        return None
    dist = work / "dist"
    subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build-standalone"), "--dist", str(dist)],
        check=True,
        capture_output=True,
    )
    return dist / "tutor"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--kit", help="an existing kit to measure (default: build one)")
    p.add_argument("--standalone", help="folder of a standalone build (default: build one)")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    if not shutil.which("tmux"):
        sys.exit("bench_kit needs tmux")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        kit = Path(args.kit) if args.kit else build_kit(work)
        standalone = Path(args.standalone).resolve() if args.standalone else build_standalone(work)
        app = work / "app"
        install(kit, app, work / "home")
        launchers = {
            "dev": str(REPO / ".venv" / "bin" / "tutor"),
            "installed": str(app / "tutor.sh"),
        }
        if standalone is not None:
            launchers["standalone"] = str(standalone / "tutor")
        times: dict[str, list[float]] = {k: [] for k in launchers}
        with private_tmux(work / "tmux.sock"):
            for cmd in launchers.values():  # warm the file cache
                first_screen_s(cmd, work / "data")
            for _ in range(args.runs):
                for label, cmd in launchers.items():
                    times[label].append(first_screen_s(cmd, work / "data"))
        kit_mb, app_mb = folder_mb(kit), folder_mb(app)
        sa_mb = folder_mb(standalone) if standalone is not None else None
    where = kit if args.kit else "built for this machine with --from-installed"
    print(f"kit       {kit_mb:6.1f} MB  (target <= {KIT_TARGET_MB})  {where}")
    print(f"installed {app_mb:6.1f} MB  (target <= {INSTALLED_TARGET_MB})")
    if sa_mb is not None:
        print(f"standalone{sa_mb:6.1f} MB  (unpacked folder)")
    print(f"launcher to first screen, median of {args.runs} (tmux 100x30, fresh data folder)")
    base = statistics.median(times["dev"])
    for label, runs in times.items():
        med = statistics.median(runs)
        spread = f"{min(runs):.3f}-{max(runs):.3f}"
        print(f"  {label:<11}{med:7.3f} s   {med / base:5.2f}x dev   (runs {spread} s)")


if __name__ == "__main__":
    main()
