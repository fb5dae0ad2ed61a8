"""A yes/no question; Enter on "Yes" confirms, Escape says no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.i18n import N_, _
from tutor.ui.screens.base import TutorModal
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


class ConfirmDialog(TutorModal):
    BINDINGS = [Binding("escape", "no", N_("No"), id="confirm.no")]

    def __init__(self, question: str, *, warning: str = "") -> None:
        super().__init__()
        self.question = question
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self.warning:
                yield RtlStatic("⚠ " + self.warning, classes="error")
            yield RtlStatic(self.question, classes="title")
            yield RtlOptionList(Option(_("No"), id="no"), Option(_("Yes"), id="yes"), id="answer")

    def on_mount(self) -> None:
        answer = self.query_one("#answer", OptionList)
        answer.highlighted = 0
        answer.focus()

    def action_no(self) -> None:
        self.dismiss(False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "yes")
