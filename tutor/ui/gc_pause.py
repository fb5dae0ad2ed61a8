"""No cyclic garbage collection between launch and the first screen.

Importing Textual and building the first screen allocates several hundred thousand objects
that live as long as the app: the collector runs again and again over them and finds
nothing to free, about a tenth of the start-up time (measured by ``bench/bench_startup.py``).
The launcher pauses collection; once the first screen is painted those objects are frozen
(moved out of the collector's way for good) and collection resumes.
"""

from __future__ import annotations

import gc

_state = {"paused": False}


def pause_until_first_screen() -> None:
    """Called by the launcher first thing, before the command line is even parsed."""
    gc.disable()
    _state["paused"] = True


def cancel_pause() -> None:
    """A command other than the TUI runs: collect as usual (``collector serve`` runs for
    days)."""
    _state["paused"] = False
    gc.enable()


def resume_after_first_screen() -> None:
    """Called once the first screen is on the terminal; does nothing if not paused (tests)."""
    if _state["paused"]:
        _state["paused"] = False
        gc.freeze()
        gc.enable()
