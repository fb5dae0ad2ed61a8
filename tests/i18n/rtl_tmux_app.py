"""A tiny app for the tmux test: one Urdu paragraph in the mode given as argv[1]."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult

from tutor.i18n import set_language
from tutor.i18n.rtl_mode import set_rtl_mode
from tutor.ui.widgets.rtl_text import RtlStatic

TEXT = (
    "Upwork پر میرا پہلا پروجیکٹ $25 کا تھا، فیس -5 ڈالر کٹی۔ "
    "کِتاب سے زیادہ عملی مشق (practice) لازمی ہے۔"
)


class Demo(App):
    CSS = "Screen { background: black; } RtlStatic { width: 100%; }"

    def compose(self) -> ComposeResult:
        yield RtlStatic(TEXT)


if __name__ == "__main__":
    set_language("ur")
    set_rtl_mode(sys.argv[1])
    Demo().run()
