"""Set up Urdu display for this PC: which of two renderings of one sentence reads right?

No escape sequence tells whether a terminal reorders right-to-left text itself, so a
trainer looks once: box 1 is reordered and joined by the tutor ("app" mode), box 2 is sent
in logical order for the terminal to lay out ("terminal" mode). Exactly one of them reads
correctly on a given terminal. The screen dismisses with "app" or "terminal"; the caller
stores it per PC and calls ``set_rtl_mode``.

The texts are bilingual: English for the trainer, and Urdu inside each box drawn the same
way as that box, so whichever box is readable also explains itself.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tutor.i18n import N_, gettext_in
from tutor.i18n.rtl_mode import get_rtl_mode
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic

# One sentence with what goes wrong most: an English word first, harakat (zer, shadda),
# lam-alef, an amount, a negative number and brackets around an English word.
SAMPLE = "Upwork پر پہلا کام (Logo design) $25 کا مِلا، فیس -5 ڈالر کٹی اور باقی رقم اچّھی لگی۔"

INTRO = N_(
    "Set up Urdu for this PC. The same Urdu sentence is shown two ways below. "
    "Press 1 or 2 for the box where it reads correctly: right to left, letters joined."
)
PROMPT = N_("If this box reads correctly, press {key}.")


class CalibrationScreen(TutorScreen):
    """Shows SAMPLE both ways; dismisses with "app" (box 1) or "terminal" (box 2)."""

    HELP = N_(
        "Choose the box in which the Urdu reads correctly with 1 or 2, or Tab and Enter. "
        "Escape keeps the current setting. You can come back here later from the settings."
    )
    BINDINGS = [
        Binding("1", "choose('app')", N_("Box 1 reads correctly"), id="calibration.app"),
        Binding("2", "choose('terminal')", N_("Box 2 reads correctly"), id="calibration.terminal"),
        Binding("escape", "keep", N_("Keep current"), id="calibration.keep"),
    ]
    DEFAULT_CSS = """
    CalibrationScreen { align: center middle; }
    CalibrationScreen #calibration { width: 100%; max-width: 90; height: auto; padding: 0 1; }
    CalibrationScreen .box { border: round $primary; height: auto; padding: 0 1; margin: 1 0 0 0; }
    CalibrationScreen .box RtlStatic { width: 100%; }
    CalibrationScreen #choices { height: auto; margin-top: 1; }
    CalibrationScreen #choices Button { margin: 0 2 0 0; }
    """

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current or get_rtl_mode()

    def compose_body(self) -> ComposeResult:
        with Vertical(id="calibration"):
            yield Static(gettext_in("en", INTRO), id="calibration-intro")
            for key, mode in (("1", "app"), ("2", "terminal")):
                with Vertical(classes="box", id=f"box-{mode}") as box:
                    box.border_title = key
                    yield RtlStatic(SAMPLE, mode=mode, force_rtl=True, classes="sample")
                    prompt = gettext_in("ur", PROMPT).format(key=key)
                    yield RtlStatic(prompt, mode=mode, force_rtl=True, classes="prompt")
            with Horizontal(id="choices"):
                yield Button("1", id="choose-app", variant="primary")
                yield Button("2", id="choose-terminal")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose("app" if event.button.id == "choose-app" else "terminal")

    def action_choose(self, mode: str) -> None:
        self.dismiss(mode)

    def action_keep(self) -> None:
        self.dismiss(self.current)
