"""Right-to-left versions of the list and label widgets the screens use.

They behave exactly like Textual's in English; in Urdu they shape and reorder each line
they draw (see ``tutor.ui.widgets.rtl_text``). Screens use these, never the plain ones,
for text a trainee reads.
"""

from __future__ import annotations

from textual.widgets import Button, Label, OptionList

from tutor.i18n import is_rtl
from tutor.i18n.bidi import has_rtl, shape, visual_line
from tutor.i18n.labels import display_label
from tutor.i18n.rtl_mode import get_rtl_mode
from tutor.ui.widgets.rtl_text import RtlLinesMixin


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
