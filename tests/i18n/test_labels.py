"""One-line labels (footer, buttons, options) follow the language and the RTL mode."""

from __future__ import annotations

from tutor.i18n import set_language
from tutor.i18n.bidi import shape, visual_line
from tutor.i18n.labels import display_label
from tutor.i18n.rtl_mode import set_rtl_mode


def test_english_interface_leaves_labels_alone() -> None:
    assert display_label("سبق شروع کریں") == "سبق شروع کریں"


def test_urdu_app_mode_shapes_and_reorders() -> None:
    set_language("ur")
    shown = display_label("سبق شروع کریں")
    assert shown == visual_line(shape("سبق شروع کریں"))
    assert shown.endswith("\ufeb3")  # سـ, initial form, drawn last at the right


def test_urdu_terminal_mode_keeps_logical_order() -> None:
    set_language("ur")
    set_rtl_mode("terminal")
    assert display_label("سبق شروع کریں") == "سبق شروع کریں"


def test_english_fallback_and_multiline_text_unchanged() -> None:
    set_language("ur")
    assert display_label("Quit") == "Quit"
    assert display_label("سبق\nکام") == "سبق\nکام"


def test_amount_in_label_keeps_its_order() -> None:
    set_language("ur")
    assert "-$25.00" in display_label("فیس -$25.00")
