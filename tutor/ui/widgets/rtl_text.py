"""Textual widgets that show Urdu right to left, whatever the terminal does.

Textual and Rich do no bidi and no Arabic shaping (RTL.md §1). Two public hooks carry the
display path of :mod:`tutor.i18n.bidi` into widgets:

* :class:`RtlVisual` (a Textual ``Visual``) for text we hold as ``Content``: shape, wrap in
  logical order with ``Content.wrap`` measuring the shaped text, reorder each line keeping
  every character's style, right-align. Used by :class:`RtlStatic` and by the blocks of
  :class:`~tutor.ui.widgets.rtl_markdown.LessonMarkdown`.
* :class:`RtlLinesMixin` (``render_line``) for widgets that wrap text themselves (buttons,
  labels, option lists): each finished line is shaped and reordered.

In ``terminal`` mode the terminal reorders, so lines stay in logical order (only right
alignment is ours); in English nothing changes.
"""

from __future__ import annotations

from itertools import accumulate
from typing import TypeVar

from bidi.mirror import MIRRORED
from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content, Span
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from tutor.i18n import is_rtl
from tutor.i18n.bidi import has_rtl, shape_pieces, visual_order
from tutor.i18n.rtl_mode import get_rtl_mode

S = TypeVar("S")

__all__ = [
    "RtlLinesMixin",
    "RtlStatic",
    "RtlVisual",
    "shape_content",
]


def shape_content(content: Content) -> Content:
    """Shaped copy of ``content`` with its spans (bold, links) moved to the shaped text."""
    plain = content.plain
    pieces = shape_pieces(plain)
    shaped = "".join(pieces)
    if shaped == plain:
        return content
    starts = [0, *accumulate(len(p) for p in pieces)]
    spans = [
        Span(starts[min(s.start, len(plain))], starts[min(s.end, len(plain))], s.style)
        for s in content.spans
    ]
    return Content(shaped, [s for s in spans if s.end > s.start])


def _styled_cells(line: Content, style: Style, get_style) -> list[tuple[str, Style]]:
    """Each character of a wrapped line with its final style."""
    cells: list[tuple[str, Style]] = []
    for text, text_style in line.render(style, end="", parse_style=get_style):
        cells.extend((ch, text_style) for ch in text)
    return cells


def _runs(chars: list[tuple[str, S]]) -> list[tuple[str, S]]:
    """Characters in display order joined into runs of one style (one segment each)."""
    runs: list[tuple[str, S]] = []
    parts: list[str] = []
    current: S | None = None
    for ch, style in chars:
        if parts and style is not current and style != current:
            runs.append(("".join(parts), current))  # type: ignore[arg-type]
            parts = []
        parts.append(ch)
        current = style
    if parts:
        runs.append(("".join(parts), current))  # type: ignore[arg-type]
    return runs


def _to_strip(chars: list[tuple[str, Style]], width: int, pad_style: Style, right: bool) -> Strip:
    """Segments padded to ``width``: on the left for right-aligned (RTL) text."""
    segments = [Segment(text, style.rich_style) for text, style in _runs(chars)]
    used = sum(cell_len(s.text) for s in segments)
    if used < width:
        pad = Segment(" " * (width - used), pad_style.rich_style)
        segments = [pad, *segments] if right else [*segments, pad]
    return Strip(segments, max(width, used))


class RtlVisual(Visual):
    """Urdu ``Content`` displayed right to left (see the module docstring)."""

    def __init__(self, content: Content, mode: str, base_rtl: bool = True) -> None:
        self.mode = mode
        self.base_rtl = base_rtl
        self.logical = content
        self.content = shape_content(content) if mode == "app" else content
        self._wrapped: tuple[int, list[Content]] = (-1, [])

    def __str__(self) -> str:
        """The text as written (logical order, unshaped), like ``str(Content)``."""
        return self.logical.plain

    def _lines(self, width: int) -> list[Content]:
        """Logical-order lines of at most ``width`` cells (cached: called per layout)."""
        width = max(1, width)
        if self._wrapped[0] != width:
            self._wrapped = (width, self.content.wrap(width))
        return self._wrapped[1]

    def get_optimal_width(self, rules, container_width: int) -> int:
        return max((line.cell_length for line in self.content.split()), default=0)

    def get_height(self, rules, width: int) -> int:
        return len(self._lines(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        lines = self._lines(width)
        if height is not None:
            lines = lines[:height]
        return [self._line_strip(line, width, style, options) for line in lines]

    def _line_strip(self, line: Content, width: int, style: Style, options) -> Strip:
        cells = _styled_cells(line, style, options.get_style)
        if self.mode == "app":
            plain = line.plain
            order = visual_order(plain, self.base_rtl, keep_numbers_ltr=True)
            cells = [(MIRRORED[plain[i]] if m else cells[i][0], cells[i][1]) for i, m in order]
        return _to_strip(cells, width, style, self.base_rtl)


class _RtlRender:
    """``render()`` that swaps a Static's Content for an :class:`RtlVisual` in Urdu."""

    rtl_mode_override: str | None = None  # the calibration screen shows both modes
    force_rtl: bool = False  # show right to left even in the English interface

    _rtl_cache: tuple[object, str, RtlVisual] | None = None

    @property
    def allow_select(self) -> bool:
        """No selection of right-to-left text: it would copy presentation forms in visual
        order, not the Urdu the trainee reads."""
        rtl = self.force_rtl or is_rtl()
        return not rtl and super().allow_select  # type: ignore[misc]

    def render(self):  # type: ignore[no-untyped-def]
        visual = super().render()  # type: ignore[misc]
        if not (self.force_rtl or is_rtl()) or not isinstance(visual, Content):
            return visual
        if not has_rtl(visual.plain):
            return visual  # English fallback text keeps its left-to-right layout
        mode = self.rtl_mode_override or get_rtl_mode()
        cached = self._rtl_cache
        if cached is None or cached[0] is not visual or cached[1] != mode:
            cached = (visual, mode, RtlVisual(visual, mode))
            self._rtl_cache = cached
        return cached[2]


class RtlStatic(_RtlRender, Static):
    """Drop-in ``Static``: Urdu is shaped, wrapped, reordered and right-aligned as needed.

    ``mode`` pins "app" or "terminal" (default: the process-wide mode); ``force_rtl`` shows
    Urdu right to left even while the interface is in English.
    """

    def __init__(
        self,
        content: object = "",
        *,
        mode: str | None = None,
        force_rtl: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(content, **kwargs)  # type: ignore[arg-type]
        self.rtl_mode_override = mode
        self.force_rtl = force_rtl


class RtlLinesMixin:
    """For widgets that wrap their own text (Button, Label, OptionList): reorder each line.

    Put it first: ``class UrduButton(RtlLinesMixin, Button)``. Only acts in Urdu + app
    mode. Use ``text-align: left`` (the logical start) in CSS: reordering moves it right.
    """

    ALLOW_SELECT = False

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)  # type: ignore[misc]
        if not is_rtl() or get_rtl_mode() != "app":
            return strip
        width = self.size.width  # type: ignore[attr-defined]
        background = self.visual_style  # type: ignore[attr-defined]
        strip = strip.extend_cell_length(width, background.rich_style)
        return reorder_strip(strip)


def reorder_strip(strip: Strip) -> Strip:
    """Shape and reorder one finished line, keeping each character's style."""
    chars = [(ch, segment.style) for segment in strip if not segment.control for ch in segment.text]
    plain = "".join(ch for ch, _ in chars)
    if not has_rtl(plain):
        return strip
    shaped = [
        (c, style)
        for piece, (_ch, style) in zip(shape_pieces(plain), chars, strict=True)
        for c in piece
    ]
    text = "".join(c for c, _ in shaped)
    order = visual_order(text, True, keep_numbers_ltr=True)
    visual = [(MIRRORED[text[i]] if m else text[i], shaped[i][1]) for i, m in order]
    segments = [Segment(run, style) for run, style in _runs(visual)]
    gap = strip.cell_length - sum(cell_len(s.text) for s in segments)
    if gap > 0:  # each lam-alef ligature is one cell narrower: keep the widget's width
        segments.insert(0, Segment(" " * gap, chars[0][1]))
    return Strip(segments, strip.cell_length)
