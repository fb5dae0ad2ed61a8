"""In a real terminal (tmux, which like xterm and Windows Terminal does no bidi).

``tmux capture-pane -p`` returns the cells left to right: exactly what a terminal without
bidi draws. Skipped where tmux is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tutor.i18n.bidi import visual_lines

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")

APP = Path(__file__).with_name("rtl_tmux_app.py")
ROOT = Path(__file__).resolve().parents[2]
WIDTH = 40


def _pane(tmux: list[str]) -> list[str]:
    out = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True)
    return [line.rstrip() for line in out.stdout.splitlines()]


def _shown(mode: str, expected: list[str]) -> list[str]:
    """The pane's first lines once they match ``expected``, or after 20 s."""
    tmux = ["tmux", "-L", f"tutor-rtl-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]
    # COLUMNS/LINES (set by pytest) would override the pane size inside Textual
    command = (
        f"cd {ROOT} && env -u COLUMNS -u LINES TERM=xterm-256color {sys.executable} {APP} {mode}"
    )
    subprocess.run([*tmux, "new-session", "-d", "-x", str(WIDTH), "-y", "8", command], check=True)
    try:
        deadline = time.monotonic() + 20
        shown = _pane(tmux)[: len(expected)]
        while shown != expected and time.monotonic() < deadline:
            time.sleep(0.25)
            shown = _pane(tmux)[: len(expected)]
        return shown
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def _text() -> str:
    sys.path.insert(0, str(APP.parent))
    try:
        from rtl_tmux_app import TEXT
    finally:
        sys.path.remove(str(APP.parent))
    return TEXT


@pytest.mark.parametrize("mode", ["app", "terminal"])
def test_terminal_cells_match_display_path(mode: str) -> None:
    expected = [line.rstrip() for line in visual_lines(_text(), WIDTH, mode)]
    assert _shown(mode, expected) == expected
