"""The glossary: every term the lessons use, with its explanation, from any lesson (key G)."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Markdown, OptionList
from textual.widgets.option_list import Option

from tutor.domain.glossary import Glossary, Term
from tutor.i18n import N_, _, current_language
from tutor.ui.screens.base import TutorModal, TutorScreen
from tutor.ui.widgets.rtl_markdown import LessonMarkdown
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList

TERM_LINK = re.compile(r"\]\(glossary:([a-z0-9-]+)\)")


def terms_in(markdown: str) -> list[str]:
    """Glossary term ids linked from a piece of lesson Markdown, first use first."""
    seen: list[str] = []
    for term_id in TERM_LINK.findall(markdown):
        if term_id not in seen:
            seen.append(term_id)
    return seen


def term_markdown(term: Term, lang: str) -> str:
    return f"## {term.title(lang)}\n\n{term.explanation(lang)}"


class GlossaryScreen(TutorScreen):
    """Terms of the current section first, then every term A to Z."""

    TITLE_MSGID = N_("Glossary")
    HELP = N_("Choose a word with the arrow keys to read what it means. Escape goes back.")
    BINDINGS = [Binding("escape", "back", N_("Back"), id="glossary.back")]

    def __init__(self, first: list[str] | None = None) -> None:
        super().__init__()
        self.first = first or []
        self.shown: str | None = None

    def glossary(self) -> Glossary:
        return self.app.glossary or Glossary()  # type: ignore[attr-defined]

    def compose_body(self) -> ComposeResult:
        lang = current_language()
        glossary = self.glossary()
        ordered = [t for t in (glossary.get(i) for i in self.first) if t is not None]
        rest = [t for t in glossary.sorted_terms(lang) if t.id not in self.first]
        options = [
            Option(("★ " if t in ordered else "") + t.title(lang), id=t.id) for t in ordered + rest
        ]
        with Horizontal():
            if options:
                yield RtlOptionList(*options, id="terms")
            else:
                yield RtlStatic(_("The glossary is empty."), id="terms-empty")
            with VerticalScroll(id="term-box", can_focus=False):
                yield LessonMarkdown(self._explanation(), id="term")

    def _explanation(self) -> str:
        term = self.glossary().get(self.shown or "")
        if term is None:
            return _("Choose a word on the left to see what it means.")
        return term_markdown(term, current_language())

    def on_mount(self) -> None:
        if self.first:
            self.shown = self.first[0]
            self.query_one("#term", Markdown).update(self._explanation())

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.shown = event.option.id
        self.query_one("#term", Markdown).update(self._explanation())

    def action_back(self) -> None:
        self.dismiss()


class TermDialog(TutorModal):
    """One term, opened from a link in a lesson."""

    BINDINGS = [Binding("escape,enter", "close", N_("Close"), id="term.close")]

    def __init__(self, term: Term) -> None:
        super().__init__()
        self.term = term

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield LessonMarkdown(term_markdown(self.term, current_language()), id="term")
            yield RtlStatic(_("Press Escape to close."))

    def action_close(self) -> None:
        self.dismiss()
