"""Short one-line texts (footer keys, button labels, list options, notifications).

Widgets that draw such texts themselves (Textual's Footer, OptionList, notifications) never
wrap them, so reordering the whole string at once is right and costs one call. For text
that may wrap, use ``RtlStatic`` / ``LessonMarkdown`` / ``RtlLinesMixin`` instead: reordering
before wrapping puts the end of a paragraph on its first line.
"""

from __future__ import annotations

from tutor.i18n.bidi import has_rtl, shape, visual_line
from tutor.i18n.catalog import is_rtl
from tutor.i18n.rtl_mode import get_rtl_mode


def display_label(text: str) -> str:
    """``text`` ready for a one-line widget in the current language and RTL mode.

    Urdu in ``app`` mode: shaped and reordered (numbers kept left to right). Otherwise, and
    for English fallbacks inside the Urdu interface, unchanged.
    """
    if not is_rtl() or get_rtl_mode() != "app" or "\n" in text or not has_rtl(text):
        return text
    return visual_line(shape(text), keep_numbers_ltr=True)
