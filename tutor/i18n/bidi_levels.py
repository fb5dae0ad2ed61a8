"""Resolved bidi embedding levels (UAX #9 rules X1-I2) for one line.

python-bidi's Rust ``get_display`` gives only a reordered string (no levels), and its
pure-Python module has no bracket-pair rule N0 and asserts on isolates. So:

* text with explicit embeddings or isolates goes through python-bidi's pure-Python steps,
  isolates fed as embeddings, with N0 added here;
* everything else (nearly all lesson text) goes through :func:`_levels_flat`, the same
  rules on plain lists for a single level run, with runs of one type resolved as one
  slot (about 3x faster on a typical 75-character line). A property test checks both
  give the same levels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from bidi import algorithm as _uba
from bidi.mirror import MIRRORED

# LRE RLE PDF LRO RLO LRI RLI FSI PDI: the characters rules X1-X8 act on
_EXPLICIT_CHARS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NEUTRAL = frozenset({"B", "S", "WS", "ON"})


def resolve_levels(
    text: str, base_level: int, force_ltr: Sequence[tuple[int, int]] = ()
) -> list[int | None]:
    """Embedding level of each character; None for those rule X9 removes (BN, controls).

    ``force_ltr`` spans (amounts such as ``$25``, ``-5``, ``10%``) are typed as European
    numbers throughout, so each is one left-to-right unit; not as strong L, which would
    pull the neutrals between two amounts ("8 · 2") into one run and swap the amounts.
    """
    if _EXPLICIT_CHARS.search(text):
        return _levels_with_embeddings(text, base_level, force_ltr)
    bidirectional = unicodedata.bidirectional
    return _levels_flat(text, [bidirectional(ch) for ch in text], base_level, force_ltr)


@lru_cache(maxsize=1)
def _brackets() -> tuple[dict[str, str], frozenset[str]]:
    """Opening bracket -> its closing bracket (BD14-BD16), from the mirroring table."""
    openers: dict[str, str] = {}
    for ch, mirror in MIRRORED.items():
        if unicodedata.category(ch) == "Ps" and unicodedata.category(mirror) == "Pe":
            openers[ch] = mirror
    return openers, frozenset(openers.values())


def _isolates_as_embeddings(text: str) -> str:
    """LRI/RLI/FSI/PDI as LRE/RLE/PDF: python-bidi's module asserts on isolates."""
    if not any("\u2066" <= ch <= "\u2069" for ch in text):
        return text
    out = []
    for i, ch in enumerate(text):
        if ch == "\u2066":
            out.append("\u202a")
        elif ch == "\u2067":
            out.append("\u202b")
        elif ch == "\u2068":
            out.append("\u202b" if _first_strong_rtl(text[i + 1 :]) else "\u202a")
        elif ch == "\u2069":
            out.append("\u202c")
        else:
            out.append(ch)
    return "".join(out)


def _first_strong_rtl(text: str) -> bool:
    for ch in text:
        if ch == "\u2069":
            break
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _strong(kind: str) -> str | None:
    """Direction a resolved type counts as for brackets (numbers count as R, rule N0)."""
    if kind == "L":
        return "L"
    if kind in ("R", "AL", "EN", "AN"):
        return "R"
    return None


def _bracket_pairs(chars: Sequence[str], types: Sequence[str]) -> list[tuple[int, int]]:
    """BD16: pairs of matching brackets in one level run, by position of the opener."""
    openers, closers = _brackets()
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, c in enumerate(chars):
        if types[i] != "ON":
            continue
        if c in openers:
            if len(stack) == 63:
                break
            stack.append((openers[c], i))
        elif c in closers:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == c:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _resolve_bracket_pairs(storage: dict) -> None:
    """Rule N0, missing from python-bidi's pure-Python module."""
    for run in storage["runs"]:
        chars = storage["chars"][run["start"] : run["start"] + run["length"]]
        if chars:
            types = [ch["type"] for ch in chars]
            text = [ch["ch"] for ch in chars]
            _bracket_run(text, types, [ch["orig"] for ch in chars], run["sor"], chars[0]["level"])
            for ch, kind in zip(chars, types, strict=True):
                ch["type"] = kind


def _bracket_run(
    chars: Sequence[str], types: list[str], orig: Sequence[str], sos: str, level: int
) -> None:
    """Rule N0 on one level run (``types`` changed in place): a bracket pair takes the
    direction of what it holds."""
    embedding = "LR"[level % 2]
    for opener, closer in _bracket_pairs(chars, types):
        inside = {_strong(kind) for kind in types[opener + 1 : closer]} - {None}
        if embedding in inside:
            new = embedding
        elif inside:
            before = sos
            for kind in reversed(types[:opener]):
                if (strong := _strong(kind)) is not None:
                    before = strong
                    break
            new = before  # the opposite direction only if the text before has it too
        else:
            continue
        for k in (opener, closer):
            types[k] = new
            j = k + 1
            while j < len(types) and orig[j] == "NSM":
                types[j] = new
                j += 1


def _levels_with_embeddings(
    text: str, base_level: int, force_ltr: Sequence[tuple[int, int]]
) -> list[int | None]:
    """Full X1-I2 via python-bidi's steps, for text with embeddings or isolates."""
    storage = _uba.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = "LR"[base_level]
    _uba.get_embedding_levels(_isolates_as_embeddings(text), storage)
    for i, ch in enumerate(storage["chars"]):
        ch["idx"] = i
    for start, end in force_ltr:
        for ch in storage["chars"][start:end]:
            ch["type"] = "EN"
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage)
    _resolve_bracket_pairs(storage)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for ch in storage["chars"]:
        levels[ch["idx"]] = ch["level"]
    return levels


# Types whose neighbours of the same type can be resolved as one unit: the weak and neutral
# rules treat every member of such a sequence alike. Separators, terminators, marks and
# other neutrals (brackets) keep their own slot: rules W1, W4, W5 and N0 look at them singly.
_MERGEABLE = frozenset({"L", "R", "AL", "EN", "AN", "WS"})


def _levels_flat(
    text: str, types: list[str], base: int, force_ltr: Sequence[tuple[int, int]]
) -> list[int | None]:
    """Rules W1-W7, N0-N2 and I1-I2 for a paragraph that is one level run.

    Runs of the same strong, number or space type are resolved as one slot (a line of
    Urdu is some 30 slots instead of 80 characters).
    """
    types = list(types)
    for start, end in force_ltr:
        types[start:end] = ["EN"] * (end - start)
    members: list[list[int]] = []
    t: list[str] = []
    for i, kind in enumerate(types):
        if kind == "BN":  # rule X9
            continue
        if t and kind == t[-1] and kind in _MERGEABLE:
            members[-1].append(i)
        else:
            members.append([i])
            t.append(kind)
    sos = "LR"[base % 2]
    _weak_types(t, sos)
    firsts = [m[0] for m in members]
    _bracket_run([text[i] for i in firsts], t, [types[i] for i in firsts], sos, base)
    _neutral_types(t, sos, base)
    levels: list[int | None] = [None] * len(text)
    for slot, kind in zip(members, t, strict=True):
        if base % 2 == 0:
            level = base + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0)
        else:
            level = base + (0 if kind == "R" else 1)
        for i in slot:
            levels[i] = level
    return levels


def _weak_types(t: list[str], sos: str) -> None:
    """Rules W1-W7 in place, as python-bidi's module applies them."""
    prev_type = prev_strong = sos
    for i, kind in enumerate(t):
        if kind == "NSM":
            t[i] = kind = prev_type
        if kind == "EN" and prev_strong == "AL":
            t[i] = "AN"
        if kind in ("R", "L", "AL"):
            prev_strong = kind
        prev_type = t[i]
    for i, kind in enumerate(t):
        if kind == "AL":
            t[i] = "R"
    for i in range(1, len(t) - 1):
        kind, before, after = t[i], t[i - 1], t[i + 1]
        if kind == "ES" and before == after == "EN":
            t[i] = "EN"
        if kind == "CS" and before == after and before in ("AN", "EN"):
            t[i] = before
    for i, kind in enumerate(t):
        if kind == "EN":
            j = i - 1
            while j >= 0 and t[j] == "ET":
                t[j] = "EN"
                j -= 1
            j = i + 1
            while j < len(t) and t[j] == "ET":
                t[j] = "EN"
                j += 1
    prev_strong = sos
    for i, kind in enumerate(t):
        if kind in ("ET", "ES", "CS"):
            t[i] = kind = "ON"
        if kind == "EN" and prev_strong == "L":
            t[i] = "L"
        if t[i] in ("L", "R"):
            prev_strong = t[i]


def _neutral_types(t: list[str], sos: str, level: int) -> None:
    """Rules N1-N2 in place: neutrals between same directions take it, else the level's."""
    embedding = "LR"[level % 2]
    i, n = 0, len(t)
    while i < n:
        if t[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and t[j] in _NEUTRAL:
            j += 1
        before = t[i - 1] if i > 0 else sos
        after = t[j] if j < n else sos
        before = "R" if before in ("AN", "EN") else before
        after = "R" if after in ("AN", "EN") else after
        t[i:j] = [before if before == after else embedding] * (j - i)
        i = j
