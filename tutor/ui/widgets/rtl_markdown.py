"""Lesson Markdown right to left: Urdu paragraphs, headings and lists (see ``rtl_text``).

Kept apart from ``rtl_text`` because Textual's Markdown widget pulls in markdown-it and
Pygments: screens that show no lesson (the first screen among them) do not pay for that.
"""

from __future__ import annotations

from textual.widgets import Markdown
from textual.widgets._markdown import (
    MarkdownBlock,
    MarkdownBullet,
    MarkdownBulletList,
    MarkdownH1,
    MarkdownH2,
    MarkdownH3,
    MarkdownH4,
    MarkdownH5,
    MarkdownH6,
    MarkdownListItem,
    MarkdownOrderedList,
    MarkdownParagraph,
)

from tutor.i18n import is_rtl
from tutor.i18n.bidi import has_rtl, visual_line
from tutor.i18n.rtl_mode import get_rtl_mode
from tutor.ui.widgets.rtl_text import _RtlRender


class RtlParagraph(_RtlRender, MarkdownParagraph):
    """A lesson paragraph, right to left in Urdu."""


class RtlH1(_RtlRender, MarkdownH1):
    pass


class RtlH2(_RtlRender, MarkdownH2):
    pass


class RtlH3(_RtlRender, MarkdownH3):
    pass


class RtlH4(_RtlRender, MarkdownH4):
    pass


class RtlH5(_RtlRender, MarkdownH5):
    pass


class RtlH6(_RtlRender, MarkdownH6):
    pass


def _bullet(symbol: str) -> MarkdownBullet:
    """A list marker for the right side of an Urdu list item."""
    bullet = MarkdownBullet()
    if get_rtl_mode() == "app":
        bullet.symbol = " " + visual_line(symbol.strip())
    else:
        bullet.symbol = " " + symbol.strip()
    return bullet


def _rtl_items(blocks: list[MarkdownBlock], symbols: list[str]):  # -> ComposeResult
    """List items with their marker on the right, as Urdu lists are written."""
    from textual.containers import Horizontal, Vertical

    for block, symbol in zip(blocks, symbols, strict=True):
        yield Horizontal(Vertical(*block._blocks), _bullet(symbol))


def _urdu_items(blocks: list[MarkdownBlock]) -> list[MarkdownListItem] | None:
    """The list's items if the list is Urdu text in the Urdu interface, else None.

    An English lesson shown because its Urdu is missing keeps its bullets on the left.
    """
    if not is_rtl():
        return None
    items = [b for b in blocks if isinstance(b, MarkdownListItem)]
    texts = (inner._content.plain for item in items for inner in item._blocks)
    return items if any(has_rtl(text) for text in texts) else None


class RtlBulletList(MarkdownBulletList):
    def compose(self):  # type: ignore[no-untyped-def]
        items = _urdu_items(self._blocks)
        if items is None:
            yield from super().compose()
            return
        yield from _rtl_items(items, [b.bullet for b in items])
        self._blocks.clear()


class RtlOrderedList(MarkdownOrderedList):
    def compose(self):  # type: ignore[no-untyped-def]
        items = _urdu_items(self._blocks)
        if items is None:
            yield from super().compose()
            return
        start = 1
        if items:
            try:
                start = int(items[0].bullet)
            except ValueError:
                start = 1
        yield from _rtl_items(items, [f"{n}." for n in range(start, start + len(items))])
        self._blocks.clear()


class LessonMarkdown(Markdown):
    """Drop-in ``Markdown`` for lesson sections: Urdu paragraphs, headings and lists RTL.

    Code blocks, tables and English text are left as Textual draws them.
    """

    BLOCKS = {
        **Markdown.BLOCKS,
        "paragraph_open": RtlParagraph,
        "h1": RtlH1,
        "h2": RtlH2,
        "h3": RtlH3,
        "h4": RtlH4,
        "h5": RtlH5,
        "h6": RtlH6,
        "bullet_list_open": RtlBulletList,
        "ordered_list_open": RtlOrderedList,
    }
