"""The fast level resolver agrees with python-bidi's steps (plus N0) on any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.i18n.bidi_levels import _levels_flat, _levels_with_embeddings, resolve_levels

# Letters of both directions, digits of both kinds, separators, terminators, marks,
# brackets, spaces, LRM/RLM and a zero-width non-joiner: every class lesson text has.
ALPHABET = list(
    "سبقکتاUpwork 0123456789۰۱٢,.:/-+$%#()[]«»!؟،۔\u0650\u0651\u064b\u200e\u200f\u200c\t"
)
TEXT = st.text(alphabet=st.sampled_from(ALPHABET), max_size=40)


@settings(max_examples=400, deadline=None)
@given(text=TEXT, base=st.sampled_from([0, 1]))
def test_flat_resolver_equals_python_bidi_steps(text: str, base: int) -> None:
    types = [unicodedata.bidirectional(ch) for ch in text]
    assert _levels_flat(text, types, base, ()) == _levels_with_embeddings(text, base, ())


@settings(max_examples=100, deadline=None)
@given(text=TEXT, start=st.integers(0, 40), length=st.integers(0, 10))
def test_forced_ltr_spans_agree(text: str, start: int, length: int) -> None:
    span = [(min(start, len(text)), min(start + length, len(text)))]
    types = [unicodedata.bidirectional(ch) for ch in text]
    assert _levels_flat(text, types, 1, span) == _levels_with_embeddings(text, 1, span)


def test_embeddings_take_the_full_path() -> None:
    # LRE ... PDF raise the level of what they hold; the controls themselves vanish
    levels = resolve_levels("ا\u202ab\u202cب", 1)
    assert levels == [1, None, 2, None, 1]
