"""``tutor sim check [PATH]``: check bid-simulator scenario files in a lesson tree.

The lesson checker leaves ``simulator/`` alone, so trainers who edit a scenario (fees, the
exchange rate, job posts) check it here. Only argparse wiring is imported at start-up.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from tutor.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sim check`` to the ``tutor`` command."""
    sim = subparsers.add_parser("sim", help=_("check bid-simulator scenario files"))
    sub = sim.add_subparsers(dest="sim_command", metavar="COMMAND")
    sub.required = True
    check = sub.add_parser("check", help=_("check bid-simulator scenario files"))
    check.add_argument("path", metavar="PATH", nargs="?", help=_("lesson folder"))
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print one line per scenario file (✓ or ✗ with file, line and reason); 1 on any error."""
    from pathlib import Path

    from tutor.paths import bundled_dir
    from tutor.simulator.scenario_files import load_scenarios, scenario_paths

    out = out or sys.stdout
    root = Path(args.path) if args.path else bundled_dir("lessons")
    if not scenario_paths(root):
        out.write("✗ " + _("No scenario files in {path}").format(path=root / "simulator") + "\n")
        return 1
    loaded, errors = load_scenarios(root)
    for item in loaded:
        out.write(f"✓ {item.path}: {item.scenario.id}\n")
    for error in errors:
        out.write(f"✗ {error}\n")
    return 1 if errors else 0
