"""The base of every tutor screen: translated bindings, help text, language refresh."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Container
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, OptionList

from tutor.i18n import _
from tutor.ui.widgets.quiet_footer import QuietFooter
from tutor.ui.widgets.rtl_text import RtlStatic


def translate_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Bindings with descriptions in the current language (they are written as msgids)."""
    from tutor.ui.widgets.rtl_widgets import urdu_for_display

    out: dict[str, ActiveBinding] = {}
    for key, active in bindings.items():
        binding = active.binding
        if binding.description:
            binding = replace(binding, description=urdu_for_display(_(binding.description)))
        out[key] = active._replace(binding=binding)
    return out


class TranslatedBindings:
    """Mixin: the footer shows binding descriptions in the current language."""

    HELP = ""  # msgid of this screen's help text, shown by F1
    TITLE_MSGID = ""  # msgid of the title shown in the header (Textual's TITLE is not translated)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings)  # type: ignore[misc]

    def help_text(self) -> str:
        return _(self.HELP) if self.HELP else ""

    def screen_title(self) -> str:
        """The header's title in the current language ("" keeps the app's title)."""
        return _(self.TITLE_MSGID) if self.TITLE_MSGID else ""

    def apply_title(self) -> None:
        title = self.screen_title()
        if title:
            self.title = title  # type: ignore[attr-defined]

    async def refresh_language(self) -> None:
        """Re-draw every text in the new language; state lives in attributes, not widgets."""
        await self.recompose_keeping_focus()
        self.apply_title()

    async def recompose_keeping_focus(self) -> None:
        """Recompose, then give focus back to the widget (by id) that had it."""
        focused = self.focused  # type: ignore[attr-defined]
        focused_id = focused.id if focused is not None else None
        typed = self._typed_text()
        await self.recompose()  # type: ignore[attr-defined]
        self._restore_typed_text(typed)
        target = None
        if focused_id:
            try:
                target = self.query_one(f"#{focused_id}")  # type: ignore[attr-defined]
            except NoMatches:
                target = None
        if target is None:
            self.focus_next()  # type: ignore[attr-defined]
            target = self.focused  # type: ignore[attr-defined]
        else:
            target.focus()
        if isinstance(target, OptionList) and target.highlighted is None and target.option_count:
            target.highlighted = 0

    def _typed_text(self) -> dict[str, str]:
        """What the trainee has typed so far, by field id: a language switch rebuilds the
        fields, and a half-written name or proposal must not vanish with them."""
        fields = self.query("Input, TextArea")  # type: ignore[attr-defined]
        return {w.id: w.value if isinstance(w, Input) else w.text for w in fields if w.id}

    def _restore_typed_text(self, typed: dict[str, str]) -> None:
        from textual.widgets import TextArea  # only on a language switch: not at start-up

        for field_id, text in typed.items():
            try:
                widget = self.query_one(f"#{field_id}")  # type: ignore[attr-defined]
            except NoMatches:
                continue
            if isinstance(widget, TextArea):
                widget.text = text
            elif isinstance(widget, Input):
                widget.value = text


class ScreenBody(Container):
    """The part of a screen between header and footer; recomposed on language change.

    Recomposing a whole screen would also replace its Header while the Header is still
    setting its title (a crash in Textual 8.2.8), so only the body is rebuilt.
    """

    def __init__(self, build: Callable[[], ComposeResult], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._build = build

    def compose(self) -> ComposeResult:
        yield from self._build()


class TutorScreen(TranslatedBindings, Screen):
    """A full screen of the tutor: header, a body built by ``compose_body``, footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ScreenBody(self.compose_body, id="body")
        yield RtlStatic(id="sync-status", classes="status-line")
        yield QuietFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    async def recompose(self) -> None:
        await self.query_one(ScreenBody).recompose()

    def on_mount(self) -> None:
        self.apply_title()
        show = getattr(self.app, "show_sync_status", None)
        if show is not None:
            show()
        painted = getattr(self.app, "first_screen_painted", None)
        if painted is not None:
            self.call_after_refresh(painted)


class TutorModal(TranslatedBindings, ModalScreen):
    """A dialog of the tutor."""
