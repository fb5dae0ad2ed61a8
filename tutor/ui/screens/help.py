"""F1: help for the screen in front of the trainee, and the keys that work everywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from tutor.i18n import N_, _
from tutor.ui.screens.base import TutorModal
from tutor.ui.widgets.rtl_text import RtlStatic

GLOBAL_KEYS = N_(
    "Keys that work everywhere:\n"
    "  F1      this help\n"
    "  F2      switch English / Urdu\n"
    "  Ctrl+P  command palette (search every action)\n"
    "  Ctrl+Q  quit (your progress is already saved)\n"
    "  Escape  back"
)


class HelpDialog(TutorModal):
    BINDINGS = [Binding("escape,f1,enter", "close", N_("Close"), id="help.close")]

    def __init__(self, screen_help: str) -> None:
        super().__init__()
        self.screen_help = screen_help

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield RtlStatic(_("Help"), classes="title")
            if self.screen_help:
                yield RtlStatic(self.screen_help, id="screen-help")
            yield RtlStatic(_(GLOBAL_KEYS), id="global-help")
            yield RtlStatic(_("Press Escape to close."))

    def action_close(self) -> None:
        self.dismiss()
