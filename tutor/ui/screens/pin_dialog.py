"""Ask for a profile's PIN; five wrong tries lock the profile for a minute."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tutor.domain.profiles import Profile, seconds_locked
from tutor.i18n import N_, _
from tutor.ui.screens.base import TutorModal
from tutor.ui.widgets.rtl_text import RtlStatic


class PinDialog(TutorModal):
    """Dismisses with True when the PIN was right, False when cancelled."""

    HELP = N_("Type your 4-digit PIN and press Enter. Forgot it? Ask your trainer to reset it.")
    BINDINGS = [Binding("escape", "cancel", N_("Back"), id="pin.cancel")]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield RtlStatic(_("PIN for {name}").format(name=self.profile.name), classes="title")
            yield Input(id="pin", password=True, restrict=r"[0-9]{0,4}", max_length=4, compact=True)
            yield RtlStatic("", id="error", classes="error")

    def on_mount(self) -> None:
        self._show_lock()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        services = self.app.services  # type: ignore[attr-defined]
        check = services.profiles.verify(self.profile, event.value)
        self.profile = check.profile
        event.input.value = ""
        if check.ok:
            self.dismiss(True)
        elif check.locked:
            self._show_lock()
        else:
            self.query_one("#error", Static).update("✗ " + _("Wrong PIN. Please try again."))

    def _show_lock(self) -> None:
        services = self.app.services  # type: ignore[attr-defined]
        wait = seconds_locked(self.profile, services.clock_ms())
        if wait:
            message = _("Too many wrong PINs. This profile is locked for {seconds} seconds.")
            self.query_one("#error", Static).update("✗ " + message.format(seconds=wait))
