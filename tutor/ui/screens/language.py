"""First start on a PC: choose the interface language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.i18n import LANGUAGES, N_
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList, urdu_for_display


class LanguageScreen(TutorScreen):
    """Both languages are written in their own script, so either reader finds theirs."""

    HELP = N_("Choose the language of the tutor with the arrow keys and press Enter.")

    def compose_body(self) -> ComposeResult:
        with Vertical(id="language-box", classes="dialog"):
            yield RtlStatic("Choose your language", id="language-title")
            yield RtlStatic("اپنی زبان منتخب کریں", id="language-title-ur", force_rtl=True)
            yield RtlOptionList(
                *(Option(urdu_for_display(name), id=code) for code, name in LANGUAGES.items()),
                id="language-list",
            )

    def on_mount(self) -> None:
        options = self.query_one("#language-list", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
