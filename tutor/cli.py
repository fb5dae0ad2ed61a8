"""The ``tutor`` command: the TUI by default, subcommands for trainers and programme IT.

Each area registers its own subcommands (``register(subparsers)``) and imports its heavy
modules only inside the handler, so ``tutor`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from tutor import __version__

# Modules that add subcommands; a missing one is skipped so partial installs still run.
COMMAND_MODULES = (
    "tutor.lessons.commands",
    "tutor.packs.commands",
    "tutor.sync.commands",
    "tutor.collector.commands",
    "tutor.simulator.commands",
    "tutor.doctor",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tutor", description="Freelancing tutor")
    parser.add_argument("--home", help="data folder (default: the user data folder)")
    parser.add_argument("--lessons", help="lesson folder to use instead of the installed ones")
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    sub = parser.add_subparsers(dest="command")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from tutor.ui.gc_pause import cancel_pause, pause_until_first_screen

    pause_until_first_screen()  # the TUI is the usual command: it resumes after its first paint
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit:
        cancel_pause()
        raise
    handler = getattr(args, "func", None)
    if handler is not None:
        cancel_pause()
        return int(handler(args) or 0)
    from tutor.ui.launch import run_tui

    return run_tui(args)


if __name__ == "__main__":
    sys.exit(main())
