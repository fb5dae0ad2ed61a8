"""Trainer PIN: set on first use on a PC, asked every time after."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tutor.i18n import N_, _
from tutor.ui.screens.base import TutorModal
from tutor.ui.widgets.rtl_text import RtlStatic

PIN_PATTERN = r"[0-9]{0,8}"


def valid_trainer_pin(pin: str) -> bool:
    return 4 <= len(pin) <= 8 and pin.isascii() and pin.isdigit()


class TrainerPinDialog(TutorModal):
    """Dismisses with True once the trainer is let in (or has set the PIN), else False."""

    HELP = N_("Trainer mode is for trainers only. Type the trainer PIN and press Enter.")
    BINDINGS = [Binding("escape", "cancel", N_("Back"), id="trainer_pin.cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.first_pin: str | None = None

    @property
    def access(self):  # noqa: ANN201 - TrainerAccess, imported lazily
        return self.app.trainer_access  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self.access.has_pin:
                title = _("Trainer PIN")
            elif self.first_pin is None:
                title = _("Choose a trainer PIN for this PC (4 to 8 digits)")
            else:
                title = _("Type the new trainer PIN again")
            yield RtlStatic(title, classes="title")
            yield Input(id="pin", password=True, restrict=PIN_PATTERN, max_length=8, compact=True)
            yield RtlStatic("", id="error", classes="error")

    def action_cancel(self) -> None:
        self.dismiss(False)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        pin = event.value
        event.input.value = ""
        if self.access.has_pin:
            self._check(pin)
        elif self.first_pin is None:
            if not valid_trainer_pin(pin):
                self._error(_("A trainer PIN has 4 to 8 digits."))
                return
            self.first_pin = pin
            await self.recompose()
            self.query_one("#pin", Input).focus()
        elif pin == self.first_pin:
            self.access.set_pin(pin)
            self.dismiss(True)
        else:
            self.first_pin = None
            await self.recompose()
            self._error(_("The two PINs are not the same. Please type them again."))

    def _check(self, pin: str) -> None:
        result = self.access.check(pin)
        if result.ok:
            self.dismiss(True)
        elif result.locked:
            seconds = -(-self.access.lock_ms_left() // 1000)
            self._error(
                _("Too many wrong PINs. Trainer mode is locked for {seconds} seconds.").format(
                    seconds=seconds
                )
            )
        else:
            self._error(_("Wrong PIN. Please try again."))

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update("✗ " + message)
