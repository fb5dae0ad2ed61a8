"""Start the TUI: open the data folder, then hand the services to the app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tutor.paths import resolve_home


def lessons_override(args: argparse.Namespace) -> Path | None:
    """``--lessons`` when given; otherwise the installed packs or built-in lessons are used."""
    if getattr(args, "lessons", None):
        return Path(args.lessons).expanduser().resolve()
    return None


def run_tui(args: argparse.Namespace) -> int:
    from tutor.services.startup import open_services
    from tutor.store.errors import StoreError

    try:
        services = open_services(resolve_home(args.home), lessons_override(args))
    except StoreError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return 2
    try:
        from tutor.i18n.rtl_mode import effective_rtl_mode, vte_bidi_guard
        from tutor.ui.app import TutorApp

        mode = effective_rtl_mode(services.settings.rtl, os.environ, sys.platform)
        with vte_bidi_guard(mode, os.environ, sys.__stdout__):  # VTE: we reorder, not it
            TutorApp(services).run()
    finally:
        services.close()
    return 0
