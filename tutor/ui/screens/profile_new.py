"""Make a new trainee profile: a display name and an optional 4-digit PIN."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from tutor.domain.profiles import Profile, ProfileError
from tutor.i18n import N_, _, current_language
from tutor.i18n.bidi import has_rtl
from tutor.i18n.rtl_mode import get_rtl_mode
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlButton, RtlLabel, urdu_for_display


class NewProfileScreen(TutorScreen):
    """Dismisses with the new Profile, or None when cancelled (Escape)."""

    HELP = N_(
        "Type the name others at this centre know you by. A PIN is optional: with a PIN, "
        "nobody else can open your profile. Use Tab to move between fields."
    )
    BINDINGS = [Binding("escape", "cancel", N_("Back"), id="profile_new.cancel")]

    def __init__(self, *, can_cancel: bool = True) -> None:
        super().__init__()
        self.can_cancel = can_cancel

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield RtlStatic(_("New profile"), classes="title")
            yield RtlLabel(_("Your name"))
            yield Input(id="name", max_length=40, compact=True)
            yield Static("", id="name-preview", markup=False)
            yield RtlLabel(_("PIN (4 digits, optional)"))
            yield Input(id="pin", password=True, restrict=r"[0-9]{0,4}", max_length=4, compact=True)
            yield RtlLabel(_("Type the PIN again"))
            yield Input(
                id="pin2", password=True, restrict=r"[0-9]{0,4}", max_length=4, compact=True
            )
            yield RtlStatic("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield RtlButton(_("Create profile"), id="create", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.can_cancel
        return True

    def action_cancel(self) -> None:
        if self.can_cancel:
            self.dismiss(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        """An Urdu name is typed in logical order, which a terminal without bidi shows
        back to front and unjoined: a line under the field shows it as it will be read."""
        if event.input.id != "name":
            return
        preview = self.query_one("#name-preview", Static)
        shown = has_rtl(event.value) and get_rtl_mode() == "app"
        line = _("Shown as: {name}").format(name=event.value)
        preview.update(urdu_for_display(line) if shown else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        order = ["name", "pin", "pin2"]
        if event.input.id in order[:-1]:
            self.query_one(f"#{order[order.index(event.input.id) + 1]}", Input).focus()
        else:
            self._create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self._create()

    def _create(self) -> None:
        name = self.query_one("#name", Input).value
        pin = self.query_one("#pin", Input).value
        if pin != self.query_one("#pin2", Input).value:
            self._error(_("The two PINs are not the same. Please type them again."))
            return
        try:
            profile: Profile = self.app.services.profiles.create(  # type: ignore[attr-defined]
                name, pin, current_language()
            )
        except ProfileError as exc:
            self._error(str(exc))
            return
        self.dismiss(profile)

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update("✗ " + message)
