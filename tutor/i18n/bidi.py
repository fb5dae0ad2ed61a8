"""Right-to-left display of Urdu in terminals that do no bidi (pure: no Textual).

Windows Terminal, conhost and xterm draw characters left to right in the order they
arrive, so Urdu comes out backwards and unjoined. The tutor therefore does the work itself,
in the order UAX #9 prescribes (see docs/translating.md and RTL.md §3.3):

1. **shape** the logical text (Arabic presentation forms; harakat kept; lam-alef ligatures),
2. **wrap** it in logical order, measuring the *shaped* text (a lam-alef is one cell),
3. **reorder** each wrapped line with the paragraph direction forced right to left,
4. **right-align** the line.

Library faults worked around here (all tested in ``tests/i18n``):

* python-bidi's Rust ``get_display`` neither mirrors brackets nor keeps a zer on its letter,
  and its pure-Python module has no bracket-pair rule (N0) and crashes on isolates. We take
  the level resolution of the pure-Python module, add N0 ourselves, feed it isolates as
  embeddings, and do L1, L2 (on base + marks, so harakat stay on their letter) and L4
  (mirroring) here.
* arabic-reshaper deletes harakat by default and cannot shape ۂ and ۃ; we keep harakat,
  shape ۂ as ہ plus hamza above and ۃ as ة.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bidi.mirror import MIRRORED
from rich.cells import cell_len

from tutor.i18n.bidi_levels import resolve_levels

__all__ = [
    "BIDI_CONTROLS",
    "clear_caches",
    "has_rtl",
    "ltr_number_spans",
    "pad_line",
    "shape",
    "shape_pieces",
    "visual_line",
    "visual_lines",
    "visual_order",
    "wrap_logical",
]

# Formatting characters that steer the algorithm but must not reach the screen: conhost
# draws some of them as boxes (RTL.md §6.11).
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

_LAM_ALEF_LIGATURES = frozenset(chr(c) for c in range(0xFEF5, 0xFEFD))
_HEH_GOAL_HAMZA = "\u06c2"  # ۂ: no presentation forms; shaped as ہ + U+0654
_TEH_MARBUTA_GOAL = "\u06c3"  # ۃ: no presentation forms; shown with the forms of ة
_RESHAPER_CONFIG = {
    "delete_harakat": False,
    "support_ligatures": True,
    "ARABIC LIGATURE ALLAH": False,  # one wide glyph in one cell: letters read better
    "ARABIC LIGATURE LAM WITH ALEF": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE": True,
}

# Amounts and numbers kept left to right as a unit inside Urdu text: "$25", "-5", "10%".
_NUMBER = re.compile(r"(?<![\w$€£¥₹₨])[-+\u2212]?[$€£¥₹₨]?\d(?:[\d,.\u066b\u066c]*\d)?%?")


@lru_cache(maxsize=1)
def _reshaper():  # type: ignore[no-untyped-def]
    """Built on first use: arabic-reshaper reads its tables at construction."""
    from arabic_reshaper import ArabicReshaper

    return ArabicReshaper(configuration=_RESHAPER_CONFIG)


# Combining marks, looked up once per character: this test runs for every character drawn.
_MARKS: dict[str, bool] = {}


def _is_mark(ch: str) -> bool:
    """Whether ``ch`` is a combining mark (harakat are); remembered per character."""
    mark = _MARKS.get(ch)
    if mark is None:
        mark = _MARKS[ch] = unicodedata.category(ch) in ("Mn", "Me", "Mc")
    return mark


def has_rtl(text: str) -> bool:
    """Whether ``text`` has a right-to-left letter: Urdu gets an RTL line, English fallbacks
    (a message not yet translated) keep LTR, as RTL.md §3.6 advises."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def shape_pieces(text: str) -> list[str]:
    """Shaped text as one piece per logical character (pieces may be empty or longer).

    Keeping a piece per character lets callers carry styles (bold, links) across shaping:
    a lam-alef ligature lands on the lam's piece and the alef's piece is empty. Letters
    never join across a space, so words are shaped one by one and remembered: lesson text
    repeats its words, and arabic-reshaper is the slowest step of the display path.
    """
    if not any("\u0600" <= ch <= "\u06ff" for ch in text):
        return list(text)
    pieces: list[str] = []
    for i, word in enumerate(text.split(" ")):
        if i:
            pieces.append(" ")
        pieces.extend(_shape_word(word))
    return pieces


# Words drawn on every screen even in English (the F2 key reads "اردو/English"), shaped
# ahead of time so an English start never loads arabic-reshaper (~30 ms on an old PC).
# A test checks each entry against the reshaper's own output.
PRESHAPED: dict[str, tuple[str, ...]] = {
    "اردو/English": ("\ufe8d", "\ufead", "\ufea9", "\ufeed", *"/English"),
}


@lru_cache(maxsize=8192)
def _shape_word(word: str) -> tuple[str, ...]:
    """Pieces of one space-free word (see :func:`shape_pieces`)."""
    if not any("\u0600" <= ch <= "\u06ff" for ch in word):
        return tuple(word)
    if word in PRESHAPED:
        return PRESHAPED[word]
    prepared = word.replace(_HEH_GOAL_HAMZA, "\u06c1").replace(_TEH_MARBUTA_GOAL, "\u0629")
    pieces = _align(prepared, _reshaper().reshape(prepared))
    if pieces is None:  # reshaper did something unexpected: show it unshaped, never garbled
        return tuple(word)
    for i, ch in enumerate(word):
        if ch == _HEH_GOAL_HAMZA:
            pieces[i] += "\u0654"
    return tuple(pieces)


def _align(logical: str, shaped: str) -> list[str] | None:
    """Match each logical character to its shaped output; None when they do not line up."""
    pieces: list[str] = []
    j, n = 0, len(logical)
    while len(pieces) < n:
        if j >= len(shaped):
            return None
        out = shaped[j]
        j += 1
        pieces.append(out)
        if out in _LAM_ALEF_LIGATURES:
            while len(pieces) < n and _is_mark(logical[len(pieces)]):
                if j >= len(shaped) or shaped[j] != logical[len(pieces)]:
                    return None
                pieces.append(shaped[j])
                j += 1
            if len(pieces) >= n:
                return None
            pieces.append("")  # the alef, drawn inside the ligature
    return pieces if j == len(shaped) else None


def shape(text: str) -> str:
    """Arabic-script text in presentation forms, harakat kept, lam-alef joined."""
    return "".join(shape_pieces(text))


def ltr_number_spans(text: str) -> list[tuple[int, int]]:
    """Where numbers and amounts are (``$25``, ``-5``, ``10%``), to keep them left to right.

    Plain UBA shows ``-5`` after Urdu letters as ``5-`` and ``$25`` as ``25$``.
    """
    return [m.span() for m in _NUMBER.finditer(text)]


def visual_order(
    logical: str, base_rtl: bool = True, *, keep_numbers_ltr: bool = False
) -> list[tuple[int, bool]]:
    """Display order of one line: (logical index, mirror it?) from left to right.

    Bidi controls are left out. A base letter and the marks after it move as one cluster,
    so a zer stays on its letter. Results are remembered: a trainee paging back and forth
    through a lesson redraws the same lines.
    """
    return list(_visual_order(logical, base_rtl, keep_numbers_ltr))


@lru_cache(maxsize=4096)
def _visual_order(
    logical: str, base_rtl: bool, keep_numbers_ltr: bool
) -> tuple[tuple[int, bool], ...]:
    if not logical:
        return ()
    if base_rtl and _all_rtl(logical):  # no digits, so keep_numbers_ltr has nothing to do
        return tuple(_reversed_rtl(logical))
    return tuple(_uba_order(logical, base_rtl, keep_numbers_ltr))


def clear_caches() -> None:
    """Forget shaped words and reordered lines (benchmarks measure the cold path)."""
    _shape_word.cache_clear()
    _visual_order.cache_clear()


def _uba_order(logical: str, base_rtl: bool, keep_numbers_ltr: bool) -> list[tuple[int, bool]]:
    """The general path: resolve levels, then rules L1, L2 (by cluster) and L4."""
    base = 1 if base_rtl else 0
    force = ltr_number_spans(logical) if keep_numbers_ltr else []
    levels = resolve_levels(logical, base, force)
    _reset_trailing_whitespace(logical, levels, base)
    clusters = _clusters(logical, levels)
    if not clusters:
        return []
    _reverse_runs(clusters)
    order: list[tuple[int, bool]] = []
    for level, members in clusters:
        odd = level % 2 == 1
        for i in members:
            ch = logical[i]
            order.append((i, odd and ch in MIRRORED and unicodedata.mirrored(ch) == 1))
    return order


# Classes that resolve to level 1 in an RTL paragraph with no LTR text and no numbers.
_RTL_ONLY = frozenset({"R", "AL", "NSM", "WS", "ON", "CS", "BN"})


def _all_rtl(text: str) -> bool:
    """True for the common Urdu line with no Latin letters, digits or controls."""
    bidirectional = unicodedata.bidirectional
    return all(bidirectional(ch) in _RTL_ONLY for ch in text) and not any(
        ch in BIDI_CONTROLS for ch in text
    )


def _reversed_rtl(text: str) -> list[tuple[int, bool]]:
    """Fast path of :func:`visual_order`: every character is at level 1 (trailing spaces
    too, rule L1), so the line is reversed by clusters and every mirrored character
    mirrors; BN characters vanish (rule X9)."""
    clusters: list[list[int]] = []
    for i, ch in enumerate(text):
        if unicodedata.bidirectional(ch) == "BN":
            continue
        if clusters and clusters[-1][-1] == i - 1 and _is_mark(ch):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    return [(i, text[i] in MIRRORED) for members in reversed(clusters) for i in members]


_SEPARATORS = re.compile("[\t\x0b\x1f\n\r\x1c-\x1e\x85\u2029]")  # classes S and B


def _reset_trailing_whitespace(text: str, levels: list[int | None], base: int) -> None:
    """Rule L1: tabs and trailing spaces go to the paragraph level."""
    separators = _SEPARATORS.search(text) is not None
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        if not trailing and not separators:
            break  # nothing left to reset
        kind = unicodedata.bidirectional(text[i])
        if kind in ("S", "B"):
            levels[i] = base
            trailing = True
        elif trailing and (kind in ("WS", "BN") or text[i] in BIDI_CONTROLS):
            if levels[i] is not None:
                levels[i] = base
        else:
            trailing = False


def _clusters(text: str, levels: list[int | None]) -> list[tuple[int, list[int]]]:
    """Visible characters grouped as base + following marks, with the base's level."""
    clusters: list[tuple[int, list[int]]] = []
    for i, ch in enumerate(text):
        level = levels[i]
        if level is None or ch in BIDI_CONTROLS:
            continue
        if clusters and _is_mark(ch) and clusters[-1][1][-1] == i - 1:
            clusters[-1][1].append(i)
        else:
            clusters.append((level, [i]))
    return clusters


def _reverse_runs(clusters: list[tuple[int, list[int]]]) -> None:
    """Rule L2 on clusters: reverse runs at each level from the highest to the lowest odd."""
    levels = [level for level, _ in clusters]
    odd = [level for level in levels if level % 2]
    if not odd:
        return
    for level in range(max(levels), min(odd) - 1, -1):
        i, n = 0, len(clusters)
        while i < n:
            if clusters[i][0] < level:
                i += 1
                continue
            j = i + 1
            while j < n and clusters[j][0] >= level:
                j += 1
            if j - i > 1:
                clusters[i:j] = clusters[i:j][::-1]
            i = j


def visual_line(logical: str, base_rtl: bool = True, *, keep_numbers_ltr: bool = False) -> str:
    """Reorder ONE already-wrapped line for a terminal that draws left to right."""
    return "".join(
        MIRRORED[logical[i]] if mirror else logical[i]
        for i, mirror in visual_order(logical, base_rtl, keep_numbers_ltr=keep_numbers_ltr)
    )


# ---------------------------------------------------------------------------------------
# Wrapping and the whole display path for plain strings


def wrap_logical(text: str, width: int) -> list[str]:
    """Greedy word wrap of one paragraph by terminal cells; over-long words are cut."""
    width = max(1, width)
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while cell_len(word) > width:
            cut = _cut_at_cells(word, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def _cut_at_cells(word: str, width: int) -> int:
    """Longest prefix of ``word`` within ``width`` cells; a letter keeps its marks."""
    total = 0
    for i, ch in enumerate(word):
        total += cell_len(ch)
        if total > width:
            while i > 1 and _is_mark(word[i]):
                i -= 1
            return max(1, i)
    return len(word)


def pad_line(line: str, width: int, right: bool) -> str:
    """Pad with spaces to ``width`` cells, on the left when ``right`` aligned."""
    gap = max(0, width - cell_len(line))
    return " " * gap + line if right else line + " " * gap


def visual_lines(text: str, width: int, mode: str, base_rtl: bool = True) -> list[str]:
    """Screen lines for ``text`` at ``width`` cells.

    ``mode="app"``: shape, wrap logically, reorder each line, align. ``mode="terminal"``:
    the terminal reorders, so lines stay logical and unshaped; only the alignment is ours.
    RTL text is right-aligned, LTR text left-aligned.
    """
    if mode not in ("app", "terminal"):
        raise ValueError(f"unknown rtl mode {mode!r}")
    out: list[str] = []
    for paragraph in text.split("\n"):
        if mode == "app":
            shaped = shape(paragraph)
            for line in wrap_logical(shaped, width):
                out.append(
                    pad_line(visual_line(line, base_rtl, keep_numbers_ltr=True), width, base_rtl)
                )
        else:
            out.extend(pad_line(line, width, base_rtl) for line in wrap_logical(paragraph, width))
    return out
