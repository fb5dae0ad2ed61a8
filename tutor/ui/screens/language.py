"""First start on a PC: choose the interface language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.i18n import LANGUAGES, N_
from tutor.ui.screens.base import TutorScreen


class LanguageScreen(TutorScreen):
    """Both languages are written in their own script, so either reader finds theirs."""

    HELP = N_("Choose the language of the tutor with the arrow keys and press Enter.")

    def compose_body(self) -> ComposeResult:
        with Vertical(id="language-box", classes="dialog"):
            yield Static("Choose your language\nاپنی زبان منتخب کریں", id="language-title")
            yield OptionList(
                *(Option(f"{name}", id=code) for code, name in LANGUAGES.items()),
                id="language-list",
            )

    def on_mount(self) -> None:
        options = self.query_one("#language-list", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
