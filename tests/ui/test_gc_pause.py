"""Garbage collection pauses only for the TUI's start and always comes back."""

from __future__ import annotations

import gc

from tutor.cli import main
from tutor.ui import gc_pause


def test_a_subcommand_runs_with_collection_on(tmp_path, capsys) -> None:
    assert main(["--home", str(tmp_path), "lessons", "outline", str(tmp_path)]) in (0, 1)
    assert gc.isenabled()
    assert main(["--home", str(tmp_path), "pack", "list"]) == 0
    assert gc.isenabled()


def test_pause_then_first_screen_freezes_and_resumes() -> None:
    try:
        gc_pause.pause_until_first_screen()
        assert not gc.isenabled()
        gc_pause.resume_after_first_screen()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # start-up objects set aside for good
    finally:
        gc.unfreeze()
        gc.enable()


def test_resume_without_a_pause_changes_nothing() -> None:
    before = gc.get_freeze_count()
    gc_pause.resume_after_first_screen()  # what a Pilot test's app does
    assert gc.isenabled() and gc.get_freeze_count() == before
