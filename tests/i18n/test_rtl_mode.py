"""Who reorders: the stored setting, the guess from the environment, VTE's escape."""

from __future__ import annotations

import io

import pytest

from tutor.i18n.rtl_mode import (
    VTE_BIDI_OFF,
    VTE_BIDI_ON,
    effective_rtl_mode,
    get_rtl_mode,
    guess_rtl_mode,
    set_rtl_mode,
    vte_bidi_guard,
    vte_escape_on_exit,
    vte_escape_on_start,
)


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({}, "win32", "app"),  # conhost: no bidi
        ({"WT_SESSION": "x"}, "linux", "app"),  # Windows Terminal via WSL
        ({"XTERM_VERSION": "XTerm(379)", "TERM": "xterm"}, "linux", "app"),
        ({"VTE_VERSION": "7006"}, "linux", "app"),  # app + ESC[8l
        ({"VTE_VERSION": "7006", "TMUX": "/tmp/t"}, "linux", "terminal"),  # tmux eats ESC[8l
        ({"KONSOLE_VERSION": "230805"}, "linux", "terminal"),
        ({"MLTERM": "3.9.0", "TERM": "mlterm"}, "linux", "terminal"),
        ({"TERM_PROGRAM": "Apple_Terminal"}, "darwin", "terminal"),
        ({"TERM": "linux"}, "linux", "app"),  # Linux console
        ({}, "linux", "app"),  # unknown: the tutor does it
    ],
)
def test_guess(env: dict[str, str], platform: str, expected: str) -> None:
    assert guess_rtl_mode(env, platform) == expected


def test_stored_setting_wins_over_guess() -> None:
    konsole = {"KONSOLE_VERSION": "1"}
    assert effective_rtl_mode("app", konsole, "linux") == "app"
    assert effective_rtl_mode("terminal", {}, "win32") == "terminal"
    assert effective_rtl_mode("auto", konsole, "linux") == "terminal"


def test_garbage_setting_counts_as_auto() -> None:
    assert effective_rtl_mode("both!", {}, "win32") == "app"


def test_set_and_get_mode_and_reject_garbage() -> None:
    set_rtl_mode("terminal")
    assert get_rtl_mode() == "terminal"
    with pytest.raises(ValueError, match="rtl mode"):
        set_rtl_mode("auto")
    assert get_rtl_mode() == "terminal"


def test_vte_escapes_only_in_app_mode_on_vte_outside_tmux() -> None:
    vte = {"VTE_VERSION": "7006"}
    assert vte_escape_on_start("app", vte) == VTE_BIDI_OFF == "\x1b[8l"
    assert vte_escape_on_exit("app", vte) == VTE_BIDI_ON == "\x1b[8h"
    assert vte_escape_on_start("terminal", vte) == ""
    assert vte_escape_on_start("app", {}) == ""
    assert vte_escape_on_exit("app", {**vte, "TMUX": "1"}) == ""


def test_vte_guard_restores_bidi_even_when_the_app_crashes() -> None:
    out = io.StringIO()
    with pytest.raises(RuntimeError), vte_bidi_guard("app", {"VTE_VERSION": "7006"}, out):
        assert out.getvalue() == "\x1b[8l"
        raise RuntimeError("crash")
    assert out.getvalue() == "\x1b[8l\x1b[8h"


def test_vte_guard_writes_nothing_on_other_terminals() -> None:
    out = io.StringIO()
    with vte_bidi_guard("app", {"WT_SESSION": "1"}, out):
        pass
    assert out.getvalue() == ""
