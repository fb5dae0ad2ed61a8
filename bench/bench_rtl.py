"""How much slower is an Urdu lesson to draw than an English one of the same length?

Target: at most 1.5x. Both are measured in the same run on the same machine, so the ratio
holds on an old PC even if the absolute times do not.

    .venv/bin/python bench/bench_rtl.py            # both measurements
    .venv/bin/python bench/bench_rtl.py --quick    # fewer repeats

1. **screen**: a headless Textual app mounts ``LessonMarkdown`` with the lesson and draws
   the first frame (what a trainee waits for when opening a section); English uses the
   same widget, which leaves English untouched.
2. **text path**: only turning paragraphs into screen lines at 80 columns, cold (no cache):
   Textual's own ``Content`` for English, :class:`RtlVisual` (shape, wrap, reorder) for
   Urdu. This isolates the RTL work; it is not what a user sees.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

URDU_PARAGRAPH = (
    "یہ سبق فری لانسنگ کے بارے میں ہے۔ آپ سیکھیں گے کہ Upwork اور Fiverr پر کام کیسے "
    "تلاش کریں، اپنی پروفائل کیسے بنائیں اور کِتاب سے زیادہ عملی مشق کیسے کریں۔ پہلا "
    "پروجیکٹ $25 کا ہو سکتا ہے (تقریباً Rs 7,000)، فیس 10% کٹتی ہے۔"
)
ENGLISH_PARAGRAPH = (
    "This lesson is about freelancing. You will learn how to find work on Upwork and "
    "Fiverr, how to build your profile and why practice matters more than books. A first "
    "project may pay $25 (about Rs 7,000) and the fee is 10 percent of it, taken at once."
)
PARAGRAPHS = 24


def lesson(paragraph: str) -> str:
    """PARAGRAPHS different paragraphs (words rotated), so no cache can help."""
    words = paragraph.split()
    body = "\n\n".join(" ".join(words[i:] + words[:i]) for i in range(PARAGRAPHS))
    return f"## {paragraph.split()[0]}\n\n{body}\n"


def same_length(urdu: str, english: str) -> tuple[str, str]:
    """Trim the longer text so both lessons have the same number of characters."""
    n = min(len(urdu), len(english))
    return urdu[:n], english[:n]


async def _draw_once(markdown: str, lang: str, width: int) -> float:
    """Mount the reader into a running app and draw it; returns seconds."""
    from textual.app import App

    from tutor.i18n import set_language
    from tutor.i18n.bidi import clear_caches
    from tutor.ui.widgets.rtl_markdown import LessonMarkdown

    set_language(lang)
    clear_caches()  # cold: nothing shaped or reordered before
    app = App()
    async with app.run_test(size=(width, 40)) as pilot:
        start = time.perf_counter()
        reader = LessonMarkdown(markdown)
        await app.screen.mount(reader)
        for _ in range(200):  # Markdown builds its blocks after mounting
            await pilot.pause()
            if len(reader.children) >= len(markdown.strip().split("\n\n")):
                break
        else:
            raise RuntimeError("the lesson was never drawn")
        app.screen._compositor.render_strips()
        elapsed = time.perf_counter() - start
    return elapsed


def bench_screen(repeats: int) -> tuple[float, float]:
    ur_text, en_text = lesson(URDU_PARAGRAPH), lesson(ENGLISH_PARAGRAPH)
    ur_text, en_text = same_length(ur_text, en_text)
    en, ur = [], []
    for _ in range(repeats):  # interleaved so machine noise hits both alike
        en.append(asyncio.run(_draw_once(en_text, "en", 100)))
        ur.append(asyncio.run(_draw_once(ur_text, "ur", 100)))
    return statistics.median(en), statistics.median(ur)


def bench_text_path(repeats: int) -> tuple[float, float]:
    from textual.content import Content
    from textual.style import Style
    from textual.visual import RenderOptions

    from tutor.i18n.bidi import clear_caches
    from tutor.ui.widgets.rtl_text import RtlVisual

    urdu, english = same_length(URDU_PARAGRAPH, ENGLISH_PARAGRAPH)
    options = RenderOptions(Style.parse, {})
    style = Style()

    en_paras = lesson(english).split("\n\n")[1:]
    ur_paras = lesson(urdu).split("\n\n")[1:]

    def english_pass() -> None:
        for text in en_paras:
            Content(text).render_strips(80, None, style, options)

    def urdu_pass() -> None:
        clear_caches()
        for text in ur_paras:
            RtlVisual(Content(text), "app").render_strips(80, None, style, options)

    en, ur = [], []
    for _ in range(repeats):
        for sink, fn in ((en, english_pass), (ur, urdu_pass)):
            start = time.perf_counter()
            fn()
            sink.append(time.perf_counter() - start)
    return statistics.median(en), statistics.median(ur)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 3 if args.quick else 9
    en, ur = bench_screen(repeats)
    print(
        f"screen    first frame, {PARAGRAPHS} paragraphs at 100x40: "
        f"en {en * 1000:.1f} ms  ur {ur * 1000:.1f} ms  ratio {ur / en:.2f}x (target <= 1.5x)"
    )
    en, ur = bench_text_path(repeats * 5)
    print(
        f"text path {PARAGRAPHS} paragraphs to lines at 80 cols: "
        f"en {en * 1000:.2f} ms  ur {ur * 1000:.2f} ms  ratio {ur / en:.2f}x (RTL work alone)"
    )


if __name__ == "__main__":
    main()
