"""Who reorders right-to-left text: the tutor ("app") or the terminal ("terminal").

No escape sequence reliably tells whether a terminal reorders, so a trainer chooses once per
PC on the calibration screen (setting ``rtl = auto | app | terminal``); ``auto`` guesses from
the environment. Getting this wrong reverses Urdu twice, so the guess prefers ``app``:
Windows Terminal, conhost and xterm do no bidi, and VTE can be told to stop (``ESC[8l``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

RTL_SETTINGS = ("auto", "app", "terminal")
RTL_MODES = ("app", "terminal")

# Sent to VTE (GNOME Terminal, xfce4-terminal, Tilix...): BDSM reset = "explicit" mode, the
# terminal stops reordering. The set form restores implicit mode on exit.
VTE_BIDI_OFF = "\x1b[8l"
VTE_BIDI_ON = "\x1b[8h"

_state = {"mode": "app"}


def guess_rtl_mode(env: Mapping[str, str], platform: str) -> str:
    """Best guess of who should reorder, from environment variables and ``sys.platform``."""
    if platform.startswith("win") or env.get("WT_SESSION"):
        return "app"
    term = env.get("TERM", "")
    if env.get("KONSOLE_VERSION") or env.get("MLTERM") or term.startswith("mlterm"):
        return "terminal"
    if env.get("TERM_PROGRAM") in ("Apple_Terminal", "mintty"):
        return "terminal"
    if env.get("VTE_VERSION") and (env.get("TMUX") or env.get("STY")):
        # tmux/screen swallow ESC[8l, so the outer VTE keeps reordering.
        return "terminal"
    return "app"


def effective_rtl_mode(setting: str, env: Mapping[str, str], platform: str) -> str:
    """The mode to use for a stored setting; anything unknown counts as ``auto``."""
    if setting in RTL_MODES:
        return setting
    return guess_rtl_mode(env, platform)


def set_rtl_mode(mode: str) -> None:
    """Switch the whole process (like the language); raises on an unknown mode."""
    if mode not in RTL_MODES:
        raise ValueError(f"rtl mode must be one of {RTL_MODES}, not {mode!r}")
    _state["mode"] = mode


def get_rtl_mode() -> str:
    return _state["mode"]


def vte_escape_on_start(mode: str, env: Mapping[str, str]) -> str:
    """Escape to write when the app starts: stop VTE reordering when the app does it.

    Empty when not on VTE or in terminal mode; harmless elsewhere but kept minimal.
    """
    if mode == "app" and env.get("VTE_VERSION") and not (env.get("TMUX") or env.get("STY")):
        return VTE_BIDI_OFF
    return ""


def vte_escape_on_exit(mode: str, env: Mapping[str, str]) -> str:
    """Escape to write on exit: give VTE its own reordering back."""
    return VTE_BIDI_ON if vte_escape_on_start(mode, env) else ""


@contextmanager
def vte_bidi_guard(mode: str, env: Mapping[str, str], stream: TextIO) -> Iterator[None]:
    """Around ``app.run()``: VTE stops reordering while the tutor runs, and gets it back
    even if the app crashes. ``stream`` is the terminal (``sys.__stdout__``)."""
    start = vte_escape_on_start(mode, env)
    if start:
        stream.write(start)
        stream.flush()
    try:
        yield
    finally:
        end = vte_escape_on_exit(mode, env)
        if end:
            stream.write(end)
            stream.flush()
