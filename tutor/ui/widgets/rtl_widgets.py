"""Right-to-left versions of the list and label widgets the screens use.

They behave exactly like Textual's in English; in Urdu they shape and reorder each line
they draw (see ``tutor.ui.widgets.rtl_text``). Screens use these, never the plain ones,
for text a trainee reads.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from textual.widgets import Button, Label, OptionList

from tutor.i18n import is_rtl
from tutor.i18n.bidi import has_rtl, shape, visual_line
from tutor.i18n.labels import display_label
from tutor.i18n.rtl_mode import get_rtl_mode
from tutor.ui.widgets.rtl_text import RtlLinesMixin

# Textual's Toast: 60 cells wide at most, half the screen at most; padding and its left
# border take 3 cells.
TOAST_WIDTH, TOAST_GUTTER = 60, 3


class RtlOptionList(RtlLinesMixin, OptionList):
    """An OptionList whose Urdu options read right to left."""


class RtlLabel(RtlLinesMixin, Label):
    """A Label whose Urdu text reads right to left (full width, so it sits on the right)."""

    DEFAULT_CSS = "RtlLabel { width: 100%; }"


class RtlButton(RtlLinesMixin, Button):
    """A Button whose Urdu label reads right to left."""


def urdu_for_display(text: str) -> str:
    """One short line holding Urdu, drawn right even where the widget does no bidi (the
    language picker, header, footer): shaped and reordered in ``app`` mode, left as typed
    where the terminal reorders. The base direction follows the interface language.
    """
    if is_rtl():
        return display_label(text)
    if not has_rtl(text) or get_rtl_mode() != "app":
        return text
    return visual_line(shape(text), False)


def toast_text(message: str, screen_width: int) -> str:
    """A notification's text, ready for Textual's toast, which does no bidi.

    In Urdu with app-side reordering, the message is wrapped to the toast's text width
    first (wrapping must see the logical order) and each line is then shaped, reordered
    and pushed to the right edge. Anything else is returned as it is.
    """
    if not is_rtl() or get_rtl_mode() != "app" or not has_rtl(message):
        return message
    width = max(10, min(TOAST_WIDTH, screen_width // 2) - TOAST_GUTTER)
    lines: list[str] = []
    for paragraph in message.split("\n"):
        for line in textwrap.wrap(paragraph, width) or [""]:
            shown = visual_line(shape(line), keep_numbers_ltr=True)
            lines.append(" " * max(0, width - cell_len(shown)) + shown)
    return "\n".join(lines)
